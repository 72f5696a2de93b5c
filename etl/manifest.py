"""data/raw/sources.csv as people really save it: read tolerantly, one warning per bad row or value.

Staff edit the manifest in Excel, which writes a UTF-8 byte-order mark, or GBK/GB18030 in a Chinese
locale, or UTF-16 tab-separated text ("Unicode text"), and turns dates into 2023/7/11 or 2023年7月11日.
None of that may stop a build: a value that cannot be understood becomes an empty field and a warning
that names the row, the column and the value.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

MANIFEST = "sources.csv"
PRECISIONS = ("day", "month", "year")
ARRIVED_VIA = ("build", "upload")

_DATES = (
    re.compile(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})(?:[-/.](?P<d>\d{1,2}))?$"),      # 2023-07-11, 2023/7/11, 2023.7
    re.compile(r"^(?P<y>\d{4})年(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号]?)?)?$"),  # 2023年7月11日, 2023年7月, 2023年
    re.compile(r"^(?P<y>\d{4})(?:(?P<m>\d{2})(?P<d>\d{2}))?$"),                    # 2023, 20230711
)
_TIME_OF_DAY = re.compile(r"(?:[ T]|(?<=[日号]))\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
# Excel shows a date cell saved as a number when the column was formatted as General: days since 1899-12-30.
_EXCEL_SERIAL = re.compile(r"^\d{5}(?:\.0+)?$")
_EXCEL_EPOCH = date(1899, 12, 30)


def decode_manifest(data: bytes) -> tuple[str, list[str]]:
    """The manifest's text. UTF-16 needs its byte-order mark; otherwise each line is decoded on its
    own (UTF-8, else GB18030), so a GBK file that later had UTF-8 rows appended still reads."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16"), []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    lines, gb_lines, bad_lines = [], 0, []
    for no, line in enumerate(data.split(b"\n"), 1):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            try:
                lines.append(line.decode("gb18030"))
                gb_lines += 1
            except UnicodeDecodeError:
                lines.append(line.decode("utf-8", errors="replace"))
                bad_lines.append(no)
    warnings = []
    if gb_lines:
        warnings.append(f"{MANIFEST}: {gb_lines} line(s) decoded as GBK/GB18030, not UTF-8")
    if bad_lines:
        warnings.append(f"{MANIFEST}: line(s) {', '.join(map(str, bad_lines[:10]))} neither UTF-8 nor GBK: "
                        f"undecodable bytes replaced")
    return "\n".join(lines), warnings


def parse_date(value: str) -> tuple[date, str] | None:
    """(date, precision) for 2023-07-11, 2023/7/11, 2023.7, 2023年7月11日, 2023年7月, 2023, an Excel
    serial day number, or any of these with a time of day; None for anything else."""
    text = unicodedata.normalize("NFKC", value).strip()
    if _EXCEL_SERIAL.match(text):
        return _EXCEL_EPOCH + timedelta(days=int(float(text))), "day"
    text = _TIME_OF_DAY.sub("", text).replace(" ", "")
    m = next((m for m in (p.match(text) for p in _DATES) if m), None)
    if not m:
        return None
    y, mo, d = int(m["y"]), int(m["m"] or 1), int(m["d"] or 1)
    try:
        parsed = date(y, mo, d)
    except ValueError:
        return None
    return parsed, "day" if m["d"] else "month" if m["m"] else "year"


def parse_time(value: str) -> datetime | None:
    """An ISO 8601 time as naive UTC (a time without a zone is taken as UTC); None if not a time."""
    text = unicodedata.normalize("NFKC", value).strip().replace("Z", "+00:00")
    try:
        t = datetime.fromisoformat(text)
    except ValueError:
        return None
    return t.astimezone(timezone.utc).replace(tzinfo=None) if t.tzinfo else t


def _clean_row(row: dict, where: str, warnings: list[str]) -> dict:
    """Normalise the typed columns of one row; a bad value is emptied with a warning."""
    out = {k: (v or "").strip() for k, v in row.items() if k}
    published = out.get("published", "")
    if published:
        parsed = parse_date(published)
        if parsed is None:
            warnings.append(f"{where}: published {published!r} is not a date: left empty")
            out["published"] = ""
        else:
            out["published"] = parsed[0].isoformat()
            if out.get("published_precision", "") not in PRECISIONS:
                out["published_precision"] = parsed[1]
    precision = out.get("published_precision", "")
    if precision and (precision not in PRECISIONS or not out.get("published")):
        if precision not in PRECISIONS:
            warnings.append(f"{where}: published_precision {precision!r} is not one of "
                            f"{'/'.join(PRECISIONS)}: left empty")
        out["published_precision"] = ""
    via = out.get("arrived_via", "")
    if via and via not in ARRIVED_VIA:
        warnings.append(f"{where}: arrived_via {via!r} is not build or upload: left empty")
        out["arrived_via"] = ""
    at = out.get("arrived_at", "")
    if at:
        t = parse_time(at)
        if t is None:
            warnings.append(f"{where}: arrived_at {at!r} is not an ISO 8601 time: left empty")
            out["arrived_at"] = ""
        else:
            out["arrived_at"] = t.isoformat()
    return out


def read_manifest_checked(raw_dir: Path) -> tuple[dict[str, dict], list[str]]:
    """Rows of raw_dir/sources.csv keyed by file name, and warnings about what was set aside.

    An absent manifest means no metadata; an unreadable one, a warning. Tab- or semicolon-separated
    files are recognised; a row without a file name or repeating one is set aside with a warning.
    """
    path = raw_dir / MANIFEST
    if not path.exists():
        return {}, []
    try:
        text, warnings = decode_manifest(path.read_bytes())
    except OSError as exc:
        return {}, [f"{MANIFEST}: cannot read ({exc.strerror or exc}): metadata ignored"]
    first = text.split("\n", 1)[0]
    delimiter = max(",\t;", key=first.count)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    if reader.fieldnames is None:
        return {}, warnings
    reader.fieldnames = [unicodedata.normalize("NFKC", f or "").strip().lstrip("\ufeff").lower()
                         for f in reader.fieldnames]
    if "file" not in reader.fieldnames:
        return {}, warnings + [f"{MANIFEST}: no 'file' column (columns: {', '.join(reader.fieldnames)}): "
                               f"metadata ignored"]
    rows: dict[str, dict] = {}
    try:
        for row in reader:
            where = f"{MANIFEST} line {reader.line_num}"
            if None in row:
                warnings.append(f"{where}: more fields than columns: extra fields ignored")
            name = (row.get("file") or "").strip()
            if not name:
                if any((v or "").strip() for k, v in row.items() if k):
                    warnings.append(f"{where}: no file name: row ignored")
                continue
            if name in rows:
                warnings.append(f"{where}: {name} listed again: first row kept")
                continue
            rows[name] = _clean_row(row, f"{where} ({name})", warnings)
    except csv.Error as exc:
        warnings.append(f"{MANIFEST} line {reader.line_num}: {exc}: the rest of the file ignored")
    return rows, warnings
