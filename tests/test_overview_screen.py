"""The overview's first screen on the seed warehouse: a computed coverage sentence, a small map, the top
provinces (the selected one kept and highlighted with its rank), tier bands with the source's
contradiction, findings reduced to one link, and an empty filter explained."""
from __future__ import annotations

import re

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.fixtures_dashboard import use_navigation_v2


@pytest.fixture
def app(monkeypatch, seed_warehouse):
    monkeypatch.setenv("WAREHOUSE_PATH", str(seed_warehouse))
    monkeypatch.delenv("GEO_ASSETS_DIR", raising=False)
    use_navigation_v2(monkeypatch)

    def make(query=None):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        for k, v in (query or {}).items():
            at.query_params[k] = v
        at.run()
        assert not at.exception, at.exception
        return at
    return make


def _seed(path, sql):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).fetchone()


def _top(at):
    return next(e for e in at.dataframe if "省份画像" in e.value.columns)


def test_coverage_sentence_is_computed(app, seed_warehouse):
    cases, listings, provinces, y0, y1 = _seed(seed_warehouse, """SELECT count(DISTINCT canonical_id), count(*),
        count(DISTINCT province_code), min(year), max(year) FROM cases""")
    total, = _seed(seed_warehouse, "SELECT count(*) FROM provinces")
    sources, = _seed(seed_warehouse, "SELECT count(*) FROM sources")
    at = app()
    expected = (f"{cases} 个案例({listings} 条记录),覆盖 {provinces}/{total} 个省级行政区,来自 {sources} 份文档"
                f"({y0}–{y1})。")
    assert any(expected in m.value for m in at.markdown), [m.value for m in at.markdown]


def test_first_screen_parts_and_findings_link(app):
    at = app()
    assert any(e.proto.id.endswith("fig_overview_map") for e in at.get("plotly_chart"))
    top = _top(at).value
    assert list(top.columns[:3]) == ["名次", "省份", "案例数"] and top["名次"].iloc[0] == 1
    assert all(x.startswith("province?province=") for x in top["省份画像"])
    bands = " ".join(m.value for m in at.markdown)
    assert "第一梯队" in bands and "来源称 9 个,只点名 7 个" in bands
    links = [e.proto.label for e in at.get("page_link")]
    assert any(re.search(r"数据质量发现 \d+ 条", x) for x in links)
    assert not any("severity" in e.value.columns or "级别" in e.value.columns for e in at.dataframe)   # on 数据与方法


def test_selected_province_is_kept_and_highlighted(app, seed_warehouse):
    # a province outside the top rows: still listed, highlighted, with its rank
    code, = _seed(seed_warehouse, """SELECT province_code FROM cases WHERE province_code IS NOT NULL
        GROUP BY 1 ORDER BY count(DISTINCT canonical_id), 1 LIMIT 1""")
    at = app({"province": code})
    top = _top(at)
    assert len(top.value) > 1                                  # the others are not erased
    assert any(x.endswith(f"province={code}") for x in top.value["省份画像"])
    assert b"fde0dd" in top.proto.SerializeToString()          # the highlight style travels with the table
    assert any(c.value.startswith("当前选中") and "第" in c.value for c in at.caption)


def test_empty_filter_is_explained(app):
    at = app({"province": "650000"})                           # 新疆: no case in the seeds
    info = " ".join(i.value for i in at.info)
    assert "没有案例" in info and "省份“新疆维吾尔自治区”0 个" in info
    assert any("新疆维吾尔自治区" in c.value and "没有案例" in c.value for c in at.caption)
