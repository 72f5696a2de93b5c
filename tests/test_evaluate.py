"""etl.evaluate.score on small hand-made inputs (rules of ../shared/gold-dev/README.md)."""
from __future__ import annotations

import pytest

from etl.evaluate import score, value_match


def g(metric, value, case=1, optional=False, unit="条", qualifier="exact", doc="d"):
    return {"doc": doc, "case_no": case, "metric": metric, "value": value, "optional": optional,
            "unit": unit, "qualifier": qualifier}


def p(metric, value, case=1, unit="条", qualifier="exact", doc="d"):
    return {"doc": doc, "case_no": case, "metric": metric, "value": value, "unit": unit, "qualifier": qualifier}


@pytest.mark.parametrize("pred, gold, ok", [
    (1000, 1000, True), (1004.9, 1000, True), (1005.1, 1000, False), (995.0, 1000, True), (994.9, 1000, False),
    (150, 149, True), (148, 149, True), (150.5, 149, False), (0.05, 0.0, True), (2, 0.5, False),
    (200.9, 200, True), (201.1, 200, False), (None, 5, False),
])
def test_value_match(pred, gold, ok):
    assert value_match(pred, gold) is ok


def test_perfect():
    gold = [g("data_records", 6.4839e10), g("visits", 2.355e7, unit="次")]
    r = score([p("visits", 2.355e7, unit="次"), p("data_records", 6.4839e10)], gold)
    assert r["overall"]["precision"] == 1.0 and r["overall"]["recall"] == 1.0 and r["overall"]["f1"] == 1.0
    assert r["qualifier_accuracy"] == 1.0 and r["unit_accuracy"] == 1.0


def test_metric_must_be_equal():
    r = score([p("data_shares", 1000)], [g("data_records", 1000)])
    assert r["overall"]["tp"] == 0
    assert r["overall"]["precision"] == 0.0 and r["overall"]["recall"] == 0.0 and r["overall"]["f1"] == 0.0
    assert len(r["missed"]) == 1 and len(r["false_positives"]) == 1


def test_one_to_one_matching():
    gold = [g("events_handled", 100)]
    r = score([p("events_handled", 100), p("events_handled", 100)], gold)
    assert r["overall"]["tp"] == 1
    assert r["overall"]["precision"] == 0.5
    assert r["overall"]["recall"] == 1.0
    # two gold lines of the same value need two predictions
    r = score([p("events_handled", 100)], [g("events_handled", 100), g("events_handled", 100)])
    assert r["overall"]["recall"] == 0.5 and r["overall"]["precision"] == 1.0


def test_closest_prediction_wins():
    gold = [g("funds_yuan", 1000, unit="元"), g("funds_yuan", 1008, unit="元")]
    r = score([p("funds_yuan", 1004, unit="元"), p("funds_yuan", 1009, unit="元")], gold)
    assert r["overall"]["tp"] == 2


def test_optional_lines():
    gold = [g("visits", 5000, unit="次"), g("data_shares", 14000000, optional=True, unit="次")]
    # the optional line found: not counted against precision, and not needed for recall
    r = score([p("visits", 5000, unit="次"), p("data_shares", 14000000, unit="次")], gold)
    assert r["overall"]["precision"] == 1.0 and r["overall"]["recall"] == 1.0
    assert r["overall"]["n_gold"] == 1 and r["overall"]["n_pred"] == 1
    # the optional line missed: no recall loss
    r = score([p("visits", 5000, unit="次")], gold)
    assert r["overall"]["recall"] == 1.0 and r["missed"] == []
    # a prediction of another metric for the optional line is a false positive
    r = score([p("visits", 5000, unit="次"), p("visits", 14000000, unit="次")], gold)
    assert r["overall"]["precision"] == 0.5


def test_required_line_is_matched_before_optional():
    gold = [g("visits", 1000, optional=True), g("visits", 1002)]
    r = score([p("visits", 1001)], gold)
    assert r["overall"]["recall"] == 1.0 and r["overall"]["tp"] == 1


def test_other_rows_are_not_scored():
    r = score([p("other", 123), p("visits", 5, unit="次")], [g("visits", 5, unit="次")])
    assert r["overall"]["precision"] == 1.0 and r["overall"]["n_pred"] == 1


def test_only_covered_cases_count_for_precision():
    gold = [g("visits", 5, case=1)]
    preds = [p("visits", 5, case=1), p("visits", 7, case=2)]
    assert score(preds, gold)["overall"]["precision"] == 1.0
    # a covered case with no gold line: its rows are false positives
    r = score(preds, gold, covered_cases=[("d", 1), ("d", 2)])
    assert r["overall"]["precision"] == 0.5
    # the same value in another case does not match
    r = score([p("visits", 5, case=2)], gold, covered_cases=[("d", 1), ("d", 2)])
    assert r["overall"]["tp"] == 0


def test_per_metric_and_accuracies():
    gold = [g("visits", 100, unit="次", qualifier="lower_bound"), g("visits", 300, unit="次"),
            g("funds_yuan", 1e6, unit="元")]
    preds = [p("visits", 100, unit="人", qualifier="lower_bound"), p("visits", 300, unit="次", qualifier="approx"),
             p("funds_yuan", 2e6, unit="元")]
    r = score(preds, gold)
    assert r["per_metric"]["visits"]["precision"] == 1.0 and r["per_metric"]["visits"]["recall"] == 1.0
    assert r["per_metric"]["funds_yuan"]["precision"] == 0.0 and r["per_metric"]["funds_yuan"]["recall"] == 0.0
    assert r["qualifier_accuracy"] == 0.5 and r["unit_accuracy"] == 0.5
    assert r["overall"]["precision"] == pytest.approx(2 / 3) and r["overall"]["recall"] == pytest.approx(2 / 3)
    assert r["overall"]["f1"] == pytest.approx(2 / 3)


def test_case_key_field():
    gold = [{"case_key": "c1", "metric": "visits", "value": 10}]
    assert score([{"case_key": "c1", "metric": "visits", "value": 10}], gold)["overall"]["f1"] == 1.0
    assert score([{"case_key": "c2", "metric": "visits", "value": 10}], gold,
                 covered_cases=["c1", "c2"])["overall"]["f1"] == 0.0


def test_empty_inputs():
    r = score([], [])
    assert r["overall"]["tp"] == 0 and r["qualifier_accuracy"] is None
    r = score([], [g("visits", 1)])
    assert r["overall"]["recall"] == 0.0 and r["overall"]["f1"] == 0.0


@pytest.mark.parametrize("gold_unit, pred_unit, pred_comparable, plain, comparable", [
    ("起", "起", "件", 1.0, 1.0),        # written as the gold labels it
    ("起", "件", "件", 0.0, 1.0),        # normalised: the same thing counted, but not the unit written
    ("个", "项", None, 0.0, 0.0),        # 个 of events is 件, never 项 (comparable unit from the written one)
    ("个", "个", None, 1.0, 1.0),
])
def test_unit_accuracy_is_plain_equality_and_comparable_accuracy_normalises(gold_unit, pred_unit, pred_comparable,
                                                                           plain, comparable):
    pred = p("events_handled", 30000, unit=pred_unit)
    if pred_comparable:
        pred["comparable_unit"] = pred_comparable
    r = score([pred], [g("events_handled", 30000, unit=gold_unit)])
    assert (r["unit_accuracy"], r["comparable_unit_accuracy"]) == (plain, comparable)
