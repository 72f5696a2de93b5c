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
# Old forms read as a plain numeral: 廿 = 二十, 卅 = 三十, 卌 = 四十.
OLD_FORMS: dict[str, str] = {"廿": "二十", "卅": "三十", "卌": "四十"}
# The decimal point in words.
POINTS = ("点", "點")

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

# Hours in one duration unit (contract: 1 day = 24 h, 1 working day = 24 h, 1 month = 720 h).
DURATION_HOURS: dict[str, float] = {
    "小时": 1.0, "分钟": 1 / 60, "秒": 1 / 3600, "天": 24.0, "日": 24.0, "工作日": 24.0,
    "个工作日": 24.0, "个月": 720.0, "月": 720.0, "周": 168.0, "年": 8760.0,
}
TIME_UNITS = frozenset(u for u in DURATION_HOURS if u != "个工作日")
