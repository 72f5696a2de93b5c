"""`python -m etl.evaluate_web [DIR] [-v]`: web pages saved as text, scored against hand labels.

Each file of DIR (default tests/data/web) goes through the real pipeline (`etl.pipeline.process`:
clean → segment → places → outcomes), as a build would read it. `DIR/labels.jsonl` gives, per file,
the headline, province, city, scope and outcome lines. Printed: outcome precision/recall/F1 (rules of
`etl.evaluate.score`), province and city accuracy, scope accuracy, and how many cases are titled with
their headline and how many with a chrome line.
"""
from __future__ import annotations

import argparse
import difflib
import json
import re
from pathlib import Path

from etl.evaluate import score

ROOT = Path(__file__).resolve().parent.parent

# What a title must never look like: navigation, breadcrumbs, bylines, dates, site chrome.
CHROME_TITLE = re.compile(
    r"^[•·●▪■◆|>»]|您(?:当前|现在)?的?位置|当前位置|首页|发布(?:时间|日期)|来源[:：]|时间[:：]|日期[:：]|"
    r"作者[:：]|编辑[:：]|记者[:：]|字号|打印|关闭|分享|上一篇|下一篇|版权所有|ICP|<|window\.|var |"
    r"^\d{4}[-年/.]\d{1,2}")


def evaluate(folder: Path, verbose: bool = False) -> dict:
    from etl.pipeline import process
    from etl.sources import RawDocument

    labels = [json.loads(x) for x in (folder / "labels.jsonl").read_text("utf-8").splitlines() if x.strip()]
    preds, gold, covered = [], [], set()
    n = prov_ok = city_ok = scope_ok = headline = chrome = 0
    for lab in labels:
        path = folder / lab["file"]
        raw = path.read_text("utf-8")
        rows = process(RawDocument(path, raw, "utf-8", "", {}))
        key = lab["file"]
        covered.add(key)
        gold += [{**g, "case_key": key} for g in lab["outcomes"]]
        case = rows.cases[0] if rows.cases else {}
        cid = case.get("case_id")
        preds += [{**o, "case_key": key} for o in rows.outcomes if o["case_id"] == cid]
        title = case.get("title") or ""
        n += 1
        prov_ok += case.get("province") == lab["province"]
        city_ok += case.get("city") == lab["city"]
        scope_ok += case.get("scope", None) == lab.get("scope")
        is_head = difflib.SequenceMatcher(None, title, lab["title"]).ratio() >= 0.8
        headline += is_head
        chrome += bool(CHROME_TITLE.search(title))
        if verbose or not is_head or case.get("province") != lab["province"]:
            print(f"  {key}: title {title!r} | {case.get('province')} {case.get('city')} "
                  f"scope {case.get('scope')!r} (want {lab['province']} {lab['city']} {lab.get('scope')!r})")
    result = score(preds, gold, covered)
    o = result["overall"]
    print(f"web pages: {n} files; outcomes P={o['precision']:.3f} R={o['recall']:.3f} F1={o['f1']:.3f} "
          f"(tp {o['tp']}, scored rows {o['n_pred']}, required lines {o['n_gold']})")
    print(f"province accuracy {prov_ok / n:.3f} ({prov_ok}/{n}); city {city_ok / n:.3f}; "
          f"scope {scope_ok / n:.3f}; titled with the headline {headline}/{n}; chrome titles {chrome}")
    if verbose:
        for g in result["missed"]:
            print(f"    MISSED {g['case_key']} {g['metric']} {g['value']:g}")
        for p in result["false_positives"]:
            print(f"    FP     {p['case_key']} {p['metric']} {p['value']:g} | {p['quote']!r}")
    return {"f1": o["f1"], "province": prov_ok / n, "city": city_ok / n, "scope": scope_ok / n,
            "headline": headline / n, "chrome_titles": chrome}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m etl.evaluate_web")
    ap.add_argument("folder", type=Path, nargs="?", default=ROOT / "tests" / "data" / "web")
    ap.add_argument("-v", action="store_true", help="every case, missed lines and false positives")
    args = ap.parse_args(argv)
    evaluate(args.folder, args.v)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
