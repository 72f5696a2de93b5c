"""梯队排名 Tier ranking: tiers exactly as the ranking source states them (flagging claimed vs named
counts), beside province rankings by the extracted outcomes."""
import dataclasses

import streamlit as st

from dashboard import charts, columns, comparable, empty, grid, queries, ui, vocab
from dashboard.columns import code_word
from dashboard.profile import profile_link

ctx = ui.context()
L = ctx.t
st.title(L("page_tiers"))
selected = ctx.filters.province
everywhere = dataclasses.replace(ctx.filters, province=None)
BAR_COLOUR, SELECTED_COLOUR = "#3182bd", "#d62728"

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
            tier_word, evaluator_word = vocab.tier(tier, ctx.lang), vocab.evaluator(evaluator, ctx.lang)
            label = L("tier_label", year=year, tier=tier_word, evaluator=evaluator_word)   # tier tables go by year
            st.markdown(f"#### {label}")
            origin = L("tier_from_document") if from_doc else L("tier_from_reference")
            st.caption(f"{vocab.evaluation(evaluation, ctx.lang)} · {L('evaluator')}: {evaluator_word} · {L('year')}: {year} · "
                       f"{L('level')}: {code_word('level', level, ctx.lang)} · "
                       f"{origin}: {ctx.labels['source'].get(source_id, source_id)}")
            claimed = rows["claimed_count"].dropna()
            named = int(rows["member"].notna().sum())
            if not claimed.empty and int(claimed.iloc[0]) != named:
                st.warning(L("tier_claim_flag", tier=tier_word, claimed=int(claimed.iloc[0]), named=named))
            members = rows[["member_code", "member", "claimed_count", "named_count", "source_id", "quote"]]
            members = members.reset_index(drop=True)
            p = columns.present(members, ctx.lang)      # ids go to the downloads only
            linked = p.shown.assign(**{L("open_profile"): [profile_link(c, ctx.lang) if isinstance(c, str) else None
                                                          for c in members["member_code"]]})
            grid.show(linked, f"tbl_tier{i}", lang=ctx.lang, numbers=p.figures,
                      highlight=[c == selected for c in members["member_code"]],
                      links={L("open_profile"): L("open")}, height=ui.fit_height(len(linked)))
            ui.download_buttons(ctx, p, f"tier_{year}_{i}", label, f"tier{i}")

with right:
    st.subheader(L("ranking"))
    measure, agg = ui.measure_controls(ctx, "rank")
    st.caption(ui.agg_caption(ctx, measure, agg) + " " + L("dedupe_note"))
    # every province stays in the ranking; the selected one is highlighted with its rank
    ranking = queries.province_ranking(ctx.wh, everywhere, measure, agg)
    if ranking.empty:
        st.info(empty.reasons(ctx.wh, ctx.filters, ctx.labels, ctx.lang) if ctx.filters.active()
                else L("no_data_yet"))
    else:
        tier_of: dict[str, list[str]] = {}
        for code, tier, year in zip(tiers.get("member_code", []), tiers.get("tier", []), tiers.get("year", [])):
            label = vocab.tier(tier, ctx.lang) + vocab.paren(year, ctx.lang)
            if isinstance(code, str) and label not in tier_of.setdefault(code, []):
                tier_of[code].append(label)
        tier_of = {k: "; ".join(v) for k, v in tier_of.items()}
        ranking["tier"] = ranking["province_code"].map(tier_of).fillna("")
        value_col = ui.measure_label(ctx, measure, agg)
        value_unit = None if agg == "count" else (queries.measure_unit(measure) or None)
        shown = ranking.rename(columns={"value": value_col})
        shown["province"] = shown["province_code"].map(ctx.labels["province"]).fillna(shown["province"])
        fig = charts.bar(shown, "province", value_col, title=value_col, x_label=L("province"),
                         y_label=value_col, horizontal=True, hover="tier", lang=ctx.lang, unit=value_unit)
        if selected:
            fig.data[0].marker.color = [SELECTED_COLOUR if c == selected else BAR_COLOUR for c in ranking["province_code"]]
            mine = ranking[ranking["province_code"] == selected]
            name = ctx.labels.get("province", {}).get(selected, selected)
            st.caption(L("selected_rank", name=name, rank=int(mine["rank"].iloc[0]), n=len(ranking)) if not mine.empty
                       else L("selected_no_figure", name=name))
        ui.chart(ctx, fig, shown, f"ranking_{comparable.parse(measure).slug}_{agg}", value_col, "ranking",
                 values={value_col: value_unit})
        p = columns.present(shown, ctx.lang, values={value_col: value_unit})
        grid.show(p.shown.assign(**{L("open_profile"): [profile_link(c, ctx.lang) for c in ranking["province_code"]]}),
                  "tbl_ranking_links", lang=ctx.lang, numbers=p.figures,
                  highlight=[c == selected for c in ranking["province_code"]], links={L("open_profile"): L("open")})
