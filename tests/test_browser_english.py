"""English mode in a real browser: the tiers page and the map's hover read English (the documents'
own titles aside), on the seed warehouse."""
from __future__ import annotations

import re

import pytest

from tests.test_browser import browser, page, server, wait_idle  # noqa: F401 — fixtures

pytestmark = pytest.mark.browser
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def test_tiers_page_in_english(server, page):  # noqa: F811
    page.goto(f"{server}/tiers?province=110000&lang=en")
    wait_idle(page)
    headings = [h.inner_text() for h in page.locator("h4").all()]
    assert "2019 · First tier — China Software Testing Center (CSTC)" in headings
    assert "2019 · Excellent — China Software Testing Center (CSTC)" in headings
    assert not [h for h in headings if CJK.search(h)]
    warning = page.get_by_test_id("stAlert").filter(has_text="claims").first.inner_text()
    assert "First tier" in warning and not CJK.search(warning)
    assert page.get_by_test_id("stException").count() == 0


def test_map_hover_in_english(server, page):  # noqa: F811
    page.goto(f"{server}/map?lang=en")
    wait_idle(page)
    page.locator(".js-plotly-plot .choroplethlayer path.choroplethlocation").first.wait_for(timeout=30000)
    idx = page.evaluate("() => document.querySelector('.js-plotly-plot').data[0].locations.indexOf('370000')")
    box = page.locator(".js-plotly-plot .choroplethlayer .trace").first.locator(
        "path.choroplethlocation").nth(idx).bounding_box()
    label = page.locator(".js-plotly-plot .hoverlayer .hovertext")
    for dx in (0.5, 0.4, 0.6):      # Shandong's box centre is inland; try beside it if a bubble is there
        page.mouse.move(box["x"] + box["width"] * dx, box["y"] + box["height"] * 0.55)
        try:
            label.first.wait_for(timeout=5000)
            break
        except Exception:  # noqa: BLE001 — playwright TimeoutError: move on
            continue
    lines = label.first.evaluate("g => [...g.querySelectorAll('tspan.line')].map(t => t.textContent)")
    assert lines[0] == "Shandong"
    assert re.fullmatch(r"Cases: \d+", lines[1])       # the case titles below are the documents' own
    inset = page.locator(".js-plotly-plot .geo text").all_text_contents()
    assert "South China Sea Islands" in inset
    assert page.outside_requests == []
