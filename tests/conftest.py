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


def _uses_apptest(item) -> bool:
    """Whether a test drives the app through streamlit's AppTest (itself or through a fixture)."""
    import inspect

    funcs = [getattr(item, "function", None)]
    info = getattr(item, "_fixtureinfo", None)
    for defs in (info.name2fixturedefs.values() if info else ()):
        funcs += [d.func for d in defs]
    for f in funcs:
        try:
            if f is not None and "AppTest" in inspect.getsource(f):
                return True
        except (OSError, TypeError):
            continue
    return False


def pytest_collection_modifyitems(config, items):
    """Mark the AppTest suites `apptest`, so that `make test-fast` (-m "not browser and not apptest")
    runs the unit tests alone."""
    for item in items:
        if _uses_apptest(item):
            item.add_marker(pytest.mark.apptest)
