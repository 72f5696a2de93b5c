"""Dashboard speed: each page's script time (median of warm AppTest runs) on the seed warehouse and
on a synthetic warehouse of 1,000,000 outcomes. Targets: ≤ 200 ms (seed) and ≤ 1 s (1M).

    .venv/bin/python bench/dashboard.py [--runs 5] [--outcomes 1000000]

The synthetic warehouse is generated in bulk by DuckDB (INSERT … SELECT FROM range(n)), never row by row.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = ["pages/overview.py", "pages/map.py", "pages/categories.py", "pages/tiers.py", "pages/cases.py",
         "pages/method.py", "pages/province.py", "pages/compare.py", "pages/upload.py"]
QUERY = {"pages/province.py": {"province": "370000"},   # a page about provinces is timed with some chosen
         "pages/compare.py": {"provinces": "370000,440000,320000"}}


def synthetic_warehouse(path: Path, n_outcomes: int, n_cases: int = 50_000) -> Path:
    import duckdb
    import pandas as pd

    from etl.contract import METRIC_KEYS
    from etl.schema import create_all
    from tests.fixtures_dashboard import PROVINCES, frames

    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    create_all(con)
    fx = frames()
    provinces = pd.DataFrame(PROVINCES, columns=["province_code", "name", "short_name", "name_en"])
    con.register("prov", provinces.assign(pi=range(len(provinces))))
    con.execute("INSERT INTO provinces SELECT province_code, name, short_name, name_en FROM prov")
    con.execute("""
        INSERT INTO sources (source_id, file, title, publisher, script, kind, sha256, n_chars)
        SELECT 's' || i, printf('%03d_synthetic.txt', i), '合成来源 ' || i, '基准', 'simplified', 'synthetic',
               repeat('0', 64), 100000
        FROM range(8) t(i)""")
    cats = ["示范案例", "社会管理类", "数字政务类", "数字经济类", "卓越示范案例", "特色案例", "优秀案例", None]
    con.register("cats", pd.DataFrame({"j": range(len(cats)), "category": cats}))
    con.execute(f"""
        INSERT INTO cases (case_id, source_id, case_no, title, short_name, category, award, province,
                           province_code, city, city_code, reporting_unit, has_text, canonical_id)
        SELECT 'c' || i, 's' || (i % 8), i // 8 + 1, p.name || '数字政府案例' || i, NULL, k.category,
               CASE WHEN i % 5 = 0 THEN k.category END,
               CASE WHEN i % 17 = 0 THEN NULL ELSE p.name END,
               CASE WHEN i % 17 = 0 THEN NULL ELSE p.province_code END,
               NULL, NULL, '单位' || (i % 997), i % 11 <> 0, 'k' || (i // 2)
        FROM range({n_cases}) t(i)
        JOIN prov p ON p.pi = hash(i) % 34
        JOIN cats k ON k.j = hash(i * 7) % {len(cats)}""")
    metrics = list(METRIC_KEYS)
    con.register("mets", pd.DataFrame({"j": range(len(metrics)), "metric": metrics}))
    con.execute(f"""
        INSERT INTO outcomes (outcome_id, case_id, metric, value, unit, comparable_unit, qualifier, period,
                              part_of_total, before_value, after_value, quote, raw_start, raw_end, confidence, note)
        SELECT 'o' || i, 'c' || (hash(i) % {n_cases}), m.metric,
               round(exp((hash(i * 3) % 2000) / 100.0), 2),
               CASE WHEN m.metric = 'time_saved' AND i % 2 = 0 THEN '%' ELSE '条' END,
               CASE WHEN m.metric = 'time_saved' AND i % 2 = 0 THEN '%' ELSE '条' END,
               'exact', 'cumulative', i % 10 = 0, NULL, NULL, '合成数据 ' || i, i % 90000, i % 90000 + 5,
               CASE WHEN i % 20 = 0 THEN 'low' ELSE 'high' END, NULL
        FROM range({n_outcomes}) t(i)
        JOIN mets m ON m.j = hash(i * 5) % {len(metrics)}""")
    for table in ("tiers", "findings", "build_log"):
        frame = fx[table]
        con.register("_f", frame)
        cols = ", ".join(frame.columns)
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _f")
        con.unregister("_f")
    con.execute("CHECKPOINT")
    con.close()
    return path


def seed_warehouse(path: Path) -> Path:
    from etl.build import build

    build(ROOT / "data" / "raw", path, progress=False)
    return path


def time_pages(warehouse: Path, runs: int) -> dict[str, tuple[float, float]]:
    """{page: (first run s, median warm run s)}, every page opened as in the app."""
    import streamlit.runtime.pages_manager as pm
    from streamlit.testing.v1 import AppTest

    original = pm.PagesManager.__init__

    def init(self, *a, **k):  # behave like a server after its first st.navigation call (see tests)
        original(self, *a, **k)
        pm.PagesManager.uses_pages_directory = False

    pm.PagesManager.__init__ = init
    os.environ["WAREHOUSE_PATH"] = str(warehouse)
    out = {}
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        for k, v in QUERY.get(page, {}).items():
            at.query_params[k] = v
        at.run()
        t0 = time.perf_counter()
        at.switch_page(page).run()
        first = time.perf_counter() - t0
        if at.exception:
            raise RuntimeError(f"{page}: {at.exception}")
        warm = []
        for _ in range(runs):
            t0 = time.perf_counter()
            at.run()
            warm.append(time.perf_counter() - t0)
        out[page] = (first, statistics.median(warm))
    pm.PagesManager.__init__ = original
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--outcomes", type=int, default=1_000_000)
    args = ap.parse_args()
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        seed = seed_warehouse(tmp / "seed.duckdb")
        print(f"seed warehouse built in {time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        big = synthetic_warehouse(tmp / "big.duckdb", args.outcomes)
        print(f"synthetic warehouse ({args.outcomes:,} outcomes, 50,000 cases) generated in "
              f"{time.perf_counter() - t0:.1f} s")
        results = {"seed": (time_pages(seed, args.runs), 0.200),
                   f"{args.outcomes:,} outcomes": (time_pages(big, args.runs), 1.0)}
    print(f"\nscript time per page (AppTest; first run, then median of {args.runs} warm runs)")
    ok = True
    for name, (res, target) in results.items():
        print(f"\n== {name} (target ≤ {target * 1000:.0f} ms warm)")
        for page, (first, warm) in res.items():
            flag = "ok" if warm <= target else "SLOW"
            ok &= warm <= target
            print(f"  {page:<22} first {first * 1000:7.0f} ms   warm {warm * 1000:6.0f} ms   {flag}")
    print("\nall within target" if ok else "\nSLOW pages above (timings on a shared machine vary)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
