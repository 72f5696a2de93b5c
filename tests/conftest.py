"""Shared fixtures: the real seed warehouse, built once per test session into a temporary folder."""
from __future__ import annotations

import os
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RAW = ROOT / "data" / "raw"
GOLD = ROOT.parent / "shared" / "gold-dev"


def _temp_files_in_memory(shm: Path = Path("/dev/shm"), room: float = 2e9) -> None:
    """Put the tests' temporary files (tmp_path, tempfile) on the RAM disk when there is one with room
    and TMPDIR was not chosen: a build's DuckDB file is synced to disk at every commit, and on a busy
    shared disk those waits were half of `make test-fast`'s wall time. What the tests check is the same."""
    if os.environ.get("TMPDIR") or not shm.is_dir() or not os.access(shm, os.W_OK):
        return
    st = os.statvfs(shm)
    if st.f_bavail * st.f_frsize >= room:
        tempfile.tempdir = str(shm)


_temp_files_in_memory()


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


@lru_cache(maxsize=None)
def _module_marks(path: Path) -> frozenset[str]:
    """The marks every test of a test module carries because of the module: `apptest` when it drives the
    app through streamlit's AppTest, `browser` when it says pytestmark = pytest.mark.browser."""
    if not (path.name.startswith("test_") and path.suffix == ".py"):
        return frozenset()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    return frozenset(mark for mark, sign in (("apptest", "AppTest"), ("browser", "pytestmark = pytest.mark.browser"))
                     if sign in text)


def pytest_ignore_collect(collection_path, config):
    """Do not import a module whose every test -m deselects by the module's marks (the AppTest and browser
    modules under `make test-fast`): importing streamlit.testing and playwright cost each xdist worker
    about a second. Without -m, or with an expression this cannot read, modules are collected as usual."""
    marks, expr = _module_marks(collection_path), config.getoption("markexpr", None)
    if not marks or not expr:
        return None
    try:
        from _pytest.mark.expression import Expression

        compiled = Expression.compile(expr)
        # deselected whether the test's other marks are all absent or all present
        if not any(compiled.evaluate(lambda name, **_: name in marks or other) for other in (False, True)):
            return True
    except Exception:       # a private pytest API: if it changes, collect (slower, never fewer tests)
        pass
    return None


def pytest_collection_modifyitems(config, items):
    """Mark the AppTest suites `apptest` and the long integration tests `slow`, so that `make test-fast`
    (-m "not browser and not apptest and not slow") runs the unit tests alone."""
    for item in items:
        path = getattr(item, "path", None)
        if path is not None and "apptest" in _module_marks(path):
            item.add_marker(pytest.mark.apptest)
        if f"{item.path.name}::{item.name.split('[')[0]}" in _SLOW:
            item.add_marker(pytest.mark.slow)
