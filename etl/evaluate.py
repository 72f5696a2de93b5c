"""Scoring of extracted outcomes against hand-labelled lines (rules of ../shared/gold-dev/README.md).

``score(predicted_rows, gold_rows)`` compares rows grouped by case. A row is a mapping with at least
``metric`` and ``value``, and a case key: ``case_key`` (any hashable) or the pair (``doc``, ``case_no``).
Gold rows may carry ``optional``, ``unit``, ``qualifier``; predicted rows ``unit``, ``comparable_unit``
and ``qualifier``.

Rules
- a gold line is *found* when its case has a predicted row with the same metric and a value within
  0.5 % (or ±1 when the gold value is under 200); matching is one-to-one, and required lines are
  matched before optional ones, each to its closest still-free prediction;
- recall counts the gold lines with ``optional`` false;
- precision counts every predicted row whose metric is one of the ten (``other`` is not scored) in a
  case the gold set covers (``covered_cases``; by default the cases that have gold lines — pass the
  covered cases explicitly when some covered case has no outcome at all); predicted rows matched to an
  optional line are left out of precision;
- ``qualifier`` and ``unit`` are reported as accuracies over the found lines. ``unit_accuracy`` is
  plain equality of the unit as written (gold labels 起, 个, 张 as the sentence writes them, and so
  does ``outcomes.unit``); ``comparable_unit_accuracy`` compares the contract's comparable units
  (``etl.contract.store_unit`` of the gold unit against the row's ``comparable_unit``, 起 = 件 of
  events); ``period`` is not scored.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping

from etl import contract

__all__ = ["METRICS", "case_key", "value_match", "score"]

METRICS = tuple(contract.METRICS)   # the ten scored metrics (`other` is not scored)


def case_key(row: Mapping) -> Hashable:
    if "case_key" in row:
        return row["case_key"]
    return (row.get("doc"), row.get("case_no"))


def value_match(pred: float, gold: float) -> bool:
    """Value within 0.5 % of the gold value, or ±1 when the gold value is under 200."""
    try:
        p, g = float(pred), float(gold)
    except (TypeError, ValueError):
        return False
    if abs(g) < 200:
        return abs(p - g) <= 1.0 + 1e-9
    return abs(p - g) <= 0.005 * abs(g) + 1e-9


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
    r = tp / n_gold if n_gold else (1.0 if n_pred == 0 else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "n_pred": n_pred, "n_gold": n_gold}


def score(predicted_rows: Iterable[Mapping], gold_rows: Iterable[Mapping],
          covered_cases: Iterable[Hashable] | None = None) -> dict:
    """Precision, recall and F1 overall and per metric, plus qualifier/unit accuracy over found lines.

    Returns {"overall": {...}, "per_metric": {metric: {...}}, "qualifier_accuracy", "unit_accuracy",
    "comparable_unit_accuracy", "found": [(gold, pred)], "missed": [gold], "false_positives": [pred]}.
    """
    gold = [g for g in gold_rows if g.get("metric") in METRICS]
    covered = set(covered_cases) if covered_cases is not None else {case_key(g) for g in gold}
    preds = [p for p in predicted_rows if p.get("metric") in METRICS and case_key(p) in covered]

    by_case_pred: dict = defaultdict(list)
    for idx, p in enumerate(preds):
        by_case_pred[(case_key(p), p["metric"])].append(idx)
    taken: set[int] = set()
    found: list[tuple[Mapping, Mapping]] = []
    missed: list[Mapping] = []
    optional_matched: set[int] = set()
    # required lines first, so an optional line never takes the prediction a required line needs
    order = sorted(range(len(gold)), key=lambda i: bool(gold[i].get("optional")))
    for gi in order:
        g = gold[gi]
        cands = [i for i in by_case_pred.get((case_key(g), g["metric"]), ())
                 if i not in taken and value_match(preds[i]["value"], g["value"])]
        if not cands:
            if not g.get("optional"):
                missed.append(g)
            continue
        best = min(cands, key=lambda i: abs(float(preds[i]["value"]) - float(g["value"])))
        taken.add(best)
        if g.get("optional"):
            optional_matched.add(best)
        else:
            found.append((g, preds[best]))

    scored_preds = [i for i in range(len(preds)) if i not in optional_matched]
    false_positives = [preds[i] for i in scored_preds if i not in taken]
    n_req = sum(1 for g in gold if not g.get("optional"))
    overall = _prf(len(found), len(scored_preds), n_req)

    per_metric = {}
    for m in METRICS:
        tp = sum(1 for g, _ in found if g["metric"] == m)
        n_pred = sum(1 for i in scored_preds if preds[i]["metric"] == m)
        n_gold = sum(1 for g in gold if g["metric"] == m and not g.get("optional"))
        if n_pred or n_gold:
            per_metric[m] = _prf(tp, n_pred, n_gold)

    def acc(field: str, same=None) -> float | None:
        pairs = [(g, p) for g, p in found if g.get(field) is not None]
        if not pairs:
            return None
        return sum(1 for g, p in pairs if (same(g, p) if same else g[field] == p.get(field))) / len(pairs)

    return {
        "overall": overall,
        "per_metric": per_metric,
        "qualifier_accuracy": acc("qualifier"),
        "unit_accuracy": acc("unit"),
        "comparable_unit_accuracy": acc("unit", _same_comparable_unit),
        "found": found,
        "missed": missed,
        "false_positives": false_positives,
    }


def _same_comparable_unit(gold: Mapping, pred: Mapping) -> bool:
    """Units that count the same thing are equal (起 = 件 of events): the contract's comparable unit of
    the gold unit against the row's `comparable_unit` (or the contract's unit of its written unit)."""
    m = gold["metric"]
    return contract.store_unit(m, gold["unit"]) == (pred.get("comparable_unit")
                                                    or contract.store_unit(m, pred.get("unit")))


# --- development report (I/O; not used by the pipeline) ---------------------------------------------

def _dev_rows(raw_dir, docs):
    """Cases of the given documents through the real clean → segment → extract_outcomes chain:
    ({(doc, case_no): title}, predicted rows, {doc: (chars, seconds)})."""
    import time
    from pathlib import Path

    from etl.clean import clean
    from etl.outcomes import extract_outcomes
    from etl.segment import segment

    titles, rows, timing = {}, [], {}
    for doc in docs:
        raw = (Path(raw_dir) / doc).read_text("utf-8")
        cleaned = clean(raw)
        document = segment(doc, cleaned)
        t0, n = time.process_time(), 0
        for case in document.cases:
            titles[(doc, case.case_no)] = case.title
            if not case.has_text or case.body_start is None:
                continue
            body = cleaned.text[case.body_start:case.body_end]
            n += len(body)
            for m in extract_outcomes(body):
                rows.append({"doc": doc, "case_no": case.case_no, "metric": m.metric, "value": m.value,
                             "unit": m.unit, "comparable_unit": m.comparable_unit, "qualifier": m.qualifier,
                             "confidence": m.confidence,
                             "quote": body[m.quote_start:m.quote_end]})
        timing[doc] = (n, time.process_time() - t0)
    return titles, rows, timing


def _print_report(name, result):
    o = result["overall"]
    print(f"{name}: P={o['precision']:.3f} R={o['recall']:.3f} F1={o['f1']:.3f} "
          f"(tp {o['tp']}, scored rows {o['n_pred']}, required lines {o['n_gold']}); "
          f"qualifier acc {result['qualifier_accuracy'] or 0:.3f}, unit acc {result['unit_accuracy'] or 0:.3f} "
          f"(comparable {result['comparable_unit_accuracy'] or 0:.3f})")
    for m, r in result["per_metric"].items():
        print(f"    {m:20s} P={r['precision']:.2f} R={r['recall']:.2f} F1={r['f1']:.2f}  "
              f"({r['tp']} found / {r['n_pred']} rows / {r['n_gold']} lines)")


def dev_main(argv=None) -> int:
    """`python -m etl.evaluate [-v]`: outcome scores on gold-dev and on the held-out labels of
    tests/data/labels, with cases taken from the real cleaner and segmenter (matched by document and
    case number, titles checked), and extraction speed per document."""
    import argparse
    import difflib
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(prog="python -m etl.evaluate")
    ap.add_argument("-v", action="store_true", help="list missed lines and false positives")
    ap.add_argument("--gold", type=Path, default=root.parent / "shared" / "gold-dev")
    ap.add_argument("--labels", type=Path, default=root / "tests" / "data" / "labels")
    args = ap.parse_args(argv)

    def load(path):
        return [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()] if path.exists() else []

    sets = [("gold-dev", args.gold), ("held-out labels", args.labels)]
    docs = sorted({c["doc"] for _, d in sets for c in load(d / "cases.jsonl")})
    titles, rows, timing = _dev_rows(root / "data" / "raw", docs)
    for doc, (n, dt) in timing.items():
        print(f"{doc}: {n:,} chars of case text, extract_outcomes {dt * 1000:.1f} ms CPU "
              f"({n / max(dt, 1e-9) / 1e6:.2f} M chars/s)")
    for name, d in sets:
        cases = load(d / "cases.jsonl")
        if not cases:
            continue
        covered = {(c["doc"], c["case_no"]) for c in cases}
        for c in cases:
            got = titles.get((c["doc"], c["case_no"]), "")
            if difflib.SequenceMatcher(None, got, c["title"]).ratio() < 0.5:
                print(f"  warning: {c['doc']} case {c['case_no']}: segmented title {got!r} vs {c['title']!r}")
        result = score(rows, load(d / "outcomes.jsonl"), covered)
        _print_report(name, result)
        if args.v:
            for g in result["missed"]:
                print(f"    MISSED {g['doc'][:3]} {g['case_no']} {g['metric']} {g['value']:g} | {g['quote']!r}")
            for p in result["false_positives"]:
                print(f"    FP     {p['doc'][:3]} {p['case_no']} {p['metric']} {p['value']:g} "
                      f"{p['confidence']} | {p['quote']!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(dev_main())
