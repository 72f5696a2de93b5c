"""Queries of the province profile (省份画像) and the province comparison: one province's tiers,
cases, comparable figures with their rank among provinces, cities, sources and findings.

Part of the query layer (SQL parameterised, results cached per warehouse state like
`dashboard/queries.py`, whose connection it uses); kept in its own module so that the general
query module stays small. Figures are compared only within one measure of dashboard/comparable.py:
the same metric, the same unit and the same period (a daily figure is never ranked against a
cumulative one, persons never against visits, a percent never against a count).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.comparable import DEFAULT_PERIOD   # the team's one default period
from dashboard.queries import Wh, _run, message_column, tiers

PERIOD_ORDER = ("cumulative", "annual", "daily", "peak_daily", "unspecified")
MAX_HEADLINES = 3


@st.cache_data(show_spinner=False)
def metric_ranks(wh: Wh) -> pd.DataFrame:
    """Every province's best figure per comparable measure (metric, comparable unit, period: the measure
    of dashboard/comparable.py — 人 is not 次, a daily peak is not a total), with its
    rank among the provinces having a figure in that group ('第 rank / n_provinces'). Column `unit`
    is the comparable unit (`outcomes.comparable_unit`: 起 and 件 of events rank together).

    The best figure is the largest one (platform totals overlap, so they are never summed); parts of
    a total and unclassified quantities are left out. The case and quote of that figure come along
    so the page can say where it is from."""
    return _run(wh, """
        WITH f AS (
            SELECT province_code, metric, coalesce(comparable_unit, '') AS unit, period,
                   max(value) AS value, coalesce(comparable_unit, '') = '%' AS pct,
                   arg_max(case_title, value) AS case_title,
                   arg_max(case_id, value) AS case_id, arg_max(quote, value) AS quote,
                   arg_max(qualifier, value) AS qualifier,
                   count(DISTINCT canonical_id) AS n_cases
            FROM v_outcomes
            WHERE metric <> 'other' AND NOT part_of_total AND province_code IS NOT NULL
            GROUP BY province_code, metric, coalesce(comparable_unit, ''), period)
        SELECT *, rank() OVER (PARTITION BY metric, unit, period ORDER BY value DESC) AS rank,
               count(*) OVER (PARTITION BY metric, unit, period) AS n_provinces
        FROM f ORDER BY metric, unit, period, rank, province_code""")


def province_ranks(ranks: pd.DataFrame, code: str, period: str | None = DEFAULT_PERIOD) -> pd.DataFrame:
    """The rows of `metric_ranks` for one province; `period=None` keeps every period."""
    rows = ranks[ranks["province_code"] == code]
    if period:
        rows = rows[rows["period"] == period]
    order = {p: i for i, p in enumerate(PERIOD_ORDER)}
    return rows.assign(_p=rows["period"].map(order).fillna(len(order))).sort_values(
        ["metric", "unit", "_p"]).drop(columns="_p").reset_index(drop=True)


@st.cache_data(show_spinner=False)
def province_cases(wh: Wh, code: str) -> pd.DataFrame:
    """One row per real-world case (canonical_id) placed in the province: its title as the first
    source gives it, city, categories and awards as the sources give them, how many sources list it,
    and up to three headline outcomes (largest first, one per metric, never a part of a total)."""
    cases = _run(wh, """
        SELECT canonical_id,
               arg_min(title, source_id || lpad(CAST(case_no AS VARCHAR), 6, '0')) AS title,
               arg_min(case_id, source_id || lpad(CAST(case_no AS VARCHAR), 6, '0')) AS case_id,
               any_value(short_name) AS short_name, any_value(city) AS city, any_value(city_code) AS city_code,
               string_agg(DISTINCT category, '、') AS category, string_agg(DISTINCT award, '、') AS award,
               count(*) AS n_listings, count(DISTINCT source_id) AS n_sources
        FROM cases WHERE province_code = ?
        GROUP BY canonical_id ORDER BY min(source_id), min(case_no)""", [code])
    heads = _run(wh, """
        SELECT canonical_id, metric, value, unit, qualifier, period FROM (
            SELECT canonical_id, metric, value, unit, qualifier, period,
                   row_number() OVER (PARTITION BY canonical_id, metric ORDER BY value DESC, outcome_id) AS k
            FROM v_outcomes
            WHERE province_code = ? AND metric <> 'other' AND NOT part_of_total AND confidence <> 'low')
        WHERE k = 1
        QUALIFY row_number() OVER (PARTITION BY canonical_id ORDER BY value DESC, metric) <= ?
        ORDER BY canonical_id, value DESC""", [code, MAX_HEADLINES])
    return cases, heads


@st.cache_data(show_spinner=False)
def province_cities(wh: Wh, code: str) -> pd.DataFrame:
    """Cities of the province with cases: distinct cases (canonical_id) and listings per city."""
    return _run(wh, """
        SELECT city_code, any_value(city) AS city, count(DISTINCT canonical_id) AS n_cases,
               count(*) AS n_listings, string_agg(DISTINCT title, ' | ') AS case_titles
        FROM cases WHERE province_code = ? AND city_code IS NOT NULL
        GROUP BY city_code ORDER BY n_cases DESC, city_code""", [code])


def province_tiers(all_tiers: pd.DataFrame, code: str) -> pd.DataFrame:
    """The tier rows naming the province, with the source's contradiction (claimed ≠ named) kept."""
    if all_tiers.empty:
        return all_tiers
    rows = all_tiers[all_tiers["member_code"] == code].copy()
    claimed = rows["claimed_count"]
    rows["contradiction"] = claimed.notna() & (claimed.astype("Float64") != rows["named_count"].astype("Float64"))
    return rows.reset_index(drop=True)


