"""Quantities in cleaned Simplified Chinese text: numerals, multipliers, units, qualifiers, ranges.

One precompiled regular expression scans the whole text (``finditer``); ``parse_number`` reads the
numeral of each match with cn2an's grammar (spoken shorthand 三万五, 点 decimals, 大写, 廿, Arabic mixed
with Chinese), checked against cn2an's own test tables. cn2an itself is not called: it raises on the
forms the documents use most ("8000多万", "1.79 亿元", "578万余"). The characters and words it reads
come from ``etl.numerals``.

What ``find_quantities`` reports and what it leaves out
- reports every numeral with its multiplier, qualifier and counting unit, including years ("2022 年",
  unit 年), months/days of dates (unit 月 / 日), bare numbers (unit ""), percentages (unit "%",
  also 百分之六十); deciding whether a quantity is an *outcome* is ``etl.outcomes``' job;
- qualifiers: 超/超过/逾/突破/至少/余/多/以上 → lower_bound, 近/约/左右 → approx, 以内/内 (after a time
  unit)/不超过/不到/不足 → upper_bound, a range ("300-500万条", "8至10分钟") → lower_bound with ``high``;
  达/累计/共 are not qualifiers (exact);
- leaves out tokens that are not quantities at all: ordinals (第一, 第 3), numerals glued to Latin
  letters or to "+" ("5G", "H5", "1+1+N"), version strings ("1.2.3"), vague numerals (数十, 几十, 十几,
  上万), and a single Chinese digit with neither multiplier nor counting unit after it (the 一 of
  "一网通办"; "一件事" is still reported as 1 件 — outcomes ignores Chinese numerals under 10 that are not
  durations).

Input is cleaned text (Simplified; the cleaner removes page headers and chunk markers, also inside
numbers); stray spaces between a number, its multiplier and its unit ("648.39 亿条") are allowed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from etl.numerals import (COUNTING_UNITS, DIGITS, DURATION_HOURS, IN_TEXT, IN_TEXT_FIRST, MONTH_NUMERALS, MULTIPLIERS,
                          NOT_MULTIPLIER_BEFORE, OLD_FORMS, SMALL_UNITS, TIME_UNITS, TO_SIMPLE, UNIT_ALIASES)

__all__ = ["Quantity", "parse_number", "find_quantities", "duration_hours"]


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    num_start: int
    num_end: int
    value: float
    high: float | None
    unit: str
    qualifier: str
    text: str


# --- numeral reading -----------------------------------------------------------------------------
# The grammar follows cn2an's (its strict, normal and smart modes; tests/data/numbers/cn2an_cases.tsv):
#   number   := group [亿 [零] rest]          the value left of the last 亿 (may hold 万: 两万亿), times 1e8
#   group    := section [万 [零] rest]        a section below 1e4, times 1e4
#   rest     := one digit (三万五 = 35000: the digit counts the next lower place) | a full group
#   section  := digit string (二〇二二, 一二三) | (digit? place)* digit? (一百零一, 十三, 1百01) | decimal
# Anything else is unreadable (None): a wrong number is worse than none.

_CN_ZERO = frozenset(ch for ch, v in DIGITS.items() if v == 0)
_ARABIC_RUN = re.compile(r"\d+")
_ARABIC_NUM_RE = re.compile(r"\d+(?:\.\d+)?")
_THOUSANDS_RE = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
# money in 大写: "壹拾壹元壹角壹分", "壹佰壹拾壹圆整"
_MONEY_RE = re.compile(r"^(?P<yuan>.+?)[元圆](?:(?P<jiao>.)角)?(?:(?P<fen>.)分)?[整正]?$")


def _digit_string(s: str) -> float | None:
    """二〇二二 → 2022, 一二三 → 123 (every character a digit)."""
    if s and all(ch in DIGITS for ch in s):
        return float("".join(str(DIGITS[ch]) for ch in s))
    return None


def _decimal(s: str) -> float | None:
    """A numeral with a decimal point: 零点一, 一七二零点一三四, 一百点123, 10.1."""
    head, _, tail = s.replace("点", ".").partition(".")
    if not head or not tail or "." in tail:
        return None
    whole = _section(head)
    frac = tail if tail.isdigit() else "".join(str(DIGITS[ch]) for ch in tail if ch in DIGITS)
    if whole is None or len(frac) != len(tail):
        return None
    return float(f"{int(whole)}.{frac}")


def _section(s: str) -> float | None:
    """A value below 10,000 without 万/亿: 一千零一十, 十三, 两千六 (= 2600), 1百01, 四千230."""
    if not s:
        return None
    if s.isdigit():
        return float(s)
    if "." in s or "点" in s:
        return _decimal(s)
    if (v := _digit_string(s)) is not None:
        return v
    total, pending, last_place, after_zero = 0, None, 10_000, False
    arabic = False      # the pending digits were Arabic ("四千230": added as written)
    i = 0
    while i < len(s):
        ch = s[i]
        if ch.isdigit():
            run = _ARABIC_RUN.match(s, i).group()
            if pending is not None:
                return None
            pending, arabic = int(run), True
            i += len(run)
            continue
        if ch in _CN_ZERO:
            if pending is not None:
                return None
            after_zero = True
        elif ch in DIGITS:
            if pending is not None:
                return None             # two digits in a row: 十四五 is a name, not 1045
            pending, arabic = DIGITS[ch], False
        elif ch in SMALL_UNITS:
            place = SMALL_UNITS[ch]
            if place >= last_place:
                return None             # places must fall: 十一十二 is two numbers
            if pending is None and not (place == 10 or after_zero):
                return None             # 百十一: 百 needs its digit
            total += (1 if pending is None else pending) * place
            pending, last_place, after_zero = None, place, False
        else:
            return None
        i += 1
    if pending is not None:
        if not arabic and not after_zero and last_place < 10_000:
            total += pending * last_place // 10       # 两千六 = 2600, 一百二 = 120
        else:
            total += pending
    return float(total)


def _group(s: str, big: str, value: int, below) -> float | None:
    """`s` split at its last `big` (万 or 亿): left × value + rest, rest read by `below`."""
    k = s.rfind(big)
    if k < 0:
        return below(s)
    left, rest = s[:k], s[k + 1:]
    high = _number(left) if big == "亿" else _section(left)
    if not left or high is None:
        return None
    if not rest:
        return high * value
    if "." in left or "点" in left:
        return None                     # 10.1万零100: a decimal takes no remainder
    zero = rest[0] in _CN_ZERO
    rest = rest.lstrip("".join(_CN_ZERO))
    if zero and rest[:1] in SMALL_UNITS:
        rest = "一" + rest               # 一万零百一十一: after 零 a place may drop its 一
    if not zero and len(rest) == 1 and rest in DIGITS:
        low = DIGITS[rest] * value / 10  # 三万五 = 35000, 一百二十万三 = 1203000
    else:
        low = below(rest) if rest else 0.0
    if low is None or low >= value:
        return None
    return high * value + low


def _wan(s: str) -> float | None:
    return _group(s, "万", 10_000, _section)


def _number(s: str) -> float | None:
    return _group(s, "亿", 100_000_000, _wan)


def _normalise(s: str) -> str:
    """Simplified and ASCII forms, no spaces, no thousands separators, 大写 and old forms as plain
    numerals: what the grammar above reads."""
    t = "".join(s.translate(TO_SIMPLE).split())
    t = _THOUSANDS_RE.sub("", t)
    for old, new in OLD_FORMS.items():
        t = t.replace(old, new)
    return t.translate(_PLAIN_DIGITS)


# 大写 and variant digits / places to the everyday ones (the grammar knows one spelling of each)
_PLAIN_DIGITS = str.maketrans({**{ch: "零一二三四五六七八九"[v] for ch, v in DIGITS.items() if ch not in "两零〇"},
                               "拾": "十", "佰": "百", "仟": "千"})


def parse_number(s: str | None) -> float | None:
    """Read one numeral with an optional multiplier: "22.15万", "8000多万", "1.79 亿", "三千",
    "三万五" (35000), "六點四萬", "壹佰壹拾壹", "1,234", "１２３", "百分之六十" (→ 60), "60%" (→ 60).
    None when unreadable; never a guess."""
    if s is None:
        return None
    t = _normalise(s)
    if t.startswith("百分之"):
        t = t[3:]
    t = t.rstrip("%")
    t = t.replace("多", "").replace("余", "")   # 8000多万, 578万余: the qualifier is read elsewhere
    if not t:
        return None
    m = _MONEY_RE.match(t)
    if m:
        yuan = _number(m.group("yuan"))
        jiao = DIGITS.get(m.group("jiao") or "零")
        fen = DIGITS.get(m.group("fen") or "零")
        return None if yuan is None or jiao is None or fen is None else round(yuan + jiao / 10 + fen / 100, 2)
    for word in ("万亿", "亿", "万", "千", "百"):   # an Arabic numeral with a multiplier word after it
        if t.endswith(word) and _ARABIC_NUM_RE.fullmatch(t[:-len(word)]):
            return float(t[:-len(word)]) * MULTIPLIERS[word]
    if _ARABIC_NUM_RE.fullmatch(t):
        return float(t)
    return _number(t)


# --- the scanner ---------------------------------------------------------------------------------
# One regex finds every quantity; its parts are built from etl.numerals' tables and written one per
# line with a comment (re.VERBOSE). A word list becomes an alternation longest first: Python takes the
# first alternative that matches, so 个工作日 has to come before 个 and 万亿 before 万.

def _words(words, guarded: dict[str, str] | None = None) -> str:
    """An alternation of `words`, longest first; `guarded` maps a word to its regex with lookarounds."""
    guarded = guarded or {}
    return "|".join(guarded.get(w) or re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


# Words before a numeral (looked up backwards from it) and after it that make it a bound or an estimate.
# Everything else is exact, 达, 累计 and 共 included.
_PRE_QUALIFIERS = {
    **dict.fromkeys(("超过", "超出", "超", "逾", "突破", "至少", "不少于", "不低于", "最少"), "lower_bound"),
    **dict.fromkeys(("将近", "接近", "近", "大约", "约为", "约"), "approx"),
    **dict.fromkeys(("不超过", "不足", "不到", "最多", "低于", "少于"), "upper_bound"),
}
_POST_QUALIFIERS = {
    **dict.fromkeys(("以上", "多", "余"), "lower_bound"),
    **dict.fromkeys(("左右", "上下"), "approx"),
    **dict.fromkeys(("以内", "之内", "以下", "内"), "upper_bound"),   # 内 only after a duration (find_quantities)
}

_SP = r"[ \t\u3000\u00a0]*"      # stray spaces between the parts: "648.39 亿条"
_FIRST = IN_TEXT_FIRST                                                          # 一…九, 两, 十 (十三)
_TEXT_DIGITS = "".join(c for c in IN_TEXT if c in DIGITS)                        # 零, 〇 and 一…九, 两
_ARABIC = r"\d+(?:[,，]\d{3}(?!\d))*(?:[.．]\d+)?"                                # 1,234.5
_MULTS = _words(MULTIPLIERS, {w: re.escape(w) + f"(?![{after}])" for w, after in NOT_MULTIPLIER_BEFORE.items()})
_UNIT_WORDS = {*COUNTING_UNITS, *DURATION_HOURS, *UNIT_ALIASES, *UNIT_ALIASES.values()} - {"%", "％"}
# 月 is a unit only right after a numeral (or a space): 3月, 十二月, not 本月
_UNITS = _words(_UNIT_WORDS, {"月": rf"(?<=[\d {MONTH_NUMERALS}])月"})
# What has to follow a Chinese digit alone, or a decimal in words, for it to be a quantity: 一件事 and
# 六点四万 are, the 一 of 一网通办 and the 一点 of 一点一滴 are words.
_COUNTED = rf"(?:[多余%％]|{_MULTS}|{_UNITS})"
_CN = rf"[{_FIRST}](?:[{IN_TEXT}]+|(?={_SP}{_COUNTED}))|[百千万](?=[余多])"
_NUMERAL = rf"{_ARABIC}|{_CN}"                                                   # a range's second number
_POST_Q = _words(_POST_QUALIFIERS)

# Written the plain way. The old form consumed the first character with one class and tested it with
# lookbehinds in the branches, so that the engine skips impossible start positions in C: the scan ran
# ~1.5x faster, yet a build only 4.6% (its 65,536-code-point bitmap class 0.7% more), under issue 11's
# 5% bar (bench/stages.py --build-mb 10, and find_quantities timed inside those builds).
_QTY_RE = re.compile(rf"""
  (?: 百 (?P<pct>分之) {_SP} (?P<pctnum>{_NUMERAL})                     # 百分之六十: a percentage in words
  | (?P<num>                                                           # or the numeral:
        {_ARABIC}                                                      #   Arabic: 1,234.5
      | [零{_FIRST}] 点[{_TEXT_DIGITS}]+ (?={_SP}{_COUNTED})             #   a decimal in words: 六点四万, 零点一秒
      | [{_FIRST}] [{IN_TEXT}]+ 点[{_TEXT_DIGITS}]+ (?={_SP}{_COUNTED})  #   the same with places: 二十点五万
      | [{_FIRST}] (?: [{IN_TEXT}]+ | (?={_SP}{_COUNTED}) )               #   Chinese: 一千八百七十万; one digit: 一件
      | [百千万] (?=[余多])                                              #   a place word alone: 千余家, 万余人
    )
    (?: {_SP} (?P<mid1>[多余]) )?                                       # 8000多万: 多/余 before the multiplier
    (?: {_SP} (?P<mult1>{_MULTS}) )?                                    # the multiplier: 22.15万, 3 千
    (?: {_SP} (?P<rsep>[-－~～—至到]) {_SP} (?P<num2>{_NUMERAL}) )?    # a range: 300-500万, 8至10分钟
    (?: {_SP} (?P<mid>[多余餘]) )?                                      # 300-500多万
    (?: {_SP} (?P<mult>{_MULTS}) )?                                     # the range's multiplier: 300-500万
    (?P<mid2>[多余餘])?                                                  # 578万余
    (?: {_SP} (?P<unit>{_UNITS}|[%％‰]) )?                              # the unit: 条, 人次, 个工作日, %
  )
  (?P<post> {_SP} (?:{_POST_Q}) )?                                      # 以上, 左右, 以内
