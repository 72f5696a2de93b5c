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
