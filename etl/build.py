"""The build: every document in data/raw → the DuckDB warehouse, with a closing summary.

Two phases. First each document becomes a cache entry (etl.docjob: read, process, write Parquet),
reused when its bytes, name, manifest row and the ETL code are unchanged, and computed in a process
pool otherwise. Then, under the same lock, the entries are loaded in document order in batches, and
the whole-corpus steps (canonical linking, cross-source findings) run on light rows. The warehouse is
replaced only when all of it succeeded, and never by a build that read no document.
"""
from __future__ import annotations

import hashlib
import os
import sys
import threading
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from tqdm import tqdm

from etl import cache as doc_cache
from etl.checks import cross_source_findings
from etl.contract_check import check_contract
from etl.docjob import Job, JobResult, source_row  # noqa: F401  (source_row: re-exported)
from etl.errors import BuildError
from etl.lock import build_lock
from etl.manifest import MANIFEST, read_manifest_checked
from etl.schema import METRIC_KEYS
from etl.sources import DEFAULT_MAX_MB, scan_input
from etl.warehouse import atomic_warehouse, check_output, load_frame, remove_leftovers, temp_path

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
        lines.append(f"reused: {self.cached} of {self.documents} documents ({where}); jobs: {self.jobs}")
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


def provinces_frame():
    """The provinces table (geo's list) as an Arrow table."""
    import pyarrow as pa

    cols = ("province_code", "name", "short_name", "name_en")
    rows = _csv_rows(PROVINCES_CSV) if PROVINCES_CSV.exists() else []
    return pa.Table.from_pylist([{k: r[k] for k in cols} for r in rows])


def external_tiers(provinces):
    """Tier facts from outside the documents (data/reference/), each row naming its source."""
    import pyarrow as pa

    if not EXTERNAL_TIERS_CSV.exists():
        return pa.table({})
    codes = dict(zip(provinces.column("name").to_pylist(), provinces.column("province_code").to_pylist())) \
        if provinces.num_rows else {}
    rows = []
    for r in _csv_rows(EXTERNAL_TIERS_CSV):
        r["source_id"] = r.pop("source_ref")
        r["year"] = int(r["year"])
        r["claimed_count"] = int(r["claimed_count"]) if r["claimed_count"] is not None else None
        r["member_code"] = codes.get(r["member"])
        rows.append(r)
    return pa.Table.from_pylist(rows)


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
        with _entry_folder(cache, Path(cache_dir), output, report) as folder:
            results = run_documents(paths, manifest, folder, cache, max_mb, report, progress, on_progress)
            _tally(results, report)
            if report.documents == 0:
                raise BuildError(_nothing_read(input_dir, report, output))
            arrivals = previous_arrivals(output)
            with atomic_warehouse(output) as con:
                load(con, results, manifest, arrivals, report)
    return report


def _nothing_read(input_dir: Path, report: BuildReport, output: Path) -> str:
    kept = "the previous warehouse is kept" if output.exists() else "no warehouse written"
    if not report.skipped:
        return f"no document in {input_dir}: nothing to build; {kept}"
    reasons = "; ".join(f"{f}: {why}" for f, why in report.skipped[:3])
    more = f"; … {len(report.skipped) - 3} more" if len(report.skipped) > 3 else ""
    return f"no readable document in {input_dir} ({len(report.skipped)} skipped: {reasons}{more}); {kept}"


@contextmanager
def _entry_folder(cache: bool, cache_dir: Path, output: Path, report: BuildReport):
    """The folder documents' entries go to: the cache of this code version, or with --no-cache a
    temporary folder next to the output, removed afterwards (the same write-and-load path either
    way; a killed build's folder is removed by the next build with its other temporary files)."""
    if not cache:
        import shutil

        tmp = temp_path(output).with_suffix(".entries.tmp")
        try:
            tmp.mkdir()
            yield tmp
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return
    version = doc_cache.code_version()
    try:
        removed = doc_cache.tidy(cache_dir, version)
    except OSError as exc:
        raise BuildError(f"cannot use the cache folder {cache_dir} ({exc.strerror or exc}): "
                         f"make it writable or build with --no-cache") from None
    for name in removed:
        report.log.append((str(cache_dir), "info", f"removed from the cache: {name}"))
    report.cache_dir = cache_dir / version
    yield cache_dir / version


