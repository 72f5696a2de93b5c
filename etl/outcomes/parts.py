"""Parts of totals: "预警22.15万条,其中部门预警7.21万条…" — the numbers after 其中 that follow a total of
the same metric are parts (`part_of_total`), so that no chart adds a part to its total. A subset given
without 其中 (办结 of 上报) is not a part."""
from __future__ import annotations

from dataclasses import replace

from .context import Spans
from .mention import Mention


def mark_parts(spans: Spans, ms: list[Mention]) -> list[Mention]:
    """The total may be in the same sentence, or close the sentence before when this one opens with 其中
    ("共受理诉求300件。其中,投诉100件")."""
    text = spans.text
    res: list[Mention] = []
    for m in ms:
        s0 = spans.sentence_start(m.start)
        lo = s0
        if text[s0:s0 + 3].lstrip().startswith("其中") and s0 > 0:
            lo = spans.sentence_start(s0 - 1)
        part = False
        if m.metric != "other":
            for p in reversed(res):
                if p.start < lo:
                    break
                if p.metric == m.metric:
                    part = p.part_of_total or "其中" in text[p.end:m.start]
                    break
        res.append(replace(m, part_of_total=True) if part else m)
    return res
