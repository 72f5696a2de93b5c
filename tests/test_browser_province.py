"""Browser tests of 省份画像, 省份对比, printing and the phone viewport (headless Debian chromium)."""
from __future__ import annotations

import pytest

from tests.test_browser import browser, server, wait_idle  # noqa: F401 — fixtures

pytestmark = pytest.mark.browser


def _page(browser, **kw):  # noqa: F811
    context = browser.new_context(locale="zh-CN", **kw)
    pg = context.new_page()
    pg.outside = []
    pg.on("request", lambda r: None if r.url.startswith(("data:", "blob:", "about:")) or
          r.url.split("/")[2].split(":")[0] in ("127.0.0.1", "localhost") else pg.outside.append(r.url))
    return context, pg


def test_province_page_and_its_briefing(server, browser, tmp_path):  # noqa: F811
    context, pg = _page(browser, viewport={"width": 1440, "height": 900}, accept_downloads=True)
    pg.goto(f"{server}/province?province=370000")
    wait_idle(pg)
    assert "山东省" in pg.get_by_test_id("stMain").locator("h1").first.inner_text()
    pg.get_by_text("各指标最佳可比数字及全国排名").wait_for()
    pg.locator(".js-plotly-plot .scattergeo, .js-plotly-plot .scatterlayer").first.wait_for(timeout=30000)
    with pg.expect_download(timeout=60000) as dl:
        pg.get_by_role("button", name="下载简报(DOCX)").click()
    path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(path)
    assert path.name.startswith("省份画像_山东省_") and path.suffix == ".docx"
    from docx import Document

    doc = Document(str(path))
    assert "山东省" in doc.paragraphs[0].text and len(doc.tables) >= 3 and len(doc.inline_shapes) == 1
    assert pg.get_by_test_id("stException").count() == 0 and pg.outside == []
    context.close()


def test_province_without_cases_in_the_browser(server, browser):  # noqa: F811
    context, pg = _page(browser, viewport={"width": 1440, "height": 900})
    pg.goto(f"{server}/province?province=650000")
    wait_idle(pg)
    pg.get_by_text("在现有来源文档中没有案例", exact=False).first.wait_for()
    assert pg.get_by_test_id("stException").count() == 0
    context.close()


def test_compare_keeps_the_choice_in_the_url(server, browser):  # noqa: F811
    context, pg = _page(browser, viewport={"width": 1440, "height": 900})
    pg.goto(f"{server}/compare?provinces=370000,440000")
    wait_idle(pg)
    pg.get_by_text("概况").first.wait_for()
    assert "provinces=370000%2C440000" in pg.url or "provinces=370000,440000" in pg.url
    pg.reload()
    wait_idle(pg)
    pg.get_by_text("广东省").first.wait_for()
    assert pg.get_by_test_id("stException").count() == 0 and pg.outside == []
    context.close()


def test_print_hides_sidebar_and_buttons(server, browser, tmp_path):  # noqa: F811
    context, pg = _page(browser, viewport={"width": 1440, "height": 900})
    pg.goto(f"{server}/province?province=370000")
    wait_idle(pg)
    # the page's buttons render after its tables: wait for one before switching to print
    pg.get_by_test_id("stDownloadButton").first.wait_for(state="visible", timeout=60000)
    pg.emulate_media(media="print")
    assert not pg.get_by_test_id("stSidebar").is_visible()
    assert pg.get_by_test_id("stDownloadButton").count() > 0
    assert all(not b.is_visible() for b in pg.get_by_test_id("stDownloadButton").all())
    # the main column flows over pages instead of printing only its first screen
    overflow = pg.evaluate("() => getComputedStyle(document.querySelector('[data-testid=\"stMain\"]')).overflow")
    assert overflow == "visible"
    pdf = pg.pdf(path=str(tmp_path / "p.pdf"), format="A4")
    assert pdf[:4] == b"%PDF" and pdf.count(b"/Type /Page") >= 2
    context.close()


@pytest.mark.parametrize("path", ["", "map", "province?province=370000", "compare?provinces=370000,440000"])
def test_phone_viewport_is_usable(server, browser, path):  # noqa: F811
    context, pg = _page(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    pg.goto(f"{server}/{path}")
    pg.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=60000)
    pg.locator("h1").first.wait_for(timeout=60000)
    pg.wait_for_load_state("networkidle")
    width = pg.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390 + 1                                        # nothing wider than the phone
    for el in pg.locator('[data-testid="stPlotlyChart"], [data-testid="stDataFrame"]').all():
        box = el.bounding_box()
        assert box is None or box["x"] >= -1 and box["x"] + box["width"] <= 391
    # the filters are one tap away (the collapsed sidebar opens)
    assert pg.get_by_test_id("stExpandSidebarButton").count() + pg.get_by_test_id("stSidebarCollapsedControl").count() >= 1
    assert pg.get_by_test_id("stException").count() == 0
    context.close()
