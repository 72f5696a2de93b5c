"""The query layer: every SQL statement the pages run lives here, parameterised.

Pages call these functions and draw; they never hold SQL of their own. User values travel as `?`
parameters; the only names put into SQL text (aggregations, grouping columns) come from the
whitelists below. One read-only DuckDB connection per warehouse file is cached
(`st.cache_resource`); query results are cached (`st.cache_data`) keyed by the warehouse path and
its modification time, so a rebuilt warehouse is read afresh.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from dashboard import comparable, format as fmt
from dashboard.filters import Filters
from etl.contract import METRIC_KEYS
from etl.taxonomy import DOMAINS

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_WAREHOUSE = ROOT / "data" / "warehouse.duckdb"
DEFAULT_RAW = ROOT / "data" / "raw"
BUILD_COMMAND = "make build   (或 / or: .venv/bin/python -m etl build)"

AGG_SQL = {"sum": "sum(value)", "max": "max(value)", "median": "median(value)", "count": "count(*)"}
GROUP_COLUMNS = {"domain": "domain", "award": "award"}
MAX_POINTS = 2000
_DASH = "'—'"
MAX_CASE_ROWS = 1000

Wh = tuple  # (path: str, mtime: float) — the hashable key of one warehouse state


class WarehouseMissing(Exception):
    """The warehouse file is absent or holds no sources: the page shows the build command instead."""


def warehouse_path() -> Path:
    return Path(os.environ.get("WAREHOUSE_PATH", DEFAULT_WAREHOUSE))


def raw_dir() -> Path:
    return Path(os.environ.get("RAW_DIR", DEFAULT_RAW))


def connect(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A plain read-only connection (uncached); raises WarehouseMissing when there is nothing to read."""
    path = path or warehouse_path()
    if not path.exists():
        raise WarehouseMissing(f"warehouse not found: {path}")
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise WarehouseMissing(f"warehouse unreadable: {path}: {exc}") from None


_OPEN: dict[str, tuple[float, duckdb.DuckDBPyConnection]] = {}
_IN_USE: dict[int, int] = {}          # id(connection) -> queries running on it
_STATE = threading.Condition()


def _connection(path: str, mtime: float) -> duckdb.DuckDBPyConnection:
    """One shared read-only connection per warehouse file, reopened when the file changes.

    DuckDB keeps one database instance per path while any connection to it is open, and a new
    `connect` to that path joins the open instance, which still reads the file that a rebuild has
    since replaced. So the connection of the previous state is closed (once the queries running on
    it have finished) before the new one opens. Caller holds `_STATE`."""
    held = _OPEN.get(path)
    if held and held[0] >= mtime:   # a page still holding an older key reads the newer state
        return held[1]
    if held:
        _STATE.wait_for(lambda: not _IN_USE.get(id(held[1])), timeout=30)
        held[1].close()
        _IN_USE.pop(id(held[1]), None)
        del _OPEN[path]
    conn = connect(Path(path))
    _OPEN[path] = (mtime, conn)
    return conn


def _run(wh: Wh, sql: str, params: list | None = None) -> pd.DataFrame:
    with _STATE:
        conn = _connection(*wh)
        _IN_USE[id(conn)] = _IN_USE.get(id(conn), 0) + 1
    try:
        cur = conn.cursor()
        try:
            return cur.execute(sql, params or []).df()
        finally:
            cur.close()
    finally:
        with _STATE:
            _IN_USE[id(conn)] -= 1
            _STATE.notify_all()


def open_warehouse(path: Path | None = None) -> Wh:
    """The key of the current warehouse; raises WarehouseMissing when absent, unreadable or empty."""
    path = Path(path or warehouse_path())
    if not path.exists():
        raise WarehouseMissing(f"warehouse not found: {path}")
    wh = (str(path), path.stat().st_mtime)
    if _source_count(wh) == 0:
        raise WarehouseMissing(f"warehouse holds no sources: {path}")
    return wh


REQUIRED = ("sources", "cases", "outcomes", "provinces", "tiers", "findings", "build_log", "v_outcomes")


@st.cache_data(show_spinner=False)
def _source_count(wh: Wh) -> int:
    """Number of sources; raises WarehouseMissing when a table or view the pages read is absent
    (a warehouse from an older build), so the page shows the build command, not a traceback."""
    names = set(_run(wh, "SELECT table_name FROM information_schema.tables")["table_name"])
    missing = [t for t in REQUIRED if t not in names]
    if missing:
        raise WarehouseMissing(f"warehouse lacks {', '.join(missing)}: rebuild it")
    return int(_run(wh, "SELECT count(*) AS n FROM sources")["n"].iloc[0])


