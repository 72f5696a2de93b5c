"""One document from file to rows: read, process, encode its rows as JSON lines, write its cache entry.

This is what a build's worker processes run, so it takes and returns only picklable values: the rows
travel as one bytes object per table (JSON lines, etl.cache.encode_rows), the form both the cache
entry and the loader use, so a worker's result costs the parent no decoding. Every document's rows
take the same path into the warehouse (encoded here, read by DuckDB with the warehouse's column types),
computed now or read from the cache, in one process or many: that is what makes the rows identical
whatever `--jobs` and `--no-cache` say.
"""
from __future__ import annotations

import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from etl.cache import encode_rows, write_entry
from etl.script import detect_script
from etl.sources import RawDocument, UnreadableDocument, read_document


# The few fields of each row that the whole-corpus steps read, kept in the entry's info so that a
# build from the cache reads them without opening the rows' JSON-lines files.
LINK_FIELDS = ("case_id", "source_id", "title", "short_name", "province")      # etl.canonical.link_cases
CHECK_FIELDS = ("case_id", "metric", "value", "part_of_total", "quote")        # etl.checks


def check_rows(outcomes: list[dict]) -> list[dict]:
    """The outcomes the cross-source checks compare: totals of a known metric."""
    return [{k: o[k] for k in CHECK_FIELDS} for o in outcomes if o["metric"] != "other" and not o["part_of_total"]]


@dataclass
class Job:
    path: Path
    meta: dict | None      # its manifest row (None: not in sources.csv)
    max_mb: float
    entry: Path | None     # the cache folder to write (None: --no-cache, or too large to read)


@dataclass
class JobResult:
    file: str
    skipped: str | None = None              # the reason, when skipped
    log: list[tuple[str, str]] = field(default_factory=list)   # (level, message), of a skipped document
    info: dict | None = None                # the entry's info (etl.cache), of a document read
    data: dict[str, bytes] | None = None    # each table's rows as JSON lines, of a document processed now
    entry: Path | None = None               # its cache entry (rows of a cached document are read from it)


def source_row(doc: RawDocument) -> dict:
    """The `sources` row: manifest metadata where present, detected facts otherwise (how and when the
    file arrived is added when loading: it is not a property of the file)."""
    from etl.manifest import parse_date

    meta = doc.meta
    # the manifest's dates are ISO by now (etl.manifest); a date found in the document may not be
    published = parse_date(meta.get("published") or "")
    return {
        "source_id": doc.source_id,
        "file": doc.file,
        "title": meta.get("title") or None,
        "publisher": meta.get("publisher") or None,
        "published": published[0] if published else None,
        "published_precision": (meta.get("published_precision") or published[1]) if published else None,
        "script": detect_script(doc.text),
        "kind": meta.get("kind") or None,
        "description": meta.get("description") or None,
        "noise": meta.get("noise") or None,
        "sha256": doc.sha256,
        "n_chars": len(doc.text),
    }


def run(job: Job) -> JobResult:
    """Read and process one document and write its entry; an unreadable or failing document is a
    skip with a reason (one bad document must not stop the build)."""
    from etl.pipeline import process

    name = job.path.name
    manifest = {name: job.meta} if job.meta is not None else {}
    try:
        doc = read_document(job.path, manifest, job.max_mb)
    except UnreadableDocument as exc:
        return JobResult(name, str(exc))
    log = [("warning", w) for w in doc.warnings]
    t0 = time.perf_counter()
    try:
        rows = process(doc)
    except Exception as exc:
        log.append(("debug", traceback.format_exc(limit=3)))
        return JobResult(name, f"{type(exc).__name__}: {exc}", log)
    seconds = time.perf_counter() - t0
    if not rows.cases:
        log.append(("warning", "no case found"))
    log.append(("info", f"adapter {rows.adapter}: {len(rows.cases)} cases, {len(rows.outcomes)} outcomes"))
    for c in rows.cases:           # linked at the end (needs every case); a placeholder until then
        c.setdefault("canonical_id", c["case_id"])
    tables = {"sources": [{**source_row(doc), **rows.source}], "cases": rows.cases, "outcomes": rows.outcomes,
              "tiers": rows.tiers, "findings": rows.findings}
    info = {"file": name, "n_chars": len(doc.text), "seconds": seconds, "log": log,
            "counts": {k: len(v) for k, v in tables.items()},
            "per_metric": dict(Counter(o["metric"] for o in rows.outcomes)),
            "source": tables["sources"][0],
            "link": [{k: c[k] for k in LINK_FIELDS} for c in rows.cases],
            "check": check_rows(rows.outcomes)}
    data = {k: encode_rows(k, v) for k, v in tables.items()}
    if job.entry is not None:
        write_entry(job.entry, data, info)
    return JobResult(name, info=info, data=data, entry=job.entry)
