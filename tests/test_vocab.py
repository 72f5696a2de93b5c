"""dashboard.vocab: the data's words in the reader's language, from the one table of each vocabulary."""
from __future__ import annotations

from dashboard import vocab


def test_words_in_english_and_as_written_in_chinese():
    assert vocab.word("domain", "社会管理", "en") == "Social management"
    assert vocab.word("category", "社会管理类", "en") == "Social management"
    assert vocab.word("award", "卓越示范案例、特色案例", "en") == "Outstanding exemplary case, Distinctive case"
    assert vocab.word("tier", "第一梯队", "en") == "First tier"
    assert vocab.word("evaluator", "中国软件评测中心", "en") == "China Software Testing Center (CSTC)"
    assert vocab.word("tier", "第一梯队", "zh") == "第一梯队"
    assert vocab.word("tier", "没有的梯队", "en") == "没有的梯队"      # unknown: as written, never guessed
    assert vocab.word("award", None, "en") == "—"


def test_places_by_code_or_name():
    assert vocab.place("山东省", "370000", "en") == "Shandong"
    assert vocab.place("山东省", None, "en") == "Shandong"
    assert vocab.place("淄博市", "370300", "en") == "Zibo"
    assert vocab.place("淄博市", None, "zh") == "淄博市"
    assert vocab.place(None, None, "en") == "—"
    assert vocab.place_line("山东省", "370000", "淄博市", "370300", "en") == "Zibo, Shandong"
    assert vocab.place_line("山东省", "370000", "淄博市", "370300", "zh") == "山东省 淄博市"


def test_joining_words():
    assert vocab.join(["北京", "上海"], "zh") == "北京、上海"
    assert vocab.join(["Beijing", "Shanghai"], "en") == "Beijing, Shanghai"
    assert vocab.paren(2019, "zh") == "(2019)" and vocab.paren(2019, "en") == " (2019)"
