"""A build's first phase: every document's result, in document order, from the cache or computed.

A document whose cache entry exists is not read again. The others are processed in this process
(`jobs` 1, or a single document to compute) or by a pool of worker processes. Jobs are submitted in
document order, a few per worker ahead of the oldest unfinished one, so results arrive nearly in order:
the loader, which takes them in document order while the workers go on, then holds only a few
documents' rows at a time, and memory stays flat as the corpus grows.
"""
from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import Callable, Iterator

from etl import cache as doc_cache
from etl.docjob import Job, JobResult
from etl.errors import BuildError

# Jobs in flight per worker. Enough that a worker never waits for the parent to hand it the next
# document; few enough that the results held until their turn stay a handful of documents.
WINDOW_PER_WORKER = 4


def sha256_of(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def plan(paths: list[Path], manifest: dict[str, dict], folder: Path | None,
         max_mb: float) -> list[JobResult | Job]:
    """In document order, each document's cached result when `folder` (the cache of this code
    version; None with --no-cache) holds a complete entry for it, else the job that computes it."""
    items: list[JobResult | Job] = []
    for p in paths:
        meta = manifest.get(p.name)
        entry = None
        if folder is not None:
            try:
                if p.stat().st_size <= max_mb * 1e6:   # a larger file is refused by read_document
                    entry = folder / doc_cache.entry_key(p.name, sha256_of(p), meta or {})
            except OSError:
                pass                                   # read_document reports why
        info = doc_cache.read_info(entry) if entry is not None else None
        items.append(JobResult(p.name, info=info, entry=entry) if info is not None else Job(p, meta, max_mb, entry))
    return items


def pool_context():
    """fork when this process runs no other thread (cheap: workers inherit the loaded ETL and
    gazetteer); forkserver otherwise (e.g. inside a web server), where fork could deadlock."""
    import multiprocessing

    from etl.pipeline import process  # noqa: F401  (imported before forking)
    from etl.script import to_simplified
    from geo import places

    places.resolve("北京市")    # loads the gazetteer once, before the workers are forked
    to_simplified("")            # and OpenCC's converter
    if threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["etl.pipeline", "etl.docjob"])
    return ctx


class Documents:
    """Iterate the results of `items` (see plan) in order; `on_done(file)` is called as each
    document finishes (cached ones first). Use as a context manager: entering starts the worker
    processes, before the caller opens a database (forking a process that runs DuckDB's threads is
    not safe)."""

    def __init__(self, items: list[JobResult | Job], jobs: int, on_done: Callable[[str], None]):
        self.items = items
        self.on_done = on_done
        todo = sum(isinstance(i, Job) for i in items)
        self.workers = min(jobs, todo) if todo > 1 else 1
        self._pool = None
        self._futures: dict[int, object] = {}     # item index → future, submitted and not yet taken
        self._reported: set[int] = set()
        self._next = 0                            # next item index to consider for submission

    def __enter__(self) -> "Documents":
        for item in self.items:
            if isinstance(item, JobResult):
                self.on_done(item.file)
        if self.workers > 1:
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=pool_context())
            self._submit()
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _submit(self) -> None:
        from etl import docjob

        while len(self._futures) < WINDOW_PER_WORKER * self.workers and self._next < len(self.items):
            i, self._next = self._next, self._next + 1
            if isinstance(self.items[i], Job):
                self._futures[i] = self._pool.submit(docjob.run, self.items[i])

    def _report_finished(self) -> None:
        for i, future in self._futures.items():
            if i not in self._reported and future.done():
                self._reported.add(i)
                self.on_done(self.items[i].path.name)

    def _result(self, i: int) -> JobResult:
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        future = self._futures[i]
        while not future.done():
            # only the unfinished ones: a finished future would end every wait at once
            wait([f for f in self._futures.values() if not f.done()], return_when=FIRST_COMPLETED)
            self._report_finished()
        self._report_finished()
        del self._futures[i]
        try:
            result = future.result()
            self._submit()
            return result
        except BrokenProcessPool:
            # which of the documents in flight killed it is not known: name them all
            lost = [self.items[i].path.name] + [self.items[k].path.name for k in sorted(self._futures)]
            names = ", ".join(lost[:4]) + (f" … ({len(lost)} documents)" if len(lost) > 4 else "")
            raise BuildError(f"a worker process died (out of memory?) while processing one of {names}; "
                             f"try --jobs 1") from None

    def __iter__(self) -> Iterator[JobResult]:
        from etl import docjob

        for i, item in enumerate(self.items):
            if isinstance(item, JobResult):
                yield item
            elif self._pool is None:
                result = docjob.run(item)
                self.on_done(result.file)
                yield result
            else:
                yield self._result(i)
