"""Per-document results on disk: one folder per document, reused across builds.

A document's rows depend only on its bytes, its name (ids derive from it), its manifest row and the
ETL code. The key hashes the first three; the code is the folder: `data/cache/<code version>/`, where
the version is a hash of every file under etl/ and geo/ (code and assets), requirements.txt and the
Python version, so any edit to the ETL, by anyone, starts a fresh cache without a hand-bumped number.
A folder appears complete or not at all (written under a temporary name, then renamed), so a killed
build leaves nothing half-written that a later build would trust.

An entry holds each table's rows as JSON lines (`cases.jsonl` …) and `entry.json` (log lines, counts,
the `sources` row and the light rows the whole-corpus steps read). JSON lines because that is the form
the build loads into DuckDB in any case (etl.warehouse: `read_json` with the warehouse's column types,
which reads every value back exactly): a cached document's rows are copied into the load, not decoded,
and the build process never imports pyarrow (nor the pandas that pyarrow imports on first use).
DuckDB reads the cache directly too: `read_json('data/cache/<version>/*/outcomes.jsonl')`.
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

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CACHE_DIR = ROOT / "data" / "cache"
VERSIONED = ("etl", "geo")            # folders whose every file can change a document's rows
VERSIONED_FILES = ("requirements.txt",)
KEEP_VERSIONS = 3                     # older code versions' caches are deleted by the next build
DOC_TABLES = ("sources", "cases", "outcomes", "tiers", "findings")
INFO = "entry.json"
SUFFIX = ".jsonl"
# Manifest columns that do not change what a document yields (they are added when loading).
UNKEYED_META = ("arrived_via", "arrived_at")


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


def _json_value(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {value!r}")


_ENCODER = json.JSONEncoder(ensure_ascii=False, default=_json_value)


@lru_cache(maxsize=None)
def table_columns(name: str) -> frozenset[str]:
    """The columns of a warehouse table, from its DDL (etl.schema)."""
    from etl.schema import columns

    return frozenset(c for c, _, _ in columns(name))


def encode_rows(name: str, rows: list[dict]) -> bytes:
    """Rows of table `name` as JSON lines (UTF-8; dates and times in ISO form, which DuckDB casts to
    the column's type). A key the table has no column for is an error, not a silently dropped value."""
    if not rows:
        return b""
    extra = set().union(*rows) - table_columns(name)
    if extra:
        raise KeyError(f"{name} rows carry columns the warehouse lacks: {sorted(extra)}")
    return "".join([_ENCODER.encode(r) + "\n" for r in rows]).encode("utf-8")


def write_entry(folder: Path, data: dict[str, bytes], info: dict) -> None:
    """Write one document's tables (JSON lines, see encode_rows) and its info under a temporary
    name, then rename into place."""
    tmp = folder.with_name(f".tmp-{os.getpid()}-{folder.name}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for name, payload in data.items():
        if payload:
            (tmp / f"{name}{SUFFIX}").write_bytes(payload)
    (tmp / INFO).write_text(_ENCODER.encode(info), encoding="utf-8")
    try:
        os.rename(tmp, folder)
    except OSError:  # another build wrote the same entry meanwhile: theirs is as good as ours
        shutil.rmtree(tmp, ignore_errors=True)
        if not (folder / INFO).exists():
            raise


def read_info(folder: Path) -> dict | None:
    """The entry's info, or None when there is no complete entry."""
    try:
        return json.loads((folder / INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def read_table(folder: Path, name: str) -> bytes:
    """One table's rows of an entry as JSON lines (empty when the document has none)."""
    try:
        return (folder / f"{name}{SUFFIX}").read_bytes()
    except FileNotFoundError:
        return b""


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
