"""Comparable figures only: the dashboard never puts together figures of different units or periods,
sums only where adding is meaningful, and says which case and source a province's value comes from.

The fixture warehouse gets visits figures shaped like the seed's (persons beside visits, a case's two
cumulative totals, a daily peak, one case restated by a second source), and figures whose unit as
written differs from their comparable unit (起 and 个 of events are 件; 人次 of visits is 次)."""
from __future__ import annotations

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import comparable, filters, profile, queries
from etl.contract import store_unit
from tests.conftest import ROOT
from tests.fixtures_dashboard import build_geo, build_warehouse, use_navigation_v2

F = filters.Filters()
EXTRA = [  # (outcome_id, case_id, metric, value, unit as written, period, quote)
    ("v01", "c100-01", "visits", 1.385e11, "次", "cumulative", "累计访问量达1385亿"),
    ("v02", "c100-01", "visits", 1.9e9, "次", "cumulative", "访问量达19亿次"),
    ("v03", "c100-01", "visits", 2.0626e7, "人次", "cumulative", "累计绑定人次2062.6万"),
    ("v04", "c100-01", "visits", 1e7, "人", "cumulative", "访问用户量突破1000万"),
    ("v05", "c100-02", "visits", 1.27e9, "次", "cumulative", "累计访问量超过12.7亿次"),
    ("v06", "c100-02", "visits", 2.4e7, "次", "peak_daily", "最高日访问量突破2400万"),
    ("v07", "c101-01", "visits", 1.27e9, "次", "cumulative", "累计访问量超过12.7亿次"),   # same case, second source
    ("v08", "c100-03", "visits", 6.7e5, "次", "peak_daily", "访问峰值为67万"),
    ("v09", "c100-03", "visits", 3.11e6, "人", "daily", "日均访问人数311万人"),
    # events written 起 and 个 beside the fixture's 12万件 (安徽): one comparable unit, 件
    ("e01", "c100-01", "events_handled", 3e4, "起", "cumulative", "累计智能感知发现处置事件超3万起"),
    ("e02", "c100-02", "events_handled", 450.0, "个", "cumulative", "解决诉求450余个"),
    # market entities registered as users are accounts (户), never ranked with persons (人)
    ("r01", "c100-03", "registered_users", 1.337e7, "户", "cumulative", "平台累计市场主体注册用户达1337万"),
]


def _add_figures(path) -> None:
    con = duckdb.connect(str(path))
    for oid, case, metric, value, unit, period, quote in EXTRA:
        con.execute("""INSERT INTO outcomes (outcome_id, case_id, metric, value, unit, comparable_unit, qualifier,
                       period, part_of_total, quote, raw_start, raw_end) VALUES (?, ?, ?, ?, ?, ?, 'exact', ?,
                       false, ?, 0, 1)""", [oid, case, metric, value, unit, store_unit(metric, unit), period, quote])
    con.close()


@pytest.fixture(scope="module")
def dirs(tmp_path_factory):
    d = tmp_path_factory.mktemp("comparable")
    wh = build_warehouse(d / "w.duckdb", d / "raw")
    _add_figures(wh)
    return {"WAREHOUSE_PATH": wh, "RAW_DIR": d / "raw", "GEO_ASSETS_DIR": build_geo(d / "geo")}


@pytest.fixture(scope="module")
def wh(dirs):
    return queries.open_warehouse(dirs["WAREHOUSE_PATH"])


def by_province(df, col="value"):
    return dict(zip(df["province_code"], df[col]))


# ---------------------------------------------------------------- the rules


@pytest.mark.parametrize("measure, sum_ok", [
    ("visits|次|cumulative", True),
    ("events_handled|件|cumulative", True),
    ("funds_yuan|元|cumulative", True),
    ("visits|次|peak_daily", False),          # daily peaks never add up
    ("visits|人|daily", False),
    ("funds_yuan|元|annual", False),
    ("funds_yuan|元|unspecified", False),
    ("time_saved|%|unspecified", False),      # percentages never add up
    ("time_saved|小时|cumulative", False),
    ("registered_users|人|cumulative", True),   # the contract calls it additive (etl.contract)
    ("time_saved|%|cumulative", False),
])
def test_sum_offered_only_where_adding_is_meaningful(measure, sum_ok):
    assert ("sum" in comparable.aggregations(measure)) is sum_ok
    reason = comparable.no_sum_reason(measure)
    assert (reason is None) is sum_ok
    if not sum_ok:
        assert reason and comparable.no_sum_reason(measure, "en")


@pytest.mark.parametrize("bad", ["visits", "visits|次", "other|次|cumulative", "visits|次|weekly",
                                 "visits|次'); --|cumulative", "visits|a b|cumulative"])
def test_measure_keys_are_whitelisted(bad):
    with pytest.raises(ValueError):
        comparable.parse(bad)


def test_choices_put_cumulative_first_and_most_used_unit_first():
    rows = [("visits", "人", "daily", 2), ("visits", "次", "peak_daily", 3), ("visits", "次", "cumulative", 11),
            ("visits", "人", "cumulative", 5), ("registered_users", "人", "cumulative", 9)]
    got = comparable.choices(rows, "visits")
    assert list(got) == ["cumulative", "daily", "peak_daily"]
    assert got["cumulative"] == ["次", "人"]


# ---------------------------------------------------------------- the queries


def test_units_and_periods_are_never_mixed(wh):
    cum = by_province(queries.province_values(wh, F, "visits|次|cumulative", "max"))
    assert cum == {"440000": 1.385e11, "120000": 1.27e9}          # no peak, no persons
    peak = by_province(queries.province_values(wh, F, "visits|次|peak_daily", "max"))
    assert peak == {"120000": 2.4e7, "340000": 6.7e5}
    assert by_province(queries.province_values(wh, F, "visits|人|daily", "median")) == {"340000": 3.11e6}


