"""Compendium adapter: a collection of cases with a table of contents (CAICT's 数字政府典型案例汇编 shape).

Shape (after ``etl.clean``): a table of contents of category entries "一、示范案例.1" and case entries
"(一)广东省数据资源一网共享平台.1" (a category with a single case may list it unnumbered:
"二、市场监管类.93天津市“互联网+监管”系统应用案例.93"), perhaps a list of figures, then the bodies:
"一、示范案例(一)广东省数据资源一网共享平台报送单位:数字广东网络建设有限公司1案例背景…".

Every table-of-contents case becomes a ``CaseDraft`` (case_no = table-of-contents order); the cases
whose heading is found in the body get ``has_text`` and a body span running from their heading to the
next heading (case or category). A copy may lack the text of later cases: those keep has_text False.
"""
from __future__ import annotations

import re

from .types import CaseDraft, Document

NAME = "compendium"

_NUM = "一二三四五六七八九十百"
_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_CASE_ENUM = re.compile(rf"[\((]([{_NUM}]{{1,4}})[\))]")
_CAT_ENUM = re.compile(rf"([{_NUM}]{{1,3}})、")
# a table-of-contents case entry: "(三)滨州市……新模式.17"
_LEADER = "[.…][.… ]*"     # leader dots (maybe spaced) before a page number
_TOC_CASE = re.compile(rf"[\((][{_NUM}]{{1,4}}[\))][^()()\n。]{{2,80}}?{_LEADER}\d{{1,3}}(?!\d)")
# where a table-of-contents entry may end: ".17" (dots then page) anywhere, or a bare page number
# right before the next enumerated entry ("…驰而不息193(九)…")
_TOC_END = re.compile(
    rf"{_LEADER}(\d{{1,3}})(?!\d)"
    rf"|(?<![\d.])(\d{{1,3}})(?=[\((][{_NUM}]{{1,4}}[\))]|[{_NUM}]{{1,3}}、)")
_TOC_START = re.compile(rf"目\s*录|[{_NUM}]{{1,3}}、[^。\n]{{1,40}}?{_LEADER}\d{{1,3}}(?!\d)")
_FIGURES = re.compile(r"(?:图|表|图表|插图|附图)\s*目\s*录")
_UNIT = re.compile(r"(?:报送|申报|推荐)单位\s*[::]\s*([^\n。\d]{2,80}?)\s*"
                   r"(?=\d|\n|。|$|[一二][、.]|(?:案例|项目)?(?:背景|概况|概述|简介))")
_PLATFORM_NOUN = r"(?:移动)?(?:政务服务|政务|服务|数字机关|办公)?(?:平台|APP|App|app|小程序|客户端)"
_NAME_AT_END = re.compile(rf"(?:平台|APP|App|小程序|客户端)“([^“”]{{2,10}})”$")
_NAME_BEFORE_NOUN = re.compile(rf"“([^“”]{{2,10}})”{_PLATFORM_NOUN}")
_GENERIC_NAMES = {"城市大脑", "一网通办", "一网统管", "一网协同", "互联网+政务服务", "互联网+监管", "数字政府",
                  "智慧城市", "健康码", "一件事", "最多跑一次", "放管服", "免申即享", "无证明城市"}
_QUOTED = re.compile(r"“([^“”\n]{2,12})”")


def matches(cleaned_text: str) -> bool:
    """A compendium: a table of contents with at least five enumerated case entries."""
    n = 0
    for _ in _TOC_CASE.finditer(cleaned_text, 0, min(len(cleaned_text), 200000)):
        n += 1
        if n >= 5:
            return True
    return False


# --------------------------------------------------------------------------------------------------
# Table of contents
# --------------------------------------------------------------------------------------------------
def parse_toc(text: str) -> tuple[list[dict], int, int]:
    """Entries of the table of contents, in order: {kind: category|case|other, enum, title, page,
    start, end}; and the TOC's [start, end) in ``text``. The TOC is the first place (after a "目录"
    heading, or at a category entry "一、….1") from which at least three case entries parse."""
    for m in _TOC_START.finditer(text):
        start = m.end() if m.group(0).replace(" ", "") == "目录" else m.start()
        entries = _parse_entries(text, start)
        if sum(e["kind"] == "case" for e in entries) >= 3:
            return entries, start, entries[-1]["end"]
    return [], 0, 0