def _sha256(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def run_documents(paths: list[Path], manifest: dict[str, dict], folder: Path, cache: bool, max_mb: float,
                  report: BuildReport, progress: bool, on_progress: ProgressCallback | None) -> list[JobResult]:
    """Every document's JobResult in `paths` order: from the cache when its entry exists, else
    computed (in a process pool when there are several to compute and jobs > 1)."""
    from etl import docjob

    results: dict[str, JobResult] = {}
    misses: list[Job] = []
    for p in paths:
        meta = manifest.get(p.name)
        try:
            too_large = p.stat().st_size > max_mb * 1e6
            digest = "" if too_large or not cache else _sha256(p)
        except OSError:
            too_large, digest = True, ""      # read_document reports why
        entry = folder / doc_cache.entry_key(p.name, digest, meta or {})
        info = doc_cache.read_info(entry) if cache and not too_large else None
        if info is not None:
            results[p.name] = JobResult(p.name, entry, info=info)
        else:
            misses.append(Job(p, meta, max_mb, entry if not too_large else folder / f"large-{p.name}"))
    report.cached = len(results)
    workers = min(report.jobs, len(misses))
    context = _pool_context() if workers > 1 else None
    bar = tqdm(total=len(paths), desc="build", unit="doc") if progress else None
    done = 0

    def finished(file: str) -> None:
        nonlocal done
        done += 1
        if bar is not None:
            bar.update(1)
        if on_progress:
            on_progress(done, len(paths), file)

    try:
        for name in list(results):
            finished(name)
        if workers <= 1:
            for job in misses:
                results[job.path.name] = docjob.run(job)
                finished(job.path.name)
        else:
            _run_pool(misses, workers, context, results, finished)
    finally:
        if bar is not None:
            bar.close()
    return [results[p.name] for p in paths]


def _pool_context():
    """fork when this process runs no other thread (cheap: workers inherit the loaded ETL and
    gazetteer); forkserver otherwise (e.g. inside a web server), where fork could deadlock."""
    import multiprocessing

    from etl.pipeline import process  # noqa: F401  (imported before forking)
    from geo import places

    places.resolve("北京市")  # loads the gazetteer once, before the workers are forked
    if threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["etl.pipeline", "etl.docjob"])
    return ctx


def _run_pool(misses: list[Job], workers: int, context, results: dict, finished) -> None:
    from etl import docjob

    def size(job: Job) -> int:
        try:
            return job.path.stat().st_size
        except OSError:
            return 0

    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        # largest first, so one big document does not finish alone at the end
        futures = {pool.submit(docjob.run, job): job for job in sorted(misses, key=size, reverse=True)}
        for future in as_completed(futures):
            job = futures[future]
            try:
                result = future.result()
            except BrokenProcessPool:
                raise BuildError(f"a worker process died while processing {job.path.name} (out of memory?); "
                                 f"try --jobs 1") from None
            results[job.path.name] = result
            finished(job.path.name)


def _tally(results: list[JobResult], report: BuildReport) -> None:
    """Count, log and time what each document gave, in document order."""
    for r in results:
        if r.entry is None:
            report.skip(r.file, r.skipped)
            report.log.extend((r.file, level, msg) for level, msg in r.log)
            continue
        info = r.info
        report.documents += 1
        report.seconds[r.file] = info["seconds"]
        report.per_metric.update(info["per_metric"])
        report.log.extend((r.file, level, msg) for level, msg in info["log"])


