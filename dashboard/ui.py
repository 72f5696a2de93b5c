"""Streamlit helpers shared by app.py and the pages: sidebar filters ↔ query string, warehouse
state, tables and charts with their downloads. Chart and table *building* lives in plain modules."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from dashboard import columns, comparable, downloads, filters as flt, format as fmt, grid, queries, vocab
from dashboard.i18n import agg_name, metric_definition, metric_name, t

ALL = ""
CTX_KEY = "_dashboard_ctx"
SHEETS_KEY = "_page_sheets"      # the tables the running page drew, for its one workbook


@dataclass
class Ctx:
    wh: tuple | None
    filters: flt.Filters
    lang: str
    labels: dict = field(default_factory=dict)   # filter key → {value: label}
    error: str | None = None

    def t(self, key: str, **fmt) -> str:
        return t(key, self.lang, **fmt)


DROPPED_KEY = "_url_dropped"


def _init_from_url(key: str, widget_key: str, valid: list[str]) -> None:
    """The widget's first value from the URL. A value the data does not hold (a stale or mistyped
    link) is not applied, and is remembered so that the page says so instead of silently showing
    unfiltered figures as if they were the province's."""
    if widget_key not in st.session_state:
        v = st.query_params.get(key)
        st.session_state[widget_key] = v if v in valid else ALL
        if v and v not in valid:
            st.session_state.setdefault(DROPPED_KEY, {})[key] = v
    elif st.session_state[widget_key] not in valid:
        st.session_state[widget_key] = ALL


def dropped_notes(lang: str) -> list[str]:
    """One sentence per URL value that was ignored, while its filter is still unset."""
    dropped = st.session_state.get(DROPPED_KEY) or {}
    return [t("url_dropped", lang, name=t(k, lang), value=fmt.md_escape(v[:80])) for k, v in dropped.items()
            if st.session_state.get(f"f_{k}", ALL) == ALL]


def language() -> str:
    if "lang_en" not in st.session_state:
        st.session_state["lang_en"] = st.query_params.get(flt.LANG_KEY) == "en"
    return "en" if st.session_state["lang_en"] else "zh"


def clear_filters() -> None:
    for k in flt.KEYS:
        st.session_state[f"f_{k}"] = ALL


def setup_sidebar() -> Ctx:
    """Open the warehouse, draw the sidebar (language + four filters), sync the query string."""
    lang = language()
    st.sidebar.toggle(t("english", lang), key="lang_en")
    try:
        wh = queries.open_warehouse()
    except queries.WarehouseMissing as exc:
        ctx = Ctx(None, flt.Filters(), lang, error=str(exc))
        st.session_state[CTX_KEY] = ctx
        st.session_state[CTX_KEY + "_last"] = ctx   # the URL's filters are left as they are, for after the build
        return ctx
    opts = queries.filter_options(wh)
    name_i = 3 if lang == "en" else 1
    labels = {
        "province": {p[0]: p[name_i] or p[1] for p in opts["province"]},
        "category": {c: vocab.domain(c, lang) for c in opts["category"]},
        "year": {y: (y if lang == "en" else f"{y}年") for y in opts["year"]},
        "source": dict(opts["source"]),
        "metric": {m: metric_name(m, lang) for m in opts["metric"]},
    }
    st.sidebar.header(t("filters", lang))
    values = {}
    for k in flt.KEYS:
        choices = [ALL] + list(labels[k])
        _init_from_url(k, f"f_{k}", choices)
        values[k] = st.sidebar.selectbox(
            t(k, lang), choices, key=f"f_{k}",
            format_func=lambda v, k=k: t("all", lang) if v == ALL else labels[k].get(v, v))
    st.sidebar.button(t("clear_filters", lang), on_click=clear_filters)
    st.sidebar.caption(t("share_hint", lang))
    f = flt.Filters(**{k: (v or None) for k, v in values.items()})
    ctx = Ctx(wh, f, lang, labels)
    st.session_state[CTX_KEY] = ctx
    st.session_state[CTX_KEY + "_last"] = ctx       # for the page workbook, drawn after the page
    st.session_state[SHEETS_KEY] = []
    _write_params(ctx)
    return ctx


def _write_params(ctx: Ctx) -> None:
    wanted = ctx.filters.as_params()
    if ctx.lang == "en":
        wanted[flt.LANG_KEY] = "en"
    current = {k: st.query_params.get(k) for k in (*flt.KEYS, flt.LANG_KEY) if k in st.query_params}
    if current != wanted:
        for k in (*flt.KEYS, flt.LANG_KEY):
            if k in wanted:
                st.query_params[k] = wanted[k]
            elif k in st.query_params:
                del st.query_params[k]


