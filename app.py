"""政务成效看板 — entry point: sidebar filters (kept in the URL) and page navigation (`streamlit run app.py`)."""
import streamlit as st

from dashboard import style, ui
from dashboard.i18n import t

lang = ui.language()
st.set_page_config(page_title=t("app_title", lang), page_icon="📊", layout="wide")   # the tab's title too

style.inject()   # print and phone CSS for every page
PAGES = [
    ("pages/overview.py", "page_overview", "overview", ":material/dashboard:"),
    ("pages/map.py", "page_map", "map", ":material/map:"),
    ("pages/categories.py", "page_category", "categories", ":material/bar_chart:"),
    ("pages/tiers.py", "page_tiers", "tiers", ":material/leaderboard:"),
    ("pages/province.py", "page_province", "province", ":material/location_city:"),
    ("pages/compare.py", "page_compare", "compare", ":material/compare_arrows:"),
    ("pages/cases.py", "page_cases", "cases", ":material/search:"),
    ("pages/method.py", "page_method", "method", ":material/menu_book:"),
    ("pages/upload.py", "page_upload", "upload", ":material/upload_file:"),
]
pages = [st.Page(path, title=t(label, lang), icon=icon, default=(url == "overview"), **({} if url == "overview" else {"url_path": url}))
         for path, label, url, icon in PAGES]
nav = st.navigation(pages)
st.sidebar.title(t("app_title", lang))
ui.setup_sidebar()
nav.run()
ui.page_workbook(getattr(nav, "title", "") or t("app_title", lang))   # a v1-fallback page has no title
