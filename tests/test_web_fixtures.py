"""The hand-written web pages of tests/data/web through the whole pipeline (etl.evaluate_web)."""
from __future__ import annotations

from pathlib import Path

from etl.evaluate_web import evaluate

WEB = Path(__file__).parent / "data" / "web"


def test_web_pages_meet_the_issue_targets(capsys):
    got = evaluate(WEB)
    assert got["chrome_titles"] == 0
    assert got["headline"] >= 0.9
    assert got["province"] >= 0.95
    assert got["f1"] >= 0.85
