"""An incremental build starts from a copy of the previous warehouse instead of an empty one.

Loading every document's rows into a fresh database costs a build about 0.15 s per 300 documents
(DuckDB inserting 35k rows and 20 MB of case text), however few documents changed: most of an
incremental build (bench/build.py, one document added to 300: 0.63 → 0.44 s CPU with the copy;
tests/test_build_reuse.py: the rows equal a fresh build's). So when the warehouse at the output was written by a build of this ETL code
version from cache entries, the build copies it, deletes the rows of the documents that left or
changed and every whole-corpus row (sources, build_log, provinces, cross-source and contract
findings, the tiers of data/reference), loads the new documents' rows and runs the whole-corpus steps
as a fresh build does. The copy is the temporary database the build writes anyway: the previous
warehouse stays untouched until the new one replaces it.

What a warehouse holds is recorded in the cache of the code version that wrote it
(`<cache>/<version>/.warehouses/<hash of the output path>.json`): the output file's identity (device,
inode, size, modification and change times: any other writer changes them), each document's file
name and cache key, the ids of the whole-corpus findings and the source ids of the reference tiers.
A build reuses the warehouse only when that record matches the file on disk, the file has no
write-ahead log, and a document it keeps is a cache hit with the key it had then: the rows kept are
then exactly the rows its cache entry holds. The rows come out in another physical order than a fresh
build's (new documents' rows last); SQL tables have no order, and every query orders what it shows.
After MAX_REUSES copies in a row a build loads afresh, which also compacts the file.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from etl.docjob import JobResult
from etl.sources import source_id_of

MAX_REUSES = 16
FOLDER = ".warehouses"


@dataclass
class Reuse:
    base: Path              # the previous warehouse, to copy
    keep: set[str]          # files whose rows the copy keeps
    drop: list[str]         # source ids whose rows go: documents removed, changed or skipped now
    state: dict             # the record of the previous warehouse


def state_file(folder: Path, output: Path) -> Path:
    return folder / FOLDER / (hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:16] + ".json")


def identity(path: Path) -> list[int]:
    st = path.stat()   # any write changes the change time, which no one can set back
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def _read(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def plan(folder: Path | None, output: Path, items: list) -> Reuse | None:
    """Whether (and how) to start from the previous warehouse; `items` as etl.runner.plan gives them."""
    if folder is None or not output.is_file() or output.with_name(output.name + ".wal").exists():
        return None
    state = _read(state_file(folder, output))
    try:
        if state is None or state.get("identity") != identity(output) or state.get("reuses", 0) >= MAX_REUSES:
            return None
    except OSError:
        return None
    before: dict[str, str] = state["documents"]
    keep = {i.file for i in items if isinstance(i, JobResult) and before.get(i.file) == i.entry.name}
    if not keep:
        return None
    drop = sorted({source_id_of(f) for f in before if f not in keep})
    now = {source_id_of(i.file if isinstance(i, JobResult) else i.path.name) for i in items}
    kept_ids = {source_id_of(f) for f in keep}
    if set(drop) & kept_ids or set(state["reference_tier_sources"]) & (now | set(drop)):
        return None       # ids that do not tell one document's rows from another's: load afresh
    return Reuse(output, keep, drop, state)


def prepare(wh, reuse: Reuse) -> None:
    """Delete from the copy the rows that do not stay: those of the documents in `drop`, and every
    row the whole-corpus steps write again."""
    state = reuse.state
    if state["corpus_findings"]:
        wh.execute("DELETE FROM findings WHERE finding_id IN (SELECT unnest($ids))", {"ids": state["corpus_findings"]})
    if reuse.drop:
        ids = {"ids": reuse.drop}
        wh.execute("DELETE FROM outcomes WHERE case_id IN "
                   "(SELECT case_id FROM cases WHERE source_id IN (SELECT unnest($ids)))", ids)
        for table in ("cases", "tiers", "findings"):
            wh.execute(f"DELETE FROM {table} WHERE source_id IN (SELECT unnest($ids))", ids)
    if state["reference_tier_sources"]:
        wh.execute("DELETE FROM tiers WHERE source_id IN (SELECT unnest($ids))",
                   {"ids": state["reference_tier_sources"]})
    for table in ("sources", "provinces", "build_log"):
        wh.execute(f"DELETE FROM {table}")


def save(folder: Path, output: Path, documents: dict[str, str], corpus_findings: list[str],
         reference_tier_sources: list[str], reuses: int) -> None:
    """Record what the warehouse just written at `output` holds (see the module doc). A record that
    cannot be written only costs the next build the reuse."""
    path = state_file(folder, output)
    state = {"output": str(output.resolve()), "identity": identity(output), "reuses": reuses,
             "documents": documents, "corpus_findings": sorted(corpus_findings),
             "reference_tier_sources": sorted(set(reference_tier_sources))}
    tmp = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
