"""Cleaning layer: raw document text → ``Cleaned`` (Simplified text + offset map back to raw).

Each step is a pure function in its own module. Apart from the Traditional → Simplified conversion,
every step only *deletes*: it returns the spans of the text to delete, and ``clean`` deletes them
from the text and from the offset map (``offsets.Work``) at once. Steps in one pass of ``PASSES``
see the same text and their spans are deleted together; a later pass sees the text the earlier ones
left. Paragraph breaks are kept as "\\n".

Public API: ``clean(raw) -> Cleaned`` and ``Cleaned`` (``text``, ``offsets``, ``raw_span``,
``clean_span``).
"""
from __future__ import annotations

from . import t2s
from .chrome import chrome_line_spans
from .chunks import chunk_marker_spans
from .doubled import doubled_heading_spans
from .headers import page_header_spans
from .invisible import invisible_spans
from .markup import markup_spans
from .offsets import Cleaned, Work
from .pinyin import pinyin_spans
from .spaces import blank_line_spans, space_spans
from .webpage import webpage_spans

__all__ = ["Cleaned", "clean", "PASSES", "TO_SIMPLIFIED"]

TO_SIMPLIFIED = "to_simplified"      # the one rewriting step (etl.clean.t2s), by name in the table

# The step order. Why this order:
#  - invisible characters, pinyin readings and HTML/script go first, on the raw text: a zero-width
#    space or a tag would break every pattern after them;
#  - Traditional → Simplified next, so that every later pattern is written once, in Simplified;
#  - chunk markers and chrome lines before the page headers (a marker may cut a header in two), the
#    headers before the doubled headings (a header may sit inside a doubled heading), and the stray
#    blanks and blank lines last (every deletion before may leave some).
PASSES = (
    (invisible_spans, pinyin_spans, markup_spans),
    TO_SIMPLIFIED,
    (chunk_marker_spans, chrome_line_spans, webpage_spans),
    (page_header_spans,),
    (doubled_heading_spans,),
    (space_spans, blank_line_spans),
)


def clean(raw: str) -> Cleaned:
    """Clean a raw document: run ``PASSES`` in order (see the module docstring)."""
    work = Work(raw)
    for step in PASSES:
        if step == TO_SIMPLIFIED:
            work.replace(*t2s.t2s_with_map(work.text))
            continue
        spans = []
        for find in step:
            spans += find(work.text)
        work.delete(spans)
    return work.result()
