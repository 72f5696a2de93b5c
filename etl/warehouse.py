"""Write the warehouse atomically: build into a temporary file, then replace the old one.

A failed or interrupted build leaves the previous `data/warehouse.duckdb` untouched.
"""
from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import duckdb

from etl.errors import BuildError
from etl.schema import TABLES, create_all


def check_output(output: Path) -> None:
    """Refuse, before any work, an output the build could not write; the message says what to fix."""
    if output.is_dir():
        raise BuildError(f"output {output} is a folder: give a file path, e.g. {output / 'warehouse.duckdb'}")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(f"cannot create the output folder {output.parent} ({exc.strerror or exc}): "
                         f"choose another --output or create the folder") from None
    if not os.access(output.parent, os.W_OK | os.X_OK):
        raise BuildError(f"cannot write to the output folder {output.parent} (permission denied): "
                         f"choose another --output or make the folder writable")


def temp_path(output: Path) -> Path:
    return output.with_name(f"{output.name}.{os.getpid()}.tmp")


def remove_leftovers(output: Path) -> list[str]:
    """Delete temporary databases of builds of `output` that were killed; call with the build lock
    held (no other build of this output is running then). Returns the names removed."""
    removed = []
    for pattern in (f"{output.name}.*.tmp", f"{output.name}.*.tmp.wal"):
        for p in output.parent.glob(pattern):
            try:
                if p.is_dir():     # per-document entries of a build run with --no-cache
                    shutil.rmtree(p)
                else:
                    p.unlink()
                removed.append(p.name)
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise BuildError(f"cannot remove the leftover temporary file {p} ({exc.strerror or exc}): "
                                 f"delete it by hand") from None
    return sorted(removed)


@contextmanager
def atomic_warehouse(output: Path):
    """Yield a connection to a fresh temporary database; on success move it over `output`."""
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(output)
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