# ---------------------------------------------------------------- filters → WHERE


def _where(f: Filters, *, metric: bool = True, prefix: str = "") -> tuple[str, list]:
    """WHERE clause (always starting with 'WHERE TRUE') for the filters; values as parameters."""
    clauses, params = ["TRUE"], []
    if f.province:
        clauses.append(f"{prefix}province_code = ?")
        params.append(f.province)
    if f.category:                    # the category filter is the case's domain (one taxonomy)
        clauses.append(f"{prefix}domain = ?")
        params.append(f.category)
    if f.year:
        clauses.append(f"{prefix}year = ?")
        params.append(int(f.year) if str(f.year).isdigit() else -1)
    if f.source:
        clauses.append(f"{prefix}source_id = ?")
        params.append(f.source)
    if metric and f.metric:
        clauses.append(f"{prefix}metric = ?")
        params.append(f.metric)
    return "WHERE " + " AND ".join(clauses), params


def _case_where(f: Filters) -> tuple[str, list]:
    """WHERE clause over `cases c` for the filters; a metric filter keeps the cases having that metric."""
    where, params = _where(f, metric=False, prefix="c.")
    if f.metric:
        where += " AND EXISTS (SELECT 1 FROM outcomes o WHERE o.case_id = c.case_id AND o.metric = ?)"
        params = params + [f.metric]
    return where, params


def parse_measure(measure: str) -> comparable.Measure:
    """'visits|次|cumulative' → Measure; raises ValueError for anything not whitelisted."""
    return comparable.parse(measure)


def _measure_clause(measure: str) -> tuple[str, list]:
    """One metric, one comparable unit, one period, totals only: the only figures a chart may put together."""
    m = parse_measure(measure)
    return (" AND metric = ? AND coalesce(comparable_unit, '') = ? AND period = ? AND NOT part_of_total",
            [m.metric, m.unit, m.period])


def _agg(agg: str) -> str:
    if agg not in AGG_SQL:
        raise ValueError(f"unknown aggregation: {agg!r}")
    return AGG_SQL[agg]


def measure_unit(measure: str) -> str:
    """The comparable unit of a measure: the unit its aggregated figures are shown in."""
    return parse_measure(measure).unit


# ---------------------------------------------------------------- options and overview


@st.cache_data(show_spinner=False)
def filter_options(wh: Wh) -> dict:
    """Choices for the sidebar: {'province': [(code, name, short, name_en)], 'category': [...],
    'source': [(source_id, label)], 'metric': [...]}."""
    prov = _run(wh, """
        SELECT province_code, name, short_name, name_en FROM provinces
        UNION
        SELECT DISTINCT province_code, province, province, province FROM cases
        WHERE province_code IS NOT NULL AND province_code NOT IN (SELECT province_code FROM provinces)
        ORDER BY province_code""")
    cats = _run(wh, "SELECT DISTINCT domain AS category FROM cases WHERE domain IS NOT NULL")
    order = {d: i for i, d in enumerate(DOMAINS)}
    years = _run(wh, "SELECT DISTINCT year FROM cases WHERE year IS NOT NULL ORDER BY year DESC")
    srcs = _run(wh, "SELECT source_id, file, title, description FROM sources ORDER BY file")
    return {
        "province": [tuple(r) for r in prov.itertuples(index=False)],
        "category": sorted(cats["category"], key=lambda d: (order.get(d, len(order)), d)),
        "year": [str(int(y)) for y in years["year"]],
        "source": [(r.source_id, fmt.source_label(r.title, r.description)) for r in srcs.itertuples()],
        "metric": list(METRIC_KEYS),
    }


@st.cache_data(show_spinner=False)
def overview(wh: Wh, f: Filters) -> dict:
    where, params = _case_where(f)
    row = _run(wh, f"""
        SELECT count(DISTINCT canonical_id) AS cases, count(*) AS listings,
               count(DISTINCT province_code) AS provinces, count(DISTINCT source_id) AS sources,
               min(year) AS year_min, max(year) AS year_max,
               (SELECT count(*) FROM provinces) AS provinces_total
        FROM cases c {where}""", params).iloc[0]
    owhere, oparams = _where(f)
    n_out = _run(wh, f"SELECT count(*) AS n FROM v_outcomes {owhere}", oparams)["n"].iloc[0]
    if f.active():
        n_src = int(row["sources"])
    else:
        n_src = int(_run(wh, "SELECT count(*) AS n FROM sources")["n"].iloc[0])
    return {"cases": int(row["cases"]), "listings": int(row["listings"]), "provinces": int(row["provinces"]),
            "sources": n_src, "outcomes": int(n_out), "provinces_total": int(row["provinces_total"]),
            "years": tuple(int(row[k]) for k in ("year_min", "year_max")) if pd.notna(row["year_min"]) else None}


