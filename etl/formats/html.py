"""Saved web pages (.html, .htm) read with trafilatura: the article's main text and its metadata.

Navigation, breadcrumbs, sidebars of other headlines, footers, share bars, ``<script>`` and
``<style>`` are the page's chrome; trafilatura keeps only the main text, so none of them reaches the
outcome extractor. The headline (trafilatura's title) is put on the first line when the main text
does not already start with it, so the case is titled with it. ``raw_text`` is that extracted text.
"""
from __future__ import annotations

import html
import json
import re

from etl.formats import Extracted


def _unreadable(reason: str):
    from etl.sources import UnreadableDocument
    return UnreadableDocument(reason)


# trafilatura falls back to a flat "baseline" text (chrome included, line breaks lost) when the main
# text is shorter than its MIN_EXTRACTED_SIZE, 250 characters by default: a short Chinese news item
# (two paragraphs, ~200 characters) is a whole article. The bar is lowered to this.
MIN_MAIN_TEXT = 50


def _config():
    from trafilatura.settings import use_config

    cfg = use_config()
    cfg["DEFAULT"]["MIN_EXTRACTED_SIZE"] = str(MIN_MAIN_TEXT)
    return cfg


def main_text(data: bytes) -> dict | None:
    """trafilatura's JSON result (title, date, sitename, url, text…), or None when it finds no text."""
    import trafilatura

    cfg = _config()
    # Precision first: on a page without semantic markup (div soup), trafilatura's default keeps a
    # sidebar of other articles' summaries; the precise pass drops it. Recall last, for pages where
    # the precise pass finds nothing.
    for mode in ({"favor_precision": True}, {}, {"favor_recall": True}):
        out = trafilatura.extract(data, with_metadata=True, output_format="json", include_tables=True,
                                  include_comments=False, config=cfg, **mode)
        if out:
            doc = json.loads(out)
            if len((doc.get("text") or "").strip()) >= MIN_MAIN_TEXT:
                return doc
    return None


_TITLE_SEPARATORS = re.compile(r"\s*(?:[-_|｜–—]+|\s·\s)\s*")


def headline(title: str, data: bytes) -> str:
    """trafilatura's title, unless it is the site-name part of "<headline> - <site>" in <title>:
    then the longer part (a headline is longer than a site name)."""
    m = re.search(rb"<title[^>]*>(.*?)</title>", data[:200_000], re.S | re.I)
    if not m:
        return title
    raw = m.group(1)
    try:
        tag = raw.decode("utf-8")
    except UnicodeDecodeError:
        tag = raw.decode("gb18030", errors="replace")
    tag = html.unescape(re.sub(r"<[^>]+>", "", tag)).strip()
    parts = [x for x in _TITLE_SEPARATORS.split(tag) if x.strip()]
    if len(parts) < 2:
        return title
    longest = max(parts, key=len)
    if title in parts and len(title) < len(longest):
        return longest
    return title


def read_html(name: str, data: bytes) -> Extracted:
    """A web page: headline and main text as raw_text and text; title, date, site name in meta."""
    if not data.strip():
        raise _unreadable(f"{name}: empty file")
    doc = main_text(data)
    if doc is None:
        raise _unreadable(f"{name}: no main text found in the web page")
    body = doc["text"].strip()
    title = headline((doc.get("title") or "").strip(), data)
    text = body if not title or body.startswith(title) else f"{title}\n{body}"
    meta = {k: v for k, v in (("title", title), ("date", doc.get("date")),
                              ("sitename", doc.get("sitename")), ("url", doc.get("source") or doc.get("url")))
            if v}
    return Extracted(text, text, None, None, "html", meta, [])
