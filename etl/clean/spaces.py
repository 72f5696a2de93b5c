"""Steps: stray blanks (next to Chinese, around digits) and blank-line runs."""
from __future__ import annotations

import re

from .chars import HAN, SP

Span = tuple[int, int]

_SPACE_RUN = re.compile(f"[{SP}]+")
_BLANKS = re.compile(rf"\n(?:[{SP}]*\n)+")
_HAN_CH = re.compile(f"[{HAN}]")
# Chinese text around a blank: Han characters, CJK and full-width punctuation, curly quotes, dashes
_CJK_CH = re.compile(f"[{HAN}\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026\u00b7]")


def space_spans(text: str) -> list[Span]:
    """Blanks between a Chinese character or punctuation and a Latin letter / digit / punctuation
    (数据量达 648.39 亿条, 2022 年, 金山区 AI), between a number and its % sign, and at line ends.
    Blanks between Latin words / numbers stay, and so do blanks between two Han characters (a real
    separator as often as not: “守信快办 失信制约”).

    The neighbours are tested with regexes built from ``chars.HAN`` (issue 11): sets of every Han
    character saved ~0.4 ms of ~40 ms per seed round in bench/stages.py, under the 5 % a speed
    trick must save."""
    out = []
    n = len(text)
    for m in _SPACE_RUN.finditer(text):
        s, e = m.span()
        if s == 0 or e == n:
            out.append((s, e))
            continue
        a, b = text[s - 1], text[e]
        if a == "\n" or b == "\n":
            out.append((s, e))
        elif _CJK_CH.match(a) or _CJK_CH.match(b):
            if not (_HAN_CH.match(a) and _HAN_CH.match(b)):
                out.append((s, e))
        elif b in "%‰℃" and a.isdigit():
            out.append((s, e))
    return out


def blank_line_spans(text: str) -> list[Span]:
    """Runs of blank lines collapsed to one line break; leading/trailing whitespace removed."""
    out = [(m.start() + 1, m.end()) for m in _BLANKS.finditer(text)]
    lead = len(text) - len(text.lstrip())
    trail = len(text.rstrip())
    if lead:
        out.append((0, lead))
    if trail < len(text) and lead < len(text):
        out.append((trail, len(text)))
    return out