@st.cache_data(show_spinner=False)
def metric_summary(wh: Wh, f: Filters) -> pd.DataFrame:
    where, params = _where(f)
    return _run(wh, f"""
        SELECT metric, count(*) AS n_outcomes, count(DISTINCT canonical_id) AS n_cases,
               count(*) FILTER (WHERE confidence = 'low') AS n_low,
               count(*) FILTER (WHERE part_of_total) AS n_parts
        FROM v_outcomes {where}
        GROUP BY metric ORDER BY metric = 'other', n_outcomes DESC, metric""", params)


@st.cache_data(show_spinner=False)
def message_column(lang: str = "zh") -> str:
    """The column holding a finding's or build-log line's message in `lang` (message_zh / message_en)."""
    return "message_en" if lang == "en" else "message_zh"


@st.cache_data(show_spinner=False)
def findings(wh: Wh, f: Filters, lang: str = "zh") -> pd.DataFrame:
    """Findings with `message` in the reader's language (the English text where none was stored)."""
    source = f.source
    return _source_titles(_run(wh, f"""
        SELECT f.severity, f.kind, coalesce(f.{message_column(lang)}, f.message) AS message, f.evidence,
               s.title AS source_title, s.description AS source_description, f.case_id,
               s.file AS source_file, f.finding_id
        FROM findings f LEFT JOIN sources s USING (source_id)
        WHERE (? IS NULL OR f.source_id = ?)
        ORDER BY CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, f.kind, f.finding_id""",
        [source, source]))


@st.cache_data(show_spinner=False)
def measure_options(wh: Wh) -> list[tuple[str, str, str, int]]:
    """(metric, comparable unit, period, number of totals) for every measure with data, largest first."""
    df = _run(wh, """
        SELECT metric, coalesce(comparable_unit, '') AS unit, period, count(*) AS n FROM outcomes
        WHERE metric <> 'other' AND NOT part_of_total
        GROUP BY ALL ORDER BY n DESC, metric, unit, period""")
    return [(r.metric, r.unit, r.period, int(r.n)) for r in df.itertuples(index=False)]


@st.cache_data(show_spinner=False)
def measures(wh: Wh) -> list[str]:
    """Metrics, those with data first (in contract order), then the others."""
    have = {m for m, *_ in measure_options(wh)}
    ordered = [m for m in METRIC_KEYS if m != "other"]
    return [m for m in ordered if m in have] + [m for m in ordered if m not in have]


@st.cache_data(show_spinner=False)
def source_labels(wh: Wh, source: str | None) -> list[str]:
    """The sources behind a view, as people name them: title (publisher, date); the file in brackets
    last, for whoever must find the document."""
    df = _run(wh, """SELECT file, title, description, publisher, CAST(published AS VARCHAR) AS published
                     FROM sources WHERE (? IS NULL OR source_id = ?) ORDER BY file""", [source, source])
    out = []
    for r in df.itertuples():
        extra = "，".join(x for x in (fmt.text(r.publisher, ""), fmt.text(r.published, "")) if x)
        out.append(fmt.source_label(r.title, r.description, max_len=80) + (f"({extra})" if extra else "")
                   + f" [{r.file}]")
    return out


# ---------------------------------------------------------------- map and rankings


def _figures(where: str, measure: str, extra: str = "", per: str = "o.province_code") -> tuple[str, list]:
    """SQL of the comparable figures of one measure: totals only, and the same figure for the same
    real-world case (canonical_id) given by several sources once per group (`per`), so that no value
    grows with the number of sources. Carries the title of each figure's source for provenance."""
    mclause, mparams = _measure_clause(measure)
    return f"""
        SELECT o.*, coalesce(s.title, o.source_file) AS source_title
        FROM v_outcomes o JOIN sources s USING (source_id)
        {where}{mclause}{extra}
        QUALIFY row_number() OVER (PARTITION BY {per}, o.canonical_id, o.value
                                   ORDER BY o.source_file, o.outcome_id) = 1""", mparams


