"""The build: every document in data/raw → the DuckDB warehouse, with a closing summary."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from etl.script import detect_script
from etl.sources import RawDocument, UnreadableDocument, list_documents, read_document, read_manifest
from etl.warehouse import atomic_warehouse, load_frame


@dataclass
class BuildReport:
    documents: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    log: list[tuple[str, str, str]] = field(default_factory=list)  # (file, level, message)
    counts: dict[str, int] = field(default_factory=dict)

    def warn(self, file: str, message: str) -> None:
        self.log.append((file, "warning", message))

    def summary(self) -> str:
        lines = [f"documents: {self.documents} read, {len(self.skipped)} skipped"]
        lines += [f"  skipped {f}: {why}" for f, why in self.skipped]
        lines += [f"{k}: {v}" for k, v in self.counts.items()]
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


def read_all(input_dir: Path, report: BuildReport, progress: bool) -> list[RawDocument]:
    manifest = read_manifest(input_dir)
    docs = []
    for path in tqdm(list_documents(input_dir), desc="read", unit="doc", disable=not progress):
        try:
            doc = read_document(path, manifest)
        except UnreadableDocument as exc:
            report.skipped.append((path.name, str(exc)))
            report.log.append((path.name, "error", f"skipped: {exc}"))
            continue
        for w in doc.warnings:
            report.warn(doc.file, w)
        docs.append(doc)
    report.documents = len(docs)
    return docs


def build(input_dir: Path, output: Path, progress: bool = True) -> BuildReport:
    """Run the whole ETL; the warehouse at `output` is replaced only when the build completes."""
    if not input_dir.is_dir():
        raise FileNotFoundError(f"input directory not found: {input_dir}")
    report = BuildReport()
    docs = read_all(input_dir, report, progress)
    sources = pd.DataFrame([source_row(d) for d in docs])
    with atomic_warehouse(output) as con:
        load_frame(con, "sources", sources)
        load_frame(con, "build_log", pd.DataFrame(report.log, columns=["file", "level", "message"]))
        report.counts["sources"] = len(sources)
    return report


def main(input_dir: Path, output: Path, progress: bool | None = None) -> int:
    progress = sys.stderr.isatty() if progress is None else progress
    report = build(input_dir, output, progress=progress)
    print(report.summary())
    print(f"warehouse: {output}")
    return 0
