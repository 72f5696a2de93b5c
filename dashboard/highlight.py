"""Outcomes highlighted in their text. Document text is HTML-escaped BEFORE any <mark> is added:
the text is split at the highlight, each piece escaped, and only then joined with the tags."""
from __future__ import annotations

import html
import re

_TRAD = str.maketrans({"萬": "万", "億": "亿", "點": "点", "兩": "两", "餘": "余", "個": "个", "項": "项",
                       "條": "条", "戶": "户", "萬": "万", "，": ",", "．": "."})
_NOISE = re.compile(r"\s+")


def _norm(s: str) -> str:
    return _NOISE.sub("", s.translate(_TRAD))


def find_number(text: str, number: str) -> tuple[int, int] | None:
    """Span of `number` (as it stands in the raw file) inside `text`, tolerant of spaces and
    Traditional characters; None when it cannot be found."""
    if not number:
        return None
    i = text.find(number)
    if i >= 0:
        return i, i + len(number)
    target = _norm(number)
    if not target:
        return None
    # map normalised positions back to the original text
    kept = [(j, c) for j, c in enumerate(text.translate(_TRAD)) if not c.isspace()]
    flat = "".join(c for _, c in kept)
    k = flat.find(target)
    if k < 0:
        # the raw span may hold extraction noise: try its leading digits with the unit
        m = re.match(r"[\d.,]+[万亿千]?", target)
        if not m:
            return None
        k = flat.find(m.group(0))
        if k < 0:
            return None
        target = m.group(0)
    return kept[k][0], kept[k + len(target) - 1][0] + 1


def mark(text: str, span: tuple[int, int] | None, css_class: str = "") -> str:
    """HTML of `text` with text[span] wrapped in <mark>; every piece escaped first."""
    if not span:
        return html.escape(text)
    a, b = span
    cls = f' class="{html.escape(css_class)}"' if css_class else ""
    return f"{html.escape(text[:a])}<mark{cls}>{html.escape(text[a:b])}</mark>{html.escape(text[b:])}"


def raw_context(raw: str, start: int, end: int, width: int = 60) -> str:
    """HTML of raw[start-width:end+width] with raw[start:end] marked (exact offsets), ellipses at cuts."""
    a, b = max(0, start - width), min(len(raw), end + width)
    body = mark(raw[a:b], (start - a, end - a))
    return ("…" if a > 0 else "") + body + ("…" if b < len(raw) else "")
