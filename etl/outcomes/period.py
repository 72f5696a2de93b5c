"""The period of a figure: cumulative, daily, peak day, annual, or unspecified (etl.contract.PERIODS).

Cues: 最高日/峰值 → peak_daily; 日均/每日/每天/…/天 → daily; 每年/年均/全年, or one stated year
("2021年,平台共接收…") → annual; a figure right after a named month or half year ("2020年8月4605次") has none. Time saved is per transaction (unspecified); services and money are
cumulative only when the text says so (累计/共/已/上线/截至 …); every other count is a stock or a
running total (cumulative). A monthly figure has no period of the contract (unspecified); a rate per
second, minute or hour is no total at all (the extractor keeps it as `other`).
"""
from __future__ import annotations

import re

from etl.numerals import MONTH_NUMERALS

from .context import QContext

_PEAK_RE = re.compile(r"最高日|单日最高|日最高|峰值|高峰|最高峰|单日峰值")
_DAILY_RE = re.compile(r"日均|每日|每天|单日|天均|日平均|平均每天|一天内|/天|/日")
_ANNUAL_RE = re.compile(r"年均|每年|全年|年度|一年来|年一年|年平均|今年|当年|/年")
# any of the three cues: most figures have none, and one search tells
_ANY_CUE_RE = re.compile("|".join(r.pattern for r in (_PEAK_RE, _DAILY_RE, _ANNUAL_RE)))
_CUM_RE = re.compile(r"累计|累积|共计|总计|共有|共|已|截至|截止|目前|至今|以来|总量|总数|迄今|上线|进驻|节约|节省")
# one year named before the figure, not a span of years
_ONE_YEAR_RE = re.compile(r"(?:19|20)(?<![至止自到]\d\d)\d\d年(?![\d月底末以至前后度初中])")
_SINCE_RE = re.compile(r"以来|至今|累计|截至|截止|迄今|年至|年到|—|-")
# a figure right after a named month or half year ("由2020年8月4605次", "2021年上半年的3.2万件"): that
# month's figure, or a stock at that month — no period of the contract says which, so none is claimed
_OF_MONTH_RE = re.compile(rf"(?:19|20)\d\d\s*年\s*(?:(?:1[0-2]|0?[1-9]|[{MONTH_NUMERALS}]{{1,2}})\s*月份?|[上下]半年)"
                          r"\s*的?\s*$")
RATE_RE = re.compile(r"""
    每(?:分钟|分|秒钟|秒|小时)        # 每分钟9万多人次, 67万每分钟
  | /(?:分钟|秒|小时|min\b|s\b)       # 5000次/秒
""", re.VERBOSE)
_MONTHLY_RE = re.compile(rf"""
    月均|每月|单月|每个月              # 月均访问量
  | (?<![\d{MONTH_NUMERALS}])月(?:使用|访问|调用|办件|服务)量   # 月使用量峰值 (not the date 12月)
""", re.VERBOSE)


def is_rate(ctx: QContext) -> bool:
    """A figure per second, minute or hour ("访问峰值为67万每分钟")."""
    return bool(RATE_RE.search(ctx.around))


def period_of(ctx: QContext, metric: str, rate: bool = False) -> str:
    around = ctx.around
    period = _by_cue(metric, around)
    text, q = ctx.text, ctx.q
    before = text[ctx.sent_start:q.start]
    if period in ("cumulative", "unspecified") and metric != "time_saved" and "年" in before \
            and _ONE_YEAR_RE.search(before) and not _SINCE_RE.search(text[ctx.sent_start:q.end]):
        period = "annual"  # "2021年,平台共接收…": the figure of one stated year
    if rate or _MONTHLY_RE.search(around) or (
            "年" in before and _OF_MONTH_RE.search(before) and not _SINCE_RE.search(text[ctx.clause_start:q.end])):
        period = "unspecified"   # no period of the contract fits a per-minute or a monthly figure
    return period


def _by_cue(metric: str, ctx: str) -> str:
    if _ANY_CUE_RE.search(ctx):
        if _PEAK_RE.search(ctx):
            return "peak_daily"
        if _DAILY_RE.search(ctx):
            return "daily"
        if _ANNUAL_RE.search(ctx):
            return "annual"
    if metric == "time_saved":
        return "unspecified"
    if metric in ("services_online", "funds_yuan", "other"):
        return "cumulative" if _CUM_RE.search(ctx) else "unspecified"
    return "cumulative"
