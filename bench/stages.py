"""CPU time of each ETL layer on the seed documents (data/raw), of all the work a build does per
document (etl.pipeline.process and the sources row), and of a whole in-process build.

The machine the project runs on is shared, so this measures CPU time (time.process_time), not wall
time, and reports the median of several passes (the first pass warms caches and is dropped).

Usage: python bench/stages.py [--repeats 7] [--build-mb 0] [--profile tottime|cumulative] [--link 10000]
  --build-mb N   also time build() (CPU seconds, in this process, imports excluded) on a corpus of
                 N MB made like bench/etl.py's (seed copies)
  --profile KEY  print a cProfile of that build sorted by KEY
  --link N       also time etl.canonical.link_cases on N distinct synthetic cases (titles made of
                 random pieces of the seed titles, 700 sources): the copies bench/etl.py builds
                 repeat their cases, which linking handles once, so that corpus cannot show this cost
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
sys.path.insert(0, str(ROOT))


def stages(repeats: int) -> None:
    from etl.clean import clean
    from etl.docjob import source_row
    from etl.numbers import find_quantities
    from etl.outcomes import extract_outcomes
    from etl.pipeline import process
    from etl.segment import segment
    from etl.sources import read_document
    from geo import places

    paths = sorted(RAW.glob("*.txt"))
    raws = [p.read_text(encoding="utf-8") for p in paths]
    docs = [read_document(p) for p in paths]
    mb = sum(len(r.encode("utf-8")) for r in raws) / 1e6
    names = ("clean", "segment", "places", "quantities", "extract", "document")
    runs: dict[str, list[float]] = {k: [] for k in names}
    clock = time.process_time
    for _ in range(repeats + 1):
        spent = dict.fromkeys(names, 0.0)
        for raw in raws:
            t = clock(); c = clean(raw); spent["clean"] += clock() - t
            t = clock(); d = segment("", c); spent["segment"] += clock() - t
            for case in d.cases:
                t = clock(); places.resolve(case.place_text); spent["places"] += clock() - t
                if case.has_text and case.body_start is not None:
                    body = c.text[case.body_start:case.body_end]
                    t = clock(); find_quantities(body); spent["quantities"] += clock() - t
                    t = clock(); extract_outcomes(body); spent["extract"] += clock() - t
        for doc in docs:
            t = clock(); process(doc); source_row(doc); spent["document"] += clock() - t
        for k, v in spent.items():
            runs[k].append(v)
    total = 0.0
    for k in names[:-1]:
        med = statistics.median(runs[k][1:])
        if k != "quantities":            # part of extract
            total += med
        print(f"stage {k:<10} {mb / med:7.1f} MB/s per CPU second  ({med * 1000:6.1f} ms, seeds {mb:.2f} MB)"
              + ("  [inside extract]" if k == "quantities" else ""))
    print(f"stages together {mb / total:6.1f} MB/s per CPU second")
    med = statistics.median(runs["document"][1:])
    print(f"per document    {mb / med:6.1f} MB/s per CPU second  ({med * 1000:6.1f} ms: the stages plus taxonomy, "
          f"dims and the rows, as a build worker runs them; {(med - total) * 1000:.1f} ms outside the stages)")


def build_cpu(mb: float, profile: str | None) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_etl", ROOT / "bench" / "etl.py")
    bench_etl = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_etl)
    import etl.canonical  # noqa: F401  imports outside the timing
    import etl.pipeline  # noqa: F401
    from etl.build import build

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "corpus").mkdir()
        size = bench_etl.make_corpus(tmp / "corpus", int(mb * 1e6)) / 1e6
        prof = None
        if profile:
            import cProfile
            prof = cProfile.Profile()
            prof.enable()
        c0 = time.process_time()
        build(tmp / "corpus", tmp / "w.duckdb", progress=False, cache=False)
        cpu = time.process_time() - c0
        if prof:
            prof.disable()
        print(f"build {size:.1f} MB: {cpu:.2f} s CPU, {size / cpu:.2f} MB/s per CPU second"
              + (" (profiled)" if prof else ""))
        if prof:
            import pstats
            pstats.Stats(prof).sort_stats(profile).print_stats(45)


def link(n: int) -> None:
    import random

    from etl.canonical import link_cases
    from etl.clean import clean
    from etl.segment import segment

    titles = [c.title for p in sorted(RAW.glob("*.txt"))
              for c in segment(p.name, clean(p.read_text(encoding="utf-8"))).cases]
    rnd = random.Random(7)
    pieces = [t[i:i + rnd.randint(2, 4)] for t in titles for i in range(0, max(1, len(t) - 2), 2)]
    places = ["天津市", "广州市", "苏州市", "杭州市", "成都市", "武汉市", "西安市", "", ""]
    cases = [{"source_id": f"s{k % 700}", "title": rnd.choice(places) + "".join(rnd.sample(pieces, 4)),
              "short_name": None, "province": rnd.choice([None, "广东省", "江苏省"])} for k in range(n)]
    c0 = time.process_time()
    ids = link_cases(cases)
    print(f"link_cases on {n} distinct cases: {time.process_time() - c0:.2f} s CPU, {len(set(ids))} groups")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--build-mb", type=float, default=0)
    ap.add_argument("--profile", default=None)
    ap.add_argument("--link", type=int, default=10000)
    a = ap.parse_args()
    stages(a.repeats)
    if a.build_mb:
        build_cpu(a.build_mb, a.profile)
    if a.link:
        link(a.link)
    return 0


if __name__ == "__main__":
    sys.exit(main())