def _aggregate(agg: str, group: str) -> str:
    """SELECT list for one group: the value, its provenance (the largest figure's case, source and
    quote: for max exactly the value's origin), and how many cases it rests on. A sum adds one figure
    per case (the case's largest), never two figures of one case."""
    if agg == "sum":
        value = f"sum(value) FILTER (WHERE rn_case = 1)"
    else:
        value = _agg(agg)
    return f"""{group}, {value} AS value, count(DISTINCT canonical_id) AS n_cases,
               first(case_title ORDER BY value DESC, source_file, outcome_id) AS from_case,
               first(source_title ORDER BY value DESC, source_file, outcome_id) AS from_source,
               first(quote ORDER BY value DESC, source_file, outcome_id) AS from_quote,
               list(DISTINCT case_title)[1:12] AS case_titles"""


def _ranked(figures_sql: str, per: str) -> str:
    """Number each case's figures in each group, largest first (rn_case = 1 is what a sum adds)."""
    return f"""SELECT *, row_number() OVER (PARTITION BY {per}, canonical_id
                                            ORDER BY value DESC, outcome_id) AS rn_case
               FROM ({figures_sql})"""


@st.cache_data(show_spinner=False)
def province_values(wh: Wh, f: Filters, measure: str | None, agg: str = "max") -> pd.DataFrame:
    """Per province: value (cases, or the measure aggregated), n_cases, up to 12 case titles and,
    for a measure, the case, source and quote of its largest figure."""
    if measure is None:
        where, params = _case_where(f)
        sql = f"""
            SELECT province_code, any_value(province) AS province, count(DISTINCT canonical_id) AS value,
                   count(DISTINCT canonical_id) AS n_cases,
                   list(title ORDER BY source_id, case_no)[1:12] AS case_titles
            FROM cases c {where} AND province_code IS NOT NULL
            GROUP BY province_code ORDER BY value DESC, province_code"""
    else:
        comparable.check_aggregation(measure, agg)
        where, params = _where(f, metric=False, prefix="o.")
        figures, mparams = _figures(where, measure, " AND o.province_code IS NOT NULL")
        sql = f"""
            SELECT {_aggregate(agg, "province_code, any_value(province) AS province")}
            FROM ({_ranked(figures, "province_code")})
            GROUP BY province_code ORDER BY value DESC, province_code"""
        params = params + mparams
    df = _run(wh, sql, params)
    df["case_titles"] = df["case_titles"].map(lambda v: " | ".join(sorted(v)) if v is not None else "")
    return df


@st.cache_data(show_spinner=False)
def city_values(wh: Wh, f: Filters) -> pd.DataFrame:
    where, params = _where(f, metric=False, prefix="c.")
    return _run(wh, f"""
        SELECT city_code, any_value(city) AS city, any_value(province) AS province,
               count(DISTINCT canonical_id) AS n_cases,
               string_agg(title, ' | ' ORDER BY title) AS case_titles
        FROM cases c {where} AND city_code IS NOT NULL
        GROUP BY city_code ORDER BY n_cases DESC, city_code""", params)


@st.cache_data(show_spinner=False)
def province_ranking(wh: Wh, f: Filters, measure: str, agg: str) -> pd.DataFrame:
    df = province_values(wh, f, measure, agg)
    df = df[["province_code", "province", "value", "n_cases", "from_case", "from_source"]].copy()
    df.insert(0, "rank", df["value"].rank(ascending=False, method="min").astype("Int64"))
    return df.sort_values(["rank", "province_code"]).reset_index(drop=True)


@st.cache_data(show_spinner=False)
def tiers(wh: Wh) -> pd.DataFrame:
    """Tier rows as the source states them; members in administrative-code order inside each tier
    (a member without a code gets it from `provinces` by full or short name). Tiers stated by a
    document of the corpus come first, then those from outside references."""
    return _run(wh, """
        SELECT t.evaluation, t.evaluator, t.year, t.level, t.tier, t.member,
               coalesce(t.member_code, p.province_code, ps.province_code) AS member_code,
               t.claimed_count,
               count(t.member) OVER (PARTITION BY t.evaluation, t.year, t.level, t.tier, t.source_id) AS named_count,
               t.source_id, t.quote,
               t.source_id IN (SELECT source_id FROM sources) AS from_document
        FROM tiers t
        LEFT JOIN provinces p ON p.name = t.member
        LEFT JOIN provinces ps ON ps.short_name = t.member
        ORDER BY from_document DESC, t.year, t.evaluation, t.level, t.source_id, t.tier,
                 member_code NULLS LAST, t.member""")


