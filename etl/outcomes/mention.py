"""One outcome mention as the extractor returns it (etl.pipeline turns it into an `outcomes` row)."""
from __future__ import annotations

from dataclasses import dataclass

from etl.contract import store_unit


@dataclass(frozen=True)
class Mention:
    metric: str                # a key of etl.contract.METRICS, or "other"
    value: float               # multipliers applied (money in yuan; time in hours), as comparable_unit counts
    unit: str                  # as written after the number (etl.contract.written_unit): 起, 个, 张, 条次 …
    qualifier: str             # exact | lower_bound | approx | upper_bound
    period: str                # cumulative | daily | peak_daily | annual | unspecified
    part_of_total: bool
    before_value: float | None  # time_saved from two durations: hours before / after
    after_value: float | None
    start: int                 # span of the number in the text given to extract_outcomes
    end: int
    quote_start: int           # span of the clause quoted
    quote_end: int
    confidence: str            # high | low
    note: str | None
    # the unit figures are compared in (etl.contract.store_unit of `unit` unless given: 起 of events → 件)
    comparable_unit: str = ""

    def __post_init__(self):
        if not self.comparable_unit:
            object.__setattr__(self, "comparable_unit", store_unit(self.metric, self.unit))
