"""总览 Overview: key figures with their definitions, outcomes per metric, data-quality findings."""
import pandas as pd
import streamlit as st

from dashboard import format as fmt, queries, ui
from dashboard.i18n import metric_definition

ctx = ui.context()
L = ctx.t
st.title(L("app_title"))

fig = queries.overview(ctx.wh, ctx.filters)
FIGURES = [("cases", "cases", "def_cases"), ("provinces", "provinces_covered", "def_provinces"),
           ("sources", "sources", "def_sources"), ("outcomes", "outcomes", "def_outcomes")]
cols = st.columns(4)
for col, (key, label, definition) in zip(cols, FIGURES):
    col.metric(L(label), fmt.number(fig[key], ctx.lang), help=L(definition))
    col.caption(L(definition) + (" " + L("listings_note", listings=fig["listings"]) if key == "cases" else ""))
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

st.subheader(L("findings"))
ui.table_or_note(ctx, queries.findings(ctx.wh, ctx.filters, ctx.lang), "findings", L("findings"), "findings")
