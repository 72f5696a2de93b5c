"""Money, percentages and counts: which metric a quantity measures, by what it counts.

Money (元, or 亿/万 after 金额/资金 … when 元 is left out) → funds_yuan unless an economic aggregate, a
per-head rate or a size threshold. A percent → time_saved only when a handling *time* was reduced.
A count → the metric of the noun it counts (see `classify_count`), refined by verbs.
"""
from __future__ import annotations

import re

from etl.contract import COMMON_ALIASES, METRICS, store_unit
from etl.numbers import Quantity
from etl.numerals import IN_TEXT_FIRST

from .context import QContext
from .durations import NOT_TIME_RE, REDUCE_RE, TIME_NOUN_RE, TRAVEL_RE, topic_is_time
from .mention import Mention
from .vocabulary import GLUE, NOUN_RE, TOKEN_CAT, chain_cat, has_cat
from .vocabulary import chains as noun_chains

Verdict = tuple  # (metric | None, confidence, note): None drops the quantity

COUNT_UNITS = {"批次", "条", "条次", "人", "人次", "户", "户次", "次", "项", "件", "件次", "起", "家", "个", "张", "名",
               "位", "宗", "单", "笔", "份", "处", ""}
# Units a metric may be read in come from the contract ("" = none written: the default unit).
_UNIT_OK = {k: m.accepted_units | {""} for k, m in METRICS.items() if k not in ("time_saved", "funds_yuan")}
_QUOTED_TAIL_RE = re.compile(r"[\u4e00-\u9fff]{1,2}[”」』\"][\s]*$")
_QUOTE_MARKS = frozenset("”」』\"")
_PAREN_RE = re.compile(r"[(（][^()（）]{1,6}[)）]")
# where a noun phrase after a number stops: a stop word, or "、" before the next numbered item
# ("2个平台、N个应用"); the longest stop word first
_NP_STOP_WORDS = (list(",，;；:：。!?！？\n(（") + "并|及|和|与|等|以|为|已|达|其中|实现|完成|占|同比|较|提供|进行|开展"
                  "|获得|享受|纳入|覆盖|参与|使用|通过|提交|发放|兑付|上报|减至|降至|缩短|压缩|由|从|到|至|在|对|向"
                  "|将|被|把|是|有|得到|涉及|累计|共计|同时|全部|均|都"
                  # verbs of change: "从300万增至1200万", "由1.2亿次增长到5.6亿次" (not a noun after 300万)
                  "|增至|增长|增加|增到|增为|下降|降低|降为|减少|减为|上升|提升|提高|攀升|跃升|变为".split("|"))
_NP_END_RE = re.compile("|".join([re.escape(w) for w in sorted(_NP_STOP_WORDS, key=len, reverse=True)]
                                 + [rf"、(?=[A-Za-zＡ-Ｚ0-9０-９{IN_TEXT_FIRST}])"]))
# generic item nouns count as services put online only with an online cue in the sentence
_GENERIC_ITEM = {"事项", "业务", "一件事"}
_SERVICE_NP_RE = re.compile(r"服务|应用")
# the scope of a reform (certificates waived, joint handling, promises) is not "put online"
_REFORM_RE = re.compile(r"免证|免提交|免于提交|联办|告知承诺|承诺制|承诺即|容缺|一门受理|一窗受理|无要件|无证明|"
                        r"减证|纳入|梳理|清单|覆盖")
_ONLINE_RE = re.compile(r"一键|上线|网办|网上|在线|线上|掌上|指尖|移动端|手机|一网通办|跨省通办|全程网办|通办|不见面|零跑|秒批|秒办|"
                        r"APP|App|app|小程序|网站|平台提供|自助|接入|入驻|进驻|集成|可办|开通")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_ADVERB_RE = re.compile(r"以上|以下|左右|上下|之多|之内|以内|次|多|余|的|了|后|前|来|内|间|中|时|年|月|日|天|就|即|便|才|又|再|也|还|更|已|仍|可|能|被|让|使|给|向|在|于|从|比|较|均|都|全|各|每|约|近|超")
