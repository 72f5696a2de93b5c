"""省份画像 (pages/province.py) on the seed warehouse: every province renders; tiers with the source's
contradiction, distinct cases, ranks among comparable figures only, a province without cases, the
DOCX briefing; and every map table links to the profile."""
from __future__ import annotations

import io
import re

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.fixtures_dashboard import displayed, use_navigation_v2

PAGE = "pages/province.py"


@pytest.fixture
def app(monkeypatch, seed_warehouse):
    monkeypatch.setenv("WAREHOUSE_PATH", str(seed_warehouse))
    monkeypatch.delenv("GEO_ASSETS_DIR", raising=False)
    use_navigation_v2(monkeypatch)

    def make(query=None, page=PAGE):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        for k, v in (query or {}).items():
            at.query_params[k] = v
        at.run()
        at.switch_page(page).run()
        assert not at.exception, at.exception
        return at
    return make


def frame(at, key):
    """The table drawn by ui.table(..., key): the first dataframe since the previous download buttons
    (the 技术信息 ids follow it), or the one with key `tbl_<key>`."""
    first = None
    for e in at.main:
        name = type(e).__name__
        if name == "Dataframe":
            if getattr(e, "key", None) == f"tbl_{key}":
                return displayed(e)
            first = first or e
        elif name == "DownloadButton":
            if e.key == f"dl_csv_{key}" and first is not None:
                return displayed(first)
            if e.key.startswith("dl_xlsx_"):
                first = None
    raise AssertionError(f"no table {key}")


def texts(at, kind):
    return [e.value for e in at.get(kind)]


def seed(seed_warehouse, sql, params=()):
    con = duckdb.connect(str(seed_warehouse), read_only=True)
    try:
        return con.execute(sql, list(params)).df()
    finally:
        con.close()


def test_every_province_renders(app, seed_warehouse):
    codes = seed(seed_warehouse, "SELECT province_code FROM provinces ORDER BY 1")["province_code"].tolist()
    assert len(codes) == 34
    at = app({"province": codes[0]})
    for code in codes:
        at.selectbox(key="profile_pick").set_value(code).run()
        assert not at.exception, (code, at.exception)
        name = seed(seed_warehouse, "SELECT name FROM provinces WHERE province_code = ?", [code])["name"].iloc[0]
        assert at.title[0].value.endswith(name)
        assert at.query_params["province"] in (code, [code])


def test_cases_are_distinct_real_world_cases(app, seed_warehouse):
    at = app({"province": "370000"})
    n = seed(seed_warehouse, "SELECT count(DISTINCT canonical_id) AS n, count(*) AS k FROM cases "
                             "WHERE province_code = '370000'").iloc[0]
    assert n["n"] < n["k"]                       # the seeds restate some Shandong cases
    cases = frame(at, "profile_cases")
    assert len(cases) == n["n"]
    assert {m.label: m.value for m in at.metric}["案例"] == str(n["n"])
    assert any(f"{n['k']} 条记录" in c for c in texts(at, "caption"))
    links = cases["案例详情"].tolist()
    assert all(re.fullmatch(r"cases\?case=\S+", x) for x in links)


def test_tier_contradiction_is_shown(app):
    at = app({"province": "110000"})
    tiers = frame(at, "profile_tiers")
    assert set(tiers["梯队"]) >= {"第一梯队", "优秀"}
    assert set(tiers["评估方"]) == {"中国软件评测中心"} and set(tiers["年份"]) == {2019}
    warn = " ".join(texts(at, "warning"))
    assert "9" in warn and "7" in warn and "第一梯队" in warn
    findings = frame(at, "profile_findings")
    assert "数量不符" in set(findings["类型"])          # count_mismatch, in words


def test_province_without_cases_says_so(app, seed_warehouse):
    assert seed(seed_warehouse, "SELECT count(*) AS n FROM cases WHERE province_code = '650000'")["n"].iloc[0] == 0
    at = app({"province": "650000"})
    assert any("没有案例" in w for w in texts(at, "warning"))
    assert {m.label: m.value for m in at.metric}["案例"] == "0"
    # a province in a tier but without cases still shows its tiers
    at = app({"province": "450000"})           # 广西: 良好 (2019), no case in the seeds
    if seed(seed_warehouse, "SELECT count(*) AS n FROM cases WHERE province_code = '450000'")["n"].iloc[0] == 0:
        assert any("没有案例" in w for w in texts(at, "warning"))
    assert "良好" in set(frame(at, "profile_tiers")["梯队"])


