"""Step: running page headers "<document title>(2022 年)NN" that a PDF extraction left in the text,
often in the middle of a sentence or a number."""
from __future__ import annotations

import re

from .chars import HAN, SP

Span = tuple[int, int]

from collections import Counter

_DIGIT_RUN = re.compile(r"\d+")
_HAN_CH = re.compile(f"[{HAN}]")


def _key_places(text: str, min_count: int) -> dict[str, list[int]]:
    """Candidate keys of a running header and their places: the six characters before a digit run,
    among the eight most common, that come back >= ``min_count`` times, hold no line break and do
    not end with "." or "," (a decimal number or a list of numbers is no page header)."""
    starts = [m.start() for m in _DIGIT_RUN.finditer(text, 6)]
    keys = [text[i - 6:i] for i in starts]
    top = {k for k, n in Counter(keys).most_common(8)
           if n >= min_count and "\n" not in k and k[-1] not in ".,"}
    places: dict[str, list[int]] = {k: [] for k in top}
    for i, k in zip(starts, keys):
        if k in top:
            places[k].append(i)
    return places


def find_running_header(text: str, min_count: int = 5) -> str | None:
    """The running page header: a title repeated before a page number on every page.

    Found from the six characters before each digit run: a string that comes back >= ``min_count``
    times is extended to the left as long as >= 80 % of its places agree, and kept when it holds
    >= 4 Han characters and the numbers after it count pages (mostly +1, +2 or +3 steps)."""
    places = _key_places(text, min_count)
    for n, key in sorted(((len(v), k) for k, v in places.items()), reverse=True):
        group = places[key]
        if not _counts_pages([_DIGIT_RUN.match(text, i).group(0) for i in group]):
            continue
        best = key
        for L in range(7, 61):
            prefixes = Counter(text[i - L:i] for i in group if i >= L)
            if not prefixes:
                break
            prefix, k = prefixes.most_common(1)[0]
            if k < 0.8 * n or prefix[0] == "\n":
                break
            best = prefix
        header = best.lstrip(SP)
        if len(_HAN_CH.findall(header)) < 4:
            continue
        held = [i for i in group if i >= len(best) and text[i - len(best):i] == best]
        if not _counts_pages([_DIGIT_RUN.match(text, i).group(0) for i in held]):
            continue
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
    """(page, digits used) at the start of the digit runs after each header, read along the
    sequence: each number is read knowing the page before it and the digits after it."""
    out: list[tuple[int, int]] = []
    prev: int | None = None
    for i, digits in enumerate(numbers):
        k = _page_number(digits, prev, numbers[i + 1] if i + 1 < len(numbers) else None)
        prev = int(digits[:k])
        out.append((prev, k))
    return out


def _counts_pages(numbers: list[str]) -> bool:
    """Whether >= 60 % of the steps between the pages read are +1, +2 or +3. Stops as soon as the
    steps left cannot reach that share (most candidate keys are no header, and fail early)."""
    if len(numbers) < 3:
        return False
    need = 0.6 * (len(numbers) - 1)
    steps = misses = 0
    prev: int | None = None
    for i, digits in enumerate(numbers):
        k = _page_number(digits, prev, numbers[i + 1] if i + 1 < len(numbers) else None)
        page = int(digits[:k])
        if prev is not None:
            if 1 <= page - prev <= 3:
                steps += 1
            else:
                misses += 1
                if len(numbers) - 1 - misses < need:
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
    """Each running header with the page number after it."""
    header = find_running_header(text)
    if header is None:
        return []
    return [(m.start(), m.start(1) + k) for m, k in _page_sequence(text, header)]

