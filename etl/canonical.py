"""Canonical keys and cross-document linking of cases.

The same real-world case (the Tianjin app “津心办”, the 社会管理类 cases of the CAICT compendium
retold in an article …) appears in several sources under slightly different titles:
    天津市数字社会综合应用平台“津心办”   (compendium)
    天津数字社会综合应用平台“津心办”     (award list, award article)
    苏州工业园区“数园区疫情防控一体化”信息平台 / 苏州工业园区“数园区·疫情防控一体化”信息平台

``canonical_key(title, short_name)`` is a normalised key: ``s:<nickname>`` when the case has a
platform nickname, else ``t:<normalised title>`` (Simplified; quotes, punctuation, spaces and middle
dots removed; full province names reduced to their short form, 天津市 → 天津; a trailing 案例 dropped).

``link_cases(cases)`` assigns canonical ids. Two cases are the same real-world case when
  0. they come from different sources (a source never lists one case twice), and
  1. their nicknames do not conflict (both given and different ⇒ never the same), and
  2. their provinces do not conflict (both known and different ⇒ never the same), and one of:
     a. equal nicknames;
     b. equal normalised titles;
     c. one's nickname appears in the other's title as a quoted name (“津心办”);
     d. one normalised title contains the other and the shorter one still has ≥ 6 characters once
        province names are removed (so a bare "广东省" profile never swallows "广东省…平台");
     e. character-bigram Dice similarity of the normalised titles ≥ 0.8, with the same known province.
Links are transitive (union-find). Ids are ``cc_`` + the first 10 hex digits of the SHA-1 of the
smallest canonical key of the group: stable across rebuilds of the same input.
"""
from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass

from etl.script import to_simplified
from geo import PROVINCES_CSV

def _read_provinces() -> list[str]:
    """The 34 provincial-level divisions' full names, from the geography assets (one list for the project)."""
    with PROVINCES_CSV.open(encoding="utf-8", newline="") as fh:
        return [row["name"] for row in csv.DictReader(fh)]


PROVINCES = _read_provinces()


def strip_admin_suffix(full: str) -> str:
    """广西壮族自治区 → 广西, 天津市 → 天津, 厦门市 → 厦门: the name without its administrative suffix."""
    for suf in ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "特别行政区", "省", "市"):
        if full.endswith(suf):
            return full[: -len(suf)]
    return full


_short = strip_admin_suffix
_SHORTS = {_short(p): p for p in PROVINCES}
_FULL_RE = re.compile("|".join(sorted(map(re.escape, PROVINCES), key=len, reverse=True)))
_SHORT_RE = re.compile("|".join(sorted(map(re.escape, _SHORTS), key=len, reverse=True)))
SIMILARITY = 0.8
MIN_CONTAINED = 6


_LOST_DOT_RE = re.compile(r"(?<=[\u4e00-\u9fff])[?？](?=[\u4e00-\u9fff])")
_NOT_KEY_CHAR_RE = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9+]")
_CASE_SUFFIX_RE = re.compile(r"(?:应用)?案例$")
_QUOTED_RE = re.compile(r"[“\"「『]([^”\"」』]{2,12})[”\"」』]")


def _strip(s: str) -> str:
    s = to_simplified(s or "")
    s = _LOST_DOT_RE.sub("", s)   # lost middle dot
    s = _NOT_KEY_CHAR_RE.sub("", s)
    return s.upper()


def norm_title(title: str) -> str:
    s = _strip(title)
    s = _FULL_RE.sub(lambda m: _short(m.group(0)), s)
    s = _CASE_SUFFIX_RE.sub("", s) or s
    return s


def norm_short(short_name: str | None) -> str:
    return _strip(short_name or "")


def canonical_key(title: str, short_name: str | None) -> str:
    ns = norm_short(short_name)
    return f"s:{ns}" if ns else f"t:{norm_title(title)}"