def _parse_entries(text: str, start: int) -> list[dict]:
    fig = _FIGURES.search(text, start)
    stop = fig.start() if fig else len(text)
    entries: list[dict] = []
    pos = start
    prev_page = 0
    for e in _TOC_END.finditer(text, start, stop):
        if e.start() < pos:
            continue
        page = int(e.group(1) or e.group(2))
        title = text[pos:e.start()].strip()
        if not title or page < prev_page:
            continue
        if len(title) > 90 or "\n" in title:
            break                       # the table of contents is over
        entries.append(_classify(title, page, pos, e.end()))
        prev_page = page
        pos = e.end()
    return entries


def _classify(title: str, page: int, start: int, end: int) -> dict:
    m = _CASE_ENUM.match(title)
    if m:
        return dict(kind="case", enum=m.group(0), title=_clean_title(title[m.end():]), page=page,
                    start=start, end=end)
    m = _CAT_ENUM.match(title)
    if m:
        return dict(kind="category", enum=m.group(0), title=_clean_title(title[m.end():]), page=page,
                    start=start, end=end)
    return dict(kind="other", enum="", title=_clean_title(title), page=page, start=start, end=end)


def _clean_title(t: str) -> str:
    return t.strip().rstrip(".…·. \u3000").strip()


def toc_cases(entries: list[dict]) -> list[dict]:
    """The case entries with their category. An unnumbered entry is a case when it comes right after
    a category heading or after another unnumbered case (a category listing its cases unnumbered)."""
    out = []
    category = None
    prev_kind = None
    for e in entries:
        if e["kind"] == "category":
            category = e["title"]
        elif e["kind"] == "case":
            out.append(dict(e, category=category))
        elif e["kind"] == "other" and category is not None and prev_kind in ("category", "loose"):
            out.append(dict(e, category=category))
            prev_kind = "loose"
            continue
        prev_kind = e["kind"]
    return out


# --------------------------------------------------------------------------------------------------
# Bodies
# --------------------------------------------------------------------------------------------------
def _find_heading(text: str, enum: str, title: str, pos: int, followed: str | None = None) -> int:
    """Start of the heading ``enum + title`` at or after pos, -1 if absent. Falls back to the
    enumerator plus the first characters of the title when a heading was printed slightly
    differently, then requiring a reporting-unit line right after."""
    key = enum + title
    i = text.find(key, pos)
    while i >= 0:
        if not re.match(_LEADER + r"\d", text[i + len(key):i + len(key) + 3]):   # not a TOC line
            return i
        i = text.find(key, i + 1)
    if len(title) >= 8:
        key = enum + title[:6]
        i = text.find(key, pos)
        while i >= 0:
            if re.search(r"(?:报送|申报|推荐)单位", text[i:i + len(title) + 40]):
                return i
            i = text.find(key, i + 1)
    return -1


def _find_back_matter(text: str, title: str, pos: int) -> int:
    """A back-matter heading (附录, 后记 …) standing at a paragraph or sentence start, not a TOC line."""
    if len(title) < 2:
        return -1
    i = text.find(title, pos)
    while i >= 0:
        before = text[i - 1] if i else "\n"
        after = text[i + len(title):i + len(title) + 3]
        if before in "\n。!?" and not re.match(_LEADER + r"\d", after) and after[:1] not in ",,、的和与":
            return i
        i = text.find(title, i + 1)
    return -1


