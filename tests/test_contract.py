"""The metric contract (etl/contract.py) agrees with its human description (../shared/contract/) and
is the one definition the ETL, the evaluation and the dashboard use."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from etl import contract
from etl.contract import (METRIC_KEYS, METRICS, PERIODS, QUALIFIERS, comparable_key, is_additive, store_unit,
                          written_unit)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "contract"
METRICS_MD = SHARED / "metrics.md"
WAREHOUSE_MD = SHARED / "warehouse.md"

needs_shared = pytest.mark.skipif(not METRICS_MD.exists(), reason="../shared/contract/ not present")


def _metric_rows(md: str) -> dict[str, str]:
    """metric key -> its table row in metrics.md."""
    return {m.group(1): m.group(0) for m in re.finditer(r"^\| *([a-z_]+) *\|.*$", md, re.M)
            if m.group(1) != "metric"}


def _units_named(row: str) -> set[str]:
    """Units a metrics.md row names: after an ellipsis ("... 家/户/个"), as "unit X", or in a
    parenthesised money list "(元, 万元, 亿元)"."""
    found: set[str] = set()
    for m in re.finditer(r"(?:\.\.\.|…)\s*([\u4e00-\u9fff/]+)", row):
        found.update(m.group(1).split("/"))
    found.update(re.findall(r"unit ([\u4e00-\u9fff%]+)", row))
    for m in re.finditer(r"\(((?:[万亿]?元,?\s*)+)\)", row):
        found.update(x.strip() for x in m.group(1).split(","))
    # 万条 / 亿元: a multiplier before the unit; 条数据: a unit with its noun
    return {re.sub(r"^[万亿]", "", u)[:2].removesuffix("数") for u in found if u}


@needs_shared
def test_metrics_md_lists_the_same_metrics():
    assert set(_metric_rows(METRICS_MD.read_text(encoding="utf-8"))) == set(METRICS)


@needs_shared
@pytest.mark.parametrize("metric", list(METRICS))
def test_units_named_in_metrics_md_are_accepted_by_the_contract(metric):
    row = _metric_rows(METRICS_MD.read_text(encoding="utf-8"))[metric]
    assert _units_named(row) <= METRICS[metric].accepted_units | {METRICS[metric].base_unit}


@needs_shared
def test_warehouse_md_metric_keys_and_units():
    md = WAREHOUSE_MD.read_text(encoding="utf-8")
    keys_section = md.split("## Metric keys", 1)[1].split("##", 1)[0]
    assert set(re.findall(r"`([a-z_]+)`", keys_section)) - {"metric"} == set(METRIC_KEYS)
    unit_row = re.search(r"^\| unit \|[^|]*\|([^|]*)\|", md, re.M).group(1)
    named = {u.strip() for u in unit_row.split(",")}
    accepted = set().union(*(m.accepted_units for m in METRICS.values()))
    assert named <= accepted
    qual_row = re.search(r"^\| qualifier \|[^|]*\|([^|]*)\|", md, re.M).group(1)
    assert set(re.findall(r"`([a-z_]+)`", qual_row)) == set(QUALIFIERS)
    period_row = re.search(r"^\| period \|[^|]*\|([^|]*)\|", md, re.M).group(1)
    assert set(re.findall(r"`([a-z_]+)`", period_row)) == set(PERIODS)


@pytest.mark.parametrize("metric", list(METRICS))
def test_each_metric_is_complete(metric):
    m = METRICS[metric]
    assert m.key == metric and m.name_zh and m.name_en and m.definition_zh and m.definition_en
    assert m.base_unit in m.units and m.default_unit == m.base_unit
    assert set(m.aliases.values()) <= set(m.units), "an alias must lead to a stored unit"
    assert not set(m.aliases) & set(m.units)
    lo, hi = m.bounds
    assert 0 <= lo < hi
    assert m.why_units


def test_store_unit_and_comparability():
    assert store_unit("visits", "人次") == store_unit("visits", "次") == "次"
    assert store_unit("visits", "") == "次"
    assert store_unit("events_handled", "起") == "件"
    # counted things that differ stay apart
    assert comparable_key("visits", "人", "cumulative") != comparable_key("visits", "次", "cumulative")
    assert comparable_key("registered_users", "户", "cumulative") != comparable_key("registered_users", "人", "cumulative")
    assert comparable_key("data_records", "张", "cumulative") != comparable_key("data_records", "条", "cumulative")
    # and so do periods
    assert comparable_key("visits", "次", "daily") != comparable_key("visits", "次", "cumulative")
    assert is_additive("visits", "次") and not is_additive("time_saved", "%") and not is_additive("other")


# (metric, unit as read, unit stored in outcomes.unit, comparable unit in outcomes.comparable_unit)
@pytest.mark.parametrize("metric, read, written, comparable", [
    ("events_handled", "起", "起", "件"),
    ("events_handled", "个", "个", "件"),
    ("events_handled", "宗", "宗", "件"),
    ("services_online", "个", "个", "项"),
    ("data_records", "张", "张", "张"),
    ("data_shares", "条次", "条次", "条次"),
    ("data_shares", "批次", "批次", "次"),
    ("visits", "人次", "人次", "次"),
    ("warnings_issued", "次", "次", "条"),
    ("registered_users", "名", "人", "人"),        # a spelling of 人, where it counts persons
    ("registered_users", "位", "人", "人"),
    ("enterprises_served", "名", "名", "家"),      # not persons: kept as written
    ("enterprises_served", "户", "户", "家"),
    ("visits", "", "次", "次"),                    # nothing written: the metric's default unit
    ("time_saved", "", "小时", "小时"),
    ("time_saved", "%", "%", "%"),
    ("other", "名", "人", "人"),
    ("other", "件次", "件次", "次"),
])
def test_written_and_comparable_units(metric, read, written, comparable):
    assert written_unit(metric, read) == written
    assert store_unit(metric, read) == comparable
    assert store_unit(metric, written) == comparable        # the written unit keeps what it counts


def test_violations():
    assert contract.violations("visits", 100, "次", "exact", "cumulative") == []
    assert contract.violations("visits", 100, "人次", "exact", "cumulative")      # not a comparable unit
    assert contract.violations("enterprises_served", 5e8, "家", "exact", "cumulative")
    assert contract.violations("time_saved", 120, "%", "exact", "unspecified")
    assert contract.violations("other", 5, "个", "exact", "monthly")
    assert contract.violations("other", 5, "个", "exact", "unspecified") == []


def test_seed_warehouse_meets_the_contract(seed_warehouse):
    import duckdb

    con = duckdb.connect(str(seed_warehouse), read_only=True)
    rows = con.execute("SELECT metric, value, comparable_unit, qualifier, period FROM outcomes").fetchall()
    bad = [(r, contract.violations(*r)) for r in rows if contract.violations(*r)]
    assert bad == []
    # the unit as written is kept where it differs from the comparable one (起 of events, 个 of services)
    assert con.execute("SELECT count(*) FROM outcomes WHERE unit <> comparable_unit").fetchone()[0] > 0
    assert con.execute("SELECT count(*) FROM findings WHERE kind = 'contract_violation'").fetchone()[0] == 0


def test_build_reports_contract_violations(tmp_path):
    """A violation stored in the warehouse reaches findings and the build log."""
    import duckdb

    from etl.contract_check import check_contract
    from etl.schema import create_all

    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    create_all(con)
    con.execute("INSERT INTO sources (source_id, file, script, sha256, n_chars) VALUES ('s', 's.txt', 'simplified', 'x', 1)")
    con.execute("INSERT INTO cases (case_id, source_id, case_no, title, has_text, canonical_id) "
                "VALUES ('c', 's', 1, 't', true, 'c')")
    con.execute("INSERT INTO outcomes (outcome_id, case_id, metric, value, unit, comparable_unit, qualifier, period, "
                "part_of_total, quote, raw_start, raw_end) VALUES "
                "('o1', 'c', 'visits', 5, '人次', '人次', 'exact', 'cumulative', false, 'q', 0, 1),"
                "('o2', 'c', 'visits', 5, '人次', '次', 'exact', 'cumulative', false, 'q', 0, 1)")
    log = check_contract(con)
    assert len(log) == 1 and log[0][0] == "s.txt" and "人次" in log[0][2]
    assert con.execute("SELECT case_id, kind FROM findings").fetchall() == [("c", "contract_violation")]


def test_dashboard_and_evaluation_use_the_contract():
    from dashboard import i18n, queries
    from etl import evaluate, schema

    assert queries.METRIC_KEYS is contract.METRIC_KEYS
    assert tuple(evaluate.METRICS) == tuple(METRICS)
    assert schema.METRIC_KEYS is contract.METRIC_KEYS
    assert {k: v[0] for k, v in i18n.METRIC_NAMES.items() if k in METRICS} == {k: m.name_zh for k, m in METRICS.items()}
