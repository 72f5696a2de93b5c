"""Compendium adapter: the CAICT compendium (001) against the gold TOC, plus a small synthetic one."""
from __future__ import annotations

import json
import re

import pytest

from conftest import GOLD, RAW
from etl.clean import clean
from etl.segment import compendium as M
from etl.segment.types import Document


def _gold(name: str) -> list[dict]:
    return [json.loads(x) for x in (GOLD / name).read_text(encoding="utf-8").splitlines() if x.strip()]


@pytest.fixture(scope="module")
def doc001():
    (path,) = RAW.glob("001_*.txt")
    c = clean(path.read_text(encoding="utf-8"))
    return c, M.parse(c)


def test_matches_only_the_compendium():
    for path in sorted(RAW.glob("*.txt")):
        c = clean(path.read_text(encoding="utf-8"))
        assert M.matches(c.text) == path.name.startswith("001_"), path.name


def test_48_cases_29_with_text(doc001):
    _, d = doc001
    assert isinstance(d, Document) and d.adapter == "compendium"
    assert [x.case_no for x in d.cases] == list(range(1, 49))
    assert sum(x.has_text for x in d.cases) == 29
    assert all(x.has_text for x in d.cases[:29]) and not any(x.has_text for x in d.cases[29:])
    for x in d.cases:
        assert (x.body_start is None) == (not x.has_text) == (x.body_end is None)
    assert any(f["kind"] == "missing_text" for f in d.findings)


def test_against_gold_toc(doc001):
    _, d = doc001
    for g in _gold("toc_001.jsonl"):
        case = d.cases[g["toc_no"] - 1]
        assert case.title == g["title"]
        assert case.category == g["category"]
        assert case.page == g["page"]
        assert case.has_text == g["has_text"]


def test_against_gold_cases(doc001):
    _, d = doc001
    for g in _gold("cases.jsonl"):
        if not g["doc"].startswith("001_"):
            continue
        case = d.cases[g["case_no"] - 1]
        assert case.title == g["title"]
        assert case.reporting_unit == g["reporting_unit"]
        assert case.short_name == (g["short"] or None)
        assert case.place_text.startswith(g["title"])


def test_categories_and_pages(doc001):
    _, d = doc001
    cats = [x.category for x in d.cases]
    assert cats.count("示范案例") == 14
    assert cats.count("市场监管类") == 1
    assert set(cats) == {"示范案例", "市场监管类", "社会管理类", "政务服务类", "数字机关类", "应用支撑类",
                         "智慧城市类", "综合实践类"}
    pages = [x.page for x in d.cases]
    assert pages == sorted(pages) and pages[-1] == 318
    # an entry whose page is not preceded by dots ("…驰而不息193")
    assert d.cases[29].title.endswith("优化营商环境驰而不息") and d.cases[29].page == 193
    assert d.cases[14].title == "天津市“互联网+监管”系统应用案例"     # the unnumbered single case


def test_bodies(doc001):
    c, d = doc001
    t = c.text
    b1 = t[d.cases[0].body_start:d.cases[0].body_end]
    assert b1.startswith("(一)广东省数据资源一网共享平台报送单位:数字广东网络建设有限公司")
    assert "数据量达648.39亿条" in b1
    assert "二是建立数据运营指标体系" in b1
    for x in d.cases:
        if not x.has_text:
            continue
        body = t[x.body_start:x.body_end]
        for y in d.cases:
            if y is not x:
                assert not re.search(r"[((][一二三四五六七八九十]{1,3}[))]" + re.escape(y.title), body), (
                    x.case_no, y.title)
        assert not re.search(r"[一二三四五六七八]、(?:示范案例|市场监管类|社会管理类|政务服务类)", body)
        assert not re.search(r"图\s*目\s*录", body) and ".1(一)" not in body
    # bodies are ordered and disjoint, and after the table of contents and the list of figures
    spans = [(x.body_start, x.body_end) for x in d.cases if x.has_text]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert spans[0][0] > re.search(r"图\s*目\s*录", t).start()
    b15 = t[d.cases[14].body_start:d.cases[14].body_end]
    assert b15.startswith("天津市“互联网+监管”系统应用案例报送单位")
    assert t[d.cases[28].body_start:d.cases[28].body_end].endswith("“精准滴灌”。数字政")


def test_raw_spans_of_bodies(doc001):
    c, d = doc001
    (path,) = RAW.glob("001_*.txt")
    raw = path.read_text(encoding="utf-8")
    x = d.cases[1]
    rs, re_ = c.raw_span(x.body_start, x.body_end)
    assert raw[rs:rs + 2] == "(二"
    assert "服务了 2793 家企业" in raw[rs:re_]


SYNTH = (
    "智慧城市优秀案例集(2023年)\n本书附有案例目录和图表目录,供读者查阅。\n目录\n前言.1一、政务服务类.3(一)某某省“惠民通”政务服务平台.3(二)甲市一网通办改革.8"
    "二、城市治理类.12乙市城市运行管理平台.12三、基层治理类.20(一)丙县网格化治理实践与探索20(二)丁市“智治”平台.25"
    "后记.30\n"
    "前言本案例集收录了若干案例。\n一、政务服务类(一)某某省“惠民通”政务服务平台报送单位:某某省大数据局1案例背景"
    "平台注册用户超1000万。2主要内容一是如此。(二)甲市一网通办改革报送单位:甲市政务服务管理局1案例背景改革"
    "以来,办件量达3万件。二、城市治理类乙市城市运行管理平台报送单位:乙市城市运行管理中心1案例背景平台接入"
    "数据20亿条。\n后记\n感谢各单位的支持,本书后记如下。")


