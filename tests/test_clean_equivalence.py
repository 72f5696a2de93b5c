"""The few places where etl.clean is written for speed equal their plain forms, on real and on long
synthetic texts (issue 11: a speed trick stays only with a test that proves it changes nothing)."""
from __future__ import annotations

import random
import re

import pytest

from conftest import RAW
from etl.clean import doubled
from etl.script import to_simplified

# the plain reference forms
BOUNDARY_DOUBLE_PLAIN = re.compile("(?:" + doubled._BOUNDARY.pattern + r")([^\n。]{2,80}?)\1")


def _texts() -> list[str]:
    seeds = [to_simplified(p.read_text(encoding="utf-8")) for p in sorted(RAW.glob("*.txt"))]
    rnd = random.Random(11)
    paragraphs = [p for t in seeds for p in t.split("\n") if p]
    long = []
    for _ in range(3):                       # long synthetic texts: shuffled paragraphs, some doubled
        parts = rnd.sample(paragraphs, min(len(paragraphs), 1500))
        parts = [p[:40] * 2 + p if rnd.random() < 0.1 else p for p in parts]
        long.append("\n".join(parts))
    alphabet = "一二三、()(。\n.2023年1月数字政府数字政府平台 4 5"
    noise = ["".join(rnd.choice(alphabet) for _ in range(30000)) for _ in range(2)]
    return seeds + long + noise


TEXTS = _texts()


@pytest.mark.parametrize("i", range(len(TEXTS)))
def test_boundary_doubling_scan_equals_the_regex(i):
    text = TEXTS[i]
    assert doubled.boundary_double_starts(text) == [m.start(1) for m in BOUNDARY_DOUBLE_PLAIN.finditer(text)]

