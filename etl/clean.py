"""Cleaning layer: raw document text -> ``Cleaned`` (Simplified text + offset map back to raw).

Every step is a small pure function over a text. Apart from the Traditional -> Simplified conversion,
every step only *deletes* characters: it returns the spans to delete and the pipeline applies them to
the text and to the offset map at once (steps grouped in passes, see ``_PASSES_*``). The offset map
is kept as linear segments (raw start, length), so the work is linear in the text (regex scans,
slicing, a Python loop per *edit*, never per character); the per-character ``offsets`` list is built
only at the end, from ranges.

Steps (in order), see ``clean``:
  1. invisible characters (BOM, zero-width, the CR of CRLF)          ``invisible_spans``
  2. pinyin readings glued into words (數(shù)字 -> 數字)              ``pinyin_spans``
  3. Traditional -> Simplified (OpenCC t2s, length changes mapped)   ``t2s_with_map``
  4. document-sharing site chunk markers "\n\nNNN、" (a numbered
     sequence, also inside numbers) and the site chrome around them  ``chunk_marker_spans``
  5. web chrome lines (close buttons, share bars, view counters,
     fold markers, platform disclaimers, download boxes)             ``chrome_line_spans``
  6. running page headers "<title>(2022 年)NN"                      ``page_header_spans``
  7. headings printed twice by the PDF extraction                   ``doubled_heading_spans``
  8. stray blanks next to Chinese / around digits (kept between
     Latin words and between two Han characters)                    ``space_spans``
  9. blank-line runs and leading/trailing whitespace               ``blank_line_spans``
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate, chain
from operator import add
from typing import Callable, Iterable

import numpy as np

from etl.script import to_simplified

Span = tuple[int, int]


# --------------------------------------------------------------------------------------------------
# Result type
# --------------------------------------------------------------------------------------------------
@dataclass
class Cleaned:
    text: str                 # cleaned Simplified text
    offsets: list[int]        # len(text) + 1 entries; offsets[i] = raw index of the char that became
                              # text[i]; offsets[len(text)] = len(raw). Monotonic non-decreasing.

    # ``clean`` leaves ``offsets`` out and keeps the offset map as segments instead: the per-character
    # list is built on first access (``__getattr__``), and ``raw_span`` reads the segments directly,
    # which is all the pipeline needs.
    @classmethod
    def _from_segments(cls, text: str, srcs: list[int], lens: list[int], raw_len: int) -> "Cleaned":
        c = cls.__new__(cls)
        c.text = text
        c._segs = (list(accumulate(lens, initial=0)), srcs, lens, raw_len)
        return c

    def __getattr__(self, name: str):
        if name == "offsets":
            segs = self.__dict__.get("_segs")
            if segs is not None:
                _, srcs, lens, raw_len = segs
                self.offsets = offs = _segs_to_offsets(srcs, lens, raw_len)
                return offs
        raise AttributeError(name)

    def _offset(self, i: int) -> int:
        """offsets[i] without building the list (0 <= i <= len(text))."""
        starts, srcs, _, raw_len = self._segs
        if i >= starts[-1]:
            return raw_len
        k = bisect.bisect_right(starts, i) - 1
        return srcs[k] + (i - starts[k])

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw [start, end) covering cleaned text[start:end] (end = raw index after the last char)."""
        n = len(self.text)
        start = max(0, min(start, n))
        end = max(start, min(end, n))
        d = self.__dict__
        if "offsets" not in d and "_segs" in d:
            s = self._offset(start)
            return (s, s) if end == start else (s, self._offset(end - 1) + 1)
        if end == start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1

    def clean_span(self, raw_start: int, raw_end: int) -> tuple[int, int]:
        """Cleaned [start, end) of the chars that come from raw[raw_start:raw_end] (the inverse of
        ``raw_span``; characters deleted by cleaning simply have no image)."""
        offs = self.offsets
        n = len(self.text)
        s = bisect.bisect_left(offs, raw_start, 0, n)
        e = bisect.bisect_left(offs, raw_end, s, n)
        return s, e


# --------------------------------------------------------------------------------------------------
# Offset map: linear segments (raw start, length) in text order, covering the current text; a
# segment's start in the current text is the sum of the lengths before it. ``Segs`` (cur start,
# src start, length) is the form t2s_with_map returns.
# --------------------------------------------------------------------------------------------------
Segs = list[tuple[int, int, int]]


def _normalize(spans: Iterable[Span]) -> list[Span]:
    """Sort, drop empty, merge overlapping/adjacent spans."""
    sp = sorted(spans)
    out: list[Span] = []
    ls = le = -1
    for s, e in sp:
        if e <= s:
            continue
        if s <= le:
            if e > le:
                le = e
        else:
            if le >= 0:
                out.append((ls, le))
            ls, le = s, e
    if le >= 0:
        out.append((ls, le))
    return out


