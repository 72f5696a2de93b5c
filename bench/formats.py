"""PDF pages per second per core, and the other formats' reading speed (issue 9.8; target ≥ 30 PDF
pages/s per core).

A multi-page PDF is printed with Chromium from the format fixtures' passages (repeated until the
booklet has about --pages pages; tests/make_format_fixtures.py), then read with `etl.formats.extract`
several times. CPU time (time.process_time) is measured, not wall time, since the machine is shared;
the median of --repeats passes is printed, with the split between PDFium (text and char boxes) and
the reflow, and the whole pipeline (read → clean → segment → outcomes) per page.

Usage: python bench/formats.py [--pages 120] [--paper A4|A5] [--repeats 5] [--pdf FILE]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def booklet(pages: int, paper: str) -> bytes:
    """A printed booklet of about `pages` pages (one passage set is ~5 A5 pages, ~2 A4 pages)."""
    from tests import make_format_fixtures as m

    ps = m.passages()
    per_set = 5 if paper == "A5" else 2
    copies = max(1, round(pages / per_set))
    many = [dict(p, id=f"{p['id']}_{k}") for k in range(copies) for p in ps]
    return m.make_pdf(m.print_collection(many), "数字政府研究中心", fmt=paper)


def cpu(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats + 1):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return statistics.median(times[1:])          # the first pass warms caches


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python bench/formats.py")
    ap.add_argument("--pages", type=int, default=120)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--paper", default="A4", choices=("A4", "A5"), help="page size of the booklet")
    ap.add_argument("--pdf", type=Path, help="time this PDF instead of a printed booklet")
    args = ap.parse_args(argv)

    from etl.formats import extract
    from etl.formats.pdf import open_pdf, page_box, text_pages
    from etl.formats.reflow import reflow
    from etl.pipeline import process
    from etl.sources import read_document

    if args.pdf:
        data, path = args.pdf.read_bytes(), args.pdf
    else:
        t0 = time.perf_counter()
        data = booklet(args.pages, args.paper)
        path = Path(tempfile.mkdtemp()) / "booklet.pdf"
        path.write_bytes(data)
        print(f"printed a booklet with Chromium in {time.perf_counter() - t0:.1f} s wall: {len(data) / 1e6:.1f} MB")
    e = extract(path, data)
    n = e.meta["pages"]
    print(f"{path.name}: {n} pages, {len(e.raw_text):,} chars of page text, {len(e.text):,} reflowed")

    def pdfium_only():
        pdf = open_pdf(path.name, data)
        texts, tps = text_pages(path.name, pdf)
        box = page_box(texts, tps)
        for k, t in enumerate(texts):            # what reflow reads: three char boxes a line
            for _ in range(t.count("\n") * 3):
                box(k, 0)
        for tp in tps:
            tp.close()
        pdf.close()

    texts = e.raw_text.split("\f")
    whole = cpu(lambda: extract(path, data), args.repeats)
    pdfium = cpu(pdfium_only, args.repeats)
    flow = cpu(lambda: reflow(texts), args.repeats)
    doc = read_document(path, {})
    pipeline = cpu(lambda: process(read_document(path, {})), max(1, args.repeats // 2))
    print(f"extract (PDFium text + boxes + reflow): {whole * 1000:.0f} ms CPU → {n / whole:.0f} pages/s per core "
          f"(target ≥ 30)")
    print(f"  PDFium text and char boxes: {pdfium * 1000:.0f} ms; reflow by text alone: {flow * 1000:.0f} ms")
    print(f"whole pipeline (read, clean, segment, outcomes): {pipeline * 1000:.0f} ms CPU → "
          f"{n / pipeline:.0f} pages/s per core ({len(process(doc).outcomes)} outcomes)")

    from tests import make_format_fixtures as m
    for form in ("docx", "html", "txt"):
        files = sorted(m.DIR.glob(f"p0*.{form}"))
        blobs = [(f, f.read_bytes()) for f in files]
        t = cpu(lambda: [extract(f, b) for f, b in blobs], args.repeats)
        print(f"{form}: {len(files)} files in {t * 1000:.1f} ms CPU ({t / len(files) * 1000:.2f} ms per file)")
    ocr_speed()
    return 0


def ocr_speed() -> None:
    """Seconds per scanned page read by OCR (the optional extra; `make ocr`), on the format fixtures'
    scan. OCR runs onnxruntime threads: CPU time counts all of them."""
    from etl.formats import extract, ocr
    from tests import make_format_fixtures as m

    if not ocr.available():
        print("ocr: the optional extra is not installed (make ocr): not measured")
        return
    scan = m.DIR / "scan.pdf"
    data = scan.read_bytes()
    ocr._engine()  # model loading is once per process, not per page
    t0, c0 = time.perf_counter(), time.process_time()
    e = extract(scan, data)
    wall, cpu_s = time.perf_counter() - t0, time.process_time() - c0
    n = len(e.ocr_pages)
    print(f"ocr: {n} scanned pages in {wall:.1f} s wall, {cpu_s:.1f} s CPU → {wall / max(n, 1):.1f} s per page")


if __name__ == "__main__":
    raise SystemExit(main())