def parse(cleaned) -> Document:
    text = cleaned.text
    entries, toc_start, toc_end = parse_toc(text)
    cases = toc_cases(entries)
    # the bodies begin at the first category heading after the TOC (and its list of figures) that is
    # not itself a TOC line
    body_from = toc_end
    cats = [e for e in entries if e["kind"] == "category"]
    if cats:
        i = _find_heading(text, cats[0]["enum"], cats[0]["title"], toc_end)
        if i >= 0:
            body_from = i
    # find every heading (categories and cases) in order
    heads: list[tuple[int, str, int]] = []       # (start, kind, case index or -1)
    pos = body_from
    by_start = {c["start"]: k for k, c in enumerate(cases)}
    last_case_start = cases[-1]["start"] if cases else -1
    for e in entries:
        k = by_start.get(e["start"], -1)
        if e["kind"] == "category" or k >= 0:
            i = _find_heading(text, e["enum"], e["title"], pos)
        elif e["start"] > last_case_start:
            # back matter after the last case (附录, 后记, 参考文献): it ends the last body
            i = _find_back_matter(text, e["title"], pos)
        else:
            continue
        if i >= 0:
            heads.append((i, e["kind"], k))
            pos = i + len(e["enum"]) + len(e["title"])
    spans: dict[int, tuple[int, int]] = {}
    for n, (i, kind, k) in enumerate(heads):
        if k < 0:
            continue
        end = heads[n + 1][0] if n + 1 < len(heads) else len(text)
        while end > i and text[end - 1].isspace():
            end -= 1
        spans[k] = (i, end)

    drafts = []
    for k, c in enumerate(cases):
        span = spans.get(k)
        body = text[span[0]:span[1]] if span else ""
        unit = None
        if body:
            mu = _UNIT.search(body, 0, 300)
            if mu:
                unit = mu.group(1).strip(" ,,、:")
        place = c["title"]
        if unit:        # after the title: a vendor's seat (北京思特奇…) must not outrank the title's place
            place += "\n" + unit
        if body:
            lead_from = body.find(c["title"]) + len(c["title"]) if c["title"] in body else 0
            mu = _UNIT.search(body, 0, 300)
            if mu:
                lead_from = mu.end()
            place += "\n" + body[lead_from:lead_from + 200]
        drafts.append(CaseDraft(
            case_no=k + 1, title=c["title"], short_name=short_name(c["title"], body),
            category=c["category"], award=None, reporting_unit=unit, page=c["page"],
            has_text=span is not None,
            body_start=span[0] if span else None, body_end=span[1] if span else None,
            place_text=place))
    findings = []
    missing = [d for d in drafts if not d.has_text]
    if missing:
        findings.append(dict(
            kind="missing_text", severity="info",
            message=f"{len(missing)} of {len(drafts)} cases listed in the table of contents have no text "
                    f"in this copy (cases {', '.join(str(d.case_no) for d in missing)})",
            message_zh=f"目录所列 {len(drafts)} 个案例中有 {len(missing)} 个在本副本中没有正文"
                       f"(第 {'、'.join(str(d.case_no) for d in missing)} 个)",
            evidence="; ".join(d.title for d in missing)[:500]))
    return Document(adapter=NAME, cases=drafts, tiers=[], findings=findings)


def short_name(title: str, body: str = "") -> str | None:
    """The platform's nickname. Conservative:
    - the title gives it in quotes as the platform's name: "…应用平台“津心办”", "广东省“粤省事”移动政务服务平台";
    - or the title contains a name that the case text keeps quoting (>= 3 times): "广东省粤商通涉企…" with
      "“粤商通”" in the text.
    Generic terms (城市大脑, 一网通办 …), slogans with "+", numbers or punctuation, and long phrases
    (> 6 characters) are not nicknames."""
    for rx in (_NAME_AT_END, _NAME_BEFORE_NOUN):
        m = rx.search(title)
        if m and _nickname_like(m.group(1), 10):
            return m.group(1)
    if body:
        counts: dict[str, int] = {}
        for q in _QUOTED.findall(body):
            counts[q] = counts.get(q, 0) + 1
        for name, k in sorted(counts.items(), key=lambda kv: -kv[1]):
            if k < 3:
                break
            inside_quote = any(name in q and name != q for q in _QUOTED.findall(title))
            if (name in title and not inside_quote and _nickname_like(name, 6)
                    and not name.endswith(("化", "性"))):        # 信息化, 一体化: concepts
                return name
    return None


def _nickname_like(name: str, max_len: int) -> bool:
    return (3 <= len(name) <= max_len and name not in _GENERIC_NAMES
            and re.fullmatch(f"[{_HAN}A-Za-z]+", name) is not None)
