"""PDF with a text layer, read with pypdfium2 (PDFium, BSD/Apache; PyMuPDF's AGPL does not suit a
government deployment).

``raw_text`` is the page texts exactly as PDFium gives them, joined by "\\f" (so ``pages`` can give
every offset its page); ``text`` is the reflowed running text (etl.formats.reflow). A PDF without a
text layer (a scan) is refused with its page count, so staff know it needs OCR; an encrypted or
damaged PDF is refused with PDFium's reason.
"""
from __future__ import annotations

import re

from etl.formats import Extracted
from etl.formats.reflow import reflow

# A page whose text layer holds fewer visible characters than this is counted as having none (a scan
# often carries a stray page number or a producer's stamp).
MIN_PAGE_CHARS = 3


def _unreadable(reason: str):
    from etl.sources import UnreadableDocument
    return UnreadableDocument(reason)


def page_texts(name: str, data: bytes) -> tuple[list[str], dict]:
    """Every page's text as PDFium extracts it, and the document's metadata (title, date, pages)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise _unreadable(f"{name}: encrypted PDF: needs a password to open") from None
        raise _unreadable(f"{name}: not a readable PDF ({msg.splitlines()[0] if msg else 'damaged'})") from None
    try:
        texts = []
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                tp = page.get_textpage()
                texts.append(tp.get_text_range())
                tp.close()
            except pdfium.PdfiumError as exc:
                raise _unreadable(f"{name}: page {i + 1} cannot be read ({exc})") from None
            finally:
                page.close()
        meta = pdf_meta(pdf)
    finally:
        pdf.close()
    meta["pages"] = len(texts)
    return texts, meta


def pdf_meta(pdf) -> dict:
    """Title and creation date from the PDF's information dictionary, when it has them."""
    try:
        info = pdf.get_metadata_dict(skip_empty=True)
    except Exception:  # a damaged info dictionary costs the metadata, not the document
        return {}
    meta = {}
    title = (info.get("Title") or "").strip()
    if title and not re.fullmatch(r"(?i)untitled|.*\.(?:html?|docx?|pdf)|about:blank", title):
        meta["title"] = title
    m = re.match(r"D:(\d{4})(\d{2})(\d{2})", info.get("CreationDate") or "")
    if m:
        meta["created"] = "-".join(m.groups())
    return meta


def read_pdf(name: str, data: bytes) -> Extracted:
    """A PDF: page texts joined by "\\f" as raw_text, reflowed running text as text."""
    texts, meta = page_texts(name, data)
    n = len(texts)
    empty = [i + 1 for i, t in enumerate(texts) if len("".join(t.split())) < MIN_PAGE_CHARS]
    if n == 0:
        raise _unreadable(f"{name}: a PDF without pages")
    if len(empty) == n:
        raise _unreadable(f"{name}: no text layer: needs OCR ({n} page{'s' if n != 1 else ''})")
    warnings = []
    if empty:
        shown = ", ".join(map(str, empty[:10])) + (" …" if len(empty) > 10 else "")
        warnings.append(f"{len(empty)} of {n} pages have no text layer (pages {shown}): "
                        f"their content is missing; they need OCR")
    raw = "\f".join(texts)
    pages, pos = [], 0
    for t in texts:
        pages.append((pos, pos + len(t)))
        pos += len(t) + 1
    text, offsets, removed = reflow(texts)
    if removed:
        shown = " | ".join(r[:40] for r in removed[:5])
        warnings.append(f"{len(removed)} running header/footer line(s) left out: {shown}")
    return Extracted(raw, text, offsets, pages, "pdf", meta, warnings)