def test_ranks_compare_only_the_same_metric_unit_kind_and_period(app, seed_warehouse):
    at = app({"province": "370000"})
    shown = frame(at, "profile_ranks")
    assert set(shown["口径"]) == {"累计"}
    assert all(re.fullmatch(r"第 \d+ / \d+", r) for r in shown["名次"])
    # recompute the rank of Shandong's data_records independently
    df = seed(seed_warehouse, """SELECT province_code, max(value) AS v FROM v_outcomes
        WHERE metric = 'data_records' AND unit = '条' AND period = 'cumulative'
          AND NOT part_of_total AND province_code IS NOT NULL GROUP BY 1""")
    mine = df.loc[df["province_code"] == "370000", "v"].iloc[0]
    expected = f"第 {int((df['v'] > mine).sum()) + 1} / {len(df)}"
    row = shown[(shown["指标"] == "数据归集量") & shown["最佳数字"].str.endswith("条")]   # 648.39亿条
    assert row["名次"].iloc[0] == expected
    at.radio(key="profile_period").set_value("all").run()
    assert len(frame(at, "profile_ranks")) > len(shown)


def test_english_profile(app):
    at = app({"province": "440000", "lang": "en"})
    assert at.title[0].value == "Province profile · Guangdong"
    assert "Best figure" in frame(at, "profile_ranks").columns


def test_briefing_docx_holds_tables_and_chart():
    from docx import Document

    from dashboard import report

    png = report.bar_png(["山东", "江苏"], [17, 7], highlight="山东", title="各省案例数")
    assert png and png.startswith(b"\x89PNG")
    table = pd.DataFrame({"指标": ["数据归集量"], "名次": ["第 4 / 9"], "缺失": [None]})
    data = report.docx("省份画像 · 山东省", "生成于", [report.Section("排名", ["说明"], table, png)])
    doc = Document(io.BytesIO(data))
    assert doc.paragraphs[0].text == "省份画像 · 山东省"
    assert [c.text for c in doc.tables[0].rows[1].cells] == ["数据归集量", "第 4 / 9", "—"]
    assert len(doc.inline_shapes) == 1


def test_map_table_links_to_profiles(app):
    at = app(page="pages/map.py")
    shown = frame(at, "map")
    assert len(shown) == 34 and "province_code" not in shown.columns       # the code is in 技术信息
    assert all(re.fullmatch(r"province\?province=\d{6}", x) for x in shown["省份画像"])
    assert len(set(shown["省份画像"])) == 34
    at = app({"province": "370000"}, page="pages/map.py")
    links = [e for e in at.main if type(e).__name__ == "PageLink"]
    assert links and "province=370000" in links[0].proto.page + str(links[0].proto.query_string)


# ---------------------------------------------------------------- 省份对比 compare


def test_compare_side_by_side_from_the_url(app, seed_warehouse):
    at = app({"provinces": "370000,440000,650000,999999"}, page="pages/compare.py")
    assert at.multiselect(key="cmp_provinces").value == ["370000", "440000", "650000"]
    assert any("999999" in w.value for w in at.warning)          # an unknown code in a shared link is said
    assert at.query_params["provinces"] in ("370000,440000,650000", ["370000,440000,650000"])
    summary = frame(at, "cmp_summary")
    assert list(summary.columns) == ["项目", "山东省", "广东省", "新疆维吾尔自治区"]
    n, = seed(seed_warehouse, "SELECT count(DISTINCT canonical_id) AS n FROM cases "
                              "WHERE province_code = '370000'")["n"]
    assert summary.iloc[0]["山东省"] == str(n) and summary.iloc[0]["新疆维吾尔自治区"] == "0"
    metrics_table = frame(at, "cmp_metrics")
    assert set(metrics_table["口径"]) == {"累计"}
    assert all(v == "—" or re.search(r"第 \d+ / \d+$", v) for v in metrics_table["山东省"])
    assert any("没有案例" in c.value for c in at.caption)


def test_compare_asks_for_two(app):
    at = app({"province": "370000"}, page="pages/compare.py")
    assert at.multiselect(key="cmp_provinces").value == ["370000"]   # starts from the selected province
    assert any("至少选择两个" in i.value for i in at.info)
    at.multiselect(key="cmp_provinces").set_value(["370000", "320000"]).run()
    assert not at.exception and at.query_params["provinces"] in ("370000,320000", ["370000,320000"])
