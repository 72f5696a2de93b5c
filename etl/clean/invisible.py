"""Step: invisible characters (BOM, zero-width characters) and the CR of each CRLF."""
from __future__ import annotations

import re

Span = tuple[int, int]
_CHARS = "\ufeff\u200b\u200c\u200d\u2060"
_INVISIBLE = re.compile(f"[{_CHARS}]|\r(?=\n)")


def invisible_spans(text: str) -> list[Span]:
    # most texts hold none: a substring test per character is far cheaper than a regex scan
    if "\r" not in text and not any(ch in text for ch in _CHARS):
        return []
    return [m.span() for m in _INVISIBLE.finditer(text)]
