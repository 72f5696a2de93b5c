"""Which outcome figures a chart may put side by side, and which it may add.

A *measure* is one metric in one comparable unit over one period ("visits|次|cumulative"): only figures
of the same measure are compared, ranked or aggregated. The unit is `outcomes.comparable_unit` (the
contract's: 起 and 件 of events are one unit), never the unit as written (`outcomes.unit`). Persons (人) are not visits (次), accounts (户) are
not persons, a daily peak is not a cumulative total, and a percent is never added. The default
period is the cumulative figure.

Adding (sum) is offered only where it means something: cumulative, non-percent figures of a metric
the contract (etl.contract.is_additive) calls additive. Where it is not offered, `no_sum_reason` says why,
and the page shows that sentence. Sums take one figure per real-world case (its largest, since a
case's several figures of one measure usually describe the same platform at different scopes) and
never add a part (`part_of_total`) to its total.

Pure module: no Streamlit, no SQL.
"""
from __future__ import annotations

from dataclasses import dataclass

from etl.contract import DEFAULT_PERIOD, METRICS, PERIODS, is_additive

AGGREGATIONS = ("max", "sum", "median", "count")

# Why a metric the contract calls non-additive may not be summed (zh, en); the flag is the contract's.
NOT_ADDITIVE = {
    "time_saved": ("节省时间是单个事项办理时长的变化,不是可以累加的总量。",
                   "time saved is a change in one procedure's duration, not a total that adds up."),
}
NOT_ADDITIVE_DEFAULT = ("该指标的数字相加没有意义。", "adding figures of this metric means nothing.")
NOT_CUMULATIVE = ("只有累计数可以相加;日均、单日峰值、年度或未说明期间的数字相加没有意义。",
                  "only cumulative totals add up; daily, peak-day, annual or unstated-period figures do not.")
PERCENT = ("百分比不能相加。", "percentages do not add up.")


@dataclass(frozen=True)
class Measure:
    metric: str
    unit: str          # outcomes.comparable_unit ("" when none)
    period: str

    @property
    def key(self) -> str:
        return f"{self.metric}|{self.unit}|{self.period}"

    @property
    def slug(self) -> str:
        """For file names: 'time_saved_pct_unspecified'."""
        return "_".join((self.metric, "pct" if self.unit == "%" else self.unit, self.period)).strip("_")


def parse(key: str) -> Measure:
    """'visits|次|cumulative' → Measure; ValueError for anything not a metric, unit, period triple."""
    parts = key.split("|") if isinstance(key, str) else []
    if len(parts) != 3:
        raise ValueError(f"unknown measure: {key!r}")
    metric, unit, period = parts
    if metric not in METRICS or period not in PERIODS or not _plausible_unit(unit):
        raise ValueError(f"unknown measure: {key!r}")
    return Measure(metric, unit, period)


def _plausible_unit(unit: str) -> bool:
    """A unit is a short counting word or '%' (it travels as a SQL parameter; this only refuses junk)."""
    return len(unit) <= 6 and all(ch == "%" or ch.isalpha() for ch in unit)


def no_sum_reason(measure: str | Measure, lang: str = "zh") -> str | None:
    """Why this measure may not be summed, or None when a sum is meaningful."""
    m = parse(measure) if isinstance(measure, str) else measure
    i = 1 if lang == "en" else 0
    if m.unit == "%":
        return PERCENT[i]
    if m.period != "cumulative":
        return NOT_CUMULATIVE[i]
    if not is_additive(m.metric, m.unit):
        return NOT_ADDITIVE.get(m.metric, NOT_ADDITIVE_DEFAULT)[i]
    return None


def aggregations(measure: str | Measure) -> tuple[str, ...]:
    """The aggregations offered for a measure, in display order."""
    ok_sum = no_sum_reason(measure) is None
    return tuple(a for a in AGGREGATIONS if a != "sum" or ok_sum)


def check_aggregation(measure: str, agg: str) -> None:
    """Refuse an aggregation the measure does not allow (a hand-made call or a stale widget)."""
    if agg not in aggregations(measure):
        raise ValueError(f"aggregation {agg!r} is not meaningful for {measure!r}")


def period_name(period: str, lang: str = "zh") -> str:
    label = PERIODS.get(period)
    if label is None:
        return period
    return label.en if lang == "en" else label.zh


def order_periods(periods) -> list[str]:
    """Cumulative first (the default comparison), then the contract's order."""
    rank = {p: i for i, p in enumerate(PERIODS)}
    return sorted(set(periods), key=lambda p: (p != DEFAULT_PERIOD, rank.get(p, len(rank)), p))


def choices(options, metric: str) -> dict[str, list[str]]:
    """{period: [units, most figures first]} for one metric, from rows (metric, unit, period, n)."""
    counts: dict[str, dict[str, int]] = {}
    for m, unit, period, n in options:
        if m == metric:
            counts.setdefault(period, {})[unit or ""] = int(n)
    return {p: sorted(counts[p], key=lambda u: (-counts[p][u], u)) for p in order_periods(counts)}
