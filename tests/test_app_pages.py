"""AppTest of every page against the synthetic fixture warehouse (tests/fixtures_dashboard.py):
filters change the figures, downloads carry exactly the table shown, documents' text is escaped."""
from __future__ import annotations

import io
import json
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
import streamlit.testing.v1.app_test as app_test_mod
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from dashboard.downloads import as_strings, read_csv_payload
from tests.conftest import ROOT
from tests.fixtures_dashboard import build_geo, build_warehouse, displayed, use_navigation_v2


@pytest.fixture(scope="module")
def fixture_dirs(tmp_path_factory):
    d = tmp_path_factory.mktemp("dash")
    wh = build_warehouse(d / "warehouse.duckdb", d / "raw")
    return {"WAREHOUSE_PATH": wh, "RAW_DIR": d / "raw", "GEO_ASSETS_DIR": build_geo(d / "geo")}


class _Recording(MemoryMediaFileStorage):
    instances: list = []

    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        _Recording.instances.append(self)


@pytest.fixture
def app(monkeypatch, fixture_dirs):
    for k, v in fixture_dirs.items():
        monkeypatch.setenv(k, str(v))
    _Recording.instances = []
    use_navigation_v2(monkeypatch)
    monkeypatch.setattr(app_test_mod, "MemoryMediaFileStorage", _Recording)

    def make(page=None, query=None):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for k, v in (query or {}).items():
            at.query_params[k] = v
        at.run()
        if page:
            at.switch_page(page).run()
        assert not at.exception, at.exception
        return at
    return make


def payload(button) -> bytes:
    """The bytes behind a download button (from the media storage of the run that drew it)."""
    file_id = button.proto.url.rsplit("/", 1)[-1].split(".")[0]
    for storage in reversed(_Recording.instances):
        try:
            return storage.get_file(file_id).content
        except Exception:  # noqa: BLE001 — not in this run's storage
            continue
    raise AssertionError(f"no media file {button.proto.url}")


def button(at, key):
    return next(b for b in at.get("download_button") if b.key == key)


def metrics(at):
    return {m.label: m.value for m in at.metric}


def _frames(at, key):
    """The dataframes drawn by ui.table/ui.chart(..., key): those since the previous download button."""
    frames = []
    for e in at.main:
        kind = type(e).__name__
        if kind == "Dataframe":
            frames.append(e)
        elif kind == "DownloadButton":
            if e.key == f"dl_csv_{key}":
                return frames
            if e.key.startswith("dl_xlsx_"):
                frames = []
    raise AssertionError(f"no table {key}")


_TECH = {h for zh, en, kind in __import__("dashboard.columns").columns.COLUMNS.values() if kind == "tech"
         for h in (zh, en)}


def _shown(at, key):
    """The reader's table of `key`: the last of its frames that is not the 技术信息 table of ids."""
    frames = [e for e in _frames(at, key) if not set(map(str, e.value.columns)) <= _TECH]
    return frames[-1]


def table(at, key):
    """The table drawn by ui.table/ui.chart(..., key) as the reader sees it (its 技术信息 ids come after it)."""
    return displayed(_shown(at, key))


def download(at, key):
    """The CSV download of table `key`: shown columns, figures as numbers, then ids (all as strings)."""
    return read_csv_payload(payload(button(at, f"dl_csv_{key}")))


LINK_COLUMNS = ("省份画像", "Profile")   # links to a province's page: shown, not downloaded


def assert_download_equals_shown(at, table_key, dl_key):
    """The download starts with exactly the columns and rows shown; ids come after them."""
    shown = table(at, table_key.removeprefix("tbl_"))
    shown = shown.drop(columns=[c for c in LINK_COLUMNS if c in shown.columns])
    got = read_csv_payload(payload(button(at, dl_key)))
    n = len(shown.columns)
    assert list(got.columns[:n]) == [str(c) for c in shown.columns]
    assert got.iloc[:, :n].equals(as_strings(shown)), (got, shown)
    return got


# ---------------------------------------------------------------- overview


