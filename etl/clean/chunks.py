"""Step: a document-sharing site's chunk markers "\n\nNNN、" (a numbered sequence cut into the
text, even inside numbers) and the site chrome around them."""
from __future__ import annotations

import re

from .chars import SP

Span = tuple[int, int]

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


