"""Data words in the reader's language: the one way the pages turn a stored value (a domain, an award,
a tier, an evaluator, a province or city name) into what an English reader sees.

The warehouse stores these words in Chinese, as the sources write them. Each vocabulary has one table,
kept beside the code that makes the word: domains in etl/taxonomy.py, awards and sources' groupings in
etl/dims.py, tiers, evaluators and evaluations in etl/tiers.py, provinces and cities in the geo assets
(`name_en`, geo/build.py). A word no table knows is shown as written. Document and case titles, quotes
and body text are the documents' own words and never pass through here.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from dashboard import format as fmt
from etl import dims, taxonomy, tiers


def _word(value, lang: str, english) -> str:
    """`value` as a reader reads it: "—" when missing, its English in English mode when known."""
    if fmt.is_missing(value):
        return fmt.DASH
    text = str(value)
    return (english(text) or text) if lang == "en" else text


def domain(value, lang: str = "zh") -> str:
    return _word(value, lang, taxonomy.DOMAINS_EN.get)


def award(value, lang: str = "zh") -> str:
    """An award or tier (卓越示范案例, 省级第一梯队); several joined by 、 (as a query may list them) each."""
    if not fmt.is_missing(value) and "、" in str(value):
        return join([award(v, lang) for v in str(value).split("、")], lang)
    return _word(value, lang, dims.award_en)


def category(value, lang: str = "zh") -> str:
    """A source's grouping of a case (社会管理类, 卓越示范案例, 省级第一梯队)."""
    if not fmt.is_missing(value) and "、" in str(value):
        return join([category(v, lang) for v in str(value).split("、")], lang)
    return _word(value, lang, dims.category_en)


def tier(value, lang: str = "zh") -> str:
    return _word(value, lang, tiers.tier_en)


def evaluator(value, lang: str = "zh") -> str:
    return _word(value, lang, tiers.evaluator_en)


def evaluation(value, lang: str = "zh") -> str:
    return _word(value, lang, tiers.evaluation_en)


# Column (or grouping) name → the function that reads its values.
WORDS = {"domain": domain, "award": award, "category": category, "tier": tier, "evaluator": evaluator,
         "evaluation": evaluation}


def word(kind: str, value, lang: str = "zh") -> str:
    """`value` of vocabulary `kind` (a key of WORDS) in the reader's language."""
    return WORDS[kind](value, lang)


# ---------------------------------------------------------------- places


@lru_cache(maxsize=4)
def _places(geo_key: tuple) -> dict[str, str]:
    """Code and Chinese name (full and short) → English name, from the geo assets."""
    from dashboard import maps

    try:
        geo = maps.load_geo()
    except maps.GeoMissing:
        return {}
    out: dict[str, str] = {}
    props = geo["props"]
    cities = geo.get("cities")
    frames = [(props, ("code", "name", "short_name"))]
    if cities is not None and "name_en" in cities:
        frames.append((cities, ("code", "name")))
    for df, keys in frames:
        for r in df.to_dict("records"):
            en = r.get("name_en")
            if fmt.is_missing(en):
                continue
            for k in keys:
                if not fmt.is_missing(r.get(k)):
                    out.setdefault(str(r[k]), str(en))
    return out


def place_names() -> dict[str, str]:
    """Province and city codes and Chinese names → their English names (empty without geo assets)."""
    from dashboard import maps

    d = maps.geo_dir()
    return _places((str(d), *(maps._stamp(d / f) for f in ("provinces.geojson", "cities.csv"))))


def place(name, code=None, lang: str = "zh") -> str:
    """A province or city in the reader's language, by its code when known, else by its name."""
    if fmt.is_missing(name) and fmt.is_missing(code):
        return fmt.DASH
    if lang != "en":
        return fmt.DASH if fmt.is_missing(name) else str(name)
    names = place_names()
    for key in (code, name):
        if not fmt.is_missing(key) and str(key) in names:
            return names[str(key)]
    return fmt.DASH if fmt.is_missing(name) else str(name)


def place_line(province, province_code, city, city_code, lang: str = "zh") -> str:
    """Where a case is: 山东省 淄博市 / Zibo, Shandong ("" when nowhere)."""
    parts = [place(n, c, lang) for n, c in ((province, province_code), (city, city_code)) if not fmt.is_missing(n)]
    return ", ".join(reversed(parts)) if lang == "en" else " ".join(parts)


def places(names, codes=None, lang: str = "zh") -> list[str]:
    codes = [None] * len(names) if codes is None else list(codes)
    return [place(n, c, lang) for n, c in zip(list(names), codes)]


# ---------------------------------------------------------------- joining words


def join(items, lang: str = "zh") -> str:
    """Words in a run: 北京、上海 / Beijing, Shanghai."""
    return ("、" if lang != "en" else ", ").join(str(x) for x in items)


def paren(text, lang: str = "zh") -> str:
    """A remark after a word: 第一梯队(2019) / First tier (2019)."""
    return f"({text})" if lang != "en" else f" ({text})"


def translate_column(df: pd.DataFrame, col: str, kind: str, lang: str) -> pd.DataFrame:
    """`df` with column `col` (vocabulary `kind`) in the reader's language."""
    if col not in df.columns:
        return df
    return df.assign(**{col: [word(kind, v, lang) for v in df[col]]})
