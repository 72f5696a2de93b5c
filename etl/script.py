"""Traditional → Simplified conversion and script detection, with OpenCC."""
from __future__ import annotations

from functools import lru_cache

import opencc


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert Traditional Chinese to Simplified (OpenCC t2s, phrase-aware)."""
    return _t2s().convert(text)


def detect_script(text: str, sample: int = 20000) -> str:
    """'traditional' when a noticeable share of the Han characters change under t2s, else 'simplified'.

    Simplified text still has a few characters OpenCC rewrites (variants), so the threshold is a share,
    not "any change".
    """
    head = text[:sample]
    han = [ch for ch in head if "\u4e00" <= ch <= "\u9fff"]
    if not han:
        return "simplified"
    converted = to_simplified("".join(han))
    changed = sum(1 for a, b in zip(han, converted) if a != b)
    return "traditional" if changed / len(han) > 0.03 else "simplified"
