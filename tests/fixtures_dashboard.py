"""A synthetic but realistic warehouse for the dashboard's tests, built with etl.schema.create_all.

Several provinces and cities, two sources presenting the same case (same canonical_id), a total
with its parts (part_of_total), a low-confidence outcome, a percent time_saved beside an hours one,
a tier that claims nine members and names seven, findings and build-log lines. Raw files are
written beside the warehouse so that raw_start/raw_end index real text. Also a tiny geo asset set
(34 squares with the real codes and names, the ten-dash line, a few cities) for the map code.
"""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd

from etl.contract import store_unit
from etl.schema import create_all

PROVINCES = [
    ("110000", "北京市", "北京", "Beijing"), ("120000", "天津市", "天津", "Tianjin"),
    ("130000", "河北省", "河北", "Hebei"), ("140000", "山西省", "山西", "Shanxi"),
    ("150000", "内蒙古自治区", "内蒙古", "Inner Mongolia"), ("210000", "辽宁省", "辽宁", "Liaoning"),
    ("220000", "吉林省", "吉林", "Jilin"), ("230000", "黑龙江省", "黑龙江", "Heilongjiang"),
    ("310000", "上海市", "上海", "Shanghai"), ("320000", "江苏省", "江苏", "Jiangsu"),
    ("330000", "浙江省", "浙江", "Zhejiang"), ("340000", "安徽省", "安徽", "Anhui"),
    ("350000", "福建省", "福建", "Fujian"), ("360000", "江西省", "江西", "Jiangxi"),
    ("370000", "山东省", "山东", "Shandong"), ("410000", "河南省", "河南", "Henan"),
    ("420000", "湖北省", "湖北", "Hubei"), ("430000", "湖南省", "湖南", "Hunan"),
    ("440000", "广东省", "广东", "Guangdong"), ("450000", "广西壮族自治区", "广西", "Guangxi"),
    ("460000", "海南省", "海南", "Hainan"), ("500000", "重庆市", "重庆", "Chongqing"),
    ("510000", "四川省", "四川", "Sichuan"), ("520000", "贵州省", "贵州", "Guizhou"),
    ("530000", "云南省", "云南", "Yunnan"), ("540000", "西藏自治区", "西藏", "Tibet"),
    ("610000", "陕西省", "陕西", "Shaanxi"), ("620000", "甘肃省", "甘肃", "Gansu"),
    ("630000", "青海省", "青海", "Qinghai"), ("640000", "宁夏回族自治区", "宁夏", "Ningxia"),
    ("650000", "新疆维吾尔自治区", "新疆", "Xinjiang"), ("710000", "台湾省", "台湾", "Taiwan"),
    ("810000", "香港特别行政区", "香港", "Hong Kong"), ("820000", "澳门特别行政区", "澳门", "Macao"),
]

# Raw documents: the outcome rows below point into these texts by the offsets of their numbers.
RAW = {
    "100_fixture_compendium.txt": (
        "数字政府典型案例汇编(测试)\n"
        "一、广东省数据资源一网共享平台\n"
        "平台累计归集数据量达648.39亿条,实现3487万条办件数据回流。"
        "全年发出预警22.15万条,其中部门预警7.21万条、综合预警14.75万条。\n"
        "二、天津市津心办\n"
        "“津心办”实名注册用户超1600万,上线服务事项2000余项,办理时间由20个工作日缩短至5个工作日。\n"
        "三、宣城市城市大脑\n"
        "城市大脑处置事件约12万件,办理时间减少60%。<script>alert(1)</script>\n"
    ),
    "101_fixture_awards.txt": (
        "“2022数字政府建设卓越示范案例”名单\n"
        "天津市 津心办:实名注册用户1600万。\n"
        "浙江省 浙里办:注册用户超8000万,服务企业逾100万家。\n"
    ),
    "102_fixture_tiers.txt": (
        "在省级政府服务能力方面,北京市、上海市、浙江省、福建省、广东省、四川省、贵州省9省市位居全国第一梯队,能力“优秀”。\n"
    ),
}


def _span(text: str, needle: str, after: str = "") -> tuple[int, int]:
    base = text.index(after) if after else 0
    start = text.index(needle, base)
    return start, start + len(needle)


