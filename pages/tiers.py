"""梯队排名 Tier ranking: tiers exactly as the ranking source states them (flagging claimed vs named
counts), beside province rankings by the extracted outcomes."""
import streamlit as st

from dashboard import charts, comparable, queries, ui
from dashboard.columns import code_word

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
        groups = tiers.groupby(["from_document", "year", "evaluation", "evaluator", "level", "source_id", "tier"],
                               sort=False, dropna=False)
        for i, ((from_doc, year, evaluation, evaluator, level, source_id, tier), rows) in enumerate(groups):
            label = L("tier_label", year=year, tier=tier, evaluator=evaluator)   # tier tables go by year
            st.markdown(f"#### {label}")
            origin = L("tier_from_document") if from_doc else L("tier_from_reference")
            st.caption(f"{evaluation} · {L('evaluator')}: {evaluator} · {L('year')}: {year} · "
                       f"{L('level')}: {code_word('level', level, ctx.lang)} · "
                       f"{origin}: {ctx.labels['source'].get(source_id, source_id)}")
            claimed = rows["claimed_count"].dropna()
            named = int(rows["member"].notna().sum())
            if not claimed.empty and int(claimed.iloc[0]) != named:
                st.warning(L("tier_claim_flag", tier=tier, claimed=int(claimed.iloc[0]), named=named))
            members = rows[["member_code", "member", "claimed_count", "named_count", "source_id", "quote"]]
            ui.table(ctx, members.reset_index(drop=True), f"tier_{year}_{i}", label, f"tier{i}")

with right:
    st.subheader(L("ranking"))
    measure, agg = ui.measure_controls(ctx, "rank")
    st.caption(ui.agg_caption(ctx, measure, agg) + " " + L("dedupe_note"))
    ranking = queries.province_ranking(ctx.wh, ctx.filters, measure, agg)
    if ranking.empty:
        st.info(L("no_data") if ctx.filters.active() else L("no_data_yet"))
    else:
        tier_of: dict[str, list[str]] = {}
        for code, tier, year in zip(tiers.get("member_code", []), tiers.get("tier", []), tiers.get("year", [])):
            if isinstance(code, str) and f"{tier} ({year})" not in tier_of.setdefault(code, []):
                tier_of[code].append(f"{tier} ({year})")
        tier_of = {k: "; ".join(v) for k, v in tier_of.items()}
        ranking["tier"] = ranking["province_code"].map(tier_of).fillna("")
        value_col = ui.measure_label(ctx, measure, agg)
        value_unit = None if agg == "count" else (queries.measure_unit(measure) or None)
        shown = ranking.rename(columns={"value": value_col})
        shown["province"] = shown["province_code"].map(ctx.labels["province"]).fillna(shown["province"])
        fig = charts.bar(shown, "province", value_col, title=value_col, x_label=L("province"),
                         y_label=value_col, horizontal=True, hover="tier", lang=ctx.lang, unit=value_unit)
        ui.chart(ctx, fig, shown, f"ranking_{comparable.parse(measure).slug}_{agg}", value_col, "ranking",
                 values={value_col: value_unit})