def test_overview_figures_and_filter(app):
    at = app()
    # 6 listings, 5 cases: 津心办 is listed by two sources and counts once
    assert metrics(at) == {"案例数": "5", "覆盖省份": "5", "来源文档": "3", "成效数据条数": "13"}
    assert any("只计一次" in c.value and "6 条案例记录" in c.value for c in at.caption)
    at.sidebar.selectbox(key="f_province").set_value("120000").run()
    assert metrics(at) == {"案例数": "1", "覆盖省份": "1", "来源文档": "2", "成效数据条数": "4"}
    assert at.query_params["province"] == ["120000"] or at.query_params["province"] == "120000"


def test_filter_from_url_survives_reload_and_page_switch(app):
    at = app(query={"metric": "registered_users"})
    assert metrics(at)["成效数据条数"] == "3"
    at.switch_page("pages/map.py").run()
    assert not at.exception
    assert "registered_users" in str(at.query_params["metric"])
    assert at.sidebar.selectbox(key="f_metric").value == "registered_users"


def test_stale_url_value_is_ignored_and_said(app):
    at = app(query={"province": "999999", "category": "'; DROP TABLE cases; --"})
    assert metrics(at)["案例数"] == "5"
    notes = [w.value for w in at.warning]
    assert any("999999" in n and "省份" in n and "已忽略" in n for n in notes), notes
    assert any("类别" in n and "DROP TABLE" in n for n in notes), notes
    at.sidebar.selectbox(key="f_province").set_value("120000").run()   # once a province is chosen, no note for it
    assert not any("999999" in w.value for w in at.warning)


def test_overview_download_is_the_table_shown(app):
    at = app(query={"source": "100_fixture_compendium"})
    got = assert_download_equals_shown(at, "tbl_metrics", "dl_csv_metrics")
    assert got.columns[0] == "指标"                       # data from row 1: the header row is the first line
    figures = table(at, "key_figures")
    assert_download_equals_shown(at, "tbl_key_figures", "dl_csv_key_figures")
    assert figures.iloc[:, 1].tolist() == [4, 4, 1, 10]   # cases, provinces, sources, outcomes of source 100
    assert payload(button(at, "dl_csv_metrics")).startswith(b"\xef\xbb\xbf")


def test_page_workbook_holds_every_table_and_notes(app):
    from openpyxl import load_workbook

    from dashboard import downloads, ui

    at = app("pages/method.py", query={"source": "100_fixture_compendium"})
    sheets = at.session_state[ui.SHEETS_KEY]
    assert len(sheets) >= 3 and any(b.key == "dl_page_xlsx" for b in at.sidebar.get("download_button"))
    notes = downloads.notes_rows("总览", [("来源", "汇编")], ["汇编 [100_fixture_compendium.txt]"], "/?source=100")
    wb = load_workbook(io.BytesIO(downloads.workbook(sheets, notes)))
    assert len(wb.sheetnames) == len(sheets) + 1 and wb.sheetnames[-1] == "说明"
    first = wb[wb.sheetnames[0]]
    assert first.freeze_panes == "A2" and first["A1"].font.bold
    assert all(re.search(r"[\u4e00-\u9fff]", str(c.value)) for ws in wb.worksheets[:-1] for c in ws[1]
               if c.value and not ws.title.startswith("说明")), "headers are Chinese"


def test_download_file_names_carry_the_view(app):
    at = app(query={"province": "120000"})
    name = next(s.get_file(button(at, "dl_csv_metrics").proto.url.rsplit("/", 1)[-1].split(".")[0]).filename
                for s in reversed(_Recording.instances)
                if button(at, "dl_csv_metrics").proto.url.rsplit("/", 1)[-1].split(".")[0] in s._files_by_id)
    assert re.fullmatch(r"各指标成效数据_天津市_\d{8}\.csv", name), name


def test_english_switch(app):
    at = app(query={"lang": "en"})
    assert "Cases" in metrics(at)
    at.sidebar.toggle(key="lang_en").set_value(False).run()
    assert "案例数" in metrics(at)
    assert "lang" not in at.query_params


# ---------------------------------------------------------------- map


def _map_spec(at):
    return json.loads(next(e for e in at.get("plotly_chart") if e.proto.id.endswith("fig_map")).proto.spec)


