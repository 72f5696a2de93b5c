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
_SKIP = re.compile(r"[0-9A-Za-z+\-./·&_ ((]{1,12}")
_DIGITS = re.compile(r"\d+")
_HAN_CH = re.compile(f"[{HAN}]")


def _n_han(s: str) -> int:
    return len(_HAN_CH.findall(s))


def _double_len(text: str, q: int, min_len: int = 2, max_len: int = 80, stop_at_period: bool = False) -> int:
    """Smallest L in [min_len, max_len] with text[q:q+L] == text[q+L:q+2L] (no line break, nor a
    "。" when ``stop_at_period``), else 0.

    Only the places where the run's first two characters come back can start a copy: str.find
    jumps to them instead of comparing every length."""
    head = text[q:q + 2]
    if len(head) < 2 or "\n" in head:
        return 0
    lim = text.find("\n", q, q + 2 * max_len)
    lim = q + 2 * max_len if lim < 0 else lim
    if stop_at_period:
        dot = text.find("。", q, lim)
        lim = lim if dot < 0 else dot
    j = text.find(head, q + min_len, lim)
    while j >= 0:
        L = j - q
        if j + L > lim:
            return 0
        if text.startswith(text[q:j], j):
            return L
        j = text.find(head, j + 1, lim)
    return 0


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


def boundary_double_starts(text: str) -> list[int]:
    """Where a run printed twice starts right after a boundary: the starts of the group of
    ``([^\n。]{2,80}?)\1`` after each ``_BOUNDARY``, in order and without overlap (as finditer would
    give them), the shortest doubling at each."""
    out: list[int] = []
    done = 0
    for m in _BOUNDARY.finditer(text):
        if m.start() < done:
            continue
        g = m.end()
        L = _double_len(text, g, stop_at_period=True)
        if L:
            out.append(g)
            done = g + 2 * L
    return out


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
                L = _double_len(text, s, 4)
                if L and _n_han(text[s:s + L]) >= 3:
                    dels.append((s + L, s + 2 * L))
                    done = _continue(text, s + 2 * L, dels)
                    return

    cands = [(0, bool(_ENUM.match(text, 0)))]
    cands += [(q, False) for q in boundary_double_starts(text)]
    cands += [(m.start(), True) for m in _ENUM.finditer(text)]
    cands.sort()
    for p, enum in cands:
        at(p, enum)
    return dels

