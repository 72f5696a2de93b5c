"""One domain taxonomy for every case: the seven classes of the CAICT compendium.

A case whose source states one of these classes keeps it (`domain_inferred` false). Any other case
(an award list, a one-article text, the compendium's 示范案例 section, which is an honour and not a
field of work) is classified from its title and text by a transparent keyword scorer and marked as
inferred: a reader can see which words decided it (`explain`).

The vocabulary is data (VOCABULARY below): generic words of each field of digital-government work,
not the titles of the cases in the corpus. To change how cases are classified, edit that table; the
held-out check is tests/test_taxonomy.py, which scores the scorer on the cases whose source states
their class.
"""
from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick

DOMAINS = ("政务服务", "社会管理", "市场监管", "数字机关", "应用支撑", "智慧城市", "综合实践")
DOMAINS_EN = {
    "政务服务": "Government services", "社会管理": "Social management", "市场监管": "Market regulation",
    "数字机关": "Digital government offices", "应用支撑": "Shared infrastructure",
    "智慧城市": "Smart city", "综合实践": "Comprehensive practice",
}
FALLBACK = "综合实践"   # no word of any field: a whole-of-government effort as far as the text tells

# (keyword, weight) per domain. Weight 2: the word names the field; 1: it leans towards it.
VOCABULARY: dict[str, tuple[tuple[str, int], ...]] = {
    "政务服务": (("政务服务", 2), ("一网通办", 2), ("办事", 1), ("审批", 2), ("一件事", 2), ("营商环境", 2),
               ("政务热线", 2), ("12345", 2), ("免申即享", 2), ("惠企", 2), ("掌上办", 2), ("指尖办", 2),
               ("移动政务", 2), ("便民", 1), ("无证明", 2), ("证明", 1), ("证照", 1), ("事项", 1),
               ("办件", 1), ("群众", 1), ("企业办事", 2), ("入学", 1), ("婚育", 1), ("公积金", 1),
               ("社保", 1), ("医保", 1), ("跨省通办", 2), ("好差评", 2)),
    "社会管理": (("社会治理", 2), ("社会管理", 2), ("社会救助", 2), ("疫情防控", 2), ("应急", 2),
               ("防汛", 2), ("山洪", 2), ("灾害", 2), ("预警", 1), ("城管", 2), ("城市管理", 1), ("网格", 1),
               ("民情", 2), ("生态环境", 2), ("环保", 2), ("自然资源", 2), ("规划", 1), ("基层治理", 2),
               ("治安", 2), ("综治", 2), ("平安", 1), ("救助", 2), ("养老", 1), ("矛盾纠纷", 2),
               ("健康码", 1), ("防疫", 2)),
    "市场监管": (("市场监管", 2), ("监管", 2), ("互联网+监管", 2), ("信用", 2), ("执法", 2), ("守信", 2),
               ("失信", 2), ("食品", 1), ("药品", 1), ("特种设备", 2), ("双随机", 2), ("抽查", 1),
               ("审计", 2), ("投资项目", 1)),
    "数字机关": (("协同办公", 2), ("数字机关", 2), ("机关", 2), ("办公", 1), ("公文", 2), ("督办", 2),
               ("督查", 2), ("决策", 1), ("政府信息化", 2), ("工作制度", 2), ("会议", 1), ("政务通", 1),
               ("内部", 1), ("办文", 2), ("办会", 2), ("全生命周期", 1)),
    "应用支撑": (("数据共享", 2), ("共享", 1), ("数据资源", 2), ("政务云", 2), ("云平台", 2), ("电子政务外网", 2),
               ("政务外网", 2), ("区块链", 2), ("中台", 1), ("数据中台", 2), ("中枢", 2), ("一体化", 1),
               ("基础设施", 2), ("算力", 2), ("数据管理", 2), ("数据治理", 1), ("目录", 1), ("归集", 1),
               ("开放", 1), ("身份认证", 2), ("电子证照", 1), ("网络", 1), ("云服务", 2)),
    "智慧城市": (("智慧城市", 2), ("城市大脑", 2), ("新型智慧城市", 2), ("城市运行", 2), ("城市治理", 2),
               ("城市中台", 2), ("精细化管理", 1), ("数字孪生", 2), ("感知", 1), ("物联", 1), ("一网统管", 2),
               ("智能城市", 2), ("交通", 1), ("停车", 1)),
    "综合实践": (("数字政府建设", 1), ("体制改革", 2), ("管理体制", 2), ("整体推进", 2), ("顶层设计", 2),
               ("1+1+N", 1), ("统筹", 1), ("全面推进", 1)),
}
TITLE_WEIGHT = 3     # a word in the title says more about the case than the same word in its text
BODY_CAP = 3         # a word repeated in the text counts at most this many times


