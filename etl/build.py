"""The build: every document in data/raw → the DuckDB warehouse, with a closing summary.

Two phases under one lock. First each document's rows, reused from its cache entry when its bytes,
name, manifest row and the ETL code are unchanged, computed otherwise (etl.runner: in this process or
a pool of workers). The loader takes them in document order as they come, in batches, while the
workers go on; then the whole-corpus steps (canonical linking, cross-source findings, the contract
check) run on light rows. The warehouse is replaced only when all of it succeeded, and never by a
build that read no document.
"""
from __future__ import annotations

import os
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from etl import cache as doc_cache
from etl.docjob import JobResult
from etl.errors import BuildError
from etl.lock import build_lock
from etl.manifest import MANIFEST, read_manifest_checked
from etl.schema import METRIC_KEYS
from etl.sources import DEFAULT_MAX_MB, scan_input
from etl.warehouse import Warehouse, atomic_warehouse, check_output, load_frame, remove_leftovers

from geo import PROVINCES_CSV

ROOT = Path(__file__).resolve().parent.parent
EXTERNAL_TIERS_CSV = ROOT / "data" / "reference" / "tiers_external.csv"
LOCK_TIMEOUT = 600.0   # seconds a build waits for another build of the same output before refusing

ProgressCallback = Callable[[int, int, str], None]


@dataclass
class BuildReport:
    documents: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    log: list[tuple[str, str, str]] = field(default_factory=list)  # (file, level, message)
    counts: dict[str, int] = field(default_factory=dict)
    per_metric: Counter = field(default_factory=Counter)
    seconds: dict[str, float] = field(default_factory=dict)  # per document, processing only
    cached: int = 0          # documents whose rows came from the cache
    kept: int = 0            # documents whose rows were kept from the previous warehouse (etl.reuse)
    jobs: int = 1
    cache_dir: Path | None = None

    def warn(self, file: str, message: str) -> None:
        self.log.append((file, "warning", message))

    def skip(self, file: str, why: str) -> None:
        self.skipped.append((file, why))
        self.log.append((file, "error", f"skipped: {why}"))

    def summary(self) -> str:
        lines = [f"documents: {self.documents} processed, {len(self.skipped)} skipped"]
        lines += [f"  skipped {f}: {why}" for f, why in self.skipped]
        where = f"cache {self.cache_dir}" if self.cache_dir else "no cache"
        kept = f"; rows of {self.kept} kept in a copy of the previous warehouse" if self.kept else ""
        lines.append(f"reused: {self.cached} of {self.documents} documents ({where}{kept}); jobs: {self.jobs}")
        lines += [f"{k}: {v}" for k, v in self.counts.items()]
        lines.append("outcomes per metric:")
        lines += [f"  {m:<20} {self.per_metric.get(m, 0)}" for m in METRIC_KEYS]
        warnings = [m for m in self.log if m[1] == "warning"]
        lines.append(f"warnings: {len(warnings)}")
        lines += [f"  {f}: {m}" for f, _, m in warnings[:20]]
        if len(warnings) > 20:
            lines.append(f"  … {len(warnings) - 20} more in the build_log table")
        return "\n".join(lines)


def _csv_rows(path: Path) -> list[dict]:
    """A reference CSV's rows, empty cells as None."""
    import csv

    with path.open(encoding="utf-8", newline="") as fh:
        return [{k: (v if v != "" else None) for k, v in row.items()} for row in csv.DictReader(fh)]


def provinces_frame() -> list[dict]:
    """The provinces table's rows (geo's list)."""
    cols = ("province_code", "name", "short_name", "name_en")
    rows = _csv_rows(PROVINCES_CSV) if PROVINCES_CSV.exists() else []
    return [{k: r[k] for k in cols} for r in rows]


def external_tiers(provinces: list[dict]) -> list[dict]:
    """Tier facts from outside the documents (data/reference/), each row naming its source."""
    if not EXTERNAL_TIERS_CSV.exists():
        return []
    codes = {p["name"]: p["province_code"] for p in provinces}
    rows = []
    for r in _csv_rows(EXTERNAL_TIERS_CSV):
        r["source_id"] = r.pop("source_ref")
        r["year"] = int(r["year"])
        r["claimed_count"] = int(r["claimed_count"]) if r["claimed_count"] is not None else None
        r["member_code"] = codes.get(r["member"])
        rows.append(r)
    return rows


