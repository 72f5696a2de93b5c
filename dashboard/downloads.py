"""Downloads staff can open in Excel: exactly the rows shown, readable headers, numbers as numbers.

- CSV: UTF-8 with BOM (Excel reads it right), the header row first, then the data; whole numbers
  written as integers (30000, not 30000.0).
- XLSX: one sheet per table (a page's workbook holds all its tables), data from row 1 with a bold,
  frozen header row, number formats on figures and sensible column widths; a last sheet 说明 holds
  the filters, the sources, the download time and the link to the view.
- Every text cell is made safe: control characters removed, and a cell starting with = + - @ (or a
  tab / carriage return) is prefixed with an apostrophe in CSV and stored as text, never as a
  formula, in XLSX — a document's sentence must not run as a formula on a staff member's machine.
`read_csv_payload` undoes `to_csv` (for tests and for anyone scripting).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from dataclasses import dataclass

import pandas as pd

from dashboard.format import is_missing

NOTES_SHEET = ("说明", "Notes")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BAD_SHEET_CHARS = str.maketrans({c: "_" for c in '[]:*?/\\'})
_BAD_FILE_CHARS = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass
class Sheet:
    """One table of a workbook: its title, the download frame, and which columns hold figures."""
    title: str
    df: pd.DataFrame
    number_cols: tuple[str, ...] = ()


# ---------------------------------------------------------------- cells


def safe_text(s: str) -> str:
    """Text without control characters, with an apostrophe before a leading = + - @ (formula
    injection). Only text cells pass here: numbers are written as numbers."""
    s = _CONTROL.sub("", s)
    return "'" + s if s.startswith(_FORMULA_START) else s


def _plain(v):
    """A cell value as Python: None for missing, int for whole numbers, float, str, datetime."""
    if is_missing(v):                                      # None, NaN, NaT, blank text
        return None
    if hasattr(v, "item") and not isinstance(v, str):       # numpy scalars
        try:
            v = v.item()
        except (AttributeError, ValueError):
            pass
    if isinstance(v, bool):
        return v
    if isinstance(v, float):
        if not math.isfinite(v):
            return None
        return int(v) if v.is_integer() and abs(v) < 2 ** 53 else v
    if isinstance(v, int):
        return v
    if isinstance(v, pd.Timestamp):
        return v.to_pydatetime()
    if isinstance(v, (dt.date, dt.datetime)):
        return v
    if isinstance(v, (list, tuple)):
        return "; ".join(str(x) for x in v)
    return str(v)


def _csv_cell(v) -> str:
    v = _plain(v)
    if v is None:
        return ""
    if isinstance(v, str):
        return safe_text(v)
    return str(v)


# ---------------------------------------------------------------- CSV


def to_csv(df: pd.DataFrame, header: list[list[str]] | None = None) -> bytes:
    """The table as CSV: header row first (`header`, the view's notes, is not written: CSV has one
    sheet, and its first row must be the column names for Excel and scripts alike)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([safe_text(str(c)) for c in df.columns])
    for row in df.itertuples(index=False, name=None):
        w.writerow([_csv_cell(v) for v in row])
    return buf.getvalue().encode("utf-8-sig")


