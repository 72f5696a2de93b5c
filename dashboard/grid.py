"""Every table on the pages is drawn by `show`: on screen Streamlit's grid, in print a plain HTML table.

Sorting. Figures read the way officials write them (12.7亿次, 1870万人) are text, and text sorts "9万"
after "12亿". So the grid is given the figures as numbers, in a pandas Styler whose display text is the
formatted figure: Streamlit draws the Styler's text and sorts by the number underneath. A missing
figure is a null number, which the grid draws as its placeholder, "—".

Printing. The grid is a canvas (glide-data-grid): printed, it shows only the rows visible in its scroll
area and cuts wide tables at the right edge. So each table also gets a plain `<table>` copy, hidden on
screen and shown in print instead of the grid (CSS in dashboard/style.py): every row, the header row
repeated on each printed page, cells that wrap so the table fits the page width. Its text is escaped
(document text reaches these tables) and Streamlit's st.html sanitises it again.

`styled` and `print_html` are plain functions (tested without a running app); `show` draws.
"""
from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence

import pandas as pd

from dashboard import format as fmt

PRINT_MAX_ROWS = 1000       # the case list's own limit (queries.MAX_CASE_ROWS); longer tables say what was left out
PRINT_CLASS = "print-copy"
NOWRAP_TEXT, NOWRAP_FIGURE = 5, 12    # cells this short are never broken across lines in print
HL_CLASS = ' class="hl"'
HIGHLIGHT = "background-color: #fde0dd; font-weight: bold"   # the selected province, among all the others


def _key(v):
    """A figure as a dictionary key (None when missing: NaN is never equal to itself)."""
    try:
        f = float(v)
    except (TypeError, ValueError):      # None, pd.NA, text
        return None
    return f if math.isfinite(f) else None


def _groups(texts: Sequence, numbers: Sequence) -> list[tuple[list[int], dict]]:
    """Rows of one column split into as few groups as possible, each with one text per number, so that
    one formatter per group gives every row its own text (100 read "100次" in one row and "100人" in
    another when units differ by row; most columns need one group)."""
    groups: list[tuple[list[int], dict]] = []
    for i, (text, v) in enumerate(zip(texts, numbers)):
        k = _key(v)
        text = text if isinstance(text, str) and text else fmt.text(text)
        for rows, words in groups:
            if words.setdefault(k, text) == text:
                rows.append(i)
                break
        else:
            groups.append(([i], {k: text}))
    return groups


def _plain(v) -> str:
    """A number the table does not format itself, as the grid would show it (no 117.000000)."""
    if isinstance(v, str) and v.strip():       # most cells: text already made for reading
        return v
    if fmt.is_missing(v):
        return fmt.DASH
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def styled(shown: pd.DataFrame, numbers: Mapping[str, Sequence] | None = None,
           highlight: Sequence[bool] | None = None):
    """What st.dataframe gets: `shown` itself when nothing needs styling, else a Styler whose data has
    the columns named in `numbers` as numbers (so the grid sorts them as numbers) and whose display
    text is `shown`'s text; rows where `highlight` is true are highlighted."""
    numbers = {k: v for k, v in (numbers or {}).items() if k in shown.columns}
    marked = list(highlight) if highlight is not None and any(highlight) else None
    if not numbers and marked is None:
        return shown
    data = shown.reset_index(drop=True).copy()
    for col, values in numbers.items():
        data[col] = pd.to_numeric(pd.Series(list(values)), errors="coerce").astype("Float64")
    styler = data.style
    for col in data.columns:
        if col in numbers:
            groups = _groups(shown[col].tolist(), data[col].tolist())
            for rows, words in groups:
                subset = [col] if len(groups) == 1 else pd.IndexSlice[rows, [col]]
                styler = styler.format(lambda v, words=words: words.get(_key(v), fmt.DASH), subset=subset)
        elif pd.api.types.is_numeric_dtype(data[col]) and not pd.api.types.is_bool_dtype(data[col]):
            styler = styler.format(_plain, subset=[col])
    if marked is not None:
        styler = styler.apply(lambda r: [HIGHLIGHT if marked[r.name] else ""] * len(r), axis=1)
    return styler


def _cells(values, figure: bool) -> list[str]:
    """One column's printed cells. Long text may break anywhere, so that the table fits the page; a
    short cell (2022, 是, 广东省) or a figure (648.39亿条) never breaks, or it would read 20/22."""
    limit = NOWRAP_FIGURE if figure else NOWRAP_TEXT
    short, long = ('<td class="num nw">', '<td class="num">') if figure else ('<td class="nw">', "<td>")
    texts = [_plain(v) for v in values]
    return [(short if len(x) <= limit else long) + html.escape(x) + "</td>" for x in texts]


def print_html(shown: pd.DataFrame, *, numbers: Sequence[str] = (), skip: Sequence[str] = (),
               highlight: Sequence[bool] | None = None, max_rows: int = PRINT_MAX_ROWS,
               cut_note: str = "") -> str:
    """The table as plain HTML for print: every header and cell escaped, figures right-aligned, the
    highlighted rows marked, columns in `skip` (links) left out; at most `max_rows` rows, then
    `cut_note` (with {shown} and {total})."""
    at = [j for j, c in enumerate(shown.columns) if c not in set(skip)]       # by position: headers may repeat
    cols = [shown.columns[j] for j in at]
    right = [c in set(numbers) or pd.api.types.is_numeric_dtype(shown.iloc[:, j]) for j, c in zip(at, cols)]
    marked = list(highlight) if highlight is not None else []
    head = "".join(('<th class="num">' if r else "<th>") + html.escape(str(c)) + "</th>" for r, c in zip(right, cols))
    columns = [_cells(shown.iloc[:max_rows, j].tolist(), r) for j, r in zip(at, right)]   # column by column: fast
    body = [f'<tr{HL_CLASS if i < len(marked) and marked[i] else ""}>{"".join(cells)}</tr>'
            for i, cells in enumerate(zip(*columns))]
    note = ""
    if len(shown) > max_rows and cut_note:
        note = f'<p class="print-note">{html.escape(cut_note.format(shown=max_rows, total=len(shown)))}</p>'
    return (f'<div class="{PRINT_CLASS}"><table class="print-table"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>{note}</div>')


def show(shown: pd.DataFrame, key: str, *, lang: str = "zh", numbers: Mapping[str, Sequence] | None = None,
         highlight: Sequence[bool] | None = None, links: Mapping[str, str] | None = None, **kwargs):
    """Draw a table: the grid on screen (figures sorted as numbers, missing values "—", `highlight`ed
    rows), and its print copy. `links`: link columns (header → the words shown for each link): on
    screen only, since a link cannot be followed on paper. Returns what st.dataframe returns."""
    import streamlit as st

    from dashboard.i18n import t

    links = dict(links or {})
    if links:
        kwargs["column_config"] = {**kwargs.get("column_config", {}),
                                   **{h: st.column_config.LinkColumn(display_text=text) for h, text in links.items()}}
    kwargs.setdefault("hide_index", True)
    event = st.dataframe(styled(shown, numbers, highlight), key=key, placeholder=fmt.DASH, **kwargs)
    st.html(print_html(shown, numbers=list(numbers or ()), skip=list(links), highlight=highlight,
                       cut_note=t("print_rows_cut", lang)))
    return event
