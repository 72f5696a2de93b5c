"""Step: headings printed twice by a PDF extraction ("前言前言", "(二)宣城市…(二)宣城市…", one
doubled run per extracted line or font run)."""
from __future__ import annotations

import re

from .chars import HAN

Span = tuple[int, int]

_NUM = "一二三四五六七八九十百"
# Where a heading can start: after a sentence end or a line break, after a table of contents
# page number (".318"), after a cover's date ("2023年2月"). Plain on purpose (issue 11): one leading
# character class with look-behinds finds the same matches faster, but bench/stages.py puts the gain
# at ~2.5 % of the per-document time, under the 5 % a speed trick must save.
_BOUNDARY = re.compile(r"[\n。!?;]|\.\d{1,3}(?!\d)|\d{4}年\d{1,2}月")
# Enumerators "(二)" and "二、" (the last one to four numerals before "、"). Plain on purpose (issue
# 11): one leading character class with look-behinds finds the same matches faster, but
# bench/stages.py puts the gain at ~2 % of the per-document time, under the 5 % a speed trick must save.
_ENUM = re.compile(rf"[\((][{_NUM}]{{1,4}}[\))]|[{_NUM}]{{1,4}}、")
# A run printed twice: the shortest run of 2 to 80 characters followed by itself, on one line (the
# second form: of at least 4; the third: after a heading boundary, within one sentence). Plain
# backreference regexes (issue 11): on the seeds they are as fast as a hand-written scan.
_TWICE = re.compile(r"([^\n]{2,80}?)\1")
_TWICE_4 = re.compile(r"([^\n]{4,80}?)\1")
_BOUNDARY_TWICE = re.compile(rf"(?:{_BOUNDARY.pattern})([^\n。]{{2,80}}?)\1")
_SKIP = re.compile(r"[0-9A-Za-z+\-./·&_ ((]{1,12}")
_DIGITS = re.compile(r"\d+")
_HAN_CH = re.compile(f"[{HAN}]")


def _n_han(s: str) -> int:
    return len(_HAN_CH.findall(s))


def _double_len(text: str, q: int, twice: re.Pattern = _TWICE) -> int:
    """Length L of the run that ``twice`` finds doubled at q (text[q:q+L] == text[q+L:q+2L]), else 0."""
    m = twice.match(text, q)
    return len(m.group(1)) if m else 0


def _doubled_at(text: str, q: int) -> int:
    """Length L of the heading run doubled at q (text[q:q+L] == text[q+L:q+2L]), 0 if none.

    The run must hold a Han character, or be a digit run printed twice ("20222022" -> L = 4)."""
    L = _double_len(text, q)
    if not L:
        return 0
    if _HAN_CH.search(text, q, q + L):
        return L
    d = _DIGITS.match(text, q)
    if d:
        run = d.group(0)          # a doubled digit run: halve the whole run (20202020 -> 2020)
        h = len(run) // 2
        if h and len(run) % 2 == 0 and run[:h] == run[h:]:
            return h
    return 0


def _continue(text: str, q: int, dels: list[Span], depth: int = 0) -> int:
    """Collapse the further doubled runs of a heading from q on; returns the new scan position."""
    while depth < 20:
        depth += 1
        L = _doubled_at(text, q)
        p = q
        if not L:
            sk = _SKIP.match(text, q)
            if not sk:
                return q
            for p in range(q + 1, sk.end() + 1):   # the shortest undoubled run before a doubled one
                L = _doubled_at(text, p)
                if L:
                    break
            if not L:
                return q
        if not _HAN_CH.search(text, p, p + L):
            # a doubled digit run only inside a heading: a doubled Han run must follow
            trial: list[Span] = []
            r = _continue(text, p + 2 * L, trial, depth)
            if not trial:
                return q
            dels.append((p + L, p + 2 * L))
            dels.extend(trial)
            return r
        dels.append((p + L, p + 2 * L))
        q = p + 2 * L
    return q


def doubled_heading_spans(text: str) -> list[Span]:
    """Spans of the second copies of headings printed twice.

    Looked for only where a heading can start (text/line start, after a sentence end or a table of
    contents page number, at an enumerator "(二)" / "二、"), never in running prose, so real
    reduplications (层层, 常常) stay. The first doubled run must hold >= 2 Han characters; the
    heading may go on with further doubled runs (one per extracted line or font run), possibly with
    undoubled Latin/digit runs between ("(四)包头市以“(四)包头市以“1+1+N”模式…”模式…").
    At an enumerator the doubled heading may start a few characters on ("二、市场监管类天津市…天津市…").
    """
    dels: list[Span] = []
    done = -1

    def at(p: int, enum: bool) -> None:
        nonlocal done
        if p < done:
            return
        L = _doubled_at(text, p)
        if L and _n_han(text[p:p + L]) >= 2:
            dels.append((p + L, p + 2 * L))
            done = _continue(text, p + 2 * L, dels)
            return
        if enum and text[p] not in "((" and not (p and _HAN_CH.match(text, p - 1)):
            # a category heading "二、市场监管类" may run straight into a doubled case heading
            for s in range(p + 2, min(p + 13, len(text))):
                if text[s] == "\n":
                    return
                L = _double_len(text, s, _TWICE_4)
                if L and _n_han(text[s:s + L]) >= 3:
                    dels.append((s + L, s + 2 * L))
                    done = _continue(text, s + 2 * L, dels)
                    return

    cands = [(0, bool(_ENUM.match(text, 0)))]
    cands += [(m.start(1), False) for m in _BOUNDARY_TWICE.finditer(text)]
    cands += [(m.start(), True) for m in _ENUM.finditer(text)]
    cands.sort()
    for p, enum in cands:
        at(p, enum)
    return dels

