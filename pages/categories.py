"""类别对比 Category comparison: cases and one metric by domain (the one taxonomy, etl.taxonomy) or by
award/tier (its own dimension), bar and box + strip."""
import streamlit as st

from dashboard import charts, comparable, queries, ui, vocab

ctx = ui.context()
L = ctx.t
st.title(L("page_category"))

by = st.radio(L("group_by"), ["domain", "award"], horizontal=True, key="cat_by",
              format_func=lambda b: L("by_category") if b == "domain" else L("by_award"))
group_label = L(by)
if by == "domain":
    st.caption(L("domain_note"))


def _groups(df):
    """The group column (a domain or an award) in the reader's language, under its label."""
    return vocab.translate_column(df, "group", by, ctx.lang).rename(columns={"group": group_label})


cases = queries.group_cases(ctx.wh, ctx.filters, by)
st.subheader(f"{L('cases')} · {group_label}")
if cases.empty:
    st.info(L("no_data") if ctx.filters.active() else L("no_data_yet"))
else:
    shown = _groups(cases)
    title = f"{L('cases')} · {group_label}"
    fig = charts.bar(shown, group_label, "n_cases", title=title, x_label=group_label, y_label=L("n_cases"),
                     lang=ctx.lang)
    ui.chart(ctx, fig, shown, f"cases_by_{by}", title, "cases")

st.subheader(f"{L('metric')} · {group_label}")
measure, agg = ui.measure_controls(ctx, "cat")
st.caption(ui.agg_caption(ctx, measure, agg))
mlabel = ui.measure_label(ctx, measure)
slug = comparable.parse(measure).slug
unit = queries.measure_unit(measure) or None
values = queries.group_values(ctx.wh, ctx.filters, measure, agg, by)
if values.empty:
    st.info(L("no_data") if ctx.filters.active() else L("no_data_yet"))
else:
    value_col = ui.measure_label(ctx, measure, agg)
    value_unit = None if agg == "count" else unit
    shown = _groups(values).rename(columns={"value": value_col})
    title = f"{value_col} · {group_label}"
    fig = charts.bar(shown, group_label, value_col, title=title, x_label=group_label, y_label=value_col,
                     lang=ctx.lang, unit=value_unit)
    ui.chart(ctx, fig, shown, f"{slug}_{agg}_by_{by}", title, "values", values={value_col: value_unit})

    st.subheader(L("distribution"))
    stats = queries.group_distribution(ctx.wh, ctx.filters, measure, by)
    points = queries.group_points(ctx.wh, ctx.filters, measure, by)
    log = st.toggle(L("log_scale"), value=True, key="cat_log")
    title = f"{mlabel} · {group_label}"
    stats, points = (vocab.translate_column(d, "group", by, ctx.lang) for d in (stats, points))
    points = points.assign(province=vocab.places(points["province"], None, ctx.lang))
    fig = charts.box_strip(stats, points, title=title, value_label=mlabel, log=log,
                           unsure_label=L("unsure"), lang=ctx.lang, unit=unit)
    st.caption(L("sample_note", n=queries.MAX_POINTS))
    shown_points = points.rename(columns={"group": group_label})
    ui.chart(ctx, fig, shown_points, f"{slug}_points_by_{by}", title, "points", unit=unit)
    ui.table(ctx, stats.rename(columns={"group": group_label}), f"{slug}_box_by_{by}",
             f"{title} · {L('box_stats')}", "stats", unit=unit)
