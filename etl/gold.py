"""`python -m etl eval`: score a warehouse against a gold directory by ../shared/gold-dev/README.md's rules.

Cases: a gold case is matched to the warehouse case of the same source whose cleaned title is most
similar; its province and city must then be equal (attribution accuracy). Outcomes are scored on the
matched case by `etl.evaluate.score`.
"""
from __future__ import annotations

import json
import re
import tempfile
import time
from difflib import SequenceMatcher
from pathlib import Path

import duckdb

from etl.script import to_simplified

_PUNCT = re.compile(r"[\s“”\"'‘’《》「」()()·,,。、:;:;!!??\-—_]")


def norm_title(title: str) -> str:
    """Title as compared: Simplified, without punctuation or spaces."""
    return _PUNCT.sub("", to_simplified(title or ""))


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def match_cases(gold_cases: list[dict], wh_cases: list[dict]) -> dict[tuple[str, int], dict]:
    """Map each gold (doc, case_no) to the most similar warehouse case of the same source file."""
    by_file: dict[str, list[dict]] = {}
    for c in wh_cases:
        by_file.setdefault(c["file"], []).append(c)
    matched = {}
    for g in gold_cases:
        candidates = by_file.get(g["doc"], [])
        if not candidates:
            continue
        gt = norm_title(g["title"])
        best = max(candidates, key=lambda c: SequenceMatcher(None, gt, norm_title(c["title"])).ratio())
        matched[(g["doc"], g["case_no"])] = best
    return matched


def attribution(gold_cases: list[dict], matched: dict) -> tuple[int, int, list[str]]:
    """(correct, total, mismatches): province and city equal ('' and NULL are the same)."""
    ok, errors = 0, []
    for g in gold_cases:
        c = matched.get((g["doc"], g["case_no"]))
        got = ((c or {}).get("province") or "", (c or {}).get("city") or "")
        want = (g.get("province") or "", g.get("city") or "")
        if c is not None and got == want:
            ok += 1
        else:
            errors.append(f"{g['doc'][:3]} #{g['case_no']} {g['title'][:20]}: want {want}, got {got}")
    return ok, len(gold_cases), errors


def _records(con, sql: str) -> list[dict]:
    """Rows as dicts with SQL NULL as None (a DataFrame would turn it into NaN)."""
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def warehouse_rows(path: Path) -> tuple[list[dict], list[dict]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        cases = _records(con, "SELECT c.case_id, s.file, c.case_no, c.title, c.province, c.city "
                              "FROM cases c JOIN sources s USING (source_id)")
        outcomes = _records(con, "SELECT case_id, metric, value, unit, comparable_unit, qualifier, period, "
                                 "part_of_total, quote FROM outcomes")
    finally:
        con.close()
    return cases, outcomes


def evaluate(gold_dir: Path, warehouse: Path) -> dict:
    from etl.evaluate import score

    gold_cases = read_jsonl(gold_dir / "cases.jsonl")
    gold_outcomes = read_jsonl(gold_dir / "outcomes.jsonl")
    wh_cases, wh_outcomes = warehouse_rows(warehouse)
    matched = match_cases(gold_cases, wh_cases)
    key_of = {c["case_id"]: key for key, c in matched.items()}
    predicted = []
    for o in wh_outcomes:
        key = key_of.get(o["case_id"])
        if key is not None:
            predicted.append({**o, "doc": key[0], "case_no": key[1]})
    ok, total, errors = attribution(gold_cases, matched)
    covered = [(g["doc"], g["case_no"]) for g in gold_cases]
    return {"attribution": (ok, total, errors), "outcomes": score(predicted, gold_outcomes, covered)}


def format_report(result: dict) -> str:
    """Per-metric precision/recall/F1 table, overall line, qualifier and unit accuracies."""
    lines = [f"{'metric':<20} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'pred':>5} {'gold':>5}"]
    rows = list(result["per_metric"].items()) + [("OVERALL", result["overall"])]
    for name, r in rows:
        lines.append(f"{name:<20} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} "
                     f"{r['tp']:4d} {r['n_pred']:5d} {r['n_gold']:5d}")
    for field, note in (("qualifier_accuracy", ""), ("unit_accuracy", " (as written, plain equality)"),
                        ("comparable_unit_accuracy", " (after the contract's normalisation)")):
        v = result.get(field)
        lines.append(f"{field}: {'n/a' if v is None else f'{v:.1%}'}{note}")
    return "\n".join(lines)


def format_errors(result: dict, limit: int = 40) -> str:
    """The missed gold lines and the false positives, for a person to read."""
    lines = [f"missed ({len(result['missed'])}):"]
    lines += [f"  {g['doc'][:3]} #{g['case_no']} {g['metric']} {g['value']:g}  {g['quote'][:50]!r}"
              for g in result["missed"][:limit]]
    lines.append(f"false positives ({len(result['false_positives'])}):")
    lines += [f"  {p['doc'][:3]} #{p['case_no']} {p['metric']} {p['value']:g}  {str(p.get('quote'))[:50]!r}"
              for p in result["false_positives"][:limit]]
    return "\n".join(lines)


def run(gold_dir: Path, input_dir: Path, warehouse: Path | None, show_errors: bool = False) -> int:
    """Build a fresh warehouse (timing each document) unless one is given, then print the scores."""
    from etl.build import build

    seconds = {}
    if warehouse is None:
        tmp = Path(tempfile.mkdtemp()) / "eval.duckdb"
        t0 = time.perf_counter()
        report = build(input_dir, tmp, progress=False)
        seconds = report.seconds
        print(f"built {report.documents} documents in {time.perf_counter() - t0:.2f} s")
        warehouse = tmp
    result = evaluate(gold_dir, warehouse)
    ok, total, errors = result["attribution"]
    print(f"case attribution (province and city): {ok}/{total} = {ok / max(total, 1):.1%}")
    for e in errors:
        print(f"  {e}")
    print(format_report(result["outcomes"]))
    if show_errors:
        print(format_errors(result["outcomes"]))
    if seconds:
        print("time per document (processing):")
        for f, s in sorted(seconds.items()):
            print(f"  {f:<28} {s * 1000:8.1f} ms")
    return 0
