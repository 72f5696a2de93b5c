"""English mode is English, Chinese mode has no identifiers: every page rendered with AppTest on the
seed warehouse (the real ETL's words: tiers, evaluators, awards, cities), every visible text read.

English mode: no CJK character in table cells and headers, markdown, captions, alerts, metrics,
widget labels and options, page links, or chart texts and hovers — except the documents' own words,
which stay as written: document and case titles, short names, reporting units, publishers, quotes,
evidence and the manifest's notes (the columns in DOCUMENT_COLUMNS, and those strings wherever they
appear inside other text), and words quoted “…” in a message.
Chinese mode: no header, cell or option reads as an ASCII identifier (selection, province, award_list).
"""
from __future__ import annotations

import html
import json
import re

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.fixtures_dashboard import displayed

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
IDENTIFIER = re.compile(r"[a-z]+(?:_[a-z]+)*")
# Columns holding the documents' own text (English headers): shown as written in both languages.
DOCUMENT_COLUMNS = {"Title", "Case", "Cases", "Short name", "Reporting unit", "Quote", "Evidence", "Source",
                    "Value from case", "Value from source", "From case", "Publisher", "Description",
                    "Text noise", "What counts", "What does not"}
# ... and in Chinese (for the identifier check: manifest notes are English prose, not identifiers).
DOCUMENT_COLUMNS_ZH = {"说明", "文本噪声"}
# The 技术信息 tables hold ids by design (collapsed, for checking and citing).
TECH = {h for zh, en, kind in __import__("dashboard.columns").columns.COLUMNS.values() if kind == "tech"
        for h in (zh, en)}


@pytest.fixture(scope="module")
def seed(seed_warehouse):
    with duckdb.connect(str(seed_warehouse), read_only=True) as con:
        def col(sql):
            return [r[0] for r in con.execute(sql).fetchall() if r[0]]
        texts = set()
        for sql in ("SELECT title FROM cases", "SELECT short_name FROM cases", "SELECT reporting_unit FROM cases",
                    "SELECT quote FROM outcomes", "SELECT quote FROM tiers", "SELECT source_id FROM tiers",
                    "SELECT evidence FROM findings", "SELECT title FROM sources", "SELECT publisher FROM sources",
                    "SELECT description FROM sources", "SELECT noise FROM sources"):
            texts.update(col(sql))
        shared = col("SELECT case_id FROM cases WHERE canonical_id IN (SELECT canonical_id FROM cases "
                     "GROUP BY 1 HAVING count(*) > 1) ORDER BY case_id LIMIT 1")
        tier_case = col("SELECT case_id FROM cases WHERE award LIKE '%梯队' ORDER BY case_id LIMIT 1")
    return {"warehouse": seed_warehouse, "texts": sorted(texts, key=len, reverse=True),
            "cases": shared + tier_case}


def _run(monkeypatch, seed, page, query):
    from tests.fixtures_dashboard import use_navigation_v2

    use_navigation_v2(monkeypatch)
    monkeypatch.setenv("WAREHOUSE_PATH", str(seed["warehouse"]))
    if not (ROOT / "geo" / "assets" / "provinces.geojson").exists():
        pytest.skip("geo assets not built")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _leaves(node):
    kids = getattr(node, "children", None)
    if kids:
        for child in kids.values():
            yield from _leaves(child)
    else:
        yield node


def _chart_strings(spec, key=""):
    """Every string of a plotly figure a reader may see (titles, ticks, hovers, labels)."""
    if isinstance(spec, dict):
        for k, v in spec.items():
            if k not in ("customdata", "geojson", "locations", "uid", "template", "meta", "legendgroup",
                         "name", "selector"):
                yield from _chart_strings(v, k)
    elif isinstance(spec, list):
        for v in spec:
            yield from _chart_strings(v, key)
    elif isinstance(spec, str) and key not in ("type", "mode", "hoverinfo", "colorscale", "color"):
        yield spec


def visible(at):
    """(where, column or None, text) of everything the page shows."""
    for root in (at.main, at.sidebar):
        for el in _leaves(root):
            kind = type(el).__name__
            if kind == "Dataframe":
                df = displayed(el)       # the text drawn (figures are numbers underneath, for sorting)
                if set(map(str, df.columns)) <= TECH:
                    continue
                for c in df.columns:
                    yield kind, "header", str(c)
                    for v in df[c]:
                        yield kind, str(c), str(v)
            elif kind in ("Selectbox", "Radio", "Multiselect"):
                yield kind, None, str(el.label)
                for o in el.options:
                    yield kind, None, str(o)
            elif kind == "Metric":
                yield kind, None, str(el.label)
                yield kind, None, str(el.value)
            elif kind == "UnknownElement" and el.type == "plotly_chart":
                for s in _chart_strings(json.loads(el.proto.spec)):
                    yield "chart", None, s
            elif kind in ("Html", "Code", "UnknownElement"):
                continue        # CSS, the build command, components
            else:
                for attr in ("label", "value", "placeholder"):
                    v = getattr(el, attr, None)
                    if isinstance(v, str):
                        yield kind, None, v


