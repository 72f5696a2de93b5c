"""A rebuilt warehouse is read at once by a running dashboard (no stale DuckDB instance)."""
from __future__ import annotations

import os

import duckdb

from dashboard import queries


def _db(path, n):
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE t AS SELECT ? AS x", [n])
    con.close()


def test_replaced_file_is_read_after_the_swap(tmp_path):
    live, new = tmp_path / "w.duckdb", tmp_path / "w.new"
    _db(live, 1)
    first = (str(live), live.stat().st_mtime)
    assert queries._run(first, "SELECT x FROM t")["x"].iloc[0] == 1
    _db(new, 2)
    os.replace(new, live)                       # what a build does when it completes
    os.utime(live, (first[1] + 5, first[1] + 5))
    second = (str(live), live.stat().st_mtime)
    assert queries._run(second, "SELECT x FROM t")["x"].iloc[0] == 2
    # a page that still holds the older key reads the newer state, without reopening
    assert queries._run(first, "SELECT x FROM t")["x"].iloc[0] == 2
