"""The hand-written web pages of tests/data/web through the whole pipeline (etl.evaluate_web)."""
from __future__ import annotations

from pathlib import Path

from etl.evaluate_web import evaluate

import pytest

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("folder", ["web", "web_heldout"])
def test_web_pages_meet_the_issue_targets(folder, capsys):
    got = evaluate(DATA / folder)
    assert got["chrome_titles"] == 0
    assert got["headline"] >= 0.9
    assert got["province"] >= 0.95
    assert got["f1"] >= 0.85