# Rows are loaded into the warehouse every BATCH_CHARS characters of source text, so memory holds one
# batch of documents' rows (case bodies above all) plus the few fields the whole-corpus steps read.
BATCH_CHARS = 4_000_000
_ROW_TABLES = ("cases", "outcomes", "tiers", "findings")


def build(input_dir: Path, output: Path, progress: bool = True, max_mb: float = DEFAULT_MAX_MB, *,
          jobs: int = 1, cache: bool = True, cache_dir: Path = doc_cache.DEFAULT_CACHE_DIR,
          on_progress: ProgressCallback | None = None, lock_timeout: float = LOCK_TIMEOUT,
          say: Callable[[str], None] | None = None) -> BuildReport:
    """Run the whole ETL; the warehouse at `output` is replaced only when the build completes.

    Raises BuildError (a one-line reason) when it refuses: missing input folder, unwritable output,
    another build of `output` still running after `lock_timeout` seconds, or no readable document.
    `on_progress(done, total, file)` is called as each document finishes; `say` receives messages
    such as "waiting for another build" (default: stderr).
    """
    from etl import reuse as reuse_warehouse
    from etl.runner import Documents, plan

    input_dir, output = Path(input_dir), Path(output)
    if not input_dir.is_dir():
        raise BuildError(f"input directory not found: {input_dir}")
    check_output(output)
    report = BuildReport(jobs=max(1, jobs))
    with build_lock(output, lock_timeout, say):
        for name in remove_leftovers(output):
            report.log.append((name, "info", "removed a temporary file left by an interrupted build"))
        manifest, warnings = read_manifest_checked(input_dir)
        for w in warnings:
            report.warn(MANIFEST, w)
        paths, skipped = scan_input(input_dir)
        for name, why in skipped:
            report.skip(name, why)
        present = {p.name for p in paths} | {name.rstrip("/") for name, _ in skipped}
        for name in sorted(set(manifest) - present):
            report.warn(MANIFEST, f"lists {name}, which is not in {input_dir}")
        if not paths:
            raise BuildError(_nothing_read(input_dir, report, output))
        folder = _cache_folder(Path(cache_dir), report) if cache else None
        items = plan(paths, manifest, folder, max_mb)
        report.cached = sum(isinstance(i, JobResult) for i in items)
        reuse = reuse_warehouse.plan(folder, output, items)
        keep = reuse.keep if reuse else set()
        report.kept = len(keep)
        with _progress(len(paths), progress, on_progress) as done, Documents(items, report.jobs, done) as docs:
            with atomic_warehouse(output, base=reuse.base if reuse else None) as wh:
                if reuse:                       # the copy holds the previous warehouse's sources
                    arrivals = _arrivals(wh)
                    reuse_warehouse.prepare(wh, reuse)
                else:
                    arrivals = previous_arrivals(output)
                light = load_documents(wh, docs, manifest, arrivals, report, keep)
                if report.documents == 0:
                    raise BuildError(_nothing_read(input_dir, report, output))
                corpus = finish(wh, light, report)
        if folder is not None:
            reuse_warehouse.save(folder, output, light["entries"], **corpus,
                                 reuses=reuse.state.get("reuses", 0) + 1 if reuse else 0)
    return report


def _nothing_read(input_dir: Path, report: BuildReport, output: Path) -> str:
    kept = "the previous warehouse is kept" if output.exists() else "no warehouse written"
    if not report.skipped:
        return f"no document in {input_dir}: nothing to build; {kept}"
    reasons = "; ".join(f"{f}: {why}" for f, why in report.skipped[:3])
    more = f"; … {len(report.skipped) - 3} more" if len(report.skipped) > 3 else ""
    return f"no readable document in {input_dir} ({len(report.skipped)} skipped: {reasons}{more}); {kept}"