_WARN_VERB_RE = re.compile(r"报警|告警|预警")
_HANDLE_RE = re.compile(r"受理|办理|办结|处理|办件")
_EVENT_VERB_RE = re.compile(r"上报|立案|处置|办结|受理|办理|处理|派遣|交办|解决|化解|调处|接收|发现|整改|核查|查处")
_ELLIPSIS_UNITS = {"项", "件", "起", "家", "个", "条", "次", "条次", "人次", "户", "人", "处"}
_PEOPLE_RE = re.compile(r"用户|群众|市民|居民|公众|个人|老人|百姓")
_DATA_CTX_RE = re.compile(r"数据|证照|接口|库|调用|共享|交换|核验")
_SANCTION_RE = re.compile(r"清理|注销|吊销|关停|取缔|处罚|查处|约谈|列入|淘汰|整治|检查")
_PUBLISH_RE = re.compile(r"发布|推送|发送|公开|公布|公示|刊发|转发")
MONEY_RE = re.compile(r"金额|资金|融资|贷款|授信|补贴|补助|奖补|资助|投资|投资额|经费|拨付|兑付|兑现|发放|放款|节约|节省|审减|价款")
_PER_RE = re.compile(r"人均|户均|单价|每人|每户|每件|每次|每笔|每家|平均每")
_ECON_RE = re.compile(r"GDP|生产总值|产值|营业收入|营收|销售额|增加值|市场规模|产业规模|经济总量|税收|可支配收入|人均收入|工资水平")
# trips a citizen makes: "跑9次", "往返3次"
_TRIPS_RE = re.compile(r"(?:跑|跑动|跑腿|往返|来回)$")
THRESHOLD_NOTE = "a size threshold (…以上的项目)"


def is_money(ctx: QContext) -> bool:
    """元, or a large bare number right after a money noun ("贷款金额超过262亿")."""
    q, text = ctx.q, ctx.text
    if q.unit == "元":
        return True
    return q.unit == "" and q.value >= 10000 and bool(
        MONEY_RE.search(text[max(ctx.item_start, ctx.prev_end):q.start][-12:]))


def money(ctx: QContext) -> Verdict:
    q, text = ctx.q, ctx.text
    left = text[ctx.clause_start:q.start]
    if _ECON_RE.search(left) or _PER_RE.search(left) or text[q.end:q.end + 2].startswith("/"):
        return "other", "low", None  # an economic aggregate or a per-head rate
    if q.text.endswith(("以上", "以下", "以内")) and text.startswith("的", q.end):
        return "other", "low", THRESHOLD_NOTE
    if q.unit == "":
        return "funds_yuan", "low", "money: 元 not written"
    return "funds_yuan", "high", None


def percent(ctx: QContext, pair_sents: dict[int, str]) -> Verdict:
    """A percent is time saved when the item (or its aligned noun, or the sentence's topic) says a
    handling time was reduced; a percent restating a before/after pair is not a second saving."""
    left_item = ctx.left_item
    tn = None
    for tn in TIME_NOUN_RE.finditer(left_item):
        pass
    pair = pair_sents.get(ctx.sent_start)
    if pair is not None and REDUCE_RE.search(left_item) and (
            tn is None or left_item[max(0, tn.start() - 2):tn.end()] in pair):
        # "办理时限由10个工作日缩减至5个工作日,时限压缩50%": the same saving again
        return "other", "low", "percent restating the durations just given"
    if tn is not None and TRAVEL_RE.search(left_item[max(0, tn.start() - 6):tn.end()]):
        return "other", "low", "travel time is not processing time"
    if tn is not None and REDUCE_RE.search(left_item[tn.end():] or left_item) and \
            not NOT_TIME_RE.search(left_item[tn.end():]):
        return "time_saved", "high", None
    if tn is None and ctx.aligned is None and REDUCE_RE.search(left_item) and not NOT_TIME_RE.search(left_item) \
            and topic_is_time(ctx.text[ctx.sent_start:ctx.item_start]):
        return "time_saved", "low", None  # "办理时间压缩至3个工作日,较改革前缩短80%"
    return "other", "low", None


