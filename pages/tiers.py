"""梯队排名 Tier ranking: tiers exactly as the ranking source states them (flagging claimed vs named
counts), beside province rankings by the extracted outcomes."""
import streamlit as st

from dashboard import charts, queries, ui
from dashboard.i18n import agg_name, metric_name

ctx = ui.context()
L = ctx.t
st.title(L("page_tiers"))

left, right = st.columns(2, gap="large")
tiers = queries.tiers(ctx.wh)
with left:
    st.subheader(L("tiers_title"))
    if tiers.empty:
        st.info(L("no_data_yet"))
    else:
        st.caption(L("tier_order_note"))
        groups = tiers.groupby(["year", "evaluation", "evaluator", "level", "tier"], sort=False, dropna=False)
        for i, ((year, evaluation, evaluator, level, tier), rows) in enumerate(groups):
            label = f"{tier} — {evaluator} · {year}"
            st.markdown(f"#### {label}")
            st.caption(f"{evaluation} · {L('evaluator')}: {evaluator} · {L('year')}: {year} · level: {level}")
            claimed = rows["claimed_count"].dropna()
            named = int(rows["member"].notna().sum())
            if not claimed.empty and int(claimed.iloc[0]) != named:
                st.warning(L("tier_claim_flag", tier=tier, claimed=int(claimed.iloc[0]), named=named))
            members = rows[["member_code", "member", "claimed_count", "source_id", "quote"]].reset_index(drop=True)
            ui.table(ctx, members, f"tier_{year}_{i}", label, f"tier{i}")

with right:
    st.subheader(L("ranking"))
    measure, agg = ui.measure_controls(ctx, "rank")
    st.caption(ui.agg_caption(ctx, measure, agg))
    ranking = queries.province_ranking(ctx.wh, ctx.filters.key(), measure, agg)
    if ranking.empty:
        st.info(L("no_data") if ctx.filters.active() else L("no_data_yet"))
    else:
        first = tiers.dropna(subset=["member_code"]) if not tiers.empty else tiers
        tier_of = {c: f"{t} ({y})" for c, t, y in zip(first.get("member_code", []), first.get("tier", []),
                                                        first.get("year", []))}
        ranking["tier"] = ranking["province_code"].map(tier_of).fillna("")
        unit = queries.measure_unit(measure)
        value_col = f"{metric_name(measure, ctx.lang)} · {agg_name(agg, ctx.lang)}" + (
            "" if agg == "count" else f" ({unit})")
        shown = ranking.rename(columns={"rank": L("rank"), "province": L("province"), "value": value_col,
                                        "n_cases": L("n_cases")})
        fig = charts.bar(shown, L("province"), value_col, title=value_col, x_label=L("province"),
                         y_label=value_col, horizontal=True, hover="tier")
        ui.chart(ctx, fig, shown, f"ranking_{measure.replace('|', '_pct')}_{agg}", value_col, "ranking")
