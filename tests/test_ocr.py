"""OCR of scanned PDF pages (the optional extra, etl.formats.ocr).

The reading order and the pipeline's handling of OCR'd pages are tested with a stand-in engine, so
they run everywhere; the real RapidOCR engine is tested only where `make ocr` installed it."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from etl.formats import extract, ocr
from etl.pipeline import process
from etl.sources import UnreadableDocument, read_document
from tests.test_formats import blank_pdf


def box(x, y, w=100, h=30):
    return [[x, y], [x + w, y], [x + w, y + h], [x, y + h]]


ORDER_CASES = [
    # (boxes as RapidOCR gives them, lines expected)
    ([], []),
    ([(box(10, 10), "一行", 0.99)], ["一行"]),
    # given bottom-up: read top-down
    ([(box(10, 100), "第二行", 0.9), (box(10, 10), "第一行", 0.9)], ["第一行", "第二行"]),
    # one line split into two boxes, right part first: joined left to right
    ([(box(300, 12), "平台累计注册用户", 0.9), (box(10, 10), "截至2022年底，", 0.9)],
     ["截至2022年底，平台累计注册用户"]),
    # slightly skewed boxes of one line (centres 4 px apart, height 30) stay one line
    ([(box(10, 10), "归集数据", 0.9), (box(120, 14), "12.7亿条", 0.9)], ["归集数据12.7亿条"]),
    # the next line of body text (centres 40 px apart) is a new line
    ([(box(10, 10), "甲", 0.9), (box(10, 50), "乙", 0.9), (box(120, 50), "丙", 0.9)], ["甲", "乙丙"]),
    # a small note box low beside a tall headline: centres 25 px apart > half the small height
    ([(box(200, 60, h=10), "注", 0.9), (box(10, 10, h=60), "标题", 0.9)], ["标题", "注"]),
]


@pytest.mark.parametrize("results, lines", ORDER_CASES)
def test_lines_in_reading_order(results, lines):
    assert ocr.lines_in_reading_order(results) == lines


def scanned_pdf(pages: int = 1) -> bytes:
    """A PDF whose pages are pictures of nothing: no text layer, as a scanner makes them."""
    return blank_pdf(pages)


PAGE_LINES = ["某市一网通办平台建设成效", "截至2022年底，平台累计注册用户1870万人，",
              "归集数据12.7亿条。"]


class FakeEngine:
    """Stands in for RapidOCR: PAGE_LINES on the first page, other lines after it (identical pages
    would be taken for running headers), boxes given out of order."""

    def __init__(self):
        self.calls = 0

    def __call__(self, image):
        assert image.size[0] > 595  # the page was rendered above 72 dpi
        self.calls += 1
        lines = PAGE_LINES if self.calls == 1 else [f"第{self.calls}页另有说明文字，没有数字。"]
        boxes = [(box(10, 10 + 40 * i), t, 0.95) for i, t in enumerate(lines)]
        return list(reversed(boxes)), 0.0


@pytest.fixture
def fake_ocr(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: True)
    engine = FakeEngine()
    monkeypatch.setattr(ocr, "_engine", lambda: engine)


def test_without_the_extra_a_scan_is_refused(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(UnreadableDocument, match=r"^scan\.pdf: no text layer: needs OCR \(2 pages\)$"):
        extract(Path("scan.pdf"), scanned_pdf(2))


def test_pages_without_text_are_read_by_ocr(fake_ocr):
    ext = extract(Path("scan.pdf"), scanned_pdf(2))
    assert ext.ocr_pages == (1, 2)
    assert ext.raw_text.split("\f")[0] == "\n".join(PAGE_LINES)
    assert "截至2022年底,平台累计注册用户1870万人," in ext.text.replace("，", ",")  # reflowed: one line
    assert ext.warnings[0] == "2 of 2 pages read by OCR (rapidocr): their figures are marked low confidence"


def test_figures_from_ocr_pages_are_low_confidence_with_page(tmp_path, fake_ocr):
    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned_pdf(1))
    rows = process(read_document(path, {}))
    outs = {(o["metric"], o["value"]): o for o in rows.outcomes}
    assert ("registered_users", 18_700_000.0) in outs and ("data_records", 1_270_000_000.0) in outs
    page_text = "\n".join(PAGE_LINES)
    for o in rows.outcomes:
        assert o["confidence"] == "low" and ocr.NOTE in o["note"] and o["page"] == 1
    # provenance: page offsets point at the figure in the OCR'd page text
    spans = {o["metric"]: page_text[o["page_start"]:o["page_end"]] for o in rows.outcomes}
    assert spans["registered_users"] == "1870万" and spans["data_records"] == "12.7亿"
    assert rows.cases[0]["title"] == PAGE_LINES[0]


def test_ocr_message_has_a_chinese_translation():
    from etl import messages

    msg = "3 of 12 pages read by OCR (rapidocr): their figures are marked low confidence"
    assert messages.known(msg) and messages.zh(msg) == "12 页中有 3 页由 OCR(rapidocr)识别:其中的数字标为存疑"


@pytest.mark.skipif(not ocr.available(), reason="the OCR extra is not installed (make ocr)")
def test_real_engine_reads_a_rendered_scan(tmp_path):
    """RapidOCR itself, on a page image drawn with a CJK font and saved as an image-only PDF."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 28)
    img = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(PAGE_LINES):
        draw.text((100, 150 + 60 * i), line, fill="black", font=font)
    buf = io.BytesIO()
    img.save(buf, "PDF", resolution=150)
    ext = extract(Path("scan.pdf"), buf.getvalue())
    assert ext.ocr_pages == (1,)
    assert "1870万人" in ext.text and "12.7亿条" in ext.text
