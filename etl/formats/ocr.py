"""OCR for scanned PDF pages, an optional extra (`make ocr` installs requirements-ocr.txt).

RapidOCR (Apache-2.0) runs the PaddleOCR models through onnxruntime, with the models inside its wheel:
it reads Chinese offline. It is not in the default install (opencv and onnxruntime weigh ~100 MB), so
without it a scan is refused with "no text layer: needs OCR", as before.

With it, a page without a text layer is rendered with PDFium and read; the page's text is the OCR'd
lines in reading order, one per line, which reflow then joins into sentences like any PDF text. Every
figure read from such a page is stored with confidence "low" and a note (etl.pipeline), since OCR can
misread a digit: staff check it against the original, which stays in data/raw/.
"""
from __future__ import annotations

import importlib.util
import os
from functools import lru_cache

PACKAGE = "rapidocr_onnxruntime"
# PDFium renders at 72 dpi × scale: 2 gives ~144 dpi, enough for body text of an A4 scan.
RENDER_SCALE = 2
# The note on every figure read from an OCR'd page (etl.pipeline marks it low confidence).
NOTE = "read by OCR from a scanned page: check the figure against the original"


def available() -> bool:
    """Whether the OCR extra is installed (checked without importing it: the import is slow) and not
    switched off with ETL_OCR=off (OCR takes seconds per page: a build may want scans refused)."""
    return os.environ.get("ETL_OCR", "").lower() != "off" and importlib.util.find_spec(PACKAGE) is not None


@lru_cache(maxsize=1)
def _engine():
    """One RapidOCR engine per process (loading the models takes about half a second)."""
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR()


def lines_in_reading_order(results) -> list[str]:
    """Group OCR boxes into lines and order them top to bottom, left to right.

    `results` are (box, text, score) with box four (x, y) corners, as RapidOCR returns them. Two boxes
    are on one line when their vertical centres are closer than half the smaller box's height: a
    headline split into two boxes stays one line; the next line of body text does not join it.
    """
    items = []
    for box, text, _score in results or ():
        ys = [p[1] for p in box]
        xs = [p[0] for p in box]
        items.append(((min(ys) + max(ys)) / 2, max(ys) - min(ys), min(xs), text))
    items.sort()
    lines: list[list[tuple]] = []
    for item in items:
        if lines:
            last = lines[-1][-1]
            if abs(item[0] - last[0]) < min(item[1], last[1]) / 2:
                lines[-1].append(item)
                continue
        lines.append([item])
    return ["".join(t for *_, t in sorted(line, key=lambda it: it[2])) for line in lines]


def ocr_page(page) -> str:
    """The text of one pypdfium2 page read by OCR, one line per text line."""
    image = page.render(scale=RENDER_SCALE).to_pil()
    results, _elapsed = _engine()(image)
    return "\n".join(lines_in_reading_order(results))
