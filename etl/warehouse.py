"""Write the warehouse atomically: build into a temporary file, then replace the old one.

A failed or interrupted build leaves the previous `data/warehouse.duckdb` untouched.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import duckdb

from etl.schema import TABLES, create_all


@contextmanager
def atomic_warehouse(output: Path):
    """Yield a connection to a fresh temporary database; on success move it over `output`."""
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f"{output.name}.{os.getpid()}.tmp")
    for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
        leftover.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        create_all(con)
        yield con
        con.execute("CHECKPOINT")
        con.close()
        os.replace(tmp, output)
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    finally:
        tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)


def load_frame(con, table: str, frame) -> None:
    """Bulk-insert a DataFrame or an Arrow table whose columns are a subset of `table`'s (one
    statement, not row by row)."""
    if table not in TABLES:
        raise KeyError(table)
    if len(frame) == 0:
        return
    names = frame.column_names if hasattr(frame, "column_names") else list(frame.columns)
    cols = ", ".join(f'"{c}"' for c in names)
    con.register("_frame", frame)
    try:
        con.execute(f'INSERT INTO "{table}" ({cols}) SELECT {cols} FROM _frame')
    finally:
        con.unregister("_frame")
