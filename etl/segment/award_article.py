"""Award article adapter: an article on the award-winning cases of one applicant, each case
introduced by a labelled line "申报案例:<title>" and followed by its 概述 / 评语 paragraphs.

The lead (the text before the first case) says which case got which award:
    "…<case title>案例…获评“<award>”。其他三个案例<title>、“<nickname>”平台、<title>,获评“<award>”。"
and who applied ("由<unit>申报的四个案例获奖"). A case gets the award of the lead sentence that
names its full title, else of the one that names its quoted nickname.
"""
from __future__ import annotations

import re

from .award_list import award_category
from .generic import COUNT, parse_count
from .text import (clean_title, find_short_name, lines_with_spans, make_place_text,
                   sentence_bounds, trim_span)
from .types import CaseDraft, Document

NAME = "award_article"

_CASE = re.compile(r"^(?:申报案例|参评案例|获奖案例|入选案例)\s*[:：]\s*(.+)$")
_LABEL = re.compile(r"^(概述|简介|案例简介|评语|点评)\s*[:：]")


def _heads(text: str):
    return [(a, b, _CASE.match(line).group(1)) for a, b, line in lines_with_spans(text) if _CASE.match(line)]


def matches(text: str) -> bool:
    return len(_heads(text)) >= 2


def _award_sentences(lead: str):
    """[(sentence, award)] for each lead sentence that says "获评/荣获/入选 “<…案例>”"."""
    out = []
    for m in re.finditer(r"(?:获评|荣获|获得|入选|评为)[^“。\n]{0,6}“([^”]{2,40}?案例)”", lead):
        a, b = sentence_bounds(lead, m.start())
        # only the part of the sentence before the award phrase names the cases
        out.append((lead[a:m.start()], m.group(1)))
    return out


def _quoted(title: str) -> list[str]:
    return re.findall(r"“([^”]{2,12})”", title)


def _award_for(title: str, sentences) -> str | None:
    for sent, award in sentences:
        if title in sent:
            return award
    for q in _quoted(title):
        hits = [award for sent, award in sentences if f"“{q}”" in sent]
        if len(set(hits)) == 1:
            return hits[0]
    return None


def parse(cleaned) -> Document:
    text = cleaned.text
    heads = _heads(text)
    doc = Document(adapter=NAME, cases=[], tiers=[], findings=[])
    if not heads:
        return doc
    lead = text[:heads[0][0]]
    sentences = _award_sentences(lead)
    m_unit = re.search(r"由([^,。\n由]{2,60}?)(?:申报|报送|选送|推荐)的?", lead)
    unit = m_unit.group(1).strip() if m_unit else None
    for k, (a, b, raw_title) in enumerate(heads):
        nxt = heads[k + 1][0] if k + 1 < len(heads) else len(text)
        start, end = trim_span(text, a, nxt)
        title = clean_title(raw_title)
        award = _award_for(title, sentences)
        body_lead = _LABEL.sub("", text[b:end].lstrip(), count=1)
        doc.cases.append(CaseDraft(
            case_no=k + 1, title=title, short_name=find_short_name(title, body_lead),
            category=award_category(award) if award else None, award=award,
            reporting_unit=unit, page=None, has_text=True, body_start=start, body_end=end,
            place_text=make_place_text(title, unit, text, b, end)))
    # the lead's count of cases, against the cases present
    m = next((x for x in re.finditer(f"({COUNT})\\s*(?:个|项)案例", lead)
              if not re.search(r"(?:其他|其余|另外|另|其中)$", lead[max(0, x.start() - 2):x.start()])), None)
    if m:
        n = parse_count(m.group(1))
        if n is not None and n != len(doc.cases):
            a, b = sentence_bounds(lead, m.start())
            doc.findings.append({"kind": "count_mismatch", "severity": "warning",
                                 "message": f"says {n} cases but presents {len(doc.cases)}",
                                 "message_zh": f"文中称有 {n} 个案例,但只介绍了 {len(doc.cases)} 个",
                                 "evidence": lead[a:b].strip()})
    for c in doc.cases:
        if c.award is None:
            doc.findings.append({"kind": "award_unknown", "severity": "info",
                                 "message": f"the lead does not say which award “{c.title}” got",
                                 "message_zh": f"导语没有说明“{c.title}”获得了哪个奖项",
                                 "evidence": c.title})
    return doc