def province_of(title: str) -> str | None:
    """The province a title names (full or short name), when exactly one."""
    s = to_simplified(title or "")
    found = {m.group(0) for m in _FULL_RE.finditer(s)} | {_SHORTS[m.group(0)] for m in _SHORT_RE.finditer(s)}
    return found.pop() if len(found) == 1 else None


def _bigrams(s: str) -> list[str]:
    return [s[i:i + 2] for i in range(len(s) - 1)] or ([s] if s else [])


def dice(a: str, b: str) -> float:
    """Character-bigram Dice similarity (multiset)."""
    return _dice(tuple(_bigrams(a)), tuple(_bigrams(b)))


def _quoted(title: str) -> set[str]:
    return {_strip(q) for q in _QUOTED_RE.findall(to_simplified(title or ""))}


@dataclass(frozen=True)
class _Features:
    """What the pairwise rule reads of a case (link_cases computes it once per distinct case
    signature)."""

    short: str
    province: str | None
    title: str
    core_len: int            # length of the normalised title without province names
    quoted: frozenset
    bigrams: tuple


def _features(title: str, short_name: str, province: str) -> _Features:
    ta = norm_title(title)
    return _Features(norm_short(short_name), province or province_of(title), ta,
                     len(_SHORT_RE.sub("", ta)), frozenset(_quoted(title)), tuple(_bigrams(ta)))


def _features_of(c: dict) -> _Features:
    return _features(c.get("title") or "", c.get("short_name") or "", c.get("province") or "")


def _dice(ga: tuple, gb: tuple) -> float:
    if not ga or not gb:
        return 0.0
    pool = list(gb)
    hit = 0
    for g in ga:
        if g in pool:
            pool.remove(g)
            hit += 1
    return 2 * hit / (len(ga) + len(gb))


def _same(a: _Features, b: _Features) -> bool:
    """Rules 1, 2 and a–e of the module docstring (rule 0, the sources, is the caller's)."""
    if a.short and b.short and a.short != b.short:
        return False
    if a.province and b.province and a.province != b.province:
        return False
    if a.short and a.short == b.short:
        return True
    if not a.title or not b.title:
        return False
    if a.title == b.title:
        return True
    if (a.short and a.short in b.quoted) or (b.short and b.short in a.quoted):
        return True
    short, long_ = (a, b) if len(a.title) <= len(b.title) else (b, a)
    if short.title in long_.title and short.core_len >= MIN_CONTAINED:
        return True
    if not (a.province and a.province == b.province):
        return False
    return _dice(a.bigrams, b.bigrams) >= SIMILARITY


def same_case(a: dict, b: dict) -> bool:
    """The pairwise rule (see the module docstring). ``a``/``b``: dicts with title, short_name,
    source (source_id or doc), optional province."""
    if _src(a) is not None and _src(a) == _src(b):
        return False
    return _same(_features_of(a), _features_of(b))


def _src(c: dict):
    return c.get("source_id", c.get("source", c.get("doc")))


def _tokens(f: _Features) -> list[tuple[str, int]]:
    """The title's bigrams as a set: the k-th occurrence of a bigram is the token (bigram, k), so
    set intersections count the multiset overlap that ``_dice`` counts."""
    seen: dict[str, int] = {}
    out = []
    for g in f.bigrams:
        k = seen.get(g, 0)
        seen[g] = k + 1
        out.append((g, k))
    return out


