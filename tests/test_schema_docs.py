"""Every warehouse column is documented once (its DDL comment in etl/schema.py) and docs/columns.md,
generated from those comments, is up to date."""
from __future__ import annotations

from pathlib import Path

import pytest

from etl import schema

ROOT = Path(__file__).resolve().parent.parent
COLUMNS_MD = ROOT / "docs" / "columns.md"


@pytest.mark.parametrize("table", list(schema.TABLES))
def test_every_column_has_a_description(table):
    cols = schema.columns(table)
    assert cols, table
    assert [name for name, _, doc in cols if not doc] == []


def test_columns_parsed_from_the_ddl_match_the_created_tables(tmp_path):
    import duckdb

    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    schema.create_all(con)
    for table in schema.TABLES:
        created = [r[0] for r in con.execute(f'DESCRIBE "{table}"').fetchall()]
        assert created == [name for name, _, _ in schema.columns(table)], table


@pytest.mark.parametrize("table, column", [
    ("sources", "published_precision"), ("cases", "place_note"), ("tiers", "member_code"), ("cases", "page"),
    ("outcomes", "page"), ("cases", "body"), ("outcomes", "note")])
def test_columns_the_contract_did_not_describe_are_documented(table, column):
    assert dict((n, d) for n, _, d in schema.columns(table))[column]


def test_column_reference_is_fresh():
    assert COLUMNS_MD.read_text(encoding="utf-8") == schema.column_reference(), (
        "docs/columns.md is stale: regenerate it with `.venv/bin/python -m etl.schema > docs/columns.md`")
