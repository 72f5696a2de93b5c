"""An incremental build copies the previous warehouse (etl.reuse) and gives the rows a fresh build gives."""
from __future__ import annotations

import shutil

import pytest

import etl.contract_check
from etl import reuse
from etl.build import build
from etl.contract import Label
from tests.conftest import RAW
from tests.test_build_cache import SMALL, TABLES, _corpus, _rows


@pytest.fixture(autouse=True)
def contract_findings(monkeypatch):
    """Every figure over 5 million breaks the contract here, so that builds write contract findings
    (the seeds have none) and a copy of the warehouse must replace them."""
    def strict(metric, value, unit, qualifier, period):
        return [Label("过大", "too large")] if value > 5e6 else []

    monkeypatch.setattr(etl.contract_check, "violations", strict)


def _retelling(users: str, visits: str) -> str:
    """A one-case article on 津心办; two with other figures make a cross-source finding."""
    return (f"天津市“津心办”平台注册用户超过{users}\n\n"
            f"天津市“津心办”平台上线以来，注册用户超过{users}，访问量累计达到{visits}次。\n")


def _same_as_fresh(raw, out, tmp_path, step: str) -> dict:
    fresh = tmp_path / f"fresh-{step}.duckdb"
    build(raw, fresh, progress=False, cache=False)
    got, want = _rows(out), _rows(fresh)
    for t in TABLES:
        assert got[t] == want[t], (step, t)
    return got


def test_each_kind_of_change_gives_the_rows_of_a_fresh_build(tmp_path):
    raw, cache, out = _corpus(tmp_path), tmp_path / "cache", tmp_path / "w.duckdb"
    (raw / "xa.txt").write_text(_retelling("1000万", "3亿"), encoding="utf-8")
    kw = dict(progress=False, cache_dir=cache)
    assert build(raw, out, **kw).kept == 0

    (raw / "xb.txt").write_text(_retelling("500万", "1亿"), encoding="utf-8")   # a cross-source finding
    assert build(raw, out, **kw).kept == 5
    rows = _same_as_fresh(raw, out, tmp_path, "added")
    assert [r[0] for r in rows["findings"] if r[3] == "cross_source_mismatch" and "xb" in r[0]]
    assert "contract_violation" in {r[3] for r in rows["findings"]}

    with (raw / SMALL[0]).open("a", encoding="utf-8") as fh:           # new bytes
        fh.write("\n另据统计，平台注册用户超过900万。\n")
    assert build(raw, out, **kw).kept == 5
    _same_as_fresh(raw, out, tmp_path, "changed")

    lines = (raw / "sources.csv").read_text(encoding="utf-8").splitlines()
    lines = [ln.replace("新京报", "新京报社") if ln.startswith(SMALL[0]) else ln for ln in lines]   # a publisher
    lines[0] += ",arrived_via,arrived_at"                                                     # an arrival
    lines = [ln + (",upload,2024-05-06T07:08:09" if ln.startswith(SMALL[3]) else ",," if i else "")
             for i, ln in enumerate(lines)]
    (raw / "sources.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = build(raw, out, **kw)
    assert report.kept == 5 and report.cached == 5                    # 000 is computed again
    _same_as_fresh(raw, out, tmp_path, "manifest")

    (raw / "xb.txt").unlink()                                         # removed: its finding goes
    (raw / SMALL[3]).write_bytes(b"")                                 # unreadable now: skipped
    report = build(raw, out, **kw)
    assert report.kept == 4 and dict(report.skipped) == {SMALL[3]: "empty file"}
    rows = _same_as_fresh(raw, out, tmp_path, "removed")
    assert not [r for r in rows["findings"] if "xb" in r[0]]


def test_the_previous_warehouse_is_copied_only_when_its_record_matches(tmp_path):
    raw, cache, out = _corpus(tmp_path), tmp_path / "cache", tmp_path / "w.duckdb"
    kw = dict(progress=False, cache_dir=cache)
    build(raw, out, **kw)
    assert build(raw, out, **kw).kept == 4

    import duckdb

    con = duckdb.connect(str(out))                                    # another writer
    con.execute("DELETE FROM build_log")
    con.close()
    assert build(raw, out, **kw).kept == 0                            # its identity changed: loaded afresh
    _same_as_fresh(raw, out, tmp_path, "other-writer")

    assert build(raw, out, progress=False, cache=False).kept == 0     # --no-cache: no record either
    assert build(raw, out, **kw).kept == 0
    wal = out.with_name(out.name + ".wal")
    wal.write_bytes(b"")
    assert build(raw, out, **kw).kept == 0                            # a write-ahead log: not copied
    wal.unlink()


def test_every_so_many_builds_load_afresh(tmp_path, monkeypatch):
    monkeypatch.setattr(reuse, "MAX_REUSES", 2)
    raw, cache, out = _corpus(tmp_path, SMALL[:2]), tmp_path / "cache", tmp_path / "w.duckdb"
    kept = [build(raw, out, progress=False, cache_dir=cache).kept for _ in range(5)]
    assert kept == [0, 2, 2, 0, 2]


def test_a_failed_incremental_build_keeps_the_previous_warehouse(tmp_path, monkeypatch):
    import etl.build

    raw, cache, out = _corpus(tmp_path), tmp_path / "cache", tmp_path / "w.duckdb"
    build(raw, out, progress=False, cache_dir=cache)
    before = out.read_bytes()
    shutil.copyfile(RAW / "001_c0ee248da95ea4d5.txt", raw / "001_c0ee248da95ea4d5.txt")

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(etl.build, "set_canonical_ids", boom)
    with pytest.raises(RuntimeError):
        build(raw, out, progress=False, cache_dir=cache)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "raw", "w.duckdb"]
    monkeypatch.undo()
    assert build(raw, out, progress=False, cache_dir=cache).kept == 4
