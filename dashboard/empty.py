"""Why a filtered view is empty: which of the active filters leaves nothing by itself.

A page that shows "no data" under filters says which filter (or which combination) removed
everything, so an official does not read an empty view as "nothing happened in my province"."""
from __future__ import annotations

from dashboard import filters as flt, queries


def reasons(wh, f: flt.Filters, labels: dict, lang: str = "zh") -> str:
    """One sentence naming, for each active filter, how many distinct cases it alone keeps, and what
    to do: change a filter that keeps nothing by itself, or relax one of several that do not overlap."""
    from dashboard.i18n import t

    counts = [(k, getattr(f, k), queries.overview(wh, flt.Filters(**{k: getattr(f, k)}))["cases"])
              for k in flt.KEYS if getattr(f, k, None)]
    if not counts:
        return t("no_data_yet", lang)
    parts = [t("empty_part", lang, name=t(k, lang), value=labels.get(k, {}).get(v, v), n=n) for k, v, n in counts]
    sep, end = (";", "。") if lang == "zh" else ("; ", ". ")
    advice = t("empty_single", lang) if any(n == 0 for _, _, n in counts) else t("empty_combo", lang)
    return t("empty_intro", lang) + sep.join(parts) + end + advice
