"""PDF with a text layer, read with pypdfium2 (PDFium, BSD/Apache; PyMuPDF's AGPL does not suit a
government deployment).

``raw_text`` is the page texts exactly as PDFium gives them, joined by "\\f" (so ``pages`` can give
every offset its page); ``text`` is the reflowed running text (etl.formats.reflow), which also uses the
characters' boxes (type size, indentation, margins). Pages without a text layer (a scan) are read by
OCR when the optional extra is installed (etl.formats.ocr); without it a PDF with no text layer at all
is refused with its page count, so staff know it needs OCR. An encrypted or damaged PDF is refused
with PDFium's reason.
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


def open_pdf(name: str, data: bytes):
    """The PDFium document, or UnreadableDocument saying why it cannot be opened."""
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise _unreadable(f"{name}: encrypted PDF: needs a password to open") from None
        raise _unreadable(f"{name}: not a readable PDF ({msg.splitlines()[0] if msg else 'damaged'})") from None


def text_pages(name: str, pdf) -> tuple[list[str], list]:
    """Every page's text as PDFium extracts it, and its open text pages (the caller closes them)."""
    import pypdfium2 as pdfium

    texts, tps = [], []
    for i in range(len(pdf)):
        try:
            tp = pdf[i].get_textpage()
        except pdfium.PdfiumError as exc:
            for t in tps:
                t.close()
            raise _unreadable(f"{name}: page {i + 1} cannot be read ({exc})") from None
        texts.append(tp.get_text_range())
        tps.append(tp)
    return texts, tps


def page_box(texts: list[str], tps: list):
    """reflow's box(page, i): the loose box of char i of a page's text; None when PDFium's char
    indexes and the text do not line up on some page (then reflow goes by the text alone)."""
    if any(tp.count_chars() != len(t) for t, tp in zip(texts, tps)):
        return None
    return lambda page, i: tps[page].get_charbox(i, loose=True)


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
    pdf = open_pdf(name, data)
    tps: list = []
    try:
        meta = pdf_meta(pdf)
        texts, tps = text_pages(name, pdf)
        meta["pages"] = len(texts)
        ocr_pages = ocr_empty_pages(pdf, texts)
        box = None if ocr_pages else page_box(texts, tps)  # OCR text has no PDFium char boxes
        ext = paged_text(name, texts, box, meta)
        if ocr_pages:
            ext.ocr_pages = tuple(ocr_pages)
            ext.warnings.insert(0, f"{len(ocr_pages)} of {len(texts)} pages read by OCR (rapidocr): "
                                   f"their figures are marked low confidence")
        return ext
    finally:
        for tp in tps:
            tp.close()
        pdf.close()


def is_empty_page(text: str) -> bool:
    return len("".join(text.split())) < MIN_PAGE_CHARS


def ocr_empty_pages(pdf, texts: list[str]) -> list[int]:
    """Read every page without a text layer by OCR, in place in `texts`, when the OCR extra is
    installed; the numbers (from 1) of the pages read. Without the extra: [] and `texts` unchanged."""
    from etl.formats import ocr

    empty = [i for i, t in enumerate(texts) if is_empty_page(t)]
    if not empty or not ocr.available():
        return []
    for i in empty:
        texts[i] = ocr.ocr_page(pdf[i])
    return [i + 1 for i in empty]


def paged_text(name: str, texts: list[str], box, meta: dict) -> Extracted:
    """The Extracted of a PDF's page texts: refused without a text layer, else reflowed."""
    n = len(texts)
    empty = [i + 1 for i, t in enumerate(texts) if is_empty_page(t)]
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
    text, offsets, removed = reflow(texts, box)
    if removed:
        shown = " | ".join(r[:40] for r in removed[:5])
        warnings.append(f"{len(removed)} running header/footer line(s) left out: {shown}")
    return Extracted(raw, text, offsets, pages, "pdf", meta, warnings)
