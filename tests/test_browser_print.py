"""Browser tests of printed tables and of figure columns that sort as numbers (headless Debian chromium).

Printed, Streamlit's grid (a canvas) would show only the rows in its scroll area and cut wide tables at
the right edge; each table prints as its plain HTML copy instead (dashboard/grid.py, dashboard/style.py).
"""
from __future__ import annotations

import re

import duckdb
import pytest

from tests.test_browser import browser, server, wait_idle  # noqa: F401 — fixtures

pytestmark = pytest.mark.browser

PAGE_WIDTH = 718          # A4 at 96 dpi less Chromium's default print margins


def _seed(warehouse, sql, params=()):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def _open(browser, server, path, lang="zh-CN"):  # noqa: F811
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale=lang)
    pg = context.new_page()
    pg.goto(f"{server}/{path}")
    wait_idle(pg)
    pg.get_by_test_id("stDownloadButton").first.wait_for(state="visible", timeout=60000)   # drawn after the tables
    return context, pg


def _printed(pg) -> list[dict]:
    """Switch to print (at the printed page's width) and describe every table that prints."""
    pg.emulate_media(media="print")
    pg.set_viewport_size({"width": PAGE_WIDTH, "height": 1000})
    assert all(not g.is_visible() for g in pg.get_by_test_id("stDataFrame").all())   # no canvas on paper
    assert pg.evaluate("document.documentElement.scrollWidth") <= PAGE_WIDTH          # nothing sticks out
    return pg.evaluate("""() => [...document.querySelectorAll('table.print-table')]
        .filter(t => t.offsetParent !== null)
        .map(t => ({rows: t.tBodies[0].rows.length, right: t.getBoundingClientRect().right,
                    scroll: t.scrollWidth, width: t.clientWidth,
                    head: [...t.tHead.rows[0].cells].map(c => c.innerText),
                    repeat: getComputedStyle(t.tHead).display,
                    first: [...t.tBodies[0].rows].map(r => r.cells[0].innerText),
                    marked: [...t.tBodies[0].querySelectorAll('tr.hl')].map(r => r.cells[0].innerText)}))""")


def _fits(tables):
    for t in tables:
        assert t["right"] <= PAGE_WIDTH + 0.5 and t["scroll"] <= t["width"] + 1, t["head"]
        assert t["repeat"] == "table-header-group", t["head"]      # the header row repeats on every page


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_case_list_prints_every_row_within_the_page(server, browser, seed_warehouse, tmp_path, lang):  # noqa: F811
    titles = [r[0] for r in _seed(seed_warehouse, "SELECT title FROM cases ORDER BY source_id, case_no, case_id")]
    assert len(titles) > 20            # more rows than the grid's scroll area shows
    context, pg = _open(browser, server, "cases" + ("?lang=en" if lang == "en" else ""), lang)
    tables = _printed(pg)
    case_list = tables[0]
    assert case_list["rows"] == len(titles) and case_list["first"] == titles
    assert len(case_list["head"]) >= 10                  # the wide table: every column, none cut off
    _fits(tables)
    pdf = pg.pdf(path=str(tmp_path / "cases.pdf"), format="A4")
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    text = re.sub(r"\s+", "", "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc))))
    assert len(doc) >= 2 and re.sub(r"\s+", "", titles[-1]) in text      # the last row reached the paper
    context.close()


def test_tier_tables_and_ranking_print_whole_with_the_selection_marked(server, browser, seed_warehouse):  # noqa: F811
    groups = _seed(seed_warehouse, """SELECT count(*) FROM tiers
        GROUP BY source_id, year, evaluation, evaluator, level, tier ORDER BY min(rowid)""")
    context, pg = _open(browser, server, "tiers?province=440000")
    tables = _printed(pg)
    tier_tables = [t for t in tables if t["head"][0] == "成员"]
    assert sorted(t["rows"] for t in tier_tables) == sorted(n for (n,) in groups)
    assert all(t["marked"] == ["广东省"] for t in tier_tables if "广东省" in t["first"])
    ranking = next(t for t in tables if t["head"][:2] == ["名次", "省份"])
    assert ranking["rows"] >= 2 and "省份画像" not in ranking["head"]      # links stay on screen
    _fits(tables)
    context.close()


def test_province_profile_tables_print_whole(server, browser, seed_warehouse):  # noqa: F811
    (n_cases,), = _seed(seed_warehouse, "SELECT count(DISTINCT canonical_id) FROM cases WHERE province_code = '370000'")
    (n_cities,), = _seed(seed_warehouse, """SELECT count(DISTINCT city_code) FROM cases
        WHERE province_code = '370000' AND city_code IS NOT NULL""")
    context, pg = _open(browser, server, "province?province=370000")
    tables = _printed(pg)
    rows = {t["head"][0]: t["rows"] for t in tables}
    assert n_cases > 0 and any(t["rows"] == n_cases and "主要成效" in t["head"] for t in tables)
    assert rows.get("城市") == n_cities
    _fits(tables)
    context.close()


def _parse(cells: list[str]) -> list[float]:
    """The grid's cells as numbers (a column of text, such as "12亿次", fails here)."""
    assert all(re.fullmatch(r"-?[\d.]+(e[+-]?\d+)?", c) for c in cells), f"not numbers: {cells}"
    return [float(c) for c in cells]


def test_a_figure_column_sorts_as_numbers(server, browser):  # noqa: F811
    """Clicking the header of a figure column (shown as 80亿次, 1400万条, 3万件) orders its rows by number,
    not as text ("80亿次" before "8.62亿条" as text). The grid is a canvas: its header is found by
    clicking across the header row; the grid's accessible table holds each cell's number in row order."""
    context, pg = _open(browser, server, "province?province=370000")
    grid = pg.get_by_test_id("stDataFrame").filter(has=pg.locator("th", has_text="最佳数字"))
    grid.scroll_into_view_if_needed()
    heads = grid.locator('th[role="columnheader"]').all_inner_texts()
    col = heads.index("最佳数字") + 1
    cells = grid.locator(f'td[aria-colindex="{col}"]')
    before = cells.all_inner_texts()
    numbers = _parse(before)
    assert len(numbers) == len(before) >= 3 and numbers != sorted(numbers)    # numbers, not sorted yet
    box = grid.bounding_box()
    got = None
    for x in range(8, int(box["width"]), 24):
        pg.mouse.click(box["x"] + x, box["y"] + 17)
        pg.wait_for_timeout(250)
        after = cells.all_inner_texts()
        if after != before and _parse(after) == sorted(numbers):
            got = after
            break
    assert got is not None, "no header click ordered the figure column by number"
    assert pg.get_by_test_id("stException").count() == 0
    context.close()
