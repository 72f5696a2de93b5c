"""Category article adapter: an article that names the cases of one category of a collection in
its lead and then summarises each under its title as a heading line:

    "…其中,<category>有多个案例入选,分别为<title>、<title>、…、<title>等。"
    <title>                 ← a line of its own
    <summary paragraphs>
    <title>
    …
    最后 / 结语            ← a closing heading ends the last case

Cases are the items of the enumeration; a case's body runs from its heading line to the next
case heading or closing heading. An item with no heading of its own is kept with has_text False.
"""
from __future__ import annotations

import re

from .generic import COUNT, parse_count
from .text import (HAN, clean_title, find_short_name, lines_with_spans,
                   make_place_text, strip_numbering, trim_span)
from .types import CaseDraft, Document

NAME = "category_article"

_ENUM = re.compile(r"(?:分别为|分别是|包括|依次为|如下)[:：]?([^。\n]{6,})")
_CLOSING = re.compile(r"^(?:最后|结语|结束语|写在最后|小结|总结|后记|特别声明|声明|免责声明|Notice\b|责任编辑)")


def _split_items(s: str) -> list[str]:
    """Split an enumeration at 、 (and ；) outside quotes and brackets; drop a final 等/等等."""
    items, cur, depth = [], [], 0
    for ch in s:
        if ch in "“‘「《(（[":
            depth += 1
        elif ch in "”’」》)）]":
            depth = max(0, depth - 1)
        if ch in "、；;" and depth == 0:
            items.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    items.append("".join(cur))
    items = [re.sub(r"(?:等等|等)(?:[多几数]?个?案例)?$", "", x.strip()) for x in items]
    return [x for x in (clean_title(i) for i in items) if x]


def _norm(s: str) -> str:
    return re.sub(f"[^{HAN}A-Za-z0-9+]", "", s)


def _enumeration(text: str):
    """(category or None, [item titles], span of the sentence) of the first enumeration whose items
    recur as heading lines."""
    lines = list(lines_with_spans(text))
    heads = {_norm(strip_numbering(l)) for _, _, l in lines if len(l) <= 60}
    for m in _ENUM.finditer(text):
        items = _split_items(m.group(1))
        if len(items) < 2 or sum(_norm(i) in heads for i in items) < 2:
            continue
        sent_start = max(text.rfind("。", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        before = text[sent_start:m.start()]
        cats = [c for c in re.findall(f"([{HAN}]{{2,4}}类)", before)
                if not re.search(r"[几多各这那此该等一二两三四五六七八九十]类$|以下|上述|如下", c)]
        return (cats[-1] if cats else None), items, (sent_start, m.end())
    return None


def matches(text: str) -> bool:
    return _enumeration(text) is not None


def parse(cleaned) -> Document:
    text = cleaned.text
    doc = Document(adapter=NAME, cases=[], tiers=[], findings=[])
    found = _enumeration(text)
    if not found:
        return doc
    category, items, (enum_start, enum_end) = found
    # "…类有6个案例入选,分别为…": the stated count against the items listed
    mc = re.search(f"({COUNT})\\s*(?:个|项)[{HAN}]{{0,4}}案例", text[enum_start:enum_end])
    if mc and parse_count(mc.group(1)) not in (None, len(items)):
        doc.findings.append({"kind": "count_mismatch", "severity": "warning",
                             "message": f"says {parse_count(mc.group(1))} cases but lists {len(items)}",
                             "message_zh": f"文中称有 {parse_count(mc.group(1))} 个案例,但只列出 {len(items)} 个",
                             "evidence": text[enum_start:enum_end].strip()})
    lines = [(a, b, l) for a, b, l in lines_with_spans(text) if a >= enum_end]
    wanted = {_norm(i): i for i in items}
    # heading positions, in text order
    heads: dict[str, tuple[int, int, str]] = {}
    for a, b, l in lines:
        key = _norm(strip_numbering(l))
        if key in wanted and key not in heads:
            heads[key] = (a, b, l)
    closing = [a for a, b, l in lines if _CLOSING.match(l)]
    starts = sorted(h[0] for h in heads.values())
    for k, item in enumerate(items):
        title = clean_title(item)
        h = heads.get(_norm(item))
        if h is None:
            doc.cases.append(CaseDraft(case_no=k + 1, title=title, short_name=find_short_name(title),
                                       category=category, award=None, reporting_unit=None, page=None,
                                       has_text=False, body_start=None, body_end=None, place_text=title))
            doc.findings.append({"kind": "case_without_text", "severity": "info",
                                 "message": f"“{title}” is listed but has no section of its own",
                                 "message_zh": f"“{title}”被列出,但没有单独的段落",
                                 "evidence": title})
            continue
        a, b, line = h
        stops = [s for s in starts + closing if s > a] + [len(text)]
        start, end = trim_span(text, a, min(stops))
        body = text[b:end]
        doc.cases.append(CaseDraft(
            case_no=k + 1, title=clean_title(strip_numbering(line)) or title, short_name=find_short_name(title, body),
            category=category, award=None, reporting_unit=None, page=None, has_text=True,
            body_start=start, body_end=end, place_text=make_place_text(title, None, text, b, end)))
    return doc
