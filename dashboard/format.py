"""How values read on the pages: the one place that turns warehouse values into what people see.

Missing values read "—" (never None or nan); a source reads by its title; numbers read the way
officials write them (12.7亿次, 1870万人, 3.5万家) in Chinese and with thousands separators and
unit words in English. Plain functions, importable without a running app.
"""
from __future__ import annotations

import math

DASH = "—"


def is_missing(v) -> bool:
    """None, NaN, pd.NA/NaT and blank strings are missing: what a reader must never see as a word."""
    if v is None:
        return True
    if isinstance(v, str):
        return not v.strip()
    if isinstance(v, (list, tuple, dict, set)):
        return False
    import pandas as pd

    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def text(v, missing: str = DASH) -> str:
    """A value as text for reading; `missing` for None/NaN/blank."""
    return missing if is_missing(v) else str(v)


def source_label(title, description=None, max_len: int = 40) -> str:
    """A source as people name it: its title, else (shortened) its description, else "—".
    Never its file name or id: those belong in 技术信息."""
    if not is_missing(title):
        return str(title).strip()
    if not is_missing(description):
        d = " ".join(str(description).split())
        return d if len(d) <= max_len else d[: max_len - 1] + "…"
    return DASH


def finite(v) -> float | None:
    """v as a finite float, or None."""
    if is_missing(v):
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


_MD_SPECIAL = set("\\`*_{}[]()<>#+-.!|~$:")


def md_escape(s) -> str:
    """Text safe inside Streamlit markdown: every markdown/HTML special character backslash-escaped
    (for values that come from a URL or a document, never trusted as markup)."""
    return "".join("\\" + c if c in _MD_SPECIAL else c for c in str(s))


# ---------------------------------------------------------------- numbers with units

# English words for the measure words the warehouse stores, as written (outcomes.unit) and comparable
# (outcomes.comparable_unit); a unit not listed reads as itself.
UNIT_EN = {"人": "persons", "人次": "person-visits", "次": "times", "条": "records", "条次": "record-transfers",
           "张": "certificates", "份": "documents", "件": "items", "项": "items", "个": "items", "家": "enterprises",
           "户": "households", "元": "yuan", "小时": "hours", "起": "cases", "处": "sites", "笔": "transactions",
           "名": "persons", "位": "persons", "宗": "cases", "单": "orders", "批次": "batches",
           "户次": "household-visits", "件次": "item-times", "%": "%"}

# How a qualifier and a period read beside a figure (不少于 1600万人, 最高日 67万次).
QUALIFIER_WORDS = {"exact": ("", ""), "lower_bound": ("不少于", "at least"), "approx": ("约", "about"),
                   "upper_bound": ("不超过", "at most")}
PERIOD_WORDS = {"cumulative": ("累计", "cumulative"), "daily": ("日均", "daily"),
                "peak_daily": ("最高日", "peak day"), "annual": ("年度", "annual"), "unspecified": ("", "")}


def _trim(x: float, digits: int) -> str:
    s = f"{x:.{digits}f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def number(v, lang: str = "zh", digits: int = 2) -> str:
    """A figure as officials write it, without unit: 12.7亿, 1870万, 3.5万, 2000 (zh);
    1.27 billion, 18.7 million, 35,000 (en). Never k/M/B, never scientific notation; "—" if missing."""
    f = finite(v)
    if f is None:
        return DASH
    a, sign = abs(f), "-" if f < 0 else ""
    if lang == "en":
        for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
            if a >= size:
                return f"{sign}{_trim(a / size, digits)} {word}"
        return sign + (f"{int(round(a)):,}" if a == int(a) else f"{a:,.{digits}f}".rstrip("0").rstrip("."))
    for size, word in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
        if a >= size:
            shown = _trim(a / size, digits)
            if word == "万" and float(shown) >= 1e4:      # 9999.999万 rounds to 10000万: say 1亿
                return f"{sign}{_trim(a / 1e8, digits)}亿"
            return f"{sign}{shown}{word}"
    return sign + _trim(a, digits)


def unit_word(unit, lang: str = "zh") -> str:
    if is_missing(unit):
        return ""
    return UNIT_EN.get(str(unit), str(unit)) if lang == "en" else str(unit)


def quantity(v, unit=None, lang: str = "zh", qualifier=None, period=None) -> str:
    """A figure with its unit, qualifier and period: 不少于1600万人, 最高日67万次, at least 16 million persons."""
    n = number(v, lang)
    if n == DASH:
        return DASH
    u = unit_word(unit, lang)
    if lang == "en":
        body = f"{n}{u}" if u == "%" else f"{n} {u}".strip()
    else:
        body = f"{n}{u}"
    i = 1 if lang == "en" else 0
    q = QUALIFIER_WORDS.get(qualifier, ("", ""))[i] if not is_missing(qualifier) else ""
    p = PERIOD_WORDS.get(period, ("", ""))[i] if not is_missing(period) else ""
    sep = " " if lang == "en" else ""
    return sep.join(x for x in (p, q, body) if x)


def axis_ticks(lo: float, hi: float, lang: str = "zh", n: int = 5, log: bool = False) -> tuple[list, list]:
    """Tick values and their labels for a value axis from lo to hi, labelled like `number`
    (plotly's own labels would read 100B or 20k)."""
    lo, hi = finite(lo) or 0.0, finite(hi) or 0.0
    if log:
        lo, hi = max(lo, 1e-9), max(hi, 1.0)
        vals = [10.0 ** k for k in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1)]
        return vals, [number(v, lang) for v in vals]
    lo = min(lo, 0.0)
    span = hi - lo if hi > lo else (abs(hi) or 1.0)
    raw = span / max(n, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    vals, x = [], math.floor(lo / step) * step
    while x <= hi + step * 0.999:
        vals.append(round(x, 10))
        x += step
    return vals, [number(v, lang) for v in vals]


def yes_no(v, lang: str = "zh") -> str:
    if is_missing(v):
        return DASH
    return ("是" if v else "否") if lang == "zh" else ("yes" if v else "no")