def read_csv_payload(data: bytes) -> pd.DataFrame:
    """The table from bytes made by `to_csv`; values as strings ('' for missing)."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    if not rows:
        return pd.DataFrame()
    return pd.DataFrame(rows[1:], columns=rows[0], dtype=object)


def as_strings(df: pd.DataFrame) -> pd.DataFrame:
    """The table as `read_csv_payload` gives it back: every cell the string the CSV holds."""
    return read_csv_payload(to_csv(df))


# ---------------------------------------------------------------- XLSX


def sheet_name(name: str, used: set[str] | None = None) -> str:
    """A name Excel accepts: no []:*?/\\, not blank, no apostrophe at either end, at most 31
    characters, unique (case-insensitively) among `used` (which it extends)."""
    base = str(name).translate(_BAD_SHEET_CHARS).strip().strip("'").strip() or "data"
    base = _CONTROL.sub("", base)[:31] or "data"
    used = used if used is not None else set()
    taken = {u.lower() for u in used}
    out, i = base, 2
    while out.lower() in taken:
        suffix = f"_{i}"
        out, i = base[: 31 - len(suffix)] + suffix, i + 1
    used.add(out)
    return out


def _width(values) -> int:
    """Column width in Excel units: CJK characters count double; between 6 and 60."""
    longest = 0
    for v in values:
        s = "" if v is None else str(v)
        longest = max(longest, sum(2 if ord(ch) > 0x2E80 else 1 for ch in s[:200]))
    return max(6, min(60, longest + 2))


def _write_sheet(ws, sheet: Sheet) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    df = sheet.df
    bold = Font(bold=True)
    ws.append([safe_text(str(c)) for c in df.columns])
    for cell in ws[1]:
        cell.font = bold
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    numbers = set(sheet.number_cols)
    for row in df.itertuples(index=False, name=None):
        ws.append([_CONTROL.sub("", v) if isinstance(v, str) else v for v in map(_plain, row)])
    for j, col in enumerate(df.columns, start=1):
        letter = get_column_letter(j)
        cells = ws[letter][1:]
        for cell in cells:
            v = cell.value
            if isinstance(v, str):
                cell.data_type = "s"                       # text, never a formula (=, +, -, @ included)
            elif isinstance(v, bool):
                pass
            elif isinstance(v, int):
                cell.number_format = "#,##0"
            elif isinstance(v, float):
                cell.number_format = "#,##0.00" if col in numbers or abs(v) >= 1000 else "0.####"
        sample = [col] + [c.value for c in cells[:500]]
        ws.column_dimensions[letter].width = _width(sample)
    ws.freeze_panes = "A2"
    if len(df.columns):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(df.columns))}{max(1, len(df) + 1)}"


def notes_rows(title: str, filters: list[tuple[str, str]], sources: list[str], link: str | None,
               lang: str = "zh", when: dt.datetime | None = None) -> list[list[str]]:
    """The 说明 sheet: what the download is, the filters, the sources, when, and the link to the view."""
    from dashboard.i18n import t

    when = when or dt.datetime.now().astimezone()
    rows = [[t("hdr_table", lang), title]]
    rows += [[f"{t('hdr_filters', lang)}: {name}", value] for name, value in filters]
    rows += [[t("hdr_sources", lang), s] for s in sources] or [[t("hdr_sources", lang), "—"]]
    rows.append([t("hdr_time", lang), when.strftime("%Y-%m-%d %H:%M:%S %z").strip()])
    rows.append([t("hdr_link", lang), link or "—"])
    rows.append([t("hdr_generated", lang), t("app_title", lang)])
    return rows


def header_block(title: str, filters: list[tuple[str, str]], sources: list[str], lang: str = "zh",
                 link: str | None = None) -> list[list[str]]:
    """Kept name for the notes of one table (see `notes_rows`)."""
    return notes_rows(title, filters, sources, link, lang)


def workbook(sheets: list[Sheet], notes: list[list[str]], lang: str = "zh") -> bytes:
    """An XLSX with one sheet per table, then the notes sheet 说明."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    note_name = NOTES_SHEET[1] if lang == "en" else NOTES_SHEET[0]
    used.add(note_name)
    for sheet in sheets:
        _write_sheet(wb.create_sheet(sheet_name(sheet.title, used)), sheet)
    ws = wb.create_sheet(note_name)
    for r in notes:
        ws.append([safe_text(str(x)) if x is not None else "" for x in r])
    for cell in ws["A"]:
        cell.font = Font(bold=True)
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 100
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_xlsx(df: pd.DataFrame, header: list[list[str]], sheet: str = "data", number_cols=(),
            lang: str = "zh") -> bytes:
    """One table and its notes."""
    return workbook([Sheet(sheet, df, tuple(number_cols))], header, lang)


def failure_xlsx(message: str, lang: str = "zh") -> bytes:
    """A workbook holding only `message`: what a download that could not be built delivers instead
    of nothing (a deferred download that raises never arrives, and the reader is left waiting)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = NOTES_SHEET[1 if lang == "en" else 0]
    wb.active.append([safe_text(message)])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def file_name(*parts: str, ext: str, when: dt.date | None = None) -> str:
    """省份地图_山东省_20261205.xlsx: the view's words, the date; characters no file system takes removed."""
    words = [_BAD_FILE_CHARS.sub("_", str(p)).strip(" ._") for p in parts if p and str(p).strip()]
    words = [w[:40] for w in words if w]
    day = (when or dt.date.today()).strftime("%Y%m%d")
    return "_".join(words + [day]) + f".{ext}"
