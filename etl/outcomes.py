"""Quantitative outcomes of a case text: which metric each quantity measures, by what it counts.

``extract_outcomes(text)`` reads a cleaned Simplified case body and returns ``Mention``s (see
docs/design.md and ../shared/contract/metrics.md). Rules are over vocabulary and sentence shape, never
over particular sentences or values.

How a quantity is classified
1. Not outcomes at all (dropped): years (2022 年), dates (7 月, 12 日), small Chinese numerals that are
   words (一网通办, 一件事, 三大板块), numbers with neither unit nor multiplier (12345, figure and section
   numbers, phone numbers), units of things that are never outcomes (类, 套, 台, 辆, 平方米 …).
2. Money (元/万元/亿元, or 亿/万 after 金额/资金/贷款/补贴 … when 元 is left out) → ``funds_yuan``;
   economic aggregates (GDP/产值/营收), per-head rates (每人/人均) and size thresholds (…以上的项目) → ``other``.
3. Durations → ``time_saved`` only when a reduction is stated: a before/after pair in one sentence
   ("从10天减至3分钟内", "需3个月…仅用14个工作日", "由5个工作日压缩至1个工作日": value = before − after hours,
   durations kept; "最快" after → upper_bound) or a saved amount ("缩短3天", "还少2个工作日"; aggregates over
   many transactions such as "节省办事时间1200万小时" get confidence low; travel time is not time).
   A lone "压缩至1个工作日" is not a saving.
4. Percentages → ``time_saved`` when the list item (or, after 分别, the aligned noun; or the sentence's topic)
   says a *time* (时间/时长/时限/周期/耗时 …) was reduced ("办理时间减少60%"); materials, steps, staff, trips,
   speed and 效率 are not time; a percent restating a before/after pair is not a second saving → ``other``.
5. Counts: what the number counts decides. First the noun compound right after the counting unit
   ("2793 家企业", "365 个服务应用", "5.03 万个数据资源目录": the compound's head, its last noun, decides —
   目录 → not ours; a specific modifier refines a generic head: 告警数据 → warnings, 预警工单 → warnings);
   an unknown noun attached to the unit ("16个区") means the thing counted is not one of ours. Else the
   nearest compound to the left in the same list item, then the clause, then the sentence (the last two
   give ``confidence='low'``), never reaching back past the previous number. An event verb nearer than any
   noun (立案处置…件) makes events; a unit with no noun at all takes the previous number's metric
   ("2488项,其中1096项…,107项…"). Verbs refine nouns: 数据/信息 counted in 次, or after 共享/交换/调用, is a
   sharing volume, otherwise stored records. Services count as ``services_online`` unless they are only
   brought under a reform (免证, 联办, 告知承诺, 纳入, 覆盖 …); bare 事项/业务 need an online cue
   (上线, 网办, 掌上, 一网通办 …). Implausible sizes (more enterprises than China has) → ``other``.
6. Plans, targets and forecasts (力争, 计划, 预计, 到2025年 …) → ``other``.

Period: 最高日/峰值 → peak_daily; 日均/每日/每天/…/天 → daily; 每年/年均/全年 or one stated year
("2021年,平台共接收…") → annual; time saved → unspecified; services and money → cumulative when stated
(累计/共/已/上线/截至 …) else unspecified; every other count → cumulative (a stock or running total).
Parts: numbers after "其中" following a total of the same metric in the sentence carry
``part_of_total=True`` (a subset given without 其中, like 办结 of 上报, is not a part).
Units: the contract's base units (人, 户, 条, 次, 条次, 项, 件, 起, 家, 个, 元, 小时, %) as the text counts
them (人次 and 张 kept as written).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from etl.contract import COMMON_ALIASES, METRICS, store_unit
from etl.numbers import Quantity, duration_hours, find_quantities
from etl.numerals import MULTIPLIER_CHARS, TIME_UNITS

__all__ = ["Mention", "extract_outcomes"]


@dataclass(frozen=True)
class Mention:
    metric: str
    value: float
    unit: str
    qualifier: str
    period: str
    part_of_total: bool
    before_value: float | None
    after_value: float | None
    start: int
    end: int
    quote_start: int
    quote_end: int
    confidence: str
    note: str | None


_MENTION_FIELDS = tuple(Mention.__dataclass_fields__)
_new = object.__new__
_setattr = object.__setattr__


def _mention(metric, value, unit, qualifier, period, part_of_total, before_value, after_value, start, end,
             quote_start, quote_end, confidence, note) -> Mention:
    """``Mention(...)`` without the frozen dataclass' per-field object.__setattr__ (the same
    instance: equal, same repr; one is built per outcome mention)."""
    m = _new(Mention)
    _setattr(m, "__dict__", {"metric": metric, "value": value, "unit": unit, "qualifier": qualifier, "period": period,
                             "part_of_total": part_of_total, "before_value": before_value,
                             "after_value": after_value, "start": start, "end": end, "quote_start": quote_start,
                             "quote_end": quote_end, "confidence": confidence, "note": note})
    return m


assert _MENTION_FIELDS == _mention.__code__.co_varnames[:_mention.__code__.co_argcount]


# --- vocabulary ----------------------------------------------------------------------------------
# token → category. Categories: a metric key, "share"/"collect" (verbs that refine 数据), "people",
# "other" (outcome-like, no metric) and "neg" (things counted that are not outcomes).
_VOCAB: dict[str, tuple[str, ...]] = {
    "registered_users": ("注册用户", "实名用户", "实名注册用户", "实名认证用户", "注册人数", "注册量", "注册数",
                         "实名注册", "用户数", "用户量", "用户总数", "用户规模", "覆盖用户", "注册账户", "注册账号",
                         "个人用户", "法人用户", "用户", "注册", "申领人数", "领码人数", "申领用户", "会员", "会员数",
                         "注册会员", "使用者"),
    "visits": ("访问量", "访问人次", "访问次数", "访问用户量", "访问用户", "浏览量", "浏览次数", "点击量", "点击次数",
               "使用人次", "服务人次", "使用量", "使用人数", "使用次数", "访问", "浏览", "人次", "访客", "访客数", "独立访客", "访问人数", "查询次数", "查询量", "查询"),
    "data_records": ("数据量", "数据总量", "数据记录", "条数据", "数据", "记录", "证照数据", "电子证照", "证照"),
    "info": ("信息", "信用信息", "监测信息"),
    "collect": ("归集", "汇聚", "汇集", "沉淀", "存储", "入库", "回流", "采集", "积累", "整合"),
    "share": ("共享", "交换", "调用", "交换量", "共享量", "调用量", "调用次数", "服务调用", "接口调用", "赋能次数",
              "数据服务", "核验", "比对", "推送数据", "用证", "亮证", "调取", "认证", "认证量", "身份认证", "认证服务"),
    "sms": ("短信",),
    "warnings_issued": ("应急广播", "预警广播", "预警", "告警", "警报", "报警", "预警信息", "预警短信", "提醒", "警示", "风险提示", "预警提示"),
    "events_handled": ("事件", "工单", "案件", "诉求", "投诉", "举报", "问题", "纠纷", "矛盾纠纷", "隐患", "线索",
                       "警情", "违法行为", "违规行为", "违法违规", "违规", "违章", "来电", "求助", "案卷", "留言", "来信", "信访",
                       "信访事项", "网民留言", "提案", "议案", "代表建议", "违法建设", "违建", "违法", "违规停车", "占道经营"),
    "services_online": ("事项", "服务事项", "政务服务事项", "政务服务", "便民服务", "服务应用", "应用服务", "应用",
                        "服务", "业务", "网办", "掌上办", "指尖办", "网上办", "一网通办", "跨省通办", "全程网办",
                        "通办", "秒批", "秒办", "即办", "不见面", "零跑腿", "零跑动", "一件事", "高频服务", "最多跑一次"),
    "enterprises_served": ("企业", "市场主体", "经营主体", "商户", "个体工商户", "个体户", "小微", "公司", "厂商"),
    "people": ("群众", "市民", "居民", "人口", "老人", "学生", "患者", "游客", "办事群众"),
    "other": ("下载量", "下载次数", "下载", "并发用户", "在线用户", "同时在线", "并发", "办件", "办件量", "办理量", "业务量", "活跃用户", "日活用户", "月活", "月活跃用户", "日活跃用户", "日活",
              "月活跃", "日活跃", "活跃", "交易", "订单", "事项清单",
              "证明事项", "咨询", "电话", "评价"),
    "neg": ("部门", "部委", "单位", "委办局", "厅局", "系统", "业务系统", "平台", "目录", "资源目录", "数据资源", "库表",
            "政策", "惠企政策", "场景", "应用场景", "案例", "人员", "工作人员", "网格员", "专职", "队伍", "设备",
            "终端", "摄像头", "探头", "站", "广播", "模块", "功能模块", "专题库", "主题库", "基础库", "数据库", "资源库", "数据表", "表",
            "街道", "社区", "区县", "乡镇", "村", "网格", "接口", "指标", "标准", "规范", "文件", "制度", "材料",
            "环节", "跑动", "跑腿", "少跑", "字段", "数据项", "数据元", "机房", "服务器", "节点", "会议", "培训", "专家", "团队",
            "项目", "工程", "成果", "奖项", "专利", "著作权", "学校", "医院", "楼宇", "车辆", "点位", "小区",
            "功能", "图层", "领域", "行业", "地区", "城市", "省份", "县区", "区县", "市县", "地市", "席位", "岗位", "专班",
            "机构", "银行", "类别", "门类", "证照目录", "清单", "表单", "报表", "图表", "算法", "模型", "规则",
            "能力", "组件", "微服务", "国垂系统", "窗口", "大厅", "终端机", "自助机", "一体机", "账户", "个人",
            "对象", "户籍", "家庭", "课程", "活动", "考试", "政务云", "数据集", "数据接口", "资源",
            "数据资源目录", "信息资源", "支撑系统", "应用支撑系统", "应用系统", "信息系统", "子系统", "网站", "公众号", "小程序", "APP", "App", "专区", "专栏", "板块", "服务点",
            "服务站", "服务中心", "便民中心", "报警器", "报警设备", "预警设备", "报警装置", "传感器", "烟感",
            "门禁", "接口服务", "服务窗口", "服务大厅", "网点", "站点", "中心", "团体", "群组"),
}
_TOKEN_CAT: dict[str, str] = {}
for _cat, _toks in _VOCAB.items():
    for _t in _toks:
        _TOKEN_CAT.setdefault(_t, _cat)
# specific overrides where a longer token of another category must win
_TOKEN_CAT.update({"活跃用户": "other", "日活用户": "other", "月活跃用户": "other", "日活跃用户": "other", "访问用户量": "visits", "访问用户": "visits",
                   "数据资源": "neg", "数据资源目录": "neg", "证照目录": "neg", "数据库": "neg",
                   "数据接口": "neg", "数据集": "neg", "业务系统": "neg", "应用场景": "neg", "惠企政策": "neg",
                   "证明事项": "other", "事项清单": "neg"})


def _trie_pattern(words, extra=()) -> str:
    """One regex matching, at each position, the longest of ``words`` there — the same matches as
    "|".join(words sorted longest first), written as a prefix tree: the engine follows one branch per
    character instead of trying every word in turn (about 1.6x faster on case texts). ``extra``:
    more alternatives (with lookarounds), each beginning with a character no word begins with."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def gen(node: dict, more=()) -> str:
        kids = sorted(ch for ch in node if ch)
        alts = [re.escape(ch) + gen(node[ch]) for ch in kids] + list(more)
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body   # greedy: the longer word first

    assert not any(x[0] in trie for x in extra)
    return gen(trie, extra)


