"""`python -m etl.formats.evaluate [DIR] [-v]`: the same passages in four forms, scored alike.

DIR (default tests/data/formats) holds, for every passage of `labels.jsonl`, `<id>.txt`, `<id>.html`,
`<id>.pdf` and `<id>.docx` (made by `python -m tests.make_format_fixtures`). Each file goes through the
whole pipeline as a build reads it (`etl.sources.read_document` → `etl.pipeline.process`). Printed per
form: outcome precision/recall/F1 (rules of `etl.evaluate.score`), F1 minus the text form's, province
accuracy, and how many cases are titled with their headline. Targets (issue 9.7): each form within
0.03 F1 of the text form, province ≥ 0.95, ≥ 90 % titled with the headline.
"""
from __future__ import annotations

import argparse
import difflib
import json
from pathlib import Path

from etl.evaluate import score

ROOT = Path(__file__).resolve().parents[2]
FORMS = ("txt", "html", "pdf", "docx")


def labels(folder: Path) -> list[dict]:
    return [json.loads(x) for x in (folder / "labels.jsonl").read_text("utf-8").splitlines() if x.strip()]


def evaluate_form(folder: Path, form: str, labs: list[dict], verbose: bool = False) -> dict:
    """Score one form of every passage: F1, province accuracy, headline-title rate."""
    from etl.pipeline import process
    from etl.sources import read_document

    preds, gold, covered = [], [], set()
    n = prov_ok = headline = 0
    for lab in labs:
        key = lab["file"]
        doc = read_document(folder / f"{key}.{form}", {})
        rows = process(doc)
        covered.add(key)
        gold += [{**g, "case_key": key} for g in lab["outcomes"]]
        case = rows.cases[0] if rows.cases else {}
        preds += [{**o, "case_key": key} for o in rows.outcomes if o["case_id"] == case.get("case_id")]
        title = case.get("title") or ""
        n += 1
        prov_ok += case.get("province") == lab["province"]
        is_head = difflib.SequenceMatcher(None, title, lab["title"]).ratio() >= 0.8
        headline += is_head
        if verbose or not is_head or case.get("province") != lab["province"]:
            print(f"  {key}.{form}: title {title!r} | {case.get('province')} {case.get('city')} "
                  f"(want {lab['province']} {lab['city']}); {len(rows.cases)} case(s)")
    result = score(preds, gold, covered)
    if verbose:
        for g in result["missed"]:
            print(f"    MISSED {g['case_key']}.{form} {g['metric']} {g['value']:g}")
        for p in result["false_positives"]:
            print(f"    FP     {p['case_key']}.{form} {p['metric']} {p['value']:g} | {p['quote']!r}")
    o = result["overall"]
    return {"f1": o["f1"], "precision": o["precision"], "recall": o["recall"],
            "province": prov_ok / n, "headline": headline / n, "n": n}


def evaluate(folder: Path, verbose: bool = False) -> dict[str, dict]:
    """Every form's scores, keyed by form; printed as a table."""
    labs = labels(folder)
    results = {form: evaluate_form(folder, form, labs, verbose) for form in FORMS}
    base = results["txt"]["f1"]
    print(f"{'form':6} {'P':>6} {'R':>6} {'F1':>6} {'ΔF1':>7} {'province':>9} {'headline':>9}")
    for form, r in results.items():
        print(f"{form:6} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} {r['f1'] - base:+7.3f} "
              f"{r['province']:9.3f} {r['headline']:9.3f}")
    return results


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m etl.formats.evaluate")
    ap.add_argument("folder", type=Path, nargs="?", default=ROOT / "tests" / "data" / "formats")
    ap.add_argument("-v", action="store_true", help="every case, missed lines and false positives")
    args = ap.parse_args(argv)
    evaluate(args.folder, args.v)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
