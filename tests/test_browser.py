"""Browser tests: a real user's visit in headless Debian chromium, driven by Playwright."""
from __future__ import annotations

import io
import re

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(seed_warehouse):
    """A Streamlit server on 127.0.0.1 serving app.py over the seed warehouse."""
    yield from _serve(seed_warehouse)


@pytest.fixture
def fresh_server(seed_warehouse):
    """A server of its own, so that the test's request is the first one it ever answers."""
    yield from _serve(seed_warehouse)


def _serve(warehouse, **env_extra):
    """Start app.py over `warehouse` (extra environment variables added), yield its URL, stop it."""
    port = free_port()
    env = dict(os.environ, WAREHOUSE_PATH=str(warehouse), STREAMLIT_BROWSER_GATHER_USAGE_STATS="false",
               **env_extra)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(proc.stdout.read().decode(errors="replace"))
            time.sleep(0.3)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail("Debian chromium is missing: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh page that records every request leaving 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    pg = context.new_page()
    pg.outside_requests = []

    def on_request(req):
        host = req.url.split("/")[2] if "://" in req.url else ""
        if req.url.startswith(("data:", "blob:", "about:")) or host.split(":")[0] in ("127.0.0.1", "localhost"):
            return
        pg.outside_requests.append(req.url)

    pg.on("request", on_request)
    yield pg
    context.close()


PAGES = {"overview": "", "map": "map", "categories": "categories", "tiers": "tiers", "cases": "cases",
         "method": "method"}
SHOTS = os.environ.get("DASHBOARD_SCREENSHOTS", "/tmp")


def wait_idle(page, timeout=60000):
    """Wait until the app has drawn and its script has finished running (no sleeps)."""
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=timeout)
    page.locator("h1").first.wait_for(timeout=timeout)
    # widgets' code loads lazily: wait until the sidebar's filters are real widgets, not placeholders
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first.wait_for(timeout=timeout)
    page.wait_for_load_state("networkidle", timeout=timeout)
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=timeout)


def province_shown(page) -> str:
    """The value the sidebar's province filter shows."""
    return page.get_by_test_id("stSidebar").get_by_role("combobox", name="省份").input_value()


def show_echarts_tab(page) -> None:
    """Open the map page's ECharts tab and wait until its canvas is drawn. On a busy machine the tab
    click can land before the tab bar is live, so it is tried again."""
    drawn = "() => { const c = document.querySelector('.echarts-container canvas'); return c && c.width > 100; }"
    for _ in range(3):
        page.get_by_role("tab", name="地图(二)").click()
        try:
            page.wait_for_function(drawn, timeout=30000)
            return
        except Exception:  # noqa: BLE001 — playwright TimeoutError: try the tab again
            continue
    page.wait_for_function(drawn, timeout=30000)


def test_overview_shows_source_count(server, page):
    page.goto(server)
    metric = page.get_by_test_id("stMetric").filter(has_text="来源文档").get_by_test_id("stMetricValue")
    metric.wait_for(timeout=30000)
    assert metric.inner_text() == "5"
    assert page.get_by_test_id("stException").count() == 0
    assert page.outside_requests == []


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_opens_cleanly(server, page, name):
    page.goto(f"{server}/{PAGES[name]}")
    wait_idle(page)
    if name == "map":
        page.locator(".js-plotly-plot .choroplethlayer path").first.wait_for(timeout=30000)
    if name == "overview":
        page.get_by_test_id("stMetricValue").first.wait_for(timeout=30000)
    page.screenshot(path=f"{SHOTS}/dashboard_{name}.png", full_page=True)
    assert page.get_by_test_id("stException").count() == 0
    assert page.outside_requests == []


def test_map_draws_34_provinces_offline_in_both_libraries(server, page):
    page.goto(f"{server}/map")
    wait_idle(page)
    page.wait_for_function(
        """() => { const t = document.querySelector('.js-plotly-plot .choroplethlayer .trace');
                   return t && t.querySelectorAll('path.choroplethlocation').length === 34; }""", timeout=30000)
    n = page.evaluate("() => document.querySelector('.js-plotly-plot').data[0].locations.length")
    assert n == 34
    # the ten-dash line is drawn (a scattergeo line trace)
    assert page.locator(".js-plotly-plot .geo .scatterlayer .trace path.js-line").count() >= 1
    page.get_by_role("tab", name="地图(二)").click()
    canvas = page.locator(".echarts-container canvas").first
    canvas.wait_for(state="visible", timeout=30000)
    page.wait_for_function(
        "() => { const c = document.querySelector('.echarts-container canvas'); return c && c.width > 100; }")
    page.screenshot(path=f"{SHOTS}/dashboard_map_echarts.png", full_page=True)
    assert page.get_by_test_id("stException").count() == 0
    assert page.outside_requests == []


def test_clicking_a_province_filters_every_page(server, page):
    page.goto(f"{server}/map")
    wait_idle(page)
    page.locator(".js-plotly-plot .choroplethlayer path.choroplethlocation").first.wait_for(timeout=30000)
    idx = page.evaluate(
        "() => document.querySelector('.js-plotly-plot').data[0].locations.indexOf('650000')")  # 新疆, large
    path = page.locator(".js-plotly-plot .choroplethlayer .trace").last.locator("path.choroplethlocation").nth(idx)
    box = path.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    page.wait_for_function("() => location.search.includes('province=650000')", timeout=30000)
    wait_idle(page)
    page.get_by_test_id("stSidebarNav").get_by_text("总览").click()
    page.wait_for_function("() => location.search.includes('province=650000')", timeout=30000)
    wait_idle(page)
    assert province_shown(page) == "新疆维吾尔自治区"
    assert page.outside_requests == []


