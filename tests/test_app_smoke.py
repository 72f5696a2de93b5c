"""Smoke test on the real seed warehouse: every page for every province and for every metric, and
the case page for every case, with no exception and no error box. One AppTest per page, rerun
with each filter value (what the sidebar does), so the whole sweep stays within `make test`."""
from __future__ import annotations

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.i18n import METRIC_NAMES
from tests.conftest import ROOT
from tests.test_app import PAGES


@pytest.fixture(scope="module")
def seed(seed_warehouse):
    with duckdb.connect(str(seed_warehouse), read_only=True) as con:
        provinces = [r[0] for r in con.execute(
            "SELECT province_code FROM provinces UNION SELECT province_code FROM cases "
            "WHERE province_code IS NOT NULL ORDER BY 1").fetchall()]
        cases = [r[0] for r in con.execute("SELECT case_id FROM cases ORDER BY case_id").fetchall()]
    return {"warehouse": seed_warehouse, "provinces": provinces, "cases": cases}


def _app(monkeypatch, seed, page):
    from tests.fixtures_dashboard import build_geo, use_navigation_v2

    use_navigation_v2(monkeypatch)
    monkeypatch.setenv("WAREHOUSE_PATH", str(seed["warehouse"]))
    real = ROOT / "geo" / "assets"
    if not (real / "provinces.geojson").exists():
        monkeypatch.setenv("GEO_ASSETS_DIR", str(build_geo(seed["warehouse"].parent / "geo")))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page(page).run()
    return at


def _clean(at, what):
    assert not at.exception, (what, at.exception)
    assert not at.error, (what, [e.value for e in at.error])


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_every_page_every_province_and_metric(monkeypatch, seed, page):
    at = _app(monkeypatch, seed, page)
    _clean(at, page)
    assert len(seed["provinces"]) >= 34
    for code in seed["provinces"]:
        at.session_state["f_province"] = code
        at.run()
        _clean(at, (page, code))
    at.session_state["f_province"] = ""
    for metric in METRIC_NAMES:
        at.session_state["f_metric"] = metric
        at.run()
        _clean(at, (page, metric))


@pytest.mark.slow
def test_every_case(monkeypatch, seed):
    at = _app(monkeypatch, seed, "pages/cases.py")
    assert len(seed["cases"]) >= 70
    for case_id in seed["cases"]:
        at.session_state["case_pick"] = case_id
        at.run()
        _clean(at, case_id)
        heading = " ".join(s.value for s in at.subheader)
        assert "nan" not in heading.split() and "None" not in heading


def test_same_case_with_a_listing_without_outcomes(monkeypatch, seed):
    """津心办 is listed by three sources; one listing has no outcomes (NULL aggregate → NaN)."""
    with duckdb.connect(str(seed["warehouse"]), read_only=True) as con:
        case_id = con.execute("""
            SELECT c.case_id FROM cases c WHERE c.title LIKE '%津心办%'
            AND EXISTS (SELECT 1 FROM cases d WHERE d.canonical_id = c.canonical_id AND d.case_id <> c.case_id
                        AND NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.case_id = d.case_id))
            ORDER BY 1 LIMIT 1""").fetchone()
    assert case_id, "the seed no longer has a restated case without outcomes"
    at = _app(monkeypatch, seed, "pages/cases.py")
    at.session_state["case_pick"] = case_id[0]
    at.run()
    _clean(at, case_id)
    assert any("同一案例" in s.value for s in at.subheader)


def test_source_filter_never_reads_nan(monkeypatch, seed):
    at = _app(monkeypatch, seed, "pages/overview.py")
    box = at.sidebar.selectbox(key="f_source")
    assert all("nan" not in o.lower().split() and o.strip() for o in box.options), box.options


def test_seed_counts_distinct_cases(monkeypatch, seed):
    with duckdb.connect(str(seed["warehouse"]), read_only=True) as con:
        listings, distinct = con.execute("SELECT count(*), count(DISTINCT canonical_id) FROM cases").fetchone()
    assert distinct < listings
    at = _app(monkeypatch, seed, "pages/overview.py")
    assert next(m.value for m in at.metric if m.label == "案例数") == str(distinct)
