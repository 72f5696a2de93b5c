"""The seed warehouse equals the committed golden snapshot (tests/data/golden/), row by row."""
from __future__ import annotations

from golden import UPDATE_COMMAND, TABLES, differences, dump


def test_seed_warehouse_matches_golden_snapshot(seed_warehouse):
    diff = differences(dump(seed_warehouse))
    assert not diff, (
        "the seed warehouse differs from tests/data/golden/ (- golden, + rebuilt).\n"
        f"If every difference is intended, regenerate with `{UPDATE_COMMAND}`, read the diff, and say so "
        f"in the commit message.\n{diff}")


def test_snapshot_dumps_a_fixed_column_list(seed_warehouse):
    # Robust to added columns: the header of each file is exactly the fixed list.
    current = dump(seed_warehouse)
    for table, (columns, _) in TABLES.items():
        assert current[f"{table}.tsv"].splitlines()[0].split("\t") == list(columns)
