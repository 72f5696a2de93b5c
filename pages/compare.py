"""省份对比 Compare provinces (`/compare?provinces=CODE,CODE`): two to four provinces side by side —
their cases, tiers and, per metric, best comparable figure with its rank among all provinces. The
choice lives in the URL so a comparison can be shared."""
import pandas as pd
import streamlit as st

from dashboard import comparable, profile, queries, ui, vocab
from dashboard import format as fmt
from dashboard.i18n import metric_name

MAX = 4
KEY = "provinces"

ctx = ui.context()
L = ctx.t
lang = ctx.lang
st.title(L("page_compare"))
opts = queries.filter_options(ctx.wh)
names = {p[0]: (p[3] if lang == "en" else p[1]) or p[1] for p in opts["province"]}

bad = [c for c in (st.query_params.get(KEY) or "").split(",") if c and c not in names]
if "cmp_provinces" not in st.session_state:
    raw = st.query_params.get(KEY) or ""
    wanted = [c for c in raw.split(",") if c in names]
    if not wanted and ctx.filters.province:
        wanted = [ctx.filters.province]
    st.session_state["cmp_provinces"] = list(dict.fromkeys(wanted))[:MAX]
chosen = st.multiselect(L("compare_pick"), list(names), key="cmp_provinces", max_selections=MAX,
                        format_func=lambda c: names.get(c, c), placeholder=L("compare_placeholder"))
if chosen:
    st.query_params[KEY] = ",".join(chosen)
elif KEY in st.query_params:
    del st.query_params[KEY]
if bad:
    st.warning(L("compare_unknown", codes=", ".join(bad)))
if len(chosen) < 2:
    st.info(L("compare_need_two"))
    st.stop()

cols = [names[c] for c in chosen]
ranks = profile.metric_ranks(ctx.wh)
tiers = queries.tiers(ctx.wh)

# ---------------------------------------------------------------- summary
summary = {}
case_lists = {}
for c in chosen:
    cases, heads = profile.province_cases(ctx.wh, c)
    case_lists[c] = (cases, heads)
    t = profile.province_tiers(tiers, c)
    summary[names[c]] = [
        len(cases), int(cases["n_listings"].sum()) if not cases.empty else 0,
        len(profile.province_cities(ctx.wh, c)),
        "; ".join(vocab.tier(r.tier, lang) + vocab.paren(r.year, lang) for r in t.itertuples()) or "—",
    ]
summary_df = pd.DataFrame(summary, index=[L("profile_cases_kpi"), L("n_listings"), L("profile_cities_kpi"),
                                          L("tiers_of")]).reset_index(names=L("compare_item"))
st.subheader(L("compare_summary"))
ui.table(ctx, summary_df.astype(str), "省份对比_概况_" + "_".join(cols), L("compare_summary"), "cmp_summary")
link_row = st.columns(len(chosen))
for col, c in zip(link_row, chosen):
    col.page_link("pages/province.py", label=f"{L('open_profile')} · {names[c]} →",
                  query_params={"province": c, **({"lang": "en"} if lang == "en" else {})})

# ---------------------------------------------------------------- metrics side by side
st.subheader(L("figures_ranks"))
st.caption(L("ranks_note"))
period = st.radio(L("period"), [profile.DEFAULT_PERIOD, "all"], horizontal=True, key="cmp_period",
                  format_func=lambda p: L("all_periods") if p == "all" else comparable.period_name(p, lang))
sub = ranks[ranks["province_code"].isin(chosen)]
if period != "all":
    sub = sub[sub["period"] == period]
if sub.empty:
    st.info(L("no_figures"))
else:
    def cell(r):
        return f"{fmt.quantity(r.value, r.unit, lang)} · " + L("rank_of", rank=int(r.rank), n=int(r.n_provinces))

    rows, rank = {}, {}
    for r in sub.itertuples():
        label = (metric_name(r.metric + ("|%" if r.pct else ""), lang), fmt.unit_word(r.unit, lang) or fmt.DASH,
                 comparable.period_name(r.period, lang))
        rows.setdefault(label, {})[names[r.province_code]] = cell(r)
        rank.setdefault(label, {})[names[r.province_code]] = int(r.rank)
    table = pd.DataFrame([{L("metric"): m, L("unit"): u, L("period"): p, **{n: v.get(n, "—") for n in cols}}
                          for (m, u, p), v in rows.items()])
    # a province's column holds figures of different metrics and units: it sorts by their rank, the
    # one number its rows have in common
    ui.table(ctx, table, "省份对比_指标_" + "_".join(cols), L("figures_ranks"), "cmp_metrics",
             numbers={n: [rank[k].get(n) for k in rows] for n in cols})

# ---------------------------------------------------------------- cases side by side
st.subheader(L("profile_cases"))
for col, c in zip(st.columns(len(chosen)), chosen):
    cases, heads = case_lists[c]
    col.markdown(f"**{names[c]}**")
    if cases.empty:
        col.caption(L("profile_no_cases", name=names[c]))
        continue
    first = heads.groupby("canonical_id", sort=False).head(1).set_index("canonical_id")
    lines = []
    for r in cases.itertuples():
        h = first.loc[r.canonical_id] if r.canonical_id in first.index else None
        extra = "" if h is None else f" — {metric_name(h['metric'], lang)} {fmt.quantity(h['value'], h['unit'], lang)}"
        lines.append(f"- {r.title}{extra}")
    col.markdown("\n".join(lines))
