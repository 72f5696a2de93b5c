"""The offset map from cleaned text back to the raw file, and the result type ``Cleaned``.

Every cleaning step but one only deletes characters, so the kept characters of the raw text form
runs of consecutive raw indices: the map is the list of those runs (where each starts in the current
text, where in the raw text, how long). Deleting a span cuts the runs it touches; the work is
proportional to the runs and deletions, not to the characters. The one step that rewrites
characters, Traditional → Simplified, reports segments of its output that come from segments of
its input (``t2s.t2s_with_map``), and the map is composed with them.
"""
from __future__ import annotations

import bisect
from functools import cached_property

Span = tuple[int, int]
Segs = list[tuple[int, int, int]]       # (start in the new text, start in the old text, length)


class Cleaned:
    """Cleaned Simplified ``text`` and the map back to the raw text.

    ``offsets`` has len(text) + 1 entries: offsets[i] = raw index of the char that became text[i],
    offsets[len(text)] = len(raw); monotonic non-decreasing. It is expanded from the runs on first
    use; ``raw_span`` reads the runs directly."""

    def __init__(self, text: str, starts: list[int], srcs: list[int], raw_len: int):
        self.text = text
        self._starts = starts           # run k covers text[starts[k]:starts[k + 1]] (last: len(text))
        self._srcs = srcs               # … and comes from raw[srcs[k]:srcs[k] + its length]
        self._raw_len = raw_len

    def __repr__(self) -> str:
        return f"Cleaned(text={self.text[:40]!r}…, {len(self.text)} chars, {len(self._starts)} runs)"

    @cached_property
    def offsets(self) -> list[int]:
        ends = self._starts[1:] + [len(self.text)]
        out: list[int] = []
        for a, b, src in zip(self._starts, ends, self._srcs):
            out.extend(range(src, src + b - a))
        out.append(self._raw_len)
        return out

    def _offset(self, i: int) -> int:
        """offsets[i] (0 <= i <= len(text)) from the runs."""
        if i >= len(self.text):
            return self._raw_len
        k = bisect.bisect_right(self._starts, i) - 1
        return self._srcs[k] + (i - self._starts[k])

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw [start, end) covering cleaned text[start:end] (end = raw index after the last char)."""
        n = len(self.text)
        start = max(0, min(start, n))
        end = max(start, min(end, n))
        s = self._offset(start)
        return (s, s) if end == start else (s, self._offset(end - 1) + 1)

    def clean_span(self, raw_start: int, raw_end: int) -> tuple[int, int]:
        """Cleaned [start, end) of the chars that come from raw[raw_start:raw_end] (the inverse of
        ``raw_span``; characters deleted by cleaning simply have no image)."""
        offs = self.offsets
        n = len(self.text)
        s = bisect.bisect_left(offs, raw_start, 0, n)
        e = bisect.bisect_left(offs, raw_end, s, n)
        return s, e


def normalize(spans: list[Span]) -> list[Span]:
    """Sorted, non-empty, with overlapping or adjacent spans merged."""
    out: list[Span] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


class Work:
    """The text being cleaned and its map to the raw text, as runs (``srcs[k]``, ``lens[k]``) in
    text order: run k covers the next lens[k] characters of the text, from raw index srcs[k]."""

    def __init__(self, raw: str):
        self.raw_len = len(raw)
        self.text = raw
        self.srcs: list[int] = [0] if raw else []
        self.lens: list[int] = [len(raw)] if raw else []

    def _starts(self) -> list[int]:
        out, pos = [], 0
        for n in self.lens:
            out.append(pos)
            pos += n
        return out

    def _cut(self, keep: list[Span]) -> tuple[list[int], list[int]]:
        """The map of the concatenated pieces ``keep`` (sorted, disjoint spans of the current
        text), cut along the runs: one walk over both lists together."""
        srcs: list[int] = []
        lens: list[int] = []
        k, run_start = 0, 0                       # run k covers [run_start, run_start + lens[k])
        old_srcs, old_lens = self.srcs, self.lens
        for a, b in keep:
            while run_start + old_lens[k] <= a:
                run_start += old_lens[k]
                k += 1
            while a < b:
                run_end = run_start + old_lens[k]
                take = (b if b < run_end else run_end) - a
                srcs.append(old_srcs[k] + a - run_start)
                lens.append(take)
                a += take
                if a == run_end and a < b:
                    run_start = run_end
                    k += 1
        return srcs, lens

    def delete(self, spans: list[Span]) -> None:
        """Delete ``spans`` (any order, may overlap) from the text and from the map."""
        dels = normalize(spans)
        if not dels:
            return
        keep = [(a, b) for a, b in zip([0] + [e for _, e in dels], [s for s, _ in dels] + [len(self.text)])
                if b > a]
        self.srcs, self.lens = self._cut(keep)
        self.text = "".join([self.text[a:b] for a, b in keep])

    def replace(self, text: str, segs: Segs) -> None:
        """Take ``text``, whose characters come from the current text as ``segs`` say."""
        if len(text) != len(self.text) or segs != [(0, 0, len(text))]:
            # t2s reports its segments left to right, with non-decreasing sources
            self.srcs, self.lens = self._cut([(src, src + n) for _, src, n in segs])
        self.text = text

    def result(self) -> Cleaned:
        return Cleaned(self.text, self._starts(), self.srcs, self.raw_len)
