"""Text helpers every segment adapter shares: lines and their spans, sentence bounds, titles as a
reader would write them, platform nicknames, the text a case's place is read from.

They work on cleaned text: Simplified, paragraphs separated by "\\n".
"""
from __future__ import annotations

import re
from typing import Iterator

HAN = "\u4e00-\u9fff"
# characters trimmed from the ends of a title
_TRIM = " \t\u3000\"'#*·-—_=|:：,，。.;；!！?？、…"
_SENT_END = "。!！?？;；"
_OPEN_Q, _CLOSE_Q = "“‘「『", "”’」』"


# ---------------------------------------------------------------- paragraphs
def lines_with_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str]]:
    """(start, end, stripped line) for every non-empty line of text[start:end]; spans exclude the
    surrounding white space."""
    end = len(text) if end is None else end
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        seg = text[pos:stop]
        s = seg.strip()
        if s:
            a = pos + (len(seg) - len(seg.lstrip()))
            yield a, a + len(s), s
        pos = stop + 1


def first_paragraph(text: str, start: int, end: int, limit: int = 300) -> str:
    for _, _, line in lines_with_spans(text, start, end):
        return line[:limit]
    return ""


def is_chrome_line(line: str) -> bool:
    """A line that is page furniture rather than prose: share buttons, a lone word with no
    punctuation ("微信", "分享到", "扫一扫分享当前页面")."""
    s = line.strip()
    if not s:
        return True
    if re.search(r"分享|扫一扫|返回顶部|打印本页|关闭窗口|责任编辑", s) and len(s) <= 12:
        return True
    return len(s) <= 4 and not re.search(f"[{_SENT_END},，、:：]", s)


