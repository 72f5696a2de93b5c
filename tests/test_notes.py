"""Outcome notes (outcomes.note) have a Chinese reading for the dashboard (etl.outcomes.notes)."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import duckdb
import pytest

from etl.formats.ocr import NOTE as OCR_NOTE
from etl.outcomes import notes

ROOT = Path(__file__).resolve().parent.parent


def written_notes() -> list[str]:
    """Every English note literal in the extractor's source (docstrings and regexes aside): a new note
    without a Chinese reading fails test_every_note_the_extractor_writes_has_chinese."""
    found = []
    for path in sorted((ROOT / "etl" / "outcomes").glob("*.py")):
        if path.name == "notes.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {id(n.body[0].value) for n in ast.walk(tree)
                if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and ast.get_docstring(n, clean=False)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                if re.match(r"[a-z服]", node.value) and " " in node.value and not node.value.startswith("(?"):
                    found.append(node.value)
    return sorted(set(found))


def test_the_source_scan_finds_the_notes():
    found = written_notes()
    assert "items not stated as online" in found and len(found) >= 15


@pytest.mark.parametrize("note", written_notes() + [OCR_NOTE])
def test_every_note_the_extractor_writes_has_chinese(note):
    assert notes.known(note), note
    assert not re.search(r"\b(?:not|the|a|of)\b", notes.zh(note)), notes.zh(note)


CASES = [
    (None, None),
    ("", ""),
    ("items not stated as online", "未说明是网上办理的事项"),
    ("data_records? unit 项", "可能是数据归集量，但单位为“项”"),
    ("visits? 3e+13 is not plausible", "可能是访问量，但数值 3e+13 不合理"),
    # a note that itself holds "; " is one note
    ("noun left out; same unit as the previous mention", "省略了名词；单位与前一处相同"),
    # the OCR note added to another
    ("money: 元 not written; " + OCR_NOTE, "金额：原文未写“元”；由扫描页 OCR 识别：请与原件核对"),
    # unknown shapes stay as stored, never a made-up translation
    ("something new", "something new"),
]


@pytest.mark.parametrize("note, expected", CASES)
def test_zh(note, expected):
    assert notes.zh(note) == expected


def test_every_note_of_the_seed_warehouse_has_chinese(seed_warehouse):
    with duckdb.connect(str(seed_warehouse), read_only=True) as con:
        stored = [n for (n,) in con.execute("SELECT DISTINCT note FROM outcomes WHERE note IS NOT NULL").fetchall()]
    assert stored
    assert [n for n in stored if not notes.known(n)] == []


def test_the_case_table_shows_notes_in_the_readers_language():
    import pandas as pd

    from dashboard import columns

    df = pd.DataFrame({"metric": ["other", "visits"], "value": [3.0, 5.0], "unit": ["项", "次"],
                       "note": ["items not stated as online", None]})
    assert list(columns.present(df, "zh").shown["备注"]) == ["未说明是网上办理的事项", "—"]
    assert list(columns.present(df, "en").shown["Note"]) == ["items not stated as online", "—"]


ENGLISH_PROSE = re.compile(r"[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}")


@pytest.mark.apptest
def test_the_case_page_reads_its_notes_in_chinese(monkeypatch, seed_warehouse):
    """A case whose figures carry notes: in Chinese mode the 备注 cells are Chinese."""
    from tests.test_app_english import _run, visible

    with duckdb.connect(str(seed_warehouse), read_only=True) as con:
        case_id = con.execute("SELECT case_id FROM outcomes WHERE note IS NOT NULL GROUP BY 1 "
                              "ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()[0]
    at = _run(monkeypatch, {"warehouse": seed_warehouse}, "pages/cases.py", {"case": case_id})
    shown = [text for kind, col, text in visible(at) if col == "备注" and text != "—"]
    assert shown, "the case's notes are shown"
    assert [t for t in shown if ENGLISH_PROSE.search(t)] == []