_NOUN_RE = re.compile(_trie_pattern(_TOKEN_CAT))   # was "|".join(tokens sorted by length, longest first)

_COUNT_UNITS = {"批次", "条", "条次", "人", "人次", "户", "户次", "次", "项", "件", "件次", "起", "家", "个", "张", "名",
                "位", "宗", "单", "笔", "份", "处", ""}
_TIME_UNITS = TIME_UNITS - {"月"}   # a bare 月 is the month of a date ("7月"), never a duration here
_KEEP_UNITS = _COUNT_UNITS | {"元", "%", "倍", "个百分点"}
# Units a metric may be read in come from the contract ("" = none written: the default unit).
_UNIT_OK = {k: m.accepted_units | {""} for k, m in METRICS.items() if k not in ("time_saved", "funds_yuan")}

# a bare number (no unit) is kept only with one of these in it ("1385亿"); 三百 is a plain numeral
_MULT_CHARS = MULTIPLIER_CHARS - {"百"}
# plans, targets and forecasts are not outcomes
# (every branch begins with a character, not a lookbehind: then the engine skips to candidate
# characters in C instead of trying the whole alternation at every position; same for _ONE_YEAR_RE)
_TARGET_RE = re.compile(r"力争|计划(?!生育|单列)|目标[是为:]|的目标|预[计期]|有望|届时|拟[于将在]|争取|"
                        r"将(?:实现|达到|超过|突破|节约|减少|覆盖)|到(?<![年至]到)20\d\d年")
