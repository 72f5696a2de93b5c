"""Award list adapter: a published list of winners, each entry a block of labelled lines

    单位:<reporting unit>
    案例:<case title>
    概述:<summary …>            (may run over several paragraphs)
    评语:<jury comment>

The list's award comes from the sentence introducing it ("以下是此次入选“<award>”的名单").
Each entry's body runs from its 案例 line to the next 单位 line (or the end of the text).
A copy cut off mid-entry keeps the partial entry and gets a "truncated" finding.
"""
from __future__ import annotations

import re

from etl.dims import award_en

from .generic import COUNT, parse_count
from .text import (HAN, clean_title, find_short_name, lines_with_spans,
                   make_place_text, sentence_bounds, trim_span)
from .types import CaseDraft, Document

NAME = "award_list"

_UNIT = re.compile(r"^(?:申报|报送|参评)?单位\s*[:：]\s*(.*)$")
_CASE = re.compile(r"^(?:案例|案例名称|项目|项目名称)\s*[:：]\s*(.*)$")
_LABEL = re.compile(r"^(概述|简介|案例简介|评语|点评|专家点评)\s*[:：]")
_SENT_END = "。!！?？”」』)）"


def _entries(text: str):
    """[(entry_start_span, unit, case_line_span, title)] in order. An entry is a 单位 line and a 案例
    line within two lines of each other, in either order; the entry starts at the first of them."""
    lines = list(lines_with_spans(text))
    out, used = [], set()
    for i, (a, b, line) in enumerate(lines):
        if i in used:
            continue
        mu, mc = _UNIT.match(line), _CASE.match(line)
        if not (mu or mc):
            continue
        want = _CASE if mu else _UNIT
        for j in range(i + 1, min(i + 3, len(lines))):
            m2 = want.match(lines[j][2])
            if m2:
                used.add(j)
                unit, case_i, title = ((mu.group(1), j, m2.group(1)) if mu else (m2.group(1), i, mc.group(1)))
                out.append(((a, b), unit.strip(), (lines[case_i][0], lines[case_i][1]), title.strip()))
                break
    return out


def matches(text: str) -> bool:
    return len(_entries(text)) >= 2


def _award(text: str, first_entry: int) -> tuple[str | None, str | None, str | None]:
    """(award as named, category, evidence) from the sentence introducing the list."""
    lead = text[:first_entry]
    best = None
    for m in re.finditer(r"(?:入选|获评|评选出|荣获|获得)[^“。\n]{0,10}“([^”]{2,40}?案例)”", lead):
        best = m
    if best is None:
        for m in re.finditer(r"“([^”]{2,40}?案例)”[^。\n]{0,6}名单", lead):
            best = m
    if best is None:
        return None, None, None
    award = best.group(1)
    return award, award_category(award), lead[slice(*sentence_bounds(lead, best.start()))].strip()


def award_category(award: str) -> str:
    """'2022数字政府建设卓越示范案例' -> '卓越示范案例': drop a leading year and the name of the
    selection (everything up to its last 建设/政府/治理/服务 word)."""
    s = re.sub(r"^\s*\d{4}\s*年?(?:度)?", "", award)
    m = re.match(f"^(?:[{HAN}]*(?:建设|政府|治理|服务|创新))?([{HAN}]{{2,10}}案例)$", s)
    if m and m.group(1) != "案例":
        return m.group(1)
    return s


def _stated_total(text: str):
    """(count, sentence, what is counted) of the final number of selected cases the document states, if any.
    Counts with 多/余 (approximate), or in sentences about the shortlist or the call, are not it."""
    found = None
    for m in re.finditer(f"({COUNT})\\s*(?:个|项|份)([{HAN}]{{0,6}})案例", text):
        a, b = sentence_bounds(text, m.start())
        sent = text[a:b]
        tail = text[m.end(1):m.end(1) + 1]
        if tail in "多余" or re.search(r"入围|初选|征集|申报|报名|共收到", sent):
            continue
        n = parse_count(m.group(1))
        if n and (found is None or re.search(r"最终|揭晓|正式|入选|获评", sent)):
            found = (n, sent.strip(), m.group(2) + "案例")
    return found


def _complete(text: str, start: int, end: int) -> bool:
    """An entry is complete when it has a jury comment and its last paragraph ends a sentence."""
    seg = text[start:end].rstrip()
    has_comment = any(re.match(r"^(评语|点评|专家点评)\s*[:：]", ln) for _, _, ln in lines_with_spans(text, start, end))
    return has_comment and bool(seg) and seg[-1] in _SENT_END


def parse(cleaned) -> Document:
    text = cleaned.text
    entries = _entries(text)
    doc = Document(adapter=NAME, cases=[], tiers=[], findings=[])
    if not entries:
        return doc
    award, category, _ = _award(text, entries[0][0][0])
    for k, ((ua, ub), unit, (ca, cb), raw_title) in enumerate(entries):
        nxt = entries[k + 1][0][0] if k + 1 < len(entries) else len(text)
        start, end = trim_span(text, ca, nxt)
        title = clean_title(raw_title)
        body = text[cb:end]
        body_lead = _LABEL.sub("", body.lstrip(), count=1)
        doc.cases.append(CaseDraft(
            case_no=k + 1, title=title, short_name=find_short_name(title, body_lead),
            category=category, award=award, reporting_unit=unit or None, page=None,
            has_text=True, body_start=start, body_end=end,
            place_text=make_place_text(title, unit, text, cb, end)))
    last = doc.cases[-1]
    cut = not _complete(text, last.body_start, last.body_end)
    total = _stated_total(text[:entries[0][0][0]])
    n = len(doc.cases)
    if cut or (total and total[0] > n):
        parts = [f"{n} entries present"]
        parts_zh = [f"只有 {n} 条"]
        if cut:
            parts.append(f"the last one (“{last.title}”) stops mid-entry")
            parts_zh.append(f"最后一条(“{last.title}”)在条目中途中断")
        if total and total[0] > n:
            what = award_en(total[2])    # 优秀案例 → excellent cases; an honour of unknown English stays quoted
            what = f"{what[0].lower()}{what[1:]}s" if what else f"“{total[2]}”"
            parts.append(f"the document states {total[0]} {what} were selected")
            parts_zh.append(f"文中称共评出 {total[0]} 个{total[2]}")
        evidence = total[1] if total else text[max(last.body_end - 60, last.body_start):last.body_end]
        # a list whose last entry is whole but shorter than the stated total may list one award of
        # several: that is a count to check, not a cut copy
        doc.findings.append({"kind": "truncated" if cut else "count_mismatch", "severity": "warning",
                             "message": ("list is incomplete: " if cut else "list shorter than stated: ")
                             + "; ".join(parts),
                             "message_zh": ("名单不完整:" if cut else "名单少于所称数量:") + ";".join(parts_zh),
                             "evidence": evidence})
    return doc
