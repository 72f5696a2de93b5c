"""Where a quantity stands: its sentence, clause and list item, and what is around it.

A sentence ends at 。;；!?！？ or a line break; a clause at a comma; a list item at 、 or a colon.
`Spans` holds a text's sentence boundaries; `QContext` is one quantity with the boundaries around it,
which every classifier of the package reads.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from etl.numbers import Quantity

_SENT_RE = re.compile(r"[。;；!?！？\n]")
_CLAUSE_CUT = frozenset(",，。;；:：!！?？\n")
_RESP_RE = re.compile(r"分别")
# what may follow a month that is a date, not a number of months ("6月底", "8月份", "3月上旬")
_MONTH_DATE_TAIL = ("底", "末", "初", "份", "中旬", "上旬", "下旬")


@dataclass(frozen=True)
class Spans:
    """Sentence boundaries of one text."""
    text: str
    sent_starts: list[int]
    sent_ends: list[int]      # position of each sentence's end mark, then len(text)

    @classmethod
    def of(cls, text: str) -> "Spans":
        ends = [m.start() for m in _SENT_RE.finditer(text)] + [len(text)]
        return cls(text, [0] + [p + 1 for p in ends[:-1]], ends)

    def sentence_start(self, pos: int) -> int:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        return self.sent_starts[i] if i >= 0 else 0

    def clause_start(self, pos: int, sent_start: int | None = None) -> int:
        s0 = self.sentence_start(pos) if sent_start is None else sent_start
        t = self.text
        return max(s0, t.rfind(",", s0, pos) + 1, t.rfind("，", s0, pos) + 1)

    def item_start(self, pos: int, clause_start: int) -> int:
        t = self.text
        return max(clause_start, t.rfind("、", clause_start, pos) + 1, t.rfind(":", clause_start, pos) + 1,
                   t.rfind("：", clause_start, pos) + 1)

    def clause_end(self, pos: int) -> int:
        """The next comma or sentence end at or after `pos`."""
        end = self.sent_ends[bisect.bisect_left(self.sent_ends, pos)]
        for c in ",，":
            k = self.text.find(c, pos, end)
            if k != -1:
                end = k
        return end


@dataclass
class QContext:
    """One quantity (q = qs[i]) of a text and the spans around it. One is made for every quantity
    that may be an outcome, and it is only read: a plain dataclass (a frozen one costs a setattr
    call per field, as much as the rest of making it)."""
    text: str
    qs: list[Quantity]
    i: int
    q: Quantity
    sent_start: int
    clause_start: int
    item_start: int
    clause_end: int
    aligned: str | None       # after 分别: the noun of the list this number is aligned with
    prev: int                 # the quantity before this one that bounds its context (-1: none), see `at`
    prev_end: int             # where the context left of the quantity may start, at the earliest

    @classmethod
    def at(cls, spans: Spans, qs: list[Quantity], i: int) -> "QContext":
        q, text = qs[i], spans.text
        s0 = spans.sentence_start(q.start)
        c0 = spans.clause_start(q.start, s0)
        c1 = spans.clause_end(q.end)
        aligned = _respectively(text, qs, i, c0, c1) if text.find("分别", c0, q.start) >= 0 else None
        # The context never reaches past the previous number — but a date in this quantity's clause is
        # not a previous figure ("告警数量由2020年8月4605次": the noun is before the date). It still keeps
        # the context in its clause; a date in an earlier clause stays the bound it was.
        prev = i - 1
        while prev >= 0 and qs[prev].start >= c0 and is_date(text, qs, prev):
            prev -= 1
        prev_end = qs[prev].end if prev >= 0 else 0
        if prev < i - 1:
            prev_end = max(prev_end, c0)
        return cls(text, qs, i, q, s0, c0, spans.item_start(q.start, c0), c1, aligned, prev, prev_end)

    @property
    def next_start(self) -> int:
        return self.qs[self.i + 1].start if self.i + 1 < len(self.qs) else len(self.text)

    @property
    def left_item(self) -> str:
        """The list item before the number (or, after 分别, its aligned noun)."""
        return self.aligned if self.aligned is not None else self.text[self.item_start:self.q.start]

    @property
    def tail(self) -> str:
        """Up to three characters after the quantity within its clause ("/日", "每分钟")."""
        tail = self.text[self.q.end:self.q.end + 3]
        for k, c in enumerate(tail):
            if c in _CLAUSE_CUT:
                return tail[:k]
        return tail

    @property
    def around(self) -> str:
        """The clause up to the quantity plus its tail: where period and rate cues are read."""
        return self.text[self.clause_start:self.q.end] + self.tail


def is_date(text: str, qs: list[Quantity], k: int) -> bool:
    """Whether qs[k] is part of a calendar date: a year (2020年, 二〇二〇年), a month after a year or
    before 底/份/旬 or a day (8月, 6月底), a day after a month (30日). Not a number of years (3年,
    2000多年) or months (3个月)."""
    q = qs[k]
    if q.qualifier != "exact" or q.value != int(q.value):
        return False
    v = int(q.value)
    if q.unit == "年":
        return 1900 <= v < 2100 and q.num_end - q.num_start == 4
    before = qs[k - 1] if k > 0 else None
    glued = before is not None and not text[before.end:q.start].strip()
    if q.unit == "月":
        if not 1 <= v <= 12:
            return False
        after = qs[k + 1] if k + 1 < len(qs) else None
        return (glued and before.unit == "年" and is_date(text, qs, k - 1)) \
            or text.startswith(_MONTH_DATE_TAIL, q.end) \
            or (after is not None and after.unit in ("日", "号") and not text[q.end:after.start].strip())
    if q.unit in ("日", "号"):
        return 1 <= v <= 31 and glued and before.unit == "月" and is_date(text, qs, k - 1)
    return False


def _respectively(text: str, qs: list[Quantity], i: int, clause_start: int, clause_end: int) -> str | None:
    """"申请材料、办事环节、审批时间分别压减30%、40%、80%": the k-th number after 分别 counts the k-th
    noun of the list before it. Returns that noun plus the verb after 分别, or None."""
    q = qs[i]
    m = None
    for m in _RESP_RE.finditer(text, clause_start, q.start):
        pass
    if m is None:
        return None
    after = []
    k = i
    while k > 0 and qs[k - 1].start >= m.end():
        k -= 1
    while k < len(qs) and qs[k].start < clause_end:
        after.append(k)
        k += 1
    nouns = [x for x in re.split(r"[、和及与]", text[clause_start:m.start()]) if x]
    if len(after) < 2 or len(nouns) != len(after) or i not in after:
        return None
    verb = text[m.end():qs[after[0]].start]
    k = after.index(i)
    noun = nouns[k]
    if "等" in nouns[-1] and k < len(nouns) - 1:
        noun += nouns[-1][nouns[-1].rindex("等") + 1:]  # "人口、法人、电子证照等基础数据": the shared head
    return noun + verb


# plans, targets and forecasts are not outcomes; "到2025年" is a deadline, but not after 年/至 (a span
# of years) nor after a verb of change ("下降到2022年月均579次": the year of the figure)
TARGET_RE = re.compile(r"力争|计划(?!生育|单列)|目标[是为:]|的目标|预[计期]|有望|届时|拟[于将在]|争取|"
                       r"将(?:实现|达到|超过|突破|节约|减少|覆盖)|到(?<![年至降长加升增]到)20\d\d年")
