"""Reading each format: text encodings and local faults, DOCX paragraphs and tables, HTML main text,
PDF text layers and refusals; and read_document's metadata and offset map."""
import io
from pathlib import Path

import pytest

from etl.formats import SUPPORTED_SUFFIXES, extract
from etl.sources import UnreadableDocument, read_document

TEXT = "杭州市“城市大脑”\n截至2022年底，平台注册用户超过1500万人。\n日均调用接口300万次。\n"


def test_supported_suffixes():
    assert SUPPORTED_SUFFIXES == frozenset({".txt", ".md", ".text", ".pdf", ".docx", ".html", ".htm"})


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8"),
    (TEXT.encode("gb18030"), "gb18030"),
    (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16-le"),
    (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be"),
    (TEXT.encode("utf-16-le"), "utf-16-le"),                # no BOM: NULs at every other byte
])
def test_text_encodings(data, encoding):
    e = extract(Path("a.txt"), data)
    assert (e.text, e.meta["encoding"], e.offsets) == (TEXT, encoding, None)


@pytest.mark.parametrize("bad", [b"\xff", b"\x00", b"\xe4\xb8"])
def test_a_stray_byte_costs_its_line_only(bad):
    lines = TEXT.encode("utf-8").split(b"\n")
    lines[1] = lines[1][:12] + bad + lines[1][12:]             # damage the line with 1500万
    e = extract(Path("a.txt"), b"\n".join(lines))
    assert "1500万" not in e.text                               # no figure from a damaged line
    assert "杭州市“城市大脑”" in e.text and "日均调用接口300万次。" in e.text
    assert len(e.warnings) == 1 and e.warnings[0].startswith("line 2:")
    i = e.text.index("日均")
    assert e.raw_text[e.offsets[i]:e.offsets[i] + 2] == "日均"  # offsets lead to the decoded file


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"\xff\xfe", "empty file"),
    (b"PK\x03\x04\x00\x00" + bytes(200), "binary file"),
    (bytes(range(1, 9)) * 100, "binary file"),
])
def test_text_refusals(data, reason):
    with pytest.raises(UnreadableDocument, match=reason):
        extract(Path("a.txt"), data)


def test_unknown_suffix_is_refused():
    with pytest.raises(UnreadableDocument, match=r"cases\.zip: not a document format: \.zip"):
        extract(Path("cases.zip"), b"PK")


