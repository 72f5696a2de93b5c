"""etl.outcomes: metric, value, qualifier, period and parts of real sentences from data/raw."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from etl.contract import store_unit
from etl.outcomes import Mention, extract_outcomes
from etl.schema import METRIC_KEYS, PERIODS, QUALIFIERS

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "gold-dev" / "outcomes.jsonl"


def scored(text: str) -> list[Mention]:
    return [m for m in extract_outcomes(text) if m.metric != "other"]


def one(text: str) -> Mention:
    ms = scored(text)
    assert len(ms) == 1, [(m.metric, m.value) for m in ms]
    return ms[0]


# (cleaned sentence from data/raw, metric, value, unit as written, qualifier); outcomes.unit keeps the
# unit as written, comparable_unit is the contract's (etl.contract.store_unit: 起 of events → 件, 人次 → 次)
POSITIVE = [
    ("数据量达648.39亿条,形成高质量数据资源池", "data_records", 64839000000, "条", "exact"),
    ("数据量达 648.39 亿条", "data_records", 64839000000, "条", "exact"),
    ("累计智能感知发现处置事件超3万起", "events_handled", 30000, "起", "lower_bound"),
    ("服务了2793家企业", "enterprises_served", 2793, "家", "exact"),
    ("在线兑付了逾1.79亿元的资金", "funds_yuan", 179000000, "元", "lower_bound"),
    ("在线兑付了逾 1.79 亿元的资金", "funds_yuan", 179000000, "元", "lower_bound"),
    ("目前平台服务市场主体已达19.8万家", "enterprises_served", 198000, "家", "exact"),
    ("网页端注册用户超160万", "registered_users", 1600000, "人", "lower_bound"),
    ("上线政务服务事项4.66万项", "services_online", 46600, "项", "exact"),
    ("共享数据1025.8亿次", "data_shares", 102580000000, "次", "exact"),
    ("共享证照数据1436万次", "data_shares", 14360000, "次", "exact"),
    ("“蒙速办”APP包头籍用户已达102万", "registered_users", 1020000, "人", "exact"),
    ("访问量2355万次", "visits", 23550000, "次", "exact"),
    ("市大数据平台已汇聚各类政务数据80亿条", "data_records", 8000000000, "条", "exact"),
    ("日均数据交换量达500多万条次", "data_shares", 5000000, "条次", "lower_bound"),
    ("归集339亿余条数据", "data_records", 33900000000, "条", "lower_bound"),
    ("累计注册人数已超过1870万", "registered_users", 18700000, "人", "lower_bound"),
    ("累计访问量超过12.7亿次", "visits", 1270000000, "次", "lower_bound"),
    ("最高日访问量突破2400万", "visits", 24000000, "次", "lower_bound"),
    ("上线了市级政务服务事项1080余项", "services_online", 1080, "项", "lower_bound"),
    ("公文处理时间缩短约50%", "time_saved", 50, "%", "approx"),
    ("归集疫情相关数据近7000万条", "data_records", 70000000, "条", "approx"),
    ("截至目前累计上报社会治理类事件1431万起", "events_handled", 14310000, "起", "exact"),
    ("办结事件1400万起", "events_handled", 14000000, "起", "exact"),
    ("直接为政府节约财政资金8.62亿元", "funds_yuan", 862000000, "元", "exact"),
    ("再次审减地被植物价款856.61万元", "funds_yuan", 8566100, "元", "exact"),
    ("实现41项公积金业务全程网办", "services_online", 41, "项", "exact"),
    ("已上线多行业、多领域365个服务应用", "services_online", 365, "个", "exact"),
    ("2349个“掌上办”事项", "services_online", 2349, "个", "exact"),
    ("解决诉求450余个", "events_handled", 450, "个", "lower_bound"),
    ("对外提供了1862亿条次数据共享服务", "data_shares", 186200000000, "条次", "exact"),
    ("上海市大数据中心总门户实名用户突破1000万", "registered_users", 10000000, "人", "lower_bound"),
    ("累计进驻489项高频政务服务事项", "services_online", 489, "项", "exact"),
    ("审批时限压缩70%", "time_saved", 70, "%", "exact"),
    ("办理时间减少60%", "time_saved", 60, "%", "exact"),
    ("发布预警信息3.5万条", "warnings_issued", 35000, "条", "exact"),
    # money whose 元 is left out, made money by its noun
    ("累计申请贷款金额超过262亿", "funds_yuan", 26200000000, "元", "lower_bound"),
    # the head of the noun phrase decides, its modifiers refine
    ("获取全省共6.27亿企业信用数据", "data_records", 627000000, "条", "exact"),
    ("将7.9万余条市场主体、个人信用信息归集", "data_records", 79000, "条", "lower_bound"),
    ("截至2022年6月底,产生告警数据1562条", "warnings_issued", 1562, "条", "exact"),
    ("汛期共启动预警广播2000余次", "warnings_issued", 2000, "次", "lower_bound"),
    ("已经完成逾60万工单数据的接入", "events_handled", 600000, "件", "lower_bound"),
    ("为7719家企业提供了“免申即享”服务", "enterprises_served", 7719, "家", "exact"),
    ("提供23项养老高频服务事项", "services_online", 23, "项", "exact"),
    ("上线12项贴近残疾人生活的服务及4种电子证照", "services_online", 12, "项", "exact"),
    # an event verb with no noun
    ("城市管理信息采集队伍成立以来,共上报354332件", "events_handled", 354332, "件", "exact"),
    ("当天访问用户量就突破1000万", "visits", 10000000, "人", "lower_bound"),
    ("引导访问人次超21万", "visits", 210000, "人次", "lower_bound"),
    ("平台累计市场主体注册用户达1337万", "registered_users", 13370000, "户", "exact"),
]


@pytest.mark.parametrize("text, metric, value, unit, qual", POSITIVE)
def test_positive(text, metric, value, unit, qual):
    m = one(text)
    assert (m.metric, m.unit, m.comparable_unit, m.qualifier) == (metric, unit, store_unit(metric, unit), qual)
    assert m.value == pytest.approx(value)
    assert m.metric in METRIC_KEYS and m.period in PERIODS and m.qualifier in QUALIFIERS
    assert m.quote_start <= m.start < m.end <= m.quote_end
    assert text[m.start:m.end]  # the number is inside the text


# sentences whose numbers are NOT any of the ten metrics (None or `other` only)
NEGATIVE = [
    "推动全省3090个政务部门全面汇聚业务数据库",                      # departments
    "发布5.03万个数据资源目录",                                       # catalogue
    "成功对接30个国家部委205项数据资源,赋能全省115个部门189个业务系统",  # resources, systems
    "实现64个国垂系统",
    "并在应用场景专栏发布126个典型案例",                              # cases
    "累计归集278个库表",                                              # tables
    "梳理各类惠企政策4.1万条",                                        # policies
    "精准推送政策40余万条",
    "接入设备超1000个",                                               # devices
    "共有专职网格员3.6万人",                                          # staff
    "组建了一支网格员数量达9311人的庞大队伍",
    "在全市16个区、281个街道(乡镇)级战区和6127个社区(村)级战区、20795个全科网格实现全面贯通",
    "配发“信息化”山洪预警广播196处,应急手摇报警器220套",           # warning devices
    "汇聚了公安、政法、自然资源等23个党政机关单位共237类数据",       # catalogue classes
    "平台主要包含流调溯源管理等19个功能模块,建成8大专题库,30类资源目录",
    "2019年以来,日照市城市管理局以推进城市管理“一网通管”为契机",    # years
    "2020年1月启动项目建设,系统于2020年11月底上线运行",               # dates
    "青岛市12345政务热线智能化平台",                                  # hotline number
    "咨询电话0531-12345678",                                          # phone number
    "济宁市生态环境局5G+智慧环保项目",                                # 5G
    "包头市以“1+1+N”模式,加快推进数字政府建设",                      # slogan
    "实现“一网通办”“一件事一次办”",                                   # words with 一
    "主要建设内容包括政务服务、生活服务、公共服务三大板块",
    "一是实现政务部门线下数据需求逐步向线上迁移",                      # enumerations
    "21位领域资深专家的层层筛选",                                     # experts
    "从全国200多份案例中脱颖而出",
    "对全区214个山洪灾害影响村开展了山洪灾害调查",
    "建立115人的城市管理信息采集队伍,范围覆盖全市7个区县、11个街道",
    "梳理有数据证照目录380类",
    "网站推出了9大重点民生领域100余个搜索场景",
    "北京市19个市级部门44个系统实现了“一次登录、全网通办”",
    "办结率100%,满意率99.2%",                                        # rates (other at most)
    "工作人员数量同比减少30%",                                        # staff reduction is not time
    "业务处理速度提高50%",                                            # speed is not time
    "获取效率提升40%",                                                # efficiency is not time
    "申请材料精简50%,办事环节压缩40%",                                # materials, steps
    "数据共享100小时内完成",                                          # a target, not a saving
    "审批周期不超过3个工作日",                                        # after-duration only
    "已经为153个省直单位540多个项目提供了2561台虚拟服务器",
    "以及电子证照、粤政图、高分遥感、数据普查等10多个应用支撑系统",   # systems, not services
    "平台已对接完成“一网通办”“经济大脑”等政务应用系统80余个,覆盖业务120余项",  # items not put online
    "偿还公积金贷款、提取住房公积金等16项业务实现无要件办理",
    "线下纸质材料数据项由283项减至130项",                              # data items of a form
    "自平台全面应用以来,在全市16个区实现全面贯通",                     # an attached noun we do not know
    "每月活跃用户500余人",                                             # monthly active users
    "“团体码”服务累计创建团体数66.2万个",
    "避免人员伤亡数500人次",
    "每人补贴500元",                                                   # a per-head rate
    "将3200余个政务服务事项办事所需492类证明纳入告知承诺范围",          # a reform's scope, not online
    "支持办事大厅涉企服务免证办1852个",
    "全市地区生产总值达3000亿元",                                      # an economic aggregate
    "累计发布信息300条",                                               # publications
    "对投资2000万以上的重大项目开展全过程审计",                          # a size threshold
    "对100万元以上的项目进行审计",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_negative(text):
    assert scored(text) == []


# time saved from before/after durations: (sentence, hours saved, before h, after h, qualifier)
TIME_PAIRS = [
    ("贷款流程从10天减至3分钟内", 239.95, 240, 0.05, "lower_bound"),
    ("需3个月才能完成的必审事项,仅用14个工作日完成", 1824, 2160, 336, "exact"),
    ("业务处置周期从原来超过8小时,缩短到4小时以内", 4, 8, 4, "lower_bound"),
    ("由5个工作日压缩至1个工作日", 96, 120, 24, "exact"),
    ("办理时间从原来的20个工作日缩短至3个工作日", 408, 480, 72, "exact"),
    ("从8小时缩短到4小时", 4, 8, 4, "exact"),
]


@pytest.mark.parametrize("text, saved, before, after, qual", TIME_PAIRS)
def test_time_pairs(text, saved, before, after, qual):
    m = one(text)
    assert m.metric == "time_saved" and m.unit == "小时"
    assert m.value == pytest.approx(saved, abs=1e-6)
    assert (m.before_value, m.after_value) == (pytest.approx(before), pytest.approx(after))
    assert m.qualifier == qual


def test_percent_time_and_not_time_in_one_list():
    ms = scored("实现企业政策办理环节可压缩50%、办理时间可减少90%、企业办理政策过程中提交材料可精简100%")
    assert [(m.metric, m.value) for m in ms] == [("time_saved", 90)]


def test_respectively_aligns_nouns_and_numbers():
    ms = scored("申请材料、办事环节、审批时间分别压减30%、40%、80%以上")
    assert [(m.metric, m.value, m.qualifier) for m in ms] == [("time_saved", 80, "lower_bound")]
    ms = scored("注册用户和访问量分别达到300万和2000万次")
    assert [(m.metric, m.value) for m in ms] == [("registered_users", 3e6), ("visits", 2e7)]


def test_ellipsis_of_the_counted_noun():
    ms = scored("累计上线社保、公积金、户政等政务服务2488项,其中1096项实现百姓“零跑动”,107项实现“最多跑一次”")
    assert [(m.metric, m.value, m.part_of_total) for m in ms] == [
        ("services_online", 2488, False), ("services_online", 1096, True), ("services_online", 107, True)]


# A date between the counted noun and its number does not hide the noun (it is no "previous number"),
# and the figure after a change verb takes the first figure's metric: (sentence, [(metric, value, period)])
DATE_BETWEEN_NOUN_AND_NUMBER = [
    ("异常告警数量由 2020 年 8 月 4605 次，下降到 2022 年月均 579 次",
     [("warnings_issued", 4605, "unspecified"), ("warnings_issued", 579, "unspecified")]),
    ("全市政务服务网注册用户从2020年底的300万增至1200万人",
     [("registered_users", 3e6, "cumulative"), ("registered_users", 1.2e7, "cumulative")]),
    ("截至2022年6月，平台注册用户达1200万人", [("registered_users", 1.2e7, "cumulative")]),
    ("上线政务服务事项由2019年12月31日的1200项增加到3000项",
     [("services_online", 1200, "cumulative"), ("services_online", 3000, "cumulative")]),
    ("累计归集数据从二〇二〇年八月的12亿条增至35亿条",
     [("data_records", 1.2e9, "cumulative"), ("data_records", 3.5e9, "cumulative")]),
    ("网格事件处置量由2021年上半年的3.2万件增长到2022年上半年的5.1万件",
     [("events_handled", 3.2e4, "unspecified"), ("events_handled", 5.1e4, "unspecified")]),
]


@pytest.mark.parametrize("text, expected", DATE_BETWEEN_NOUN_AND_NUMBER)
def test_date_between_noun_and_number(text, expected):
    got = [(m.metric, m.value, m.period) for m in scored(text)]
    assert got == [(k, pytest.approx(v), p) for k, v, p in expected]


@pytest.mark.parametrize("text", [
    # the date opens a clause about something else: the noun of the clause before is not reached
    "依托一体化政务服务平台推进数据共享，2021年以来新增1200项",
    "网格员上报事件，2021年新增1200件",
    # a deadline with a change verb is still a target
    "计划由2022年的300万人增长到2025年的1000万人",
])
def test_date_opening_a_clause_keeps_the_clause_apart(text):
    assert [(m.metric, m.value) for m in extract_outcomes(text)] == []


@pytest.mark.parametrize("text, values", [
    ("截至2022年，注册用户达1200万", [1.2e7]),
    ("2021年12月31日，平台共受理办件320万件", [3.2e6]),
    ("自2019年上线以来，二〇二二年八月累计访问量达5000万次", [5e7]),
])
def test_a_date_is_never_a_figure(text, values):
    assert [m.value for m in extract_outcomes(text)] == values


def test_numbers_of_years_and_months_are_not_dates():
    from etl.numbers import find_quantities
    from etl.outcomes.context import is_date
    text = "历时3年，用时3个月，2000多年历史，2020年8月15日，6月底，连续12月"
    qs = find_quantities(text)
    assert [(q.text, is_date(text, qs, k)) for k, q in enumerate(qs)] == [
        ("3年", False), ("3个月", False), ("2000多年", False), ("2020年", True), ("8月", True),
        ("15日", True), ("6月", True), ("12月", False)]


def test_fastest_case_is_an_upper_bound():
    m = one("所有事项办理时间从原先的4.5天压缩至最快3分钟")
    assert m.metric == "time_saved" and m.value == pytest.approx(107.95) and m.qualifier == "upper_bound"


def test_saved_duration_without_before_and_after():
    m = one("企业开办平均缩短3个工作日")
    assert (m.metric, m.value, m.unit, m.before_value) == ("time_saved", 72, "小时", None)


def test_aggregate_time_saved_is_low_confidence_and_travel_time_is_not_time():
    m = one("累计为群众节省办事时间1200万小时")
    assert (m.metric, m.value, m.confidence) == ("time_saved", 12000000, "low")
    assert scored("累计为群众节省出行时间152万小时") == []


@pytest.mark.parametrize("text, metric, value", [
    # phrasing of other reports (not from the seed documents): the rules must carry over
    ("截至2023年底,“浙里办”注册用户突破1亿", "registered_users", 1e8),
    ("全省政务数据共享平台累计提供数据共享服务120亿次", "data_shares", 1.2e10),
    ("系统累计调用人口库、法人库等基础库接口18亿次", "data_shares", 1.8e9),
    ("已有超过3000家企业入驻平台", "enterprises_served", 3000),
    ("12345热线全年受理群众诉求268万件", "events_handled", 2.68e6),
    ("发布暴雨、大风等气象预警信号860次", "warnings_issued", 860),
    ("数据交换平台累计交换数据80亿条", "data_shares", 8e9),
    ("投诉举报处理时限由15天压缩至7天", "time_saved", 192),
    ("服务各类市场主体超过120万户", "enterprises_served", 1.2e6),
    ("政务服务网站总浏览量突破8亿人次", "visits", 8e8),
])
def test_other_reports_phrasing(text, metric, value):
    m = one(text)
    assert (m.metric, m.value) == (metric, pytest.approx(value))


@pytest.mark.parametrize("text", [
    "在全国31个省份推广应用",
    "平台接入各类物联感知设备12万个,汇聚视频资源3.5万路",
    "全市共有网格员1.2万名,专职网格员8000人",
    "平台已汇聚全市42个部门的1800多类数据资源",
    "2022年,全市网上可办率达到100%,“最多跑一次”事项占比达99%",
    "编制数据目录3.6万个",
    "日活跃用户超过500万",
])
def test_other_reports_not_outcomes(text):
    assert scored(text) == []


@pytest.mark.parametrize("text, metric", [
    ("归集证照数据578万余条,累计提供服务1400万余次", "data_shares"),   # a licence library: calls
    ("平台累计为120万用户提供服务3000万次", "visits"),                  # services to people: uses
])
def test_services_counted_in_times(text, metric):
    ms = [m for m in scored(text) if m.unit == "次"]
    assert [m.metric for m in ms] == [metric] and ms[0].confidence == "low"


@pytest.mark.parametrize("text", [
    "到2025年,力争全省政务服务事项网上可办率达到100%,注册用户突破5000万",
    "预计项目建成后每年可节约财政资金2000万元",
    "计划三年内归集数据100亿条",
    "计划将审批时间由20天压缩至5天",
])
def test_targets_and_forecasts_are_not_outcomes(text):
    assert scored(text) == []


@pytest.mark.parametrize("text, metric, value", [
    ("政审证明、人口和计划生育业务等高频事项实现网上办理,累计办件12万件,上线事项50项", "services_online", 50),
    ("从2019年到2021年累计归集数据30亿条", "data_records", 3e9),
])
def test_words_that_look_like_targets(text, metric, value):
    assert [(m.metric, m.value) for m in scored(text)] == [(metric, value)]


def test_parts_of_total():
    ms = scored("系统累计发出预警22.15万条,其中部门预警7.21万条、综合预警14.75万条")
    assert [(m.metric, m.value, m.part_of_total) for m in ms] == [
        ("warnings_issued", 221500, False), ("warnings_issued", 72100, True), ("warnings_issued", 147500, True)]


def test_parts_in_the_sentence_after_the_total():
    ms = scored("全年共受理群众诉求300件。其中,投诉100件、建议200件。")
    assert [(m.value, m.part_of_total) for m in ms] == [(300, False), (100, True), (200, True)]
    ms = scored("全年共受理群众诉求300件。办结诉求290件。")
    assert [(m.value, m.part_of_total) for m in ms] == [(300, False), (290, False)]


def test_subset_is_not_a_part():
    ms = scored("截至目前累计上报社会治理类事件1431万起,办结事件1400万起")
    assert [(m.value, m.part_of_total) for m in ms] == [(14310000, False), (14000000, False)]


@pytest.mark.parametrize("text, period", [
    ("累计访问量超过12.7亿次", "cumulative"),
    ("日均数据交换量达500多万条次", "daily"),
    ("最高日访问量突破2400万", "peak_daily"),
    ("每年发布预警信息3000条", "annual"),
    ("2021年,平台共接收各类城市管理案件100万余件", "annual"),
    ("截至2022年6月底,产生告警数据1562条", "cumulative"),
    ("汇集过车数据1400万条/天", "daily"),
    ("投资额3.5亿元", "unspecified"),
    ("累计上线政务服务事项4.66万项", "cumulative"),
])
def test_period(text, period):
    assert one(text).period == period


def test_period_cue_of_the_next_clause_is_not_ours():
    ms = scored("“浙里办”注册用户已突破1亿,日均访问量超过500万人次")
    assert [(m.metric, m.period) for m in ms] == [("registered_users", "cumulative"), ("visits", "daily")]


def test_several_in_one_sentence_in_order():
    text = "“宣企快办”场景汇聚了191项惠企政策,服务了2793家企业并在线兑付了逾1.79亿元的资金。"
    ms = scored(text)
    assert [(m.metric, m.value) for m in ms] == [("enterprises_served", 2793), ("funds_yuan", 179000000)]
    assert all(text[m.quote_start:m.quote_end] for m in ms)
    assert ms[0].start < ms[1].start


def test_quote_is_the_clause():
    text = "目前已汇集52个单位近90亿条数据,初步具备数据汇聚能力。"
    m = one(text)
    assert text[m.quote_start:m.quote_end] == "目前已汇集52个单位近90亿条数据"
    assert m.qualifier == "approx" and m.value == 9e9


def test_empty_and_numberless():
    assert extract_outcomes("") == []
    assert extract_outcomes("数字政府建设关键不在“数字”,而在于“治”。") == []


# --- the gold-dev quotes, cleaned, give their gold metric and value ---------------------------------

def _clean(raw: str) -> str:
    # a quote is a fragment: the chunk markers' numbered sequence is not there to be recognised
    raw = re.sub(r"\n\n\d{1,3}、", "", raw)
    try:
        from etl.clean import clean
    except ImportError:  # before the cleaning layer lands: the two noise kinds the quotes hold
        from etl.script import to_simplified

        t = to_simplified(raw)
        t = re.sub(r"\n\n\d{1,3}、", "", t)
        return re.sub(r"数字政府典型案例汇编\(2022 年\)\d{1,3}", "", t)
    return clean(raw).text


def _gold():
    if not GOLD.exists():
        return []
    return [json.loads(line) for line in GOLD.read_text("utf-8").splitlines() if line.strip()]


GOLD_LINES = [g for g in _gold() if not g.get("optional")]


@pytest.mark.skipif(not GOLD_LINES, reason="gold-dev not available")
def test_gold_quotes_give_gold_metric_and_value():
    misses = []
    for g in GOLD_LINES:
        text = _clean(g["quote"])
        ms = extract_outcomes(text)
        tol = 1.0 if abs(g["value"]) < 200 else 0.005 * abs(g["value"])
        if not any(m.metric == g["metric"] and abs(m.value - g["value"]) <= tol for m in ms):
            misses.append((g["quote"], g["metric"], g["value"], [(m.metric, m.value) for m in ms]))
    assert misses == []


# --- phrasing of other reports, labelled by hand before the extractor saw them -----------------------

UNSEEN = ROOT / "tests" / "data" / "numbers" / "unseen_phrasing.jsonl"


def _unseen():
    return [json.loads(line) for line in UNSEEN.read_text("utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", _unseen(), ids=lambda c: c["text"][:16])
def test_unseen_phrasing(case):
    got = [(m.metric, m.value) for m in scored(case["text"])]
    assert len(got) == len(case["expect"]), got
    for (metric, value), (gm, gv) in zip(case["expect"], got):
        assert gm == metric
        assert gv == pytest.approx(value, rel=0.005, abs=1)


def test_spans_hold_on_random_slices_of_the_seed_documents():
    """Any slice of any document (raw or cleaned-looking): spans inside the text, quote around the number,
    values finite and non-negative, metrics/periods/qualifiers from the contract."""
    import random

    from etl.numbers import find_quantities

    texts = [p.read_text("utf-8") for p in sorted((ROOT / "data" / "raw").glob("*.txt"))]
    rng = random.Random(7)
    for _ in range(400):
        src = rng.choice(texts)
        a = rng.randrange(len(src))
        s = src[a:a + rng.randrange(1, 400)]
        for m in extract_outcomes(s):
            assert 0 <= m.quote_start <= m.start < m.end <= m.quote_end <= len(s)
            assert m.value == m.value and m.value >= 0
            assert m.metric in METRIC_KEYS and m.period in PERIODS and m.qualifier in QUALIFIERS
            assert m.confidence in ("high", "low")
        for q in find_quantities(s):
            assert s[q.start:q.end] == q.text and q.start <= q.num_start < q.num_end <= q.end


TRADITIONAL = ROOT / "tests" / "data" / "numbers" / "traditional_phrasing.jsonl"


@pytest.mark.parametrize("case", [json.loads(x) for x in TRADITIONAL.read_text("utf-8").splitlines() if x.strip()],
                         ids=lambda c: c["text"][:12])
def test_traditional_script_after_cleaning(case):
    """Documents in Traditional script reach extraction through the cleaner (t2s); 萬/億/條 and "1,260"."""
    got = [(m.metric, m.value) for m in scored(_clean(case["text"]))]
    assert len(got) == len(case["expect"]), got
    for (metric, value), (gm, gv) in zip(case["expect"], got):
        assert (gm, gv) == (metric, pytest.approx(value, rel=0.005, abs=1))


# Trips a citizen makes are not visits; rates per minute are not totals; a month's figure has no
# contract period (issue 11).
@pytest.mark.parametrize("text", [
    "申请人最少仍需到派出所、社区等跑9次分别办理各个事项",
    "以前办一件事要往返5次",
    "访问峰值为67万每分钟",
    "峰值最高时达到了每分钟9万多人次",
    "接口调用峰值5000次/秒",
])
def test_trips_and_rates_are_not_scored(text):
    assert scored(text) == []
    assert [m.metric for m in extract_outcomes(text)] == ["other"]


def test_monthly_figure_keeps_its_metric_without_a_period():
    m = one("全省公积金事项月使用量峰值达290.4万")
    assert (m.metric, m.period) == ("visits", "unspecified")


# (sentence, unit as written → outcomes.unit, the contract's comparable unit → outcomes.comparable_unit)
@pytest.mark.parametrize("text, written, comparable", [
    ("累计智能感知发现处置事件超3万起", "起", "件"), ("解决诉求450余个", "个", "件"), ("办结工单1200宗", "宗", "件"),
    ("引导访问人次超21万", "人次", "次"), ("服务办事群众24万人次", "人次", "次"), ("访问量2355万次", "次", "次"),
    ("当天访问用户量就突破1000万", "人", "人"), ("最高日访问量突破2400万", "次", "次"),
    ("上线612个应用", "个", "项"), ("2349个“掌上办”事项", "个", "项"), ("汛期共启动预警广播2000余次", "次", "条"),
    ("证照入库220.9万张", "张", "张"), ("对外提供了1862亿条次数据共享服务", "条次", "条次"),
    ("平台累计市场主体注册用户达1337万", "户", "户"), ("已经完成逾60万工单数据的接入", "件", "件"),
])
def test_units_as_written_and_comparable(text, written, comparable):
    from etl.contract import METRICS
    m = one(text)
    assert (m.unit, m.comparable_unit) == (written, comparable)
    assert m.comparable_unit in METRICS[m.metric].units


def test_vocabulary_csv_is_well_formed():
    """etl/outcomes/vocabulary.csv: one row per token, a known category, no blank token."""
    import csv

    from etl.outcomes import vocabulary

    with vocabulary.VOCABULARY_CSV.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and list(rows[0]) == ["token", "category", "note"]
    tokens = [r["token"] for r in rows]
    assert len(tokens) == len(set(tokens)) and all(t.strip() == t and t for t in tokens)
    from etl.contract import METRICS
    known = set(METRICS) | {"share", "collect", "info", "sms", "people", "other", "neg"}
    assert {r["category"] for r in rows} <= known


def test_extract_outcomes_stays_a_short_loop():
    """The issue's bound: the top-level loop is at most 60 lines (its helpers live in the package)."""
    import inspect

    from etl import outcomes

    assert len(inspect.getsource(outcomes.extract_outcomes).splitlines()) <= 60