def build_raw(raw_dir: Path) -> None:
    raw_dir.mkdir(parents=True, exist_ok=True)
    for name, text in RAW.items():
        (raw_dir / name).write_text(text, encoding="utf-8")


def frames() -> dict[str, pd.DataFrame]:
    src = pd.DataFrame([
        dict(source_id="100_fixture_compendium", file="100_fixture_compendium.txt", title="数字政府典型案例汇编(测试)",
             publisher="中国信息通信研究院", published=pd.Timestamp("2023-02-01").date(), published_precision="month",
             script="simplified", kind="compendium", description="fixture compendium", noise="page headers",
             sha256="0" * 64, n_chars=len(RAW["100_fixture_compendium.txt"])),
        dict(source_id="101_fixture_awards", file="101_fixture_awards.txt", title="卓越示范案例名单(测试)",
             publisher="新京报", published=pd.Timestamp("2023-07-11").date(), published_precision="day",
             script="simplified", kind="award_list", description="fixture award list", noise=None,
             sha256="1" * 64, n_chars=len(RAW["101_fixture_awards.txt"])),
        dict(source_id="102_fixture_tiers", file="102_fixture_tiers.txt", title="省级第一梯队(测试)",
             publisher=None, published=pd.Timestamp("2020-05-09").date(), published_precision="day",
             script="traditional", kind="tier_article", description="fixture tier article", noise="pinyin",
             sha256="2" * 64, n_chars=len(RAW["102_fixture_tiers.txt"])),
    ])
    c = RAW["100_fixture_compendium.txt"]
    cases = pd.DataFrame([
        dict(case_id="c100-01", source_id="100_fixture_compendium", case_no=1, title="广东省数据资源一网共享平台",
             short_name=None, category="示范案例", award=None, province="广东省", province_code="440000",
             city=None, city_code=None, reporting_unit="数字广东网络建设有限公司", has_text=True,
             canonical_id="k-gd-share"),
        dict(case_id="c100-02", source_id="100_fixture_compendium", case_no=2, title="天津市津心办",
             short_name="津心办", category="社会管理类", award=None, province="天津市", province_code="120000",
             city=None, city_code=None, reporting_unit="天津市政务服务办公室", has_text=True, canonical_id="k-tj-jxb"),
        dict(case_id="c100-03", source_id="100_fixture_compendium", case_no=3, title="宣城市城市大脑<b>赋能</b>",
             short_name=None, category="社会管理类", award=None, province="安徽省", province_code="340000",
             city="宣城市", city_code="341800", reporting_unit="宣城市数据资源管理局", has_text=True,
             canonical_id="k-ah-xc"),
        dict(case_id="c100-04", source_id="100_fixture_compendium", case_no=4, title="厦门市目录中的案例",
             short_name=None, category="示范案例", award=None, province="福建省", province_code="350000",
             city="厦门市", city_code="350200", reporting_unit=None, has_text=False, canonical_id="k-fj-xm"),
        dict(case_id="c101-01", source_id="101_fixture_awards", case_no=1, title="津心办",
             short_name="津心办", category="卓越示范案例", award="卓越示范案例", province="天津市",
             province_code="120000", city=None, city_code=None, reporting_unit="天津市", has_text=True,
             canonical_id="k-tj-jxb"),
        dict(case_id="c101-02", source_id="101_fixture_awards", case_no=2, title="浙里办",
             short_name="浙里办", category="特色案例", award="特色案例", province="浙江省", province_code="330000",
             city=None, city_code=None, reporting_unit="浙江省", has_text=True, canonical_id="k-zj-zlb"),
    ])
    # time and taxonomy (etl.dims): the compendium dated by publication, the award list by its selection
    dims = {"c100-01": ("应用支撑", True, "示范案例", 2023, "published"),
            "c100-02": ("社会管理", False, None, 2023, "published"),
            "c100-03": ("社会管理", False, None, 2023, "published"),
            "c100-04": ("智慧城市", True, "示范案例", 2023, "published"),
            "c101-01": ("政务服务", True, "卓越示范案例", 2022, "selection"),
            "c101-02": ("政务服务", True, "特色案例", 2022, "selection")}
    for i, col in enumerate(("domain", "domain_inferred", "award", "year", "year_basis")):
        cases[col] = cases["case_id"].map(lambda c, i=i: dims[c][i])
    cases["year"] = cases["year"].astype("Int64")
    for col in ("place_note", "page", "raw_start", "raw_end", "body"):
        cases[col] = None
    cases.loc[cases["case_id"] == "c100-03", "body"] = "城市大脑处置事件约12万件,办理时间减少60%。"   # search reads bodies
    cases["page"] = cases["page"].astype("Int64")
    cases["raw_start"] = cases["raw_start"].astype("Int64")
    cases["raw_end"] = cases["raw_end"].astype("Int64")
    a = RAW["101_fixture_awards.txt"]

    def o(oid, case_id, metric, value, unit, needle, quote, *, text=c, after="", qualifier="exact",
          period="cumulative", part=False, conf="high", before=None, after_v=None, note=None):
        s, e = _span(text, needle, after)
        return dict(outcome_id=oid, case_id=case_id, metric=metric, value=value, unit=unit,
                    comparable_unit=store_unit(metric, unit), qualifier=qualifier,
                    period=period, part_of_total=part, before_value=before, after_value=after_v, quote=quote,
                    raw_start=s, raw_end=e, confidence=conf, note=note)

    outcomes = pd.DataFrame([
        o("o01", "c100-01", "data_records", 64839000000.0, "条", "648.39亿条", "累计归集数据量达648.39亿条"),
        o("o02", "c100-01", "data_records", 34870000.0, "条", "3487万条", "实现3487万条办件数据回流"),
        o("o03", "c100-01", "warnings_issued", 221500.0, "条", "22.15万条", "全年发出预警22.15万条"),
        o("o04", "c100-01", "warnings_issued", 72100.0, "条", "7.21万条", "其中部门预警7.21万条", part=True),
        o("o05", "c100-01", "warnings_issued", 147500.0, "条", "14.75万条", "综合预警14.75万条", part=True),
        o("o06", "c100-02", "registered_users", 16000000.0, "人", "1600万", "实名注册用户超1600万",
          qualifier="lower_bound"),
        o("o07", "c100-02", "services_online", 2000.0, "项", "2000余项", "上线服务事项2000余项",
          qualifier="lower_bound"),
        o("o08", "c100-02", "time_saved", 360.0, "小时", "20个工作日缩短至5个工作日",
          "办理时间由20个工作日缩短至5个工作日", before=480.0, after_v=120.0),
        o("o09", "c100-03", "events_handled", 120000.0, "件", "12万件", "城市大脑处置事件约12万件",
          qualifier="approx", conf="low", note="事件 or 工单: unsure"),
        o("o10", "c100-03", "time_saved", 60.0, "%", "60%", "办理时间减少60%"),
        o("o11", "c101-01", "registered_users", 16000000.0, "人", "1600万", "实名注册用户1600万", text=a),
        o("o12", "c101-02", "registered_users", 80000000.0, "人", "8000万", "注册用户超8000万", text=a,
          qualifier="lower_bound"),
        o("o13", "c101-02", "enterprises_served", 1000000.0, "家", "100万家", "服务企业逾100万家", text=a,
          qualifier="lower_bound"),
    ])
    tier_members = [("北京市", "110000"), ("上海市", "310000"), ("浙江省", "330000"), ("福建省", "350000"),
                     ("广东省", "440000"), ("四川省", "510000"), ("贵州省", "520000")]
    tq = "北京市、上海市、浙江省、福建省、广东省、四川省、贵州省9省市位居全国第一梯队"
    tiers = pd.DataFrame([
        dict(evaluation="2019年中国数字政府服务能力评估", evaluator="中国软件评测中心", year=2019, level="province",
             tier="第一梯队", member=m, member_code=code if i % 2 else None, source_id="102_fixture_tiers",
             claimed_count=9, quote=tq)
        for i, (m, code) in enumerate(reversed(tier_members))  # out of order, some without a code, on purpose
    ] + [
        dict(evaluation="2019年中国数字政府服务能力评估", evaluator="中国软件评测中心", year=2019, level="province",
             tier="优秀", member=m, member_code=code, source_id="人民网 2019-12-06 (outside reference)",
             claimed_count=None, quote=None)
        for m, code in tier_members
    ])
    findings = pd.DataFrame([
        dict(finding_id="f1", source_id="102_fixture_tiers", case_id=None, kind="tier_count_mismatch",
             severity="warning", message="第一梯队 claims 9 members but names 7", evidence=tq),
        dict(finding_id="f2", source_id="100_fixture_compendium", case_id="c100-01", kind="part_total",
             severity="info", message="parts 7.21万 + 14.75万 = 21.96万 ≠ total 22.15万",
             evidence="<预警22.15万条>"),
    ])
    build_log = pd.DataFrame([
        dict(file="102_fixture_tiers.txt", level="warning", message="not in data/raw/sources.csv"),
        dict(file="100_fixture_compendium.txt", level="info", message="3 cases"),
    ])
    provinces = pd.DataFrame(PROVINCES, columns=["province_code", "name", "short_name", "name_en"])
    return dict(sources=src, cases=cases, outcomes=outcomes, tiers=tiers, findings=findings,
                build_log=build_log, provinces=provinces)


