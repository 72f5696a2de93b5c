"""Step: pinyin readings glued into words (數(shù)字 → 數字, 時(shí)間(jiān) → 時間, 理(lǐ) → 理).

Some sites print a reading after characters; it is never document text."""
from __future__ import annotations

import re

from .chars import HAN

Span = tuple[int, int]

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PY_LETTER = "a-zü" + _TONED
# toneless readings accepted only for the neutral-tone syllables (particles, suffixes)
_NEUTRAL = {"de", "le", "ma", "me", "ne", "ba", "zi", "men", "ge", "zhe", "la", "ya", "wa", "na",
            "li", "tou", "shang", "xia", "lai", "qu", "a", "o"}
_PY = "[" + _PY_LETTER + "]"
# Plain on purpose (issue 11): the "(" first, with the look-behind after it, matches the same spans
# faster, but bench/stages.py puts the gain at ~3 % of the per-document time, under the 5 % a
# speed trick must save.
_PINYIN = re.compile(
    rf"(?<=[{HAN}])[\((][ ]?"                                 # "(" right after a Han character
    rf"(?:{_PY}*[{_TONED}]{_PY}*(?: {_PY}{{1,7}}){{0,3}}"       # a reading with a tone mark ...
    rf"|(?:{'|'.join(sorted(_NEUTRAL, key=len, reverse=True))}))"   # ... or a neutral syllable
    rf"[ ]?[\))]")


def pinyin_spans(text: str) -> list[Span]:
    """Spans of parenthesised pinyin readings right after a Han character.

    A reading is lowercase Latin letters (ü and tone-marked vowels included) with at least one tone
    mark, or one of the few toneless neutral syllables ("(de)"). Real parentheses are left alone:
    Chinese (市(州)), numbers ((2018-2020年)), enumerators ((一)), upper-case abbreviations ((APP)).
    """
    return [m.span() for m in _PINYIN.finditer(text)]

