"""Make the format fixtures of tests/data/formats/ with real producers (issue 9.7).

`python -m tests.make_format_fixtures` writes, for every passage of passages.json (texts written for
these tests in the style of Chinese digital-government news; no figure is real):
- `<id>.txt`: the passage as plain UTF-8 text (headline, then one paragraph a line);
- `<id>.html`: the passage saved as a news page: site navigation, a breadcrumb, a byline, a sidebar of
  other headlines with figures in them (distractors), a share bar, a footer, `<script>`/`<style>`
  (odd ids: semantic markup; even ids: div soup with other articles' summaries in a right column);
- `<id>.pdf`: the passage printed by Chromium (Playwright `page.pdf()`, Debian chromium, Noto CJK
  fonts) on A5 with a running header (publication name) and a footer with page numbers;
- `<id>.docx`: the passage as a Word file made by python-docx: a Title-style headline, paragraphs,
  and the second paragraph as a table of its sentences with their figures;
plus `collection.pdf`, every passage in one printed booklet of several pages, and `scan.pdf`: two pages holding only an image of text (no text layer), made with pypdfium2.

The outputs are committed; rerun this after editing passages.json (arguments: the forms to remake,
e.g. `docx pdf`; none: all). `make_pdf` is also used by
bench/formats.py to print a long document.
"""
from __future__ import annotations

import html
import io
import json
from pathlib import Path

DIR = Path(__file__).resolve().parent / "data" / "formats"
CHROMIUM = "/usr/bin/chromium"
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def passages() -> list[dict]:
    return json.loads((DIR / "passages.json").read_text("utf-8"))


def as_text(p: dict) -> str:
    return "\n".join([p["title"], *p["paragraphs"]]) + "\n"


def others(p: dict, all_p: list[dict]) -> list[str]:
    """Headlines of the other passages: the sidebar's distractors (figures of other places)."""
    return [q["title"] for q in all_p if q["id"] != p["id"]][:5]


