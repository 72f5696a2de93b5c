"""Per-document results on disk: one folder of Parquet files per document, reused across builds.

A document's rows depend only on its bytes, its name (ids derive from it), its manifest row and the
ETL code. The key hashes the first three; the code is the folder: `data/cache/<code version>/`, where
the version is a hash of every file under etl/ and geo/ (code and assets), requirements.txt and the
Python version, so any edit to the ETL, by anyone, starts a fresh cache without a hand-bumped number.
A folder appears complete or not at all (written under a temporary name, then renamed), so a killed
build leaves nothing half-written that a later build would trust.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CACHE_DIR = ROOT / "data" / "cache"
VERSIONED = ("etl", "geo")            # folders whose every file can change a document's rows
VERSIONED_FILES = ("requirements.txt",)
KEEP_VERSIONS = 3                     # older code versions' caches are deleted by the next build
DOC_TABLES = ("sources", "cases", "outcomes", "tiers", "findings")
INFO = "entry.json"
# Manifest columns that do not change what a document yields (they are added when loading).
UNKEYED_META = ("arrived_via", "arrived_at")



@lru_cache(maxsize=1)
def schemas() -> dict[str, pa.Schema]:
    """The Arrow schema of each per-document table, as DuckDB types the warehouse's DDL."""
    import duckdb

    from etl.schema import create_all

    con = duckdb.connect()
    try:
        create_all(con)
        return {name: con.sql(f'SELECT * FROM "{name}" LIMIT 0').to_arrow_table().schema for name in DOC_TABLES}
    finally:
        con.close()


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the content of everything that shapes a document's rows (see the module doc)."""
    h = hashlib.sha256(f"python {sys.version_info[0]}.{sys.version_info[1]}".encode())
    files = [ROOT / f for f in VERSIONED_FILES if (ROOT / f).is_file()]
    for folder in VERSIONED:
        files += [p for p in (ROOT / folder).rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"]
    for p in sorted(files):
        h.update(str(p.relative_to(ROOT)).encode() + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()[:16]


def entry_key(file: str, sha256: str, meta: dict) -> str:
    """The cache key of one document: its name, its bytes' hash and its manifest row."""
    keyed = sorted((k, v) for k, v in meta.items() if k not in UNKEYED_META)
    return hashlib.sha256(json.dumps([file, sha256, keyed], ensure_ascii=False).encode()).hexdigest()[:32]


def rows_table(name: str, rows: list[dict]) -> pa.Table:
    """Row dicts as an Arrow table with the warehouse's column types (missing keys are NULL).

    A key the table has no column for is an error, not a silently dropped value."""
    extra = set().union(*rows) - set(schemas()[name].names) if rows else set()
    if extra:
        raise KeyError(f"{name} rows carry columns the warehouse lacks: {sorted(extra)}")
    return pa.Table.from_pylist(rows, schema=schemas()[name])


def write_entry(folder: Path, tables: dict[str, list[dict]], info: dict) -> None:
    """Write one document's rows and its info under a temporary name, then rename into place."""
    tmp = folder.with_name(f".tmp-{os.getpid()}-{folder.name}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for name, rows in tables.items():
        if rows:
            pq.write_table(rows_table(name, rows), tmp / f"{name}.parquet")
    (tmp / INFO).write_text(json.dumps(info, ensure_ascii=False, default=_json_value), encoding="utf-8")
    try:
        os.rename(tmp, folder)
    except OSError:  # another build wrote the same entry meanwhile: theirs is as good as ours
        shutil.rmtree(tmp, ignore_errors=True)
        if not (folder / INFO).exists():
            raise


def _json_value(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {value!r}")


def row_from_json(name: str, row: dict) -> dict:
    """A row stored in an entry's info with its dates and times back as Python values."""
    out = dict(row)
    for f in schemas()[name]:
        value = out.get(f.name)
        if isinstance(value, str) and pa.types.is_date(f.type):
            out[f.name] = date.fromisoformat(value)
        elif isinstance(value, str) and pa.types.is_timestamp(f.type):
            out[f.name] = datetime.fromisoformat(value)
    return out


def read_info(folder: Path) -> dict | None:
    """The entry's info, or None when there is no complete entry."""
    try:
        return json.loads((folder / INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def table_file(folder: Path, name: str) -> Path | None:
    p = folder / f"{name}.parquet"
    return p if p.exists() else None


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def tidy(cache_dir: Path, version: str) -> list[str]:
    """Remove temporary entries of killed builds, and caches of all but the newest code versions.
    Returns what was removed (for the build log)."""
    removed = []
    current = cache_dir / version
    current.mkdir(parents=True, exist_ok=True)
    os.utime(current)
    for tmp in current.glob(".tmp-*"):
        pid = tmp.name.split("-")[1]
        if pid.isdigit() and not _pid_alive(int(pid)):
            shutil.rmtree(tmp, ignore_errors=True)
            removed.append(str(tmp.relative_to(cache_dir)))
    versions = sorted((p for p in cache_dir.iterdir() if p.is_dir() and p != current),
                      key=lambda p: p.stat().st_mtime, reverse=True)
    for old in versions[KEEP_VERSIONS - 1:]:
        shutil.rmtree(old, ignore_errors=True)
        removed.append(old.name + "/")
    return removed
