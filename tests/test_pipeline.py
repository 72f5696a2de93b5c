"""The whole ETL on the real documents: provenance, stable ids, the contract's columns and values."""
from __future__ import annotations

import re

import duckdb
import pytest

from etl.build import build
from etl.schema import METRIC_KEYS, PERIODS, QUALIFIERS
from tests.conftest import RAW

CN_NUM = "零〇一二两三四五六七八九十百千万亿"


@pytest.fixture(scope="module")
def con(seed_warehouse):
    c = duckdb.connect(str(seed_warehouse), read_only=True)
    yield c
    c.close()


def raw_text(file: str) -> str:
    return (RAW / file).read_bytes().decode("utf-8-sig")


def test_contract_tables_and_view_exist(con):
    names = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"sources", "cases", "outcomes", "provinces", "tiers", "v_outcomes", "findings"} <= names
    cols = {r[0] for r in con.execute("DESCRIBE v_outcomes").fetchall()}
    assert {"source_file", "case_no", "case_title", "province", "city", "category", "metric", "value",
            "unit", "qualifier", "period", "part_of_total", "quote"} <= cols


def test_every_outcome_points_at_its_number_in_the_raw_file(con):
    rows = con.execute(
        "SELECT s.file, o.raw_start, o.raw_end, o.quote FROM outcomes o "
        "JOIN cases c USING (case_id) JOIN sources s ON s.source_id = c.source_id").fetchall()
    assert rows
    texts = {f: raw_text(f) for f in {r[0] for r in rows}}
    for file, start, end, quote in rows:
        span = texts[file][start:end]
        assert 0 < end - start < 80, (file, start, end, span)
        assert re.search(rf"[0-9０-９{CN_NUM}]", span), (file, span)
        # the span's own digits (a chunk marker "\n\nNNN、" inside it removed) stand in the quote
        digits = re.sub(r"[^0-9]", "", re.sub(r"\n\n\d+、", "", span))
        assert digits in re.sub(r"[^0-9]", "", quote), (file, span, quote)


def test_values_and_labels_are_in_the_contract(con):
    assert {r[0] for r in con.execute("SELECT DISTINCT metric FROM outcomes").fetchall()} <= set(METRIC_KEYS)
    assert {r[0] for r in con.execute("SELECT DISTINCT qualifier FROM outcomes").fetchall()} <= set(QUALIFIERS)
    assert {r[0] for r in con.execute("SELECT DISTINCT period FROM outcomes").fetchall()} <= set(PERIODS)
    assert con.execute("SELECT count(*) FROM outcomes WHERE value IS NULL OR isnan(value)").fetchone()[0] == 0


def test_compendium_has_all_48_table_of_contents_cases(con):
    n, with_text = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE has_text) FROM cases WHERE source_id = '001_c0ee248da95ea4d5'"
    ).fetchone()
    assert (n, with_text) == (48, 29)


def test_province_codes_agree_with_the_provinces_table(con):
    bad = con.execute(
        "SELECT c.title, c.province, c.province_code FROM cases c LEFT JOIN provinces p "
        "ON p.province_code = c.province_code WHERE c.province IS NOT NULL AND p.name IS DISTINCT FROM c.province"
    ).fetchall()
    assert bad == []
    assert con.execute("SELECT count(*) FROM provinces").fetchone()[0] == 34


def test_tianjin_platform_links_across_sources(con):
    rows = con.execute(
        "SELECT canonical_id, count(DISTINCT source_id) FROM cases WHERE short_name = '津心办' "
        "GROUP BY canonical_id").fetchall()
    assert len(rows) == 1 and rows[0][1] >= 2


def test_first_tier_contradiction_is_stored_and_flagged(con):
    members = con.execute(
        "SELECT member, claimed_count FROM tiers WHERE source_id = '004_81586a143d818d44' AND level = 'province'"
    ).fetchall()
    assert len(members) == 7 and {c for _, c in members} == {9}
    kinds = {r[0] for r in con.execute(
        "SELECT kind FROM findings WHERE source_id = '004_81586a143d818d44'").fetchall()}
    assert "count_mismatch" in kinds


def test_rebuild_gives_the_same_ids_and_rows(tmp_path, seed_warehouse):
    again = tmp_path / "again.duckdb"
    build(RAW, again, progress=False)
    q = "SELECT * FROM outcomes ORDER BY outcome_id"
    a = duckdb.connect(str(seed_warehouse), read_only=True).execute(q).fetchall()
    b = duckdb.connect(str(again), read_only=True).execute(q).fetchall()
    assert a == b
    q = "SELECT case_id, canonical_id, title, province, city FROM cases ORDER BY case_id"
    assert duckdb.connect(str(seed_warehouse), read_only=True).execute(q).fetchall() == \
        duckdb.connect(str(again), read_only=True).execute(q).fetchall()


@pytest.mark.parametrize("body, province, city", [
    ("平台已在安徽省上线，亳州市、芜湖市率先使用，杭州市前来考察。", "安徽省", None),
    ("平台在亳州市试点，亳州市各区县全面推广，杭州市考察。", "安徽省", "亳州市"),
    ("平台在杭州市与合肥市各一次试点。", None, None),          # no majority: left unknown
    ("这是一个没有地名的平台说明。", None, None),
])
def test_place_from_body_needs_a_clear_majority(body, province, city):
    from etl.pipeline import place_from_body

    got = place_from_body(body)
    if province is None:
        assert got is None
    else:
        assert (got["province"], got["city"]) == (province, city)
        assert got["place_note"].startswith("标题未指明地点")


def test_tier_members_carry_their_administrative_codes(con):
    rows = con.execute("SELECT member, member_code FROM tiers WHERE level = 'province' ORDER BY member_code").fetchall()
    assert rows and all(code is not None for _, code in rows)
    assert ("北京市", "110000") in rows and ("贵州省", "520000") in rows