def as_html(p: dict, all_p: list[dict]) -> str:
    e = html.escape
    side = "".join(f'<li><a href="/news/{i}.html">{e(t)}</a></li>' for i, t in enumerate(others(p, all_p)))
    body = "".join(f"<p>{e(x)}</p>" for x in p["paragraphs"])
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{e(p['title'])}_{e(p['site'])}</title>
<meta name="description" content="{e(p['paragraphs'][0][:60])}">
<style>body{{font-family:"Noto Sans CJK SC",sans-serif;margin:0}} .nav a{{margin:0 8px}}
.side{{float:right;width:260px}} .footer{{color:#999;font-size:12px}}</style>
<script>window.__stat={{pv:'访问量1000万人次',uid:'UA-2023-88'}};var hot=['注册用户突破5000万'];</script>
</head><body>
<header><div class="logo">{e(p['site'])}</div>
<nav class="nav"><a href="/">首页</a><a href="/news/">新闻</a><a href="/gov/">政务</a><a href="/digital/">数字政府</a>
<a href="/video/">视频</a><a href="/about/">关于我们</a></nav></header>
<div class="crumb">您当前的位置：<a href="/">首页</a> &gt; <a href="/digital/">数字政府</a> &gt; 正文</div>
<aside class="side"><h3>热点推荐</h3><ul>{side}</ul>
<h3>图片新闻</h3><ul><li><a href="/p/1.html">智慧城市博览会开幕 参展企业超过800家</a></li></ul></aside>
<main><article>
<h1>{e(p['title'])}</h1>
<div class="info">来源：{e(p['site'])}　发布时间：{p['date']} 09:30　编辑：王敏　【字号：大 中 小】</div>
{body}
<div class="share">分享到：微信 微博 QQ空间　【打印本页】【关闭窗口】</div>
<div class="pager">上一篇：<a href="/news/prev.html">数字乡村建设现场会召开</a><br>下一篇：<a href="/news/next.html">政务数据开放目录发布</a></div>
</article></main>
<footer class="footer"><p>版权所有 © 2023 {e(p['site'])}　未经授权禁止转载</p>
<p>ICP备案号：京ICP备12345678号　网站标识码：1100000088　地址：某市某区某路1号</p></footer>
<script>document.querySelectorAll('a').forEach(function(a){{a.target='_blank'}});</script>
</body></html>
"""


def as_html_divs(p: dict, all_p: list[dict]) -> str:
    """The passage on a page without semantic markup (div soup, as many local sites): a menu, a
    right column of other articles' headlines and summaries with figures, "<headline> - <site>" as
    <title>, an editor line and a footer."""
    e = html.escape
    side = "".join(f'<div class="item"><h4><a href="/n/{q["id"]}.html">{e(q["title"])}</a></h4>'
                   f'<p>{e(q["paragraphs"][0][:60])}……</p></div>'
                   for q in all_p if q["id"] != p["id"])
    body = "".join(f"<p>{e(x)}</p>" for x in p["paragraphs"])
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{e(p['title'])} - {e(p['site'])}</title>
<script>var _hmt=_hmt||[];var views='浏览量230万次';</script></head><body>
<div class="top"><ul><li><a href="/">首页</a></li><li><a href="/sz">时政</a></li><li><a href="/szzf">数字政府</a></li>
<li><a href="/sp">视频</a></li></ul></div>
<div class="main"><div class="left"><div class="tit">{e(p['title'])}</div>
<div class="src">{p['date']} 来源：{e(p['site'])}</div>
<div class="txt">{body}</div><div class="edit">责任编辑：李明</div></div>
<div class="right"><div class="box"><h3>相关阅读</h3>{side}</div></div></div>
<div class="foot">Copyright © 2023 {e(p['site'])} All Rights Reserved</div></body></html>
"""


def print_html(p: dict) -> str:
    """The page Chromium prints: the article only, as a print edition would lay it out."""
    e = html.escape
    body = "".join(f"<p>{e(x)}</p>" for x in p["paragraphs"])
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{e(p['title'])}</title>
<style>body{{font-family:"Noto Sans CJK SC",sans-serif;font-size:13pt;line-height:1.7}}
h1{{font-family:"Noto Sans CJK SC",sans-serif;font-size:17pt;text-align:center}}
p{{text-indent:2em;margin:0 0 .3em 0;text-align:justify}}</style></head>
<body><h1>{e(p['title'])}</h1>{body}</body></html>"""


def print_collection(all_p: list[dict]) -> str:
    """Every passage in one printed booklet (several pages: running lines repeat, sentences run on
    across page breaks)."""
    e = html.escape
    parts = []
    for p in all_p:
        parts.append(f"<h2>{e(p['title'])}</h2>" + "".join(f"<p>{e(x)}</p>" for x in p["paragraphs"]))
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>数字政府建设成效选编</title>
<style>body{{font-family:"Noto Sans CJK SC",sans-serif;font-size:12pt;line-height:1.7}}
h1{{font-family:"Noto Sans CJK SC",sans-serif;font-size:18pt;text-align:center}}
h2{{font-family:"Noto Sans CJK SC",sans-serif;font-size:14pt}}
p{{text-indent:2em;margin:0 0 .3em 0;text-align:justify}}</style></head>
<body><h1>数字政府建设成效选编</h1>{''.join(parts)}</body></html>"""


HEADER = ('<div style="font-size:8pt;width:100%;margin:0 12mm;border-bottom:0.5px solid #999;'
          'font-family:Noto Sans CJK SC">{site} · 数字政府专刊</div>')
FOOTER = ('<div style="font-size:8pt;width:100%;text-align:center;font-family:Noto Sans CJK SC">'
          '第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</div>')


def make_pdf(page_html: str, site: str, fmt: str = "A5") -> bytes:
    """Print an HTML page to PDF with Chromium, with a running header and page numbers."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.set_content(page_html, wait_until="load")
            return page.pdf(format=fmt, display_header_footer=True,
                            header_template=HEADER.format(site=html.escape(site)), footer_template=FOOTER,
                            margin={"top": "20mm", "bottom": "18mm", "left": "14mm", "right": "14mm"})
        finally:
            browser.close()


def as_docx(p: dict) -> bytes:
    """A Word file: the headline in the Title style, paragraphs, and the second paragraph as a table
    of its sentences (序号 | 主要成效), as reporting units lay out their figures."""
    import re

    import docx

    d = docx.Document()
    d.core_properties.title = p["title"]
    d.add_paragraph(p["title"], style="Title")
    for i, para in enumerate(p["paragraphs"]):
        if i != 1:
            d.add_paragraph(para)
            continue
        sentences = [x for x in re.split(r"(?<=。)", para) if x.strip()]
        table = d.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = "序号", "主要成效"
        for n, sentence in enumerate(sentences, 1):
            row = table.add_row()
            row.cells[0].text, row.cells[1].text = str(n), sentence
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def make_scan(pages: int = 2) -> bytes:
    """A PDF of images of text and no text layer, as a scanner makes it."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, 28)
    pdf = pdfium.PdfDocument.new()
    for n in range(pages):
        img = Image.new("L", (1240, 1754), 255)
        draw = ImageDraw.Draw(img)
        for i, line in enumerate(["扫描件：数字政府建设情况报告", f"第{n + 1}页", "平台注册用户超过500万人。"]):
            draw.text((120, 150 + 60 * i), line, font=font, fill=0)
        page = pdf.new_page(595, 842)
        obj = pdfium.PdfImage.new(pdf)
        obj.set_bitmap(pdfium.PdfBitmap.from_pil(img))
        obj.set_matrix(pdfium.PdfMatrix().scale(595, 842))
        page.insert_obj(obj)
        page.gen_content()
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    import sys

    forms = set(argv if argv is not None else sys.argv[1:]) or {"txt", "html", "docx", "pdf", "scan"}
    all_p = passages()
    for p in all_p:
        if "txt" in forms:
            (DIR / f"{p['id']}.txt").write_text(as_text(p), "utf-8")
        if "html" in forms:
            page = as_html if int(p["id"][1:]) % 2 else as_html_divs      # both layouts, alternately
            (DIR / f"{p['id']}.html").write_text(page(p, all_p), "utf-8")
        if "docx" in forms:
            (DIR / f"{p['id']}.docx").write_bytes(as_docx(p))
        if "pdf" in forms:
            (DIR / f"{p['id']}.pdf").write_bytes(make_pdf(print_html(p), p["site"]))
    if "pdf" in forms:
        (DIR / "collection.pdf").write_bytes(make_pdf(print_collection(all_p), "数字政府研究中心"))
    if "scan" in forms:
        (DIR / "scan.pdf").write_bytes(make_scan())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
