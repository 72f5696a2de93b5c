"""The dashboard's plain modules, without Streamlit running: downloads, highlighting, filters,
query whitelists, chart and map builders."""
from __future__ import annotations

import io
import json
import urllib.parse

import pandas as pd
import pytest

from dashboard import charts, downloads, filters, highlight, maps, queries
from dashboard.i18n import LABELS, METRIC_DEFS, METRIC_NAMES, t
from tests.fixtures_dashboard import PROVINCES, build_geo, build_warehouse


@pytest.fixture(scope="module")
def wh(tmp_path_factory):
    d = tmp_path_factory.mktemp("units")
    return queries.open_warehouse(build_warehouse(d / "w.duckdb", d / "raw"))


def test_csv_starts_with_header_row_and_writes_counts_as_integers():
    df = pd.DataFrame({"省份": ["广东省", "天津市"], "数值(数字)": [221500.0, None], "案例数": [30000.0, 2.0],
                       "原文": ["=HYPERLINK(\"http://x\")", "a\x07b\x00c"], "变化": [-3.5, 1.25]})
    data = downloads.to_csv(df)
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "省份,数值(数字),案例数,原文,变化"                  # header row first
    assert lines[1].startswith("广东省,221500,30000,") and "30000.0" not in data.decode("utf-8-sig")
    table = downloads.read_csv_payload(data)
    assert table["原文"].tolist() == ["'=HYPERLINK(\"http://x\")", "abc"]     # no formula, no control chars
    assert table["变化"].tolist() == ["-3.5", "1.25"]                           # numbers are not text: left alone
    assert table["数值(数字)"].tolist() == ["221500", ""]


@pytest.mark.parametrize("text", ["=1+1", "+1", "-cmd", "@SUM(A1)", "\t=1"])
def test_formula_injection_escaped(text):
    assert downloads.safe_text(text).startswith("'")


def test_xlsx_data_from_row_one_numbers_bold_frozen_notes():
    from openpyxl import load_workbook

    df = pd.DataFrame({"省份": ["广东省", "天津市"], "数值": ["22.15万条", "—"], "数值(数字)": [221500.0, None],
                       "案例数": [3, 1], "原文": ["=cmd|' /C calc'!A0", "正\x07常"]})
    notes = downloads.notes_rows("地图", [("省份", "天津市")], ["数字政府典型案例汇编 [001.txt]"], "http://x/map?province=120000")
    wb = load_workbook(io.BytesIO(downloads.to_xlsx(df, notes, "省份地图:数值", number_cols=["数值(数字)"])))
    assert wb.sheetnames == ["省份地图_数值", "说明"]
    ws = wb["省份地图_数值"]
    assert [c.value for c in ws[1]] == list(df.columns) and all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws["C2"].value == 221500 and isinstance(ws["C2"].value, int) and "#,##0" in ws["C2"].number_format
    assert ws["D2"].value == 3 and ws["C3"].value is None
    assert ws["E2"].data_type == "s" and ws["E2"].value == "=cmd|' /C calc'!A0"   # stored as text, not a formula
    assert ws["E3"].value == "正常" and ws.column_dimensions["A"].width >= 6
    info = {r[0]: r[1] for r in wb["说明"].iter_rows(values_only=True)}
    assert info["表格"] == "地图" and info["视图链接"] == "http://x/map?province=120000"
    assert "筛选条件: 省份" in info and "下载时间" in info and "来源" in info


def test_file_names_carry_the_view():
    import datetime as dt

    name = downloads.file_name("省份地图", "山东省", None, "a/b:c", ext="xlsx", when=dt.date(2026, 12, 5))
    assert name == "省份地图_山东省_a_b_c_20261205.xlsx"


def test_highlight_escapes_before_marking():
    q = "<b>处置</b>事件约12万件"
    out = highlight.mark(q, highlight.find_number(q, "12萬件"))
    assert out == "&lt;b&gt;处置&lt;/b&gt;事件约<mark>12万件</mark>"
    assert highlight.find_number("数据量达 648.39 亿条", "648.39亿条") == (5, 14)
    assert highlight.mark("a<b", None) == "a&lt;b"
    raw = "xx<i>超1600万</i>yy"
    assert "<mark>1600万</mark>" in highlight.raw_context(raw, 6, 11, width=3)