def candidate_pairs(reps: list[_Features]) -> list[tuple[int, int]]:
    """Every pair (i < j) for which ``_same`` can be true, sorted; far fewer than all n² pairs.

    Each rule of ``_same`` implies something two records share, and only records sharing it are
    paired: a nickname (a), a title (b), a nickname quoted in the other title (c), for containment
    (d) the shorter title's rarest bigram, which the longer must hold, and for the similarity (e) a
    bigram among the rarest of each title (prefix filtering: two titles with Dice >= t share more
    than t·|x|/(2-t) bigrams of each title x, so their rarest |x| - that + 1 bigrams must meet).

    A speed choice that issue 11's rule keeps: on 4,000 distinct cases (bench/stages.py --link 4000)
    link_cases takes 0.15 s CPU with these pairs and 5.8 s trying all pairs (10,000 cases: 0.7 s
    against ~36 s). tests/test_canonical.py checks that these pairs hold every pair the rule accepts
    and that link_cases gives the ids of the all-pairs loop.
    """
    groups: dict[tuple, list[int]] = {}
    for i, f in enumerate(reps):
        if f.short:
            groups.setdefault(("s", f.short), []).append(i)
        if f.title:
            groups.setdefault(("t", f.title), []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in groups.values():
        pairs.update((a, b) for k, a in enumerate(members) for b in members[k + 1:])
    quoted: dict[str, list[int]] = {}
    for i, f in enumerate(reps):
        for q in f.quoted:
            quoted.setdefault(q, []).append(i)
    for i, f in enumerate(reps):
        for j in quoted.get(f.short, ()) if f.short else ():
            if i != j:
                pairs.add((min(i, j), max(i, j)))
    tokens = [_tokens(f) if f.title else [] for f in reps]
    postings: dict[tuple, list[int]] = {}
    for i, toks in enumerate(tokens):
        for t in toks:
            postings.setdefault(t, []).append(i)
    rank = {t: (len(v), t) for t, v in postings.items()}        # rarest first; ties by token
    prefixes: dict[tuple, list[int]] = {}
    for i, toks in enumerate(tokens):
        if not toks:
            continue
        toks.sort(key=rank.__getitem__)
        f = reps[i]
        if f.core_len >= MIN_CONTAINED:                          # d: as the shorter title
            for j in postings[toks[0]]:
                if j != i and len(reps[j].title) >= len(f.title):
                    pairs.add((min(i, j), max(i, j)))
        if f.province:                                           # e: prefix filtering
            need = int(SIMILARITY * len(toks) / (2 - SIMILARITY))  # floor: a prefix one too long is safe
            for t in toks[:len(toks) - need + 1]:
                prefixes.setdefault((f.province, t), []).append(i)
    for members in prefixes.values():
        pairs.update((a, b) for k, a in enumerate(members) for b in members[k + 1:])
    return sorted(pairs)


def link_cases(cases: list[dict]) -> list[str]:
    """One canonical id per case (same order). Equal ids = the same real-world case.

    Cases with the same signature (title, nickname, province) are one node, and the pairwise rule is
    run only on the pairs of nodes ``candidate_pairs`` finds (the same unions as trying all pairs in
    order, without the n² cost on a corpus of many distinct cases).
    """
    index: dict[tuple, int] = {}
    node_of, reps, node_sources = [], [], []
    for c in cases:
        sig = (c.get("title") or "", c.get("short_name") or "", c.get("province") or "")
        k = index.get(sig)
        if k is None:
            k = index[sig] = len(reps)
            reps.append(_features(*sig))
            node_sources.append(set())
        node_of.append(k)
        if _src(c) is not None:
            node_sources[k].add(_src(c))
    n = len(reps)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    sources = [set(s) for s in node_sources]          # sources held by each group (at its root)
    for i, j in candidate_pairs(reps):                # in (i, j) order: the all-pairs loop's unions
        ri, rj = find(i), find(j)
        if ri == rj or sources[ri] & sources[rj]:  # a group never holds two cases of one source
            continue
        if _same(reps[i], reps[j]):
            parent[rj] = ri
            sources[ri] |= sources[rj]
    groups: dict[int, list[int]] = {}
    for i, c in enumerate(cases):
        groups.setdefault(find(node_of[i]), []).append(i)
    keys = [canonical_key(title, short) for title, short, _ in index]   # one per node (signature)
    ids: dict[int, str] = {}
    used: set[str] = set()
    for root, members in sorted(groups.items(), key=lambda kv: min(kv[1])):
        key = min(keys[node_of[k]] for k in members)
        cid = "cc_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
        base, k = cid, 2
        while cid in used:
            cid, k = f"{base}-{k}", k + 1
        used.add(cid)
        ids[root] = cid
    return [ids[find(node_of[i])] for i in range(len(cases))]
