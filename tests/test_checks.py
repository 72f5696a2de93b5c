"""Cross-source checks: flagged, never fixed."""
from etl.checks import cross_source_findings

CASES = [
    {"case_id": "a:1", "source_id": "a", "canonical_id": "cc_1"},
    {"case_id": "b:1", "source_id": "b", "canonical_id": "cc_1"},
    {"case_id": "b:2", "source_id": "b", "canonical_id": "cc_2"},
]


def o(case_id, metric, value, part=False, quote="q"):
    return {"case_id": case_id, "metric": metric, "value": value, "part_of_total": part, "quote": quote}


def test_different_figures_for_the_same_case_are_flagged():
    found = cross_source_findings(CASES, [o("a:1", "data_records", 7e7, quote="近7000万条"),
                                          o("b:1", "data_records", 5e7, quote="5000万条")])
    assert [f["kind"] for f in found] == ["cross_source_mismatch"]
    assert "近7000万条" in found[0]["evidence"] and "5000万条" in found[0]["evidence"]


def test_agreeing_silent_part_and_other_rows_are_not_flagged():
    rows = [
        o("a:1", "time_saved", 4.0), o("b:1", "time_saved", 4.0),        # agree
        o("a:1", "visits", 1e6),                                         # b is silent
        o("a:1", "funds_yuan", 1e6), o("b:1", "funds_yuan", 2e5, part=True),  # a part is no rival
        o("a:1", "other", 3), o("b:1", "other", 9),
        o("a:1", "events_handled", 10), o("b:2", "events_handled", 99),  # different cases
    ]
    assert cross_source_findings(CASES, rows) == []


def _plain(cases, outcomes):
    """The check without its shortcut: every pair of sources of a case and metric compared."""
    from collections import defaultdict

    from etl.evaluate import value_match

    case_by_id = {c["case_id"]: c for c in cases}
    values = defaultdict(lambda: defaultdict(list))
    for x in outcomes:
        if x["metric"] != "other" and not x["part_of_total"]:
            c = case_by_id[x["case_id"]]
            values[(c["canonical_id"], x["metric"])][c["source_id"]].append(x)
    found = []
    for (canonical, metric), by_source in sorted(values.items()):
        sources = sorted(by_source)
        for i, a in enumerate(sources):
            for b in sources[i + 1:]:
                va = [x["value"] for x in by_source[a]]
                vb = [y["value"] for y in by_source[b]]
                if not any(value_match(x, y) or value_match(y, x) for x in va for y in vb):
                    found.append(f"{canonical}:{metric}:{a}:{b}")
    return found


def test_many_sources_repeating_a_few_figures_give_what_comparing_every_pair_gives():
    """Copies of one article repeat its figures: the check skips walking the pairs of a case only
    when every two of its sets of figures agree, and finds what the plain pairwise loop finds."""
    import random

    rng = random.Random(9)
    nan = float("nan")      # one object: equal sets of figures that still do not agree with themselves
    cases, rows = [], []
    for s in range(40):
        for k in range(7):
            cases.append({"case_id": f"s{s:02d}:{k}", "source_id": f"s{s:02d}", "canonical_id": f"cc_{k}"})
            figures = [[1e6], [1e6, 2e6], [1.004e6], [3e6], [150.0], [151.5], [float("nan")], [nan]][
                rng.choice([0, 0, 0, 1, 2] if k < 3 else [3, 3, 4, 5, 6] if k < 5 else [6] if k < 6 else [7])]
            rows += [o(f"s{s:02d}:{k}", "visits", v) for v in figures]
    found = [f["finding_id"] for f in cross_source_findings(cases, rows)]
    assert found == _plain(cases, rows)
    assert found and not any(":cc_0:" in f or f.startswith("cc_0:") for f in found)   # cc_0's figures all agree