def test_filtered_link_survives_a_reload(server, page):
    page.goto(f"{server}/?province=440000&metric=visits")
    wait_idle(page)
    assert province_shown(page) == "广东省"
    page.reload()
    wait_idle(page)
    assert province_shown(page) == "广东省"
    assert "province=440000" in page.url and "metric=visits" in page.url


def test_downloads_are_delivered(server, page):
    page.goto(f"{server}/method")
    wait_idle(page)
    page.get_by_role("button", name="下载 CSV").nth(3).wait_for(timeout=30000)   # all four tables drawn
    with page.expect_download(timeout=30000) as info:
        page.get_by_role("button", name="下载 CSV").first.click()
    data = open(info.value.path(), "rb").read()
    assert re.fullmatch(r"来源及出处_\d{8}\.csv", info.value.suggested_filename), info.value.suggested_filename
    assert data.startswith(b"\xef\xbb\xbf") and "001_c0ee248da95ea4d5.txt" in data.decode("utf-8-sig")
    with page.expect_download(timeout=30000) as info:
        page.get_by_role("button", name="下载 Excel").first.click()
    assert re.fullmatch(r"来源及出处_\d{8}\.xlsx", info.value.suggested_filename), info.value.suggested_filename
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(open(info.value.path(), "rb").read()))
    assert wb.sheetnames[-1] == "说明" and wb.worksheets[0].freeze_panes == "A2"
    notes = {r[0]: r[1] for r in wb["说明"].iter_rows(values_only=True)}
    assert notes["视图链接"].startswith("http") and "/method" in notes["视图链接"]
    with page.expect_download(timeout=30000) as info:     # the page's one workbook, in the sidebar
        page.get_by_role("button", name="下载本页全部表格(Excel)").click()
    assert re.fullmatch(r"数据与方法_\d{8}\.xlsx", info.value.suggested_filename), info.value.suggested_filename
    assert len(load_workbook(io.BytesIO(open(info.value.path(), "rb").read())).sheetnames) >= 4
    assert page.outside_requests == []


def test_shared_deep_link_as_a_fresh_servers_first_request(fresh_server, page):
    """Streamlit treats a `pages/` folder as v1 pages until st.navigation first runs; a deep link as the
    first request must still get the app's navigation, sidebar filters and the filtered page."""
    page.goto(f"{fresh_server}/tiers?province=440000")
    wait_idle(page)
    assert page.get_by_test_id("stMain").locator("h1").first.inner_text() == "梯队排名"
    assert province_shown(page) == "广东省"
    assert page.get_by_test_id("stSidebarNav").get_by_text("梯队排名").count() == 1
    assert page.get_by_test_id("stException").count() == 0
    assert page.outside_requests == []


def test_charts_export_png_from_the_browser(server, page):
    """plotly's modebar 'Download plot as a PNG' and ECharts' toolbox saveAsImage both deliver a PNG."""
    page.goto(f"{server}/map")
    wait_idle(page)
    plot = page.locator(".js-plotly-plot").first
    page.locator(".js-plotly-plot .choroplethlayer path.choroplethlocation").first.wait_for(timeout=30000)
    plot.hover()
    with page.expect_download(timeout=30000) as info:
        page.locator('.js-plotly-plot .modebar-btn[data-title*="png" i]').first.click()
    assert info.value.suggested_filename.endswith(".png")
    assert open(info.value.path(), "rb").read()[:8] == b"\x89PNG\r\n\x1a\n"
    show_echarts_tab(page)
    box = page.locator(".echarts-container").first.bounding_box()
    # the toolbox is pinned top-right (maps.echarts_map): its save icon sits about (−35, +37) from the corner
    x, y = box["x"] + box["width"] - 35, box["y"] + 37
    page.wait_for_load_state("networkidle")
    download = None
    for _ in range(10):   # the chart may still be settling (entry animation): click again until it saves
        page.mouse.move(x, y)
        try:
            with page.expect_download(timeout=3000) as info:
                page.mouse.click(x, y)
            download = info.value
            break
        except Exception:  # noqa: BLE001 — playwright TimeoutError: not yet
            continue
    assert download is not None and download.suggested_filename == "province_map.png"
    assert page.outside_requests == []


def test_clicking_a_province_on_the_echarts_map_filters_too(server, page):
    page.goto(f"{server}/map")
    wait_idle(page)
    show_echarts_tab(page)
    page.wait_for_load_state("networkidle")
    box = page.locator(".echarts-container").first.bounding_box()
    # 新疆 fills the west of the map: a point well inside it at the default 1400-px viewport
    # the chart may still be settling (entry animation, selection handlers): click again until it takes
    for _ in range(15):
        page.mouse.click(box["x"] + box["width"] * 0.32, box["y"] + box["height"] * 0.34)
        try:
            page.wait_for_function("() => location.search.includes('province=650000')", timeout=2000)
            break
        except Exception:  # noqa: BLE001 — playwright TimeoutError: not yet
            continue
    assert "province=650000" in page.url
    assert page.outside_requests == []