def test_map_draws_34_provinces_and_follows_filters(app):
    at = app("pages/map.py")
    spec = _map_spec(at)
    base = spec["data"][0]
    assert base["type"] == "choropleth" and len(base["locations"]) == 34
    assert spec["layout"]["geo"]["visible"] is False
    assert any(d["type"] == "scattergeo" and d.get("mode") == "lines" for d in spec["data"])  # ten-dash line
    shown = download(at, "map")
    assert shown.loc[shown["省级行政区划代码"] == "120000", "案例数"].iloc[0] == "1"   # 津心办, in two sources
    assert "province_code" not in table(at, "map").columns
    cities = next(d for d in spec["data"] if d.get("name") == "cities")
    # a city bubble must not take a province's hover or click (滨州 over 天津 selected 山东)
    assert cities["hoverinfo"] == "skip" and "customdata" not in cities
    at.radio(key="map_mode").set_value("metric").run()
    at.selectbox(key="measure_map").set_value("warnings_issued").run()
    at.radio(key="agg_map").set_value("sum").run()
    shown = download(at, "map")
    # the total 22.15万 only: its parts 7.21万 and 14.75万 are not added to it
    row = shown[shown["省级行政区划代码"] == "440000"].iloc[0]
    label = next(c for c in shown.columns if c.startswith("预警数") and "求和" in c and not c.endswith("(数字)"))
    assert row[label] == "22.15万条" and row[label + "(数字)"] == "221500"
    grid = _shown(at, "map")         # the grid reads 22.15万条 and sorts by the number underneath
    assert pd.api.types.is_float_dtype(grid.value[label]) and "22.15万条" in displayed(grid)[label].tolist()
    assert any("分项" in c.value for c in at.caption)
    assert_download_equals_shown(at, "tbl_map", "dl_csv_map")


def test_map_hover_lists_cases_escaped(app):
    spec = _map_spec(app("pages/map.py"))
    hover = dict(zip(spec["data"][0]["locations"], spec["data"][0]["hovertext"]))
    assert "宣城市城市大脑&lt;b&gt;赋能&lt;/b&gt;" in hover["340000"]
    assert "津心办" in hover["120000"]


def test_map_echarts_options(app):
    at = app("pages/map.py")
    comp = next(e for e in at.main if getattr(e, "key", None) == "echarts_map")
    data = json.loads(comp.proto.json)
    assert data["map"]["mapName"] != "china" and len(data["map"]["geoJson"]["features"]) == 34
    opts = data["options"]
    assert opts["geo"]["map"] == data["map"]["mapName"]
    assert len(opts["series"][0]["data"]) == 34
    assert any(s["type"] == "lines" for s in opts["series"])
    assert "saveAsImage" in json.dumps(opts["toolbox"])


def test_map_click_sets_the_province_filter(app):
    at = app("pages/map.py")
    from dashboard import ui
    # what the selection callback does, then a rerun as Streamlit would
    at.session_state["f_province"] = "340000"
    at.run()
    assert at.sidebar.selectbox(key="f_province").value == "340000"
    assert "340000" in str(at.query_params["province"])
    assert ui  # the callback is ui.set_province (unit-tested in test_app_units.py)


# ---------------------------------------------------------------- categories


def test_categories_aggregation_and_filter(app):
    at = app("pages/categories.py")
    at.selectbox(key="measure_cat").set_value("registered_users").run()
    vals = table(at, "values")
    by_group = dict(zip(vals.iloc[:, 0], vals.iloc[:, 1]))
    assert by_group == {"政务服务": "8000万人", "社会管理": "1600万人"}      # by domain, not by award
    spec = json.loads(next(e for e in at.get("plotly_chart") if e.proto.id.endswith("fig_values")).proto.spec)
    assert "万" in "".join(spec["layout"]["yaxis"]["ticktext"])          # axis ticks read 万/亿, never k/M
    assert "8000万人" in " ".join(spec["data"][0]["hovertext"])
    at.radio(key="agg_cat").set_value("count").run()
    vals = table(at, "values")
    assert sorted(vals.iloc[:, 1].tolist()) == ["1", "2"]
    at.sidebar.selectbox(key="f_province").set_value("330000").run()
    vals = table(at, "values")
    assert vals.iloc[:, 0].tolist() == ["政务服务"]
    assert_download_equals_shown(at, "tbl_values", "dl_csv_values")
    assert_download_equals_shown(at, "tbl_stats", "dl_csv_stats")


