"""Generic adapter: any text file becomes one case (an article, a web page saved as text), titled
with its headline.
"""
from __future__ import annotations

import re

from etl.numerals import IN_TEXT

from .text import HAN, clean_title, first_title, lines_with_spans, trim_span
from .types import CaseDraft, Document

NAME = "generic"


# ---------------------------------------------------------------- counts
def parse_count(s: str) -> int | None:
    """'9' / '９' / '九' / '十二' / '二十' / '三十五' / '一百' -> int; None unless a whole number
    (the one numeral reader, etl.numbers.parse_number)."""
    from etl.numbers import parse_number

    v = parse_number(s)
    return int(v) if v is not None and v == int(v) else None


COUNT = rf"(?:\d+|[{IN_TEXT}]+)"      # \d includes the full-width digits


# ---------------------------------------------------------------- headline
# A site's or an office's name standing above the headline: "重庆日报网", "湖北日报网 湖北省新闻门户",
# "成都市人民政府门户网站", "香港特别行政区政府新闻公报", "广东省政务服务和数据管理局".
_SITE_NAME = re.compile(
    r"(?:网|网站|门户|门户网站|入口网站|政府网|新闻网|日报|晚报|早报|商报|都市报|客户端|频道|在线|公报|新闻公报|"
    r"融媒|传媒|报业集团)$|门户|^[^\s，。“”]{2,24}(?:人民政府|政府|政府办公厅|局|厅|委员会|办公室|中心)$")
# "headline_site" / "headline - site" / "headline | site": a browser title with the site's name
_SITE_SUFFIX = re.compile(r"\s*(?:[_|｜]|\s[-—–]\s|-)\s*([^_|｜]{2,30})$")


# a news agency's dateline that carries the headline: "新华社北京11月3日电　题：四川“天府通办”…"
_DATELINE_TITLE = re.compile(r"^[^：:。]{0,30}电\s*题\s*[:：]\s*")
# A line that ends in a full date (and maybe a time) is a byline or a dateline ("苏州新闻网　2023-05-18",
# "浙江日报 2024年3月2日 10:20"), never a headline: headlines do not end with their publication date.
_TRAILING_DATE = re.compile(
    r"(?:19|20)\d{2}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?\s*$")


def _is_paragraph(line: str) -> bool:
    """A line of running prose: sentences, not a heading."""
    if "。" in line:
        return len(line) >= 20 or "，" in line or "," in line or "。" in line.rstrip("。”’」")[:-1]
    return len(line) >= 50 and line.count("，") >= 2


def _headline_candidate(line: str) -> str:
    """The line as a headline ("" when it cannot be one: no Han, a salutation ending in "：",
    a subtitle "——…", a site's or office's name)."""
    if (not re.search(f"[{HAN}]", line) or line.endswith(("：", ":")) or line.startswith(("—", "-"))
            or _TRAILING_DATE.search(line)):
        return ""
    line = _DATELINE_TITLE.sub("", line)
    m = _SITE_SUFFIX.search(line)
    if m and _SITE_NAME.search(m.group(1).strip()):
        line = line[:m.start()]
    t = clean_title(line, 60)
    if len(t) < 4 or _SITE_NAME.search(t):
        return ""
    return t


def headline(text: str) -> tuple[str, int]:
    """(headline, start of its line) of a one-article text, ("", 0) when it has none.

    The headline is the last heading-like line before the first paragraph: a page's furniture
    (site name, office name, browser title) stands above it, bylines (removed by cleaning) and the
    article below it. A text that opens with prose has no headline line."""
    best, at = "", 0
    for s, _, line in lines_with_spans(text):
        if _is_paragraph(line):
            break
        t = _headline_candidate(line)
        if t:
            best, at = t, s
    return best, at


# ---------------------------------------------------------------- the adapter
def matches(text: str) -> bool:
    return True


def parse(cleaned) -> Document:
    """The whole text is one case, titled with its headline (else its first sentence); the place is
    read from the headline on (a site's name above it is not the story's place)."""
    text = cleaned.text
    title, at = headline(text)
    if not title:
        title, at = first_title(text), 0
    s, e = trim_span(text, at, len(text), drop_trailing_chrome=False)
    has = e > s
    lead = text[s:e]
    case = CaseDraft(case_no=1, title=title, short_name=None, category=None, award=None,
                     reporting_unit=None, page=None, has_text=has,
                     body_start=s if has else None, body_end=e if has else None,
                     place_text=(title + "\n" + lead) if has else title)
    return Document(adapter=NAME, cases=[case] if has else [], tiers=[], findings=[])
