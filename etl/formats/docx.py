"""Word (.docx) read with python-docx: paragraphs and table cells in document order.

Reporting units put their figures in tables as often as in sentences, so a table is read row by row,
its cells joined by a tab (a merged cell once, a nested table's rows after its row), and nested tables in place. The first paragraph in the
Title style, else the first heading, is the document's title in ``meta``. ``raw_text`` is the
extracted text (a .docx is a zip of XML: there is no other text to index), so ``offsets`` is None.
"""
from __future__ import annotations

import io
import zipfile

from etl.formats import Extracted


def _unreadable(reason: str):
    from etl.sources import UnreadableDocument
    return UnreadableDocument(reason)


def blocks(doc) -> list[tuple[str, str | None]]:
    """(text, style name) of every paragraph and table row of the body, in document order."""
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

    out: list[tuple[str, str | None]] = []

    def walk(parent, element) -> None:
        for child in element.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                p = Paragraph(child, parent)
                out.append((p.text, p.style.name if p.style is not None else None))
            elif tag == "tbl":
                table_rows(Table(child, parent))
            elif tag == "sdt":                       # content controls wrap paragraphs and tables
                content = child.find("{*}sdtContent")
                if content is not None:
                    walk(parent, content)

    def table_rows(table) -> None:
        for row in table.rows:
            cells, nested = [], []
            for tc in row._tr.tc_lst:               # a cell merged across columns is one <w:tc>
                cell = _Cell(tc, table)
                cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
                nested.extend(cell.tables)
            if any(cells):
                out.append(("\t".join(c for c in cells if c), "Table"))
            for inner in nested:
                table_rows(inner)

    walk(doc, doc.element.body)
    return out


def title_of(items: list[tuple[str, str | None]], core_title: str | None) -> str | None:
    """The Title-style paragraph, else the first Heading, else the file's core title property."""
    for wanted in ("Title", "Heading"):
        for text, style in items:
            if style and style.startswith(wanted) and text.strip():
                return text.strip()
    return (core_title or "").strip() or None


def read_docx(name: str, data: bytes) -> Extracted:
    """A Word file: its paragraphs and table rows, one per line, in document order."""
    import docx

    try:
        doc = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise _unreadable(f"{name}: not a readable Word .docx file ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # python-docx raises several types for a damaged package
        raise _unreadable(f"{name}: not a readable Word .docx file ({type(exc).__name__})") from None
    items = blocks(doc)
    text = "\n".join(t for t, _ in items if t.strip())
    if not text.strip():
        raise _unreadable(f"{name}: a Word file without text")
    meta = {}
    title = title_of(items, doc.core_properties.title)
    if title:
        meta["title"] = title
    return Extracted(text, text, None, None, "docx", meta, [])
