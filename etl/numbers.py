"""Quantities in cleaned Simplified Chinese text: numerals, multipliers, units, qualifiers, ranges.

Pure and fast: one precompiled regular expression scans the whole text (``finditer``), a small
hand-written parser reads the numeral of each match. cn2an is not used: it raises on the forms the
documents use most ("8000多万", "1.79 亿元", "578万余"), and a tiny parser is faster than a library
call per match.

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

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
_CN_DIGIT = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
_MULT = {"万亿": 1e12, "萬億": 1e12, "亿": 1e8, "億": 1e8, "万": 1e4, "萬": 1e4, "千": 1e3, "百": 1e2}


def _parse_cn(s: str) -> float | None:
    """Chinese numerals: 三千, 一百六十, 六十七万, 一千八百七十万, 两万亿, 二〇二二 (digit string)."""
    if not s:
        return None
    if all(ch in _CN_DIGIT for ch in s):
        if len(s) == 1:
            return float(_CN_DIGIT[s])
        return float("".join(str(_CN_DIGIT[ch]) for ch in s))
    total = 0.0   # completed 亿 groups
    wan = 0.0     # completed 万 group inside the current 亿 group
    section = 0.0
    num: float | None = None
    last_small = 10_000  # the previous 十/百/千 seen in this section (must decrease)
    for ch in s:
        if ch in _CN_DIGIT:
            if num is not None and num != 0 and _CN_DIGIT[ch] != 0:
                return None  # two digits in a row ("十四五")
            num = float(_CN_DIGIT[ch]) if _CN_DIGIT[ch] else (num or 0.0)
            if _CN_DIGIT[ch] == 0:
                num = None
        elif ch in _CN_SMALL:
            u = _CN_SMALL[ch]
            if u >= last_small:
                return None
            section += (num if num is not None else 1.0) * u
            last_small = u
            num = None
        elif ch in ("万", "萬"):
            grp = section + (num or 0.0)
            if grp == 0 and len(s) > 1:
                return None  # a multiplier with nothing to multiply ("亿万")
            if grp == 0:
                grp = 1.0
            wan += grp * 1e4
            section, num, last_small = 0.0, None, 10_000
        elif ch in ("亿", "億"):
            grp = wan + section + (num or 0.0)
            if grp == 0 and len(s) > 1:
                return None
            total = (total + grp) * 1e8 if grp else 1e8
            wan, section, num, last_small = 0.0, 0.0, None, 10_000
        else:
            return None
    return total + wan + section + (num or 0.0)


_ARABIC_RE = re.compile(r"^(\d+(?:,\d{3})*)(?:\.(\d+))?$")


def parse_number(s: str) -> float | None:
    """Read one numeral with an optional multiplier: "22.15万", "8000多万", "1.79 亿", "三千",
    "一百六十", "六十七萬", "1,234", "１２３", "百分之六十" (→ 60), "60%" (→ 60). None when unreadable."""
    if s is None:
        return None
    t = s.translate(_FULLWIDTH).strip()
    t = re.sub(r"\s+", "", t)
    if not t:
        return None
    if t.startswith("百分之"):
        return parse_number(t[3:])
    t = t.rstrip("%")
    t = t.replace("多", "").replace("余", "").replace("餘", "")
    mult = 1.0
    for m in ("万亿", "萬億", "亿", "億", "万", "萬", "千", "百"):
        if t.endswith(m) and len(t) > len(m) and t[-len(m) - 1].isdigit():
            mult = _MULT[m]
            t = t[: -len(m)]
            break
    mt = _ARABIC_RE.match(t)
    if mt:
        return float(mt.group(1).replace(",", "") + ("." + mt.group(2) if mt.group(2) else "")) * mult
    if mult != 1.0:
        return None
    return _parse_cn(t)


# --- the scanner ---------------------------------------------------------------------------------

def _alternation(words, verbatim=None) -> str:
    """A regex for "|".join(words), written as a prefix tree: at each position the engine follows one
    branch per character instead of trying some 70 words in turn. Python's alternation takes the
    first word that matches, the tree the longest, so no word may come before a longer word that it
    begins (asserted; the lists are ordered longest first). ``verbatim`` maps a word to its regex
    with lookarounds ("千(?!米)"); it must be the only word with its first character."""
    verbatim = verbatim or {}
    for i, w in enumerate(words):
        assert not any(x.startswith(w) for x in words[i + 1:]), w
    plain = [w for w in words if w not in verbatim]
    assert not any(w[0] == v[0] for w in plain for v in verbatim), verbatim
    trie: dict = {}
    for w in plain:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def gen(node: dict, extra=()) -> str:
        kids = sorted(ch for ch in node if ch)
        leaves = [ch for ch in kids if list(node[ch]) == [""]]   # one-character words: one class
        alts = [re.escape(ch) + gen(node[ch]) for ch in kids if ch not in leaves] + list(extra)
        if leaves:
            alts.append(re.escape(leaves[0]) if len(leaves) == 1 else "[" + "".join(map(re.escape, leaves)) + "]")
        if not alts:
            return ""
        if "" not in node:
            return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if len(alts) == 1 and len(alts[0]) == 1:
            return alts[0] + "?"
        return "(?:" + "|".join(alts) + ")?"   # greedy: the longer word first

    return gen(trie, [verbatim[w] for w in words if w in verbatim])


def _prefix_free(words) -> list[str]:
    """The words that do not begin with another of the words: as a lookahead (whether something
    follows, not what) "个" already covers "个工作日"."""
    return [w for w in words if not any(w != p and w.startswith(p) for p in words)]


_ARABIC = r"\d+(?:[,，]\d{3}(?!\d))*(?:[.．]\d+)?"
_ARABIC_TAIL = r"\d*(?:[,，]\d{3}(?!\d))*(?:[.．]\d+)?"       # _ARABIC after its first digit
_CN_TAIL = r"[零〇一二两三四五六七八九十百千万萬亿億]+"
_CN1 = r"[一二两三四五六七八九十]"
_CN_CHARS = _CN1 + _CN_TAIL
# stray spaces; possessive (*+, no backtracking into them): nothing after them begins with a space
_SP = r"[ \t\u3000\u00a0]*+"
_MULT_WORDS = ("万亿", "萬億", "亿", "億", "万", "萬", "千", "百")
_MULT_GUARDS = {"千": "千(?![米瓦克兆字帕焦])", "百": "百(?![分米姓强])"}   # 千米 is a unit, 百分之 a percent
_MULTS = _alternation(_MULT_WORDS, _MULT_GUARDS)
_PRE_Q = r"不超过|不少于|不低于|不足|不到|超过|超出|超|逾|突破|将近|接近|近|大约|约为|约|至少|最多|最少|低于|少于"
_UNIT_WORDS = (
    "个工作日|工作日|个小时|小时|分钟|秒钟|秒|个多月|个月|多月|星期|周|天|日|年"
    "|月|个百分点|百分点|条次|人次|户次|件次|余次|批次|场次|次|条|人|户|项|件|起|家|元|张|类|套|台|处|份|篇|批|所|座|名|位|辆|部"
    "|宗|笔|单|例|种|场|倍|亩|吨|平方公里|平方米|公里|千米|米|TB|PB|GB|EB|个"
).split("|")
_MONTH = r"(?<=[\d 一二三四五六七八九十])月"   # 月 is a unit only right after a numeral (or a space)
_UNITS = _alternation(_UNIT_WORDS, {"月": _MONTH})
_POST_Q = _alternation("以上|以内|之内|以下|左右|上下|内|多|余".split("|"))
# a single Chinese digit is a quantity only with a multiplier or a counting unit after it ("一网通办" is a
# word): 多|余|multiplier|unit|[%％], merged into one tree (千米 and 百分点 join the multipliers' guards)
_CN1_NEXT = _alternation(_prefix_free(["多", "余", "%", "％", *_MULT_WORDS, *_UNIT_WORDS]),
                         {"千": "千(?![瓦克兆字帕焦])", "百": "百(?:分点|(?![分米姓强]))", "月": _MONTH})
_CN = rf"{_CN1}(?:{_CN_TAIL}|(?={_SP}{_CN1_NEXT}))|[百千万](?=[余多])"  # 千余家 = 1000+
_NUMERAL = rf"{_ARABIC}|{_CN}"


def _opt(x: str) -> str:
    """``(?:x)?`` written as an alternation with the empty string: the same matches, tried in the same
    order, but the engine runs a branch instead of a general repeat (~15% of the scan)."""
    return f"(?:{x}|)"


def _char_ranges(chars: str) -> str:
    """A regex class body for a set of characters, consecutive code points as ranges."""
    cs = sorted(set(map(ord, chars)))
    out, i = [], 0
    while i < len(cs):
        j = i
        while j + 1 < len(cs) and cs[j + 1] == cs[j] + 1:
            j += 1
        out.append(re.escape(chr(cs[i])) + ("-" + re.escape(chr(cs[j])) if j > i else ""))
        i = j + 1
    return "".join(out)


# The first character of every match: a digit (\d: every Unicode decimal digit, listed so that the class
# is one bitmap test, a category test per character costs twice the scan), a Chinese numeral, or any
# character outside the BMP (rare; the lookbehinds below test whether it is a \d).
_LEAD = "[" + _char_ranges("".join(c for c in map(chr, range(0x10000)) if c.isdecimal())
                           + "一二两三四五六七八九十百千万") + "\U00010000-\U0010ffff]"
# The pattern begins with that class, consumed: then the regex engine skips non-candidate positions in
# C, testing one bitmap per character (a pattern beginning with a lookahead or an alternation is tried
# at every position, ~3x slower). Lookbehinds then tell which kind of numeral the first character
# began; group "num" is the numeral *after* its first character, group "pct" the 分之 of 百分之.
# A qualifier prefix is looked up backwards afterwards.
# the characters that can begin mid1 … mid2 (a space, 多/余/餘, a multiplier, a range separator)
_MID_FIRST = r"(?=[ \t\u3000\u00a0多余餘万萬亿億千百\-－~～—至到])"
_QTY_RE = re.compile(
    _LEAD
    + rf"(?:(?<=百)(?P<pct>分之){_SP}(?P<pctnum>{_NUMERAL})"
    rf"|(?P<num>(?<=\d){_ARABIC_TAIL}|(?<={_CN1})(?:{_CN_TAIL}|(?={_SP}{_CN1_NEXT}))|(?<=[百千万])(?=[余多]))"
    + _opt(_MID_FIRST  # (mostly none of these: one test instead of six)
           + _opt(rf"{_SP}(?P<mid1>[多余])") + _opt(rf"{_SP}(?P<mult1>{_MULTS})")
           + _opt(rf"{_SP}(?P<rsep>[-－~～—至到]){_SP}(?P<num2>{_NUMERAL})")
           + _opt(rf"{_SP}(?P<mid>[多余餘])") + _opt(rf"{_SP}(?P<mult>{_MULTS})") + _opt(r"(?P<mid2>[多余餘])"))
    + _opt(rf"{_SP}(?P<unit>{_UNITS}|[%％‰])") + ")"
    + _opt(rf"(?P<post>{_SP}{_POST_Q})")
)
_PRE_BACK_RE = re.compile(rf"(?:{_PRE_Q}){_SP}$")
_PRE_LAST = frozenset(w[-1] for w in _PRE_Q.split("|"))
_LATIN = re.compile(r"[A-Za-z+＋]")
_LATIN_CH = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+＋")  # _LATIN, for one character
_VAGUE_BEFORE = set("数几上成")
_DIGITS = re.compile(r"\d")
_TIME_UNITS = {"小时", "分钟", "秒", "天", "日", "工作日", "个月", "月", "周", "年"}

_Q_LOWER = {"超过", "超出", "超", "逾", "突破", "至少", "不少于", "不低于", "最少"}
_Q_APPROX = {"将近", "接近", "近", "大约", "约为", "约"}
_Q_UPPER = {"不超过", "不足", "不到", "最多", "低于", "少于"}


_UNIT_NORM = {"％": "%", "个工作日": "工作日", "个小时": "小时", "个多月": "个月", "多月": "个月", "秒钟": "秒",
              "星期": "周", "余次": "次", "百分点": "个百分点"}


def _norm_unit(u: str | None) -> str:
    if not u:
        return ""
    if u in ("％",):
        return "%"
    if u == "个工作日":
        return "工作日"
    if u == "个小时":
        return "小时"
    if u in ("个多月", "多月"):
        return "个月"
    if u == "秒钟":
        return "秒"
    if u == "星期":
        return "周"
    if u == "余次":
        return "次"
    if u == "百分点":
        return "个百分点"
    return u


@lru_cache(maxsize=8192)
def _num(s: str) -> float | None:
    """The value of a numeral token (pure; cached: documents repeat their numbers, years above all)."""
    if s.isascii():
        return float(s.replace(",", "")) if s.count(".") <= 1 else None
    s = s.translate(_FULLWIDTH).replace(",", "").replace("，", "")
    if s[0].isdigit():
        try:
            return float(s)
        except ValueError:
            return None
    return _parse_cn(s)


# find_quantities unpacks m.groups() in this order; m.end(number) for the spans it needs
assert list(_QTY_RE.groupindex) == ["pct", "pctnum", "num", "mid1", "mult1", "rsep", "num2", "mid", "mult", "mid2",
                                    "unit", "post"]
_N_PCTNUM, _N_NUM, _N_MULT1, _N_NUM2, _N_MULT, _N_POST = (
    _QTY_RE.groupindex[k] for k in ("pctnum", "num", "mult1", "num2", "mult", "post"))
_PRE_TRIGGER = _PRE_LAST | frozenset(" \t\u3000\u00a0")  # the character before a qualifier prefix's numeral
_NOT_BEFORE = frozenset("第.．") | _LATIN_CH             # ordinals, "1.2.3", tokens glued to Latin letters
_AFTER_CHECK = _LATIN_CH | frozenset(".．几")            # characters after a numeral that may void it
_new = object.__new__
_setattr = object.__setattr__


def _mk(start, end, num_start, num_end, value, high, unit, qualifier, text) -> Quantity:
    """A Quantity without the frozen dataclass' per-field __setattr__ (the scan's hot path)."""
    q = _new(Quantity)
    _setattr(q, "__dict__", {"start": start, "end": end, "num_start": num_start, "num_end": num_end,
                             "value": value, "high": high, "unit": unit, "qualifier": qualifier, "text": text})
    return q


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
            append(_mk(start, nend, ns, nend, v, None, "%", _qualifier(pm.group() if pm else None, None, None, None),
                       text[start:nend]))
            continue
        # not a quantity: ordinals, tokens glued to Latin letters or "+", vague numerals
        is_digit = text[ns].isdigit()
        if before in _NOT_BEFORE or before.isdigit() or (before in _VAGUE_BEFORE and not is_digit):
            continue
        end_num_tok = m.end(_N_NUM)           # group "num" is the numeral after its first character
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
        unit = _UNIT_NORM.get(unit_raw, unit_raw) if unit_raw else ""   # _norm_unit, inlined
        high = None
        if num2 is not None:
            v2 = _num(num2)
            m2 = _MULT[mult] if mult else 1.0
            m1 = _MULT[mult1] if mult1 else m2
            if v2 is None or v * m1 >= v2 * m2:
                # not a range ("从10到3"): keep only the first number with its own multiplier
                return_end = m.end(_N_MULT1) if mult1 else end_num_tok
                val = v * (_MULT[mult1] if mult1 else 1.0)
                qual = _qualifier(pre, mid1, None, None)
                start = pm.start() if pre and qual != "exact" else ns
                append(_mk(start, return_end, ns, return_end, val, None, "", qual, text[start:return_end]))
                continue
            value = v * m1
            high = v2 * m2
            num_end = m.end(_N_MULT) if mult else m.end(_N_NUM2)
        elif mult:
            value = v * _MULT[mult]
            num_end = m.end(_N_MULT)
        elif mult1:
            value = v * _MULT[mult1]
            num_end = m.end(_N_MULT1)
        else:
            value = v
            num_end = end_num_tok
        mid = mid1 or mid or mid2
        if post is None and pre is None and mid is None and high is None:   # the common case
            end = num_end if unit_raw is None and not (mult or mult1) else m.end()
            append(_mk(ns, end, ns, num_end, value, None, unit, "exact", text[ns:end]))
            continue
        post_s = post.strip() if post else None
        if post_s == "内" and unit not in _TIME_UNITS:
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
        append(_mk(start, end, ns, num_end, value, high, unit, qual, text[start:end]))
    return out


def _qualifier(pre: str | None, mid: str | None, post: str | None, high: float | None) -> str:
    p = pre.strip() if pre else None
    if p in _Q_APPROX:
        return "approx"
    if p in _Q_UPPER:
        return "upper_bound"
    if p in _Q_LOWER:
        return "lower_bound"
    if high is not None:
        return "lower_bound"
    if mid in ("多", "余", "餘"):
        return "lower_bound"
    if post in ("以上", "多", "余"):
        return "lower_bound"
    if post in ("左右", "上下"):
        return "approx"
    if post in ("以内", "之内", "以下", "内"):
        return "upper_bound"
    return "exact"


_HOURS = {"小时": 1.0, "分钟": 1 / 60, "秒": 1 / 3600, "天": 24.0, "日": 24.0, "工作日": 24.0,
          "个工作日": 24.0, "个月": 720.0, "月": 720.0, "周": 168.0, "年": 8760.0}


def duration_hours(value: float, unit: str) -> float | None:
    """A duration in hours: 天/日/工作日 = 24 h, 个月/月 = 720 h, 分钟 = 1/60 h, 年 = 8760 h; else None."""
    f = _HOURS.get(unit)
    return None if f is None else value * f
