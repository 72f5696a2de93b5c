"""案例浏览 Case explorer: searchable case table; a case view with every outcome marked in its
sentence and at its raw offsets (low-confidence ones shown as unsure); the same case across sources."""
import html

import streamlit as st

from dashboard import format as fmt, queries, ui
from dashboard.highlight import CSS, outcome_html

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
labels = {r.case_id: f"{r.source_file[:3]} #{r.case_no} {r.title}" for r in table.itertuples()}


def _on_row():
    rows = (st.session_state.get("tbl_cases") or {}).get("selection", {}).get("rows", [])
    if rows and rows[0] < len(table):
        st.session_state["case_pick"] = table["case_id"].iloc[rows[0]]


st.caption(L("row_click_hint"))
ui.table(ctx, table, "cases", L("case_list") + (f" · {search}" if search else ""), "cases",
         on_select=_on_row, selection_mode="single-row")
if st.session_state.get("case_pick") not in labels:
    st.session_state["case_pick"] = table["case_id"].iloc[0]
case_id = st.selectbox(L("choose_case"), list(labels), key="case_pick", format_func=labels.get)

case = queries.case_detail(ctx.wh, case_id)
st.subheader(f"{L('case_view')}: {fmt.md_escape(case['title'])}")
facts = [
    (L("source"), f"{case['source_file']} {case.get('source_title') or ''} {case.get('source_publisher') or ''}"),
    (L("category"), case.get("category")), (L("award"), case.get("award")),
    (L("province"), " ".join(x for x in (case.get("province"), case.get("city")) if x)),
    ("reporting_unit", case.get("reporting_unit")), ("short_name", case.get("short_name")),
    ("case_id / canonical_id", f"{case['case_id']} / {case['canonical_id']}"),
]
st.markdown("  \n".join(f"**{html.escape(k)}**: {html.escape(str(v))}" for k, v in facts if v))
if not case.get("has_text"):
    st.info(L("no_text"))

outcomes = queries.case_outcomes(ctx.wh, case_id)
if outcomes.empty:
    st.info(L("no_outcomes"))
else:
    raw = queries.raw_text(case["source_file"])
    blocks = [outcome_html(o, raw, case["source_file"], ctx.lang) for o in outcomes.itertuples()]
    st.markdown("\n".join(blocks), unsafe_allow_html=True)
    ui.table(ctx, outcomes, f"outcomes_{case_id}", f"{L('outcomes')}: {case['title']}", "case_outcomes")

same = queries.same_case(ctx.wh, case["canonical_id"])
if len(same) > 1:
    st.subheader(L("same_case"))
    cols = st.columns(len(same))
    for col, r in zip(cols, same.itertuples()):
        with col:
            st.markdown(f"**{html.escape(r.source_file)}** #{r.case_no}")
            st.markdown(html.escape(r.title))
            st.caption(" · ".join(html.escape(str(x)) for x in (r.category, r.award, r.province, r.city)
                                  if not fmt.is_missing(x)))
            for item in fmt.text(r.outcomes, "").split("; "):
                if item:
                    st.markdown(f"- {html.escape(item)}")
    ui.table(ctx, same, f"same_case_{case['canonical_id']}", L("same_case"), "same_case")
