"""Segmentation of the five source documents into cases (etl.segment), and the adapters' rules on
made-up text of the same shapes."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from etl.segment import pick_adapter, segment
from etl.segment.generic import parse_count
from etl.segment.text import clean_title, find_short_name

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
GOLD = ROOT.parent / "shared" / "gold-dev" / "cases.jsonl"
LABELS = ROOT / "tests" / "data" / "labels" / "cases.jsonl"

FILES = {
    "000": "000_257923fddfa0a33c.txt",
    "001": "001_c0ee248da95ea4d5.txt",
    "002": "002_43ea7e1ae5aa3ae7.txt",
    "003": "003_6845d65c0d41d8f8.txt",
    "004": "004_81586a143d818d44.txt",
}


@dataclass
class _Plain:                      # a Cleaned-like object for made-up text (identity offsets)
    text: str

    @property
    def offsets(self):
        return list(range(len(self.text) + 1))


def _clean(raw: str):
    try:
        from etl.clean import clean
    except ImportError:                                  # cleaning layer not landed: minimal stand-in
        from etl.script import to_simplified
        tone = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
        text = re.sub(rf"\((?=[a-z{tone}]*[{tone}])[a-z{tone}]{{1,7}}\)", "", to_simplified(raw))
        return _Plain(text)
    return clean(raw)


_CACHE: dict = {}


def cleaned(key: str):
    if key not in _CACHE:
        _CACHE[key] = _clean((RAW / FILES[key]).read_text(encoding="utf-8"))
    return _CACHE[key]


def doc(key: str):
    return segment(FILES[key], cleaned(key))


def norm(s: str) -> str:
    return re.sub(r"[^\u4e00-\u9fffA-Za-z0-9+]", "", s)


# ------------------------------------------------------------------ dispatcher
@pytest.mark.parametrize("key,adapter", [
    ("000", "award_list"), ("002", "category_article"), ("003", "award_article"),
    ("004", "tier_article"),
])
def test_dispatcher_picks_adapter(key, adapter):
    assert doc(key).adapter == adapter


def test_compendium_goes_to_its_own_adapter():
    # 001 belongs to the compendium adapter (another helper's module); none of ours may claim it
    import importlib.util
    expected = "compendium" if importlib.util.find_spec("etl.segment.compendium") else "generic"
    assert pick_adapter(cleaned("001").text).__name__.rsplit(".", 1)[-1] == expected
    from etl.segment import award_article, award_list, category_article, tier_article
    for mod in (award_list, award_article, category_article, tier_article):
        assert not mod.matches(cleaned("001").text), mod.__name__


def test_generic_adapter_on_made_up_text():
    text = "  “某市智慧停车平台建设”。\n某市建成智慧停车平台,接入车位3万个。"
    d = segment("x.txt", _Plain(text))
    assert d.adapter == "generic" and len(d.cases) == 1
    c = d.cases[0]
    assert c.title == "某市智慧停车平台建设" and c.case_no == 1 and c.has_text
    assert text[c.body_start:c.body_end].startswith("“某市") and text[c.body_start:c.body_end].endswith("3万个。")
    assert c.place_text.startswith("某市智慧停车平台建设")


def test_generic_empty_text_has_no_case():
    assert segment("e.txt", _Plain(" \n\n")).cases == []


# ------------------------------------------------------------------ counts and spans
@pytest.mark.parametrize("key,n", [("000", 5), ("002", 6), ("003", 4), ("004", 7)])
def test_case_counts(key, n):
    d = doc(key)
    assert len(d.cases) == n
    assert [c.case_no for c in d.cases] == list(range(1, n + 1))


@pytest.mark.parametrize("key", ["000", "002", "003", "004"])
def test_body_spans_are_ordered_and_disjoint(key):
    d, text = doc(key), cleaned(key).text
    prev = 0
    for c in d.cases:
        assert c.has_text and 0 <= prev <= c.body_start < c.body_end <= len(text)
        assert not text[c.body_start].isspace() and not text[c.body_end - 1].isspace()
        prev = c.body_end


# ------------------------------------------------------------------ 000 award list
def test_award_list_entries():
    d, text = doc("000"), cleaned("000").text
    assert {c.category for c in d.cases} == {"卓越示范案例"}
    assert {c.award for c in d.cases} == {"2022数字政府建设卓越示范案例"}
    first, last = d.cases[0], d.cases[-1]
    assert first.title == "智慧株洲·诸事达APP"
    assert first.reporting_unit == "株洲国投智慧城市产业发展投资有限公司"
    assert text[first.body_start:first.body_end].startswith("案例")
    assert "单位" not in text[first.body_end:first.body_end + 1]
    # the partial last entry counts, its body as far as the copy goes, without the share chrome
    assert last.title == "天津数字社会综合应用平台“津心办”" and last.has_text
    assert text[last.body_start:last.body_end].endswith("一是以智能化推动为民服务提")
    assert last.reporting_unit == "天津市委网信办、天津市大数据管理中心"


def test_award_list_truncation_finding():
    f = [x for x in doc("000").findings if x["kind"] == "truncated"]
    assert len(f) == 1
    assert set(f[0]) == {"kind", "severity", "message", "message_zh", "evidence"}
    assert "只有 5 条" in f[0]["message_zh"] and "30 个优秀案例" in f[0]["message_zh"]
    assert "5 entries present" in f[0]["message"] and "states 30 excellent cases" in f[0]["message"]
    assert "30个优秀案例" in f[0]["evidence"] and f[0]["severity"] == "warning"


def test_award_list_made_up_complete_list_has_no_finding():
    text = ("以下是入选“2023智慧城市建设优秀案例”的名单。\n单位:甲市大数据局\n案例:甲市“甲好办”平台\n"
            "概述:甲市建成平台。\n评语:很好。\n单位:乙县政府办\n案例:乙县城市运行中心\n概述:乙县。\n评语:不错。")
    d = segment("y.txt", _Plain(text))
    assert d.adapter == "award_list" and len(d.cases) == 2
    assert d.cases[0].category == "优秀案例" and d.cases[0].short_name == "甲好办"
    assert d.cases[1].reporting_unit == "乙县政府办" and d.findings == []


# ------------------------------------------------------------------ 003 award article
def test_award_article_awards_and_units():
    d = doc("003")
    got = [(c.title, c.category, c.short_name) for c in d.cases]
    assert got == [
        ("天津数字社会综合应用平台“津心办”", "卓越示范案例", "津心办"),
        ("天津“城市大脑”", "特色案例", None),
        ("“津治通”全市一体化社会治理信息化平台", "特色案例", "津治通"),
        ("天津“健康码”系统", "特色案例", None),
    ]
    assert {c.reporting_unit for c in d.cases} == {"天津市委网信办、天津市大数据管理中心"}
    assert not [f for f in d.findings if f["kind"] == "count_mismatch"]


# ------------------------------------------------------------------ 002 category article
def test_category_article_cases():
    d, text = doc("002"), cleaned("002").text
    assert {c.category for c in d.cases} == {"社会管理类"}
    assert [c.short_name for c in d.cases] == [None, None, None, "数园区·疫防控", None, "民情地图"]
    assert all(c.reporting_unit is None for c in d.cases)
    last = d.cases[-1]
    body = text[last.body_start:last.body_end]
    assert "最后" not in body and "特别声明" not in body and body.endswith("奠定了重要基础。")


# ------------------------------------------------------------------ 004 tier article
def test_tier_article_sections():
    d = doc("004")
    assert [c.title for c in d.cases] == ["北京市", "上海市", "浙江省", "福建省", "广东省", "四川省", "贵州省"]
    assert {c.category for c in d.cases} == {"省级第一梯队"}
    assert all(c.place_text.startswith(c.title) for c in d.cases)


def test_tier_claim_and_count_mismatch():
    d, text = doc("004"), cleaned("004").text
    assert len(d.tiers) == 1
    t = d.tiers[0]
    assert t.members == ["北京市", "上海市", "浙江省", "福建省", "广东省", "四川省", "贵州省"]
    assert t.claimed_count == 9 and t.tier == "第一梯队" and t.level == "province" and t.year == 2019
    assert t.evaluation == "2019年中国数字政府服务能力评估" and t.evaluator == "中国软件评测中心"
    quote = text[t.quote_start:t.quote_end]
    assert "9省市位居全国第一梯队" in quote and quote.endswith("。")
    mm = [f for f in d.findings if f["kind"] == "count_mismatch"]
    assert len(mm) == 1 and mm[0]["severity"] == "warning"
    assert mm[0]["message"] == "says 9 provinces in the first tier but names 7" and mm[0]["evidence"] == quote


@pytest.mark.parametrize("sentence,members,count,mismatch", [
    ("在省级政府服务能力方面,江苏省、浙江省、广东省3省位居全国第一梯队。", ["江苏省", "浙江省", "广东省"], 3, False),
    ("在省级政府服务能力方面,江苏、浙江、广东、山东等五个省份位列第二梯队。", ["江苏省", "浙江省", "广东省", "山东省"], 5, True),
    ("其中,内蒙古自治区、宁夏回族自治区进入第三梯队。", ["内蒙古自治区", "宁夏回族自治区"], None, False),
])
def test_tier_claim_rule_on_made_up_sentences(sentence, members, count, mismatch):
    text = f"某报告\n据某中心发布的《2021年省级政府服务能力评估报告》显示,情况良好。\n{sentence}\n甲省\n甲省做了很多。\n江苏省\n江苏做了。\n浙江省\n浙江做了。"
    d = segment("z.txt", _Plain(text))
    assert d.adapter == "tier_article"
    t = d.tiers[0]
    assert t.members == members and t.claimed_count == count
    assert t.evaluation == "2021年省级政府服务能力评估" and t.evaluator == "某中心" and t.year == 2021
    assert bool([f for f in d.findings if f["kind"] == "count_mismatch"]) is mismatch


# ------------------------------------------------------------------ titles against the labels
def _labels(path: Path, stem: str):
    if not path.exists():
        pytest.skip(f"{path} not available")
    rows = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    return sorted((r for r in rows if r["doc"] == stem), key=lambda r: r["case_no"])


@pytest.mark.parametrize("key,path", [("002", GOLD), ("003", GOLD), ("000", LABELS), ("004", LABELS)])
def test_titles_categories_shorts_match_labels(key, path):
    gold = _labels(path, FILES[key])
    assert gold, "no labels for this document"
    d = doc(key)
    assert len(d.cases) == len(gold)
    for c, g in zip(d.cases, gold):
        assert norm(c.title) == norm(g["title"]), (c.title, g["title"])
        assert (c.category or "") == g["category"]
        assert (c.short_name or "") == g["short"], (c.title, c.short_name, g["short"])
        assert (c.reporting_unit or "") == g["reporting_unit"]


# ------------------------------------------------------------------ helpers
@pytest.mark.parametrize("title,body,short", [
    ("天津数字社会综合应用平台“津心办”", "", "津心办"),
    ("“津治通”全市一体化社会治理信息化平台", "建设“津治通”全市一体化社会治理信息化平台(下称“津治通”),整合", "津治通"),
    ("广东省“粤省事”移动政务服务平台", "", "粤省事"),
    ("智慧株洲·诸事达APP", "", "智慧株洲·诸事达"),
    ("“城市大脑”“穗智管”让城市治理更智慧", "建设…于一体的“穗智管”城市运行管理中枢(下称“穗智管”)。", "穗智管"),
    ("汕尾市社会治理民情地图解决方案", "“民情地图”平台是汕尾的“智慧大脑”", "民情地图"),
    # negatives: generic words, slogans, mechanisms, long quoted descriptions
    ("天津“健康码”系统", "天津“健康码”系统综合了个人填报数据", None),
    ("天津“城市大脑”", "积极推进天津“城市大脑”建设", None),
    ("无锡市自然资源规划一体化平台", "创新打造“锡地码”一码管地新机制", None),
    ("“智慧环保+高德工作地图”应用系统", "“智慧环保”是厦门市生态环境局自建的生态云平台", None),
    ("南通市市域治理现代化指挥平台项目(激活数据潜能创新科技赋能打造市域治理现代化“南通样板”)", "", None),
    ("淄博市博山区“智防山洪”信息化预报预警建设", "", None),
    ("天津市“互联网+监管”系统应用案例", "", None),
    ("政务服务APP", "", None),
])
def test_find_short_name(title, body, short):
    assert find_short_name(title, body) == short


@pytest.mark.parametrize("raw,title", [
    ("  “智慧环保+高德工作地图”应用系统 。", "“智慧环保+高德工作地图”应用系统"),
    ("“北京通”", "北京通"),
    ("天津“城市大脑”", "天津“城市大脑”"),
    ("案例名称 ,", "案例名称"),
    ("“津治通”全市一体化社会治理信息化平台", "“津治通”全市一体化社会治理信息化平台"),
    ("天津数字社会综合应用平台“津心办", "天津数字社会综合应用平台“津心办”"),
    ("“津心办”是", "“津心办”是"),
])
def test_clean_title(raw, title):
    assert clean_title(raw) == title


@pytest.mark.parametrize("s,n", [("9", 9), ("九", 9), ("十二", 12), ("三十", 30), ("两", 2), ("４８", 48), ("x", None)])
def test_parse_count(s, n):
    assert parse_count(s) == n


def test_broken_or_unknown_adapters_are_errors(monkeypatch):
    import types

    import etl.segment as seg
    with pytest.raises(KeyError):
        seg.adapter("no_such_adapter")
    broken = types.ModuleType("etl.segment.broken")
    broken.NAME = "broken"
    broken.matches = lambda text: True          # no parse()
    monkeypatch.setattr(seg, "ADAPTERS", (broken, *seg.ADAPTERS))
    with pytest.raises(seg.AdapterError, match="no parse"):
        segment(FILES["003"], cleaned("003"))
    monkeypatch.setattr(seg, "ADAPTERS", ("award_article", *seg.ADAPTERS[1:]))
    with pytest.raises(seg.AdapterError, match="not a module"):
        seg.check_adapters()
    with pytest.raises(seg.AdapterError, match="generic"):
        seg.check_adapters((seg.compendium, seg.award_list))


def test_registered_adapters():
    import etl.segment as seg
    assert [m.NAME for m in seg.ADAPTERS] == ["compendium", "award_list", "award_article",
                                              "category_article", "tier_article", "generic"]
    assert seg.adapter("generic").NAME == "generic"
    assert segment(FILES["003"], cleaned("003")).adapter == "award_article"


def test_tier_claim_on_cities():
    text = ("重点城市数字政府评估\n据某研究院发布的《2022年重点城市数字政府发展指数报告》显示:\n"
            "深圳市、杭州市、广州市、成都市4个城市位列第一梯队,智慧城市建设成效明显。\n"
            "深圳市\n深圳做了。\n杭州市\n杭州做了。\n广州市\n广州做了。")
    d = segment("c.txt", _Plain(text))
    assert d.adapter == "tier_article"
    t = d.tiers[0]
    assert t.members == ["深圳市", "杭州市", "广州市", "成都市"] and t.claimed_count == 4 and t.level == "city"
    assert [c.title for c in d.cases] == ["深圳市", "杭州市", "广州市"]
    assert d.cases[0].category == "城市第一梯队" and not d.findings


def test_no_tier_claim_for_generic_words():
    text = "标题\n智慧城市、数字城市位列第一梯队。\n北京市\n内容\n上海市\n内容"
    assert pick_adapter(text).__name__.endswith("generic")


def test_award_list_case_line_before_unit_line():
    text = ("以下为获评“2024数字政府创新案例”的名单:\n案例:丙市“丙事通”APP\n单位:丙市政务服务中心\n"
            "概述:丙市上线丙事通。\n评语:好。\n案例:丁区基层治理平台\n单位:丁区委政法委\n概述:丁区。\n评语:可。")
    d = segment("w.txt", _Plain(text))
    assert d.adapter == "award_list"
    assert [(c.title, c.reporting_unit, c.short_name) for c in d.cases] == [
        ("丙市“丙事通”APP", "丙市政务服务中心", "丙事通"), ("丁区基层治理平台", "丁区委政法委", None)]
    assert d.cases[0].category == "创新案例"
    assert text[d.cases[0].body_start:d.cases[0].body_end].endswith("评语:好。")


@pytest.mark.parametrize("text,title", [
    ("×\n\n某省政务服务报告。全省建成平台。\n正文", "某省政务服务报告"),
    ("## 《某市数据开放年度报告》\n正文", "某市数据开放年度报告"),
    ("一" * 80, "一" * 60),
])
def test_generic_title(text, title):
    assert segment("g.txt", _Plain(text)).cases[0].title == title


def test_category_article_numbered_headings_and_missing_section():
    text = ("某研究院发布案例集。其中,政务服务类有多个案例入选,分别为甲市“甲事通”政务服务平台、乙县一网通办改革、丙市不动产登记一件事等。\n"
            "一、甲市“甲事通”政务服务平台\n“甲事通”平台上线事项500项。\n"
            "二、乙县一网通办改革\n乙县推进改革,办件10万件。\n"
            "结语\n数字政府建设任重道远。")
    d = segment("v.txt", _Plain(text))
    assert d.adapter == "category_article"
    assert [(c.title, c.short_name, c.has_text) for c in d.cases] == [
        ("甲市“甲事通”政务服务平台", "甲事通", True), ("乙县一网通办改革", None, True),
        ("丙市不动产登记一件事", None, False)]
    assert {c.category for c in d.cases} == {"政务服务类"}
    assert text[d.cases[1].body_start:d.cases[1].body_end].endswith("办件10万件。")
    assert [f["kind"] for f in d.findings] == ["case_without_text"]


@pytest.mark.parametrize("line,out", [("一、北京市", "北京市"), ("(2)日照市智慧城管", "日照市智慧城管"),
                                      ("01 在平台建设方面", "在平台建设方面"), ("北京市", "北京市"),
                                      ("12345政务热线", "12345政务热线")])
def test_strip_numbering(line, out):
    from etl.segment.text import strip_numbering
    assert strip_numbering(line) == out


def test_tier_article_last_section_stops_before_the_conclusion():
    d, text = doc("004"), cleaned("004").text
    last = text[d.cases[-1].body_start:d.cases[-1].body_end]
    assert last.endswith("均名列全国第一。")
    assert "回归政府治理本位" not in last


@pytest.mark.parametrize("key", ["000", "002", "003", "004"])
def test_findings_have_the_interface_keys(key):
    for f in doc(key).findings:
        assert set(f) == {"kind", "severity", "message", "message_zh", "evidence"}
        assert any("\u4e00" <= ch <= "\u9fff" for ch in f["message_zh"])   # said in Chinese too
        assert f["severity"] in ("info", "warning", "error") and f["evidence"]


def test_award_list_complete_but_shorter_than_stated_total():
    text = ("最终12个优秀案例脱颖而出。以下是入选“2023智慧城市建设卓越案例”的名单。\n单位:甲市大数据局\n案例:甲市平台\n"
            "概述:甲市建成平台。\n评语:很好。\n单位:乙县政府办\n案例:乙县中心\n概述:乙县。\n评语:不错。")
    d = segment("u.txt", _Plain(text))
    assert [f["kind"] for f in d.findings] == ["count_mismatch"]
    assert "states 12 excellent cases" in d.findings[0]["message"] and d.findings[0]["evidence"] == "最终12个优秀案例脱颖而出。"


@pytest.mark.parametrize("lead,category,mismatch", [
    ("其中,政务服务类有3个案例入选,分别为", "政务服务类", False),
    ("其中,政务服务类有四个案例入选,分别为", "政务服务类", True),
    ("以下几类案例值得关注,分别为", None, False),
])
def test_category_article_lead(lead, category, mismatch):
    text = (f"{lead}甲市“甲事通”政务服务平台、乙县一网通办改革、丙市不动产登记一件事。\n"
            "甲市“甲事通”政务服务平台\n上线事项500项。\n乙县一网通办改革\n办件10万件。\n丙市不动产登记一件事\n好。")
    d = segment("t.txt", _Plain(text))
    assert d.adapter == "category_article" and len(d.cases) == 3
    assert d.cases[0].category == category
    assert bool([f for f in d.findings if f["kind"] == "count_mismatch"]) is mismatch


# ------------------------------------------------------------------ generic adapter: headlines
from etl.segment.generic import headline  # noqa: E402

HEADLINES = [
    ("重庆日报网\n杭州“城市大脑”让城市治理更聪明\n日前，记者走进浙江省杭州市城市大脑运营指挥中心，大屏上数据实时跳动。",
     "杭州“城市大脑”让城市治理更聪明"),
    ("成都“天府市民云”打造城市服务总入口-成都市人民政府门户网站\n成都市人民政府门户网站\n"
     "成都“天府市民云”打造城市服务总入口\n记者从成都市网络理政办获悉，平台已整合全市58个部门的服务。",
     "成都“天府市民云”打造城市服务总入口"),
    ("广东省政务服务和数据管理局\n“粤省事”平台实名注册用户突破1.8亿\n记者从广东省获悉，平台用户持续增长，服务不断扩大。",
     "“粤省事”平台实名注册用户突破1.8亿"),
    ("中国政府网\n国务院办公厅关于全国政务服务“好差评”工作情况的通报\n各省、自治区、直辖市人民政府：\n"
     "按照国务院部署，各地区各部门持续推进政务服务“好差评”工作。",
     "国务院办公厅关于全国政务服务“好差评”工作情况的通报"),
    ("近日，某市上线一网通办平台，群众办事更加便捷。", ""),
    ("新华网\n新华社北京11月3日电　题：四川“天府通办”让群众办事更省心\n四川省政务服务平台上线以来，已接入事项7.5万项。",
     "四川“天府通办”让群众办事更省心"),
    # a site-name-and-date byline below the headline is not the headline
    ("苏州“苏周到”App注册用户突破1200万\n苏州新闻网　2023-05-18\n记者从苏州市大数据管理局获悉，“苏周到”App目前注册用户已突破1200万。",
     "苏州“苏周到”App注册用户突破1200万"),
    ("浙江日报 2024年3月2日 10:20\n杭州城市大脑再升级\n记者从杭州市数据资源管理局获悉，城市大脑目前接入数据超过100亿条。",
     "杭州城市大脑再升级"),
]


@pytest.mark.parametrize("text,want", HEADLINES)
def test_generic_headline(text, want):
    assert headline(text)[0] == want
