"""Loading rows as JSON lines (etl.warehouse, etl.cache) stores exactly what a plain parameterised
INSERT stores, for every column type of the warehouse and the awkward values of each."""
from __future__ import annotations

import math
from datetime import date, datetime

import duckdb
import pytest

from etl import cache as doc_cache
from etl.schema import TABLES, columns, create_all
from etl.warehouse import Warehouse, load_frame

AWKWARD = {
    "VARCHAR": ["", "上海率先提出“一网通办”", "a\x00b", "x\u2028y\u2029z", "tab\tnew\nline\r\"q\"\\",
                "😀𠀀", "\x1f\x7f", "{\"not\": \"json\"}", "e\u0301", None],
    "DOUBLE": [0.0, -0.0, 0.1, 1 / 3, 1e308, 5e-324, 36890000.0, 1.79e8, 123456789.123456789,
               float("inf"), float("-inf"), float("nan"), None],
    "INTEGER": [0, -1, 2**31 - 1, -(2**31), None],
    "BOOLEAN": [True, False, None],
    "DATE": [date(2023, 7, 11), date(1, 1, 1), date(9999, 12, 31), None],
    "TIMESTAMP": [datetime(2024, 1, 2, 3, 4, 5, 678901), datetime(2023, 7, 11), None],
}


def _rows(table: str, n: int = 14) -> list[dict]:
    """n rows cycling through the awkward values of each column's type; NOT NULL columns and keys
    get a value, and a primary key a distinct one."""
    rows = []
    for i in range(n):
        row = {}
        for name, sqltype, _ in columns(table):
            base = sqltype.split()[0]
            values = [v for v in AWKWARD[base] if v is not None or "NOT NULL" not in sqltype]
            value = values[i % len(values)]
            if "PRIMARY KEY" in sqltype:
                value = f"{value}:{i}"
            row[name] = value
        rows.append(row)
    return rows


def _same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    return a == b and type(a) is type(b)


@pytest.mark.parametrize("table", list(TABLES))
def test_json_lines_store_what_a_parameterised_insert_stores(tmp_path, table):
    rows = _rows(table)
    names = [c for c, _, _ in columns(table)]
    plain, fast = duckdb.connect(), duckdb.connect()
    for con in (plain, fast):
        create_all(con)
    plain.executemany(f'INSERT INTO "{table}" ({", ".join(names)}) VALUES ({", ".join("?" * len(names))})',
                      [[r[c] for c in names] for r in rows])
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    load_frame(Warehouse(fast, scratch), table, rows)
    want = plain.execute(f'SELECT * FROM "{table}"').fetchall()
    got = fast.execute(f'SELECT * FROM "{table}"').fetchall()
    assert len(got) == len(want) == len(rows)
    for w, g in zip(want, got):
        assert all(_same(x, y) for x, y in zip(w, g)), (w, g)
    assert list(scratch.iterdir()) == []                      # the file is removed once loaded


def test_rows_in_file_order_and_missing_keys_are_null(tmp_path):
    con = duckdb.connect()
    create_all(con)
    rows = [{"province_code": f"{i:06d}", "name": f"省{i}", "short_name": "s", "name_en": "e"} for i in range(50)]
    load_frame(con, "provinces", rows)                        # a plain connection: a temporary folder
    assert con.execute("SELECT province_code FROM provinces").fetchall() == [(r["province_code"],) for r in rows]
    load_frame(con, "build_log", [{"level": "info", "message": "m"}])
    assert con.execute("SELECT file, message_zh FROM build_log").fetchall() == [(None, None)]


def test_a_key_the_table_lacks_is_an_error():
    with pytest.raises(KeyError, match="outcomes rows carry columns the warehouse lacks: \\['colour'\\]"):
        doc_cache.encode_rows("outcomes", [{"outcome_id": "x", "colour": "red"}])
