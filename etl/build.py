"""The build: every document in data/raw → the DuckDB warehouse, with a closing summary."""
from __future__ import annotations

import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from etl.checks import cross_source_findings
from etl.contract_check import check_contract
from etl.schema import METRIC_KEYS
from etl.script import detect_script
from etl.sources import (DEFAULT_MAX_MB, RawDocument, UnreadableDocument, list_documents, read_document,
                         read_manifest)
from etl.warehouse import atomic_warehouse, load_frame

from geo import PROVINCES_CSV

ROOT = Path(__file__).resolve().parent.parent
EXTERNAL_TIERS_CSV = ROOT / "data" / "reference" / "tiers_external.csv"


@dataclass
class BuildReport:
    documents: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    log: list[tuple[str, str, str]] = field(default_factory=list)  # (file, level, message)
    counts: dict[str, int] = field(default_factory=dict)
    per_metric: Counter = field(default_factory=Counter)
    seconds: dict[str, float] = field(default_factory=dict)  # per document, processing only

    def warn(self, file: str, message: str) -> None:
        self.log.append((file, "warning", message))

    def skip(self, file: str, why: str) -> None:
        self.skipped.append((file, why))
        self.log.append((file, "error", f"skipped: {why}"))

    def summary(self) -> str:
        lines = [f"documents: {self.documents} processed, {len(self.skipped)} skipped"]
        lines += [f"  skipped {f}: {why}" for f, why in self.skipped]
        lines += [f"{k}: {v}" for k, v in self.counts.items()]
        lines.append("outcomes per metric:")
        lines += [f"  {m:<20} {self.per_metric.get(m, 0)}" for m in METRIC_KEYS]
        warnings = [m for m in self.log if m[1] == "warning"]
        lines.append(f"warnings: {len(warnings)}")
        lines += [f"  {f}: {m}" for f, _, m in warnings[:20]]
        if len(warnings) > 20:
            lines.append(f"  … {len(warnings) - 20} more in the build_log table")
        return "\n".join(lines)


def source_row(doc: RawDocument) -> dict:
    """The `sources` row: manifest metadata where present, detected facts otherwise."""
    meta = doc.meta
    published = meta.get("published") or None
    return {
        "source_id": doc.source_id,
        "file": doc.file,
        "title": meta.get("title") or None,
        "publisher": meta.get("publisher") or None,
        "published": pd.Timestamp(published).date() if published else None,
        "published_precision": meta.get("published_precision") or None,
        "script": detect_script(doc.text),
        "kind": meta.get("kind") or None,
        "description": meta.get("description") or None,
        "noise": meta.get("noise") or None,
        "sha256": doc.sha256,
        "n_chars": len(doc.text),
    }


def iter_documents(input_dir: Path, report: BuildReport, max_mb: float = DEFAULT_MAX_MB,
                   progress: bool = False):
    """Yield readable documents one at a time; unreadable ones are reported and skipped.

    The progress bar counts every file, read or skipped.
    """
    manifest = read_manifest(input_dir)
    for path in tqdm(list_documents(input_dir), desc="build", unit="doc", disable=not progress):
        try:
            doc = read_document(path, manifest, max_mb)
        except UnreadableDocument as exc:
            report.skip(path.name, str(exc))
            continue
        for w in doc.warnings:
            report.warn(doc.file, w)
        yield doc


def provinces_frame() -> pd.DataFrame:
    if PROVINCES_CSV.exists():
        return pd.read_csv(PROVINCES_CSV, dtype=str)[["province_code", "name", "short_name", "name_en"]]
    return pd.DataFrame()


def external_tiers(provinces: pd.DataFrame) -> pd.DataFrame:
    """Tier facts from outside the documents (data/reference/), each row naming its source."""
    if not EXTERNAL_TIERS_CSV.exists():
        return pd.DataFrame()
    df = pd.read_csv(EXTERNAL_TIERS_CSV, dtype=str).rename(columns={"source_ref": "source_id"})
    df["year"] = df["year"].astype(int)
    df["claimed_count"] = pd.to_numeric(df["claimed_count"]).astype("Int64")
    codes = dict(zip(provinces.get("name", []), provinces.get("province_code", [])))
    df["member_code"] = df["member"].map(codes)
    return df


# Rows are flushed to the warehouse every BATCH_CHARS characters of source text, so memory holds one
# batch of documents' rows (case bodies above all) plus the few fields the whole-corpus steps read.
BATCH_CHARS = 4_000_000
_LINK_FIELDS = ("case_id", "source_id", "title", "short_name", "province")      # etl.canonical.link_cases
_CHECK_FIELDS = ("case_id", "metric", "value", "part_of_total", "quote")        # etl.checks