def set_province(code: str | None) -> None:
    """Set the province filter (from a map click); call from a widget callback, before the sidebar runs."""
    st.session_state["f_province"] = code or ALL
    if code:
        st.query_params["province"] = code
    elif "province" in st.query_params:
        del st.query_params["province"]


def context(need_warehouse: bool = True) -> Ctx:
    """The page's context; with no usable warehouse, show the build command and stop the page
    (unless the page works without one: `need_warehouse=False`, e.g. 添加文档)."""
    # app.py leaves the context of *this* run, and the page pops it. No context means the page ran
    # without app.py: Streamlit's MPA-v1 fallback for a folder named `pages/` beside the main script,
    # which a fresh server uses until the first st.navigation call — so a shared deep link
    # (/map?province=…) as a server's first request would get v1 navigation and no sidebar. Switch
    # to v2 the way st.navigation itself does, and rerun through app.py.
    ctx = st.session_state.pop(CTX_KEY, None)
    if ctx is None:
        from streamlit.runtime.pages_manager import PagesManager

        if PagesManager.uses_pages_directory:
            PagesManager.uses_pages_directory = False
            st.rerun()
        ctx = setup_sidebar()
    if ctx.wh is None and need_warehouse:
        st.warning(f"{t('missing_title', ctx.lang)}: {ctx.error}")
        st.markdown(t("missing_body", ctx.lang))
        st.code(queries.BUILD_COMMAND, language="bash")
        st.stop()
    for note in dropped_notes(ctx.lang):
        st.warning(note, icon=":material/link_off:")
    return ctx


# ---------------------------------------------------------------- tables, charts, downloads


def _view_words(ctx: Ctx) -> list[str]:
    """The filter values of the view as words (山东省, 访问量), for file names."""
    return [ctx.labels.get(k, {}).get(v, v) for k, v in ctx.filters.as_params().items()]


def view_link(ctx: Ctx) -> str:
    """The link that reopens this view (the page, its filters and language)."""
    import urllib.parse

    params = ctx.filters.as_params()
    if ctx.lang == "en":
        params[flt.LANG_KEY] = "en"
    try:
        base = st.context.url or ""
    except Exception:  # noqa: BLE001 — no browser context (tests, bare mode)
        base = ""
    query = urllib.parse.urlencode(params)
    return (base or "/") + (f"?{query}" if query else "")


def _notes(ctx: Ctx, title: str) -> list[list[str]]:
    return downloads.notes_rows(title, flt.describe(ctx.filters, ctx.labels, ctx.lang),
                                queries.source_labels(ctx.wh, ctx.filters.source), view_link(ctx), ctx.lang)


def _xlsx_or_message(ctx: Ctx, build) -> bytes:
    """The workbook, or, when it cannot be built, a workbook that says so (never nothing)."""
    try:
        return build()
    except Exception as exc:  # noqa: BLE001 — any failure must reach the reader as a message
        return downloads.failure_xlsx(t("download_failed", ctx.lang, error=f"{type(exc).__name__}: {exc}"), ctx.lang)


def download_buttons(ctx: Ctx, p: columns.Presented | pd.DataFrame, name: str, title: str, key: str) -> None:
    """CSV and XLSX of one table: its shown columns, its figures as numbers, its ids last (a plain
    DataFrame is taken as already made for reading)."""
    if isinstance(p, pd.DataFrame):
        p = columns.Presented(p, pd.DataFrame(), p, [])
    words = [title] + _view_words(ctx)
    sheet = downloads.Sheet(title, p.download, tuple(p.number_cols))
    st.session_state.setdefault(SHEETS_KEY, []).append(sheet)
    row = st.container(horizontal=True)
    row.download_button(t("download_csv", ctx.lang), data=downloads.to_csv(p.download),
                        file_name=downloads.file_name(*words, ext="csv"),
                        mime="text/csv", key=f"dl_csv_{key}", on_click="ignore", icon=":material/download:")
    notes = _notes(ctx, title)    # now, in the page's run: the link needs the browser's context
    row.download_button(t("download_xlsx", ctx.lang),
                        data=lambda: _xlsx_or_message(ctx, lambda: downloads.workbook([sheet], notes, ctx.lang)),
                        file_name=downloads.file_name(*words, ext="xlsx"),
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        key=f"dl_xlsx_{key}", on_click="ignore", icon=":material/table:")