# ---------------------------------------------------------------- categories


@st.cache_data(show_spinner=False)
def group_values(wh: Wh, f: Filters, measure: str, agg: str, by: str) -> pd.DataFrame:
    col = GROUP_COLUMNS[by]
    comparable.check_aggregation(measure, agg)
    where, params = _where(f, metric=False, prefix="o.")
    figures, mparams = _figures(where, measure, per=f"o.{col}")
    df = _run(wh, f"""
        SELECT {_aggregate(agg, f'coalesce({col}, {_DASH}) AS "group"')}, count(*) AS n_outcomes
        FROM ({_ranked(figures, col)})
        GROUP BY 1 ORDER BY "group" = '—', value DESC, 1""", params + mparams)
    df["case_titles"] = df["case_titles"].map(lambda v: " | ".join(sorted(v)) if v is not None else "")
    return df


@st.cache_data(show_spinner=False)
def group_cases(wh: Wh, f: Filters, by: str) -> pd.DataFrame:
    col = GROUP_COLUMNS[by]
    where, params = _case_where(f)
    return _run(wh, f"""
        SELECT coalesce({col}, '—') AS "group", count(DISTINCT canonical_id) AS n_cases,
               count(*) AS n_listings, count(DISTINCT canonical_id) FILTER (WHERE has_text) AS n_with_text
        FROM cases c {where} GROUP BY 1 ORDER BY "group" = '—', n_cases DESC, 1""", params)


@st.cache_data(show_spinner=False)
def group_distribution(wh: Wh, f: Filters, measure: str, by: str) -> pd.DataFrame:
    col = GROUP_COLUMNS[by]
    where, params = _where(f, metric=False)
    mclause, mparams = _measure_clause(measure)
    return _run(wh, f"""
        SELECT coalesce({col}, '—') AS "group", count(*) AS n, min(value) AS min,
               quantile_cont(value, 0.25) AS q1, median(value) AS median,
               quantile_cont(value, 0.75) AS q3, max(value) AS max
        FROM v_outcomes {where}{mclause} GROUP BY 1 ORDER BY "group" = '—', 1""", params + mparams)


@st.cache_data(show_spinner=False)
def group_points(wh: Wh, f: Filters, measure: str, by: str, limit: int = MAX_POINTS) -> pd.DataFrame:
    col = GROUP_COLUMNS[by]
    where, params = _where(f, metric=False)
    mclause, mparams = _measure_clause(measure)
    return _run(wh, f"""
        SELECT coalesce({col}, '—') AS "group", value, confidence, case_title, province, outcome_id
        FROM v_outcomes {where}{mclause}
        ORDER BY hash(outcome_id), outcome_id LIMIT ?""", params + mparams + [int(limit)])


# ---------------------------------------------------------------- cases


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@st.cache_data(show_spinner=False)
def cases_table(wh: Wh, f: Filters, search: str = "", limit: int = MAX_CASE_ROWS) -> tuple[pd.DataFrame, int, int]:
    """Case listings matching the filters and a free-text search: (first `limit` rows, number of
    listings, number of distinct cases — a case restated by two sources is two listings, one case)."""
    where, params = _case_where(f)
    if search.strip():   # titles, names, place and the case's own text (its body)
        where += (r" AND (c.title ILIKE ? ESCAPE '\' OR c.short_name ILIKE ? ESCAPE '\'"
                  r" OR c.reporting_unit ILIKE ? ESCAPE '\' OR c.province ILIKE ? ESCAPE '\'"
                  r" OR c.city ILIKE ? ESCAPE '\' OR c.body ILIKE ? ESCAPE '\')")
        params = params + [_like(search.strip())] * 6
    counts = _run(wh, f"SELECT count(*) AS n, count(DISTINCT canonical_id) AS k FROM cases c {where}", params)
    total, distinct = int(counts["n"].iloc[0]), int(counts["k"].iloc[0])
    df = _run(wh, f"""
        WITH picked AS (
            SELECT c.* FROM cases c {where} ORDER BY c.source_id, c.case_no, c.case_id LIMIT ?)
        SELECT p.title, s.title AS source_title, s.description AS source_description, p.case_no, p.short_name,
               p.domain, p.domain_inferred, p.award, p.year, p.category,
               p.province, p.city, p.reporting_unit, p.has_text,
               (SELECT count(*) FROM outcomes o WHERE o.case_id = p.case_id) AS n_outcomes,
               p.case_id, s.file AS source_file, p.canonical_id
        FROM picked p JOIN sources s USING (source_id)
        ORDER BY p.source_id, p.case_no, p.case_id""", params + [int(limit)])
    return _source_titles(df), total, distinct


