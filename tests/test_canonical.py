"""Canonical keys and cross-document case linking (etl.canonical), on real titles of the sources."""
from __future__ import annotations

import pytest

from etl.canonical import canonical_key, dice, link_cases, norm_title, province_of, same_case


@pytest.mark.parametrize("title,short,key", [
    ("天津市数字社会综合应用平台“津心办”", "津心办", "s:津心办"),
    ("天津数字社会综合应用平台“津心办”", None, "t:天津数字社会综合应用平台津心办"),
    ("天津市数字社会综合应用平台“津心办”", None, "t:天津数字社会综合应用平台津心办"),
    ("苏州工业园区“数园区·疫情防控一体化”信息平台", None, "t:苏州工业园区数园区疫情防控一体化信息平台"),
    ("蘇州工業園區“數園區疫情防控一體化”信息平台", None, "t:苏州工业园区数园区疫情防控一体化信息平台"),
    ("苏州工业园区“数园区·疫情防控一体化”信息平台", "数园区?疫防控", "s:数园区疫防控"),
    ("天津市“互联网+监管”系统应用案例", None, "t:天津互联网+监管系统"),
    ("智慧株洲·诸事达APP", "智慧株洲·诸事达", "s:智慧株洲诸事达"),
])
def test_canonical_key(title, short, key):
    assert canonical_key(title, short) == key


# (a, b, same?) with sources 1 and 2 and the short names the segmenters give
P = [
    # the Tianjin app in the award list / the award article / the compendium
    (("天津数字社会综合应用平台“津心办”", "津心办"), ("天津市数字社会综合应用平台“津心办”", "津心办"), True),
    (("天津数字社会综合应用平台“津心办”", "津心办"), ("天津市数字社会综合应用平台“津心办”", None), True),
    (("天津数字社会综合应用平台“津心办”", None), ("天津市数字社会综合应用平台“津心办”", None), True),
    # the 社会管理类 cases retold in the article (002) and listed in the compendium (001)
    (("苏州工业园区“数园区·疫情防控一体化”信息平台", "数园区·疫防控"), ("苏州工业园区“数园区疫情防控一体化”信息平台", None), True),
    (("汕尾市社会治理民情地图解决方案", "民情地图"), ("汕尾市社会治理民情地图解决方案", None), True),
    (("淄博市博山区“智防山洪”信息化预报预警建设", None), ("淄博市博山区“智防山洪”信息化预报预警建设", None), True),
    # negatives: same province, same applicant, shared words
    (("天津“城市大脑”", None), ("天津市“互联网+监管”系统应用案例", None), False),
    (("天津“健康码”系统", None), ("天津数字社会综合应用平台“津心办”", "津心办"), False),
    (("“津治通”全市一体化社会治理信息化平台", "津治通"), ("天津数字社会综合应用平台“津心办”", "津心办"), False),
    (("天津“城市大脑”", None), ("亳州市“城市大脑”助力打造“智慧药都,数字亳州”", None), False),
    (("“城市大脑”“穗智管”让城市治理更智慧", "穗智管"), ("聊城市智慧聊城“城市大脑”", None), False),
    (("广东省“粤省事”移动政务服务平台", "粤省事"), ("广东省粤商通涉企移动政务服务平台", None), False),
    (("广东省", None), ("广东省数据资源一网共享平台", None), False),
    (("日照市打造智慧城管助力精致城市管理", None), ("日照市城市大脑数据中台赋能城市数据治理与动态监管", None), False),
    (("苏州工业园区“数园区·疫情防控一体化”信息平台", "数园区·疫防控"), ("苏州工业园区“数园区智能中枢”", None), False),
    (("淄博市博山区“智防山洪”信息化预报预警建设", None), ("淄博市博山区创新打造“1+N打包式”社会救助服务模式", None), False),
]


@pytest.mark.parametrize("a,b,same", P)
def test_same_case_pairs(a, b, same):
    ca = {"title": a[0], "short_name": a[1], "source_id": "s1"}
    cb = {"title": b[0], "short_name": b[1], "source_id": "s2"}
    assert same_case(ca, cb) is same
    assert same_case(cb, ca) is same


def test_same_source_never_links():
    a = {"title": "天津市数字社会综合应用平台“津心办”", "short_name": "津心办", "source_id": "001"}
    assert not same_case(a, dict(a))


def test_conflicting_provinces_never_link():
    a = {"title": "城市运行管理平台", "short_name": None, "source_id": "x", "province": "江苏省"}
    b = {"title": "城市运行管理平台", "short_name": None, "source_id": "y", "province": "浙江省"}
    assert not same_case(a, b)
    b["province"] = None
    assert same_case(a, b)


def test_link_cases_groups_across_documents():
    cases = [
        {"source_id": "000", "title": "天津数字社会综合应用平台“津心办”", "short_name": "津心办"},
        {"source_id": "000", "title": "“城市大脑”“穗智管”让城市治理更智慧", "short_name": "穗智管"},
        {"source_id": "001", "title": "天津市数字社会综合应用平台“津心办”", "short_name": None},
        {"source_id": "001", "title": "天津市“互联网+监管”系统应用案例", "short_name": None},
        {"source_id": "001", "title": "汕尾市社会治理民情地图解决方案", "short_name": None},
        {"source_id": "002", "title": "汕尾市社会治理民情地图解决方案", "short_name": "民情地图"},
        {"source_id": "003", "title": "天津数字社会综合应用平台“津心办”", "short_name": "津心办"},
        {"source_id": "003", "title": "天津“城市大脑”", "short_name": None},
        {"source_id": "004", "title": "天津市", "short_name": None},
    ]
    ids = link_cases(cases)
    assert ids[0] == ids[2] == ids[6]
    assert ids[4] == ids[5]
    assert len({ids[0], ids[1], ids[3], ids[4], ids[7], ids[8]}) == 6
    assert all(i.startswith("cc_") for i in ids)
    assert link_cases(cases) == ids                          # stable
    assert link_cases(list(reversed(cases))) == list(reversed(ids))   # order-independent ids