def _cache_folder(cache_dir: Path, report: BuildReport) -> Path:
    """The cache of this code version, tidied (temporary entries of killed builds and old versions go)."""
    version = doc_cache.code_version()
    try:
        removed = doc_cache.tidy(cache_dir, version)
    except OSError as exc:
        raise BuildError(f"cannot use the cache folder {cache_dir} ({exc.strerror or exc}): "
                         f"make it writable or build with --no-cache") from None
    for name in removed:
        report.log.append((str(cache_dir), "info", f"removed from the cache: {name}"))
    report.cache_dir = cache_dir / version
    return cache_dir / version


@contextmanager
def _progress(total: int, bar: bool, on_progress: ProgressCallback | None):
    """A function to call as each document finishes: it moves the terminal bar and calls on_progress."""
    meter = None
    if bar:
        from tqdm import tqdm

        meter = tqdm(total=total, desc="build", unit="doc")
    count = 0

    def done(file: str) -> None:
        nonlocal count
        count += 1
        if meter is not None:
            meter.update(1)
        if on_progress:
            on_progress(count, total, file)

    try:
        yield done
    finally:
        if meter is not None:
            meter.close()


def previous_arrivals(output: Path) -> dict[str, datetime]:
    """When each file (by sha256) was first seen, from the warehouse being replaced: a file's
    arrival time is kept from build to build. Empty when there is no readable previous warehouse."""
    if not output.exists():
        return {}
    import duckdb

    try:
        con = duckdb.connect(str(output), read_only=True)
        try:
            return _arrivals(con)
        finally:
            con.close()
    except duckdb.Error:
        return {}


def _arrivals(con) -> dict[str, datetime]:
    return dict(con.execute("SELECT sha256, min(arrived_at) FROM sources GROUP BY sha256").fetchall())


def arrival(row: dict, meta: dict | None, previous: dict[str, datetime], now: datetime) -> dict:
    """arrived_via / arrived_at of a `sources` row: the manifest's when given, else a build, first
    seen by the earliest build that kept a record of it."""
    meta = meta or {}
    at = meta.get("arrived_at")
    return {"arrived_via": meta.get("arrived_via") or "build",
            "arrived_at": datetime.fromisoformat(at) if at else previous.get(row["sha256"], now)}


class _Batch:
    """Documents' rows gathered in document order into one JSON lines file per table, inserted every
    BATCH_CHARS characters of source text (one statement per table; CHECKPOINT writes the batch to
    the file, so DuckDB's memory does not grow with the corpus)."""

    def __init__(self, wh: Warehouse, report: BuildReport):
        self.wh, self.report = wh, report
        self.files: dict[str, tuple[Path, object]] = {}
        self.chars = 0

    def add(self, r: JobResult) -> None:
        for name in _ROW_TABLES:
            data = r.data[name] if r.data is not None else doc_cache.read_table(r.entry, name)
            if data:
                if name not in self.files:
                    path = self.wh.scratch_file(name)
                    self.files[name] = (path, path.open("wb"))
                self.files[name][1].write(data)
        self.chars += r.info["n_chars"]
        if self.chars >= BATCH_CHARS:
            self.flush()

    def flush(self) -> None:
        for name, (path, fh) in self.files.items():
            fh.close()
            self.wh.insert_jsonl(name, path)
            path.unlink()
        if self.files:
            self.wh.execute("CHECKPOINT")
        self.files, self.chars = {}, 0

    def close(self) -> None:
        for _, fh in self.files.values():
            fh.close()


def load_documents(wh: Warehouse, docs, manifest: dict[str, dict], arrivals: dict[str, datetime],
                   report: BuildReport, keep: set[str] = frozenset()) -> dict:
    """Load every document's rows as they come (in document order; not those of the files in `keep`,
    which the warehouse holds already) and tally what each gave; return the light rows of the whole
    corpus (`sources`, and the `link` and `check` fields) and each file's cache key (`entries`)."""
    now = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    light: dict = {"sources": [], "link": [], "check": [], "entries": {}}
    batch = _Batch(wh, report)
    try:
        for r in docs:
            if r.info is None:                      # skipped: unreadable, or its processing failed
                report.skip(r.file, r.skipped)
                report.log.extend((r.file, level, msg) for level, msg in r.log)
                continue
            info = r.info
            report.documents += 1
            report.seconds[r.file] = info["seconds"]
            report.per_metric.update(info["per_metric"])
            report.log.extend((r.file, level, msg) for level, msg in info["log"])
            light["sources"].append({**info["source"], **arrival(info["source"], manifest.get(r.file), arrivals, now)})
            light["link"].extend(info["link"])
            light["check"].extend(info["check"])
            if r.entry is not None:
                light["entries"][r.file] = r.entry.name
            for name in _ROW_TABLES:
                report.counts[name] = report.counts.get(name, 0) + info["counts"][name]
            if r.file not in keep:
                batch.add(r)
        batch.flush()
    finally:
        batch.close()
    return light


