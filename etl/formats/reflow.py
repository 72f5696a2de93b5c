"""PDF reflow: page texts as pypdfium2 gives them → running text for the cleaner, with an exact map.

A PDF's text layer breaks lines where the page ran out of width, not where the writer ended a thought.
Chinese has no spaces between words, so a visual break inside "上海率|先提出" or inside a number
"12.|7亿" must be joined without a trace, while a real paragraph break must stay. Running headers,
footers and page numbers are found by repetition across pages and left out.

``reflow(pages)`` is pure: it returns the running text and, for every character of it, the index in
``"\\f".join(pages)`` of the character it came from (an inserted line break or space points at the
line end it replaces), so provenance leads back to the page text exactly.

Rules for a line break between two kept lines (tested table by table in tests/test_formats_reflow.py):
- a blank line, or the end of the previous line after 。！？；：…(and closing quotes) → paragraph break;
- the next line opens a block: a heading number (一、 （一） 1. 1、 (1) 第一章 案例一), a bullet, a
  table/figure caption (表1 图2), or an indentation → paragraph break;
- with the characters' boxes: a "line" on the same baseline to the right continues the line, a change of type size is a break (a heading), two lines of one large
  type size are one wrapped headline, a line starting right of the page's left edge (indented or
  centred) opens a paragraph, and a line ending two characters short of the right edge ends one;
- the previous line ends in a comma or an opening bracket, or inside a number → joined;
- the previous line is clearly shorter than the page's full lines (the last line of a paragraph, a
  heading, a title) → paragraph break;
- otherwise the break is visual: joined, with one space only between two Latin words.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from statistics import median
from typing import Callable

# Line breaks as pdfium writes them (\r\n), and as other producers may.
_BREAK = re.compile(r"\r\n|\n|\r")
# Characters a text layer may carry that are not text: pdfium's hyphen marks, controls.
_JUNK = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff\u00ad]")
_SPACE = " \t\u3000\u00a0"
_END_OF_SENTENCE = re.compile(r"[。！？；：!?;:…]['\"”’」』）)】〕》]*$")
_SENTENCE_END = re.compile(r"[。！？!?]['\"”’」』）)】〕》]*$")
# A line ending in a comma, or inside a number, never ends a paragraph, however short it is.
_RUNS_ON = re.compile(r"[，、,（(“‘《]$|\d[.,．]$")
_NUMBER_GOES_ON = re.compile(r"[\d.,．%％]")
_CN_NUM = "一二三四五六七八九十百零〇"
_BLOCK_START = re.compile(
    rf"^(?:[{_CN_NUM}]+[、．.]"                      # 一、 二．
    rf"|[（(][{_CN_NUM}]+[）)]"                       # （一）
    r"|[（(]\d{1,2}[）)]|\d{1,2}[)）]"                 # (1) 1）
    r"|\d{1,2}[、．](?!\d)|\d{1,2}\.(?![\d%％])"        # 1、 1. (not 12.7, not 1.5%)
    r"|\d{1,2}(?:\.\d{1,2}){1,3}\s"                     # 1.2 heading
    rf"|第[{_CN_NUM}\d]+[章节条部分篇编]"
    rf"|(?:案例|附件|附录)(?:[{_CN_NUM}\d]+|[：:])"
    r"|[表图]\s?\d"
    r"|[•●○■□◆◇▪▶►√※\-–—*·]\s?)"
)
# A full line runs to this share of the page's usual line width; a shorter one ends its paragraph.
SHORT_LINE = 0.75
# Lines at each edge of a page where running headers, footers and page numbers stand.
EDGE_LINES = 4
# A running line repeats on at least this share of the pages (and on at least two).
REPEAT_SHARE = 0.4


@dataclass
class Line:
    page: int
    start: int          # index in the joined raw text of the first non-space character
    end: int            # index after the last non-space character
    text: str           # raw[start:end]
    indented: bool
    blank_before: bool
    x0: float | None = None     # geometry (PDF points), when the producer's char boxes are known
    x1: float | None = None
    top: float | None = None
    bottom: float | None = None
    size: float | None = None   # font size: the height of the chars' loose boxes


# box(page, i) → (left, bottom, right, top) of char i of that page's text, in PDF points (y up)
Box = Callable[[int, int], tuple[float, float, float, float]]


def split_lines(pages: list[str], box: Box | None = None) -> list[Line]:
    """Every non-blank line of every page with its span in ``"\\f".join(pages)`` (and its geometry
    when ``box`` gives the char boxes)."""
    lines: list[Line] = []
    base = 0
    for k, page in enumerate(pages):
        pos, blank = 0, False
        for m in [*_BREAK.finditer(page), None]:
            stop = m.start() if m else len(page)
            seg = page[pos:stop]
            body = seg.strip(_SPACE)
            if body:
                lead = len(seg) - len(seg.lstrip(_SPACE))
                start = base + pos + lead
                ln = Line(k, start, start + len(body), body,
                          indented=seg[:lead].count(" ") >= 2 or "\u3000" in seg[:lead], blank_before=blank)
                if box is not None:
                    measure(ln, box, k, pos + lead)
                lines.append(ln)
                blank = False
            else:
                blank = True
            pos = m.end() if m else stop
        base += len(page) + 1       # the "\f" between pages
    return lines


def measure(ln: Line, box: Box, page: int, first: int) -> None:
    """Set a line's geometry from the boxes of its first, middle and last characters."""
    n = len(ln.text)
    picks = sorted({0, n // 2, n - 1})
    boxes = [box(page, first + i) for i in picks]
    ln.x0, ln.x1 = boxes[0][0], boxes[-1][2]
    ln.bottom = min(b[1] for b in boxes)
    ln.top = max(b[3] for b in boxes)
    ln.size = median(b[3] - b[1] for b in boxes)


def line_key(text: str) -> str:
    """What a running line looks like on every page: digits and Chinese numerals as #, no spaces."""
    t = re.sub(rf"[\s{_SPACE}]+", "", text)
    return re.sub(rf"[\d{_CN_NUM}]+", "#", t)


def running_lines(lines: list[Line], n_pages: int) -> set[int]:
    """Indexes (into ``lines``) of running headers, footers and page numbers.

    A line is running when its key (digits normalised) stands within ``EDGE_LINES`` of the top or the
    bottom of at least ``REPEAT_SHARE`` of the pages, and of at least two. A line that ends a sentence
    (。！？) is body text, never running. Pure page numbers
    ("3", "- 3 -", "第3页", "3/12") are caught the same way, since their digits normalise alike.
    """
    if n_pages < 2:
        return set()
    by_page: dict[int, list[int]] = {}
    for i, ln in enumerate(lines):
        by_page.setdefault(ln.page, []).append(i)
    edge: dict[int, str] = {}
    seen: Counter = Counter()
    for idx in by_page.values():
        zone = set(idx[:EDGE_LINES]) | set(idx[-EDGE_LINES:])
        keys = {}
        for i in zone:
            if not _SENTENCE_END.search(lines[i].text):    # a running line is not a sentence
                keys[i] = line_key(lines[i].text)
        edge.update(keys)
        seen.update(set(keys.values()))
    need = max(2, REPEAT_SHARE * n_pages)
    return {i for i, key in edge.items() if seen[key] >= need}


def display_width(text: str) -> int:
    """Width in half-em units: a CJK or full-width character counts 2, others 1."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def full_width(lines: list[Line]) -> float:
    """The usual width of a full line: the 80th percentile of line widths (at least 10 lines), else max."""
    widths = sorted(display_width(ln.text) for ln in lines)
    if not widths:
        return 0.0
    if len(widths) < 10:
        return float(widths[-1])
    return float(widths[int(len(widths) * 0.8)])


@dataclass
class Layout:
    """What a full body line looks like: width in half-ems, and with geometry its font size and margins."""

    full: float
    size: float | None = None
    left: dict[int, float] | None = None      # per page: where a body line starts
    right: float | None = None


def _mode(values: list[float]) -> float:
    return Counter(round(v) for v in values).most_common(1)[0][0]


def layout_of(lines: list[Line]) -> Layout:
    """The page's body text: usual line width, and with geometry the usual size, left and right edges."""
    lay = Layout(full_width(lines))
    geo = [ln for ln in lines if ln.size]
    if len(geo) < 3:
        return lay
    lay.size = median(ln.size for ln in geo)
    body = [ln for ln in geo if abs(ln.size - lay.size) <= 0.15 * lay.size]
    everywhere = _mode([ln.x0 for ln in body])
    lay.left = {}
    for page in {ln.page for ln in body}:
        xs = [ln.x0 for ln in body if ln.page == page]
        lay.left[page] = _mode(xs) if len(xs) >= 4 else everywhere
    rights = sorted(ln.x1 for ln in body)
    lay.right = rights[int(len(rights) * 0.8)]
    return lay


def small_print_edges(lines: list[Line], lay: Layout) -> set[int]:
    """Indexes of running lines found by their look on one page: small print standing apart at the
    very top or bottom of the page, and shorter than a body line (a header, a footer, a page number).
    Works on a one-page document, where repetition cannot tell."""
    if not lay.size or lay.right is None:
        return set()
    out: set[int] = set()
    by_page: dict[int, list[int]] = {}
    for i, ln in enumerate(lines):
        if ln.size:
            by_page.setdefault(ln.page, []).append(i)
    width = lay.right - min(lay.left.values())
    for idx in by_page.values():
        down = sorted(idx, key=lambda i: -lines[i].top)
        for order in (down, down[::-1]):
            for a, b in zip(order[:2], order[1:3]):
                ln, nb = lines[a], lines[b]
                gap = ln.bottom - nb.top if order is down else nb.bottom - ln.top
                if (ln.size < 0.85 * lay.size and gap > 0.8 * lay.size
                        and ln.x1 - ln.x0 < 0.7 * width):
                    out.add(a)
                else:
                    break
    return out


def same_visual_line(prev: Line, nxt: Line) -> bool:
    """PDFium starts a new text line at a jump in a run (justified spacing, a new font), even within
    one printed line: the next "line" on the same baseline, to the right, continues it."""
    if prev.size is None or nxt.size is None or prev.page != nxt.page:
        return False
    return abs(prev.bottom - nxt.bottom) < 0.3 * min(prev.size, nxt.size) and nxt.x0 > prev.x0


def paragraph_break(prev: Line, nxt: Line, lay: Layout) -> bool:
    """True when the break between two consecutive kept lines ends a paragraph (rules in the docstring)."""
    if same_visual_line(prev, nxt):
        return False
    if nxt.blank_before and nxt.page == prev.page:
        return True
    if _END_OF_SENTENCE.search(prev.text):
        return True
    if nxt.indented or _BLOCK_START.match(nxt.text):
        return True
    geometry = lay.size is not None and prev.size and nxt.size
    if geometry:
        if abs(prev.size - nxt.size) > 0.15 * max(prev.size, nxt.size):      # a heading's type size
            return True
        if min(prev.size, nxt.size) > 1.15 * lay.size:                      # a headline, wrapped
            return False
        left = lay.left.get(nxt.page)
        if left is not None and nxt.x0 > left + 0.8 * nxt.size:             # indented, or centred
            return True
    if _RUNS_ON.search(prev.text) or (prev.text[-1].isdigit() and _NUMBER_GOES_ON.match(nxt.text)):
        return False
    if geometry:
        return prev.x1 < lay.right - 2 * prev.size
    return display_width(prev.text) < lay.full * SHORT_LINE


def joiner(prev: str, nxt: str) -> str:
    """What replaces a visual line break: one space between two Latin words, nothing otherwise."""
    a, b = prev[-1], nxt[0]
    if a.isascii() and b.isascii() and a.isalpha() and b.isalnum():
        return " "
    if a.isascii() and a.isdigit() and b.isascii() and b.isalpha():
        return " "
    return ""


def reflow(pages: list[str], box: Box | None = None) -> tuple[str, list[int], list[str]]:
    """Running text of a PDF's page texts, its offset map into ``"\\f".join(pages)``, and notes.

    ``box`` (optional) gives char boxes, so that type size, indentation, centring and the right edge
    can tell paragraphs and running lines apart. Returns (text, offsets, removed) where ``removed``
    lists the distinct running lines left out.
    """
    lines = split_lines(pages, box)
    running = running_lines(lines, len(pages))
    running |= small_print_edges(lines, layout_of(lines))
    kept = [ln for i, ln in enumerate(lines) if i not in running]
    lay = layout_of(kept)
    out: list[str] = []
    offsets: list[int] = []
    prev: Line | None = None
    for ln in kept:
        if prev is not None:
            sep = "\n" if paragraph_break(prev, ln, lay) else joiner(prev.text, ln.text)
            if sep:
                out.append(sep)
                offsets.append(prev.end)
        out.append(ln.text)
        offsets.extend(range(ln.start, ln.end))
        prev = ln
    text = "".join(out)
    if _JUNK.search(text):
        keep = [i for i, c in enumerate(text) if not _JUNK.match(c)]
        text = "".join(text[i] for i in keep)
        offsets = [offsets[i] for i in keep]
    removed = sorted({lines[i].text for i in running})
    return text, offsets, removed