def previous_arrivals(output: Path) -> dict[str, datetime]:
    """When each file (by sha256) was first seen, from the warehouse being replaced: a file's
    arrival time is kept from build to build. Empty when there is no readable previous warehouse."""
    if not output.exists():
        return {}
    import duckdb

    try:
        con = duckdb.connect(str(output), read_only=True)
        try:
            return dict(con.execute("SELECT sha256, min(arrived_at) FROM sources GROUP BY sha256").fetchall())
        finally:
            con.close()
    except duckdb.Error:
        return {}


def arrival(row: dict, meta: dict | None, previous: dict[str, datetime], now: datetime) -> dict:
    """arrived_via / arrived_at of a `sources` row: the manifest's when given, else a build, first
    seen by the earliest build that kept a record of it."""
    meta = meta or {}
    at = meta.get("arrived_at")
    return {"arrived_via": meta.get("arrived_via") or "build",
            "arrived_at": datetime.fromisoformat(at) if at else previous.get(row["sha256"], now)}


def load(con, results: list[JobResult], manifest: dict[str, dict], arrivals: dict[str, datetime],
         report: BuildReport) -> None:
    """Load every entry in batches, then link cases, check across sources and add reference tables."""
    from etl.canonical import link_cases

    now = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    sources, link, check, batch, chars = [], [], [], [], 0
    entries = [r for r in results if r.entry is not None]
    for i, r in enumerate(entries):
        row = doc_cache.row_from_json("sources", r.info["source"])
        sources.append({**row, **arrival(row, manifest.get(r.file), arrivals, now)})
        link.extend(r.info["link"])
        check.extend(r.info["check"])
        batch.append(r)
        chars += r.info["n_chars"]
        if chars >= BATCH_CHARS or i == len(entries) - 1:
            _load_batch(con, batch, report)
            batch, chars = [], 0
    load_frame(con, "sources", doc_cache.rows_table("sources", sources))
    report.counts = {"sources": len(sources), **{k: report.counts.get(k, 0) for k in _ROW_TABLES}}
    canon = link_cases(link)
    for case, cid in zip(link, canon):
        case["canonical_id"] = cid
    set_canonical_ids(con, link)
    findings = cross_source_findings(link, check)
    load_frame(con, "findings", doc_cache.rows_table("findings", findings))
    report.counts["findings"] += len(findings)
    report.log.extend(check_contract(con))      # every outcome against etl/contract.py
    provinces = provinces_frame()
    load_frame(con, "provinces", provinces)
    load_frame(con, "tiers", external_tiers(provinces))
    load_frame(con, "build_log", build_log_frame(report.log))


def build_log_frame(log: list[tuple[str, str, str]]):
    """The build_log rows, each message in English and Chinese (etl.messages), as an Arrow table."""
    import pyarrow as pa

    from etl.messages import zh

    return pa.table({"file": [f for f, _, _ in log], "level": [lv for _, lv, _ in log],
                     "message": [m for _, _, m in log], "message_en": [m for _, _, m in log],
                     "message_zh": [zh(m) for _, _, m in log]}, schema=pa.schema(
        [(c, pa.string()) for c in ("file", "level", "message", "message_en", "message_zh")]))


def _load_batch(con, batch: list[JobResult], report: BuildReport) -> None:
    """Insert a batch of entries' rows, one statement per table (DuckDB reads the Parquet files)."""
    for name in _ROW_TABLES:
        files = [str(f) for r in batch if (f := doc_cache.table_file(r.entry, name))]
        if files:
            con.execute(f'INSERT INTO "{name}" BY NAME SELECT * FROM read_parquet($files)', {"files": files})
            report.counts[name] = report.counts.get(name, 0) + sum(r.info["counts"][name] for r in batch)
    con.execute("CHECKPOINT")  # write the batch to the file, so DuckDB's memory does not grow with the corpus


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
