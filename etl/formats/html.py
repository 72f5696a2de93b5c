"""Saved web pages (.html, .htm) read with trafilatura: the article's main text and its metadata.

Navigation, breadcrumbs, sidebars of other headlines, footers, share bars, ``<script>`` and
``<style>`` are the page's chrome; trafilatura keeps only the main text, so none of them reaches the
outcome extractor. The headline (trafilatura's title) is put on the first line when the main text
does not already start with it, so the case is titled with it. ``raw_text`` is that extracted text.
"""
from __future__ import annotations

import json

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
    for recall in (False, True):
        out = trafilatura.extract(data, with_metadata=True, output_format="json", include_tables=True,
                                  include_comments=False, favor_recall=recall, config=cfg)
        if out:
            doc = json.loads(out)
            if (doc.get("text") or "").strip():
                return doc
    return None


def read_html(name: str, data: bytes) -> Extracted:
    """A web page: headline and main text as raw_text and text; title, date, site name in meta."""
    if not data.strip():
        raise _unreadable(f"{name}: empty file")
    doc = main_text(data)
    if doc is None:
        raise _unreadable(f"{name}: no main text found in the web page")
    body = doc["text"].strip()
    title = (doc.get("title") or "").strip()
    text = body if not title or body.startswith(title) else f"{title}\n{body}"
    meta = {k: v for k, v in (("title", title), ("date", doc.get("date")),
                              ("sitename", doc.get("sitename")), ("url", doc.get("source") or doc.get("url")))
            if v}
    return Extracted(text, text, None, None, "html", meta, [])
