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