def _documents_removed(text: str, texts: list[str]) -> str:
    """`text` without the documents' own words (as markdown or HTML escaped them) and quoted words."""
    text = html.unescape(text).replace("\\", "")
    for t in texts:
        if t in text:
            text = text.replace(t, "")
    while True:
        stripped = re.sub(r"“[^“”]*”", "", text)
        if stripped == text:
            return text
        text = stripped


def cjk_left(at, seed) -> list[tuple]:
    out = []
    for kind, col, text in visible(at):
        if col in DOCUMENT_COLUMNS or not CJK.search(text):
            continue
        rest = _documents_removed(text, seed["texts"])
        if CJK.search(rest):
            out.append((kind, col, text[:120]))
    return sorted(set(out))


def identifiers(at) -> list[tuple]:
    out = []
    for kind, col, text in visible(at):
        if kind == "chart" or col in DOCUMENT_COLUMNS_ZH or text in ("—", ""):
            continue
        if IDENTIFIER.fullmatch(text.strip()):
            out.append((kind, col, text))
    return sorted(set(out))


VIEWS = [("pages/overview.py", {}), ("pages/overview.py", {"province": "370000"}),
         ("pages/map.py", {}), ("pages/categories.py", {}), ("pages/tiers.py", {"province": "110000"}),
         ("pages/province.py", {"province": "370000"}), ("pages/province.py", {"province": "650000"}),
         ("pages/compare.py", {"provinces": "370000,440000,650000"}), ("pages/cases.py", {}),
         ("pages/method.py", {}), ("pages/upload.py", {})]


def _views(at, page):
    """The page, then its other modes (map coloured by a metric, categories by award)."""
    yield at
    if page == "pages/map.py":
        at.radio(key="map_mode").set_value("metric").run()
        yield at
    if page == "pages/categories.py":
        at.radio(key="cat_by").set_value("award").run()
        yield at


@pytest.mark.parametrize("page,query", VIEWS, ids=[f"{p.split('/')[1][:-3]}-{'-'.join(q.values()) or 'all'}"
                                                   for p, q in VIEWS])
def test_english_mode_shows_no_chinese_but_the_documents_words(monkeypatch, seed, page, query):
    at = _run(monkeypatch, seed, page, {**query, "lang": "en"})
    for view in _views(at, page):
        assert not view.exception, view.exception
        assert cjk_left(view, seed) == []


def test_english_case_pages(monkeypatch, seed):
    """A case shown by several sources (the same-case panel) and a tier article's province case."""
    assert len(seed["cases"]) == 2
    for case_id in seed["cases"]:
        at = _run(monkeypatch, seed, "pages/cases.py", {"case": case_id, "lang": "en"})
        assert cjk_left(at, seed) == [], case_id


@pytest.mark.parametrize("page,query", VIEWS, ids=[f"{p.split('/')[1][:-3]}-{'-'.join(q.values()) or 'all'}"
                                                   for p, q in VIEWS])
def test_chinese_mode_shows_no_identifiers(monkeypatch, seed, page, query):
    at = _run(monkeypatch, seed, page, query)
    for view in _views(at, page):
        assert identifiers(view) == []


def test_the_check_sees_what_it_must():
    """The two checks are not vacuous: a Chinese tier word outside a document's text is caught, a case
    title and a quoted word are not; a snake_case code is an identifier, a sentence is not."""
    seed = {"texts": ["天津市数字社会综合应用平台“津心办”"]}
    assert CJK.search(_documents_removed("第一梯队 (2019)", seed["texts"]))
    assert not CJK.search(_documents_removed("Value from: 天津市数字社会综合应用平台“津心办”", seed["texts"]))
    assert not CJK.search(_documents_removed("evaluator written “中国软件测评中心”", seed["texts"]))
    assert CJK.search("Beijing、Shanghai") and CJK.search("（2019）")
    assert IDENTIFIER.fullmatch("award_list") and IDENTIFIER.fullmatch("selection")
    assert not IDENTIFIER.fullmatch("fixture compendium") and not IDENTIFIER.fullmatch("Beijing")