_QUOTED_TAIL_RE = re.compile(r"[\u4e00-\u9fff]{1,2}[”」』\"][\s]*$")
_QUOTE_MARKS = frozenset("”」』\"")
_PAREN_RE = re.compile(r"[(（][^()（）]{1,6}[)）]")
_SENT_RE = re.compile(r"[。;；!?！？\n]")
_SENT_CHARS = "。;；!?！？\n"           # _SENT_RE's class, each character once


def _sent_ends(text: str) -> list[int]:
    """``[m.start() for m in _SENT_RE.finditer(text)]`` by str.find per character (a regex class
    scan costs ~10 ns per character of the text, find a fraction of that)."""
    ends: list[int] = []
    for ch in _SENT_CHARS:
        i = text.find(ch)
        while i >= 0:
            ends.append(i)
            i = text.find(ch, i + 1)
    ends.sort()
    return ends
# where a noun phrase after a number stops: a stop word, or "、" before the next numbered item ("2个平台、
# N个应用"). No stop word contains "、", so one search finds what cutting at the item and then searching
# for a stop word found; only the position is used (a prefix tree has the same match positions).
_NP_STOP_WORDS = (list(",，;；:：。!?！？\n(（") + "并|及|和|与|等|以|为|已|达|其中|实现|完成|占|同比|较|提供|进行|开展"
                  "|获得|享受|纳入|覆盖|参与|使用|通过|提交|发放|兑付|上报|减至|降至|缩短|压缩|由|从|到|至|在|对|向"
                  "|将|被|把|是|有|得到|涉及|累计|共计|同时|全部|均|都".split("|"))
