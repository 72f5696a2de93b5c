"""The vocabulary of evaluations and tiers, with each word's English beside it.

A ranking source puts provinces in a tier (第一梯队, by the tier article adapter) or a grade (优秀,
良好, from the outside reference data/reference/tiers_external.csv) of an evaluation (中国数字政府服务能力
评估) that an evaluator (中国软件评测中心) publishes. These tables are reference knowledge about the
evaluations and their publishers, not text of any one source. The ETL stores the Chinese as
written; the dashboard shows the English of these tables in English mode. A word no table knows is
shown as written (the Chinese), never guessed.
"""
from __future__ import annotations

import re

# Official names of evaluators that sources sometimes misspell: the 中国电子信息产业发展研究院's
# 中国软件评测中心 (CSTC) publishes the 中国数字政府服务能力评估.
EVALUATOR_ALIASES = {"中国软件测评中心": "中国软件评测中心"}

# Evaluators under their own English names.
EVALUATORS_EN = {"中国软件评测中心": "China Software Testing Center (CSTC)"}

# Evaluations by name without their year (the year is put in front: "2019 China Digital …").
EVALUATIONS_EN = {"中国数字政府服务能力评估": "China Digital Government Service Capability Evaluation"}

# Grades an evaluation gives, as tiers (CSTC's stages of service capability).
GRADES_EN = {"优秀": "Excellent", "良好": "Good", "中等": "Average", "一般": "Fair", "较弱": "Weak"}

# What a tier covers, written before it (省级第一梯队: the provincial first tier).
LEVELS_EN = {"省级": "Provincial", "市级": "City", "城市": "City"}

ORDINALS_EN = {1: "First", 2: "Second", 3: "Third", 4: "Fourth", 5: "Fifth"}
_ORDINAL_TIER = re.compile(r"^第([一二三四五六七八九十\d])梯队$")
_CLASS_TIER = re.compile(r"^([一二三四五六七八九十\d])类梯队$")
_YEAR = re.compile(r"^\s*((?:19|20)\d{2})\s*年?(?:度)?")


def _digit(c: str) -> int:
    """The number of a tier's numeral (一 → 1, 十 → 10, 3 → 3), read by the ETL's one numeral parser."""
    from etl.numbers import parse_number

    return int(parse_number(c) or 0)


def tier_en(tier: str | None) -> str | None:
    """'第一梯队' → 'First tier', '一类梯队' → 'Tier 1', '优秀' → 'Excellent', '省级第一梯队' →
    'Provincial first tier'; None for a word no table knows."""
    if not tier:
        return None
    tier = tier.strip()
    for prefix, word in LEVELS_EN.items():
        if tier.startswith(prefix) and len(tier) > len(prefix):
            rest = tier_en(tier[len(prefix):])
            return f"{word} {rest[0].lower()}{rest[1:]}" if rest else None
    if tier in GRADES_EN:
        return GRADES_EN[tier]
    m = _ORDINAL_TIER.match(tier)
    if m:
        n = _digit(m.group(1))
        return f"{ORDINALS_EN[n]} tier" if n in ORDINALS_EN else f"Tier {n}"
    m = _CLASS_TIER.match(tier)
    if m:
        return f"Tier {_digit(m.group(1))}"
    return None


def evaluator_en(evaluator: str | None) -> str | None:
    if not evaluator:
        return None
    name = EVALUATOR_ALIASES.get(evaluator.strip(), evaluator.strip())
    return EVALUATORS_EN.get(name)


def evaluation_en(evaluation: str | None) -> str | None:
    """'2019年中国数字政府服务能力评估' → '2019 China Digital Government Service Capability Evaluation'."""
    if not evaluation:
        return None
    m = _YEAR.match(evaluation)
    year, name = (m.group(1), evaluation[m.end():].strip()) if m else (None, evaluation.strip())
    en = EVALUATIONS_EN.get(name)
    if en is None:
        return None
    return f"{year} {en}" if year else en
