"""Tier article adapter: an article on a ranking of provinces that states which ones are in a
tier ("北京市、上海市…9省市位居全国第一梯队") and then profiles each under its name as a heading line.

Produces one province-profile case per section (title = the section heading as written, "北京市";
category from the headline, "省级第一梯队") and one TierClaim per tier sentence. A stated count that
differs from the number of names listed becomes a "count_mismatch" finding.
"""
from __future__ import annotations

import re

from etl.canonical import PROVINCES, strip_admin_suffix
from etl.tiers import EVALUATOR_ALIASES, tier_en

from .generic import COUNT, parse_count
from .text import (clean_title, lines_with_spans, make_place_text, sentence_bounds,
                   strip_numbering, trim_span)
from .types import CaseDraft, Document, TierClaim

NAME = "tier_article"

PROVINCE_BY_NAME = {**{p: p for p in PROVINCES}, **{strip_admin_suffix(p): p for p in PROVINCES}}

# a member: a province (full or short name) or a city written with its 市 (not "智慧城市"-like words)
_CITY = "[\u4e00-\u9fff]{1,5}(?<!城)(?<!大都)市"
_NAME_ALT = "|".join(sorted(map(re.escape, PROVINCE_BY_NAME), key=len, reverse=True)) + "|" + _CITY
_LIST = re.compile(f"(?<![\u4e00-\u9fff])((?:{_NAME_ALT})(?:[、,，和及与](?:{_NAME_ALT}))+)"
                   f"(?:等)?(?:({COUNT})\\s*个?(?:省区市|省市区|省市|省份|省区|省级地区|地区|个省|城市|省|市))?")
_TIER = re.compile(r"第[一二三四五六七八九十\d]梯队|[一二三四五六七八九十\d]类梯队")
_VERB = re.compile(r"位居|位列|位于|进入|跻身|入选|处于|属于|列入|列为|被评为|成为")


def _find_claims(text: str):
    """[(list match, tier, sentence span)] for sentences that put a list of provinces in a tier."""
    out = []
    for tm in _TIER.finditer(text):
        a, b = sentence_bounds(text, tm.start())
        sent = text[a:tm.start()]
        best = None
        for lm in _LIST.finditer(sent):
            if _VERB.search(sent[lm.end():]):
                best = lm
        if best is not None:
            out.append((best, tm.group(0), (a, b), a))
    return out


def _sections(text: str, members=()):
    """[(line start, line end, full name)] for lines that are a province name alone, or the name of
    a member of a tier claim (a city)."""
    out = []
    for a, b, line in lines_with_spans(text):
        name = clean_title(strip_numbering(line))
        if name in PROVINCE_BY_NAME:
            out.append((a, b, PROVINCE_BY_NAME[name]))
        elif name in members:
            out.append((a, b, name))
    return out


def _members(claims) -> set[str]:
    return {PROVINCE_BY_NAME.get(n, n) for c in claims for n in re.split(r"[、,，和及与]", c[0].group(1)) if n}


def matches(text: str) -> bool:
    claims = _find_claims(text)
    return bool(claims) and len(_sections(text, _members(claims))) >= 2


def _headline(text: str, before: int) -> str:
    for _, _, line in lines_with_spans(text, 0, before):
        if _TIER.search(line) and len(line) <= 60:
            return line
    return ""


def _report(text: str, before: int):
    """(evaluation, evaluator, year, evidence) of the last report named before the claim."""
    best = None
    for m in re.finditer(r"《([^》]{4,60}?)》", text[:before]):
        if re.search(r"报告|评估|排名|指数|白皮书", m.group(1)):
            best = m
    if best is None:
        return None, None, None
    name = best.group(1)
    evaluation = re.sub(r"(?:总报告|报告|白皮书)$", "", name).strip()
    a, _ = sentence_bounds(text, best.start())
    m = re.search(r"(?:据|根据|由)?([^,，。《据]{2,30}?)(?:正式)?(?:发布|公布|发表|编制|出具)的?$", text[a:best.start()])
    evaluator = m.group(1).strip() if m else None
    if evaluator:
        evaluator = re.sub(r"^(?:据|根据|由)", "", evaluator)
    ym = re.search(r"(\d{4})\s*年", name)
    return evaluation, evaluator, int(ym.group(1)) if ym else None