def test_synthetic_compendium():
    c = clean(SYNTH)
    assert M.matches(c.text) is False     # only four numbered entries: below the threshold
    d = M.parse(c)
    assert [x.title for x in d.cases] == ["某某省“惠民通”政务服务平台", "甲市一网通办改革", "乙市城市运行管理平台",
                                          "丙县网格化治理实践与探索", "丁市“智治”平台"]
    assert [x.category for x in d.cases] == ["政务服务类", "政务服务类", "城市治理类", "基层治理类", "基层治理类"]
    assert [x.page for x in d.cases] == [3, 8, 12, 20, 25]
    assert [x.has_text for x in d.cases] == [True, True, True, False, False]
    assert [x.reporting_unit for x in d.cases[:3]] == ["某某省大数据局", "甲市政务服务管理局", "乙市城市运行管理中心"]
    assert d.cases[0].short_name == "惠民通" and d.cases[1].short_name is None
    b = [c.text[x.body_start:x.body_end] for x in d.cases[:3]]
    assert b[0].endswith("一是如此。") and "甲市" not in b[0]
    assert b[1].endswith("办件量达3万件。")
    assert b[2].endswith("数据20亿条。")


@pytest.mark.parametrize("title,short", [
    ("天津市数字社会综合应用平台“津心办”", "津心办"),
    ("广东省“粤省事”移动政务服务平台", "粤省事"),
    ("河南省“豫事办”政务服务平台", "豫事办"),
    ("包头市以“1+1+N”模式,加快推进数字政府建设", None),
    ("威海市基于区块链的“一人(企)一档”", None),
    ("淄博市数字赋能打造公共投资项目“智慧审计”新模式", None),
    ("天津市“互联网+监管”系统应用案例", None),
    ("亳州市“城市大脑”助力打造“智慧药都,数字亳州”", None),
    ("聊城市智慧聊城“城市大脑”", None),
])
def test_short_name(title, short):
    assert M.short_name(title) == short


def test_compendium_without_categories():
    titles = ["甲市城市大脑", "乙省“乙事通”政务服务平台", "丙县数字乡村", "丁市智慧医保", "戊区基层治理"]
    toc = "".join(f"({'一二三四五'[i]}){t}.{3 + 5 * i}" for i, t in enumerate(titles))
    bodies = "".join(f"({'一二三四五'[i]}){t}报送单位:{t[:2]}大数据局1案例背景正文{i}。" for i, t in enumerate(titles[:3]))
    c = clean("案例选编\n目录\n" + toc + "\n" + bodies)
    assert M.matches(c.text)
    d = M.parse(c)
    assert [x.title for x in d.cases] == titles
    assert [x.category for x in d.cases] == [None] * 5
    assert [x.has_text for x in d.cases] == [True, True, True, False, False]
    assert d.cases[1].short_name == "乙事通"
    assert c.text[d.cases[2].body_start:d.cases[2].body_end] == "(三)丙县数字乡村报送单位:丙县大数据局1案例背景正文2。"


def test_toc_with_ellipsis_leaders_and_spaced_pages():
    toc = ("目 录\n一、示范案例…………1\n(一)甲市“甲事通”平台…………1\n(二)乙省数据共享平台 ………… 5\n"
           "(三)丙市城市大脑…9\n(四)丁县 数字乡村 . . . 12\n二、其他类……15\n(一)戊市智慧医保…15\n")
    body = "一、示范案例\n(一)甲市“甲事通”平台\n报送单位:甲市大数据局\n1案例背景\n甲事通注册用户 100 万。\n"
    c = clean(toc + body)
    d = M.parse(c)
    assert [x.page for x in d.cases] == [1, 5, 9, 12, 15]
    assert [x.category for x in d.cases] == ["示范案例"] * 4 + ["其他类"]
    assert d.cases[0].has_text and d.cases[0].reporting_unit == "甲市大数据局"
    assert c.text[d.cases[0].body_start:d.cases[0].body_end].endswith("甲事通注册用户100万。")


def test_against_project_labels_for_all_48(doc001):
    """The project's own labels of the whole table of contents (tests/data/labels, beyond gold-dev)."""
    path = RAW.parent.parent / "tests" / "data" / "labels" / "toc_001.jsonl"
    if not path.exists():
        pytest.skip("no project labels")
    _, d = doc001
    labels = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(labels) == 48
    for g in labels:
        case = d.cases[g["toc_no"] - 1]
        assert (case.title, case.category, case.page, case.has_text) == (
            g["title"], g["category"], g["page"], g["has_text"]), g["toc_no"]


@pytest.mark.parametrize("text,unit", [
    ("报送单位:数字广东网络建设有限公司1案例背景党中央", "数字广东网络建设有限公司"),
    ("报送单位:苏州工业园区党政办(大数据管理局)1案例背景", "苏州工业园区党政办(大数据管理局)"),
    ("报送单位:甲市大数据局\n一、案例背景", "甲市大数据局"),
    ("报送单位:甲市大数据局案例背景近年来", "甲市大数据局"),
    ("申报单位: 乙省政务服务中心。", "乙省政务服务中心"),
])
def test_reporting_unit(text, unit):
    assert M._UNIT.search(text).group(1) == unit
