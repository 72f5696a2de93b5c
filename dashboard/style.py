"""Page CSS for print and for phones, injected once per run by app.py.

Print (@media print): no sidebar, header, toolbar or buttons (downloads, links styled as buttons,
widgets' chrome); the main column uses the whole page width and flows over pages (Streamlit's own
scroll container would print only its first screen); tables, charts and metric cards are not cut
across a page break.
Phone (max-width 640 px): less padding, smaller titles, charts and tables at full width, so the map,
the tables and the filters (in the collapsible sidebar) stay usable at 390×844.
"""
CSS = """
<style>
@media print {
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
  [data-testid="stHeader"], header, [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stStatusWidget"], [data-testid="stDownloadButton"], [data-testid="stBaseButton-secondary"],
  [data-testid="stBaseButton-primary"], .stDownloadButton, button, .modebar, .modebar-container,
  [data-testid="stElementToolbar"] { display: none !important; }
  html, body, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"],
  section.main, .main { overflow: visible !important; height: auto !important; position: static !important; }
  [data-testid="stMainBlockContainer"], .block-container { padding: 0 !important; max-width: 100% !important; }
  [data-testid="stDataFrame"], [data-testid="stTable"], [data-testid="stPlotlyChart"], [data-testid="stMetric"],
  [data-testid="stAlert"], .stPlotlyChart, table { break-inside: avoid; page-break-inside: avoid; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  a[href]::after { content: none !important; }
}
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"], .block-container { padding: 2.5rem 0.6rem 2rem 0.6rem !important; }
  h1 { font-size: 1.6rem !important; }
  [data-testid="stMetricValue"] { font-size: 1.5rem !important; }
  [data-testid="stPlotlyChart"], [data-testid="stDataFrame"], .echarts-container { max-width: 100% !important; }
}
</style>
"""


def inject() -> None:
    import streamlit as st

    st.html(CSS)
