"""Source documents: find them, read them safely, and describe them (the `sources` layer).

A document that cannot be read (empty, binary, undecodable, a scan without a text layer) is reported
and skipped; the build goes on. Reading each format is `etl.formats`' job; this module adds the file's
identity (sha256) and the manifest's metadata.
"""
from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from etl.formats import TEXT_SUFFIXES, extract
from etl.manifest import MANIFEST, read_manifest_checked

# A case document is a few hundred kB; a file this large is a dump, not a document. It is reported and
# skipped (the limit is a build option) rather than holding the build for minutes.
DEFAULT_MAX_MB = 64


class UnreadableDocument(Exception):
    """Raised for a file that is not a text document the ETL can read; the message says why."""


@dataclass
class RawDocument:
    """One raw file as read from disk, and what the manifest says of it.

    `text` is what the cleaner receives; `raw_text` (None: the same as `text`) is what `raw_start` and
    `raw_end` index: the decoded file for text, PDFium's page texts joined by "\f" for a PDF (see
    etl.formats.Extracted). `offsets[i]` is the index in `raw_text` of `text[i]` (None: identity);
    `pages[k]` is the span of page k+1 in `raw_text` (None: not paged); `ocr_pages` the pages (from 1)
    read by OCR, whose figures are less certain.
    """

    path: Path
    text: str
    encoding: str
    sha256: str
    meta: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    raw_text: str | None = None
    offsets: list[int] | None = None
    pages: list[tuple[int, int]] | None = None
    fmt: str = "text"
    ocr_pages: tuple[int, ...] = ()

    @property
    def raw(self) -> str:
        return self.text if self.raw_text is None else self.raw_text

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """[start, end) in `text` → [start, end) in `raw_text` (end: after the last char's source)."""
        offs = self.offsets
        if offs is None:
            return start, end
        if not offs:
            return 0, 0
        last = len(offs) - 1
        s = offs[min(start, last)] if start <= last else offs[last] + 1
        e = offs[min(end - 1, last)] + 1 if end > start else s
        return s, max(s, e)

    def page_span(self, raw_start: int, raw_end: int) -> tuple[int | None, int | None, int | None]:
        """(page from 1, start, end within that page's text) of a raw span; Nones when unpaged."""
        if not self.pages:
            return None, None, None
        k = max(bisect.bisect_right(self._page_starts, raw_start) - 1, 0)
        base = self.pages[k][0]
        return k + 1, raw_start - base, raw_end - base

    @property
    def _page_starts(self) -> list[int]:
        return [s for s, _ in self.pages or ()]

    @property
    def file(self) -> str:
        return self.path.name

    @cached_property
    def source_id(self) -> str:
        """The file's stem for a .txt (or suffix-less) file, as ever; the whole file name otherwise, so
        that one passage kept as p01.txt, p01.pdf and p01.docx gives three sources, not one id thrice.
        Kept once computed (every case and finding row asks for it; the path does not change)."""
        return source_id_of(self.path.name)


def source_id_of(file: str) -> str:
    """A source's id from its file name (see RawDocument.source_id)."""
    path = Path(file)
    return path.stem if path.suffix.lower() in ("", ".txt") else path.name


def read_manifest(raw_dir: Path) -> dict[str, dict]:
    """Rows of data/raw/sources.csv keyed by file name (tolerant: see etl.manifest); warnings dropped."""
    return read_manifest_checked(raw_dir)[0]


def supported_suffixes() -> frozenset[str]:
    """The file name endings the ETL reads: etl.formats' list once that package exists."""
    try:
        from etl.formats import SUPPORTED_SUFFIXES
    except ImportError:
        return frozenset(TEXT_SUFFIXES)
    return frozenset(SUPPORTED_SUFFIXES)


def scan_input(raw_dir: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """The candidate documents under raw_dir in name order, and every other entry with the reason it
    is not read (hidden files and the manifest itself are not mentioned). A file without a suffix is
    tried as text."""
    suffixes = supported_suffixes()
    documents, skipped = [], []
    for p in sorted(raw_dir.iterdir()):
        if p.name == MANIFEST or p.name.startswith("."):
            continue
        if p.is_dir():
            skipped.append((p.name + "/", "a folder: documents in subfolders are not read"))
        elif not p.is_file():
            skipped.append((p.name, "not a regular file"))
        elif p.suffix.lower() in suffixes or p.suffix == "":
            documents.append(p)
        else:
            skipped.append((p.name, f"not a document format: {p.suffix.lower()} "
                                    f"(read: {' '.join(sorted(suffixes))})"))
    return documents, skipped


def list_documents(raw_dir: Path) -> list[Path]:
    """Every candidate document under raw_dir, in name order (the manifest itself excluded)."""
    return scan_input(raw_dir)[0]


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Decode a text file's bytes (see etl.formats.text.decode): (text, encoding, warnings)."""
    from etl.formats.text import decode as decode_text

    return decode_text(data)


# What a file says of itself fills a manifest field the manifest leaves empty.
_META_FIELDS = (("title", "title"), ("publisher", "publisher"), ("publisher", "sitename"),
                ("published", "date"), ("url", "url"))


def read_document(path: Path, manifest: dict[str, dict] | None = None,
                  max_mb: float = DEFAULT_MAX_MB) -> RawDocument:
    """Read one file; raises UnreadableDocument with a reason a person can act on."""
    try:
        size = path.stat().st_size
        if size > max_mb * 1e6:
            raise UnreadableDocument(
                f"too large: {size / 1e6:.1f} MB > {max_mb:g} MB limit "
                f"(split it into documents, or raise the limit with --max-mb)")
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(f"cannot read: {exc.strerror or exc}") from None
    ext = extract(path, data)
    warnings = list(ext.warnings)
    meta = dict((manifest or {}).get(path.name, {}))
    if not meta:
        warnings.append("not in data/raw/sources.csv: title and publisher unknown")
    for key, src in _META_FIELDS:
        if not meta.get(key) and ext.meta.get(src):
            meta[key] = ext.meta[src]
    return RawDocument(path, ext.text, ext.meta.get("encoding", ext.fmt), hashlib.sha256(data).hexdigest(),
                       meta, warnings, raw_text=None if ext.raw_text is ext.text else ext.raw_text,
                       offsets=ext.offsets, pages=ext.pages, fmt=ext.fmt,
                       ocr_pages=ext.ocr_pages)