def apply_deletions(text: str, dels: list[Span]) -> str:
    """``text`` without the (normalized) spans ``dels``."""
    if not dels:
        return text
    a = [0] + [e for _, e in dels]
    b = [s for s, _ in dels] + [len(text)]
    return "".join([text[x:y] for x, y in zip(a, b)])


def _delete_segs(srcs: list[int], lens: list[int], dels: list[Span]) -> tuple[list[int], list[int]]:
    """The offset map (segments: source start, length; current starts implicit) after deleting the
    normalized spans ``dels`` (current coordinates). Untouched segments are copied by slicing."""
    if not dels:
        return srcs, lens
    if len(srcs) == 1:          # fast path (the first pass): the kept runs between the deletions
        total, base = lens[0], srcs[0]
        a = [0] + [e for _, e in dels]
        b = [s for s, _ in dels] + [total]
        keep = [(x, y - x) for x, y in zip(a, b) if y > x]
        return [base + x for x, _ in keep], [n for _, n in keep]
    starts = list(accumulate(lens, initial=0))
    total = starts[-1]
    ns: list[int] = []
    nl: list[int] = []
    br, bl = bisect.bisect_right, bisect.bisect_left

    def emit(a: int, b: int) -> None:
        if a >= b:
            return
        k1 = br(starts, a) - 1
        k2 = bl(starts, b) - 1
        if k1 == k2:
            ns.append(srcs[k1] + a - starts[k1])
            nl.append(b - a)
            return
        ns.append(srcs[k1] + a - starts[k1])
        nl.append(starts[k1 + 1] - a)
        if k2 > k1 + 1:
            ns.extend(srcs[k1 + 1:k2])
            nl.extend(lens[k1 + 1:k2])
        ns.append(srcs[k2])
        nl.append(b - starts[k2])

    cut = 0
    for ds, de in dels:
        emit(cut, ds)
        cut = de
    emit(cut, total)
    return ns, nl


def _compose(outer: Segs, srcs: list[int], lens: list[int]) -> tuple[list[int], list[int]]:
    """Map text2 -> raw from ``outer`` (text2 -> text1 segments) and (srcs, lens) (text1 -> raw)."""
    starts = list(accumulate(lens, initial=0))
    ns: list[int] = []
    nl: list[int] = []
    for _, s, n in outer:
        a, e = s, s + n            # split [s, s+n) of text1 along the inner segments
        while a < e:
            k = bisect.bisect_right(starts, a) - 1
            take = min(e, starts[k + 1]) - a
            ns.append(srcs[k] + (a - starts[k]))
            nl.append(take)
            a += take
    return ns, nl


def _segs_to_offsets(srcs: list[int], lens: list[int], raw_len: int) -> list[int]:
    offs = list(chain.from_iterable(map(range, srcs, map(add, srcs, lens))))
    offs.append(raw_len)
    return offs


class _Work:
    """Current text + offset map, with deletion steps applied in turn."""

    def __init__(self, text: str):
        self.text = text
        self.srcs: list[int] = [0] if text else []
        self.lens: list[int] = [len(text)] if text else []

    def delete(self, spans: Iterable[Span]) -> None:
        dels = _normalize(spans)
        if dels:
            self.text = apply_deletions(self.text, dels)
            self.srcs, self.lens = _delete_segs(self.srcs, self.lens, dels)

    def offsets(self, raw_len: int) -> list[int]:
        return _segs_to_offsets(self.srcs, self.lens, raw_len)


# --------------------------------------------------------------------------------------------------
# Character classes
# --------------------------------------------------------------------------------------------------
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"
CJK = HAN + CJK_PUNCT
_HAN_CH = re.compile(f"[{HAN}]")
SP = " \t\u00a0\u3000\u2002\u2003\u2009\u200a"  # blanks other than newlines

# --------------------------------------------------------------------------------------------------
# 1. invisible characters
# --------------------------------------------------------------------------------------------------
_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060]")
_CR = re.compile("\r(?=\n)")


_INVISIBLE_CHARS = "\ufeff\u200b\u200c\u200d\u2060"       # _INVISIBLE's class


def invisible_spans(text: str) -> list[Span]:
    """BOM and zero-width characters, and the CR of each CRLF."""
    out = []                      # = [m.span() for m in _INVISIBLE.finditer(text)], by str.find (a
    for ch in _INVISIBLE_CHARS:   # regex class scan costs ~10 ns per character, find ~0.5)
        i = text.find(ch)
        while i >= 0:
            out.append((i, i + 1))
            i = text.find(ch, i + 1)
    out.sort()
    if "\r" in text:
        out += [m.span() for m in _CR.finditer(text)]
    return out


# --------------------------------------------------------------------------------------------------
# 2. pinyin readings glued into words: 數(shù)字, 時(shí)間(jiān), 理(lǐ)
# --------------------------------------------------------------------------------------------------
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PY_LETTER = "a-zü" + _TONED
# toneless readings accepted only for the neutral-tone syllables (particles, suffixes)
_NEUTRAL = {"de", "le", "ma", "me", "ne", "ba", "zi", "men", "ge", "zhe", "la", "ya", "wa", "na",
            "li", "tou", "shang", "xia", "lai", "qu", "a", "o"}
