"""Data types of the segmentation layer (see docs/design.md, "etl/segment.py")."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class CaseDraft:
    case_no: int
    title: str                 # cleaned Simplified
    short_name: str | None     # 津心办, 粤省事 …
    category: str | None       # the source's grouping (示范案例, 社会管理类, 卓越示范案例, 特色案例 …)
    award: str | None
    reporting_unit: str | None
    page: int | None
    has_text: bool
    body_start: int | None     # span of the case's text in Cleaned.text (None when has_text is False)
    body_end: int | None
    place_text: str            # the text to resolve the case's province/city from (title first, then body lead)


@dataclass
class TierClaim:               # what a ranking source states
    evaluation: str
    evaluator: str
    year: int
    level: str
    tier: str
    members: list[str]         # as named, full official names
    claimed_count: int | None
    quote_start: int
    quote_end: int


@dataclass
class Document:
    adapter: str               # compendium | award_list | award_article | category_article | tier_article | generic
    cases: list[CaseDraft]
    tiers: list[TierClaim] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)   # {kind, severity, message (English), message_zh, evidence}