""", re.VERBOSE)
_PRE_BACK_RE = re.compile(rf"(?:{_words(_PRE_QUALIFIERS)}){_SP}$")
_PRE_LAST = frozenset(w[-1] for w in _PRE_QUALIFIERS)
_LATIN_CH = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+＋")
_VAGUE_BEFORE = set("数几上成")


@lru_cache(maxsize=8192)
def _num(s: str) -> float | None:
    """The value of a numeral token (pure; cached: documents repeat their numbers, years above all)."""
    if s.isascii():
        return float(s.replace(",", "")) if s.count(".") <= 1 else None
    if s in MULTIPLIERS:
        return MULTIPLIERS[s]   # the scanner's "千余家", "万余人": a lone place word before 余/多
    return parse_number(s)


# find_quantities unpacks m.groups() in this order; m.end(number) for the spans it needs
assert list(_QTY_RE.groupindex) == ["pct", "pctnum", "num", "mid1", "mult1", "rsep", "num2", "mid", "mult", "mid2",
                                    "unit", "post"]
_N_PCTNUM, _N_NUM, _N_MULT1, _N_NUM2, _N_MULT, _N_POST = (
    _QTY_RE.groupindex[k] for k in ("pctnum", "num", "mult1", "num2", "mult", "post"))
_PRE_TRIGGER = _PRE_LAST | frozenset(" \t\u3000\u00a0")  # the character before a qualifier prefix's numeral
_NOT_BEFORE = frozenset("第.．") | _LATIN_CH             # ordinals, "1.2.3", tokens glued to Latin letters
_AFTER_CHECK = _LATIN_CH | frozenset(".．几")            # characters after a numeral that may void it


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity of a cleaned text, in order, non-overlapping (see the module docstring)."""
    out: list[Quantity] = []
    append = out.append
    n = len(text)
    for m in _QTY_RE.finditer(text):
        _, pctnum, _, mid1, mult1, _, num2, mid, mult, mid2, unit_raw, post = m.groups()
        ns = m.start()
        before = text[ns - 1] if ns else " "
        pm = _PRE_BACK_RE.search(text, max(0, ns - 6), ns) if ns and before in _PRE_TRIGGER else None
        if pctnum is not None:  # 百分之…
            v = _num(pctnum)
            if v is None:
                continue
            nend = m.end(_N_PCTNUM)
            start = pm.start() if pm else ns
            append(Quantity(start, nend, ns, nend, v, None, "%", _qualifier(pm.group() if pm else None, None, None, None),
                       text[start:nend]))
            continue
        # not a quantity: ordinals, tokens glued to Latin letters or "+", vague numerals
        is_digit = text[ns].isdigit()
        if before in _NOT_BEFORE or before.isdigit() or (before in _VAGUE_BEFORE and not is_digit):
            continue
        end_num_tok = m.end(_N_NUM)
        after = text[end_num_tok] if end_num_tok < n else " "
        if after in _AFTER_CHECK:
            if after in _LATIN_CH and not unit_raw and not mult1 and not mult:
                continue
            if after in ".．" and end_num_tok + 1 < n and text[end_num_tok + 1].isdigit():
                continue  # "1.2.3" version strings
            if not is_digit and after == "几":
                continue  # 十几, 二十几: vague
        v = _num(text[ns:end_num_tok])
        if v is None:
            continue
        pre = pm.group() if pm else None
        unit = UNIT_ALIASES.get(unit_raw, unit_raw) if unit_raw else ""
        high = None
        if num2 is not None:
            v2 = _num(num2)
            m2 = MULTIPLIERS[mult] if mult else 1.0
            m1 = MULTIPLIERS[mult1] if mult1 else m2
            if v2 is None or v * m1 >= v2 * m2:
                # not a range ("从10到3"): keep only the first number with its own multiplier
                return_end = m.end(_N_MULT1) if mult1 else end_num_tok
                val = v * (MULTIPLIERS[mult1] if mult1 else 1.0)
                qual = _qualifier(pre, mid1, None, None)
                start = pm.start() if pre and qual != "exact" else ns
                append(Quantity(start, return_end, ns, return_end, val, None, "", qual, text[start:return_end]))
                continue
            value = v * m1
            high = v2 * m2
            num_end = m.end(_N_MULT) if mult else m.end(_N_NUM2)
        elif mult:
            value = v * MULTIPLIERS[mult]
            num_end = m.end(_N_MULT)
        elif mult1:
            value = v * MULTIPLIERS[mult1]
            num_end = m.end(_N_MULT1)
        else:
            value = v
            num_end = end_num_tok
        mid = mid1 or mid or mid2
        if post is None and pre is None and mid is None and high is None:   # the common case
            end = num_end if unit_raw is None and not (mult or mult1) else m.end()
            append(Quantity(ns, end, ns, num_end, value, None, unit, "exact", text[ns:end]))
            continue
        post_s = post.strip() if post else None
        if post_s == "内" and unit not in TIME_UNITS:
            post_s = None
        if post_s in ("多", "余") and not unit:
            post_s = None
        if pre is None:
            qual = "exact" if mid is None and post_s is None and high is None else _qualifier(None, mid, post_s, high)
            start = ns
        else:
            qual = _qualifier(pre, mid, post_s, high)
            start = pm.start() if _qualifier(pre, None, None, None) != "exact" else ns
        if unit_raw is None and not (mult or mult1) and mid is None:
            end = num_end
        elif post and post_s is None:
            end = m.start(_N_POST)
        else:
            end = m.end()
        append(Quantity(start, end, ns, num_end, value, high, unit, qual, text[start:end]))
    return out


def _qualifier(pre: str | None, mid: str | None, post: str | None, high: float | None) -> str:
    """A prefix word decides (超过 3 万: lower_bound); then a range or 多/余 (lower_bound); then the word
    after the quantity (100 小时内: upper_bound)."""
    p = pre.strip() if pre else None
    if p in _PRE_QUALIFIERS:
        return _PRE_QUALIFIERS[p]
    if high is not None or mid in ("多", "余", "餘"):
        return "lower_bound"
    return _POST_QUALIFIERS.get(post, "exact")


def duration_hours(value: float, unit: str) -> float | None:
    """A duration in hours: 天/日/工作日 = 24 h, 个月/月 = 720 h, 分钟 = 1/60 h, 年 = 8760 h; else None."""
    f = DURATION_HOURS.get(unit)
    return None if f is None else value * f
