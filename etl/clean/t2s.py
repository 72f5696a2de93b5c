"""Step: Traditional → Simplified (OpenCC t2s) with a map back to the original positions."""
from __future__ import annotations

import re
from typing import Callable

from etl.script import to_simplified

from .chars import HAN
from .offsets import Segs

_HAN_RUN = re.compile(f"[{HAN}]+")


def t2s_with_map(text: str, convert: Callable[[str], str] = to_simplified) -> tuple[str, Segs]:
    """``convert(text)`` and a map converted -> original positions.

    OpenCC converts phrase-wise and may, rarely, change a phrase's length. The whole text is
    converted at once; when its length is unchanged the map is the identity. Otherwise each line is
    converted alone; a line whose length changed is converted run by run (Han runs; everything else
    is kept as is, so digits and Latin map exactly), and a Han run whose length changed is mapped
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