def trim_span(text: str, start: int, end: int, drop_trailing_chrome: bool = True) -> tuple[int, int]:
    """Shrink [start, end) to exclude outer white space and, optionally, trailing chrome lines."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if drop_trailing_chrome:
        while end > start:
            nl = text.rfind("\n", start, end)
            last = text[nl + 1:end]
            if nl < 0 or not is_chrome_line(last):
                break
            end = nl
            while end > start and text[end - 1].isspace():
                end -= 1
    return start, end


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """[start, end) of the sentence holding text[pos] (end includes the closing 。 when present)."""
    a = pos
    while a > 0 and text[a - 1] not in _SENT_END + "\n":
        a -= 1
    b = pos
    while b < len(text) and text[b] not in _SENT_END + "\n":
        b += 1
    if b < len(text) and text[b] in _SENT_END:
        b += 1
    return a, b


# ---------------------------------------------------------------- titles
_NUMBERING = re.compile(r"^\s*(?:[(（]?[一二三四五六七八九十]{1,3}[)）、.．]|[(（]?\d{1,2}[)）、.．]|\d{1,2}\s+|"
                        r"第[一二三四五六七八九十\d]{1,3}[章节部分个]?[、:：.．\s]|[①-⑳])\s*")


def strip_numbering(line: str) -> str:
    """'一、北京市' / '(2)日照市…' / '01 北京市' / '第三、…' -> the heading without its number."""
    return _NUMBERING.sub("", line, count=1)


def _balanced_strip(s: str) -> str:
    """Drop quote marks that open or close nothing at the ends of s."""
    changed = True
    while changed and s:
        changed = False
        if s[0] in _OPEN_Q and s.count(s[0]) > s.count(_CLOSE_Q[_OPEN_Q.index(s[0])]):
            s, changed = s[1:], True
        elif s[-1] in _CLOSE_Q and s.count(s[-1]) > s.count(_OPEN_Q[_CLOSE_Q.index(s[-1])]):
            s, changed = s[:-1], True
        elif s[0] in "\"'" and s.count(s[0]) % 2 == 1:
            s, changed = s[1:], True
        elif s[-1] in "\"'" and s.count(s[-1]) % 2 == 1:
            s, changed = s[:-1], True
        s = s.strip(" \t\u3000")
    return s


def clean_title(s: str, limit: int | None = None) -> str:
    """A title as a reader would write it: single spaces, no stray quote marks, no trailing
    punctuation. A title wholly wrapped in one pair of quotes or book-title marks loses them."""
    s = re.sub(r"\s+", " ", s).strip()
    # spaces between Han characters are extraction noise
    s = re.sub(f"(?<=[{HAN}“”]) (?=[{HAN}“”])", "", s)
    s = s.strip(_TRIM)
    s = _balanced_strip(s)
    if len(s) > 2 and s[0] + s[-1] in ("“”", "《》", "「」", "『』") and s.count(s[0]) == 1:
        s = s[1:-1]
    s = s.strip(_TRIM)
    # a quote opened near the end and never closed: the title was cut before its closing mark
    if s.count("“") == s.count("”") + 1 and s.rfind("“") > s.rfind("”") and len(s) - s.rfind("“") <= 13:
        s += "”"
    if limit and len(s) > limit:
        s = s[:limit].rstrip(_TRIM)
    return s


def first_title(text: str, limit: int = 60) -> str:
    for _, _, line in lines_with_spans(text):
        if is_chrome_line(line) and not re.search(f"[{HAN}]", line):
            continue
        # a first line that runs on into prose: its first sentence
        m = re.search(f"[{_SENT_END}]", line)
        if m and m.start() >= 4:
            line = line[:m.start()]
        t = clean_title(line, limit)
        if t:
            return t
    return ""


# ---------------------------------------------------------------- short names
# generic technology words: a quoted one of these names a concept, not a particular platform
GENERIC_TERMS = {
    "城市大脑", "健康码", "场所码", "一网通办", "一网统管", "一网协同", "一网通管", "互联网+",
    "互联网+政务服务", "最多跑一次", "一件事一次办", "放管服", "数字政府", "智慧城市", "一码通",
    "掌上办", "指尖办", "跨省通办", "全市通办", "一张图", "一网通查", "一网通答", "好差评",
}
_PLATFORM_WORD = r"(?:平台|系统|APP|App|app|小程序|客户端|公众号|门户)"
_NICK = f"[{HAN}A-Za-z0-9·?？]{{2,8}}"


def _fix_nick(s: str) -> str:
    # a "?" between two Han characters stands for a character the copy could not encode (a middle dot)
    return re.sub(f"(?<=[{HAN}])[?？](?=[{HAN}])", "·", s)


def _ok_nick(s: str) -> bool:
    if s in GENERIC_TERMS or not re.search(f"[{HAN}]", s):
        return False
    if re.fullmatch(r"[0-9A-Za-z+·]+", s):
        return False
    return True


def find_short_name(title: str, body: str = "") -> str | None:
    """The platform's nickname when the text gives one in “” (津心办, 粤省事 …); else None.

    Conservative rules, in order:
    1. the body defines it: (下称|简称|以下简称 “X”);
    2. the title ends with a descriptive platform name followed by its quoted name:
       "…平台“X”" / "…系统“X”" / "…APP“X”"; or the title is "“X”<short description><platform word>"
       ("“津治通”全市一体化社会治理信息化平台", "广东省“粤省事”移动政务服务平台"); or the title is an
       app's name ("智慧株洲·诸事达APP");
    3. the body opens with the quoted name as the subject, followed by a platform word or a
       bracketed platform description: "“X”平台是…", "“X”(…平台)…".
    Generic technology words (城市大脑, 健康码 …) are never nicknames.
    """
    for m in re.finditer(f"(?:下称|简称|以下简称)[为:：]?“({_NICK})”", body[:2000]):
        nick = _fix_nick(m.group(1))
        if _ok_nick(nick):
            return nick
    m = re.search(f"{_PLATFORM_WORD}“({_NICK})”$", title)
    if m and _ok_nick(_fix_nick(m.group(1))):
        return _fix_nick(m.group(1))
    # “X” followed by a short description that ends in a platform word: “津治通”全市一体化…信息化平台
    m = re.search(f"“({_NICK})”[{HAN}]{{0,14}}{_PLATFORM_WORD}$", title)
    if m and _ok_nick(_fix_nick(m.group(1))):
        return _fix_nick(m.group(1))
    # the title is an app's name: 智慧株洲·诸事达APP
    m = re.fullmatch(f"([{HAN}·]{{2,10}})(?:APP|App|app|小程序)", title)
    if m and _ok_nick(m.group(1)) and not re.search(r"(?:服务|平台|系统|政务|移动端|手机)$", m.group(1)):
        return m.group(1)
    lead = body.lstrip()[:200]
    m = re.match(f"“({_NICK})”(?:{_PLATFORM_WORD}|[（(][^）)]{{0,30}}{_PLATFORM_WORD}[）)])", lead)
    if m and _ok_nick(_fix_nick(m.group(1))):
        return _fix_nick(m.group(1))
    return None


def make_place_text(title: str, unit: str | None, text: str, body_start: int | None,
                    body_end: int | None, skip_first_line: bool = False) -> str:
    """title + reporting unit + first paragraph of the body."""
    parts = [title]
    if unit:
        parts.append(unit)
    if body_start is not None and body_end is not None:
        lines = list(lines_with_spans(text, body_start, body_end))
        if skip_first_line and lines:
            lines = lines[1:]
        if lines:
            # a labelled paragraph ("概述:…") gives its text without the label
            parts.append(re.sub(r"^(?:概述|简介|案例简介|摘要|背景|案例背景)\s*[:：]\s*", "", lines[0][2])[:300])
    return "\n".join(p for p in parts if p)