class _Batches:
    """Rows of the documents processed since the last flush, and the light rows kept for the end."""

    NAMES = ("sources", "cases", "outcomes", "tiers", "findings")

    def __init__(self, con, report: BuildReport):
        self.con, self.report = con, report
        self.rows: dict[str, list[dict]] = {k: [] for k in self.NAMES}
        self.chars = 0
        self.link: list[dict] = []      # every case: what linking reads
        self.check: list[dict] = []     # every outcome that is a total of a metric: what checks read

    def add(self, doc: RawDocument, rows) -> None:
        self.rows["sources"].append(source_row(doc))
        for name in ("cases", "outcomes", "tiers", "findings"):
            self.rows[name].extend(getattr(rows, name))
        self.link.extend({k: c[k] for k in _LINK_FIELDS} for c in rows.cases)
        self.check.extend({k: o[k] for k in _CHECK_FIELDS} for o in rows.outcomes
                          if o["metric"] != "other" and not o["part_of_total"])
        self.report.per_metric.update(o["metric"] for o in rows.outcomes)
        self.chars += len(doc.text)
        if self.chars >= BATCH_CHARS:
            self.flush()

    def flush(self) -> None:
        for name, rows in self.rows.items():
            if name == "cases":
                for c in rows:          # linked at the end (needs every case); a placeholder until then
                    c["canonical_id"] = c["case_id"]
            load_frame(self.con, name, rows_table(rows))
            self.report.counts[name] = self.report.counts.get(name, 0) + len(rows)
            rows.clear()
        self.chars = 0


def rows_table(rows: list[dict]):
    """A list of row dicts as one Arrow table (columns from the first row), for a bulk insert."""
    import pyarrow as pa

    return pa.Table.from_pylist(rows) if rows else pa.table({})


def build(input_dir: Path, output: Path, progress: bool = True, max_mb: float = DEFAULT_MAX_MB) -> BuildReport:
    """Run the whole ETL; the warehouse at `output` is replaced only when the build completes.

    Documents are processed one at a time and their rows loaded in batches; canonical ids and the
    cross-source findings, which need every case, are computed at the end from light rows.
    """
    from etl.canonical import link_cases
    from etl.pipeline import process

    if not input_dir.is_dir():
        raise FileNotFoundError(f"input directory not found: {input_dir}")
    report = BuildReport()
    with atomic_warehouse(output) as con:
        batches = _Batches(con, report)
        for doc in iter_documents(input_dir, report, max_mb, progress):
            t0 = time.perf_counter()
            try:
                rows = process(doc)
            except Exception as exc:  # one bad document must not stop the build
                report.skip(doc.file, f"{type(exc).__name__}: {exc}")
                report.log.append((doc.file, "debug", traceback.format_exc(limit=3)))
                continue
            report.seconds[doc.file] = time.perf_counter() - t0
            report.documents += 1
            batches.add(doc, rows)
            if not rows.cases:
                report.warn(doc.file, "no case found")
            report.log.append((doc.file, "info", f"adapter {rows.adapter}: {len(rows.cases)} cases, "
                                                 f"{len(rows.outcomes)} outcomes"))
        batches.flush()
        canon = link_cases(batches.link)
        for case, cid in zip(batches.link, canon):
            case["canonical_id"] = cid
        set_canonical_ids(con, batches.link)
        findings = cross_source_findings(batches.link, batches.check)
        load_frame(con, "findings", rows_table(findings))
        report.counts["findings"] += len(findings)
        report.log.extend(check_contract(con))      # every outcome against etl/contract.py
        provinces = provinces_frame()
        load_frame(con, "provinces", provinces)
        load_frame(con, "tiers", external_tiers(provinces))
        load_frame(con, "build_log", pd.DataFrame(report.log, columns=["file", "level", "message"]))
    return report


def set_canonical_ids(con, cases: list[dict]) -> None:
    """Replace the cases' placeholder canonical ids with the linked ones (one statement)."""
    if not cases:
        return
    import pyarrow as pa

    ids = pa.table({"case_id": [c["case_id"] for c in cases], "canonical_id": [c["canonical_id"] for c in cases]})
    con.register("_canon", ids)
    try:
        con.execute("UPDATE cases SET canonical_id = _canon.canonical_id FROM _canon "
                    "WHERE cases.case_id = _canon.case_id")
    finally:
        con.unregister("_canon")


def main(input_dir: Path, output: Path, progress: bool | None = None, max_mb: float = DEFAULT_MAX_MB) -> int:
    progress = sys.stderr.isatty() if progress is None else progress
    report = build(input_dir, output, progress=progress, max_mb=max_mb)
    print(report.summary())
    print(f"warehouse: {output}")
    return 0
