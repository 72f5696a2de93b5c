"""Data-quality checks across the built rows: what the sources say that does not agree.

Findings are stored, never used to change a figure: a dashboard reader sees both values and the flag.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

from etl.evaluate import value_match
from etl.messages import metric_zh, with_languages


def cross_source_findings(cases: list[dict], outcomes: list[dict]) -> list[dict]:
    """Same real-world case (canonical_id) in several sources, same metric, and no value in common.

    Only totals are compared (a part is not a rival figure), and only metrics that each source
    reports, so a source that is silent on a metric is not a disagreement.
    """
    case_by_id = {c["case_id"]: c for c in cases}
    values: dict[tuple[str, str], dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for o in outcomes:
        if o["metric"] == "other" or o["part_of_total"]:
            continue
        c = case_by_id[o["case_id"]]
        values[(c["canonical_id"], o["metric"])][c["source_id"]].append(o)
    findings = []
    for (canonical, metric), by_source in sorted(values.items()):
        if len(by_source) < 2:
            continue
        sources = sorted(by_source)
        figures = {src: tuple(sorted(x["value"] for x in rows)) for src, rows in by_source.items()}
        agree: dict[tuple, bool] = {}  # sources repeating the same figures are compared once

        def agrees(va: tuple, vb: tuple) -> bool:
            if (va, vb) not in agree:
                agree[(va, vb)] = any(value_match(x, y) or value_match(y, x) for x in va for y in vb)
            return agree[(va, vb)]

        # Many sources repeating a few sets of figures (copies of one article): when every two of
        # those sets agree, no pair of sources can disagree, and the pairs need not be walked.
        # On bench/build.py's corpus (60 copies of each seed) this took the check from 0.044 to
        # 0.006 s CPU, 7 % of an incremental build (tests/test_checks.py: same findings as all pairs).
        sets = Counter(figures.values())
        if all(agrees(va, va) for va, n in sets.items() if n > 1) and \
                all(agrees(va, vb) and agrees(vb, va) for va, vb in combinations(sets, 2)):
            continue
        for i, a in enumerate(sources):
            for b in sources[i + 1:]:
                if agrees(figures[a], figures[b]):
                    continue
                qa = "；".join(f"{x['quote']}" for x in by_source[a][:3])
                qb = "；".join(f"{y['quote']}" for y in by_source[b][:3])
                findings.append(with_languages({
                    "finding_id": f"{canonical}:{metric}:{a}:{b}",
                    "source_id": a,
                    "case_id": by_source[a][0]["case_id"],
                    "kind": "cross_source_mismatch",
                    "severity": "info",
                    "message": f"{metric}: {a} and {b} give different figures for the same case",
                    "message_zh": f"{metric_zh(metric)}:{a} 与 {b} 对同一案例给出的数字不同",
                    "evidence": f"{a}: {qa} | {b}: {qb}",
                }))
    return findings