# measure → {province: value}; the unit of a measure is the comparable unit, never the unit as written
@pytest.mark.parametrize("measure, agg, expected", [
    # 起 (广东), 个 (天津) and 件 (安徽) of events are one unit: ranked and summed together
    ("events_handled|件|cumulative", "max", {"440000": 3e4, "120000": 450.0, "340000": 1.2e5}),
    ("events_handled|件|cumulative", "sum", {"440000": 3e4, "120000": 450.0, "340000": 1.2e5}),
    # a written unit is not a measure of its own
    ("events_handled|起|cumulative", "max", {}),
    ("visits|人次|cumulative", "max", {}),
    # 人次 is counted with 次: 广东's 2062.6万人次 stands beside its 1385亿次 (the case's largest is taken)
    ("visits|次|cumulative", "sum", {"440000": 1.385e11, "120000": 1.27e9}),
    # accounts (户) and persons (人) stay apart
    ("registered_users|人|cumulative", "max", {"120000": 1.6e7, "330000": 8e7}),
    ("registered_users|户|cumulative", "max", {"340000": 1.337e7}),
])
def test_figures_are_put_together_by_comparable_unit(wh, measure, agg, expected):
    assert by_province(queries.province_values(wh, F, measure, agg)) == expected


def test_measure_choices_and_ranks_use_the_comparable_unit(wh):
    options = queries.measure_options(wh)
    units = {(m, u) for m, u, _, _ in options}
    assert ("events_handled", "件") in units and not {("events_handled", "起"), ("events_handled", "个"),
                                                      ("visits", "人次")} & units
    ranks = profile.metric_ranks(wh)
    events = ranks[(ranks["metric"] == "events_handled") & (ranks["period"] == "cumulative")]
    assert set(events["unit"]) == {"件"}                             # one ranking, not one per measure word
    assert dict(zip(events["province_code"], events["rank"])) == {"340000": 1, "440000": 2, "120000": 3}
    users = ranks[ranks["metric"] == "registered_users"]
    assert dict(zip(users["unit"], users["n_provinces"])) == {"人": 2, "户": 1}   # ranked apart


def test_sum_adds_one_figure_per_case_and_a_restated_case_once(wh):
    total = by_province(queries.province_values(wh, F, "visits|次|cumulative", "sum"))
    # 广东: one case with two cumulative totals (1385亿 and 19亿, one platform at two scopes) → its largest;
    # 天津: 12.7亿 in the compendium and again in the award list (one canonical case) → once
    assert total == {"440000": 1.385e11, "120000": 1.27e9}
    with pytest.raises(ValueError):
        queries.province_values(wh, F, "visits|次|peak_daily", "sum")
    with pytest.raises(ValueError):
        queries.group_values(wh, F, "visits|人|daily", "sum", "domain")


def test_a_province_value_names_its_case_and_source(wh):
    df = queries.province_values(wh, F, "visits|次|cumulative", "max").set_index("province_code")
    assert df.loc["440000", "from_case"] == "广东省数据资源一网共享平台"
    assert df.loc["440000", "from_source"] == "数字政府典型案例汇编(测试)"
    assert df.loc["440000", "from_quote"] == "累计访问量达1385亿"
    ranking = queries.province_ranking(wh, F, "visits|次|cumulative", "max")
    assert {"from_case", "from_source"} <= set(ranking.columns)


def test_group_values_keep_a_case_in_each_of_its_groups(wh):
    df = queries.group_values(wh, F, "visits|次|cumulative", "sum", "award")
    got = dict(zip(df["group"], df["value"]))
    # 津心办 has no award in the compendium and 卓越示范案例 in the award list: in both groups, once each
    assert got == {"示范案例": 1.385e11, "—": 1.27e9, "卓越示范案例": 1.27e9}
    assert df["group"].iloc[-1] == "—"


# ---------------------------------------------------------------- the page controls


@pytest.fixture
def app(monkeypatch, dirs):
    for k, v in dirs.items():
        monkeypatch.setenv(k, str(v))
    use_navigation_v2(monkeypatch)

    def make(page):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.run()
        at.switch_page(page).run()
        assert not at.exception, at.exception
        return at
    return make


def test_tier_page_offers_period_and_unit_and_explains_a_missing_sum(app):
    at = app("pages/tiers.py")
    at.selectbox(key="measure_rank").set_value("visits").run()
    assert at.selectbox(key="period_rank").value == "cumulative"        # the default comparison
    assert at.selectbox(key="unit_rank").value == "次"
    assert at.selectbox(key="period_rank").options[0] == "累计"
    at.radio(key="agg_rank").set_value("sum").run()
    at.selectbox(key="period_rank").set_value("peak_daily").run()
    assert "sum" not in at.radio(key="agg_rank").options
    assert at.radio(key="agg_rank").value == "max"                      # the stale sum is not kept
    assert any("不提供求和" in c.value for c in at.caption)
    assert not at.exception


def test_map_hover_says_where_a_province_value_comes_from(app):
    import json

    at = app("pages/map.py")
    at.radio(key="map_mode").set_value("metric").run()
    at.selectbox(key="measure_map").set_value("visits").run()
    spec = json.loads(next(e for e in at.get("plotly_chart") if e.proto.id.endswith("fig_map")).proto.spec)
    hovers = " ".join(str(h) for d in spec["data"] for h in (d.get("hovertext") or []))
    assert "数值来自:广东省数据资源一网共享平台(数字政府典型案例汇编(测试))" in hovers
    assert not at.exception
