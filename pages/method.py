"""数据与方法 Data & method: sources and provenance, the metric dictionary, findings and build
warnings, how to cite."""
import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import queries, ui
from dashboard.i18n import metric_rows

ctx = ui.context()
L = ctx.t
st.title(L("page_method"))

st.subheader(L("sources_provenance"))
srcs = queries.sources_table(ctx.wh)
arrivals = queries.source_arrivals(ctx.wh)      # build or upload, and when (absent in older warehouses)
if not arrivals.empty and "arrived_via" not in srcs:
    arrivals["arrived_via"] = arrivals["arrived_via"].map(lambda v: L(f"via_{v}") if v in ("build", "upload") else v)
    srcs = srcs.merge(arrivals, on="file", how="left")
ui.table(ctx, srcs, "sources", L("sources_provenance"), "sources")

st.subheader(L("metric_dictionary"))
st.caption(
    "数值按各指标的基本单位存储(人、条、项、元、小时或百分点);万 = 10⁴,亿 = 10⁸。“其中”所列的分项单独标记,"
    "任何汇总都不会把分项加到总数上。单位照原文记录(如事件的“起”“个”),比较、排名与汇总只在口径的同一可比单位内"
    "进行(事件的“起”“个”“件”都是“件”;人与次、条与张分开)。" if ctx.lang == "zh" else
    "Values in base units (persons, records, items, yuan, hours or percent points); the sources' "
    "multipliers wan (10⁴) and yi (10⁸) are multiplied out. "
    "Parts listed under a total are marked and never added to it. Units are kept as the source writes them; "
    "comparisons, rankings and sums stay within one comparable unit of the contract (every measure word of "
    "events counts one event; persons and visits, records and certificates stay apart).")
ui.table(ctx, pd.DataFrame(metric_rows(ctx.lang)), "metric_dictionary", L("metric_dictionary"), "metrics")

st.subheader(L("warnings"))
ui.table_or_note(ctx, queries.findings(ctx.wh, ctx.filters, ctx.lang), "findings", L("findings"), "findings")
st.markdown(f"**{L('build_log')}**")
ui.table_or_note(ctx, queries.build_log(ctx.wh, ctx.lang), "build_log", L("build_log"), "build_log")

st.subheader(L("how_to_cite"))
today = dt.date.today().isoformat()
n = len(srcs)
if ctx.lang == "zh":
    cite = (f"政务成效看板(由 {n} 份来源文档构建),访问于 {today}。"
            "引用具体数值时请同时注明原始来源文档(见上表的标题、发布者与日期)及数值所在的原文语句(见案例浏览页)。")
else:
    cite = (f"Digital-government outcomes dashboard (built from {n} source documents), accessed {today}. "
            "When citing a figure, also name its source document (title, publisher and date above) and the "
            "sentence it comes from (see the case explorer).")
st.code(cite, language=None, wrap_lines=True)