_PY = "[" + _PY_LETTER + "]"
_PINYIN = re.compile(
    rf"[\((](?<=[{HAN}][\((])[ ]?"              # "(" right after a Han character
    rf"(?:{_PY}*[{_TONED}]{_PY}*(?: {_PY}{{1,7}}){{0,3}}"   # a reading with a tone mark ...
    rf"|(?:{'|'.join(sorted(_NEUTRAL, key=len, reverse=True))}))"   # ... or a neutral syllable
    rf"[ ]?[\))]")


def pinyin_spans(text: str) -> list[Span]:
    """Spans of parenthesised pinyin readings right after a Han character.

    A reading is lowercase Latin letters (ü and tone-marked vowels included) with at least one tone
    mark, or one of the few toneless neutral syllables ("(de)"). Real parentheses are left alone:
    Chinese (市(州)), numbers ((2018-2020年)), enumerators ((一)), upper-case abbreviations ((APP)).
    """
    return [m.span() for m in _PINYIN.finditer(text)]


# --------------------------------------------------------------------------------------------------
# 3. Traditional -> Simplified with an offset map
# --------------------------------------------------------------------------------------------------
_HAN_RUN = re.compile(f"[{HAN}]+")


def t2s_with_map(text: str, convert: Callable[[str], str] = to_simplified) -> tuple[str, Segs]:
    """``convert(text)`` and a map converted -> original positions.

    OpenCC converts phrase-wise and may, rarely, change a phrase's length. The whole text is
    converted at once (fast path: same length -> identity map). Otherwise each line is converted
    alone; a line whose length changed is converted run by run (Han runs; everything else is kept as
    is, so digits and Latin map exactly), and a Han run whose length changed is mapped
    proportionally, char by char, inside the run.
    """
    conv = convert(text)
    if len(conv) == len(text):
        return conv, ([(0, 0, len(text))] if text else [])
    out_parts: list[str] = []
    segs: Segs = []
    pos = 0

    def keep(piece: str, src: int) -> None:
        nonlocal pos
        if piece:
            out_parts.append(piece)
            segs.append((pos, src, len(piece)))
            pos += len(piece)

    line_start = 0
    for line in text.split("\n"):
        lc = convert(line)
        if len(lc) == len(line):
            keep(lc, line_start)
        else:
            prev = 0
            for m in _HAN_RUN.finditer(line):
                keep(line[prev:m.start()], line_start + prev)   # non-Han: unchanged
                run = m.group(0)
                rc = convert(run)
                if len(rc) == len(run):
                    keep(rc, line_start + m.start())
                else:
                    a, b = len(run), len(rc)
                    out_parts.append(rc)
                    for j in range(b):
                        segs.append((pos + j, line_start + m.start() + (j * a) // b, 1))
                    pos += b
                prev = m.end()
            keep(line[prev:], line_start + prev)
        line_start += len(line) + 1
        if line_start <= len(text):
            keep("\n", line_start - 1)
    return "".join(out_parts), segs


# --------------------------------------------------------------------------------------------------
# 4. document-sharing site chunk markers
# --------------------------------------------------------------------------------------------------
_MARKER = re.compile(rf"\n[{SP}]*(\d{{1,5}})、")
_MARKER0 = re.compile(rf"[{SP}]*(\d{{1,5}})、")
_SENT_END = set("。!?;:!?;:”」』)】》.")


def find_marker_chain(text: str) -> list[re.Match]:
    """The site's chunk markers: line-start "N、" numbered 1, 2, 3 … in sequence.

    A real enumerator at a line start breaks the sequence and is skipped. The chain counts only when
    it looks like a site's chunking, not like a real numbered list: at least five markers, cutting
    sentences (>= 30 % right after a character that ends no sentence), chunks of one line each and of
    some length (median >= 80 characters)."""
    chain: list[re.Match] = []
    expected = 1
    m0 = _MARKER0.match(text)
    for m in ([m0] if m0 else []) + list(_MARKER.finditer(text)):
        if int(m.group(1)) == expected:
            chain.append(m)
            expected += 1
    if len(chain) < 5:
        return []
    mid = 0
    multi_line = 0
    lengths = []
    for prev, m in zip(chain, chain[1:]):
        k = m.start() - 1
        while k >= 0 and text[k].isspace():
            k -= 1
        if k >= 0 and text[k] not in _SENT_END:
            mid += 1
        chunk = text[prev.end():k + 1]
        lengths.append(len(chunk))
        if "\n" in chunk:
            multi_line += 1
    n = len(chain) - 1
    lengths.sort()
    if mid < 0.3 * n or multi_line > 0.2 * n or lengths[n // 2] < 80:
        return []
    return chain


def chunk_marker_spans(text: str) -> list[Span]:
    """Spans of the chunk markers (with the blank line before each) and of the site chrome: before the
    first marker and after the last chunk (chunks are single lines)."""
    chain = find_marker_chain(text)
    if not chain:
        return []
    out = [(0, chain[0].end())]
    for m in chain[1:]:
        k = m.start()
        while k > 0 and text[k - 1].isspace():
            k -= 1
        out.append((k, m.end()))
    tail = text.find("\n", chain[-1].end())
    end = tail if tail >= 0 else len(text)
    if tail >= 0:
        out.append((tail, len(text)))
    # the site's name (the chrome's first line, repeated in its breadcrumb) is also stamped into the
    # extracted text now and then ("…车辆监管上海品茶.99"): remove it there too
    head = text[:chain[0].start()]
    lines = [ln.strip() for ln in head.split("\n") if ln.strip()]
    if lines and 2 <= len(lines[0]) <= 12 and head.count(lines[0]) >= 2:
        name = lines[0]
        i = text.find(name, chain[0].end(), end)
        while i >= 0:
            out.append((i, i + len(name)))
            i = text.find(name, i + len(name), end)
    return out


# --------------------------------------------------------------------------------------------------
# 5. web chrome lines
# --------------------------------------------------------------------------------------------------
_CHROME_LINE_PATTERNS = [
    r"[×✕✖╳]",                                               # close button
    r"[A-Z]{2,}(?: [A-Z]{2,}){1,4}",                           # NEWS CENTER (nav caption)
    r"(?:新闻|资讯)(?:中心|动态|资讯|频道)",
    r"(?:展开|阅读|查看)全文|点击展开(?:全文)?|收起全文|展开",
    r"分享到[::]?|扫一扫[^\n]{0,20}|微信扫一扫[^\n]{0,20}|扫描二维码[^\n]{0,20}",
    r"(?:微信|微博|QQ|QQ空间|朋友圈|豆瓣|复制链接|打印|关闭|返回顶部|回到顶部|返回列表|收藏|举报|"
    r"打印本页|关闭窗口|【打印】|【关闭】)",
    # a page's date and view counter: "时间:2020-05-09 10:27:07 次数:3801" (the line ends with the count)
    r"(?:[^\n]{0,20}?\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}[^\n]{0,30}?)?"
    r"(?:浏览|阅读|点击|访问)?(?:次数|量)[::][ ]*\d+",
    r"(?:特别声明|免责声明|郑重声明)[::][^\n]*(?:平台|本站|本网|自媒体|用户上传|信息存储)[^\n]*",
    r"Notice[::][^\n]*(?:platform|information storage|uploaded)[^\n]*",
    r"(?:您的)?当前位置[::][^\n]*",
    r"[^\n]{0,40}下载积分[^\n]*|编号[::]\s*\d+[^\n]{0,40}?(?:PDF|DOCX?|页|MB)[^\n]*",   # download box
    r"[^\n]{2,100}\.(?:pdf|PDF|docx?|DOCX?|pptx?|PPTX?)",                              # file name line
    r"(?:友情提示|温馨提示)(?:[::][^\n]*(?:下载|本站|网速)[^\n]*)?",
    r"[^\n]{0,20}请您?先登录[!!。]?",
]
_CHROME_LINE = re.compile(
    rf"(?m)^[{SP}]*(?:{'|'.join(_CHROME_LINE_PATTERNS)})[{SP}]*(?:\n|\Z)")


def chrome_line_spans(text: str) -> list[Span]:
    """Whole lines that are web-page chrome (generic patterns, matched on Simplified text)."""
    return [m.span() for m in _CHROME_LINE.finditer(text)]


# --------------------------------------------------------------------------------------------------
# 6. running page headers "<document title>(2022 年)NN"
# --------------------------------------------------------------------------------------------------
_DIGIT_RUN = re.compile(r"\d+")
# code points outside ASCII / fullwidth digits where other Unicode decimal digits (``\d``) live
_U32 = np.uint32


def _code_points(text: str) -> np.ndarray:
    """The code points of ``text`` (index i = text[i])."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=_U32)


def _decimal_mask(text: str, a: np.ndarray) -> np.ndarray:
    """Which characters ``\\d`` matches: ASCII and fullwidth digits vectorised; any other code point
    where Unicode decimal digits live is tested with str.isdecimal (the test ``\\d`` makes)."""
    isd = ((a - _U32(0x30)) < _U32(10)) | ((a - _U32(0xFF10)) < _U32(10))
    rare = (((a - _U32(0x660)) < _U32(0x2000 - 0x660)) | ((a - _U32(0xA620)) < _U32(0xAC00 - 0xA620))
            | (a >= _U32(0x10000)))
    if rare.any():
        for i in np.flatnonzero(rare).tolist():
            isd[i] = text[i].isdecimal()
    return isd


def _digit_run_starts(text: str, pos: int = 0) -> list[int]:
    r"""``[m.start() for m in _DIGIT_RUN.finditer(text, pos)]``, vectorised over the code points (a
    regex scan costs ~30 ns per character for ``\d``; Unicode decimals are ASCII and fullwidth digits,
    any other candidate code point is checked with str.isdecimal, the test ``\d`` uses)."""
    if pos >= len(text):
        return []
    isd = _decimal_mask(text, _code_points(text))
    run = isd[pos:].copy()
    run[1:] &= ~isd[pos:-1]
    return (np.flatnonzero(run) + pos).tolist()


def find_running_header(text: str, min_count: int = 5) -> str | None:
    """The running page header: a title repeated before a page number on every page.

    Found from the six characters before each digit run: a string that comes back >= ``min_count``
    times is extended to the left as long as >= 80 % of its places agree, and kept when it holds
    >= 4 Han characters and the numbers after it count pages (mostly +1, +2 or +3 steps)."""
    starts = _digit_run_starts(text, 6)      # [m.start() for m in _DIGIT_RUN.finditer(text, 6)]
    keys = [text[i - 6:i] for i in starts]
    top = {k for k, n in Counter(keys).most_common(8) if n >= min_count and "\n" not in k
           and k[-1] not in ".,"}
    if not top:
        return None
    places: dict[str, list[int]] = {k: [] for k in top}
    for i, k in zip(starts, keys):
        if k in top:
            places[k].append(i)
    for n, key in sorted(((len(v), k) for k, v in places.items()), reverse=True):
        starts = places[key]
        if not _counts_pages([_DIGITS.match(text, i).group(0) for i in starts]):
            continue                                  # cheap test first: do the numbers count pages?
        need = 0.8 * n
        best = key
        for L in range(7, 61):
            counts: dict[str, int] = {}
            for i in starts:
                if i >= L:
                    pre = text[i - L:i]
                    counts[pre] = counts.get(pre, 0) + 1
            pre, k = max(counts.items(), key=lambda kv: kv[1]) if counts else ("", 0)
            if k < need or "\n" in pre:
                break
            best = pre
        header = best.lstrip(SP)
        if _n_han(header) < 4:
            continue
        numbers = [_DIGITS.match(text, i).group(0) for i in starts if text.startswith(best, i - len(best))]
        if _counts_pages(numbers):
            return header
    return None


def _header_pattern(header: str) -> re.Pattern:
    # the header with its blanks anywhere (a chunk marker may have cut it: "(2022\n\n147、年)82")
    body = re.sub(f"[{SP}]+", "", header)
    return re.compile(f"[{SP}]*".join(re.escape(ch) for ch in body) + rf"[{SP}]*(\d+)")


def _page_sequence(text: str, header: str) -> list[tuple[re.Match, int]]:
    """(match, digits used) for each header occurrence, page numbers read along the sequence."""
    ms = list(_header_pattern(header).finditer(text))
    read = _read_pages([m.group(1) for m in ms])
    return [(m, k) for m, (_, k) in zip(ms, read)]


def _read_pages(numbers: list[str]) -> list[tuple[int, int]]:
    """(page, digits used) at the start of the digit runs after each header, read along the sequence."""
    out: list[tuple[int, int]] = []
    prev: int | None = None
    for i, digits in enumerate(numbers):
        nxt = numbers[i + 1] if i + 1 < len(numbers) else None
        k = _page_number(digits, prev, nxt)
        prev = int(digits[:k])
        out.append((prev, k))
    return out


def _counts_pages(numbers: list[str]) -> bool:
    pages = [p for p, _ in _read_pages(numbers)]
    if len(pages) < 3:
        return False
    steps = sum(1 for a, b in zip(pages, pages[1:]) if 1 <= b - a <= 3)
    return steps >= 0.6 * (len(pages) - 1)


def _page_number(digits: str, prev: int | None, nxt: str | None) -> int:
    """How many leading digits of ``digits`` are the page number (the page sequence decides)."""
    kmax = min(4, len(digits))          # the candidate numbers are digits[:k], k = 1 … kmax
    if prev is not None:
        for step in (1, 2, 3):
            want = str(prev + step)
            if len(want) <= kmax and digits.startswith(want):
                return len(want)
        for k in range(1, kmax + 1):                     # a page without header: the nearest
            if int(digits[:k]) > prev:
                return k
        return kmax
    if nxt is not None:  # first header: the one whose successor follows it
        for k in range(1, kmax + 1):
            p = int(digits[:k])
            if nxt.startswith(str(p + 1)) or nxt.startswith(str(p + 2)):
                return k
    return 1 if len(digits) > 3 else len(digits)


def page_header_spans(text: str) -> list[Span]:
    header = find_running_header(text)
    if header is None:
        return []
    return [(m.start(), m.start(1) + k) for m, k in _page_sequence(text, header)]


# --------------------------------------------------------------------------------------------------
# 7. headings printed twice ("前言前言", "(二)宣城市…(二)宣城市…", interleaved per line/run)
# --------------------------------------------------------------------------------------------------
_NUM = "一二三四五六七八九十百"
# heading starts: after a sentence end / line break, a TOC page number ".318" or a cover's date
# "2023年2月", where a doubling
# follows (found in one regex scan), and at enumerators "(二)" / "二、"
# (one leading character class, then the three kinds told apart by a look-behind: the regex engine
# skips non-candidate positions fast; same matches as "(?:[\n。!?;!?;]|\.\d{1,3}(?!\d)|\d{4}年\d{1,2}月)…")
_BOUNDARY_DOUBLE = re.compile(r"[\n。!?;!?;.\d](?:(?<=[\n。!?;!?;])|(?<=\.)\d{1,3}(?!\d)|(?<=\d)\d{3}年\d{1,2}月)"
                              r"([^\n。]{2,80}?)\1")
_BD_STOPS = np.array([ord(c) for c in "\n。!?;"], dtype=_U32)     # the first kind's characters


def _boundary_double_starts(text: str, min_len: int = 20000) -> list[int]:
    """``[m.start(1) for m in _BOUNDARY_DOUBLE.finditer(text)]``. For long texts the boundaries are
    found with numpy and the regex is run only at those where the two characters after the boundary
    come back within 80 characters (a doubling needs that), in finditer's order and without overlap."""
    n = len(text)
    if n < min_len:
        return [m.start(1) for m in _BOUNDARY_DOUBLE.finditer(text)]
    a = _code_points(text)
    isd = _decimal_mask(text, a)
    pad = np.full(n + 90, 0xFFFFFFFF, dtype=_U32)   # never a character
    pad[:n] = a
    dpad = np.zeros(n + 90, dtype=bool)
    dpad[:n] = isd
    toks: list[np.ndarray] = []
    qs: list[np.ndarray] = []
    stop = a == _BD_STOPS[0]
    for c in _BD_STOPS[1:]:
        stop |= a == c
    p1 = np.flatnonzero(stop)                                   # [\n。!?;]
    toks.append(p1)
    qs.append(p1 + 1)
    dots = np.flatnonzero((a == _U32(ord("."))) & dpad[1:n + 1])   # \.\d{1,3}(?!\d)
    if dots.size:
        ln = np.zeros(dots.shape, dtype=np.int64)
        alive = np.ones(dots.shape, dtype=bool)
        for k in range(1, 5):
            alive &= dpad[dots + k]
            ln += alive
        ok = ln <= 3
        toks.append(dots[ok])
        qs.append(dots[ok] + 1 + ln[ok])
    nian = np.flatnonzero(pad[4:n + 4] == _U32(ord("年")))       # \d{4}年\d{1,2}月 at p = nian
    if nian.size:
        ok = dpad[nian] & dpad[nian + 1] & dpad[nian + 2] & dpad[nian + 3] & dpad[nian + 5]
        two = ok & dpad[nian + 6] & (pad[nian + 7] == _U32(ord("月")))
        one = ok & ~two & (pad[nian + 6] == _U32(ord("月")))
        toks += [nian[two], nian[one]]
        qs += [nian[two] + 8, nian[one] + 7]
    p = np.concatenate(toks)
    q = np.concatenate(qs)
    order = np.argsort(p, kind="stable")
    p, q = p[order], q[order]
    out: list[int] = []
    done = 0
    find = text.find
    for start, g in zip(p.tolist(), q.tolist()):
        if start < done:
            continue
        # necessary for a doubling at g: its first two characters come back within 80, and the two
        # copies hold no line break or 。
        j = find(text[g:g + 2], g + 2, g + 82)
        if j < 0:
            continue
        lim = g + 2 * (j - g)
        if find("\n", g, lim) >= 0 or find("。", g, lim) >= 0:
            continue
        m = _BOUNDARY_DOUBLE.match(text, start)
        if m:
            out.append(m.start(1))
            done = m.end()
    return out


_ENUM_CAND = re.compile(     # one leading character class, for a fast scan
    rf"[\((" + _NUM + rf"](?:(?<=[\((])[{_NUM}]{{1,4}}[\))]|(?<=[{_NUM}])[{_NUM}]{{0,3}}、)")
_ENUM_AT = re.compile(rf"[\((][{_NUM}]{{1,4}}[\))]|[{_NUM}]{{1,4}}、")
_SKIP = re.compile(r"[0-9A-Za-z+\-./·&_ ((]{1,12}")
_DIGITS = re.compile(r"\d+")


def _n_han(s: str) -> int:
    return len(_HAN_CH.findall(s))


def _double_len(text: str, q: int, min_len: int = 2, max_len: int = 80) -> int:
    """Smallest L in [min_len, max_len] with text[q:q+L] == text[q+L:q+2L] (no line break), else 0."""
    head = text[q:q + 2]
    if len(head) < 2 or "\n" in head:
        return 0
    lim = text.find("\n", q, q + 2 * max_len)
    lim = q + 2 * max_len if lim < 0 else lim
    j = text.find(head, q + min_len, lim)
    while j >= 0:
        L = j - q
        if j + L > lim:
            return 0
        if text.startswith(text[q:j], j):
            return L
        j = text.find(head, j + 1, lim)
    return 0


def _doubled_at(text: str, q: int) -> int:
    """Length L of the heading run doubled at q (text[q:q+L] == text[q+L:q+2L]), 0 if none.

    The run must hold a Han character, or be a digit run printed twice ("20222022" -> L = 4)."""
    L = _double_len(text, q)
    if not L:
        return 0
    if _HAN_CH.search(text, q, q + L):
        return L
    d = _DIGITS.match(text, q)
    if d:
        run = d.group(0)          # a doubled digit run: halve the whole run (20202020 -> 2020)
        h = len(run) // 2
        if h and len(run) % 2 == 0 and run[:h] == run[h:]:
            return h
    return 0


def _continue(text: str, q: int, dels: list[Span], depth: int = 0) -> int:
    """Collapse the further doubled runs of a heading from q on; returns the new scan position."""
    while depth < 20:
        depth += 1
        L = _doubled_at(text, q)
        p = q
        if not L:
            sk = _SKIP.match(text, q)
            if not sk:
                return q
            for p in range(q + 1, sk.end() + 1):   # the shortest undoubled run before a doubled one
                L = _doubled_at(text, p)
                if L:
                    break
            if not L:
                return q
        if not _HAN_CH.search(text, p, p + L):
            # a doubled digit run only inside a heading: a doubled Han run must follow
            trial: list[Span] = []
            r = _continue(text, p + 2 * L, trial, depth)
            if not trial:
                return q
            dels.append((p + L, p + 2 * L))
            dels.extend(trial)
            return r
        dels.append((p + L, p + 2 * L))
        q = p + 2 * L
    return q


def doubled_heading_spans(text: str) -> list[Span]:
    """Spans of the second copies of headings printed twice.

    Looked for only where a heading can start (text/line start, after a sentence end or a table of
    contents page number, at an enumerator "(二)" / "二、"), never in running prose, so real
    reduplications (层层, 常常) stay. The first doubled run must hold >= 2 Han characters; the
    heading may go on with further doubled runs (one per extracted line or font run), possibly with
    undoubled Latin/digit runs between ("(四)包头市以“(四)包头市以“1+1+N”模式…”模式…").
    At an enumerator the doubled heading may start a few characters on ("二、市场监管类天津市…天津市…").
    """
    dels: list[Span] = []
    done = -1

    def at(p: int, enum: bool) -> None:
        nonlocal done
        if p < done:
            return
        L = _doubled_at(text, p)
        if L and _n_han(text[p:p + L]) >= 2:
            dels.append((p + L, p + 2 * L))
            done = _continue(text, p + 2 * L, dels)
            return
        if enum and text[p] not in "((" and not (p and _HAN_CH.match(text, p - 1)):
            # a category heading "二、市场监管类" may run straight into a doubled case heading
            for s in range(p + 2, min(p + 13, len(text))):
                if text[s] == "\n":
                    return
                L = _double_len(text, s, 4)
                if L and _n_han(text[s:s + L]) >= 3:
                    dels.append((s + L, s + 2 * L))
                    done = _continue(text, s + 2 * L, dels)
                    return

    cands = [(0, bool(_ENUM_AT.match(text, 0)))]
    cands += [(q, False) for q in _boundary_double_starts(text)]   # _BOUNDARY_DOUBLE's group starts
    cands += [(m.start(), True) for m in _ENUM_CAND.finditer(text)]
    cands.sort()
    for p, enum in cands:
        at(p, enum)
    return dels


# --------------------------------------------------------------------------------------------------
# 8. stray spaces
# --------------------------------------------------------------------------------------------------
_SPACE_RUN = re.compile(f"[{SP}]+")
_HAN_SET = frozenset(chr(c) for a, b in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
                     for c in range(a, b + 1))
_SPACE_NEIGHBOURS = frozenset(
    "\n" + "".join(chr(c) for a, b in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x3000, 0x303F),
                                        (0xFF00, 0xFFEF)) for c in range(a, b + 1))
    + "\u2018\u2019\u201c\u201d\u2014\u2026\u00b7")


def _space_spans_loop(text: str) -> list[Span]:
    """``space_spans`` one blank run at a time (the reference the vectorised version must equal).

    Blanks between a Chinese character or punctuation and a Latin letter / digit / punctuation
    (数据量达 648.39 亿条, 2022 年, 金山区 AI), between a number and its % sign, and at line ends.
    Blanks between Latin words / numbers stay, and so do blanks between two Han characters (a real
    separator as often as not: “守信快办 失信制约”)."""
    out = []
    n = len(text)
    drop = _SPACE_NEIGHBOURS
    han = _HAN_SET
    for m in _SPACE_RUN.finditer(text):
        s, e = m.span()
        if s == 0 or e == n:
            out.append((s, e))
            continue
        a, b = text[s - 1], text[e]
        if a == "\n" or b == "\n":
            out.append((s, e))
        elif a in drop or b in drop:
            if not (a in han and b in han):
                out.append((s, e))
        elif b in "%‰℃" and a.isdigit():
            out.append((s, e))
    return out


_SP_CODES = np.array(sorted(map(ord, SP)), dtype=np.uint32)
_QUOTES_ETC = np.array(sorted(map(ord, "\u2018\u2019\u201c\u201d\u2014\u2026\u00b7")), dtype=np.uint32)


def _in_ranges(a: np.ndarray, *ranges: tuple[int, int]) -> np.ndarray:
    out = np.zeros(a.shape, dtype=bool)
    for lo, hi in ranges:                         # inclusive
        out |= (a - _U32(lo)) <= _U32(hi - lo)
    return out


def space_spans(text: str) -> list[Span]:
    """Blanks between a Chinese character or punctuation and a Latin letter / digit / punctuation
    (数据量达 648.39 亿条, 2022 年, 金山区 AI), between a number and its % sign, and at line ends.
    Blanks between Latin words / numbers stay, and so do blanks between two Han characters (a real
    separator as often as not: “守信快办 失信制约”).

    Vectorised over the code points (numpy); the same spans as ``_space_spans_loop``."""
    n = len(text)
    if n < 20000:                                 # numpy's fixed costs outweigh the loop's
        return _space_spans_loop(text)
    a = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=_U32)
    sp = a == _SP_CODES[0]
    for c in _SP_CODES[1:]:
        sp |= a == c
    if not sp.any():
        return []
    edge = np.diff(sp.astype(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts = np.flatnonzero(edge == 1)
    ends = np.flatnonzero(edge == -1)             # exclusive
    inner = (starts > 0) & (ends < n)
    s_in, e_in = starts[inner], ends[inner]
    before, after = a[s_in - 1], a[e_in]
    han_b = _in_ranges(before, (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
    han_a = _in_ranges(after, (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
    nl_b, nl_a = before == _U32(10), after == _U32(10)
    drop_b = nl_b | han_b | _in_ranges(before, (0x3000, 0x303F), (0xFF00, 0xFFEF)) | np.isin(before, _QUOTES_ETC)
    drop_a = nl_a | han_a | _in_ranges(after, (0x3000, 0x303F), (0xFF00, 0xFFEF)) | np.isin(after, _QUOTES_ETC)
    # (the runs' neighbours are few: np.isin on them is cheap)
    keep = nl_b | nl_a | ((drop_b | drop_a) & ~(han_b & han_a))
    pct = ~(nl_b | nl_a | drop_b | drop_a) & np.isin(after, np.array([ord("%"), ord("‰"), ord("℃")], dtype=_U32))
    if pct.any():                                 # a number before its % sign: str.isdigit, in Python
        for k in np.flatnonzero(pct).tolist():
            keep[k] = text[int(s_in[k]) - 1].isdigit()
    sel = np.zeros(starts.shape, dtype=bool)
    sel[~inner] = True                            # at the text's start or end
    sel[np.flatnonzero(inner)[keep]] = True
    return list(zip(starts[sel].tolist(), ends[sel].tolist()))


# --------------------------------------------------------------------------------------------------
# 9. blank lines
# --------------------------------------------------------------------------------------------------
_BLANKS = re.compile(rf"\n(?:[{SP}]*\n)+")


def blank_line_spans(text: str) -> list[Span]:
    """Runs of blank lines collapsed to one line break; leading/trailing whitespace removed."""
    out = [(m.start() + 1, m.end()) for m in _BLANKS.finditer(text)]
    lead = len(text) - len(text.lstrip())
    if lead:
        out.append((0, lead))
    trail = len(text.rstrip())
    if trail < len(text):
        out.append((trail, len(text)))
    return out


# --------------------------------------------------------------------------------------------------
# Pipeline
# --------------------------------------------------------------------------------------------------
# Each pass computes its steps on the same text; the union of their spans is deleted at once.
_PASSES_BEFORE_T2S = ((invisible_spans, pinyin_spans),)
_PASSES_AFTER_T2S = (
    (chunk_marker_spans, chrome_line_spans),
    (page_header_spans,),          # after the markers: a marker may cut a header
    (doubled_heading_spans,),      # after the headers: a header may sit inside a doubled heading
    (space_spans, blank_line_spans),
)


def _run(w: _Work, passes) -> None:
    for steps in passes:
        spans: list[Span] = []
        for step in steps:
            spans += step(w.text)
        w.delete(spans)


def clean(raw: str) -> Cleaned:
    """Clean a raw document (see the module docstring for the steps)."""
    w = _Work(raw)
    _run(w, _PASSES_BEFORE_T2S)
    conv, tmap = t2s_with_map(w.text)
    if len(conv) != len(w.text):
        w.srcs, w.lens = _compose(tmap, w.srcs, w.lens)
    w.text = conv
    _run(w, _PASSES_AFTER_T2S)
    return Cleaned._from_segments(w.text, w.srcs, w.lens, len(raw))
