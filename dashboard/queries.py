"""The query layer: every SQL statement the pages run lives here, parameterised.

Pages call these functions and draw; they never hold SQL of their own.
"""
from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd

DEFAULT_WAREHOUSE = Path(__file__).resolve().parent.parent / "data" / "warehouse.duckdb"
BUILD_COMMAND = "make build   (或 / or: .venv/bin/python -m etl build)"


class WarehouseMissing(Exception):
    """The warehouse file is absent or holds no sources: the page shows the build command instead."""


def warehouse_path() -> Path:
    return Path(os.environ.get("WAREHOUSE_PATH", DEFAULT_WAREHOUSE))


def connect(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection; raises WarehouseMissing when there is nothing to read."""
    path = path or warehouse_path()
    if not path.exists():
        raise WarehouseMissing(f"warehouse not found: {path}")
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise WarehouseMissing(f"warehouse unreadable: {path}: {exc}") from None


def source_count(con: duckdb.DuckDBPyConnection) -> int:
    try:
        return con.execute("SELECT count(*) FROM sources").fetchone()[0]
    except duckdb.CatalogException:
        raise WarehouseMissing("warehouse has no sources table") from None


def sources(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(
        "SELECT source_id, file, title, publisher, published, script FROM sources ORDER BY file"
    ).df()
