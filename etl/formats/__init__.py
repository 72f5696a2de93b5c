"""Reading documents as users have them: plain text, PDF, Word (.docx) and saved web pages.

``extract(path, data)`` turns one file's bytes into an :class:`Extracted`: the text the cleaner
receives, plus an exact map back to ``raw_text`` (the string that ``raw_start``/``raw_end`` index) and,
for a PDF, the span of every page in ``raw_text``. The original file is never rewritten: everything
here reads bytes and returns strings.

Unreadable input (a scanned PDF without a text layer, an encrypted or corrupt file, a binary file
named .txt) raises ``etl.sources.UnreadableDocument`` with a one-line reason naming the file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

TEXT_SUFFIXES = frozenset({".txt", ".md", ".text"})
SUPPORTED_SUFFIXES: frozenset[str] = TEXT_SUFFIXES | {".pdf", ".docx", ".html", ".htm"}


@dataclass
class Extracted:
    """One document's text as the ETL reads it, and how it maps back to the file.

    - ``raw_text``: what ``raw_start``/``raw_end`` index: the decoded file for text formats, the
      pypdfium2 page texts joined by "\\f" for a PDF, the extracted text for DOCX and HTML;
    - ``text``: what ``etl.clean.clean()`` receives (reflowed PDF text, trafilatura's main text…);
    - ``offsets[i]``: index in ``raw_text`` of ``text[i]`` (``None``: ``text`` is ``raw_text``);
    - ``pages[k]``: the [start, end) span of page k+1 in ``raw_text`` (``None``: not paged);
    - ``meta``: what the file says of itself (title, date, publisher, sitename, url, pages);
    - ``warnings``: what was lost or guessed while reading, one line each;
    - ``ocr_pages``: the pages (from 1) whose text was read by OCR (etl.formats.ocr), not a text layer.
    """

    raw_text: str
    text: str
    offsets: list[int] | None
    pages: list[tuple[int, int]] | None
    fmt: str
    meta: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    ocr_pages: tuple[int, ...] = ()

    def raw_index(self, i: int) -> int:
        """Index in ``raw_text`` of ``text[i]``; ``len(text)`` maps to the end of the last mapped char."""
        if self.offsets is None:
            return i
        if i < len(self.offsets):
            return self.offsets[i]
        return self.offsets[-1] + 1 if self.offsets else 0

    def page_of(self, raw_start: int) -> tuple[int, int] | None:
        """(page number from 1, offset within that page's text) of a raw index; None when unpaged."""
        if not self.pages:
            return None
        from bisect import bisect_right

        k = max(bisect_right([s for s, _ in self.pages], raw_start) - 1, 0)
        return k + 1, raw_start - self.pages[k][0]


def format_of(path: Path) -> str:
    """The reader a file goes to, by its suffix; a file without a suffix is read as text."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES or suffix == "":
        return "text"
    if suffix == ".pdf":
        return "pdf"
    if suffix == ".docx":
        return "docx"
    if suffix in (".html", ".htm"):
        return "html"
    from etl.sources import UnreadableDocument

    raise UnreadableDocument(f"{path.name}: not a document format: {suffix}")


def extract(path: Path, data: bytes) -> Extracted:
    """Read one file's bytes by its suffix; raises UnreadableDocument with a one-line reason."""
    fmt = format_of(path)
    if fmt == "pdf":
        from etl.formats.pdf import read_pdf
        return read_pdf(path.name, data)
    if fmt == "docx":
        from etl.formats.docx import read_docx
        return read_docx(path.name, data)
    if fmt == "html":
        from etl.formats.html import read_html
        return read_html(path.name, data)
    from etl.formats.text import read_text
    return read_text(path.name, data)
