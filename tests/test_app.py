"""AppTest: every page renders against the seed warehouse, and a missing warehouse shows the build command."""
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


def run_app(monkeypatch, warehouse):
    monkeypatch.setenv("WAREHOUSE_PATH", str(warehouse))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    return at.run()


def test_overview_counts_sources(monkeypatch, seed_warehouse):
    at = run_app(monkeypatch, seed_warehouse)
    assert not at.exception
    assert at.metric[0].value == "5"


def test_missing_warehouse_shows_build_command(monkeypatch, tmp_path):
    at = run_app(monkeypatch, tmp_path / "absent.duckdb")
    assert not at.exception
    assert "etl build" in at.code[0].value
