"""Time and taxonomy: every case's year (and on what basis), one domain from one taxonomy (stated or
inferred), awards and tiers as their own dimension, derived source titles, bilingual messages."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import duckdb
import pytest

from etl import dims, messages, taxonomy


# ---------------------------------------------------------------- taxonomy


@pytest.mark.parametrize("label, domain", [
    ("社会管理类", "社会管理"), ("政务服务类", "政务服务"), ("综合实践类", "综合实践"), ("应用支撑", "应用支撑"),
    ("示范案例", None), ("卓越示范案例", None), ("省级第一梯队", None), (None, None), ("数据开放类", None),
])
def test_stated_domain_only_from_the_taxonomy(label, domain):
    assert taxonomy.stated_domain(label) == domain


@pytest.mark.parametrize("title, body, domain", [
    ("某市12345政务热线智能化平台", "", "政务服务"),
    ("某区“智防山洪”预报预警建设", "", "社会管理"),
    ("某省“互联网+监管”系统", "", "市场监管"),
    ("某省协同办公集约化平台", "", "数字机关"),
    ("某市政务云平台", "", "应用支撑"),
    ("某市新型智慧城市建设项目", "", "智慧城市"),
    ("某平台", "平台上线政务服务事项2000项,群众办事不跑腿。", "政务服务"),   # the text decides
    ("某项目", "", taxonomy.FALLBACK),                                         # no word of any field
])
def test_classify_from_title_and_text(title, body, domain):
    assert taxonomy.classify(title, body) == domain


def test_case_domain_keeps_a_stated_class_and_marks_inference():
    assert taxonomy.case_domain("市场监管类", "某市政务云平台", None) == ("市场监管", False)
    assert taxonomy.case_domain("示范案例", "某市政务云平台", None) == ("应用支撑", True)
    assert "政务云" in taxonomy.explain("某市政务云平台")


def _plain_scores(title: str, body: str | None) -> dict[str, int]:
    """The scorer written the obvious way (one str.count per keyword), to check the one-pass scorer."""
    body = body or ""
    return {d: sum(w * (taxonomy.TITLE_WEIGHT * title.count(k) + min(body.count(k), taxonomy.BODY_CAP))
                   for k, w in words) for d, words in taxonomy.VOCABULARY.items()}


def _keyword_texts() -> list[str]:
    """The seed documents, and long synthetic texts of keywords run together (so that occurrences
    overlap: 办事项 holds 办事 and 事项) with pieces of keywords and filler between them."""
    import random

    from conftest import RAW

    rnd = random.Random(11)
    words = [k for ws in taxonomy.VOCABULARY.values() for k, _ in ws]
    pieces = words + [k[:1] for k in words] + [k[1:] for k in words] + ["，", "。", "\n", "的", "和", " "]
    texts = [p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt"))]
    texts += ["".join(rnd.choice(pieces) for _ in range(n)) for n in (5, 50, 20000, 60000)]
    return texts + ["", "办事项", "数据中台数据中台中台", "互联网+监管监管"]


def test_one_pass_scorer_equals_counting_each_keyword():
    keywords = {k for ws in taxonomy.VOCABULARY.values() for k, _ in ws}
    texts = _keyword_texts()
    for text in texts:
        assert taxonomy.keyword_counts(text) == {k: text.count(k) for k in keywords if k in text}
    for title, body in zip(texts, [None] + texts[:-1]):
        assert taxonomy.scores(title[:200], body) == _plain_scores(title[:200], body)


def test_scorer_agrees_with_the_classes_sources_state(seed_warehouse):
    """Held-out check: classify the cases whose source states a class, as if it did not."""
    con = duckdb.connect(str(seed_warehouse), read_only=True)
    rows = con.execute("SELECT category, title, body FROM cases").fetchall()
    stated = [(taxonomy.stated_domain(c), t, b) for c, t, b in rows if taxonomy.stated_domain(c)]
    right = sum(taxonomy.classify(t, b) == d for d, t, b in stated)
    assert len(stated) >= 30 and right / len(stated) >= 0.8, (right, len(stated))


# ---------------------------------------------------------------- year and award


@pytest.mark.parametrize("award, category, label", [
    ("2022数字政府建设卓越示范案例", "卓越示范案例", "卓越示范案例"),
    ("2022数字政府建设特色案例", "特色案例", "特色案例"),
    (None, "示范案例", "示范案例"),
    (None, "省级第一梯队", "省级第一梯队"),
    (None, "社会管理类", None),
    (None, None, None),
])
def test_award_is_its_own_dimension(award, category, label):
    assert dims.award_label(award, category) == label


@pytest.mark.parametrize("award, tiers, label, title, published, text_year, expected", [
    ("2022数字政府建设卓越示范案例", {}, "卓越示范案例", "名单揭", date(2023, 7, 11), None, (2022, "selection")),
    (None, {"第一梯队": 2019}, "省级第一梯队", "建设路线一览", "2020-05-09", None, (2019, "evaluation")),
    (None, {}, "示范案例", "数字政府典型案例汇编(2022年)", "2023-02-01", None, (2022, "stated")),
    (None, {}, None, "某市发布会", "2021-03-04", None, (2021, "published")),
    (None, {}, None, None, None, 2022, (2022, "stated")),
    (None, {}, None, None, None, None, (None, None)),
])
def test_case_year_and_its_basis(award, tiers, label, title, published, text_year, expected):
    assert dims.case_year(award, tiers, label, title, published, text_year) == expected


def test_document_year_reads_the_title_of_the_work_reported_on():
    text = "近日,中国信息通信研究院正式发布《数字政府典型案例汇编(2022年)》。《十四五规划》提出"
    assert dims.document_year(text) == 2022
    assert dims.document_year("《十四五国家信息化规划》提出") is None


def test_derived_title_is_the_headline_else_the_first_sentence():
    assert dims.source_fields({"title": "手写标题"}, "x") == {"title": "手写标题", "title_derived": False}
    got = dims.source_fields({}, "某省数字政府建设成效显著\n近日,某省发布了数字政府建设的年度报告,全省政务服务事项全部上线。")
    assert got == {"title": "某省数字政府建设成效显著", "title_derived": True}
    long = dims.source_fields({}, "数字政府,既是促进政府改革、社会创新发展的牵引力,也是建设数字中国的重要推动力,更是一项长期工作。")
    assert long["title_derived"] and len(long["title"]) <= dims.TITLE_LIMIT and long["title"].endswith("…")


def test_case_fields_of_a_draft():
    draft = SimpleNamespace(award=None, category="示范案例", title="某市城市大脑", body=None)
    got = dims.case_fields(draft, "城市运行一网统管", {}, "案例汇编(2022年)", None)
    assert got == {"award": "示范案例", "year": 2022, "year_basis": "stated", "domain": "智慧城市",
                   "domain_inferred": True}


# ---------------------------------------------------------------- the seed warehouse


def test_seed_cases_all_have_year_domain_and_no_award_category(seed_warehouse):
    con = duckdb.connect(str(seed_warehouse), read_only=True)
    assert con.execute("SELECT count(*) FROM cases WHERE year IS NULL OR domain IS NULL "
                       "OR domain_inferred IS NULL OR year_basis IS NULL").fetchone()[0] == 0
    assert {r[0] for r in con.execute("SELECT DISTINCT domain FROM cases").fetchall()} <= set(taxonomy.DOMAINS)
    awards = {r[0] for r in con.execute("SELECT DISTINCT award FROM cases WHERE award IS NOT NULL").fetchall()}
    assert awards == {"卓越示范案例", "特色案例", "示范案例", "省级第一梯队"}
    years = dict(con.execute("SELECT DISTINCT award, year FROM cases WHERE award = '省级第一梯队'").fetchall())
    assert years == {"省级第一梯队": 2019}
    titles = con.execute("SELECT title, title_derived FROM sources ORDER BY file").fetchall()
    assert all(t for t, _ in titles) and sum(d for _, d in titles) == 2   # 002 and 003 have no manifest title


# ---------------------------------------------------------------- messages


@pytest.mark.parametrize("en, zh", [
    ("skipped: empty file", "已跳过:空文件"),
    ("skipped: binary file (NUL bytes)", "已跳过:二进制文件(含 NUL 字节)"),
    ("adapter compendium: 48 cases, 251 outcomes", "适配器 compendium:48 个案例,251 条成效数据"),
    ("not in data/raw/sources.csv: title and publisher unknown", "不在 data/raw/sources.csv 中:标题和发布者未知"),
    ("no case found", "没有找到案例"),
    ("sources.csv line 3: published '2023-13-01' is not a date: left empty",
     "sources.csv line 3:发布日期 '2023-13-01' 不是日期,留空"),
    ("lists x.txt, which is not in data/raw", "列出了 x.txt,但 data/raw 中没有该文件"),
    ("skipped: scan.pdf: no text layer: needs OCR (12 pages)", "已跳过:scan.pdf:没有文字层:需要 OCR(12 页)"),
    ("skipped: cases.zip: not a document format: .zip", "已跳过:cases.zip:不是可读取的文档格式:.zip"),
    ("3 of 10 pages have no text layer (pages 2, 5, 7): their content is missing; they need OCR",
     "10 页中有 3 页没有文字层(第 2, 5, 7 页):内容缺失,需要 OCR"),
    ("visits 5 个: unknown period 'weekly'; unit '个' is not a stored unit of visits (次, 人)",
     "访问量 5 个:未知期间 'weekly';单位 '个' 不是 访问量 的存储单位(次, 人)"),
])
def test_build_log_messages_in_chinese(en, zh):
    assert messages.zh(en) == zh


def test_contract_violation_messages_in_both_languages():
    from etl.contract import violations

    en = "visits 5e+12 次: " + "; ".join(r.en for r in violations("visits", 5e12, "次", "exact", "cumulative"))
    assert messages.zh(en).startswith("访问量 5e+12 次:数值 5e+12 超出")
    assert messages.known("contract: a:1:visits: " + en)


def test_unknown_message_is_kept_not_invented():
    assert messages.zh("something new happened") == "something new happened"
    row = messages.with_languages({"message": "no case found"})
    assert row["message_en"] == "no case found" and row["message_zh"] == "没有找到案例"


def test_seed_findings_and_log_in_both_languages(seed_warehouse):
    con = duckdb.connect(str(seed_warehouse), read_only=True)
    for table in ("findings", "build_log"):
        rows = con.execute(f"SELECT message, message_zh, message_en FROM {table} WHERE level <> 'debug'"
                           if table == "build_log" else f"SELECT message, message_zh, message_en FROM {table}"
                           ).fetchall()
        assert rows
        for message, zh, en in rows:
            assert en == message and zh and zh != en, (table, message)


def test_unclassified_metric_never_heads_the_summary(seed_warehouse):
    from dashboard import filters, queries

    df = queries.metric_summary(queries.open_warehouse(seed_warehouse), filters.Filters())
    assert df["n_outcomes"].max() == df.loc[df["metric"] == "other", "n_outcomes"].iloc[0]  # the largest…
    assert df["metric"].iloc[0] != "other" and df["metric"].iloc[-1] == "other"           # …and still last


def test_english_of_awards_categories_and_tiers():
    """One table per vocabulary, beside where the ETL makes the word: the dashboard's English mode reads these."""
    from etl.dims import award_en, category_en
    from etl.tiers import evaluation_en, evaluator_en, tier_en

    assert [category_en(c) for c in ("社会管理类", "卓越示范案例", "2022数字政府建设卓越示范案例", "省级第一梯队",
                                     "示范案例")] == ["Social management", "Outstanding exemplary case",
                                                      "Outstanding exemplary case", "Provincial first tier",
                                                      "Exemplary case"]
    assert [award_en(a) for a in ("特色案例", "省级第一梯队", "随便什么", None)] == [
        "Distinctive case", "Provincial first tier", None, None]
    assert [tier_en(t) for t in ("第一梯队", "第二梯队", "优秀", "良好", "三类梯队", "梯队")] == [
        "First tier", "Second tier", "Excellent", "Good", "Tier 3", None]
    assert evaluator_en("中国软件测评中心") == evaluator_en("中国软件评测中心") == "China Software Testing Center (CSTC)"
    assert evaluation_en("2019年中国数字政府服务能力评估") == "2019 China Digital Government Service Capability Evaluation"
    assert evaluation_en("某某评估") is None


def test_every_seed_vocabulary_word_has_its_english(seed_warehouse):
    """Every domain, award, source grouping, tier, evaluator and evaluation the seed build stores has an
    English name in the ETL's tables (an unknown one would read Chinese in English mode)."""
    import duckdb

    from etl.dims import award_en, category_en
    from etl.taxonomy import DOMAINS_EN
    from etl.tiers import evaluation_en, evaluator_en, tier_en

    with duckdb.connect(str(seed_warehouse), read_only=True) as con:
        col = lambda sql: [r[0] for r in con.execute(sql).fetchall() if r[0]]  # noqa: E731
        assert all(d in DOMAINS_EN for d in col("SELECT DISTINCT domain FROM cases"))
        assert all(award_en(a) for a in col("SELECT DISTINCT award FROM cases"))
        assert all(category_en(c) for c in col("SELECT DISTINCT category FROM cases"))
        assert all(tier_en(t) for t in col("SELECT DISTINCT tier FROM tiers"))
        assert all(evaluator_en(e) for e in col("SELECT DISTINCT evaluator FROM tiers"))
        assert all(evaluation_en(e) for e in col("SELECT DISTINCT evaluation FROM tiers"))