def count(ctx: QContext, out: list[Mention]) -> Verdict:
    """A counted quantity: trips are not visits; else the noun decides (`classify_count`); a unit with
    no noun takes the previous mention's metric ("2488项,其中1096项…")."""
    q, text = ctx.q, ctx.text
    if q.unit == "次" and _TRIPS_RE.search(text, max(0, q.start - 3), q.start):
        return "other", "low", "trips a citizen makes (跑N次), not visits"
    metric, conf, note = classify_count(q, text, ctx.item_start, ctx.clause_start, ctx.sent_start, ctx.next_start,
                                        ctx.prev_end, ctx.clause_end, ctx.aligned)
    if metric is None and conf != "neg" and q.unit in _ELLIPSIS_UNITS:
        p = out[-1] if out else None
        prev = ctx.qs[ctx.prev] if ctx.prev >= 0 else None
        if p is not None and p.start >= ctx.sent_start and prev is not None and p.start == prev.num_start \
                and p.metric != "other" and _same_unit(p, prev.unit, q.unit):
            return p.metric, "low", "noun left out; same unit as the previous mention"
    return metric, conf, note


def _same_unit(prev: Mention, prev_read: str, unit: str) -> bool:
    """Whether a quantity is counted in the same unit as the previous mention, as written (起 and 次 of
    events differ here although both are stored as 件)."""
    if store_unit(prev.metric, unit) != prev.comparable_unit:
        return False
    return not prev_read or COMMON_ALIASES.get(prev_read, prev_read) == COMMON_ALIASES.get(unit, unit)


def _np_after(text: str, pos: int, limit: int) -> str:
    """The noun phrase right after a number's unit, up to a stop word (at most 16 characters)."""
    m = _PAREN_RE.match(text, pos) if text.startswith(("(", "（"), pos) else None
    if m:  # "1.8万余户(次)企业": a short aside between the unit and the noun
        pos = m.end()
    if text.startswith("、", pos):
        return ""  # "320亿条、接口服务1.2万个": the next item of a list
    end = min(limit, pos + 16)
    m = _NP_END_RE.search(text, pos, end)
    return text[pos:m.start() if m else end]


