"""One outcome mention as the extractor returns it (etl.pipeline turns it into an `outcomes` row)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    metric: str                # a key of etl.contract.METRICS, or "other"
    value: float               # in the stored unit (multipliers applied; money in yuan; hours)
    unit: str                  # the contract's stored unit (etl.contract.store_unit)
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
