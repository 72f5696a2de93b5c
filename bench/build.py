"""Build times that matter when the corpus grows: full vs incremental, --jobs scaling, peak memory.

The corpus: the seed documents of data/raw/ copied round-robin under new names, each copy with one
extra closing line that names it (so every file's sha256 differs, as real documents' do). Every build
runs as `python -m etl build` in a child process, timed from the outside (wall seconds, interpreter
start-up included: what a person waits for) and in CPU seconds of the build and its workers (which a
busy machine does not inflate), with its own cache folder; peak memory is the largest
resident set of the build process and of any one of its workers (ru_maxrss).

  full         --no-cache, --jobs 1
  incremental  the cache holds the corpus; one new document is added; --jobs 1
  jobs         --no-cache, --jobs 1 vs --jobs 2
  memory       --no-cache, --jobs 1, on two corpus sizes

Figures are printed (medians of --repeats runs and their ratios), never asserted.
Usage: python bench/build.py [--docs 300] [--small-docs 100] [--repeats 3]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"

CHILD = r"""
import json, resource, runpy, sys, time
sys.argv = ["etl"] + sys.argv[1:]
t0 = time.perf_counter()
try:
    runpy.run_module("etl", run_name="__main__")
except SystemExit as exc:
    code = exc.code
else:
    code = 0
self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print("BENCH " + json.dumps({"code": code, "in_process_seconds": time.perf_counter() - t0,
                             "peak_mb": self_mb, "worker_peak_mb": child_mb}))
"""


def seed_texts() -> list[tuple[str, str]]:
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(RAW.glob("*.txt"))]


def add_copy(folder: Path, seeds: list[tuple[str, str]], i: int) -> Path:
    stem, text = seeds[i % len(seeds)]
    path = folder / f"{stem}__v{i:04d}.txt"
    path.write_text(f"{text}\n（本文为第{i}份测试副本。）\n", encoding="utf-8")
    return path


def make_corpus(folder: Path, docs: int) -> int:
    folder.mkdir(parents=True)
    seeds = seed_texts()
    return sum(add_copy(folder, seeds, i).stat().st_size for i in range(docs))


def run_build(corpus: Path, out: Path, cache: Path, jobs: int, use_cache: bool) -> dict:
    args = ["build", "--input", str(corpus), "--output", str(out), "--cache-dir", str(cache),
            "--jobs", str(jobs), "--progress", "none"] + ([] if use_cache else ["--no-cache"])
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True, text=True, cwd=ROOT, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("BENCH ")), None)
    if proc.returncode or line is None or json.loads(line[6:])["code"]:
        raise SystemExit(f"build failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return {"wall": wall, "cpu": cpu, **json.loads(line[6:])}


def runs(results: list[dict]) -> str:
    """Each run's wall seconds, and the median CPU seconds (build process and workers together)."""
    return ", ".join(f"{r['wall']:.2f}" for r in results) + f"; CPU median {median(results, 'cpu'):.2f} s"


def median(runs: list[dict], key: str = "wall") -> float:
    return statistics.median(r[key] for r in runs)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--small-docs", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}; load average now: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        tmp = Path(tmp)
        corpus, out = tmp / "corpus", tmp / "w.duckdb"
        mb = make_corpus(corpus, args.docs) / 1e6
        print(f"corpus: {args.docs} documents, {mb:.1f} MB")

        full = [run_build(corpus, out, tmp / "nocache", 1, False) for _ in range(args.repeats)]
        print(f"full build, --jobs 1: median {median(full):.2f} s wall "
              f"({runs(full)})")

        cache = tmp / "cache"
        run_build(corpus, out, cache, 1, True)  # fills the cache
        seeds, incremental = seed_texts(), []
        for k in range(args.repeats):
            add_copy(corpus, seeds, args.docs + k)
            incremental.append(run_build(corpus, out, cache, 1, True))
        print(f"incremental build (one new document, cache holds the rest), --jobs 1: median "
              f"{median(incremental):.2f} s wall ({runs(incremental)}); "
              f"{median(incremental) / median(full):.1%} of a full build's wall time, "
              f"{median(incremental, 'cpu') / median(full, 'cpu'):.1%} of its CPU time (target ≤ 15%)")
        for k in range(args.repeats):
            (corpus / f"{seeds[(args.docs + k) % len(seeds)][0]}__v{args.docs + k:04d}.txt").unlink()

        two = [run_build(corpus, out, tmp / "nocache", 2, False) for _ in range(args.repeats)]
        print(f"full build, --jobs 2: median {median(two):.2f} s wall "
              f"({runs(two)}); speed-up over --jobs 1: "
              f"{median(full) / median(two):.2f}× wall (target ≥ 1.5× on 2 cores; meaningful only on an "
              f"otherwise idle machine)")

        small = tmp / "small"
        small_mb = make_corpus(small, args.small_docs) / 1e6
        mem_small = run_build(small, tmp / "s.duckdb", tmp / "nocache", 1, False)
        mem_big = full[0]
        for label, n, size, r in (("small", args.small_docs, small_mb, mem_small), ("large", args.docs, mb, mem_big)):
            print(f"peak memory, {label} corpus ({n} documents, {size:.1f} MB), --jobs 1: {r['peak_mb']:.0f} MB")
        print(f"peak memory ratio large/small: {mem_big['peak_mb'] / mem_small['peak_mb']:.2f} "
              f"for a corpus {mb / small_mb:.1f}× larger")
        print(f"peak memory of one worker, --jobs 2: {max(r['worker_peak_mb'] for r in two):.0f} MB; "
              f"of the build process: {max(r['peak_mb'] for r in two):.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