def test_filters_round_trip_and_map_selection():
    f = filters.from_params({"province": "440000", "metric": "visits", "junk": "x", "category": ""})
    assert f == filters.Filters(province="440000", metric="visits")
    assert f.as_params() == {"province": "440000", "metric": "visits"}
    assert filters.validate(f, {"province": ["440000"], "metric": []}).metric is None
    codes = ["110000", "440000"]
    assert filters.selection_province({"points": [{"location": "440000"}]}, codes) == "440000"
    assert filters.selection_province({"points": [{"customdata": ["110000"]}]}, codes) == "110000"
    assert filters.selection_province({"points": [{"point_index": 1}]}, codes) == "440000"
    assert filters.selection_province({"points": []}, codes) is None
    # a click on a city bubble (trace 3) names its own point index, which means nothing in `codes`
    city_click = {"points": [{"curve_number": 3, "point_index": 1, "lat": 37.4, "lon": 118.0}]}
    assert filters.selection_province(city_click, codes, curves=maps.PROVINCE_CURVES) is None
    assert filters.selection_province({"points": [{"curve_number": 1, "location": "440000"}]}, codes,
                                      curves=maps.PROVINCE_CURVES) == "440000"


@pytest.mark.parametrize("name", ["outcomes_001_c0ee248da95ea4d5:009", "a[b]c*d?e/f\\g", "'quoted'", "",
                                  "x" * 40, "省份地图:山东省/2026"])
def test_xlsx_sheet_names_are_valid(name):
    from openpyxl import load_workbook

    got = downloads.sheet_name(name)
    assert 1 <= len(got) <= 31 and not set(got) & set("[]:*?/\\") and not got.startswith("'")
    wb = load_workbook(io.BytesIO(downloads.to_xlsx(pd.DataFrame({"a": [1]}), [["t", "x"]], name)))
    assert wb.sheetnames[0] == got
    used: set[str] = set()
    assert downloads.sheet_name(name, used) != downloads.sheet_name(name, used)   # unique within a workbook


def test_failed_xlsx_is_a_message_not_nothing():
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(downloads.failure_xlsx("无法生成")))
    assert wb.active["A1"].value == "无法生成"


def test_source_label_never_nan():
    from dashboard import format as fmt

    assert fmt.source_label(float("nan"), None) == "—"
    assert fmt.source_label(None, "Article on the 社会管理类 cases") == "Article on the 社会管理类 cases"
    assert fmt.source_label("数字政府典型案例汇编", "x") == "数字政府典型案例汇编"
    assert fmt.text(float("nan")) == "—" and fmt.text(None, "") == ""
    assert filters.echarts_selection_province({"points": [{"name": "广东省"}]}, {"广东省": "440000"}) == "440000"


def test_query_whitelists_refuse_injection(wh):
    for bad in ("visits; DROP TABLE cases", "other|次|cumulative", "visits|次|weekly", "visits",
                "visits|次'); --|cumulative"):
        with pytest.raises(ValueError):
            queries.parse_measure(bad)
    with pytest.raises(ValueError):
        queries.group_values(wh, filters.Filters(), "visits|次|cumulative", "sum(value)); --", "domain")
    with pytest.raises(KeyError):
        queries.group_values(wh, filters.Filters(), "visits|次|cumulative", "sum", "title")
    # user values travel as parameters: a quote in a filter is just a value that matches nothing
    assert queries.overview(wh, filters.Filters(category="x' OR '1'='1"))["cases"] == 0
    # "%" and "_" are literal characters, not wildcards: only the body that holds "60%" matches
    assert queries.cases_table(wh, filters.Filters(), "%")[0]["case_id"].tolist() == ["c100-03"]
    assert queries.cases_table(wh, filters.Filters(), "_")[1] == 0


