"""政务成效看板 — entry point: page navigation (`streamlit run app.py`)."""
import streamlit as st

st.set_page_config(page_title="政务成效看板", page_icon="📊", layout="wide")

pages = [
    st.Page("pages/overview.py", title="总览 Overview", default=True),
]
st.navigation(pages).run()