def test_categories_by_award(app):
    at = app("pages/categories.py")
    at.radio(key="cat_by").set_value("award").run()
    got = download(at, "cases")
    assert set(got.iloc[:, 0]) == {"—", "卓越示范案例", "特色案例", "示范案例"}
    assert got.iloc[-1, 0] == "—"            # cases without an award never head the table


def test_categories_by_domain_and_year_filter(app):
    at = app("pages/categories.py")
    got = download(at, "cases")
    assert set(got.iloc[:, 0]) == {"应用支撑", "社会管理", "智慧城市", "政务服务"}
    assert any("推断" in c.value for c in at.caption)          # inferred domains are said to be
    year = at.sidebar.selectbox(key="f_year")
    assert year.options[1:] == ["2023年", "2022年"]
    year.set_value("2022").run()
    assert "2022" in str(at.query_params["year"])
    got = download(at, "cases")
    assert got.iloc[:, 0].tolist() == ["政务服务"]          # the award list's cases only
    at.sidebar.selectbox(key="f_category").set_value("社会管理").run()
    assert not at.exception


def test_year_filter_from_a_shared_link(app):
    at = app("pages/cases.py", query={"year": "2022"})
    assert at.sidebar.selectbox(key="f_year").value == "2022"
    assert len(table(at, "cases")) == 2


def test_time_saved_hours_and_percent_never_mix(app):
    at = app("pages/categories.py")
    assert "时间节省" in at.selectbox(key="measure_cat").options
    at.selectbox(key="measure_cat").set_value("time_saved").run()
    assert sorted(at.selectbox(key="unit_cat").options) == ["%", "小时"]   # one unit at a time
    at.selectbox(key="unit_cat").set_value("小时").run()
    vals = table(at, "values")
    assert vals.iloc[:, 1].tolist() == ["360小时"]
    at.selectbox(key="unit_cat").set_value("%").run()
    vals = table(at, "values")
    assert vals.iloc[:, 1].tolist() == ["60%"]
    assert "sum" not in at.radio(key="agg_cat").options             # percentages never add up


# ---------------------------------------------------------------- tiers


def test_tiers_flag_claimed_vs_named_and_code_order(app):
    at = app("pages/tiers.py")
    warnings = " ".join(w.value for w in at.warning)
    assert "9" in warnings and "7" in warnings
    members = download(at, "tier0")   # the corpus document's tier comes first
    assert members["行政区划代码"].tolist() == ["110000", "310000", "330000", "350000", "440000", "510000", "520000"]
    assert len(members) == 7 and set(members["来源所称个数"]) == {"9"}
    assert "member_code" not in table(at, "tier0").columns
    assert len(at.warning) == 1   # the outside reference's tier claims no count: no flag
    text = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert "中国软件评测中心" in text and "2019" in text
    assert_download_equals_shown(at, "tbl_tier0", "dl_csv_tier0")


def test_tiers_ranking_follows_metric(app):
    at = app("pages/tiers.py")
    at.selectbox(key="measure_rank").set_value("registered_users").run()
    got = download(at, "ranking")
    assert got["省份"].tolist() == ["浙江省", "天津市"]
    assert got["梯队"].tolist() == ["第一梯队(2019); 优秀(2019)", "—"]


# ---------------------------------------------------------------- cases


def test_cases_search_and_download(app):
    at = app("pages/cases.py")
    assert len(table(at, "cases")) == 6
    at.text_input(key="case_search").set_value("津心").run()
    assert download(at, "cases")["案例编号"].tolist() == ["c100-02", "c101-01"]
    assert "case_id" not in table(at, "cases").columns and "案例编号" not in table(at, "cases").columns
    assert_download_equals_shown(at, "tbl_cases", "dl_csv_cases")
    at.text_input(key="case_search").set_value("12万件").run()        # words of the body, not of the title
    assert download(at, "cases")["案例编号"].tolist() == ["c100-03"]


