"""Page CSS for print and for phones, injected once per run by app.py.

Print (@media print): no sidebar, header, toolbar or buttons (downloads, links styled as buttons,
widgets' chrome); the main column uses the whole page width and flows over pages (Streamlit's own
scroll container would print only its first screen); charts and metric cards are not cut across a
page break. Tables print as their plain HTML copies (dashboard/grid.py), in place of the grid whose
canvas would print only its visible rows and cut wide tables: every row, the header row repeated on
each page, cells wrapping so that the table fits the page width. On screen the copies are hidden,
their element containers too (so they take no gap in the layout).
Phone (max-width 640 px): less padding, smaller titles, charts and tables at full width, so the map,
the tables and the filters (in the collapsible sidebar) stay usable at 390×844.
"""
CSS = """
<style>
[data-testid="stElementContainer"]:has(.print-copy) { display: none; }
@media print {
  [data-testid="stElementContainer"]:has(.print-copy) { display: block !important; }
  [data-testid="stElementContainer"]:has([data-testid="stDataFrame"]):has(+ [data-testid="stElementContainer"] .print-copy)
    { display: none !important; }
  table.print-table { width: 100%; border-collapse: collapse; font-size: 8pt; line-height: 1.35;
    margin: 0.2rem 0 0.6rem 0; break-inside: auto; page-break-inside: auto;
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  table.print-table thead { display: table-header-group; }
  table.print-table tr { break-inside: avoid; page-break-inside: avoid; }
  table.print-table th, table.print-table td { border: 1px solid #bbb; padding: 1px 4px; text-align: left;
    vertical-align: top; overflow-wrap: anywhere; }
  table.print-table th { background: #f0f2f6; font-weight: 600; }
  table.print-table .num { text-align: right; }
  table.print-table .nw { white-space: nowrap; overflow-wrap: normal; }
  table.print-table tr.hl td { background: #fde0dd; font-weight: bold; }
  .print-note { font-size: 8pt; color: #555; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
  [data-testid="stHeader"], header, [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stStatusWidget"], [data-testid="stDownloadButton"], [data-testid="stBaseButton-secondary"],
  [data-testid="stBaseButton-primary"], .stDownloadButton, button, .modebar, .modebar-container,
  [data-testid="stElementToolbar"] { display: none !important; }
  html, body, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"],
  section.main, .main { overflow: visible !important; height: auto !important; position: static !important; }
  [data-testid="stMainBlockContainer"], .block-container { padding: 0 !important; max-width: 100% !important; }
  [data-testid="stDataFrame"], [data-testid="stTable"], [data-testid="stPlotlyChart"], [data-testid="stMetric"],
  [data-testid="stAlert"], .stPlotlyChart, table:not(.print-table) { break-inside: avoid; page-break-inside: avoid; }
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
