"""Steps: stray blanks (next to Chinese, around digits) and blank-line runs."""
from __future__ import annotations

import re

from .chars import SP

Span = tuple[int, int]

_SPACE_RUN = re.compile(f"[{SP}]+")
_BLANKS = re.compile(rf"\n(?:[{SP}]*\n)+")
# The neighbours of a blank, as sets (a set look-up per blank run is what makes this step cheap).
_HAN_SET = frozenset(chr(c) for a, b in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
                     for c in range(a, b + 1))
_CJK_SET = _HAN_SET | frozenset(chr(c) for a, b in ((0x3000, 0x303F), (0xFF00, 0xFFEF)) for c in range(a, b + 1)) \
    | frozenset("\u2018\u2019\u201c\u201d\u2014\u2026\u00b7")


def space_spans(text: str) -> list[Span]:
    """Blanks between a Chinese character or punctuation and a Latin letter / digit / punctuation
    (数据量达 648.39 亿条, 2022 年, 金山区 AI), between a number and its % sign, and at line ends.
    Blanks between Latin words / numbers stay, and so do blanks between two Han characters (a real
    separator as often as not: “守信快办 失信制约”)."""
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
        elif a in _CJK_SET or b in _CJK_SET:
            if not (a in _HAN_SET and b in _HAN_SET):
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
