"""Quantitative outcomes of a case text: which metric each quantity measures, by what it counts.

``extract_outcomes(text)`` reads a cleaned Simplified case body and returns ``Mention``s (see
docs/design.md and etl/contract.py). Rules are over vocabulary and sentence shape, never over
particular sentences or values. The package, in the order a quantity meets it:

- ``etl.numbers.find_quantities``: every numeral with its multiplier, unit and qualifier;
- ``durations``: durations and time saved (before/after pairs, saved amounts), first;
- here: the quantities that are never outcomes are dropped (years, dates, small Chinese numerals that
  are words such as 一网通办, bare numbers, units of things that are not outcomes: 类, 套, 台 …);
- ``context``: the sentence, clause and list item around a quantity (``QContext``);
- ``measures``: money, percentages and counts → a metric (``vocabulary.csv`` says what a noun counts);
- vetoes: size thresholds (…以上的项目), targets and forecasts (力争, 计划, 预计 …), rates per minute
  → ``other``;
- the unit as written and the contract's comparable unit (``etl.contract.written_unit``,
  ``store_unit``) and ``period``;
- ``parts``: the numbers after 其中 that are parts of a total.
"""
from __future__ import annotations

from etl.contract import store_unit, written_unit
from etl.numbers import Quantity, find_quantities
from etl.numerals import MULTIPLIER_CHARS

from . import measures
from .context import TARGET_RE, QContext, Spans
from .durations import time_saved
from .mention import Mention
from .parts import mark_parts
from .period import is_rate, period_of
from .vocabulary import has_cat

__all__ = ["Mention", "extract_outcomes"]

_KEEP_UNITS = measures.COUNT_UNITS | {"元", "%", "倍", "个百分点"}
# a bare number (no unit) is kept only with one of these in it ("1385亿"); 三百 is a plain numeral
_MULT_CHARS = MULTIPLIER_CHARS - {"百"}


def extract_outcomes(text: str) -> list[Mention]:
    """Every quantitative outcome mention of a cleaned case text, in text order."""
    qs = find_quantities(text) if text else []
    if not qs:
        return []
    spans = Spans.of(text)
    out, used, pair_sents = time_saved(spans, qs)
    for i, q in enumerate(qs):
        if i in used or not _may_be_outcome(q, text):
            continue
        ctx = QContext.at(spans, qs, i)
        metric, conf, note = _classify(ctx, out, pair_sents)
        if metric is None:
            continue
        metric, conf, note = _veto(ctx, metric, conf, note)
        rate = metric != "other" and is_rate(ctx)
        if rate:
            metric, conf, note = "other", "low", "a rate per second, minute or hour, not a total"
        period = "unspecified" if note and note.startswith("trips") else period_of(ctx, metric, rate)
        unit, comparable = _units(ctx, metric)
        out.append(Mention(metric, q.value, unit, q.qualifier, period, False, None, None,
                           q.num_start, q.num_end, ctx.clause_start, ctx.clause_end, conf, note, comparable))
    out.sort(key=lambda m: m.start)
    return mark_parts(spans, out)


def _may_be_outcome(q: Quantity, text: str) -> bool:
    """Drop what is never an outcome, before any context is computed (most quantities)."""
    if q.unit not in _KEEP_UNITS:
        return False  # durations (step one's), years, dates, things never outcomes (类, 套, 台 …)
    if q.value < 10 and not text[q.num_start].isdigit():
        return False  # small Chinese numerals are words (一网通办, 一件事, 三大板块)
    if q.unit == "" and _MULT_CHARS.isdisjoint(text[q.num_start:q.num_end]):
        return False  # bare numbers: 12345, figure and section numbers, codes, phone numbers
    return not text.startswith("级", q.num_end)  # "1000万级用户并发": a capacity class


def _classify(ctx: QContext, out: list[Mention], pair_sents: dict[int, str]) -> measures.Verdict:
    unit = ctx.q.unit
    if measures.is_money(ctx):
        return measures.money(ctx)
    if unit == "%":
        return measures.percent(ctx, pair_sents)
    if unit in ("倍", "个百分点"):
        return "other", "low", None
    return measures.count(ctx, out)


def _veto(ctx: QContext, metric: str, conf: str, note: str | None) -> measures.Verdict:
    """Size thresholds and targets are not outcomes, whatever they count."""
    q, text = ctx.q, ctx.text
    if metric == "other":
        return metric, conf, note
    if q.text.endswith(("以上", "以下", "以内")) and text.startswith("的", q.end):
        return "other", "low", measures.THRESHOLD_NOTE
    if TARGET_RE.search(text[ctx.sent_start:q.start]):
        return "other", "low", "a target or a forecast, not an outcome"
    return metric, conf, note


def _units(ctx: QContext, metric: str) -> tuple[str, str]:
    """(unit as written, comparable unit). For a figure without a unit, what the words before it
    count ("访问人次超21万" → 人次, "访问用户量…1000万" → 人), else the metric's default unit."""
    unit, left = ctx.q.unit, ctx.text[ctx.clause_start:ctx.q.start]
    read = "%" if unit == "%" else ("元" if metric == "funds_yuan" else unit)
    if metric == "visits" and not unit:
        near = left[-8:]
        read = "人次" if "人次" in near else ("人" if any(w in near for w in ("用户", "人数", "访客")) else read)
    if metric == "registered_users" and unit in ("", "个") and has_cat(left[-10:], "enterprises_served"):
        # market entities registered as users are accounts (户), whatever measure word they are counted in
        return read or "户", "户"
    return written_unit(metric, read) or "个", store_unit(metric, read) or "个"
