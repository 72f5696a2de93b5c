"""AppTest: the app against the real seed warehouse (one smoke test per page) and a missing warehouse."""
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

PAGES = ["pages/overview.py", "pages/map.py", "pages/categories.py", "pages/tiers.py", "pages/cases.py",
         "pages/method.py"]


def run_app(monkeypatch, warehouse, page=None, geo=None, query=None):
    from tests.fixtures_dashboard import use_navigation_v2

    use_navigation_v2(monkeypatch)
    monkeypatch.setenv("WAREHOUSE_PATH", str(warehouse))
    if geo is not None:
        monkeypatch.setenv("GEO_ASSETS_DIR", str(geo))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def test_overview_counts_sources(monkeypatch, seed_warehouse):
    at = run_app(monkeypatch, seed_warehouse)
    assert not at.exception
    assert at.metric[2].value == "5"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_seed_warehouse(monkeypatch, seed_warehouse, page, tmp_path):
    from tests.fixtures_dashboard import build_geo

    real = ROOT / "geo" / "assets"   # the committed assets when they are there, else the tiny fixture
    geo = real if (real / "provinces.geojson").exists() else build_geo(tmp_path / "geo")
    at = run_app(monkeypatch, seed_warehouse, page, geo=geo)
    assert not at.exception, at.exception
    assert not at.error


@pytest.mark.parametrize("page", [None] + PAGES[1:])
def test_missing_warehouse_shows_build_command(monkeypatch, tmp_path, page):
    at = run_app(monkeypatch, tmp_path / "absent.duckdb", page)
    assert not at.exception
    assert "etl build" in at.code[0].value


def test_deep_link_as_first_request_still_runs_through_app(monkeypatch, tmp_path):
    """Without the test-only v2 patch: Streamlit's v1 fallback for `pages/` runs a page file alone;
    the page notices and reruns through app.py, so the sidebar filters and wide layout are there."""
    from tests.fixtures_dashboard import build_geo, build_warehouse

    monkeypatch.setenv("WAREHOUSE_PATH", str(build_warehouse(tmp_path / "w.duckdb", tmp_path / "raw")))
    monkeypatch.setenv("RAW_DIR", str(tmp_path / "raw"))
    monkeypatch.setenv("GEO_ASSETS_DIR", str(build_geo(tmp_path / "geo")))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["province"] = "120000"
    at.run()
    at.switch_page("pages/tiers.py").run()
    at.run()
    assert not at.exception
    assert at.sidebar.selectbox(key="f_province").value == "120000"
    assert at.title[0].value == "梯队排名"


def test_old_warehouse_without_some_tables_shows_build_command(monkeypatch, tmp_path):
    import duckdb

    p = tmp_path / "old.duckdb"
    con = duckdb.connect(str(p))
    con.execute("CREATE TABLE sources (source_id VARCHAR, file VARCHAR, title VARCHAR, publisher VARCHAR, "
                "published DATE, script VARCHAR)")
    con.execute("INSERT INTO sources VALUES ('a', 'a.txt', NULL, NULL, NULL, 'simplified')")
    con.close()
    at = run_app(monkeypatch, p, "pages/map.py")
    assert not at.exception
    assert "etl build" in at.code[0].value
    assert "lacks" in at.warning[0].value


def test_missing_warehouse_keeps_the_links_filters(monkeypatch, tmp_path):
    at = run_app(monkeypatch, tmp_path / "absent.duckdb", query={"province": "440000"})
    assert not at.exception
    assert "440000" in str(at.query_params["province"])