_NP_END_RE = re.compile(_trie_pattern(_NP_STOP_WORDS, [r"、(?=[A-Za-zＡ-Ｚ0-9０-９一二两三四五六七八九十])"]))

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
_PEAK_RE = re.compile(r"最高日|单日最高|日最高|峰值|高峰|最高峰|单日峰值")
_DAILY_RE = re.compile(r"日均|每日|每天|单日|天均|日平均|平均每天|一天内|/天|/日")
_ANNUAL_RE = re.compile(r"年均|每年|全年|年度|一年来|年一年|年平均|今年|当年|/年")
_PERIOD_CUE_RE = re.compile("|".join(r.pattern for r in (_PEAK_RE, _DAILY_RE, _ANNUAL_RE)))
_ONE_YEAR_RE = re.compile(r"(?:19|20)(?<![至止自到]\d\d)\d\d年(?![\d月底末以至前后度初中])")
_SINCE_RE = re.compile(r"以来|至今|累计|截至|截止|迄今|年至|年到|—|-")
# figures per second, minute or hour: rates, never totals (no period of the contract fits them)
_RATE_RE = re.compile(r"""
    每(?:分钟|分|秒钟|秒|小时)        # 每分钟9万多人次, 67万每分钟
  | /(?:分钟|秒|小时|min\b|s\b)       # 5000次/秒
""", re.VERBOSE)
# a month's figure: neither cumulative nor daily nor annual, so its period is unspecified
_MONTHLY_RE = re.compile(r"""
    月均|每月|单月|每个月              # 月均访问量
  | (?<![\d一二三四五六七八九十])月(?:使用|访问|调用|办件|服务)量   # 月使用量峰值 (not the date 12月)
""", re.VERBOSE)
# trips a citizen makes: "跑9次", "往返3次"
_TRIPS_RE = re.compile(r"(?:跑|跑动|跑腿|往返|来回)$")
_CUM_RE = re.compile(r"累计|累积|共计|总计|共有|共|已|截至|截止|目前|至今|以来|总量|总数|迄今|上线|进驻|节约|节省")

_PEOPLE_RE = re.compile(r"用户|群众|市民|居民|公众|个人|老人|百姓")
_DATA_CTX_RE = re.compile(r"数据|证照|接口|库|调用|共享|交换|核验")
_SANCTION_RE = re.compile(r"清理|注销|吊销|关停|取缔|处罚|查处|约谈|列入|淘汰|整治|检查")
_PUBLISH_RE = re.compile(r"发布|推送|发送|公开|公布|公示|刊发|转发")
_MONEY_RE = re.compile(r"金额|资金|融资|贷款|授信|补贴|补助|奖补|资助|投资|投资额|经费|拨付|兑付|兑现|发放|放款|节约|节省|审减|价款")
_PER_RE = re.compile(r"人均|户均|单价|每人|每户|每件|每次|每笔|每家|平均每")
_ECON_RE = re.compile(r"GDP|生产总值|产值|营业收入|营收|销售额|增加值|市场规模|产业规模|经济总量|税收|可支配收入|人均收入|工资水平")
_TIME_NOUN_RE = re.compile(r"时间|时长|时限|周期|耗时|用时|工期|时效|等待|时间成本|天数|办结时间|审批时长")
_REDUCE_RE = re.compile(r"缩短|减少|压缩|降低|下降|节省|节约|缩减|减|降|压减|提前")
_NOT_TIME_RE = re.compile(r"材料|环节|跑动|跑腿|人员|人力|成本|费用|次数|步骤|流程|证明|表单|字段|填报|纸质|人工|效率|工作量")
_SAVE_BEFORE_RE = re.compile(r"(?:缩短|减少|节省|节约|压缩|缩减|压减|提前|还少|少用|少花)了?(?:[\u4e00-\u9fff]{0,4}时间)?(?:约|近|达|超过|超)?$")
_TRAVEL_RE = re.compile(r"出行|路途|路上|通勤|往返|交通|排队|通行|行程|车程")  # not processing time
_LEAD_TIME_RE = re.compile(r"[^,，。;；]{0,4}(?:预警|预报|发出|发布|通知|告知|提醒|推送)")  # 提前30分钟发出预警
_AGGREGATE_RE = re.compile(r"累计|群众|企业|全年|每年|共")
_PAIR_MID_RE = re.compile(r"缩短|减少|减至|降至|降低|压缩|缩减|压减|提速|仅需|只需|仅用|只用|仅|只|变为|缩至|提升至|到|至|为|用时|"
                          r"现在|如今|现仅|最快")
# "缩短1.1天" right before the second duration: that one is the amount saved, not the time after
_SAVED_AMOUNT_RE = re.compile(r"(?:缩短|减少|节省|节约|压缩|缩减|压减|提前|还少|少用|少花)了?(?:约|近|达|超过|超)?$")
_PAIR_PRE_RE = re.compile(r"从|由|原|以往|过去|传统|此前|以前|需|需要|平均|改革前|之前|把|将|往常|以往|花费|耗时|历时")


_SPECIFIC = ("warnings_issued", "events_handled", "visits", "registered_users", "enterprises_served", "share")
_PLACE_HEADS = {"点位", "站点", "网点"}
_GLUE = set("“”\"'《》〈〉·")


def _chains(s: str) -> list[list[re.Match]]:
    """Runs of vocabulary tokens that touch each other (a quote mark may sit between): noun compounds."""
    chains: list[list[re.Match]] = []
    for m in _NOUN_RE.finditer(s):
        if chains:
            a, b = chains[-1][-1].end(), m.start()
            if a == b or all(c in _GLUE for c in s[a:b]):
                chains[-1].append(m)
                continue
        chains.append([m])
    return chains


