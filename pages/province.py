"""省份画像 Province profile (`/province?province=CODE`): one province's tier memberships, its cases
with their headline outcomes, its best comparable figure per metric with its rank among provinces,
its cities on a map, its sources and the findings about it; and a one-click DOCX briefing."""
import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import comparable, format as fmt, maps, profile, province_map, queries, report, ui, vocab
from dashboard.i18n import metric_name

ctx = ui.context()
L = ctx.t
lang = ctx.lang
opts = queries.filter_options(ctx.wh)
names = {p[0]: (p[3] if lang == "en" else p[1]) or p[1] for p in opts["province"]}
code = ctx.filters.province

st.title(L("page_province") + (f" · {names.get(code, code)}" if code else ""))


def _pick():
    ui.set_province(st.session_state.get("profile_pick") or None)


st.session_state["profile_pick"] = code or ""
st.selectbox(L("profile_pick"), [""] + list(names), key="profile_pick", on_change=_pick,
             format_func=lambda c: names.get(c, "—") if c else "—")
if not code:
    st.info(L("profile_none"))
    st.stop()
name = names.get(code, code)
st.caption(L("profile_scope"))

def value_text(value, unit, qualifier=None) -> str:
    return fmt.quantity(value, unit, lang, qualifier)


def period_text(p) -> str:
    return comparable.period_name(p, lang)


# ---------------------------------------------------------------- data
cases, heads = profile.province_cases(ctx.wh, code)
cities = profile.province_cities(ctx.wh, code)
ptiers = profile.all_province_tiers(ctx.wh, code)
srcs = profile.province_sources(ctx.wh, code)
ranks_all = profile.metric_ranks(ctx.wh)
short = next((p[2] for p in opts["province"] if p[0] == code), None)
found = profile.province_findings(ctx.wh, code, (next((p[1] for p in opts["province"] if p[0] == code), ""), short or ""),
                                  lang)
source_title = {r.source_id: (r.title if isinstance(r.title, str) and r.title else r.file) for r in
                queries.sources_table(ctx.wh).itertuples()}

briefing_slot = st.container()
k1, k2, k3, k4 = st.columns(4)
k1.metric(L("profile_cases_kpi"), f"{len(cases):,}", help=L("def_cases"))
k1.caption(L("profile_listings", n=int(cases["n_listings"].sum()) if not cases.empty else 0))
k2.metric(L("profile_cities_kpi"), f"{len(cities):,}")
k3.metric(L("profile_tiers_kpi"), f"{len(ptiers):,}")
k4.metric(L("profile_sources_kpi"), f"{len(srcs):,}")
if cases.empty:
    st.warning(L("profile_no_cases", name=name))

# ---------------------------------------------------------------- tiers
st.subheader(L("tiers_of"))
tier_table = pd.DataFrame()
if ptiers.empty:
    st.info(L("no_tiers"))
else:
    for r in ptiers[ptiers["contradiction"]].drop_duplicates(["source_id", "tier", "year"]).itertuples():
        st.warning(L("tier_contradiction", source=source_title.get(r.source_id, r.source_id), tier=vocab.tier(r.tier, lang),
                     claimed=int(r.claimed_count), named=int(r.named_count)))
    tier_rows = ptiers.assign(source_title=[source_title.get(s, s) for s in ptiers["source_id"]])[
        ["year", "evaluation", "evaluator", "level", "tier", "source_title", "quote"]]
    tier_table = ui.table(ctx, tier_rows, "profile_tiers", f"{name} — {L('tiers_of')}", "profile_tiers").shown

# ---------------------------------------------------------------- figures and ranks
st.subheader(L("figures_ranks"))
st.caption(L("ranks_note"))
period = st.radio(L("period"), [profile.DEFAULT_PERIOD, "all"], horizontal=True, key="profile_period",
                  format_func=lambda p: L("all_periods") if p == "all" else period_text(p))
mine = profile.province_ranks(ranks_all, code, None if period == "all" else period)
hidden = len(profile.province_ranks(ranks_all, code, None)) - len(mine)
rank_table = pd.DataFrame()
if mine.empty:
    st.info(L("no_figures"))
else:
    rank_table = pd.DataFrame({
        L("metric"): [metric_name(m + ("|%" if p else ""), lang) for m, p in zip(mine["metric"], mine["pct"])],
        L("period"): [period_text(p) for p in mine["period"]],
        L("best_figure"): [value_text(v, u, q) for v, u, q in zip(mine["value"], mine["unit"], mine["qualifier"])],
        L("rank"): [L("rank_of", rank=int(r), n=int(n)) for r, n in zip(mine["rank"], mine["n_provinces"])],
        L("from_case"): mine["case_title"],
        L("quote"): mine["quote"],
    })
    ui.table(ctx, rank_table, "profile_ranks", f"{name} — {L('figures_ranks')}", "profile_ranks",
             numbers={L("best_figure"): mine["value"], L("rank"): mine["rank"]})     # sorted as numbers
