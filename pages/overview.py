"""总览 Overview: key figures of the warehouse."""
import streamlit as st

from dashboard import queries


@st.cache_resource
def _connection(path: str):
    return queries.connect(queries.Path(path))


st.title("政务成效看板")
try:
    con = _connection(str(queries.warehouse_path()))
    n = queries.source_count(con)
except queries.WarehouseMissing as exc:
    st.warning(f"数据仓库尚未构建 / The warehouse is not built yet: {exc}")
    st.code(queries.BUILD_COMMAND, language="bash")
    st.stop()

st.metric("来源文档 Source documents", n)
st.dataframe(queries.sources(con), hide_index=True)