def parse(cleaned) -> Document:
    text = cleaned.text
    doc = Document(adapter=NAME, cases=[], tiers=[], findings=[])
    claims = _find_claims(text)
    first_claim = claims[0][2][0] if claims else len(text)
    headline = _headline(text, first_claim)
    # claims
    for lm, tier, (a, b), off in claims:
        members = [PROVINCE_BY_NAME.get(n, n) for n in re.split(r"[、,，和及与]", lm.group(1)) if n]
        members = list(dict.fromkeys(members))
        claimed = parse_count(lm.group(2)) if lm.group(2) else None
        evaluation, evaluator, year = _report(text, a)
        if evaluator in EVALUATOR_ALIASES:
            doc.findings.append({"kind": "name_variant", "severity": "info",
                                 "message": f"evaluator written “{evaluator}”; official name "
                                            f"“{EVALUATOR_ALIASES[evaluator]}”",
                                 "message_zh": f"评估方写作“{evaluator}”,正式名称为“{EVALUATOR_ALIASES[evaluator]}”",
                                 "evidence": evaluator})
            evaluator = EVALUATOR_ALIASES[evaluator]
        if year is None:
            ym = re.search(r"(\d{4})\s*年", text[max(0, a - 300):a])
            year = int(ym.group(1)) if ym else None
        quote = text[a:b].strip()
        qa = a + (len(text[a:b]) - len(text[a:b].lstrip()))
        ctx = text[max(0, a - 30):a]
        level = "province" if all(m in PROVINCES for m in members) else "city"
        doc.tiers.append(TierClaim(evaluation=evaluation or "", evaluator=evaluator or "", year=year or 0,
                                   level=level, tier=tier, members=members, claimed_count=claimed,
                                   quote_start=qa, quote_end=qa + len(quote)))
        if claimed is not None and claimed != len(members):
            doc.findings.append({"kind": "count_mismatch", "severity": "warning",
                                 "message": f"says {claimed} provinces in the {_tier_words(tier)} but names {len(members)}",
                                 "message_zh": f"文中称{tier}有 {claimed} 个省份,但只点名了 {len(members)} 个",
                                 "evidence": quote})
    # sections
    m = re.search(r"((?:省级|市级|城市)?(?:" + _TIER.pattern + "))", headline)
    if m:
        category = m.group(1)
    elif doc.tiers:
        category = {"province": "省级", "city": "城市"}.get(doc.tiers[0].level, "") + doc.tiers[0].tier
    else:
        category = None
    all_secs = _sections(text, _members(claims))
    secs = [s for s in all_secs if s[0] > first_claim] or all_secs
    for k, (a, b, prov) in enumerate(secs):
        nxt = secs[k + 1][0] if k + 1 < len(secs) else len(text)
        start, end = trim_span(text, a, nxt)
        if k + 1 == len(secs):
            end = _drop_closing_remarks(text, b, end, prov)
        title = clean_title(strip_numbering(text[a:b])) or prov   # the section heading as written
        doc.cases.append(CaseDraft(case_no=k + 1, title=title, short_name=None, category=category,
                                   award=None, reporting_unit=None, page=None, has_text=True,
                                   body_start=start, body_end=end,
                                   place_text=make_place_text(title, None, text, b, end)))
    return doc


def _tier_words(tier: str) -> str:
    """'第一梯队' → 'first tier' inside an English sentence (the tier as written when unknown)."""
    en = tier_en(tier)
    return en[0].lower() + en[1:] if en else tier


def _drop_closing_remarks(text: str, start: int, end: int, place: str) -> int:
    """The last section runs to the end of the article, where the author's closing remarks follow.
    Drop up to two trailing paragraphs that name neither the section's place (full or short name)
    nor any figure: they are the article's conclusion, not the section (a paragraph with a number is
    always kept, so no outcome is lost)."""
    names = {place, strip_admin_suffix(place)}
    paras = list(lines_with_spans(text, start, end))
    dropped = 0
    while len(paras) > 1 and dropped < 2:
        a, b, line = paras[-1]
        if re.search(r"[0-9０-９]", line) or any(n and n in line for n in names):
            break
        paras.pop()
        dropped += 1
    return paras[-1][1] if paras else end
