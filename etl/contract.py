"""The metric contract: what each outcome metric is, which units it is counted in, and which figures
may be compared or added. The one definition; the ETL, the evaluation and the dashboard import it.

`../shared/contract/metrics.md` is the human description of the same metrics (a test keeps the two in
step). Change a metric here: its names, definition, units or bounds; then rebuild and regenerate the
golden snapshot (`.venv/bin/python -m tests.golden --update`) if stored rows change.

Units and comparability
- Every outcome keeps two units. `outcomes.unit` is the measure word as written after the number
  (起, 个, 张, 条次, 人次 …; `written_unit` folds only the spellings in `UNIT_SPELLINGS`, 名/位 → 人;
  when nothing is written, what the words count or the metric's default unit). `outcomes.comparable_unit`
  is the unit figures are compared in: `store_unit(metric, unit)` applies `Metric.aliases` (measure
  words that count the same thing, e.g. 起/宗/个 of events → 件) and lands on a key of `Metric.units`.
- Two figures of a metric are comparable (may share one axis; may be added when `additive`) only
  when they have the same comparable unit AND the same period: `comparable_key(metric, unit, period)`.
  Units left apart count different things: persons 人 vs accounts/households 户 (registered users),
  unique visitors 人 vs visits 次, data rows 条 vs certificates 张 vs documents 份, calls 次 vs
  records moved 条次, hours 小时 vs percent %.
- Periods: a cumulative total, a daily figure, a peak day and a year's figure are never added to or
  ranked against each other. Sub-day rates (per minute, per second) and monthly figures have no
  period here: the ETL keeps them as `other`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Metric", "METRICS", "METRIC_KEYS", "OTHER", "QUALIFIERS", "PERIODS", "Label", "UNIT_SPELLINGS",
           "store_unit", "written_unit", "comparable_key", "is_additive", "violations", "metric_name"]


@dataclass(frozen=True)
class Label:
    zh: str
    en: str


@dataclass(frozen=True)
class Metric:
    """One outcome metric. `units`: comparable unit -> what one of it counts (English, for docs and
    messages). `aliases`: unit as written -> comparable unit. `bounds`: the plausible range of a value
    in its comparable unit (a percent is always within 0..100); a value outside is a contract violation."""
    key: str
    name_zh: str
    name_en: str
    definition_zh: str
    definition_en: str
    counts_zh: str
    counts_en: str
    excludes_zh: str
    excludes_en: str
    base_unit: str
    units: dict[str, str]
    aliases: dict[str, str] = field(default_factory=dict)
    bounds: tuple[float, float] = (0.0, float("inf"))
    additive: bool = True      # may figures of one comparable key be summed across cases?
    why_units: str = ""        # why the units are normalised or kept apart as they are

    @property
    def default_unit(self) -> str:
        """The unit stored when the text gives none ("访问量达1989万")."""
        return self.base_unit

    @property
    def accepted_units(self) -> frozenset[str]:
        """Units the ETL may read for this metric (as written, before normalisation)."""
        return frozenset(self.units) | frozenset(self.aliases)


# Two spellings of one measure word: the written unit is stored folded (16026名群众 → 人) where the
# metric counts the same thing in both (`written_unit`); every other measure word is stored as written.
UNIT_SPELLINGS = {"名": "人", "位": "人"}

# China has about 1.4e9 people and 1.8e8 market entities; the bounds are generous ceilings that only
# catch misreadings (a year read as a count, a multiplier applied twice), never a real large figure.
_METRICS = (
    Metric(
        "registered_users", "注册用户", "Registered users",
        "平台或应用的注册、实名、账户用户数。", "Registered / real-name / account users of a platform or app.",
        "注册用户、实名用户、注册人数、用户数(账户)、覆盖用户", "注册用户, 实名用户, 注册人数, 用户数 (as accounts), 覆盖用户",
        "访问量、服务人次、日活、工作人员数", "visits, 服务人次, daily active, staff headcount",
        base_unit="人", units={"人": "persons (one user account each)", "户": "households or business accounts"},
        aliases={**UNIT_SPELLINGS, "个": "人"}, bounds=(1, 2e9),
        why_units="名/位/个 users are persons; 户 counts households or business accounts, which hold "
                  "several persons: kept apart."),
    Metric(
        "visits", "访问量", "Visits",
        "访问量、访问人次、浏览量、使用人次、服务人次。", "Visits, page views, uses, persons served.",
        "访问量、访问人次、浏览量、使用人次、服务人次、单日访问用户量", "访问量, 访问人次, 浏览量, 使用人次, 服务人次, 访问用户量 on a day",
        "注册用户、办事少跑的次数", "registered users, trips a citizen no longer makes (跑N次)",
        base_unit="次", units={"次": "visits (one per visit or use)", "人": "distinct visitors (persons)"},
        aliases={"人次": "次", "户次": "次"}, bounds=(1, 1e12),
        why_units="人次 and 次 both count visits, one per visit: normalised to 次. 人 counts distinct "
                  "visitors, who visit many times: kept apart."),
    Metric(
        "data_records", "数据归集量", "Data records",
        "归集、汇聚、存储、治理的数据记录条数。", "Data records aggregated, collected, stored or governed.",
        "归集/汇聚/汇集/沉淀/数据量 … 条", "归集/汇聚/汇集/沉淀/数据量 … 条",
        "目录个数、库表数、交换或调用量", "catalogue counts, table counts, exchange or call volumes",
        base_unit="条", units={"条": "data rows", "张": "certificates (电子证照)", "份": "documents"},
        bounds=(1, 1e14),
        why_units="条 counts rows; a certificate (张) or a document (份) holds many rows: the three are "
                  "kept apart."),
    Metric(
        "data_shares", "数据共享调用量", "Data shares",
        "数据共享、交换、调用次数。", "Data sharing / exchange / call volumes.",
        "共享…次、交换量、调用…次、条次、服务调用量", "共享…次, 交换量, 调用…次, 条次, 服务调用量",
        "存储的数据条数", "stored records",
        base_unit="次", units={"次": "calls or exchanges", "条次": "records moved (records × times)",
                              "条": "records shared"},
        aliases={"人次": "次", "件次": "次", "批次": "次"}, bounds=(1, 1e14),
        why_units="次 counts calls; one call moves many records (条次), and 条 counts distinct records "
                  "shared: kept apart."),
    Metric(
        "warnings_issued", "预警数", "Warnings issued",
        "生成或发出的预警、告警信息数。", "Warnings and alerts generated or sent.",
        "预警、告警、预警信息、警报", "预警, 告警, 预警信息, 警报",
        "预警设备数量、事件", "warning devices, events",
        base_unit="条", units={"条": "warnings (one per message or alert)"},
        aliases={"次": "条", "个": "条", "起": "条", "件": "条", "张": "条"}, bounds=(1, 1e11),
        why_units="条/次/个/起/件/张 of warnings are measure words for one warning each: normalised to 条."),
    Metric(
        "events_handled", "事件处置数", "Events handled",
        "发现或处置的事件、工单、案件、诉求、问题数。", "Events, incidents, work orders, complaints found or handled.",
        "事件、工单、案件、诉求、问题", "事件, 工单, 案件, 诉求, 问题",
        "预警", "warnings",
        base_unit="件", units={"件": "events, cases or work orders (one each)"},
        aliases={"起": "件", "个": "件", "条": "件", "次": "件", "宗": "件", "单": "件", "件次": "件",
                 "处": "件", "张": "件"}, bounds=(1, 1e11),
        why_units="起/宗/单/个/条/次/处/张 of events are measure words for one event each: normalised to 件."),
    Metric(
        "time_saved", "时间节省", "Time saved",
        "办理时间的缩短:给出前后时长时为节省小时数(1 天 = 24 小时),只给百分比时为百分点。",
        "Reduction in processing time: hours saved when before/after durations are given (1 day = 24 h), "
        "else the percent.",
        "前后时长之差(小时)或办理时间减少的百分比", "before − after in hours, or a percent cut in handling time",
        "人员精简、材料精简、未以时间表述的效率提升", "staff or material reductions, efficiency gains not stated as time",
        base_unit="小时", units={"小时": "hours saved per transaction", "%": "percent cut in handling time"},
        bounds=(0, 1e10), additive=False,
        why_units="hours and percent are different dimensions: kept apart. Savings per transaction do "
                  "not add up across cases."),
    Metric(
        "services_online", "网上服务事项", "Services online",
        "网上提供的政务服务事项、应用数量。", "Government service items or applications offered online.",
        "事项、服务事项、高频事项、服务应用 … 项", "事项, 服务事项, 高频事项, 服务应用 … 项",
        "政策、数据目录条目", "policies, data catalogue items",
        base_unit="项", units={"项": "service items or applications"},
        aliases={"个": "项", "件": "项"}, bounds=(1, 1e7),
        why_units="个/件 of services are measure words for one item each: normalised to 项."),
    Metric(
        "enterprises_served", "服务企业数", "Enterprises served",
        "服务、覆盖、登记的企业或市场主体数。", "Enterprises or market entities served, covered, registered.",
        "企业、市场主体 … 家/户/个", "企业, 市场主体 … 家/户/个",
        "个人", "persons",
        base_unit="家", units={"家": "market entities (one each)"},
        aliases={"户": "家", "个": "家", "名": "家"}, bounds=(1, 3e8),
        why_units="家/户/个/名 of enterprises and 个体工商户 each count one market entity: normalised to 家."),
    Metric(
        "funds_yuan", "资金(元)", "Funds (yuan)",
        "资金金额(拨付、节约、投资、审计),单位为元。", "Money amounts (disbursed, saved, invested, audited), in yuan.",
        "元、万元、亿元", "元, 万元, 亿元",
        "政策数量", "counts of policies",
        base_unit="元", units={"元": "yuan (万元 and 亿元 multiplied out)"}, bounds=(1, 1e14),
        why_units="one currency; multipliers are applied when the figure is read."),
)

METRICS: dict[str, Metric] = {m.key: m for m in _METRICS}
OTHER = "other"
METRIC_KEYS: tuple[str, ...] = tuple(METRICS) + (OTHER,)
OTHER_LABEL = Label("其他(未分类)", "Other (unclassified)")
OTHER_DEFINITION = (Label("ETL 保留但无法归入十个指标的量化数据;不参与汇总。", "Quantities kept but fitting no metric; never aggregated."),
                    Label("类似成效但不符合任何指标的数量", "outcome-like quantities fitting no metric"),
                    Label("—", "—"))

QUALIFIERS: dict[str, Label] = {
    "exact": Label("确数", "exact"),
    "lower_bound": Label("下限(超/逾/余/多/以上)", "lower bound (more than)"),
    "approx": Label("约数(近/约/左右)", "approximate"),
    "upper_bound": Label("上限(以内/不超过)", "upper bound (at most)"),
}

PERIODS: dict[str, Label] = {
    "cumulative": Label("累计", "cumulative"),
    "daily": Label("日均/单日", "daily"),
    "peak_daily": Label("单日峰值", "peak day"),
    "annual": Label("年度", "annual"),
    "unspecified": Label("未说明", "unspecified"),
}
# Measure words that mean the same whatever is counted; the comparable unit of `other` quantities,
# which have no metric to normalise by.
COMMON_ALIASES = {**UNIT_SPELLINGS, "宗": "件", "单": "件", "批次": "次", "户次": "次", "件次": "次"}

# The figure a comparison uses by default: running totals.
DEFAULT_PERIOD = "cumulative"


def store_unit(metric: str, unit: str | None) -> str:
    """The comparable unit (`outcomes.comparable_unit`) of a figure of `metric` written in `unit`
    (aliases applied; "" → the metric's default unit). A unit the metric does not accept is returned
    as read; a unit of `other` (no metric, no default) gets only `COMMON_ALIASES`."""
    m = METRICS.get(metric)
    if m is None:
        return COMMON_ALIASES.get(unit, unit) if unit else ""
    if not unit:
        return m.default_unit
    return m.aliases.get(unit, unit)


def written_unit(metric: str, unit: str | None) -> str:
    """The unit to store in `outcomes.unit` for a figure of `metric` written in `unit`: as written,
    with a spelling of `UNIT_SPELLINGS` folded only where it counts the same thing for the metric
    (名 of users → 人; 名 of enterprises stays 名); "" → the metric's default unit."""
    if not unit:
        return store_unit(metric, unit)
    folded = UNIT_SPELLINGS.get(unit, unit)
    return folded if store_unit(metric, folded) == store_unit(metric, unit) else unit


def comparable_key(metric: str, unit: str | None, period: str) -> tuple[str, str, str]:
    """Figures with the same key measure the same thing over the same period: they may share an axis
    (and be added when `is_additive(metric)`). Figures with different keys never are."""
    return (metric, store_unit(metric, unit), period)


def is_additive(metric: str, unit: str | None = None) -> bool:
    """Whether adding figures of one comparable key means something (not for percentages, not for
    savings per transaction, not for `other`)."""
    m = METRICS.get(metric)
    return m is not None and m.additive and store_unit(metric, unit) != "%"


def metric_name(metric: str, lang: str = "zh") -> str:
    if metric == OTHER:
        return OTHER_LABEL.en if lang == "en" else OTHER_LABEL.zh
    m = METRICS.get(metric)
    if m is None:
        return metric
    return m.name_en if lang == "en" else m.name_zh


def violations(metric: str, value: float, unit: str | None, qualifier: str, period: str) -> list[Label]:
    """What in one stored outcome breaks the contract, in both languages (empty when nothing does);
    `unit` is its comparable unit."""
    out = []
    if metric != OTHER and metric not in METRICS:
        out.append(Label(f"未知指标 {metric}", f"unknown metric {metric!r}"))
    if qualifier not in QUALIFIERS:
        out.append(Label(f"未知限定词 {qualifier}", f"unknown qualifier {qualifier!r}"))
    if period not in PERIODS:
        out.append(Label(f"未知期间 {period}", f"unknown period {period!r}"))
    m = METRICS.get(metric)
    if m is None:
        return out
    if unit not in m.units:
        units = "、".join(m.units)
        out.append(Label(f"单位“{unit}”不是{m.name_zh}的存储单位({units})",
                         f"unit {unit!r} is not a stored unit of {metric} ({', '.join(m.units)})"))
    lo, hi = (0.0, 100.0) if unit == "%" else m.bounds
    if not (lo <= value <= hi):
        out.append(Label(f"数值 {value:g} 超出{m.name_zh}的合理范围 {lo:g}–{hi:g}",
                         f"value {value:g} outside the plausible range {lo:g}..{hi:g} of {metric} in {unit}"))
    return out
