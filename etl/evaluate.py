"""Scoring of extracted outcomes against hand-labelled lines (rules of ../shared/gold-dev/README.md).

``score(predicted_rows, gold_rows)`` compares rows grouped by case. A row is a mapping with at least
``metric`` and ``value``, and a case key: ``case_key`` (any hashable) or the pair (``doc``, ``case_no``).
Gold rows may carry ``optional``, ``unit``, ``qualifier``; predicted rows ``unit`` and ``qualifier``.

Rules
- a gold line is *found* when its case has a predicted row with the same metric and a value within
  0.5 % (or ±1 when the gold value is under 200); matching is one-to-one, and required lines are
  matched before optional ones, each to its closest still-free prediction;
- recall counts the gold lines with ``optional`` false;
- precision counts every predicted row whose metric is one of the ten (``other`` is not scored) in a
  case the gold set covers (``covered_cases``; by default the cases that have gold lines — pass the
  covered cases explicitly when some covered case has no outcome at all); predicted rows matched to an
  optional line are left out of precision;
- ``qualifier`` and ``unit`` are reported as accuracies over the found lines; ``period`` is not scored.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping

__all__ = ["METRICS", "case_key", "value_match", "score"]

METRICS = (
    "registered_users", "visits", "data_records", "data_shares", "warnings_issued", "events_handled",
    "time_saved", "services_online", "enterprises_served", "funds_yuan",
)


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
    "found": [(gold, pred)], "missed": [gold], "false_positives": [pred]}.
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

    def acc(field: str) -> float | None:
        pairs = [(g.get(field), p.get(field)) for g, p in found if g.get(field) is not None]
        if not pairs:
            return None
        return sum(1 for a, b in pairs if a == b) / len(pairs)

    return {
        "overall": overall,
        "per_metric": per_metric,
        "qualifier_accuracy": acc("qualifier"),
        "unit_accuracy": acc("unit"),
        "found": found,
        "missed": missed,
        "false_positives": false_positives,
    }
