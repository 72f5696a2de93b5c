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
from typing import Callable, Iterable, Iterator

import numpy as np

from etl.script import to_simplified

from .markup import markup_spans
from .webpage import webpage_spans

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
    def _from_segments(cls, text: str, srcs: list[int] | np.ndarray, lens: list[int] | np.ndarray,
                       raw_len: int) -> "Cleaned":
        c = cls.__new__(cls)
        c.text = text
        if isinstance(lens, np.ndarray):        # (the map of a long text: arrays)
            starts = np.zeros(lens.size + 1, dtype=np.int64)
            np.cumsum(lens, out=starts[1:])
            c._segs = (starts.tolist(), srcs.tolist(), lens.tolist(), raw_len)
        else:
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
# src start, length) is the form t2s_with_map returns. A pass with many deletions (the stray blanks
# of a long document: thousands) updates the map with numpy (``_normalize_np``, ``_delete_segs_np``,
# arrays); a pass with few keeps to the Python loops and lists, whose fixed costs are lower.
# --------------------------------------------------------------------------------------------------
Segs = list[tuple[int, int, int]]
_NP_MIN_SPANS = 48        # from this many spans on a pass is applied with numpy


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


def _normalize_np(spans: list[Span], arrays=()) -> tuple[np.ndarray, np.ndarray]:
    """``_normalize`` vectorised, of ``spans`` and of spans given as (starts, ends) ``arrays``: the
    merged spans as (starts, ends) arrays. A span joins the group before it when it starts at or
    before the furthest end so far (overlapping or adjacent)."""
    flat = np.fromiter(chain.from_iterable(spans), dtype=np.int64, count=2 * len(spans))
    s, e = flat[0::2], flat[1::2]
    if arrays:
        s = np.concatenate([s] + [x for x, _ in arrays])
        e = np.concatenate([e] + [y for _, y in arrays])
    ok = e > s
    if not ok.all():
        s, e = s[ok], e[ok]
    if not s.size:
        return s, e
    order = np.argsort(s, kind="stable")
    s, e = s[order], e[order]
    reach = np.maximum.accumulate(e)
    first = np.flatnonzero(s[1:] > reach[:-1]) + 1          # groups start at 0 and there
    return s[np.concatenate(([0], first))], reach[np.concatenate((first - 1, [s.size - 1]))]


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