def _source_titles(df: pd.DataFrame) -> pd.DataFrame:
    """`source_title` as people name a source (format.source_label), `source_description` dropped."""
    if "source_description" in df.columns:
        df["source_title"] = [fmt.source_label(t, d) for t, d in zip(df["source_title"], df["source_description"])]
        df = df.drop(columns="source_description")
    return df


@st.cache_data(show_spinner=False)
def case_detail(wh: Wh, case_id: str) -> dict | None:
    df = _run(wh, """
        SELECT c.*, s.file AS source_file, s.title AS source_title, s.description AS source_description,
               s.publisher AS source_publisher, CAST(s.published AS VARCHAR) AS source_published
        FROM cases c JOIN sources s USING (source_id) WHERE c.case_id = ?""", [case_id])
    df = _source_titles(df)
    if df.empty:
        return None
    return {k: (None if pd.isna(v) else v) if not isinstance(v, (list, dict)) else v
            for k, v in df.iloc[0].to_dict().items()}


@st.cache_data(show_spinner=False)
def case_outcomes(wh: Wh, case_id: str) -> pd.DataFrame:
    return _run(wh, """
        SELECT metric, value, unit, comparable_unit, qualifier, period, part_of_total, confidence,
               before_value, after_value, quote, page, note, outcome_id, raw_start, raw_end, page_start, page_end
        FROM outcomes WHERE case_id = ? ORDER BY raw_start, outcome_id""", [case_id])


@st.cache_data(show_spinner=False)
def same_case(wh: Wh, canonical_id: str) -> pd.DataFrame:
    """Every presentation of one real-world case (same canonical_id), one row per source, with its outcomes."""
    return _source_titles(_run(wh, """
        SELECT s.title AS source_title, s.description AS source_description, c.case_no, c.title, c.category,
               c.award, c.province, c.city, c.has_text,
               (SELECT count(*) FROM outcomes o WHERE o.case_id = c.case_id) AS n_outcomes,
               c.case_id, s.file AS source_file
        FROM cases c JOIN sources s USING (source_id)
        WHERE c.canonical_id = ? ORDER BY s.file, c.case_no""", [canonical_id]))


@st.cache_data(show_spinner=False, max_entries=32)
def raw_text(file: str) -> str | None:
    """The raw file read exactly as the ETL reads it (raw_start/raw_end index this string; for a PDF,
    its page texts joined by "\f")."""
    from etl.formats import extract
    from etl.sources import UnreadableDocument

    path = raw_dir() / Path(file).name
    try:
        return extract(path, path.read_bytes()).raw_text
    except (OSError, UnreadableDocument):
        return None


# ---------------------------------------------------------------- data & method


@st.cache_data(show_spinner=False)
def sources_table(wh: Wh) -> pd.DataFrame:
    return _run(wh, """
        SELECT s.source_id, s.file, s.title, s.publisher, CAST(s.published AS VARCHAR) AS published,
               s.published_precision, s.script, s.kind,
               s.description, s.noise, s.n_chars, s.sha256,
               (SELECT count(*) FROM cases c WHERE c.source_id = s.source_id) AS n_listings
        FROM sources s ORDER BY s.file""")


@st.cache_data(show_spinner=False)
def source_arrivals(wh: Wh) -> pd.DataFrame:
    """How and when each source arrived (`arrived_via` build|upload, `arrived_at`), by file; empty when
    the warehouse predates those columns."""
    cols = set(_run(wh, "SELECT column_name FROM information_schema.columns WHERE table_name = 'sources'")
               ["column_name"])
    if not {"arrived_via", "arrived_at"} <= cols:
        return pd.DataFrame(columns=["file", "arrived_via", "arrived_at"])
    return _run(wh, """SELECT file, arrived_via, CAST(arrived_at AS VARCHAR) AS arrived_at
                       FROM sources ORDER BY file""")


@st.cache_data(show_spinner=False)
def build_log(wh: Wh, lang: str = "zh") -> pd.DataFrame:
    """Build-log lines with `message` in the reader's language (the English text where none was stored)."""
    return _run(wh, f"""
        SELECT level, coalesce({message_column(lang)}, message) AS message, file FROM build_log
        ORDER BY CASE level WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, file, message""")


def sources(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(
        "SELECT source_id, file, title, publisher, published, script FROM sources ORDER BY file"
    ).df()