def classify_count(q: Quantity, text: str, item_start: int, clause_start: int, sent_start: int,
                    next_start: int, prev_end: int, clause_end: int,
                    aligned: str | None = None) -> tuple[str | None, str, str | None]:
    """(metric or None to drop, confidence, note) for a counted quantity.

    What the number counts decides: first the noun compound right after the counting unit ("2793 家企业":
    the compound's head decides, a specific modifier refines a generic head); an unknown noun attached
    to the unit ("16个区") is not one of ours. Else the nearest compound to the left in the item, then
    the clause, then the sentence (confidence low), never past the previous number (a date in the
    quantity's clause is no number here: `QContext.at`). Verbs refine
    nouns (数据 shared is a volume, collected is records); services need an online cue."""
    unit = q.unit
    right = _np_after(text, q.end, next_start)
    cat = None
    tok_of_cat = ""
    conf = "high"
    if right:
        chains = noun_chains(right)
        if chains:
            first = chains[0]
            if unit == "" and first[0].start() == 0 and len(chains) == 1:
                tok_of_cat = first[0].group()   # "60万工单数据": the attached noun is the unit
                cat = TOKEN_CAT[tok_of_cat]
            else:
                # a compound right after the classifier is the counted noun ("31个省份推广应用");
                # otherwise modifiers come first and the last compound is the head ("134项高频热门服务")
                f0 = first[0].start()
                attached = (unit != "" and "、" not in right
                            and (f0 == 0 or all(c in GLUE for c in right[:f0])))
                tok_of_cat, cat = chain_cat(first if attached else chains[-1], unit)
    lo = max(prev_end, sent_start)
    if aligned is not None and not NOUN_RE.search(aligned):
        aligned = None  # the aligned noun is not one we know: read the context as usual
    left_item = text[max(item_start, lo):q.start][-40:] if aligned is None else aligned
    if cat is None and right and _CJK_RE.match(right) and not _ADVERB_RE.match(right):
        return None, "neg", None  # an attached noun we do not know ("16个区"): not one of ours
    if cat is None:
        chains = noun_chains(left_item)
        verb = None
        if unit in ("件", "起", "宗"):
            for verb in _EVENT_VERB_RE.finditer(left_item):
                pass
        if verb is not None and (not chains or verb.start() >= chains[-1][-1].end()):
            cat, conf = "events_handled", "low"  # "平台通过视频抓拍已立案处置4715件": the verb is nearer
        elif chains:
            last = left_item[-1:]   # the tail regex ends in a quote mark and white space: test that first
            if (last in _QUOTE_MARKS or last.isspace()) and _QUOTED_TAIL_RE.match(left_item, chains[-1][-1].end()):
                return None, "neg", None  # "“15分钟便民服务圈”120个": the quoted name ends in a noun we do not know
            tok_of_cat, cat = chain_cat(chains[-1], unit)
        else:
            for seg in (text[max(clause_start, lo):q.start][-60:], text[lo:q.start][-80:]):
                chains = noun_chains(seg)
                if chains:
                    tok_of_cat, cat = chain_cat(chains[-1], unit)
                    conf = "low"
                    break
    if cat == "events_handled" and unit in ("次", "条", "起", "") and not right:
        # "自动报警火情隐患360次": a warning verb governing the events — the count is of warnings
        w = None
        for w in _WARN_VERB_RE.finditer(left_item):
            pass
        if w is not None and not _EVENT_VERB_RE.search(left_item, w.end()):
            cat, conf = "warnings_issued", "low"
    verbs = left_item + right
    if cat == "sms":  # text messages: warnings when the passage is about warnings
        cat = "warnings_issued" if has_cat(text[sent_start:q.start], "warnings_issued") else "other"
    if cat == "info":  # 信息: stored records when collected, a volume when shared, else not ours
        if has_cat(verbs, "share") or unit in ("次", "条次"):
            cat = "data_shares"
        elif has_cat(text[max(clause_start, lo):q.end + 8], "collect") or (
                unit == "条" and not _PUBLISH_RE.search(verbs)):
            cat = "data_records"
        else:
            cat = "other"
    if cat == "collect":
        cat = "data_records" if unit in ("条", "张", "份", "") else None
    if cat == "data_records":
        if unit in ("次", "条次", "人次") or (has_cat(verbs, "share") and not has_cat(left_item[-6:], "collect")):
            cat = "data_shares"
    if cat == "share":
        cat = "data_shares"
    if unit == "条次" and cat not in ("neg", "data_shares"):
        cat, conf = "data_shares", "low"
    if cat == "services_online" and unit in ("次", "人次"):
        # "提供服务X次": uses of a service — calls when the passage is about data, else visits
        sent = text[sent_start:text.find("。", q.end) if "。" in text[q.end:q.end + 300] else q.end + 300]
        to_people = _PEOPLE_RE.search(text[max(clause_start, sent_start):q.start])
        if unit == "次" and not to_people and _DATA_CTX_RE.search(sent):
            return "data_shares", "low", "服务…次 in a passage about data: calls"
        return "visits", "low", "服务…次: uses of a service"
    if cat == "registered_users" and unit in ("次", "人次"):
        cat = "visits"
    if cat == "people":
        cat = "visits" if unit in ("人次",) else "other"
    if cat is None:
        # the unit alone
        if unit == "条次":
            return "data_shares", "low", None
        if unit == "人次":
            return "visits", "low", None
        if unit == "起":
            return "events_handled", "low", None
        return None, "low", None
    if cat == "neg" and unit in ("次", "条次") and has_cat(text[max(clause_start, lo):q.start], "share"):
        cat, conf = "data_shares", "low"  # "调用…基础库接口18亿次": calls, whatever is called
    if cat == "neg":
        return None, "neg", None
    if cat == "other":
        return "other", "low", None
    if cat == "services_online" and unit in ("件", "笔") and _HANDLE_RE.search(left_item):
        return "other", "low", "transactions handled (办件), not items offered"
    if cat == "services_online" and not _ONLINE_RE.search(text[clause_start:clause_end]):
        # items counted without saying they are offered online: a reform's scope, a coverage
        if tok_of_cat in _GENERIC_ITEM and not _SERVICE_NP_RE.search(left_item[-12:] + right):
            return "other", "low", "items not stated as online"
        if _REFORM_RE.search(text[max(clause_start, sent_start):clause_end]):
            return "other", "low", "items brought under a reform, not stated as online"
        conf = "low"
    if cat == "enterprises_served" and _SANCTION_RE.search(left_item[-8:]):
        return "other", "low", "enterprises sanctioned or removed, not served"
    if cat in METRICS and q.value > METRICS[cat].bounds[1]:
        return "other", "low", f"{cat}? {q.value:g} is not plausible"   # more than the contract allows
    ok = _UNIT_OK.get(cat)
    if ok is not None and unit not in ok:
        return "other", "low", f"{cat}? unit {unit}"
    return cat, conf, None
