"""Traditional → Simplified conversion and script detection, with OpenCC."""
from __future__ import annotations

import re
from functools import lru_cache

_HAN = re.compile(r"[\u4e00-\u9fff]+")


@lru_cache(maxsize=1)
def _t2s():
    import opencc   # imported on first use: a build that converts nothing does not load its dictionaries

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert Traditional Chinese to Simplified (OpenCC t2s, phrase-aware)."""
    return _t2s().convert(text)


def detect_script(text: str, sample: int = 6000) -> str:
    """'traditional' when a noticeable share of the Han characters change under t2s, else 'simplified'.

    Simplified text still has a few characters OpenCC rewrites (variants), so the threshold is a share,
    not "any change".
    """
    han = "".join(_HAN.findall(text, 0, sample))
    if not han:
        return "simplified"
    converted = to_simplified(han)
    if len(converted) != len(han):  # a phrase conversion changed the length: compare as sets of positions
        changed = sum(1 for ch in han if to_simplified(ch) != ch)
    else:
        changed = sum(a != b for a, b in zip(han, converted))
    return "traditional" if changed / len(han) > 0.03 else "simplified"
