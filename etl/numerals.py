"""The table of numerals, multipliers, unit spellings and duration hours: the one place to change how
a number is read.

`etl.numbers` (the numeral parser and the quantity scanner), `etl.outcomes`, the segment adapters and
`dashboard/highlight.py` import these tables; nothing else lists a numeral or a multiplier.
"""
from __future__ import annotations

# Chinese digits, everyday and financial (大写) forms; 幺 is the spoken 1 of phone numbers.
DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "洞": 0,
    "一": 1, "幺": 1, "壹": 1,
    "二": 2, "两": 2, "兩": 2, "贰": 2, "貳": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
# Place values inside a section of four digits.
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
# Section multipliers: 万 and 亿 start a new group of four digits.
BIG_UNITS: dict[str, int] = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
# Words a numeral may carry after it, as they multiply an Arabic numeral ("22.15万", "3千").
MULTIPLIERS: dict[str, float] = {"万亿": 1e12, "萬億": 1e12, "亿": 1e8, "億": 1e8, "万": 1e4, "萬": 1e4,
                                 "千": 1e3, "百": 1e2}
MULTIPLIER_CHARS = frozenset("".join(MULTIPLIERS))
# 千 and 百 are no multiplier before these characters: 千米 is a unit, 千瓦/千克/千兆/千字/千帕/千焦 are
# units or words, 百分之/百分点 a percentage, 百米/百姓/百强 words.
NOT_MULTIPLIER_BEFORE: dict[str, str] = {"千": "米瓦克兆字帕焦", "百": "分米姓强"}
# Old forms read as a plain numeral: 廿 = 二十, 卅 = 三十, 卌 = 四十.
OLD_FORMS: dict[str, str] = {"廿": "二十", "卅": "三十", "卌": "四十"}
# The decimal point in words.
POINTS = ("点", "點")
# The numeral characters the quantity scanner reads in running text: everyday digits, places and 万/亿.
# parse_number also reads 大写 (壹, 拾), 幺, 洞 and ○ when it is handed them, but in prose those are
# words or bullets (洞 is a hole), so a numeral in a sentence neither starts nor goes on with them.
IN_TEXT: str = "零〇一二两三四五六七八九十百千万萬亿億"
# The characters such a numeral starts with: a digit other than zero, or 十 (十三).
IN_TEXT_FIRST: str = "".join(c for c in IN_TEXT if DIGITS.get(c) or SMALL_UNITS.get(c) == 10)
# The characters of a month's number (三月, 十二月): a 月 right after one of them is a date or a number of
# months, not the 月 of 月均 or 本月.
MONTH_NUMERALS: str = "一二三四五六七八九十"

# Traditional and full-width characters inside numbers, to their Simplified / ASCII forms.
TO_SIMPLE = str.maketrans({
    "萬": "万", "億": "亿", "點": "点", "兩": "两", "餘": "余", "個": "个", "項": "项", "條": "条",
    "戶": "户", "，": ",", "．": ".", "％": "%",
    **{chr(0xFF10 + i): str(i) for i in range(10)},     # full-width digits
})

# Spellings of one unit, to the one the ETL uses while scanning (the measure words stored in
# outcomes.unit are folded only by etl.contract.UNIT_SPELLINGS: 名/位 → 人).
UNIT_ALIASES: dict[str, str] = {
    "％": "%", "个工作日": "工作日", "个小时": "小时", "个多月": "个月", "多月": "个月", "秒钟": "秒",
    "星期": "周", "余次": "次", "百分点": "个百分点",
}

# Counting units and measures the scanner reads after a numeral, besides the duration units
# (DURATION_HOURS) and the spellings of UNIT_ALIASES; % and ‰ are read as signs.
COUNTING_UNITS: tuple[str, ...] = (
    "次", "人次", "户次", "件次", "条次", "批次", "场次",                   # visits, calls
    "人", "户", "名", "位", "家", "所",                                      # people, accounts, bodies
    "个", "项", "件", "起", "宗", "笔", "单", "例", "种", "类", "场", "批",   # things, events, matters
    "条", "张", "份", "篇", "套", "台", "处", "座", "辆", "部",              # records, documents, objects
    "元", "倍", "亩", "吨", "平方公里", "平方米", "公里", "千米", "米",      # money, ratios, measures
    "TB", "PB", "GB", "EB",                                                  # data volumes
)

# Hours in one duration unit (contract: 1 day = 24 h, 1 working day = 24 h, 1 month = 720 h).
DURATION_HOURS: dict[str, float] = {
    "小时": 1.0, "分钟": 1 / 60, "秒": 1 / 3600, "天": 24.0, "日": 24.0, "工作日": 24.0,
    "个工作日": 24.0, "个月": 720.0, "月": 720.0, "周": 168.0, "年": 8760.0,
}
TIME_UNITS = frozenset(u for u in DURATION_HOURS if u != "个工作日")
