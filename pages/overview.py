"""总览 Overview. Its first screen (1440×900) answers "what is here": one coverage sentence, the key
figures, a small map, the provinces with most cases and the tier bands; below, outcomes per metric.
Data-quality findings live on 数据与方法, linked in one line."""
import dataclasses

import pandas as pd
import streamlit as st

from dashboard import empty, format as fmt, grid, maps, queries, ui, vocab
from dashboard.i18n import metric_definition, metric_name
from dashboard.profile import profile_link

TOP_N = 5

ctx = ui.context()
L = ctx.t
st.title(L("app_title"))

fig = queries.overview(ctx.wh, ctx.filters)
years = fig.get("years")
year_text = "" if not years else f"({years[0]}–{years[1]})" if years[0] != years[1] else f"({years[0]})"
if ctx.lang == "en" and year_text:
    year_text = " " + year_text
st.markdown("**" + L("coverage", cases=fmt.number(fig['cases'], ctx.lang), listings=fmt.number(fig['listings'], ctx.lang),
                     provinces=fig["provinces"], total=fig["provinces_total"], sources=fig["sources"],
                     years=year_text) + "**")

FIGURES = [("cases", "cases", "def_cases"), ("provinces", "provinces_covered", "def_provinces"),
           ("sources", "sources", "def_sources"), ("outcomes", "outcomes", "def_outcomes")]
cols = st.columns(4)
for col, (key, label, definition) in zip(cols, FIGURES):
    col.metric(L(label), fmt.number(fig[key], ctx.lang), help=L(definition))
st.caption(L("def_cases") + " " + L("listings_note", listings=fig["listings"]))
if fig["cases"] == 0 and ctx.filters.active():
    st.info(empty.reasons(ctx.wh, ctx.filters, ctx.labels, ctx.lang))

# ---------------------------------------------------------------- small map | top provinces + tier bands
selected = ctx.filters.province
everywhere = dataclasses.replace(ctx.filters, province=None)     # highlight the selection, never erase the rest
values = queries.province_values(ctx.wh, everywhere, None)
left, right = st.columns([1, 1], gap="medium")
with left:
    try:
        geo = maps.load_geo()
    except maps.GeoMissing:
        geo = None
    if geo is not None:
        table = maps.map_table(values, geo["props"], ctx.lang)
        table["value"] = table["n_cases"]
        small = maps.plotly_map(table, geo["provinces_url"], value_label=L("by_cases"), title="",
                                tenline=geo["tenline"], lang=ctx.lang, selected=selected,
                                frame=geo.get("inset_frame"), extent=geo.get("extent"))
        small.update_layout(height=320, margin={"l": 0, "r": 0, "t": 0, "b": 0})
        small.update_traces(showscale=False, selector={"type": "choropleth"})
        st.plotly_chart(small, config={**maps.PLOTLY_CONFIG, "displayModeBar": False}, key="fig_overview_map")
    st.page_link("pages/map.py", label=L("map_link"), icon=":material/map:")
with right:
    st.markdown(f"**{L('top_provinces')}**")
    if values.empty:
        st.info(L("no_data") if ctx.filters.active() else L("no_data_yet"))
    else:
        ranked = values.assign(rank=values["value"].rank(ascending=False, method="min").astype(int))
        names = ctx.labels.get("province", {})
        top = ranked.head(TOP_N)
        if selected and selected in set(ranked["province_code"]) and selected not in set(top["province_code"]):
            top = pd.concat([top, ranked[ranked["province_code"] == selected]])
        top = top.reset_index(drop=True)
        shown = pd.DataFrame({
            L("rank"): top["rank"], L("province"): [names.get(c, p) for c, p in zip(top["province_code"], top["province"])],
            L("n_cases"): top["n_cases"],
            L("open_profile"): [profile_link(c, ctx.lang) for c in top["province_code"]],
        })
        grid.show(shown, "tbl_overview_top", lang=ctx.lang, highlight=[c == selected for c in top["province_code"]],
                  links={L("open_profile"): L("open")}, height=ui.fit_height(len(shown)))
        if selected:
            row = ranked[ranked["province_code"] == selected]
            if not row.empty:
                st.caption(L("selected_rank", name=names.get(selected, selected), rank=int(row["rank"].iloc[0]),
                             n=len(ranked)))
            else:
                st.caption(L("selected_none", name=names.get(selected, selected)))
with right:
    tiers = queries.tiers(ctx.wh)
    evaluators = vocab.join(dict.fromkeys(vocab.evaluator(e, ctx.lang) for e in tiers["evaluator"].dropna()),
                            ctx.lang) if not tiers.empty else ""
    st.markdown(f"**{L('tier_bands')}**" + (vocab.paren(evaluators, ctx.lang) if evaluators else ""))
    if tiers.empty:
        st.caption(L("no_data_yet"))
    else:
        short = {p[0]: (p[3] if ctx.lang == "en" else p[2]) or p[1] for p in queries.filter_options(ctx.wh)["province"]}
        lines = []
        for (year, evaluator, tier, source), rows in tiers.groupby(["year", "evaluator", "tier", "source_id"],
                                                                    sort=False):
            names = [short.get(c) or vocab.place(m, c, ctx.lang) for c, m in zip(rows["member_code"], rows["member"])]
            members = vocab.join((f"**{n}**" if c == selected else n for c, n in zip(rows["member_code"], names)),
                                 ctx.lang)
            claim = rows["claimed_count"].dropna()
            note = ""
            if not claim.empty and int(claim.iloc[0]) != len(rows):
                note = f" ⚠ {L('tier_band_claim', claimed=int(claim.iloc[0]), named=len(rows))}"
            colon = ": " if ctx.lang == "en" else ":"
            lines.append(f"- {vocab.tier(tier, ctx.lang)}{vocab.paren(year, ctx.lang)}{colon}{members}{note}")
        st.markdown("\n".join(lines))
        st.page_link("pages/tiers.py", label=L("tiers_link"), icon=":material/leaderboard:")

findings = queries.findings(ctx.wh, ctx.filters, ctx.lang)
st.page_link("pages/method.py", icon=":material/fact_check:",
             label=L("findings_link", n=len(findings), w=int((findings["severity"] == "warning").sum())
                     if "severity" in findings else 0))

# ---------------------------------------------------------------- below the fold
key_figures = pd.DataFrame({"figure": [k for k, _, _ in FIGURES], L("key_figure"): [L(lb) for _, lb, _ in FIGURES],
                            L("value"): [fig[k] for k, _, _ in FIGURES],
                            L("definition"): [L(d) for _, _, d in FIGURES]})
with st.expander(L("key_figures_table")):
    ui.table(ctx, key_figures, "key_figures", L("key_figures_table"), "key_figures")

st.subheader(L("outcomes_per_metric"))
summary = queries.metric_summary(ctx.wh, ctx.filters)
if summary.empty:
    st.info(L("no_data") if ctx.filters.active() else L("no_data_yet"))
else:
    shown = summary.assign(definition=[metric_definition(m, ctx.lang) for m in summary["metric"]])[
        ["metric", "n_outcomes", "n_cases", "n_low", "n_parts", "definition"]]
    ui.table(ctx, shown, "outcomes_per_metric", L("outcomes_per_metric"), "metrics")