def _delete_segs_np(srcs: np.ndarray, lens: np.ndarray, ds: np.ndarray,
                    de: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``_delete_segs`` vectorised (the deletions as arrays of starts and ends): each kept run
    [a, b) between two deletions is cut along the segments it overlaps, k1 … k2, one piece each."""
    starts = np.zeros(lens.size + 1, dtype=np.int64)
    np.cumsum(lens, out=starts[1:])
    ka = np.concatenate(([0], de))
    kb = np.concatenate((ds, starts[-1:]))
    ok = kb > ka
    ka, kb = ka[ok], kb[ok]
    k1 = np.searchsorted(starts, ka, "right") - 1
    cnt = np.searchsorted(starts, kb, "left") - k1          # k2 - k1 + 1
    run = np.repeat(np.arange(ka.size), cnt)
    seg = np.arange(run.size) + np.repeat(k1 - (np.cumsum(cnt) - cnt), cnt)
    lo = np.maximum(ka[run], starts[seg])
    hi = np.minimum(kb[run], starts[seg + 1])
    return srcs[seg] + (lo - starts[seg]), hi - lo


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
    """Current text + offset map, with deletion steps applied in turn. The map is two lists (source
    starts, lengths) until a pass with many deletions turns it into two int64 arrays."""

    def __init__(self, text: str):
        self.text = text
        self.srcs: list[int] | np.ndarray = [0] if text else []
        self.lens: list[int] | np.ndarray = [len(text)] if text else []

    def delete(self, spans: list[Span], arrays: list[tuple[np.ndarray, np.ndarray]] = ()) -> None:
        """Delete ``spans`` and the spans given as (starts, ends) ``arrays`` (current coordinates)."""
        if not arrays and len(spans) < _NP_MIN_SPANS and isinstance(self.srcs, list):
            dels = _normalize(spans)
            if dels:
                self.text = apply_deletions(self.text, dels)
                self.srcs, self.lens = _delete_segs(self.srcs, self.lens, dels)
            return
        if not spans and not any(s.size for s, _ in arrays):
            return
        ds, de = _normalize_np(spans, arrays)
        if ds.size:
            text = self.text
            a, b = [0] + de.tolist(), ds.tolist() + [len(text)]
            self.text = "".join([text[x:y] for x, y in zip(a, b)])
            self.srcs, self.lens = _delete_segs_np(np.asarray(self.srcs, dtype=np.int64),
                                                   np.asarray(self.lens, dtype=np.int64), ds, de)

    def lists(self) -> tuple[list[int], list[int]]:
        """The map as lists (source starts, lengths)."""
        if isinstance(self.srcs, np.ndarray):
            return self.srcs.tolist(), self.lens.tolist()
        return self.srcs, self.lens

    def offsets(self, raw_len: int) -> list[int]:
        return _segs_to_offsets(*self.lists(), raw_len)


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
    return _marker_chain(text)[0]


def _marker_chain(text: str) -> tuple[list[re.Match], list[int]]:
    """``find_marker_chain`` and, for each marker after the first, where the blanks before it start
    (the end of the chunk before it; ``chunk_marker_spans`` deletes from there)."""
    chain: list[re.Match] = []
    expected = 1
    m0 = _MARKER0.match(text)
    for m in ([m0] if m0 else []) + list(_MARKER.finditer(text)):
        if int(m.group(1)) == expected:
            chain.append(m)
            expected += 1
    if len(chain) < 5:
        return [], []
    mid = 0
    multi_line = 0
    lengths = []
    cuts = []
    find = text.find
    e = chain[0].end()
    for m in chain[1:]:
        k = m.start()                    # the chunk is text[e:k] without its trailing blanks
        while k > 0 and text[k - 1].isspace():
            k -= 1
        cuts.append(k)
        if k > 0 and text[k - 1] not in _SENT_END:
            mid += 1
        lengths.append(k - e if k > e else 0)
        if find("\n", e, k) >= 0:
            multi_line += 1
        e = m.end()
    n = len(chain) - 1
    lengths.sort()
    if mid < 0.3 * n or multi_line > 0.2 * n or lengths[n // 2] < 80:
        return [], []
    return chain, cuts


def chunk_marker_spans(text: str) -> list[Span]:
    """Spans of the chunk markers (with the blank line before each) and of the site chrome: before the
    first marker and after the last chunk (chunks are single lines)."""
    chain, cuts = _marker_chain(text)
    if not chain:
        return []
    out = [(0, chain[0].end())]
    out += [(k, m.end()) for k, m in zip(cuts, chain[1:])]
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


# Every pattern above is either tied to the line's first non-blank character (one of these) or, for
# the four that may start anywhere, to its last one (a count's digit, a file name's extension, the
# "先登录" of a login prompt) or to "下载积分" in it: a cheap test on each line that leaves the regex to
# the few lines that pass (a regex scan for line starts costs ~10 ns per character).
_CHROME_FIRST = frozenset("×✕✖╳ABCDEFGHIJKLMNOPQRSTUVWXYZ"   # close button; captions, QQ, Notice
                          "新资"                  # 新闻中心 资讯动态
                          "展阅查点收"            # 展开全文 阅读全文 查看全文 点击展开 收起全文
                          "分扫微"                # 分享到 扫一扫 扫描二维码 微信扫一扫
                          "朋豆复打关返回举【"    # 微信 微博 朋友圈 豆瓣 复制链接 打印 关闭 返回顶部 回到顶部 收藏 举报 【打印】
                          "浏访次量"              # (浏览|阅读|点击|访问)?(次数|量): a view counter without date
                          "特免郑N您当编友温")    # 声明 Notice 当前位置 编号 友情提示 温馨提示
_CHROME_LAST = frozenset("fFcxCXtT录")            # .pdf .doc(x) .ppt(x) … 先登录


_SP_SET = frozenset(SP)


def _chrome_candidate(line: str) -> bool:
    """Whether ``_CHROME_LINE`` can match the non-empty ``line`` (a necessary condition, see
    ``_CHROME_FIRST``)."""
    first, last = line[0], line[-1]
    if first in _SP_SET or last in _SP_SET:      # (most lines have no blanks to strip: no copy)
        line = line.strip(SP)
        if not line:
            return False
        first, last = line[0], line[-1]
    if first in _CHROME_FIRST:
        return True
    return (last in _CHROME_LAST or last.isdecimal() or (last in "!!。" and line[-2:-1] == "录")
            or "下载积分" in line)


def chrome_line_spans(text: str) -> list[Span]:
    """Whole lines that are web-page chrome (generic patterns, matched on Simplified text).

    The same spans as ``_CHROME_LINE.finditer``: a match starts at a line start and ends at one (or
    at the end), so the regex is tried at the line starts only, past the previous match, and only on
    the lines that pass ``_chrome_candidate``."""
    out = []
    match = _CHROME_LINE.match
    pos = done = 0
    for line in text.split("\n"):
        if pos >= done and line and _chrome_candidate(line):
            m = match(text, pos)
            if m:
                out.append(m.span())
                done = m.end()
        pos += len(line) + 1
    return out


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
    # (comparisons only: an arithmetic temporary as long as the text costs more in fresh memory
    # than the work itself)
    isd = a <= _U32(0x39)
    isd &= a >= _U32(0x30)
    t = a >= _U32(0xFF10)
    t &= a <= _U32(0xFF19)
    isd |= t
    rare = a >= _U32(0x660)
    rare &= a < _U32(0x2000)
    np.greater_equal(a, _U32(0xA620), out=t)
    t &= a < _U32(0xAC00)
    rare |= t
    rare |= a >= _U32(0x10000)
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
    if len(text) < 2000:                 # numpy's fixed costs outweigh the scan's
        return [m.start() for m in _DIGIT_RUN.finditer(text, pos)]
    return _digit_run_starts_np(text, _code_points(text), pos).tolist()


def _digit_run_starts_np(text: str, a: np.ndarray, pos: int) -> np.ndarray:
    """``_digit_run_starts`` from the code points ``a`` (pos < len(text)), as an array."""
    isd = _decimal_mask(text, a)
    out = np.flatnonzero(isd[pos + 1:] > isd[pos:-1]) + (pos + 1)      # a digit after a non-digit
    return np.concatenate(([pos], out)) if isd[pos] else out


def _key_places(text: str, min_count: int) -> tuple[dict[str, list[int]], dict[int, str]]:
    """The places (digit run starts) of each key kept by ``find_running_header``: the six characters
    before a digit run, among the eight most common (ties: the first seen first, as
    Counter.most_common) that come back >= ``min_count`` times, hold no line break and do not end
    with "." or ","; and the digit run at each of these places. Long texts: the keys are packed into
    two integers (three 21-bit code points each, exact) and grouped by sorting, without making a
    string per digit run."""
    if len(text) < 2000:
        starts = _digit_run_starts(text, 6)      # [m.start() for m in _DIGIT_RUN.finditer(text, 6)]
        keys = [text[i - 6:i] for i in starts]
        top = {k for k, n in Counter(keys).most_common(8) if n >= min_count and "\n" not in k
               and k[-1] not in ".,"}
        places: dict[str, list[int]] = {k: [] for k in top}
        for i, k in zip(starts, keys):
            if k in top:
                places[k].append(i)
        return places, {i: _DIGITS.match(text, i).group(0) for v in places.values() for i in v}
    a = _code_points(text)
    isd = _decimal_mask(text, a)
    idx = np.flatnonzero(isd[7:] > isd[6:-1]) + 7             # = _digit_run_starts(text, 6)
    if isd[6]:
        idx = np.concatenate(([6], idx))
    if not idx.size:
        return {}, {}
    ks = a[idx[:, None] - np.arange(6, 0, -1)].astype(np.uint64)    # text[i-6:i] per run
    hi = (ks[:, 0] << np.uint64(42)) | (ks[:, 1] << np.uint64(21)) | ks[:, 2]
    lo = (ks[:, 3] << np.uint64(42)) | (ks[:, 4] << np.uint64(21)) | ks[:, 5]
    # grouped by one hash of (hi, lo), sorted stably (a key's places stay in text order); a hash
    # collision would show as a group whose (hi, lo) differ, then the exact two-key sort is used
    h = hi * np.uint64(0x9E3779B97F4A7C15) + lo
    order = np.argsort(h, kind="stable")
    h, hi, lo = h[order], hi[order], lo[order]
    same = h[1:] == h[:-1]
    if not np.array_equal(same, (hi[1:] == hi[:-1]) & (lo[1:] == lo[:-1])):
        order = np.lexsort((ks[:, 5], ks[:, 4], ks[:, 3], ks[:, 2], ks[:, 1], ks[:, 0]))
        k6 = ks[order]
        same = (k6[1:] == k6[:-1]).all(axis=1)
    first = np.flatnonzero(np.concatenate(([True], ~same)))
    counts = np.diff(np.append(first, order.size))
    # the eight most common, ties by first place (Counter.most_common); those under min_count go
    many = np.flatnonzero(counts >= min_count).tolist()
    top = sorted(many, key=lambda g: (-int(counts[g]), int(order[first[g]])))[:8]
    places = {}
    for g in top:
        n = int(counts[g])
        i = int(idx[order[first[g]]])
        k = text[i - 6:i]
        if "\n" not in k and k[-1] not in ".,":
            places[k] = idx[order[first[g]:first[g] + n]].tolist()
    if not places:
        return {}, {}
    at = np.concatenate([np.asarray(v) for v in places.values()])
    span = np.argmin(isd[np.minimum(at[:, None] + np.arange(17), isd.size - 1)]
                     & (at[:, None] + np.arange(17) < isd.size), axis=1)    # digits at each place …
    digits = {}
    for i, k in zip(at.tolist(), span.tolist()):
        digits[i] = text[i:i + k] if k else _DIGITS.match(text, i).group(0)   # … (0: 17 or more)
    return places, digits


def find_running_header(text: str, min_count: int = 5) -> str | None:
    """The running page header: a title repeated before a page number on every page.

    Found from the six characters before each digit run: a string that comes back >= ``min_count``
    times is extended to the left as long as >= 80 % of its places agree, and kept when it holds
    >= 4 Han characters and the numbers after it count pages (mostly +1, +2 or +3 steps)."""
    places, digits = _key_places(text, min_count)
    if not places:
        return None
    for n, key in sorted(((len(v), k) for k, v in places.items()), reverse=True):
        group = places[key]
        numbers = [digits[i] for i in group]
        if not _counts_pages(numbers):
            continue                                  # cheap test first: do the numbers count pages?
        # Extend to the left one character at a time. A prefix of length L held by >= 80 % of the
        # places ends with the prefix of length L - 1 that did (both hold more than half of them),
        # so it is the current one with the most common character before it, counted over the
        # places that still hold the current one (the same test as counting every prefix of length
        # L over all places, at a fraction of the cost).
        need = 0.8 * n
        best = key
        for L in range(7, 61):
            chars = [text[i - L] for i in group if i >= L]
            ch, k = _majority(chars, need)
            if k < need or ch == "\n":
                break
            best = ch + best
            if k < len(group):
                group = [i for i in group if i >= L and text[i - L] == ch]
        header = best.lstrip(SP)
        if _n_han(header) < 4:
            continue
        if len(group) < n:       # else the places (and numbers) are those that just counted pages
            numbers = [digits[i] for i in group]
            if not _counts_pages(numbers):
                continue
        return header
    return None


def _majority(chars: list[str], need: float) -> tuple[str, int]:
    """A character that comes back >= ``need`` times in ``chars`` (need > half of them, so there is
    at most one) and its count, else ("", 0). Candidates are taken in order; once more than
    len(chars) - need of them have failed, none can make it."""
    tried = set()
    for j, ch in enumerate(chars):
        if j > len(chars) - need:
            break
        if ch not in tried:
            k = chars.count(ch)
            if k >= need:
                return ch, k
            tried.add(ch)
    return "", 0


def _header_pattern(header: str) -> re.Pattern:
    # the header with its blanks anywhere (a chunk marker may have cut it: "(2022\n\n147、年)82")
    body = re.sub(f"[{SP}]+", "", header)
    return re.compile(f"[{SP}]*".join(re.escape(ch) for ch in body) + rf"[{SP}]*(\d+)")


def _page_sequence(text: str, header: str) -> list[tuple[re.Match, int]]:
    """(match, digits used) for each header occurrence, page numbers read along the sequence."""
    ms = list(_header_pattern(header).finditer(text))
    read = _read_pages([m.group(1) for m in ms])
    return [(m, k) for m, (_, k) in zip(ms, read)]


def _iter_pages(numbers: list[str]) -> Iterator[tuple[int, int]]:
    """(page, digits used) at the start of the digit runs after each header, read along the sequence,
    lazily (``_counts_pages`` may stop early). The common case, the next page (``_page_number``'s
    first test), is tested inline."""
    prev: int | None = None
    last = len(numbers) - 1
    for i, digits in enumerate(numbers):
        if prev is not None:
            want = str(prev + 1)
            if len(want) <= 4 and digits.startswith(want):
                prev += 1
                yield prev, len(want)
                continue
            kmax = min(4, len(digits))        # no candidate above prev (digits[:k] grows with k):
            top = int(digits[:kmax])          # _page_number's answer is kmax
            if top <= prev:
                prev = top
                yield top, kmax
                continue
        k = _page_number(digits, prev, numbers[i + 1] if i < last else None)
        prev = int(digits[:k])
        yield prev, k


def _read_pages(numbers: list[str]) -> list[tuple[int, int]]:
    """(page, digits used) at the start of the digit runs after each header, read along the sequence."""
    return list(_iter_pages(numbers))


def _counts_pages(numbers: list[str]) -> bool:
    """Whether >= 60 % of the steps between the pages read are +1, +2 or +3. Stops reading as soon
    as the answer is certain."""
    n = len(numbers)
    if n < 3:
        return False
    need = 0.6 * (n - 1)
    steps = misses = 0
    prev = None
    for page, _ in _iter_pages(numbers):
        if prev is not None:
            if 1 <= page - prev <= 3:
                steps += 1
                if steps >= need:
                    return True
            else:
                misses += 1
                if n - 1 - misses < need:        # the steps left cannot make it
                    return False
        prev = page
    return steps >= need


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
_NIAN, _YUE, _DOT = _U32(ord("年")), _U32(ord("月")), _U32(ord("."))
_BD_ROWS = 512            # candidates per block in the doubling pre-filter (small temporaries)


def _decimal_at(text: str, a: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """Whether ``\\d`` matches text[i] for each i of ``idx`` (False past the end): ASCII and
    fullwidth digits vectorised, any other code point where Unicode decimal digits live tested with
    str.isdecimal (the test ``\\d`` makes)."""
    inside = idx < a.size
    c = a[np.where(inside, idx, 0)]
    out = inside & (((c - _U32(0x30)) < _U32(10)) | ((c - _U32(0xFF10)) < _U32(10)))
    rare = inside & (((c - _U32(0x660)) < _U32(0x2000 - 0x660)) | ((c - _U32(0xA620)) < _U32(0xAC00 - 0xA620))
                     | (c >= _U32(0x10000)))
    if rare.any():
        for k in np.flatnonzero(rare).tolist():
            out.flat[k] = text[int(idx.flat[k])].isdecimal()
    return out


def _doubling_possible(a: np.ndarray, g: np.ndarray, lmax: np.ndarray) -> np.ndarray:
    """For each group start g: whether a doubling of some length L in [2, lmax] can start there
    (a necessary condition: the first four characters of the copy, or its L first when L < 4, are
    those at g). Compared on windows of the code points, in blocks of rows of increasing lmax,
    each up to its largest lmax; first the first two characters only, then the few rows left in
    full (numpy's costs here are per call and per element: few calls, few elements; small blocks
    keep the temporaries small)."""
    n = a.size
    out = np.ones(g.shape, dtype=bool)            # rows too close to the end: left to the caller
    body = np.flatnonzero(g + 84 <= n)
    if not body.size:
        return out
    out[body] = False
    win = np.lib.stride_tricks.sliding_window_view(a, 84)

    def blocks(rows: np.ndarray):
        rows = rows[np.argsort(lmax[rows], kind="stable")]
        for k in range(0, rows.size, _BD_ROWS):
            part = rows[k:k + _BD_ROWS]
            top = int(lmax[part[-1]])             # columns: L = 2 … top
            w = win[g[part]]                      # w[r, j] = a[g + j]
            yield part, top, w, (w[:, 2:top + 1] == w[:, :1]) & (w[:, 3:top + 2] == w[:, 1:2])

    alive = [part[hit.any(axis=1)] for part, _, _, hit in blocks(body)]
    for part, top, w, hit in blocks(np.concatenate(alive)):
        hit[:, 1:] &= w[:, 5:top + 3] == w[:, 2:3]            # L >= 3: the third character
        hit[:, 2:] &= w[:, 7:top + 4] == w[:, 3:4]            # L >= 4: the fourth
        hit &= np.arange(2, top + 1) <= lmax[part, None]
        out[part] = hit.any(axis=1)
    return out


def _boundary_double_starts(text: str, min_len: int = 20000, a: np.ndarray | None = None) -> list[int]:
    """``[m.start(1) for m in _BOUNDARY_DOUBLE.finditer(text)]``. For long texts the boundaries and
    their group starts g are found with numpy (``a``: the code points, if at hand), and the doubling
    is tested in Python, in finditer's order and without overlap: the regex's lazy group with its
    copy is the shortest L in [2, 80] with text[g:g+L] == text[g+L:g+2L] and no line break or 。 in
    either (L at most half the way to the next one); numpy first drops the boundaries where the two
    characters at g come back at no such L."""
    n = len(text)
    if n < min_len:
        return [m.start(1) for m in _BOUNDARY_DOUBLE.finditer(text)]
    if a is None:
        a = _code_points(text)
    mark = a == _BD_STOPS[0]
    for c in (*_BD_STOPS[1:], _DOT, _NIAN):
        mark |= a == c
    pos = np.flatnonzero(mark)
    ch = a[pos]
    ends = pos[(ch == _U32(10)) | (ch == _U32(0x3002))]      # \n and 。: a group's bounds
    isdot, isnian = ch == _DOT, ch == _NIAN
    p1 = pos[~(isdot | isnian)]                                 # [\n。!?;]
    ps, gs = [p1], [p1 + 1]
    dots = pos[isdot]                                           # \.\d{1,3}(?!\d)
    if dots.size:
        ln = np.cumprod(_decimal_at(text, a, dots[:, None] + np.arange(1, 5)), axis=1).sum(axis=1)
        ok = (ln >= 1) & (ln <= 3)
        ps.append(dots[ok])
        gs.append(dots[ok] + 1 + ln[ok])
    nian = pos[isnian]
    nian = nian[nian >= 4] - 4                                  # \d{4}年\d{1,2}月 at p = nian
    if nian.size:
        d = _decimal_at(text, a, nian[:, None] + np.arange(8))  # digits at p … p + 7
        c6 = a[np.minimum(nian + 6, n - 1)]
        c7 = a[np.minimum(nian + 7, n - 1)]
        ok = d[:, 0] & d[:, 1] & d[:, 2] & d[:, 3] & d[:, 5]
        two = ok & d[:, 6] & (c7 == _YUE) & (nian + 7 < n)
        one = ok & ~two & (c6 == _YUE) & (nian + 6 < n)
        ps += [nian[two], nian[one]]
        gs += [nian[two] + 8, nian[one] + 7]
    p = np.concatenate(ps)
    g = np.concatenate(gs)
    order = np.argsort(p, kind="stable")
    p, g = p[order], g[order]
    bound = np.append(ends, n)[np.searchsorted(ends, g)]      # the first \n or 。 at or after g
    lmax = np.minimum(80, (bound - g) // 2)
    keep = lmax >= 2
    p, g, lmax = p[keep], g[keep], lmax[keep]
    keep = _doubling_possible(a, g, lmax)
    out: list[int] = []
    done = 0
    find, starts = text.find, text.startswith
    for start, q, lm in zip(p[keep].tolist(), g[keep].tolist(), lmax[keep].tolist()):
        if start < done:
            continue
        head = text[q:q + 2]
        end = q + lm + 2
        j = find(head, q + 2, end)
        while j >= 0:
            if starts(text[q:j], j):              # the shortest doubling: L = j - q
                out.append(q)
                done = j + (j - q)
                break
            j = find(head, j + 1, end)
    return out


_ENUM_CAND = re.compile(     # one leading character class, for a fast scan
    rf"[\((" + _NUM + rf"](?:(?<=[\((])[{_NUM}]{{1,4}}[\))]|(?<=[{_NUM}])[{_NUM}]{{0,3}}、)")
_ENUM_AT = re.compile(rf"[\((][{_NUM}]{{1,4}}[\))]|[{_NUM}]{{1,4}}、")
_SKIP = re.compile(r"[0-9A-Za-z+\-./·&_ ((]{1,12}")
_DIGITS = re.compile(r"\d+")


# "(二)" and "二、" (``_ENUM_CAND``'s matches) from the code points: a run of 1 … 4 numerals after "("
# and before ")", or the last 1 … 4 numerals before "、"
_DUN, _LPAR, _RPAR = _U32(ord("、")), _U32(ord("(")), _U32(ord(")"))


_NUM_LUT = np.zeros(0x10000, dtype=bool)          # numerals of _NUM, by code point (BMP)
_NUM_LUT[[ord(c) for c in _NUM]] = True


def _numeral_run(a: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """For each row of positions ``idx`` (an extra last column, never read): how many of them, from
    the first on, hold numerals of ``_NUM`` (positions outside the text hold none)."""
    inside = (idx >= 0) & (idx < a.size)
    isnum = np.take(_NUM_LUT, a.take(idx, mode="clip"), mode="clip") & inside
    isnum[:, -1] = False
    return np.argmin(isnum, axis=1)               # the first position without one


def _enum_starts(text: str, a: np.ndarray | None = None, min_len: int = 20000) -> list[int]:
    """``[m.start() for m in _ENUM_CAND.finditer(text)]``. For long texts from the code points: the
    matches of the two kinds never overlap (one holds "(" … ")", the other numerals and "、"), and a
    numeral run longer than four before "、" matches from its fourth-last numeral on."""
    n = len(text)
    if n < min_len:
        return [m.start() for m in _ENUM_CAND.finditer(text)]
    if a is None:
        a = _code_points(text)
    out = []
    dun = np.flatnonzero(a == _DUN)
    if dun.size:
        run = _numeral_run(a, dun[:, None] - np.arange(1, 6))   # numerals right before "、" (<= 4)
        out.append(dun[run >= 1] - run[run >= 1])
    par = np.flatnonzero(a == _LPAR)
    if par.size:
        run = _numeral_run(a, par[:, None] + np.arange(1, 7))   # numerals right after "(" (<= 5)
        close = par + 1 + run                                   # the character after them
        ok = (run >= 1) & (run <= 4) & (close < n)
        ok[ok] = a[close[ok]] == _RPAR
        out.append(par[ok])
    if not out:
        return []
    return np.sort(np.concatenate(out)).tolist()


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

    a = _code_points(text) if len(text) >= 20000 else None      # for the numpy scans of long texts
    cands = [(0, bool(_ENUM_AT.match(text, 0)))]
    cands += [(q, False) for q in _boundary_double_starts(text, a=a)]   # _BOUNDARY_DOUBLE's group starts
    cands += [(p, True) for p in _enum_starts(text, a)]                 # _ENUM_CAND's matches
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


# character classes of the blanks' neighbours, by code point (BMP; others are none of them)
_C_HAN, _C_DROP, _C_PCT, _C_BLANK = 1, 2, 4, 8
_SPACE_CLASS = np.zeros(0x10000, dtype=np.uint8)
for _lo, _hi in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)):
    _SPACE_CLASS[_lo:_hi + 1] |= _C_HAN | _C_DROP
for _lo, _hi in ((0x3000, 0x303F), (0xFF00, 0xFFEF)):
    _SPACE_CLASS[_lo:_hi + 1] |= _C_DROP
_SPACE_CLASS[[ord(c) for c in "\n\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"]] |= _C_DROP
_SPACE_CLASS[[ord(c) for c in "%‰℃"]] |= _C_PCT
_SPACE_CLASS[[ord(c) for c in SP]] |= _C_BLANK


def _space_span_arrays(text: str) -> tuple[np.ndarray, np.ndarray]:
    """``space_spans`` of a long text as arrays (starts, ends), vectorised over the code points.

    The blanks are found with a few comparisons that catch a superset of them (code points <= 0x20,
    0x2002 … 0x200a, U+00A0, U+3000), then told apart, and their runs' neighbours classified, with
    a look-up table on the few positions found (numpy's fixed costs per call dominate on those)."""
    n = len(text)
    a = _code_points(text)
    sp = a <= _U32(0x20)                         # (comparisons only, see _decimal_mask)
    t = a >= _U32(0x2002)
    t &= a <= _U32(0x200A)
    sp |= t
    sp |= a == _U32(0xA0)
    sp |= a == _U32(0x3000)
    pos = np.flatnonzero(sp)
    pos = pos[(_SPACE_CLASS.take(a[pos], mode="clip") & _C_BLANK) != 0]
    if not pos.size:
        return pos, pos
    gap = np.flatnonzero(np.diff(pos) > 1)
    starts = np.concatenate((pos[:1], pos[gap + 1]))
    ends = np.concatenate((pos[gap] + 1, pos[-1:] + 1))          # exclusive
    sel = (starts == 0) | (ends == n)                            # at the text's start or end
    inner = np.flatnonzero(~sel)
    before = a[starts[inner] - 1]
    after = a[ends[inner]]
    cb = _SPACE_CLASS.take(before, mode="clip")
    ca = _SPACE_CLASS.take(after, mode="clip")
    nl = (before == _U32(10)) | (after == _U32(10))
    drop = ((cb | ca) & _C_DROP) != 0
    keep = nl | (drop & ((cb & ca & _C_HAN) == 0))
    pct = ~(nl | drop) & ((ca & _C_PCT) != 0)
    if pct.any():                                 # a number before its % sign: str.isdigit, in Python
        for k in np.flatnonzero(pct).tolist():
            keep[k] = text[int(starts[inner[k]]) - 1].isdigit()
    sel[inner[keep]] = True
    return starts[sel], ends[sel]


def space_spans(text: str) -> list[Span]:
    """Blanks between a Chinese character or punctuation and a Latin letter / digit / punctuation
    (数据量达 648.39 亿条, 2022 年, 金山区 AI), between a number and its % sign, and at line ends.
    Blanks between Latin words / numbers stay, and so do blanks between two Han characters (a real
    separator as often as not: “守信快办 失信制约”).

    Vectorised over the code points (numpy) for long texts; the same spans as ``_space_spans_loop``."""
    if len(text) < 20000:                         # numpy's fixed costs outweigh the loop's
        return _space_spans_loop(text)
    s, e = _space_span_arrays(text)
    return list(zip(s.tolist(), e.tolist()))


def _space_step(text: str) -> list[Span] | tuple[np.ndarray, np.ndarray]:
    """``space_spans`` as the pipeline takes it: for a long text the arrays (thousands of spans,
    deleted with numpy without making tuples of them)."""
    if len(text) < 20000:
        return _space_spans_loop(text)
    return _space_span_arrays(text)


# --------------------------------------------------------------------------------------------------
# 9. blank lines
# --------------------------------------------------------------------------------------------------
_BLANKS = re.compile(rf"\n(?:[{SP}]*\n)+")


def _strip_ends(text: str) -> tuple[int, int]:
    """(len(text) - len(text.lstrip()), len(text.rstrip())) without copying the text: the few
    blanks at either end are counted one by one (a long run is left to str.strip)."""
    n = len(text)
    lead = 0
    while lead < n and text[lead].isspace():
        lead += 1
        if lead == 64:
            lead = n - len(text.lstrip())
            break
    trail = n
    while trail > lead and text[trail - 1].isspace():
        trail -= 1
        if trail == n - 64:
            trail = len(text.rstrip())
            break
    return lead, (0 if lead == n else trail)


def blank_line_spans(text: str) -> list[Span]:
    """Runs of blank lines collapsed to one line break; leading/trailing whitespace removed."""
    out = [(m.start() + 1, m.end()) for m in _BLANKS.finditer(text)]
    lead, trail = _strip_ends(text)
    if lead:
        out.append((0, lead))
    if trail < len(text):
        out.append((trail, len(text)))
    return out


# --------------------------------------------------------------------------------------------------
# Pipeline
# --------------------------------------------------------------------------------------------------
# Each pass computes its steps on the same text; the union of their spans is deleted at once.
_PASSES_BEFORE_T2S = ((invisible_spans, pinyin_spans, markup_spans),)
_PASSES_AFTER_T2S = (
    (chunk_marker_spans, chrome_line_spans, webpage_spans),
    (page_header_spans,),          # after the markers: a marker may cut a header
    (doubled_heading_spans,),      # after the headers: a header may sit inside a doubled heading
    (_space_step, blank_line_spans),     # space_spans
)


def _run(w: _Work, passes) -> None:
    for steps in passes:
        spans: list[Span] = []
        arrays: list[tuple[np.ndarray, np.ndarray]] = []
        for step in steps:
            got = step(w.text)
            if isinstance(got, tuple):        # (starts, ends) arrays
                arrays.append(got)
            else:
                spans += got
        w.delete(spans, arrays)


def clean(raw: str) -> Cleaned:
    """Clean a raw document (see the module docstring for the steps)."""
    w = _Work(raw)
    _run(w, _PASSES_BEFORE_T2S)
    conv, tmap = t2s_with_map(w.text)
    if len(conv) != len(w.text):
        w.srcs, w.lens = _compose(tmap, *w.lists())
    w.text = conv
    _run(w, _PASSES_AFTER_T2S)
    return Cleaned._from_segments(w.text, w.srcs, w.lens, len(raw))
