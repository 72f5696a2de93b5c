"""案例浏览 Case explorer: searchable case table; a case view with every outcome marked in its
sentence and at its raw offsets (low-confidence ones shown as unsure); the same case across sources."""
import html

import streamlit as st

from dashboard import columns, format as fmt, queries, ui, vocab
from dashboard.highlight import CSS, outcome_html
from dashboard.i18n import metric_name

ctx = ui.context()
L = ctx.t
st.title(L("page_cases"))
st.html(CSS)

search = st.text_input(L("search"), key="case_search")
table, total, distinct = queries.cases_table(ctx.wh, ctx.filters, search)
st.subheader(L("case_list"))
st.caption(L("rows_shown", shown=len(table), total=total, cases=distinct))
if table.empty:
    st.info(L("no_data") if (ctx.filters.active() or search) else L("no_data_yet"))
    st.stop()
labels = {r.case_id: f"{r.title} — {r.source_title} #{r.case_no}" for r in table.itertuples()}

# A shared link (?case=CASE_ID) opens that case, even when the filters or the search would hide it;
# an id the warehouse does not know is said, not silently replaced by the first case.
url_case = st.query_params.get("case")
if "case_pick" not in st.session_state and url_case:
    if queries.case_detail(ctx.wh, url_case) is not None:
        st.session_state["case_pick"] = st.session_state["_case_from_url"] = url_case
    else:
        st.session_state["_case_dropped"] = url_case
pick = st.session_state.get("case_pick")
if (pick and pick not in labels and pick == st.session_state.get("_case_from_url") and not search.strip()
        and (extra := queries.case_detail(ctx.wh, pick)) is not None):   # a shared case the filters hide
    labels = {pick: f"{extra['title']} — {extra['source_title']} #{extra['case_no']}", **labels}


def _picked():
    st.session_state.pop("_case_dropped", None)
    st.session_state.pop("_case_from_url", None)


def _on_row():
    _picked()
    rows = (st.session_state.get("tbl_cases") or {}).get("selection", {}).get("rows", [])
    if rows and rows[0] < len(table):
        st.session_state["case_pick"] = table["case_id"].iloc[rows[0]]


st.caption(L("row_click_hint"))
ui.table(ctx, table, "cases", L("case_list") + (f" · {search}" if search else ""), "cases",
         on_select=_on_row, selection_mode="single-row")
if st.session_state.get("case_pick") not in labels:
    st.session_state["case_pick"] = next(iter(labels))
if st.session_state.get("_case_dropped"):
    st.warning(L("url_dropped", name=L("case"), value=fmt.md_escape(st.session_state["_case_dropped"][:80])),
               icon=":material/link_off:")
case_id = st.selectbox(L("choose_case"), list(labels), key="case_pick", format_func=labels.get, on_change=_picked)
if st.query_params.get("case") != case_id:
    st.query_params["case"] = case_id          # the link in the address bar opens this very case
st.caption(L("case_link_hint"))

case = queries.case_detail(ctx.wh, case_id)
st.subheader(f"{L('case_view')}: {fmt.md_escape(case['title'])}")
source = case["source_title"] + "".join(f" · {fmt.text(x)}" for x in (case.get("source_publisher"),
                                                                     case.get("source_published")) if x)
facts = [
    (L("source"), source + (f" · {L('page_n', n=int(case['page']))}" if case.get("page") else "")),
    (L("category"), ui.domain_text(ctx, case.get("domain"), case.get("domain_inferred"))),
    (L("award"), vocab.award(case["award"], ctx.lang) if case.get("award") else None),
    (L("year"), ui.year_text(ctx, case.get("year"), case.get("year_basis"))),
    (L("province"), vocab.place_line(case.get("province"), case.get("province_code"), case.get("city"),
                                     case.get("city_code"), ctx.lang)),
    (L("reporting_unit"), case.get("reporting_unit")), (L("short_name"), case.get("short_name")),
]
st.markdown("  \n".join(f"**{html.escape(k)}**: {fmt.md_escape(v)}" for k, v in facts if v))
with st.expander(L("tech_info"), expanded=False):
    st.caption(L("tech_info_note"))
    st.markdown("  \n".join(f"**{html.escape(k)}**: `{v}`" for k, v in (
        (columns.header("case_id", ctx.lang), case["case_id"]),
        (columns.header("canonical_id", ctx.lang), case["canonical_id"]),
        (columns.header("source_file", ctx.lang), case["source_file"])) if v))
if not case.get("has_text"):
    st.info(L("no_text"))

outcomes = queries.case_outcomes(ctx.wh, case_id)
if outcomes.empty:
    st.info(L("no_outcomes"))
else:
    raw = queries.raw_text(case["source_file"])
    if (outcomes["confidence"] == "low").any():
        st.caption(L("unsure_explained"))
    blocks = [outcome_html(o, raw, case["source_title"], ctx.lang) for o in outcomes.itertuples()]
    st.markdown("\n".join(blocks), unsafe_allow_html=True)
    ui.table(ctx, outcomes, f"outcomes_{case_id}", f"{L('case_outcomes_title')}: {case['title']}", "case_outcomes")

same = queries.same_case(ctx.wh, case["canonical_id"])
if len(same) > 1:
    st.subheader(L("same_case"))
    cols = st.columns(len(same))
    for col, r in zip(cols, same.itertuples()):
        with col:
            st.markdown(f"**{fmt.md_escape(r.source_title)}** #{r.case_no}")
            st.markdown(fmt.md_escape(r.title))
            st.caption(" · ".join(fmt.md_escape(x) for x in (
                vocab.category(r.category, ctx.lang), vocab.award(r.award, ctx.lang),
                vocab.place(r.province, None, ctx.lang), vocab.place(r.city, None, ctx.lang)) if x != fmt.DASH))
            for o in queries.case_outcomes(ctx.wh, r.case_id).itertuples():
                st.markdown(f"- {fmt.md_escape(metric_name(o.metric, ctx.lang))} "
                            f"{fmt.md_escape(fmt.quantity(o.value, o.unit, ctx.lang, o.qualifier, o.period))}")
    ui.table(ctx, same, f"same_case_{case['canonical_id']}", L("same_case"), "same_case")