@st.cache_data(show_spinner=False)
def province_sources(wh: Wh, code: str) -> pd.DataFrame:
    """Sources with cases in the province or naming it in a tier, with how many of each."""
    return _run(wh, """
        SELECT s.source_id, s.file, s.title, s.publisher, CAST(s.published AS VARCHAR) AS published,
               (SELECT count(*) FROM cases c WHERE c.source_id = s.source_id AND c.province_code = ?) AS n_listings,
               (SELECT count(*) FROM tiers t WHERE t.source_id = s.source_id AND t.member_code = ?) AS n_tier_rows
        FROM sources s
        WHERE EXISTS (SELECT 1 FROM cases c WHERE c.source_id = s.source_id AND c.province_code = ?)
           OR EXISTS (SELECT 1 FROM tiers t WHERE t.source_id = s.source_id AND t.member_code = ?)
        ORDER BY s.file""", [code] * 4)


@st.cache_data(show_spinner=False)
def province_findings(wh: Wh, code: str, names: tuple[str, ...], lang: str = "zh") -> pd.DataFrame:
    """Findings about the province: those of its cases, and those whose message or evidence names it
    (full or short name; e.g. a tier count that does not match the provinces it lists)."""
    names = tuple(n for n in names if n and len(n) >= 2)
    name_sql = " OR ".join(["strpos(f.message || coalesce(f.evidence, ''), ?) > 0"] * len(names)) or "FALSE"
    return _run(wh, f"""
        SELECT f.severity, f.kind, coalesce(f.{message_column(lang)}, f.message) AS message, f.evidence,
               s.file AS source_file, f.case_id, f.finding_id
        FROM findings f LEFT JOIN sources s USING (source_id)
        WHERE f.case_id IN (SELECT case_id FROM cases WHERE province_code = ?) OR {name_sql}
        ORDER BY CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, f.kind, f.finding_id""",
        [code, *names])


def all_province_tiers(wh: Wh, code: str) -> pd.DataFrame:
    return province_tiers(tiers(wh), code)


@st.cache_data(show_spinner=False)
def case_counts(wh: Wh) -> pd.DataFrame:
    """Every province (all 34, zero where none) with its distinct cases (canonical_id) and listings,
    ranked by distinct cases."""
    return _run(wh, """
        SELECT p.province_code, p.name, p.short_name, p.name_en,
               count(DISTINCT c.canonical_id) AS n_cases, count(c.case_id) AS n_listings,
               rank() OVER (ORDER BY count(DISTINCT c.canonical_id) DESC) AS rank
        FROM provinces p LEFT JOIN cases c USING (province_code)
        GROUP BY ALL ORDER BY n_cases DESC, p.province_code""")


def profile_link(code: str, lang: str = "zh") -> str:
    """The relative link to a province's profile (what every map and ranking links to)."""
    return f"province?province={code}" + ("&lang=en" if lang == "en" else "")