def make_docx() -> bytes:
    import docx

    d = docx.Document()
    d.add_heading("浙江“浙里办”建设成效", 1)
    d.add_paragraph("截至2022年底，“浙里办”注册用户超过8000万。")
    t = d.add_table(rows=3, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "指标", "数值"
    t.cell(1, 0).text, t.cell(1, 1).text = "上线服务事项", "3600项"
    t.cell(2, 0).merge(t.cell(2, 1)).text = "数据来源：省大数据局"
    d.add_paragraph("表格之后的段落。")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_paragraphs_and_tables_in_order():
    e = extract(Path("a.docx"), make_docx())
    assert e.text.splitlines() == ["浙江“浙里办”建设成效", "截至2022年底，“浙里办”注册用户超过8000万。",
                                   "指标\t数值", "上线服务事项\t3600项", "数据来源：省大数据局", "表格之后的段落。"]
    assert e.meta["title"] == "浙江“浙里办”建设成效" and e.fmt == "docx"


def test_docx_refusal():
    with pytest.raises(UnreadableDocument, match="a.docx: not a readable Word"):
        extract(Path("a.docx"), b"PK\x03\x04 not really a zip")


PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>杭州城市大脑 - 数字政府网</title>
<style>.x{color:red}</style><script>window.__x='访问量100万人次'</script></head><body>
<nav><a href="/">首页</a> | <a href="/news">新闻</a> | 您当前的位置：首页 > 新闻</nav>
<aside><h3>相关新闻</h3><ul><li><a href="/1">某市注册用户突破900万</a></li>
<li><a href="/2">某省共享数据50亿条</a></li></ul></aside>
<article><h1>杭州城市大脑赋能城市治理</h1><p class="date">2023-03-01</p>
<p>杭州市城市大脑平台累计汇聚数据超过12亿条，日均服务市民200万人次，这一段文字足够长以便被识别为正文内容。</p>
<p>平台已接入部门系统300余个，累计处置城市治理事件80万件，办理时间平均缩短60%。</p></article>
<footer>版权所有 © 2023 数字政府网 | 联系我们</footer></body></html>"""


def test_html_main_text_without_chrome():
    e = extract(Path("a.html"), PAGE.encode("utf-8"))
    assert e.text.splitlines()[0] == "杭州城市大脑赋能城市治理"
    assert "12亿条" in e.text and "80万件" in e.text
    for chrome in ("首页", "相关新闻", "900万", "50亿条", "版权所有", "window", "color", "100万人次"):
        assert chrome not in e.text
    assert e.meta["date"] == "2023-03-01"


def blank_pdf(pages: int) -> bytes:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def test_pdf_without_text_layer_is_refused_with_its_page_count(monkeypatch):
    monkeypatch.setenv("ETL_OCR", "off")
    with pytest.raises(UnreadableDocument, match=r"^scan\.pdf: no text layer: needs OCR \(3 pages\)$"):
        extract(Path("scan.pdf"), blank_pdf(3))


def encrypted_pdf() -> bytes:
    """A minimal PDF whose /Encrypt dictionary needs a user password (its /U matches no empty one)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<" % (len(objs) + 1) + b"ab" * 16
            + b"> <" + b"ab" * 16 + b">] >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return bytes(out)


def test_encrypted_pdf_is_refused_in_one_line():
    with pytest.raises(UnreadableDocument, match=r"^locked\.pdf: encrypted PDF: needs a password to open$"):
        extract(Path("locked.pdf"), encrypted_pdf())


@pytest.mark.parametrize("data", [b"%PDF-1.4\n garbage", b"not a pdf at all"])
def test_damaged_pdf_is_refused_in_one_line(data):
    with pytest.raises(UnreadableDocument, match=r"^bad\.pdf: not a readable PDF") as exc:
        extract(Path("bad.pdf"), data)
    assert "\n" not in str(exc.value)


def test_read_document_takes_metadata_from_the_file(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.encode("utf-8"))
    doc = read_document(path, {})
    assert doc.meta["title"] == "杭州城市大脑赋能城市治理" and doc.meta["published"] == "2023-03-01"
    assert doc.fmt == "html" and doc.raw == doc.text
    manifest = {"page.html": {"title": "手填标题", "published": ""}}
    assert read_document(path, manifest).meta["title"] == "手填标题"     # the manifest wins
    assert path.read_bytes() == PAGE.encode("utf-8")                     # the original is untouched


def test_pipeline_composes_offsets_and_pages_for_a_paged_document():
    from etl.formats.reflow import reflow
    from etl.pipeline import process
    from etl.sources import RawDocument

    full = "杭州市以城市大脑为中枢推动数据资源整合共享，平台建设稳步推进，成效明显。"
    pages = ["\r\n".join(["数字政府观察", "杭州城市大脑赋能城市治理", full, "截至2022年底，平台注册用户超过15",
                          "00万人，日均调用接口300万次。", "1"]),
             "\r\n".join(["数字政府观察", full, "累计处置城市治理事件80万件。", "2"])]
    raw = "\f".join(pages)
    text, offsets, _ = reflow(pages)
    spans, pos = [], 0
    for p in pages:
        spans.append((pos, pos + len(p)))
        pos += len(p) + 1
    doc = RawDocument(Path("x.pdf"), text, "pdf", "0" * 64, {}, [], raw_text=raw, offsets=offsets,
                      pages=spans, fmt="pdf")
    rows = process(doc)
    assert rows.cases and rows.cases[0]["title"] == "杭州城市大脑赋能城市治理"
    by_value = {o["value"]: o for o in rows.outcomes}
    users, events = by_value[15_000_000], by_value[800_000]
    assert raw[users["raw_start"]:users["raw_end"]].replace("\r\n", "").startswith("1500万")
    assert users["page"] == 1 and pages[0][users["page_start"]:users["page_start"] + 2] == "15"
    assert events["page"] == 2 and pages[1][events["page_start"]:events["page_end"]].startswith("80万")
    assert rows.cases[0]["page"] == 1


def test_case_view_shows_the_page_of_a_pdf_outcome():
    from types import SimpleNamespace

    from dashboard.highlight import outcome_html, page_label

    raw = "页眉\r\n平台注册用户超过\r\n1500万人。\f第二页"
    start = raw.index("1500")
    o = SimpleNamespace(metric="registered_users", value=15e6, unit="人", qualifier="lower_bound",
                        period="cumulative", part_of_total=False, confidence="high", quote="平台注册用户超过1500万人",
                        raw_start=start, raw_end=start + 5, page=1, page_start=start, page_end=start + 5)
    html = outcome_html(o, raw, "a.pdf", "zh")
    assert "a.pdf 第 1 页" in html and "\r" not in html and "\f" not in html
    assert page_label(SimpleNamespace(page=float("nan"))) == "" and page_label(SimpleNamespace()) == ""
    assert page_label(SimpleNamespace(page=3), "en") == " p. 3"