def finish(wh: Warehouse, light: dict, report: BuildReport) -> dict[str, list[str]]:
    """The whole-corpus steps: sources, canonical ids, cross-source findings, the contract check,
    reference tables and the build log. Returns the ids of the findings and the source ids of the
    tiers they wrote (what a copy of this warehouse must delete: etl.reuse)."""
    from etl.canonical import link_cases
    from etl.checks import cross_source_findings
    from etl.contract_check import check_contract

    load_frame(wh, "sources", light["sources"])
    report.counts = {"sources": len(light["sources"]), **{k: report.counts.get(k, 0) for k in _ROW_TABLES}}
    link = light["link"]
    for case, cid in zip(link, link_cases(link)):
        case["canonical_id"] = cid
    set_canonical_ids(wh, link)
    findings = cross_source_findings(link, light["check"])
    load_frame(wh, "findings", findings)
    report.counts["findings"] += len(findings)
    before = {i for (i,) in wh.execute("SELECT finding_id FROM findings").fetchall()}
    report.log.extend(check_contract(wh))      # every outcome against etl/contract.py
    contract = [i for (i,) in wh.execute("SELECT finding_id FROM findings").fetchall() if i not in before]
    provinces = provinces_frame()
    load_frame(wh, "provinces", provinces)
    reference = external_tiers(provinces)
    load_frame(wh, "tiers", reference)
    load_frame(wh, "build_log", build_log_rows(report.log))
    return {"corpus_findings": [f["finding_id"] for f in findings] + contract,
            "reference_tier_sources": [r["source_id"] for r in reference]}


def build_log_rows(log: list[tuple[str, str, str]]) -> list[dict]:
    """The build_log rows, each message in English and Chinese (etl.messages)."""
    from etl.messages import zh

    return [{"file": f, "level": lv, "message": m, "message_en": m, "message_zh": zh(m)} for f, lv, m in log]


def set_canonical_ids(wh: Warehouse, cases: list[dict]) -> None:
    """Replace the cases' placeholder canonical ids with the linked ones (one statement)."""
    if not cases:
        return
    wh.execute("UPDATE cases SET canonical_id = ids.canonical_id "
               "FROM (SELECT unnest($case) AS case_id, unnest($canonical) AS canonical_id) AS ids "
               "WHERE cases.case_id = ids.case_id",
               {"case": [c["case_id"] for c in cases], "canonical": [c["canonical_id"] for c in cases]})


def main(input_dir: Path, output: Path, progress: str = "none", max_mb: float = DEFAULT_MAX_MB, *,
         jobs: int | None = None, cache: bool = True, cache_dir: Path = doc_cache.DEFAULT_CACHE_DIR,
         lock_timeout: float = LOCK_TIMEOUT) -> int:
    """The command line's build: progress as a bar ("bar"), as PROGRESS lines ("plain") or none; the
    summary, then with "plain" a last line `DONE <documents> <cases> <outcomes>`."""
    def plain(done: int, total: int, file: str) -> None:
        print(f"PROGRESS {done}/{total} {file}", flush=True)

    report = build(input_dir, output, progress=progress == "bar", max_mb=max_mb,
                   jobs=jobs or os.cpu_count() or 1, cache=cache, cache_dir=cache_dir,
                   on_progress=plain if progress == "plain" else None, lock_timeout=lock_timeout)
    print(report.summary())
    print(f"warehouse: {output}")
    if progress == "plain":
        print(f"DONE {report.documents} {report.counts.get('cases', 0)} {report.counts.get('outcomes', 0)}", flush=True)
    return 0