def test_case_view_marks_escapes_and_shows_unsure(app):
    at = app("pages/cases.py")
    at.selectbox(key="case_pick").set_value("c100-03").run()
    html_blocks = " ".join(m.value for m in at.markdown)
    assert '<mark class="unsure">12万件</mark>' in html_blocks
    assert "存疑" in html_blocks
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_blocks and "<script>" not in html_blocks
    assert "data-raw-start=" in html_blocks and "raw_start" not in html_blocks.replace("data-raw-start", "")
    assert any("存疑" in c.value and "核实" in c.value for c in at.caption)     # 存疑 explained where it appears
    heading = " ".join(s.value for s in at.subheader)
    assert "赋能" in heading and "<b>" not in heading   # a document's markup is shown as text, never rendered
    outcomes = table(at, "case_outcomes")
    assert set(outcomes["可信度"]) == {"存疑", "可靠"}  # the unsure one is there, not hidden
    assert at.query_params["case"] in ("c100-03", ["c100-03"])       # the link opens this case


def test_case_link_opens_the_case_and_unknown_case_is_said(app):
    at = app(query={"case": "c101-02"})
    at.switch_page("pages/cases.py").run()
    assert at.selectbox(key="case_pick").value == "c101-02"
    assert any("浙里办" in s.value for s in at.subheader)
    at2 = app()
    at2.query_params["case"] = "nope-404"
    at2.switch_page("pages/cases.py").run()
    assert any("nope" in w.value and "已忽略" in w.value for w in at2.warning)


def test_same_case_across_sources(app):
    at = app("pages/cases.py")
    at.selectbox(key="case_pick").set_value("c100-02").run()
    same = download(at, "same_case")
    assert same["来源文件"].tolist() == ["100_fixture_compendium.txt", "101_fixture_awards.txt"]
    assert not any(".txt" in str(v) for v in table(at, "same_case").to_numpy().ravel())
    text = " ".join(m.value for m in at.markdown)
    assert "<mark>1600万</mark>" in text
    assert "<mark>20个工作日缩短至5个工作日</mark>" in text


# ---------------------------------------------------------------- method


def test_method_page(app):
    at = app("pages/method.py")
    srcs = table(at, "sources")
    assert len(srcs) == 3
    metrics_tbl = table(at, "metrics")
    assert len(metrics_tbl) == 11
    assert "梯队成员数不符" in table(at, "findings")["类型"].tolist()
    assert len(table(at, "build_log")) == 2
    assert any("原文" in c.value for c in at.code)
    assert_download_equals_shown(at, "tbl_sources", "dl_csv_sources")


@pytest.mark.parametrize("page,query", [("pages/overview.py", None), ("pages/map.py", None),
                                        ("pages/categories.py", None), ("pages/tiers.py", None),
                                        ("pages/province.py", {"province": "120000"}),
                                        ("pages/compare.py", {"provinces": "120000,330000"}),
                                        ("pages/cases.py", None), ("pages/method.py", None)])
def test_no_visible_header_is_an_identifier_in_chinese(app, page, query):
    """Every column header a reader sees in Chinese mode is Chinese words, not snake_case or an ASCII id;
    and no cell reads None, nan or a raw file name (tests/test_app_english.py reads every text on the seeds)."""
    at = app(page, query=query)
    if page == "pages/map.py":
        at.radio(key="map_mode").set_value("metric").run()
    keys = [b.key.removeprefix("dl_csv_") for b in at.get("download_button") if b.key.startswith("dl_csv_")]
    assert keys
    for key in keys:
        df = _shown(at, key)    # the 技术信息 expander after it holds the ids, by design
        for col in df.value.columns:
            assert re.search(r"[\u4e00-\u9fff]", str(col)), (page, key, col)
            assert not re.fullmatch(r"[A-Za-z0-9_ .|%()-]+", str(col)), (page, key, col)
        cells = {str(v) for v in displayed(df).to_numpy().ravel()}
        assert not cells & {"None", "nan", "NaN", "<NA>"}, (page, key)
        assert df.proto.placeholder == "—", (page, key)     # what the grid draws for a missing figure
        assert not any(re.search(r"\.(txt|pdf|docx|html?)$", c) for c in cells), (page, key)


@pytest.mark.parametrize("page", ["pages/map.py", "pages/categories.py", "pages/tiers.py", "pages/cases.py",
                                  "pages/method.py"])
def test_every_page_in_english(app, page):
    at = app(page, query={"lang": "en"})
    assert not at.exception
    assert at.sidebar.selectbox(key="f_province").label == "Province"
    assert at.title[0].value in {"Province map", "Category comparison", "Tier ranking", "Case explorer",
                                 "Data & method"}
