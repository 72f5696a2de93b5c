"""Outcomes highlighted in their text. Document text is HTML-escaped BEFORE any <mark> is added:
the text is split at the highlight, each piece escaped, and only then joined with the tags."""
from __future__ import annotations

import html
import re

from etl.numerals import MULTIPLIER_CHARS, TO_SIMPLE

_TRAD = TO_SIMPLE   # one character for one character: positions in the translated text stay valid
# the leading digits of a number with its multiplier ("22.15万")
_LEADING_NUMBER = re.compile(r"[\d.,]+[" + "".join(sorted(MULTIPLIER_CHARS)) + "]?")
_NOISE = re.compile(r"\s+")


def _norm(s: str) -> str:
    return _NOISE.sub("", s.translate(_TRAD))


def find_number(text: str, number: str) -> tuple[int, int] | None:
    """Span of `number` (as it stands in the raw file) inside `text`, tolerant of spaces and
    Traditional characters; None when it cannot be found."""
    if not number:
        return None
    i = text.find(number)
    if i >= 0:
        return i, i + len(number)
    target = _norm(number)
    if not target:
        return None
    # map normalised positions back to the original text
    kept = [(j, c) for j, c in enumerate(text.translate(_TRAD)) if not c.isspace()]
    flat = "".join(c for _, c in kept)
    k = flat.find(target)
    if k < 0:
        # the raw span may hold extraction noise: try its leading digits with the unit
        m = _LEADING_NUMBER.match(target)
        if not m:
            return None
        k = flat.find(m.group(0))
        if k < 0:
            return None
        target = m.group(0)
    return kept[k][0], kept[k + len(target) - 1][0] + 1


def mark(text: str, span: tuple[int, int] | None, css_class: str = "") -> str:
    """HTML of `text` with text[span] wrapped in <mark>; every piece escaped first."""
    if not span:
        return html.escape(text)
    a, b = span
    cls = f' class="{html.escape(css_class)}"' if css_class else ""
    return f"{html.escape(text[:a])}<mark{cls}>{html.escape(text[a:b])}</mark>{html.escape(text[b:])}"


def raw_context(raw: str, start: int, end: int, width: int = 60) -> str:
    """HTML of raw[start-width:end+width] with raw[start:end] marked (exact offsets), ellipses at cuts."""
    a, b = max(0, start - width), min(len(raw), end + width)
    body = mark(raw[a:b], (start - a, end - a))
    return ("…" if a > 0 else "") + body + ("…" if b < len(raw) else "")


CSS = ("<style>mark{background:#ffe08a;padding:0 2px}mark.unsure{background:#fdd0a2;outline:1px dashed #e6550d}"
       ".badge{border-radius:4px;padding:0 4px;margin-right:4px;font-size:0.85em;background:#eef}"
       ".badge.unsure{background:#fdd0a2;color:#7f2704;cursor:help}.page{color:#555;font-size:0.9em}.quote{font-size:1.05em}.raw{color:#555;font-size:0.9em}"
       "</style>")


def outcome_html(o, raw: str | None, source_label: str, lang: str = "zh") -> str:
    """One outcome as HTML: its quote with the number marked (and its page, 第N页, when the source is
    paged), badges in words (metric, 累计不少于1600万人, 属于分项, ⚠ 存疑 with its explanation on
    hover), and the source's text around raw_start/raw_end with exactly that span marked. The
    offsets stay in data- attributes (for checking), not in the words people read."""
    from dashboard import format as fmt
    from dashboard.i18n import metric_name, t

    unsure = o.confidence == "low"
    ok = raw is not None and 0 <= o.raw_start <= o.raw_end <= len(raw)
    number = raw[o.raw_start:o.raw_end] if ok else ""
    quote_html = mark(o.quote, find_number(o.quote, number), "unsure" if unsure else "")
    page_text = page_label(o, lang).strip()
    if page_text:
        quote_html += f' <span class="page">({html.escape(page_text)})</span>'
    badges = [metric_name(o.metric, lang), fmt.quantity(o.value, o.unit, lang, o.qualifier, o.period)]
    if o.part_of_total:
        badges.append(t("part_badge", lang))
    html_badges = "".join(f'<span class="badge">{html.escape(str(b))}</span>' for b in badges if b)
    if unsure:
        html_badges += (f'<span class="badge unsure" title="{html.escape(t("unsure_explained", lang))}">'
                        f'⚠ {html.escape(t("unsure", lang))}</span>')
    raw_html = raw_context(raw, o.raw_start, o.raw_end).replace("\r", "").replace("\f", " ⤓ ") \
        .replace("\n", " ⏎ ") if number else "—"
    return (f'<div style="margin:0.6em 0"><div class="quote">{quote_html}</div><div>{html_badges}</div>'
            f'<div class="raw" data-raw-start="{int(o.raw_start)}" data-raw-end="{int(o.raw_end)}">'
            f'{html.escape(t("raw_context", lang))}({html.escape(source_label + page_label(o, lang))}): '
            f'{raw_html}</div></div>')


def page_label(o, lang: str = "zh") -> str:
    """The page of an outcome of a paged document (a PDF: outcomes.page), as " 第 3 页" / " p. 3";
    empty for an unpaged one."""
    page = getattr(o, "page", None)
    try:
        page = int(page)
    except (TypeError, ValueError):      # None, NaN, pd.NA: not a paged document
        return ""
    return f" 第 {page} 页" if lang == "zh" else f" p. {page}"