def page_workbook(page_title: str) -> None:
    """One workbook for the page: every table it drew this run, a sheet each, then 说明 (sidebar)."""
    ctx = st.session_state.get(CTX_KEY + "_last")
    sheets = list(st.session_state.get(SHEETS_KEY) or [])
    if ctx is None or ctx.wh is None or not sheets:
        return
    notes = _notes(ctx, page_title)
    st.sidebar.download_button(
        t("download_page", ctx.lang), help=t("download_page_help", ctx.lang),
        data=lambda: _xlsx_or_message(ctx, lambda: downloads.workbook(sheets, notes, ctx.lang)),
        file_name=downloads.file_name(page_title, *_view_words(ctx), ext="xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="dl_page_xlsx", on_click="ignore", icon=":material/table_view:")


def _tech(ctx: Ctx, p: columns.Presented, key: str) -> None:
    if len(p.tech.columns):
        with st.expander(t("tech_info", ctx.lang), expanded=False):
            st.caption(t("tech_info_note", ctx.lang))
            grid.show(p.tech, f"tech_{key}", lang=ctx.lang)


def table(ctx: Ctx, df: pd.DataFrame, name: str, title: str, key: str, *, unit: str | None = None,
          values: dict[str, str | None] | None = None, links: tuple[str, str, list[str]] | None = None,
          highlight: list[bool] | None = None, numbers: dict | None = None, **kwargs) -> columns.Presented:
    """A table as readers read it (columns.present), its ids in 技术信息, and its downloads.
    `df` holds warehouse columns; `unit`/`values` say what unit its figures are in; `links`
    (header, link text, one URL per row) adds a link column on screen only; `highlight` marks rows;
    `numbers` (header → one number per row) sorts a column the page wrote as text by those numbers."""
    p = columns.present(df, ctx.lang, unit, values, ctx.labels.get("province"))
    p.figures.update(numbers or {})
    if "height" not in kwargs and len(p.shown) <= 20:
        kwargs["height"] = fit_height(len(p.shown))      # small tables in full, no inner scrolling
    shown, link_cols = p.shown, {}
    if links:
        header, text, urls = links
        shown, link_cols = shown.assign(**{header: urls}), {header: text}
    grid.show(shown, f"tbl_{key}", lang=ctx.lang, numbers=p.figures, highlight=highlight, links=link_cols,
              **kwargs)
    _tech(ctx, p, key)
    download_buttons(ctx, p, name, title, key)
    return p


def fit_height(rows: int) -> int:
    """The grid's height that shows `rows` rows and its header without inner scrolling."""
    return 35 * (rows + 1) + 3


def table_or_note(ctx: Ctx, df: pd.DataFrame, name: str, title: str, key: str, **kwargs) -> None:
    """`table`, or a note that there is nothing yet when `df` is empty (no empty grid, no empty download)."""
    if df.empty:
        st.info(ctx.t("no_data_yet"))
    else:
        table(ctx, df, name, title, key, **kwargs)


def chart(ctx: Ctx, fig, df: pd.DataFrame, name: str, title: str, key: str, config: dict | None = None,
          *, unit: str | None = None, values: dict[str, str | None] | None = None, **kwargs):
    """A plotly chart (PNG from its modebar), then the data drawn, as a table and downloads."""
    from dashboard.charts import CONFIG

    event = st.plotly_chart(fig, config=config or CONFIG, key=f"fig_{key}", **kwargs)
    p = columns.present(df, ctx.lang, unit, values, ctx.labels.get("province"))
    with st.expander(t("chart_data", ctx.lang)):
        grid.show(p.shown, f"tbl_{key}", lang=ctx.lang, numbers=p.figures)
        if len(p.tech.columns):
            st.caption(t("tech_info", ctx.lang))
            grid.show(p.tech, f"tech_{key}", lang=ctx.lang)
    download_buttons(ctx, p, name, title, key)
    return event


def _keep_valid(key: str, valid: list[str]) -> None:
    """A widget's stored value that is no longer a choice (another metric was picked) falls back to the first."""
    if st.session_state.get(key) not in valid:
        st.session_state[key] = valid[0]


def measure_controls(ctx: Ctx, key: str, default_agg: str = "max") -> tuple[str, str]:
    """Metric, then its period and unit where it has several, and an aggregation the measure allows.

    Returns the measure key ('visits|次|cumulative') and the aggregation. Figures of different units or
    periods are never put together; the cumulative figure is the default; sum is offered only where
    adding is meaningful, and the page says why when it is not.
    """
    options = queries.measures(ctx.wh)
    preferred = ctx.filters.metric if ctx.filters.metric in options else None
    mkey, pkey, ukey, akey = (f"{p}_{key}" for p in ("measure", "period", "unit", "agg"))
    if preferred and st.session_state.get(f"_pref_{key}") != preferred:
        st.session_state[mkey] = preferred          # follow a newly chosen sidebar metric
    st.session_state[f"_pref_{key}"] = preferred
    _keep_valid(mkey, options)
    # Metric on its own row, then period and unit side by side, then the aggregation: in the tier page's
    # half-width column four controls in one row cut their values to "cum…"/"per…".
    metric = st.selectbox(t("metric", ctx.lang), options, key=mkey, format_func=lambda m: metric_name(m, ctx.lang))
    by_period = comparable.choices(queries.measure_options(ctx.wh), metric) or {comparable.DEFAULT_PERIOD: [""]}
    periods = list(by_period)
    if st.session_state.get(f"_metric_{key}") != metric:    # another metric: its own defaults
        st.session_state[f"_metric_{key}"] = metric
        st.session_state[pkey] = periods[0]
        st.session_state[ukey] = by_period[periods[0]][0]
    _keep_valid(pkey, periods)
    c_period, c_unit = st.columns(2)
    period = c_period.selectbox(t("period", ctx.lang), periods, key=pkey, disabled=len(periods) == 1,
                          format_func=lambda p: comparable.period_name(p, ctx.lang))
    units = by_period[period]
    _keep_valid(ukey, units)
    unit = c_unit.selectbox(t("unit", ctx.lang), units, key=ukey, disabled=len(units) == 1,
                        format_func=lambda u: fmt.unit_word(u, ctx.lang) or fmt.DASH)
    measure = comparable.Measure(metric, unit, period).key
    aggs = list(comparable.aggregations(measure))
    if akey not in st.session_state:
        st.session_state[akey] = default_agg
    _keep_valid(akey, aggs)
    agg = st.radio(t("aggregation", ctx.lang), aggs, key=akey, horizontal=True,
                   format_func=lambda a: agg_name(a, ctx.lang))
    st.caption(f"**{metric_name(metric, ctx.lang)}** — {metric_definition(metric, ctx.lang)}")
    reason = comparable.no_sum_reason(measure, ctx.lang)
    if reason:
        st.caption(t("no_sum", ctx.lang, reason=reason))
    return measure, agg


def with_origin(ctx: Ctx, values: pd.DataFrame, agg: str) -> pd.DataFrame:
    """Province values whose case list starts with where the value comes from ('数值来自:<case>(<source>)'),
    for map hovers: with max, the value is one figure of one case in one source."""
    if agg != "max" or "from_case" not in values or values.empty:
        return values
    origin = [t("value_from", ctx.lang, case=c, source=s) for c, s in zip(values["from_case"], values["from_source"])]
    titles = [f"{o} | {rest}" if rest else o for o, rest in zip(origin, values["case_titles"])]
    return values.assign(case_titles=titles)


def domain_text(ctx: Ctx, domain, inferred) -> str | None:
    """'政务服务(由文本推断)': a case's domain, saying when it was inferred from the text."""
    if not domain:
        return None
    name = vocab.domain(domain, ctx.lang)
    return name + vocab.paren(t("inferred", ctx.lang), ctx.lang) if inferred else name


def year_text(ctx: Ctx, year, basis) -> str | None:
    """'2022(评选年份)': a case's year and what it is the year of."""
    if year is None or basis is None:
        return None
    return f"{int(year)}{vocab.paren(columns.code_word('year_basis', basis, ctx.lang), ctx.lang)}"


def measure_label(ctx: Ctx, measure: str, agg: str | None = None) -> str:
    """'访问量 · 累计 · 最大值 (次)': everything a reader needs to know what a value is."""
    m = comparable.parse(measure)
    parts = [metric_name(m.metric, ctx.lang), comparable.period_name(m.period, ctx.lang)]
    if agg:
        parts.append(agg_name(agg, ctx.lang))
    unit = f" ({fmt.unit_word(m.unit, ctx.lang)})" if m.unit and agg != "count" else ""
    return " · ".join(parts) + unit


def agg_caption(ctx: Ctx, measure: str, agg: str) -> str:
    m = comparable.parse(measure)
    unit = fmt.unit_word(m.unit, ctx.lang) if agg != "count" else t("agg_count", ctx.lang)
    unit = f"{unit} · {comparable.period_name(m.period, ctx.lang)}"
    note = t("agg_note", ctx.lang, agg=agg_name(agg, ctx.lang), unit=unit)
    if agg == "max":
        note += " " + t("max_default_note", ctx.lang)
    if agg == "sum":
        note += " " + t("sum_note", ctx.lang)
    return note