def stated_domain(label: str | None) -> str | None:
    """The taxonomy class a source's grouping names ('社会管理类' → '社会管理'), or None."""
    if not label:
        return None
    s = re.sub(r"\s+", "", label).removesuffix("案例").removesuffix("类")
    return s if s in DOMAINS else None


# keyword → the (domain, weight) pairs it scores for
_WEIGHTS: dict[str, list[tuple[str, int]]] = {}
for _domain, _words in VOCABULARY.items():
    for _word, _weight in _words:
        _WEIGHTS.setdefault(_word, []).append((_domain, _weight))


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    """Every keyword in one Aho-Corasick automaton: a text is read once for all of them, instead of
    once per keyword (a case body was scanned 129 times).

    A speed choice that issue 11's rule keeps: counting each keyword with str.count instead costs
    ~8 % of the per-document time (bench/stages.py: 46.5 -> 50.2 ms per seed round) and ~9 % of a
    10 MB build (--build-mb 10: 1.82 -> 1.97 s CPU). tests/test_dims.py checks that the counts equal
    str.count's on the seeds and on long synthetic texts."""
    auto = ahocorasick.Automaton()
    for word in _WEIGHTS:
        auto.add_word(word, word)
    auto.make_automaton()
    return auto


def keyword_counts(text: str) -> dict[str, int]:
    """How often each keyword occurs in `text`, counted as `text.count(keyword)` counts: occurrences
    of one keyword do not overlap (the automaton reports them all, overlapping ones too)."""
    counts: dict[str, int] = {}
    free_from: dict[str, int] = {}      # where the next counted occurrence of a keyword may start
    for end, word in _automaton().iter(text):
        if end + 1 - len(word) >= free_from.get(word, 0):
            counts[word] = counts.get(word, 0) + 1
            free_from[word] = end + 1
    return counts


def scores(title: str, body: str | None = None) -> dict[str, int]:
    """Score of every domain for a case's title and text: weight × (TITLE_WEIGHT × occurrences in the
    title + occurrences in the text, at most BODY_CAP)."""
    in_title = keyword_counts(title or "")
    in_body = keyword_counts(body or "")
    out = dict.fromkeys(VOCABULARY, 0)
    for word in in_title.keys() | in_body.keys():
        n = TITLE_WEIGHT * in_title.get(word, 0) + min(in_body.get(word, 0), BODY_CAP)
        for domain, weight in _WEIGHTS[word]:
            out[domain] += weight * n
    return out


def classify(title: str, body: str | None = None) -> str:
    """The best-scoring domain (ties: the order of DOMAINS); FALLBACK when no word matches."""
    sc = scores(title, body)
    best = max(DOMAINS, key=lambda d: (sc[d], -DOMAINS.index(d)))
    return best if sc[best] > 0 else FALLBACK


def explain(title: str, body: str | None = None, domain: str | None = None) -> list[str]:
    """The words that counted for `domain` (default: the chosen one), for a reader who asks why."""
    domain = domain or classify(title, body)
    title, body = title or "", body or ""
    return [w for w, _ in VOCABULARY.get(domain, ()) if w in title or w in body]


def case_domain(category: str | None, title: str, body: str | None) -> tuple[str, bool]:
    """(domain, inferred): the source's stated class when it states one, else the scorer's."""
    stated = stated_domain(category)
    if stated:
        return stated, False
    return classify(title, body), True
