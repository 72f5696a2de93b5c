"""Durations and time saved: before/after pairs ("从10天减至3分钟内") and saved amounts ("缩短3天").

Runs first over a text: the durations it takes are not read again as counts. Its before/after pairs
also tell the percent classifier (`measures.percent`) when a percent only restates a pair.
"""
from __future__ import annotations

import re

from etl.numbers import Quantity, duration_hours
from etl.numerals import TIME_UNITS

from .context import TARGET_RE, Spans
from .mention import Mention

TIME_UNITS_HERE = TIME_UNITS - {"月"}   # a bare 月 is the month of a date ("7月"), never a duration here
TIME_NOUN_RE = re.compile(r"时间|时长|时限|周期|耗时|用时|工期|时效|等待|时间成本|天数|办结时间|审批时长")
REDUCE_RE = re.compile(r"缩短|减少|压缩|降低|下降|节省|节约|缩减|减|降|压减|提前")
NOT_TIME_RE = re.compile(r"材料|环节|跑动|跑腿|人员|人力|成本|费用|次数|步骤|流程|证明|表单|字段|填报|纸质|人工|效率|工作量")
TRAVEL_RE = re.compile(r"出行|路途|路上|通勤|往返|交通|排队|通行|行程|车程")  # not processing time
_SAVE_BEFORE_RE = re.compile(r"(?:缩短|减少|节省|节约|压缩|缩减|压减|提前|还少|少用|少花)了?(?:[\u4e00-\u9fff]{0,4}时间)?(?:约|近|达|超过|超)?$")
_LEAD_TIME_RE = re.compile(r"[^,，。;；]{0,4}(?:预警|预报|发出|发布|通知|告知|提醒|推送)")  # 提前30分钟发出预警
_AGGREGATE_RE = re.compile(r"累计|群众|企业|全年|每年|共")
_PAIR_MID_RE = re.compile(r"缩短|减少|减至|降至|降低|压缩|缩减|压减|提速|仅需|只需|仅用|只用|仅|只|变为|缩至|提升至|到|至|为|用时|"
                          r"现在|如今|现仅|最快")
# "缩短1.1天" right before the second duration: that one is the amount saved, not the time after
_SAVED_AMOUNT_RE = re.compile(r"(?:缩短|减少|节省|节约|压缩|缩减|压减|提前|还少|少用|少花)了?(?:约|近|达|超过|超)?$")
_PAIR_PRE_RE = re.compile(r"从|由|原|以往|过去|传统|此前|以前|需|需要|平均|改革前|之前|把|将|往常|以往|花费|耗时|历时")


def is_duration(q: Quantity, text: str) -> bool:
    """A quantity in a time unit that is a duration, not a year (2022年) or a date (7月12日)."""
    if q.unit not in TIME_UNITS_HERE:
        return False
    if q.unit == "年" and (1900 <= q.value <= 2100 or not text[q.num_start].isdigit() and q.value > 100):
        return False
    if q.unit == "日" and q.num_start > 0 and text[max(0, q.num_start - 3):q.num_start].rstrip().endswith("月"):
        return False
    return True


def time_saved(spans: Spans, qs: list[Quantity]) -> tuple[list[Mention], set[int], dict[int, str]]:
    """(mentions, indices of the quantities used, sentence start → the clause of its before/after pair)."""
    text = spans.text
    out: list[Mention] = []
    used: set[int] = set()
    pair_sents: dict[int, str] = {}
    times = [i for i, q in enumerate(qs) if is_duration(q, text)]
    for k, i in enumerate(times):
        if i in used:
            continue
        j = times[k + 1] if k + 1 < len(times) else None
        pair = _pair(spans, qs[i], qs[j]) if j is not None else None
        if pair is not None:
            out.append(pair)
            used.update((i, j))
            pair_sents[spans.sentence_start(qs[i].start)] = text[pair.quote_start:pair.quote_end]
            continue
        saved = _saved_amount(spans, qs[i])
        if saved is not None:
            out.append(saved)
            used.add(i)
    return out, used, pair_sents


def _pair(spans: Spans, a: Quantity, b: Quantity) -> Mention | None:
    """Two durations of one sentence, the first longer, joined by a reduction: the hours saved."""
    text = spans.text
    s0 = spans.sentence_start(a.start)
    if spans.sentence_start(b.start) != s0:
        return None
    mid = text[a.end:b.start]
    pre = text[max(s0, a.start - 12):a.start]
    ha, hb = duration_hours(a.value, a.unit), duration_hours(b.value, b.unit)
    if not (ha is not None and hb is not None and ha > hb and len(mid) <= 40
            and _PAIR_MID_RE.search(mid) and (_PAIR_PRE_RE.search(pre) or _PAIR_PRE_RE.search(mid[:6]))
            and not _SAVED_AMOUNT_RE.search(mid)):
        return None
    qual = _combine_qualifiers(a.qualifier, b.qualifier)
    if "最快" in text[max(a.end, b.start - 4):b.start]:
        qual = "upper_bound"  # the best case, not the usual one
    target = bool(TARGET_RE.search(text[s0:a.start]))
    return Mention("other" if target else "time_saved", round(ha - hb, 6), "小时", qual, "unspecified", False,
                   ha, hb, a.start, b.end, spans.clause_start(a.start), spans.clause_end(b.end),
                   "low" if target else "high", "a target, not an outcome" if target else None)


def _saved_amount(spans: Spans, a: Quantity) -> Mention | None:
    """A saved duration: "缩短3天", "节省时间2小时" (not travel time, not a warning's lead time)."""
    text = spans.text
    s0 = spans.sentence_start(a.start)
    pre = text[max(s0, a.start - 8):a.start]
    if not _SAVE_BEFORE_RE.search(pre) or NOT_TIME_RE.search(pre) or TRAVEL_RE.search(pre) \
            or _LEAD_TIME_RE.match(text, a.end):
        return None
    aggregate = a.value >= 10000 or bool(_AGGREGATE_RE.search(text[max(s0, a.start - 16):a.start]))
    target = bool(TARGET_RE.search(text[s0:a.start]))
    note = ("a target, not an outcome" if target else
            "aggregate time saved over many transactions" if aggregate else None)
    return Mention("other" if target else "time_saved", duration_hours(a.value, a.unit), "小时", a.qualifier,
                   "unspecified", False, None, None, a.start, a.end, spans.clause_start(a.start),
                   spans.clause_end(a.end), "low" if aggregate or target else "high", note)


def _combine_qualifiers(before: str, after: str) -> str:
    if before == "approx" or after == "approx":
        return "approx"
    if before == "exact" and after == "exact":
        return "exact"
    if before in ("lower_bound", "exact") and after in ("upper_bound", "exact"):
        return "lower_bound"
    return "approx"


def topic_is_time(before: str) -> bool:
    """Whether the last thing the sentence talked about before this item is a time (时间/时限 …)
    rather than materials, steps, staff or efficiency."""
    last_t = last_n = -1
    for m in TIME_NOUN_RE.finditer(before):
        last_t = m.end()
    for m in NOT_TIME_RE.finditer(before):
        last_n = m.end()
    return last_t > last_n