def _chain_cat(chain: list[re.Match], unit: str) -> tuple[str, str]:
    """(token, category) of a compound: its head (last token), refined by a specific modifier:
    告警数据 → warnings, 预警广播…次 → warnings (a device counted in 次 is its use)."""
    head = chain[-1].group()
    cat = _TOKEN_CAT[head]
    if unit in ("次", "条次") and cat in ("services_online", "data_records") and any(
            _TOKEN_CAT[m.group()] == "share" for m in chain):
        return head, "share"  # 数据共享服务…次
    if len(chain) > 1:
        mods = [_TOKEN_CAT[m.group()] for m in chain[:-1]]
        if cat == "events_handled" and "warnings_issued" in mods:
            return head, "warnings_issued"  # 告警事件, 预警工单: warnings, not events (metrics.md)
        if cat == "neg" and head in _PLACE_HEADS:
            for c in reversed(mods):
                if c in ("events_handled", "warnings_issued"):
                    return head, c  # "风险隐患点位1200处": the hazards are what is counted
        if cat in ("data_records", "collect", "info") or (cat == "neg" and unit == "次"):
            for c in reversed(mods):
                # data about enterprises or users is still data; warnings/events/calls data is not
                if c in _SPECIFIC and (cat == "neg" or c in ("warnings_issued", "events_handled", "share")):
                    return head, c
    return head, cat


def _np_after(text: str, pos: int, limit: int) -> str:
    m = _PAREN_RE.match(text, pos) if text.startswith(("(", "（"), pos) else None
    if m:  # "1.8万余户(次)企业": a short aside between the unit and the noun
        pos = m.end()
    if text.startswith("、", pos):
        return ""  # "320亿条、接口服务1.2万个": the next item of a list
    end = min(limit, pos + 16)
    m = _NP_END_RE.search(text, pos, end)   # no lookbehind: the same as searching text[pos:end]
    return text[pos:m.start() if m else end]


def _classify_count(q: Quantity, text: str, item_start: int, clause_start: int, sent_start: int,
                    next_start: int, prev_end: int, clause_end: int,
                    aligned: str | None = None) -> tuple[str | None, str, str | None]:
    """(metric or None to drop, confidence, note) for a counted quantity."""
    unit = q.unit
    right = _np_after(text, q.end, next_start)
    cat = None
    tok_of_cat = ""
    conf = "high"
    if right:
        chains = _chains(right)
        if chains:
            first = chains[0]
            if unit == "" and first[0].start() == 0 and len(chains) == 1:
                tok_of_cat = first[0].group()   # "60万工单数据": the attached noun is the unit
                cat = _TOKEN_CAT[tok_of_cat]
            else:
                # a compound right after the classifier is the counted noun ("31个省份推广应用");
                # otherwise modifiers come first and the last compound is the head ("134项高频热门服务")
                f0 = first[0].start()
                attached = (unit != "" and "、" not in right
                            and (f0 == 0 or all(c in _GLUE for c in right[:f0])))
                tok_of_cat, cat = _chain_cat(first if attached else chains[-1], unit)
    lo = max(prev_end, sent_start)
    if aligned is not None and not _NOUN_RE.search(aligned):
        aligned = None  # the aligned noun is not one we know: read the context as usual
    left_item = text[max(item_start, lo):q.start][-40:] if aligned is None else aligned
    if cat is None and right and _CJK_RE.match(right) and not _ADVERB_RE.match(right):
        return None, "neg", None  # an attached noun we do not know ("16个区"): not one of ours
    if cat is None:
        chains = _chains(left_item)
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
            tok_of_cat, cat = _chain_cat(chains[-1], unit)
        else:
            for seg in (text[max(clause_start, lo):q.start][-60:], text[lo:q.start][-80:]):
                chains = _chains(seg)
                if chains:
                    tok_of_cat, cat = _chain_cat(chains[-1], unit)
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
        cat = "warnings_issued" if _has_cat(text[sent_start:q.start], "warnings_issued") else "other"
    if cat == "info":  # 信息: stored records when collected, a volume when shared, else not ours
        if _has_cat(verbs, "share") or unit in ("次", "条次"):
            cat = "data_shares"
        elif _has_cat(text[max(clause_start, lo):q.end + 8], "collect") or (
                unit == "条" and not _PUBLISH_RE.search(verbs)):
            cat = "data_records"
        else:
            cat = "other"
    if cat == "collect":
        cat = "data_records" if unit in ("条", "张", "份", "") else None
    if cat == "data_records":
        if unit in ("次", "条次", "人次") or (_has_cat(verbs, "share") and not _has_cat(left_item[-6:], "collect")):
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
    if cat == "neg" and unit in ("次", "条次") and _has_cat(text[max(clause_start, lo):q.start], "share"):
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


def _same_unit(prev: Mention, prev_read: str, unit: str) -> bool:
    """Whether a quantity is counted in the same unit as the previous mention, as written (起 and 次 of
    events differ here although both are stored as 件)."""
    if store_unit(prev.metric, unit) != prev.unit:
        return False
    return not prev_read or COMMON_ALIASES.get(prev_read, prev_read) == COMMON_ALIASES.get(unit, unit)


def _has_cat(s: str, cat: str) -> bool:
    return any(_TOKEN_CAT[m.group()] == cat for m in _NOUN_RE.finditer(s))


_RESP_RE = re.compile(r"分别")


