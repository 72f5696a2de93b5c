"""The place a one-case text is about, and the scope of a case (national, province, city).

A web article names many places: the publisher's (重庆日报, 湖北日报讯), the story's, partners and
examples. ``geo.places.resolve`` lets the first mention decide, which suits a compendium's case
heading but not an article whose first place may be its publisher. Here every mention votes, a
headline's mention three times a body's, and a mention that is part of a media name (a place right
before 日报, 晚报, 电视台, 网, 频道 …) does not vote at all.

A national document (国家数据局, 国务院办公厅, 全国…, 各省（区、市）) is about no province: its scope is
``全国`` and its province stays NULL, so it is counted on the national view and not on Beijing's.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from etl.schema import SCOPES
from geo import places

NATIONAL, PROVINCE, CITY = SCOPES          # values of cases.scope (documented in etl.schema)

TITLE_WEIGHT = 3

# A place name followed by one of these is a media outlet's name, not the story's place.
_MEDIA_AFTER = re.compile(
    r"(?:日报|晚报|早报|商报|都市报|法治报|新闻|电视台|广播电视台|广播电台|广电|卫视|之声|频道|在线|发布|融媒|"
    r"报业|传媒|客户端|手机报|网(?![上站络格点约购店红民])|新闻网|日报网)")

# National bodies and nationwide wording.
_MINISTRY = (r"(?:工业和信息化|公安|民政|财政|人力资源和社会保障|自然资源|生态环境|住房和城乡建设|交通运输|水利|"
             r"农业农村|商务|文化和旅游|应急管理|教育|科学技术|科技|司法|外交|退役军人事务)部")
_NATIONAL = re.compile(
    rf"全国|国务院|中共中央|党中央|中央网信办|中央政府|中华人民共和国|国家(?!级)[\u4e00-\u9fff]{{0,10}}?"
    rf"(?:局|委员会|委|部|署|院|中心|办公室|平台)|{_MINISTRY}|各省(?:（区、市）|\(区、市\)|、自治区、直辖市|份|区市)?"
    r"|\d{2}个省(?:份|区市|\(区、市\)|（区、市）)|各地区各部门")


def _votes(text: str, weight: int, votes: Counter, cities: dict, first: dict, order: int) -> int:
    """Add the unambiguous, non-media place mentions of ``text`` to the tallies."""
    for m in places.resolve_all(text):
        if _MEDIA_AFTER.match(text, m["end"]):
            continue
        provs = {p["province_code"] for p in m["places"]}
        if len(provs) != 1 or None in provs:
            continue
        code = provs.pop()
        votes[code] += weight
        first.setdefault(code, order)
        order += 1
        city_codes = {p["city_code"] for p in m["places"] if p.get("city_code")}
        if len(city_codes) == 1:
            cities[code][city_codes.pop()] += weight
    return order


def is_national(title: str, body: str = "") -> bool:
    """Whether a text is about the whole country: its headline names a national body or speaks of
    the whole country and no place, and no single province dominates its body."""
    if not _NATIONAL.search(title or ""):
        lead = (body or "")[:400]
        if len(_NATIONAL.findall(lead)) < 2:
            return False
    if any(not _MEDIA_AFTER.match(title, m["end"]) for m in places.resolve_all(title or "")):
        return False
    votes: Counter = Counter()
    _votes(body or "", 1, votes, defaultdict(Counter), {}, 0)
    if not votes:
        return True
    top = votes.most_common(1)[0][1]
    return not (top >= 3 and top >= 0.7 * sum(votes.values()))


def place_about(title: str, body: str) -> dict:
    """Province and city a one-case text is about, by weighted votes (see the module docstring).

    Returns the fields of ``cases``: province, province_code, city, city_code, place_note, scope.
    """
    out = {"province": None, "province_code": None, "city": None, "city_code": None,
           "place_note": None, "scope": None}
    if is_national(title, body):
        out["scope"] = NATIONAL
        return out
    votes: Counter = Counter()
    cities: dict = defaultdict(Counter)
    first: dict = {}
    order = _votes(title or "", TITLE_WEIGHT, votes, cities, first, 0)
    title_votes = Counter(votes)
    title_cities = {k: Counter(v) for k, v in cities.items()}
    _votes(body or "", 1, votes, cities, first, order)
    if not votes:
        return out
    ranked = sorted(votes, key=lambda c: (-votes[c], first[c]))
    code = ranked[0]
    total = sum(votes.values())
    if not title_votes and (votes[code] * 2 <= total or (votes[code] < 2 and len(votes) > 1)):
        out["place_note"] = "未能确定，候选：" + "、".join(places.place_dict(c)["name"] for c in ranked[:8])
        return out
    prov = places.place_dict(code)
    out.update(province=prov["name"], province_code=code, scope=PROVINCE)
    city = _city(code, title_votes, title_cities, cities)
    if city:
        c = places.place_dict(city)
        out.update(city=c["name"], city_code=city, scope=CITY)
    others = [places.place_dict(c)["name"] for c in ranked[1:8]]
    if others:
        out["place_note"] = "文中另提及：" + "、".join(others)
    return out


def _city(code: str, title_votes: Counter, title_cities: dict, cities: dict) -> str | None:
    """The city of the chosen province: the headline's city; when the headline names the province
    only, none (a province-level story); when it names no place, a city that most of the body's
    city mentions in that province agree on."""
    if title_votes.get(code):
        named = title_cities.get(code)
        return named.most_common(1)[0][0] if named else None
    tally = cities.get(code)
    if not tally:
        return None
    city, n = tally.most_common(1)[0]
    return city if n >= 2 and n * 10 >= 6 * sum(tally.values()) else None


def scope_of(province: str | None, city: str | None, title: str = "") -> str | None:
    """Scope of a case placed by another rule: its level, or 全国 for a headline about the whole
    country that names no place."""
    if city:
        return CITY
    if province:
        return PROVINCE
    if title and _NATIONAL.search(title) and not places.resolve_all(title):
        return NATIONAL
    return None
