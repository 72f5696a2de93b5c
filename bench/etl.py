"""ETL throughput and memory on a synthetic corpus made from the seed documents.

How the corpus is made: the five seed files of data/raw/ are copied round-robin under new names
(`<stem>__copyNNNN.txt`) into a temporary folder until the corpus reaches the target size (default
50 MB); every copy goes through the whole pipeline (cleaning, segmentation, extraction, loading) just
as a new document would. Each build runs in a child process so that its peak resident memory
(ru_maxrss, read by the child itself) is its own. Two corpus sizes are built to show whether memory grows with the corpus.

Usage: python bench/etl.py [--mb 50] [--small-mb 10]
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from etl.build import build
from pathlib import Path
t0, c0 = time.perf_counter(), time.process_time()
report = build(Path(sys.argv[2]), Path(sys.argv[3]), progress=False, cache=False)  # every document processed
elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": elapsed, "cpu_seconds": cpu, "peak_mb": peak_mb, "documents": report.documents, "skipped": len(report.skipped),
                  "counts": report.counts}))
"""


def make_corpus(folder: Path, target_bytes: int) -> int:
    seeds = sorted(p for p in RAW.glob("*.txt"))
    total, i = 0, 0
    while total < target_bytes:
        src = seeds[i % len(seeds)]
        dst = folder / f"{src.stem}__copy{i:04d}.txt"
        shutil.copyfile(src, dst)
        total += dst.stat().st_size
        i += 1
    return total


def run_build(corpus: Path, out: Path) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROOT), str(corpus), str(out)],
        capture_output=True, text=True, check=True,
        env={"OMP_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"},
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def stage_throughput(repeats: int = 5) -> None:
    """MB/s of each layer on the seed documents, in this process (median of `repeats` passes)."""
    import statistics
    import time

    sys.path.insert(0, str(ROOT))
    from etl.clean import clean
    from etl.outcomes import extract_outcomes
    from etl.segment import segment
    from geo import places

    raws = [p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt"))]
    mb = sum(len(r.encode("utf-8")) for r in raws) / 1e6
    runs: dict[str, list[float]] = {"clean": [], "segment": [], "places": [], "extract": []}
    for _ in range(repeats + 1):  # the first pass warms caches and is dropped
        spent = dict.fromkeys(runs, 0.0)
        for raw in raws:
            t = time.perf_counter(); c = clean(raw); spent["clean"] += time.perf_counter() - t
            t = time.perf_counter(); d = segment("", c); spent["segment"] += time.perf_counter() - t
            for case in d.cases:
                t = time.perf_counter(); places.resolve(case.place_text); spent["places"] += time.perf_counter() - t
                if case.has_text and case.body_start is not None:
                    t = time.perf_counter()
                    extract_outcomes(c.text[case.body_start:case.body_end])
                    spent["extract"] += time.perf_counter() - t
        for k, v in spent.items():
            runs[k].append(v)
    total = 0.0
    for k, v in runs.items():
        med = statistics.median(v[1:])
        total += med
        print(f"stage {k:<8} {mb / med:6.1f} MB/s  (median of {repeats}, seeds {mb:.2f} MB)")
    print(f"stages together {mb / total:6.1f} MB/s")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=50)
    parser.add_argument("--small-mb", type=float, default=10)
    args = parser.parse_args()
    stage_throughput()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        results = []
        for mb in (args.small_mb, args.mb):
            corpus = tmp / f"corpus_{mb:g}"
            corpus.mkdir()
            size = make_corpus(corpus, int(mb * 1e6))
            r = run_build(corpus, tmp / f"w_{mb:g}.duckdb")
            r["mb"] = size / 1e6
            results.append(r)
            print(f"corpus {r['mb']:.1f} MB, {r['documents']} documents: {r['seconds']:.1f} s wall, "
                  f"{r['cpu_seconds']:.1f} s CPU; {r['mb'] / r['seconds']:.2f} MB/s wall, "
                  f"{r['mb'] / r['cpu_seconds']:.2f} MB/s per CPU second; peak RSS {r['peak_mb']:.0f} MB; "
                  f"outcomes {r['counts'].get('outcomes', 0)}")
        small, big = results
        print(f"throughput (large corpus, build excluding interpreter start-up): "
              f"{big['mb'] / big['seconds']:.2f} MB/s wall, {big['mb'] / big['cpu_seconds']:.2f} MB/s per CPU "
              f"second (single-threaded: one core; target ≥ 5)")
        print(f"peak memory ratio large/small: {big['peak_mb'] / small['peak_mb']:.2f} "
              f"for a corpus {big['mb'] / small['mb']:.1f}× larger")
    return 0


if __name__ == "__main__":
    sys.exit(main())