def _respectively(text: str, qs: list[Quantity], i: int, clause_start: int, clause_end: int) -> str | None:
    """"申请材料、办事环节、审批时间分别压减30%、40%、80%": the k-th number after 分别 counts the k-th
    noun of the list before it. Returns that noun plus the verb after 分别, or None."""
    q = qs[i]
    if "分别" not in text[clause_start:q.start]:
        return None
    m = None
    for m in _RESP_RE.finditer(text, clause_start, q.start):
        pass
    if m is None:
        return None
    after = []
    k = i
    while k > 0 and qs[k - 1].start >= m.end():
        k -= 1
    while k < len(qs) and qs[k].start < clause_end:
        after.append(k)
        k += 1
    nouns = [x for x in re.split(r"[、和及与]", text[clause_start:m.start()]) if x]
    if len(after) < 2 or len(nouns) != len(after) or i not in after:
        return None
    verb = text[m.end():qs[after[0]].start]
    k = after.index(i)
    noun = nouns[k]
    if "等" in nouns[-1] and k < len(nouns) - 1:
        noun += nouns[-1][nouns[-1].rindex("等") + 1:]  # "人口、法人、电子证照等基础数据": the shared head
    return noun + verb


def _topic_is_time(before: str) -> bool:
    """Whether the last thing the sentence talked about before this item is a time (时间/时限 …)
    rather than materials, steps, staff or efficiency."""
    last_t = last_n = -1
    for m in _TIME_NOUN_RE.finditer(before):
        last_t = m.end()
    for m in _NOT_TIME_RE.finditer(before):
        last_n = m.end()
    return last_t > last_n


_CLAUSE_CUT_RE = re.compile(r"[,，。;；:：!！?？\n]")
_CLAUSE_CUT_CHARS = frozenset(",，。;；:：!！?？\n")   # _CLAUSE_CUT_RE's class


def _period(metric: str, ctx: str) -> str:
    """Per-day, peak-day and per-year figures by their cue; otherwise a stock or a running total
    (cumulative) — except for services and money, which are cumulative only when the text says so
    (上线/累计/已 …), and time saved, which is a per-transaction figure (unspecified)."""
    if _PERIOD_CUE_RE.search(ctx):   # most contexts have none of the three cues: one search
        if _PEAK_RE.search(ctx):
            return "peak_daily"
        if _DAILY_RE.search(ctx):
            return "daily"
        if _ANNUAL_RE.search(ctx):
            return "annual"
    if metric == "time_saved":
        return "unspecified"
    if metric in ("services_online", "funds_yuan", "other"):
        return "cumulative" if _CUM_RE.search(ctx) else "unspecified"
    return "cumulative"


def _is_time(q: Quantity, text: str) -> bool:
    if q.unit not in _TIME_UNITS:
        return False
    if q.unit == "年" and (1900 <= q.value <= 2100 or not text[q.num_start].isdigit() and q.value > 100):
        return False
    if q.unit == "日" and q.num_start > 0 and text[max(0, q.num_start - 3):q.num_start].rstrip().endswith("月"):
        return False
    return True


def _bounds(starts: list[int], pos: int) -> int:
    i = bisect.bisect_right(starts, pos) - 1
    return starts[i] if i >= 0 else 0


def _combine_q(before: str, after: str) -> str:
    b_low = before in ("lower_bound", "exact")
    a_up = after in ("upper_bound", "exact")
    if before == "approx" or after == "approx":
        return "approx"
    if before == "exact" and after == "exact":
        return "exact"
    if b_low and a_up:
        return "lower_bound"
    return "approx"


