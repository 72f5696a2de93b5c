"""sources.csv as Excel writes it: encodings, separators, date spellings, bad rows."""
from __future__ import annotations

from datetime import date

import duckdb
import pytest

from etl.build import build
from etl.manifest import parse_date, read_manifest_checked

HEADER = "file,title,publisher,published,published_precision\n"


@pytest.mark.parametrize("value, expected", [
    ("2023-07-11", (date(2023, 7, 11), "day")),
    ("2023/7/11", (date(2023, 7, 11), "day")),
    ("2023/7/11 0:00", (date(2023, 7, 11), "day")),          # Excel's date-and-time cell
    ("2023-07-11T10:00:00", (date(2023, 7, 11), "day")),
    ("2023.7.11", (date(2023, 7, 11), "day")),
    ("2023年7月11日", (date(2023, 7, 11), "day")),
    ("２０２３年７月１１日", (date(2023, 7, 11), "day")),      # full-width digits
    ("2023 年 7 月", (date(2023, 7, 1), "month")),
    ("2023.7", (date(2023, 7, 1), "month")),
    ("2023-02", (date(2023, 2, 1), "month")),
    ("2023年", (date(2023, 1, 1), "year")),
    ("2023", (date(2023, 1, 1), "year")),
    ("45118", (date(2023, 7, 11), "day")),                    # a date cell saved as General
    ("20230711", (date(2023, 7, 11), "day")),
    ("2023-02-30", None),
    ("明年", None),
    ("7/11/2023", None),                                      # month-first is ambiguous: not guessed
    ("", None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def _write(tmp_path, data: bytes):
    (tmp_path / "sources.csv").write_bytes(data)
    return read_manifest_checked(tmp_path)


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"),
    lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),                   # Excel "CSV UTF-8"
    lambda t: t.encode("gbk"),                                        # Excel "CSV" in a Chinese locale
    lambda t: t.replace(",", "\t").encode("utf-16"),                  # Excel "Unicode text"
])
def test_manifest_encodings(tmp_path, encode):
    rows, warnings = _write(tmp_path, encode(HEADER + "a.txt,天津市数字政府,新京报,2023年7月11日,\r\n"))
    assert rows["a.txt"]["title"] == "天津市数字政府" and rows["a.txt"]["publisher"] == "新京报"
    assert rows["a.txt"]["published"] == "2023-07-11" and rows["a.txt"]["published_precision"] == "day"
    assert all("GBK" in w for w in warnings)


def test_gbk_manifest_with_utf8_rows_appended(tmp_path):
    data = (HEADER + "a.txt,天津,,,\n").encode("gbk") + "b.txt,上海,,,\n".encode("utf-8")
    rows, warnings = _write(tmp_path, data)
    assert (rows["a.txt"]["title"], rows["b.txt"]["title"]) == ("天津", "上海")
    assert warnings == ["sources.csv: 1 line(s) decoded as GBK/GB18030, not UTF-8"]


def test_bad_rows_and_values_give_warnings_and_empty_fields(tmp_path):
    rows, warnings = _write(tmp_path, (
        HEADER +
        "a.txt,A,P,明年,day\n"            # not a date
        "b.txt,B,P,2023-07,weekly\n"      # precision not known: inferred from the date
        ",orphan,P,2023,\n"               # no file name
        "a.txt,again,P,2023,\n"           # repeated
        "c.txt,C,P,2023,year,extra\n"     # too many fields
        "d.txt\n"                          # too few
    ).encode("utf-8"))
    assert rows["a.txt"]["published"] == "" and rows["a.txt"]["published_precision"] == ""
    assert rows["a.txt"]["title"] == "A"
    assert (rows["b.txt"]["published"], rows["b.txt"]["published_precision"]) == ("2023-07-01", "month")
    assert rows["d.txt"]["title"] == ""
    assert set(rows) == {"a.txt", "b.txt", "c.txt", "d.txt"}
    assert warnings == [
        "sources.csv line 2 (a.txt): published '明年' is not a date: left empty",
        "sources.csv line 4: no file name: row ignored",
        "sources.csv line 5: a.txt listed again: first row kept",
        "sources.csv line 6: more fields than columns: extra fields ignored",
    ]


def test_manifest_without_a_file_column(tmp_path):
    rows, warnings = _write(tmp_path, "名称,标题\na.txt,A\n".encode("utf-8"))
    assert rows == {} and "no 'file' column" in warnings[0]


def test_build_reads_an_excel_manifest(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("天津市“津心办”注册用户超过1000万。", encoding="utf-8")
    (raw / "sources.csv").write_bytes(
        (HEADER + "a.txt,津心办,天津日报,2023年7月,\r\nb.txt,B,,yesterday,\r\n").encode("gbk"))
    out = tmp_path / "w.duckdb"
    report = build(raw, out, progress=False, cache_dir=tmp_path / "cache")
    row = duckdb.connect(str(out), read_only=True).execute(
        "SELECT title, publisher, published, published_precision FROM sources").fetchone()
    assert row == ("津心办", "天津日报", date(2023, 7, 1), "month")
    warned = [m for f, level, m in report.log if f == "sources.csv" and level == "warning"]
    assert "sources.csv line 3 (b.txt): published 'yesterday' is not a date: left empty" in warned
    assert "lists b.txt, which is not in " + str(raw) in warned