def test_aggregates_exclude_parts_and_split_percent(wh):
    f = filters.Filters()
    v = queries.province_values(wh, f, "warnings_issued|条|cumulative", "count")
    assert v["value"].tolist() == [1]                       # the total only, not its two parts
    hours = queries.group_values(wh, f, "time_saved|小时|cumulative", "max", "domain")
    assert hours["value"].tolist() == [360.0]
    assert queries.group_values(wh, f, "time_saved|%|cumulative", "max", "domain")["value"].tolist() == [60.0]
    assert queries.measure_unit("time_saved|%|unspecified") == "%"


def test_empty_tables_are_fine(tmp_path):
    import duckdb
    from etl.schema import create_all

    p = tmp_path / "e.duckdb"
    con = duckdb.connect(str(p))
    create_all(con)
    con.execute("INSERT INTO sources (source_id, file, script, sha256, n_chars) VALUES ('a', 'a.txt', 'simplified', 'x', 1)")
    con.close()
    w = queries.open_warehouse(p)
    f = filters.Filters()
    assert queries.overview(w, f) == {"cases": 0, "listings": 0, "provinces": 0, "sources": 1, "outcomes": 0,
                                      "provinces_total": 0, "years": None}
    assert queries.province_values(w, f, None).empty and queries.tiers(w).empty
    assert queries.cases_table(w, f)[1] == 0


def test_missing_or_sourceless_warehouse(tmp_path):
    with pytest.raises(queries.WarehouseMissing):
        queries.open_warehouse(tmp_path / "none.duckdb")
    import duckdb
    from etl.schema import create_all

    con = duckdb.connect(str(tmp_path / "empty.duckdb"))
    create_all(con)
    con.close()
    with pytest.raises(queries.WarehouseMissing):
        queries.open_warehouse(tmp_path / "empty.duckdb")


def test_plotly_map_is_offline_and_complete(tmp_path):
    geo = maps.load_geo(build_geo(tmp_path / "geo"))
    values = pd.DataFrame({"province_code": ["440000"], "province": ["广东省"], "value": [3.0], "n_cases": [3],
                           "case_titles": ["<x>案例"]})
    table = maps.map_table(values, geo["props"])
    assert len(table) == 34 and table["value"].notna().sum() == 1
    fig = maps.plotly_map(table, geo["provinces"], value_label="案例数", title="t", tenline=geo["tenline"])
    assert len(fig.data[0].locations) == 34 and fig.layout.geo.visible is False
    assert "&lt;x&gt;案例" in " ".join(fig.data[0].hovertext)
    url = maps.PLOTLY_CONFIG["topojsonURL"]
    assert url.startswith("data:application/json,") and url.endswith("#")
    topo = json.loads(urllib.parse.unquote(url[len("data:application/json,"):-1]))
    assert topo["type"] == "Topology"


def test_echarts_options_use_a_custom_map_name(tmp_path):
    geo = maps.load_geo(build_geo(tmp_path / "geo"))
    table = maps.map_table(pd.DataFrame(columns=["province_code", "value", "n_cases", "case_titles"]), geo["props"])
    cities = maps.city_points(pd.DataFrame({"city_code": ["341800"], "city": ["宣城市"], "province": ["安徽省"],
                                            "n_cases": [1], "case_titles": ["x"]}), geo["cities"])
    opts = maps.echarts_map(table, value_label="v", title="t", tenline=geo["tenline"], cities=cities)
    assert maps.ECHARTS_MAP_NAME != "china" and opts["geo"]["map"] == maps.ECHARTS_MAP_NAME
    assert [s["type"] for s in opts["series"]] == ["map", "lines", "scatter"]
    assert len(opts["series"][0]["data"]) == 34
    assert json.dumps(opts)  # serialisable as the component needs


def test_charts_escape_labels():
    df = pd.DataFrame({"g": ["<i>类</i>"], "v": [1.0]})
    fig = charts.bar(df, "g", "v", title="<t>", x_label="g", y_label="v")
    assert fig.data[0].x[0] == "&lt;i&gt;类&lt;/i&gt;"