def build_warehouse(path: Path, raw_dir: Path | None = None) -> Path:
    """Write the fixture warehouse at `path` (and its raw files into `raw_dir`)."""
    if raw_dir is not None:
        build_raw(raw_dir)
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    create_all(con)
    for table, frame in frames().items():
        con.register("_f", frame)
        cols = ", ".join(f'"{c}"' for c in frame.columns)
        con.execute(f'INSERT INTO "{table}" ({cols}) SELECT {cols} FROM _f')
        con.unregister("_f")
    con.execute("CHECKPOINT")
    con.close()
    return path


# ---------------------------------------------------------------- geo fixture

CITIES = [("341800", "宣城市", "340000", "prefecture", 118.76, 30.94),
          ("350200", "厦门市", "350000", "prefecture", 118.09, 24.48),
          ("440100", "广州市", "440000", "prefecture", 113.26, 23.13)]


def build_geo(geo_dir: Path) -> Path:
    """34 small squares on a grid (real codes and names), a ten-dash line and a few city points."""
    geo_dir.mkdir(parents=True, exist_ok=True)
    feats = []
    for i, (code, name, short, en) in enumerate(PROVINCES):
        x, y = 75 + (i % 7) * 7, 20 + (i // 7) * 6
        ring = [[x, y], [x + 5, y], [x + 5, y + 4], [x, y + 4], [x, y]]
        feats.append({"type": "Feature", "properties": {"code": code, "name": name, "short_name": short,
                                                        "name_en": en},
                      "geometry": {"type": "Polygon", "coordinates": [ring]}})
    (geo_dir / "provinces.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": feats},
                                                          ensure_ascii=False), encoding="utf-8")
    line = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "十段线"},
            "geometry": {"type": "MultiLineString", "coordinates": [[[109, 18], [110, 15]], [[112, 5], [113, 4]]]}}]}
    (geo_dir / "tenline.geojson").write_text(json.dumps(line), encoding="utf-8")
    pd.DataFrame(CITIES, columns=["city_code", "name", "province_code", "kind", "lon", "lat"]).to_csv(geo_dir / "cities.csv", index=False)
    return geo_dir


def use_navigation_v2(monkeypatch) -> None:
    """AppTest re-detects Streamlit's MPA v1 (a `pages/` folder beside app.py) before every run and then
    runs a page file without app.py; a real server switches to v2 for good at the first st.navigation
    call. Make AppTest behave like the server."""
    from streamlit.runtime import pages_manager

    original = pages_manager.PagesManager.__init__

    def init(self, *a, **k):
        original(self, *a, **k)
        pages_manager.PagesManager.uses_pages_directory = False

    monkeypatch.setattr(pages_manager.PagesManager, "__init__", init)


def displayed(element) -> pd.DataFrame:
    """An AppTest dataframe as the reader sees it: a table whose figures are numbers under a Styler
    (dashboard/grid.py) shows its Styler's text; `element.value` holds the numbers it sorts by."""
    from streamlit import dataframe_util

    arrow = element.proto.arrow_data
    shown = arrow.styler.display_values if arrow.HasField("styler") else b""
    if not shown:
        return element.value
    text = dataframe_util.convert_arrow_bytes_to_pandas_df(shown)
    text.columns = element.value.columns
    return text.reset_index(drop=True)
