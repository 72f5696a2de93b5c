"""Shared fixtures: the real seed warehouse, built once per test session into a temporary folder."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RAW = ROOT / "data" / "raw"
GOLD = ROOT.parent / "shared" / "gold-dev"


@pytest.fixture(scope="session")
def seed_warehouse(tmp_path_factory) -> Path:
    """A warehouse built by the real ETL from data/raw (never the developer's own data/warehouse.duckdb)."""
    from etl.build import build

    out = tmp_path_factory.mktemp("wh") / "warehouse.duckdb"
    build(RAW, out, progress=False)
    return out


# Integration tests that build geography, PDFs or whole warehouses end to end (tens of seconds each):
# `make test-fast` leaves them out with -m "not slow"; the full suite runs them.
_SLOW = {
    "test_geo.py::test_build_is_deterministic_and_committed_assets_are_current",
    "test_geo.py::test_png_renders",
    "test_formats_fixtures.py::test_pdf_outcomes_lead_to_their_page",
    "test_upload.py::test_publish_with_the_real_build_records_the_arrival",
    "test_upload.py::test_run_build_end_to_end",
}


def _uses_apptest(item) -> bool:
    """Whether a test's module drives the app through streamlit's AppTest."""
    path = getattr(item, "path", None)
    try:
        return path is not None and "AppTest" in path.read_text(encoding="utf-8")
    except OSError:
        return False


def pytest_collection_modifyitems(config, items):
    """Mark the AppTest suites `apptest` and the long integration tests `slow`, so that `make test-fast`
    (-m "not browser and not apptest and not slow") runs the unit tests alone."""
    for item in items:
        if _uses_apptest(item):
            item.add_marker(pytest.mark.apptest)
        if f"{item.path.name}::{item.name.split('[')[0]}" in _SLOW:
            item.add_marker(pytest.mark.slow)
