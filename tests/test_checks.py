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