def extract_outcomes(text: str) -> list[Mention]:
    """Every quantitative outcome mention of a cleaned case text, in text order."""
    if not text:
        return []
    qs = find_quantities(text)
    if not qs:
        return []
    # sentences from one scan; clauses and list items inside a sentence by rfind/find (no per-separator
    # objects over the whole text)
    sent_ends = _sent_ends(text) + [len(text)]
    sent_starts = [0] + [p + 1 for p in sent_ends[:-1]]

    def clause_start_of(pos: int, s0: int) -> int:
        return max(s0, text.rfind(",", s0, pos) + 1, text.rfind("，", s0, pos) + 1)

    def item_start_of(pos: int, c0: int) -> int:
        return max(c0, text.rfind("、", c0, pos) + 1, text.rfind(":", c0, pos) + 1, text.rfind("：", c0, pos) + 1)

    def clause_end_of(b: int) -> int:
        e0 = sent_ends[bisect.bisect_left(sent_ends, b)]
        e = e0
        for c in ",，":
            k = text.find(c, b, e0)
            if k != -1 and k < e:
                e = k
        return e

    def clause_span(a: int, b: int) -> tuple[int, int]:
        return clause_start_of(a, _bounds(sent_starts, a)), clause_end_of(b)

    out: list[Mention] = []
    used: set[int] = set()
    n = len(qs)

    # 1. time saved from before/after durations, within a sentence
    times = [i for i, q in enumerate(qs) if q.unit in _TIME_UNITS and _is_time(q, text)]
    pair_sents: dict[int, str] = {}  # sentence start → the clause of its before/after pair
    for k, i in enumerate(times):
        if i in used:
            continue
        a = qs[i]
        s0 = _bounds(sent_starts, a.start)
        # pair with the next duration in the same sentence
        if k + 1 < len(times):
            j = times[k + 1]
            b = qs[j]
            if _bounds(sent_starts, b.start) == s0:
                mid = text[a.end:b.start]
                pre = text[max(s0, a.start - 12):a.start]
                ha, hb = duration_hours(a.value, a.unit), duration_hours(b.value, b.unit)
                if (ha is not None and hb is not None and ha > hb and len(mid) <= 40
                        and _PAIR_MID_RE.search(mid) and (_PAIR_PRE_RE.search(pre) or _PAIR_PRE_RE.search(mid[:6]))
                        and not _SAVED_AMOUNT_RE.search(mid)):
                    qs_, qe = clause_span(a.start, b.end)
                    qual = _combine_q(a.qualifier, b.qualifier)
                    if "最快" in text[max(a.end, b.start - 4):b.start]:
                        qual = "upper_bound"  # the best case, not the usual one
                    target = bool(_TARGET_RE.search(text[s0:a.start]))
                    out.append(_mention("other" if target else "time_saved", round(ha - hb, 6), "小时", qual,
                                       "unspecified", False, ha, hb, a.start, b.end, qs_, qe,
                                       "low" if target else "high", "a target, not an outcome" if target else None))
                    used.update((i, j))
                    pair_sents[s0] = text[qs_:qe]
                    continue
        # a saved duration: "缩短3天", "节省时间2小时"
        pre = text[max(s0, a.start - 8):a.start]
        if _SAVE_BEFORE_RE.search(pre) and not _NOT_TIME_RE.search(pre) and not _TRAVEL_RE.search(pre) \
                and not _LEAD_TIME_RE.match(text, a.end):
            h = duration_hours(a.value, a.unit)
            qs_, qe = clause_span(a.start, a.end)
            aggregate = a.value >= 10000 or bool(_AGGREGATE_RE.search(text[max(s0, a.start - 16):a.start]))
            target = bool(_TARGET_RE.search(text[s0:a.start]))
            note = ("a target, not an outcome" if target else
                    "aggregate time saved over many transactions" if aggregate else None)
            out.append(_mention("other" if target else "time_saved", h, "小时", a.qualifier, "unspecified", False,
                               None, None, a.start, a.end, qs_, qe, "low" if aggregate or target else "high", note))
            used.add(i)

    # 2. everything else. The drops come first, before any context is computed: most quantities are
    # years, dates, durations (all of them: a saving is step 1's), small Chinese numerals or bare numbers.
    rfind, find = text.rfind, text.find
    for i, q in enumerate(qs):
        unit = q.unit
        if unit not in _KEEP_UNITS or i in used:
            continue  # durations, years, dates and things that are never outcomes (类, 套, 台 …)
        if q.value < 10 and not text[q.num_start].isdigit():
            continue  # small Chinese numerals are words (一网通办, 一件事, 三大板块)
        if unit == "" and _MULT_CHARS.isdisjoint(text[q.num_start:q.num_end]):
            continue  # bare numbers: 12345, figure and section numbers, codes, phone numbers
        if text.startswith("级", q.num_end):
            continue  # "1000万级用户并发": a capacity class, not a count
        qstart = q.start
        sent_start = sent_starts[bisect.bisect_right(sent_starts, qstart) - 1]   # _bounds(sent_starts, qstart)
        clause_start = max(sent_start, rfind(",", sent_start, qstart) + 1, rfind("，", sent_start, qstart) + 1)
        item_start = max(clause_start, rfind("、", clause_start, qstart) + 1, rfind(":", clause_start, qstart) + 1,
                         rfind("：", clause_start, qstart) + 1)
        next_start = qs[i + 1].start if i + 1 < n else len(text)
        qend = q.end
        qe = sent_ends[bisect.bisect_left(sent_ends, qend)]     # clause_end_of(qend), inlined
        k = find(",", qend, qe)
        if k >= 0:
            qe = k
        k = find("，", qend, qe)
        if k >= 0:
            qe = k
        qs_ = clause_start                                       # (qs_, qe) = clause_span(q.start, q.end)
        aligned = _respectively(text, qs, i, clause_start, qe) if find("分别", clause_start, qstart) >= 0 else None
        metric: str | None
        conf, note = "high", None
        money_noun = unit == "" and q.value >= 10000 and _MONEY_RE.search(
            text[max(item_start, qs[i - 1].end if i else 0):q.start][-12:])
        if unit == "元" or money_noun:
            left = text[clause_start:q.start]
            if _ECON_RE.search(left) or _PER_RE.search(left) or text[q.end:q.end + 2].startswith("/"):
                metric, conf = "other", "low"  # an economic aggregate or a per-head rate
            elif q.text.endswith(("以上", "以下", "以内")) and text.startswith("的", q.end):
                metric, conf, note = "other", "low", "a size threshold (…以上的项目)"
            else:
                metric = "funds_yuan"
                if money_noun:
                    conf, note = "low", "money: 元 not written"
        elif unit == "%":
            left_item = aligned if aligned is not None else text[item_start:q.start]
            tn = None
            for tn in _TIME_NOUN_RE.finditer(left_item):
                pass
            if sent_start in pair_sents and _REDUCE_RE.search(left_item) and (
                    tn is None or left_item[max(0, tn.start() - 2):tn.end()] in pair_sents[sent_start]):
                # "办理时限由10个工作日缩减至5个工作日,时限压缩50%": the same saving again
                metric, conf, note = "other", "low", "percent restating the durations just given"
            elif tn is not None and _TRAVEL_RE.search(left_item[max(0, tn.start() - 6):tn.end()]):
                metric, conf, note = "other", "low", "travel time is not processing time"
            elif tn is not None and _REDUCE_RE.search(left_item[tn.end():] or left_item) and \
                    not _NOT_TIME_RE.search(left_item[tn.end():]):
                metric = "time_saved"
            elif tn is None and aligned is None and _REDUCE_RE.search(left_item) and \
                    not _NOT_TIME_RE.search(left_item) and _topic_is_time(text[sent_start:item_start]):
                metric, conf = "time_saved", "low"  # "办理时间压缩至3个工作日,较改革前缩短80%"
            else:
                metric = "other"
                conf = "low"
        elif unit in ("倍", "个百分点"):
            metric, conf = "other", "low"
        elif unit in _COUNT_UNITS:
            if unit == "次" and _TRIPS_RE.search(text, max(0, q.start - 3), q.start):
                # "跑9次": trips a citizen makes (or no longer makes), not visits to a service
                out.append(_mention("other", q.value, unit, q.qualifier, "unspecified", False, None, None,
                                    q.num_start, q.num_end, qs_, qe, "low", "trips a citizen makes (跑N次), not visits"))
                continue
            prev_end = qs[i - 1].end if i > 0 else 0
            metric, conf, note = _classify_count(q, text, item_start, clause_start, sent_start, next_start,
                                                 prev_end, qe, aligned)
            if metric is None and conf != "neg" and unit in _ELLIPSIS_UNITS:
                # "2488项,其中1096项实现…,107项实现…": the noun is left out, the unit carries the reference
                p = out[-1] if out else None
                if p is not None and p.start >= sent_start and p.start == qs[i - 1].num_start \
                        and p.metric != "other" and _same_unit(p, qs[i - 1].unit, unit):
                    metric, conf, note = p.metric, "low", "noun left out; same unit as the previous mention"
            if metric is None:
                continue
        else:
            continue
        if metric not in (None, "other") and q.text.endswith(("以上", "以下", "以内")) and text.startswith("的", q.end):
            metric, conf, note = "other", "low", "a size threshold (…以上的项目)"
        if metric not in (None, "other") and _TARGET_RE.search(text[sent_start:q.start]):
            metric, conf, note = "other", "low", "a target or a forecast, not an outcome"
        out_unit = "%" if unit == "%" else ("元" if metric == "funds_yuan" else unit)
        if metric == "visits" and not unit:
            near = text[clause_start:q.start][-8:]
            if "人次" in near:
                out_unit = "人次"
            elif "用户" in near or "人数" in near or "访客" in near:
                out_unit = "人"
        if metric == "registered_users" and unit in ("", "个") and _has_cat(text[clause_start:q.start][-10:],
                                                                        "enterprises_served"):
            out_unit = "户"  # market entities registered as users are counted in 户
        if metric in METRICS:
            out_unit = store_unit(metric, out_unit)   # the contract's unit: 起 of events → 件, 人次 → 次
        else:
            out_unit = COMMON_ALIASES.get(out_unit, out_unit) or "个"
        tail = text[qend:qend + 3]   # "/日" after the unit, not the next clause (_CLAUSE_CUT_RE.split(tail)[0])
        for k, c in enumerate(tail):
            if c in _CLAUSE_CUT_CHARS:
                tail = tail[:k]
                break
        is_rate = metric != "other" and bool(_RATE_RE.search(text[clause_start:qend] + tail))
        if is_rate:
            # "访问峰值为67万每分钟": a rate is no period of the contract; kept as `other` so that it
            # never joins a total or a daily figure
            metric, conf, note = "other", "low", "a rate per second, minute or hour, not a total"
            out_unit = COMMON_ALIASES.get(unit, unit) or "个"
        period = _period(metric, text[clause_start:qend] + tail)
        if period in ("cumulative", "unspecified") and metric != "time_saved" and find("年", sent_start, qstart) >= 0 \
                and _ONE_YEAR_RE.search(text[sent_start:qstart]) and not _SINCE_RE.search(text[sent_start:qend]):
            period = "annual"  # "2021年,平台共接收…": the figure of one stated year
        if is_rate or _MONTHLY_RE.search(text[clause_start:qend] + tail):
            period = "unspecified"   # no period of the contract fits a per-minute or a monthly figure
        out.append(_mention(metric, q.value, out_unit, q.qualifier, period, False, None, None,
                           q.num_start, q.num_end, qs_, qe, conf, note))

    out.sort(key=lambda m: m.start)
    return _mark_parts(text, out, sent_starts)


def _mark_parts(text: str, ms: list[Mention], sent_starts: list[int]) -> list[Mention]:
    """Quantities after "其中" that follow a total of the same metric are parts: the total in the same
    sentence, or in the sentence before when this one opens with 其中 ("共受理诉求300件。其中,投诉100件")."""
    res: list[Mention] = []
    for m in ms:
        s0 = _bounds(sent_starts, m.start)
        lo = s0
        if text[s0:s0 + 3].lstrip().startswith("其中") and s0 > 0:
            lo = _bounds(sent_starts, s0 - 1)  # the total may close the previous sentence
        part = False
        if m.metric != "other":
            for p in reversed(res):
                if p.start < lo:
                    break
                if p.metric == m.metric:
                    part = p.part_of_total or "其中" in text[p.end:m.start]
                    break
        if part:
            m = _mention(*(True if k == "part_of_total" else v for k, v in m.__dict__.items()))
        res.append(m)
    return res