def test_labels_complete():
    assert all(len(v) == 2 and all(v) for v in LABELS.values())
    assert set(METRIC_NAMES) == set(METRIC_DEFS) == set(queries.METRIC_KEYS)
    assert t("cases", "en") == "Cases" and len(PROVINCES) == 34


def test_echarts_compact_geojson_decodes_to_the_same_shapes():
    import json as _json
    from tests.conftest import ROOT

    src = ROOT / "geo" / "assets" / "provinces.geojson"
    gj = maps.coarse(_json.loads(src.read_text(encoding="utf-8"))) if src.exists() else None
    if gj is None:
        gj = maps.load_geo(build_geo(ROOT / ".pytest_cache" / "geo_units"))["provinces"]
    enc = maps.echarts_encoded(gj)
    assert enc["UTF8Encoding"] is True and len(enc["features"]) == len(gj["features"])
    dec = maps.decode_echarts(_json.loads(_json.dumps(enc)))
    for a, b in zip(gj["features"], dec["features"]):
        assert a["properties"] == b["properties"]
        pa = a["geometry"]["coordinates"]
        pb = b["geometry"]["coordinates"]
        flat = lambda c: [p for poly in c for ring in (poly if a["geometry"]["type"] == "MultiPolygon" else [poly])
                          for p in ring]
        for (x1, y1), (x2, y2) in zip(flat(pa), flat(pb)):
            assert abs(x1 - x2) < 1e-3 and abs(y1 - y2) < 1e-3


def test_outcome_html_marks_number_and_flags_unsure():
    from types import SimpleNamespace

    raw = "头<i>\n城市大脑处置事件约12萬件,办理时间减少60%。"
    s = raw.index("12萬件")
    o = SimpleNamespace(metric="events_handled", value=120000.0, unit="件", qualifier="approx", period="cumulative",
                        part_of_total=False, confidence="low", quote="<i>城市大脑处置事件约12万件", raw_start=s,
                        raw_end=s + 4)
    out = highlight.outcome_html(o, raw, "数字政府典型案例汇编")
    assert '&lt;i&gt;城市大脑处置事件约<mark class="unsure">12万件</mark>' in out
    assert "累计约12万件" in out and "⚠ 存疑" in out and "对照" in out      # unsure, and why
    assert f'data-raw-start="{s}" data-raw-end="{s + 4}"' in out and "<mark>12萬件</mark>" in out
    assert "<i>" not in out and "approx" not in out and "cumulative" not in out and "x.txt" not in out
    assert "第" not in out
    o.page = 12
    assert "(第 12 页)" in highlight.outcome_html(o, raw, "汇编")
    o.confidence = "high"
    assert "存疑" not in highlight.outcome_html(o, raw, "x.txt", "zh")
    assert "unsure" not in highlight.outcome_html(o, None, "x.txt", "en")  # no raw file: no crash


def test_province_sum_counts_a_case_figure_once_across_sources(wh):
    f = filters.Filters()
    v = queries.province_values(wh, f, "registered_users|人|cumulative", "count")
    # 津心办 (canonical k-tj-jxb): 1600万 in the compendium and 1600万 in the award list → one figure
    assert dict(zip(v["province_code"], v["value"]))["120000"] == 1
    assert int(v.loc[v["province_code"] == "120000", "n_cases"].iloc[0]) == 1
    with pytest.raises(ValueError):      # savings per transaction do not add up: no sum is offered
        queries.province_values(wh, f, "time_saved|小时|cumulative", "sum")


def test_every_unit_the_etl_may_store_reads_in_english():
    """outcomes.unit keeps the measure word as written: each one the extractor may store has an English word."""
    from dashboard import format as fmt
    from etl.contract import METRICS, written_unit
    from etl.outcomes.measures import COUNT_UNITS

    stored = {written_unit(m, u) or "个" for m in [*METRICS, "other"] for u in COUNT_UNITS} | {"元", "%", "小时"}
    assert {u for u in stored if fmt.unit_word(u, "en") == u and u != "%"} == set()
