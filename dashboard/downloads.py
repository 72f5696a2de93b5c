"""Downloads of exactly the data shown: CSV (UTF-8 with BOM, opens right in Excel) and XLSX.

Both start with a small header block — the table's name, every filter, the sources — then one empty
row, then the table itself. `read_csv_payload` undoes `to_csv` (for tests and for anyone scripting).
"""
from __future__ import annotations

import csv
import io

import pandas as pd

GENERATOR = "政务成效看板 / Digital-government outcomes dashboard"


def header_block(title: str, filters: list[tuple[str, str]], sources: list[str], lang: str = "zh") -> list[list[str]]:
    from dashboard.i18n import t

    rows = [[t("hdr_table", lang), title]]
    rows += [[f"{t('hdr_filters', lang)}: {name}", value] for name, value in filters]
    rows += [[t("hdr_sources", lang), s] for s in sources] or [[t("hdr_sources", lang), "—"]]
    rows.append([t("hdr_generated", lang), GENERATOR])
    return rows


def _cell(v):
    if v is None:
        return ""
    try:
        if pd.isna(v):
            return ""
    except (TypeError, ValueError):
        pass
    return v


def to_csv(df: pd.DataFrame, header: list[list[str]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerows(header)
    w.writerow([])
    w.writerow([str(c) for c in df.columns])
    for row in df.itertuples(index=False, name=None):
        w.writerow([_cell(v) for v in row])
    return buf.getvalue().encode("utf-8-sig")


_BAD_SHEET_CHARS = str.maketrans({c: "_" for c in '[]:*?/\\'})


def sheet_name(name: str, used: set[str] | None = None) -> str:
    """A name Excel accepts: no []:*?/\\, not blank, not starting or ending with an apostrophe,
    at most 31 characters, unique (case-insensitively) among `used` (which it extends)."""
    base = str(name).translate(_BAD_SHEET_CHARS).strip().strip("'").strip() or "data"
    base = base[:31]
    used = used if used is not None else set()
    out, i = base, 2
    while out.lower() in {u.lower() for u in used}:
        suffix = f"_{i}"
        out, i = base[: 31 - len(suffix)] + suffix, i + 1
    used.add(out)
    return out


def to_xlsx(df: pd.DataFrame, header: list[list[str]], sheet: str = "data") -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_name(sheet))
    for r in header:
        ws.append(r)
    ws.append([])
    ws.append([str(c) for c in df.columns])
    for row in df.itertuples(index=False, name=None):
        ws.append([_xl(v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def failure_xlsx(message: str) -> bytes:
    """A workbook holding only `message`: what a download that could not be built delivers instead
    of nothing (a deferred download that raises never arrives, and the reader is left waiting)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "说明"
    wb.active.append([message])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _xl(v):
    v = _cell(v)
    if isinstance(v, (list, tuple, dict)):
        return str(v)
    if hasattr(v, "item") and not isinstance(v, str):  # numpy scalars
        try:
            return v.item()
        except (AttributeError, ValueError):
            pass
    if isinstance(v, pd.Timestamp):
        return v.to_pydatetime()
    return v


def read_csv_payload(data: bytes) -> tuple[list[list[str]], pd.DataFrame]:
    """(header rows, table) from bytes made by `to_csv`; table values as strings ('' for missing)."""
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    blank = rows.index([])
    header, body = rows[:blank], rows[blank + 1:]
    df = pd.DataFrame(body[1:], columns=body[0], dtype=object) if body else pd.DataFrame()
    return header, df


def as_strings(df: pd.DataFrame) -> pd.DataFrame:
    """The table as `read_csv_payload` gives it back: every cell the string csv would write."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([[_cell(v) for v in r] for r in df.itertuples(index=False, name=None)])
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    return pd.DataFrame(rows, columns=[str(c) for c in df.columns], dtype=object)