if hidden > 0:
    st.caption(L("ranks_hidden", n=hidden))

# ---------------------------------------------------------------- cases
st.subheader(L("profile_cases"))
case_table = pd.DataFrame()
if cases.empty:
    st.info(L("profile_no_cases", name=name))
else:
    head_text = {}
    for cid, rows in heads.groupby("canonical_id", sort=False):
        head_text[cid] = "; ".join(f"{metric_name(m, lang)} {value_text(v, u, q)}" for m, v, u, q in
                                   zip(rows["metric"], rows["value"], rows["unit"], rows["qualifier"]))
    case_rows = cases[["title", "city", "city_code", "category", "award"]].assign(
        **{L("headline"): [head_text.get(c, "—") for c in cases["canonical_id"]], "n_sources": cases["n_sources"]})
    links = ["cases?case=" + c + ("&lang=en" if lang == "en" else "") for c in cases["case_id"]]
    case_table = ui.table(ctx, case_rows, "profile_cases", f"{name} — {L('profile_cases')}", "profile_cases",
                          links=(L("open_case"), L("open"), links), height=min(ui.fit_height(len(case_rows)), 600)).shown

# ---------------------------------------------------------------- cities
st.subheader(L("cities_map"))
if cities.empty:
    st.info(L("no_cities"))
else:
    try:
        geo = maps.load_geo()
    except maps.GeoMissing:
        geo = None
    if geo is not None:
        points, missing = province_map.city_points(cities, geo["true_cities"])
        points = points.assign(city=vocab.places(points["city"], points["city_code"], lang))
        fig = province_map.figure(geo, code, name, points, label=L("n_cases"))
        st.plotly_chart(fig, config=maps.PLOTLY_CONFIG, key="fig_profile_map")
        if not missing.empty:
            st.caption(L("cities_without_point",
                         names=vocab.join(vocab.places(missing["city"], missing["city_code"], lang), lang)))
    ui.table(ctx, cities[["city", "city_code", "n_cases", "n_listings"]], "profile_cities",
             f"{name} — {L('cities_map')}", "profile_cities")

# ---------------------------------------------------------------- sources and findings
st.subheader(L("profile_sources"))
src_table = pd.DataFrame()
if srcs.empty:
    st.info(L("no_sources"))
else:
    src_rows = srcs.assign(title=[t if isinstance(t, str) and t else f for t, f in zip(srcs["title"], srcs["file"])])
    src_table = ui.table(ctx, src_rows[["title", "publisher", "published", "n_listings", "n_tier_rows"]],
                         "profile_sources", f"{name} — {L('profile_sources')}", "profile_sources").shown
st.markdown(f"**{L('profile_findings')}**")
if found.empty:
    st.caption(L("no_findings"))
else:
    ui.table(ctx, found, "profile_findings", f"{name} — {L('profile_findings')}", "profile_findings")


# ---------------------------------------------------------------- briefing
def _briefing() -> bytes:
    counts = profile.case_counts(ctx.wh)
    counts = counts[counts["n_cases"] > 0]
    label_of = {r.province_code: (r.name_en if lang == "en" else r.short_name) or r.name for r in counts.itertuples()}
    png = report.bar_png([label_of[c] for c in counts["province_code"]], counts["n_cases"].tolist(),
                         highlight=label_of.get(code), title=L("report_chart"))
    n_src = len(queries.sources_table(ctx.wh))
    sections = [
        report.Section(L("tiers_of"), [] if not tier_table.empty else [L("no_tiers")], tier_table),
        report.Section(L("figures_ranks"), [L("ranks_note")], rank_table),
        report.Section(L("profile_cases"), [] if not cases.empty else [L("profile_no_cases", name=name)], case_table),
        report.Section(L("report_chart"), [], None, png),
        report.Section(L("profile_sources"), [], src_table),
    ]
    when = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    return report.docx(f"{L('page_province')} · {name}", L("report_generated", when=when, n=n_src), sections)


briefing_slot.download_button(L("report_docx"), data=_briefing, key="dl_profile_docx", on_click="ignore",
                   file_name=f"{L('page_province')}_{name}_{dt.date.today():%Y%m%d}.docx", icon=":material/description:",
                   mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