def test_link_never_merges_two_cases_of_one_source():
    # b links to a and to c, but a and c are distinct cases of one source
    cases = [
        {"source_id": "001", "title": "某市数字社会综合应用平台", "short_name": None},
        {"source_id": "002", "title": "某市数字社会综合应用平台", "short_name": None},
        {"source_id": "001", "title": "某市数字社会综合应用平台案例", "short_name": None},
    ]
    ids = link_cases(cases)
    assert ids[0] != ids[2] and ids[1] in (ids[0], ids[2])
    assert len(set(ids)) == 2


def test_helpers():
    assert norm_title("天津市“互联网+监管”系统应用案例") == "天津互联网+监管系统"
    assert province_of("广东省“粤省事”移动政务服务平台") == "广东省"
    assert province_of("天津数字社会综合应用平台") == "天津市"
    assert province_of("苏州工业园区“数园区智能中枢”") is None
    assert dice("天津城市大脑", "天津城市大脑") == 1.0 and dice("", "x") == 0.0


def test_link_cases_on_the_five_documents():
    """End to end: segment every source, link, and check the groups a reader would make."""
    import importlib.util
    if not importlib.util.find_spec("etl.segment.compendium"):
        pytest.skip("compendium adapter not available")
    from test_segment import FILES, doc

    cases = []
    for key in FILES:
        for c in doc(key).cases:
            cases.append({"source_id": key, "title": c.title, "short_name": c.short_name})
    ids = link_cases(cases)
    groups: dict[str, list[tuple[str, str]]] = {}
    for c, i in zip(cases, ids):
        groups.setdefault(i, []).append((c["source_id"], c["title"]))
    multi = sorted(sorted(g) for g in groups.values() if len(g) > 1)
    # 津心办 in the award list, the compendium and the Tianjin article; the six 社会管理类 cases of 002
    # in the compendium; nothing else
    assert len(multi) == 7
    jxb = [g for g in multi if len(g) == 3]
    assert len(jxb) == 1 and [s for s, _ in jxb[0]] == ["000", "001", "003"]
    assert all([s for s, _ in g] == ["001", "002"] for g in multi if g not in jxb)


def _all_pairs(reps):
    """The reference the blocked candidates must equal on every input: every pair _same accepts."""
    from etl.canonical import _same
    return [(i, j) for i in range(len(reps)) for j in range(i + 1, len(reps)) if _same(reps[i], reps[j])]


def _mutated_titles(seed: int, n: int) -> list[tuple[str, str | None, str | None]]:
    """Titles of the five documents, cut, extended, re-placed and nick-named at random."""
    import random

    from test_segment import FILES, doc

    base = [(c.title, c.short_name) for key in FILES for c in doc(key).cases]
    rnd = random.Random(seed)
    provs = [None, None, "天津市", "广东省", "江苏省"]
    out = []
    for _ in range(n):
        title, short = rnd.choice(base)
        r = rnd.random()
        if r < 0.2 and len(title) > 8:
            a = rnd.randrange(0, 4)
            title = title[a:len(title) - rnd.randrange(0, 4)]          # a contained title
        elif r < 0.35:
            title = rnd.choice(["天津市", "广东省", "苏州", ""]) + title + rnd.choice(["", "案例", "平台", "建设"])
        elif r < 0.45:
            i = rnd.randrange(len(title) + 1)
            title = title[:i] + rnd.choice("数据智慧城市平台一网通办") + title[i:]   # a near duplicate
        elif r < 0.5:
            title = rnd.choice(base)[0][: rnd.randrange(1, 5)]                    # very short titles
        if rnd.random() < 0.15:
            short = rnd.choice([s for _, s in base if s] + [None])
        out.append((title, short, rnd.choice(provs)))
    return out


@pytest.mark.parametrize("seed", range(6))
def test_candidate_pairs_hold_every_pair_the_rule_accepts(seed):
    from etl.canonical import _features, candidate_pairs

    reps = [_features(t, s or "", p or "") for t, s, p in dict.fromkeys(_mutated_titles(seed, 300))]
    found = set(candidate_pairs(reps))
    missing = [pair for pair in _all_pairs(reps) if pair not in found]
    assert not missing
    assert len(found) < len(reps) * (len(reps) - 1) // 8       # blocking, not all pairs


def test_link_cases_equals_the_all_pairs_linking():
    import random

    import etl.canonical as canon

    cases = [{"source_id": random.Random(k).choice("abcd"), "title": t, "short_name": s, "province": p}
             for k, (t, s, p) in enumerate(_mutated_titles(99, 400))]
    blocked = link_cases(cases)
    orig = canon.candidate_pairs
    try:
        canon.candidate_pairs = lambda reps: [(i, j) for i in range(len(reps)) for j in range(i + 1, len(reps))]
        assert link_cases(cases) == blocked
    finally:
        canon.candidate_pairs = orig
