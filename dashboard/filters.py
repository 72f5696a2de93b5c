"""Sidebar filters and the URL query string: pure functions, importable without a running app.

The five filters (province, category, source, metric, year) live in the query string under these
keys, so a filtered view is a shareable link that survives a reload. Values: province as its
six-digit code, category as a domain of the one taxonomy (etl.taxonomy.DOMAINS), source as
source_id, metric as a metric key, year as four digits (the case's year, cases.year).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields

KEYS = ("province", "category", "source", "metric", "year")
LANG_KEY = "lang"


@dataclass(frozen=True)
class Filters:
    province: str | None = None   # province_code, e.g. "440000"
    category: str | None = None
    source: str | None = None     # source_id
    metric: str | None = None     # metric key
    year: str | None = None       # "2022": cases of that year (cases.year)

    def as_params(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v}

    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


def from_params(params) -> Filters:
    """Filters from a query-params mapping (unknown keys ignored; empty values mean no filter)."""
    values = {}
    for k in KEYS:
        v = params.get(k) if hasattr(params, "get") else None
        if isinstance(v, list):
            v = v[0] if v else None
        values[k] = str(v).strip() or None if v is not None else None
    return Filters(**values)


def validate(f: Filters, options: dict[str, list[str]]) -> Filters:
    """Drop any filter value that is not among the current options (a stale or hand-edited link)."""
    return Filters(**{k: (getattr(f, k) if getattr(f, k) in options.get(k, []) else None) for k in KEYS})


def describe(f: Filters, labels: dict[str, dict[str, str]] | None = None, lang: str = "zh") -> list[tuple[str, str]]:
    """(name, value) pairs naming every filter, for the header block of a download."""
    from dashboard.i18n import t

    labels = labels or {}
    out = []
    for k in KEYS:
        v = getattr(f, k)
        shown = labels.get(k, {}).get(v, v) if v else t("all", lang)
        out.append((t(k, lang), f"{shown} ({v})" if v and shown != v else shown))
    return out


def selection_province(selection, codes: list[str], curves: set[int] | None = None) -> str | None:
    """The province code chosen by a plotly map selection event ({'points': [...]}) or None.

    Points carry `location` (the featureidkey value), `customdata`, or the `point_index` into the
    trace's locations list; the first one that names a known code wins. With `curves` (the indices
    of the province traces), points of any other trace — a city bubble, whose point_index means
    nothing in `codes` — are ignored.
    """
    if not selection:
        return None
    points = selection.get("points") if hasattr(selection, "get") else None
    if not points:
        return None
    for p in points:
        if curves is not None and p.get("curve_number") not in curves:
            continue
        for key in ("location", "customdata"):
            v = p.get(key)
            if isinstance(v, list):
                v = v[0] if v else None
            if v is not None and str(v) in codes:
                return str(v)
        idx = p.get("point_index", p.get("point_number"))
        if isinstance(idx, int) and 0 <= idx < len(codes):
            return codes[idx]
    return None


def echarts_selection_province(selection, names_to_codes: dict[str, str]) -> str | None:
    """The province code from a streamlit-echarts selection ({'points': [{'name': ...}]})."""
    if not selection:
        return None
    for p in selection.get("points", []) or []:
        name = p.get("name") if hasattr(p, "get") else None
        if name in names_to_codes:
            return names_to_codes[name]
    return None
