"""dashboard/grid.py: what st.dataframe is given (figures as numbers under their formatted text) and the
printed copy of a table (every row, escaped, links left out, the selection marked)."""
from __future__ import annotations

import pandas as pd

from dashboard import columns, grid


def _shown_text(styler) -> list[list[str]]:
    """The display text of every cell, as Streamlit reads it from the Styler."""
    styler._compute()
    body = styler._translate(False, False)["body"]
    return [[c["display_value"] for c in row if c.get("type") == "td"] for row in body]


def test_figures_sort_as_numbers_and_read_formatted():
    df = pd.DataFrame({"province": ["甲省", "乙省", "丙省", "丁省"], "value": [9e4, 1.27e9, None, 1.87e7],
                       "unit": ["次", "次", "次", "人"]})
    p = columns.present(df, "zh")
    assert p.shown["数值"].tolist() == ["9万次", "12.7亿次", "—", "1870万人"]       # what people read
    styler = grid.styled(p.shown, p.figures)
    data = styler.data
    assert pd.api.types.is_float_dtype(data["数值"])                                  # what the grid sorts by
    assert [r[1] for r in _shown_text(styler)] == ["9万次", "12.7亿次", "—", "1870万人"]
    # sorted by the number underneath, the text reads in numeric order (as text, 9万 would follow 12.7亿)
    order = data.sort_values("数值", na_position="first").index
    assert [p.shown["数值"][i] for i in order] == ["—", "9万次", "1870万人", "12.7亿次"]
    assert sorted(["9万次", "1870万人", "12.7亿次"]) != ["9万次", "1870万人", "12.7亿次"]   # why: text order differs
    assert p.download["数值(数字)"].tolist()[:2] == [9e4, 1.27e9]                     # downloads unchanged


def test_the_same_number_in_two_units_keeps_each_rows_text():
    df = pd.DataFrame({"value": [100.0, 100.0, 5.0], "unit": ["次", "人", "人"]})
    p = columns.present(df, "zh")
    assert [r[0] for r in _shown_text(grid.styled(p.shown, p.figures))] == ["100次", "100人", "5人"]


def test_counts_with_gaps_sort_as_numbers_and_read_a_dash():
    p = columns.present(pd.DataFrame({"n_cases": [3, None, 12]}), "zh")
    styler = grid.styled(p.shown, p.figures)
    assert pd.api.types.is_numeric_dtype(styler.data["案例数"])
    assert [r[0] for r in _shown_text(styler)] == ["3", "—", "12"]


def test_a_page_written_column_sorts_by_the_numbers_it_is_given():
    shown = pd.DataFrame({"名次": ["第 10 / 18", "第 2 / 18", "第 2 / 5"]})
    styler = grid.styled(shown, {"名次": [10, 2, 2]})
    assert styler.data["名次"].tolist() == [10, 2, 2]
    assert [r[0] for r in _shown_text(styler)] == ["第 10 / 18", "第 2 / 18", "第 2 / 5"]


def test_plain_tables_are_passed_as_they_are_and_highlights_style_rows():
    shown = pd.DataFrame({"省份": ["甲", "乙"], "案例数": [1, 2]})
    assert grid.styled(shown) is shown
    styler = grid.styled(shown, highlight=[False, True])
    styler._compute()
    styles = styler._translate(False, False)["cellstyle"]
    assert {x for s in styles if any("fde0dd" in v for _, v in s["props"]) for x in s["selectors"]} == {"row1_col0", "row1_col1"}
    assert [r for r in _shown_text(styler)] == [["甲", "1"], ["乙", "2"]]


def test_print_copy_holds_every_row_escaped_without_links():
    shown = pd.DataFrame({"标题": [f"案例 {i}" for i in range(45)] + ['<script>alert(1)</script>"&'],
                          "数值": ["12亿次"] * 46, "打开": ["https://x"] * 46})
    out = grid.print_html(shown, numbers=["数值"], skip=["打开"], highlight=[False] * 45 + [True])
    assert out.count("<tr") == 47 and out.count("</th>") == 2            # header + every row; no link column
    assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;" in out
    assert "https://x" not in out and "<thead>" in out
    assert out.count('class="hl"') == 1 and '<td class="num nw">12亿次</td>' in out
    assert 'class="print-copy"' in out


def test_print_copy_of_a_very_long_table_says_what_it_left_out():
    shown = pd.DataFrame({"a": range(12)})
    out = grid.print_html(shown, max_rows=10, cut_note="{shown}/{total}")
    assert out.count("<tr") == 11 and "10/12" in out
    assert "10/12" not in grid.print_html(shown.head(10), max_rows=10, cut_note="{shown}/{total}")
