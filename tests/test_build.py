"""The build end to end on the real documents, and its failure behaviour."""
import duckdb
import pytest

from etl.build import build
from tests.conftest import RAW


def test_sources_table_describes_every_seed(seed_warehouse):
    con = duckdb.connect(str(seed_warehouse), read_only=True)
    rows = dict(con.execute("SELECT file, script FROM sources").fetchall())
    assert len(rows) == 5
    assert rows["002_43ea7e1ae5aa3ae7.txt"] == "traditional"
    assert rows["004_81586a143d818d44.txt"] == "traditional"
    assert rows["001_c0ee248da95ea4d5.txt"] == "simplified"


def test_failed_build_keeps_previous_warehouse(tmp_path, monkeypatch):
    out = tmp_path / "warehouse.duckdb"
    build(RAW, out, progress=False)
    before = out.read_bytes()

    import etl.build as b

    def boom(*a, **k):
        raise RuntimeError("interrupted")

    monkeypatch.setattr(b, "load_frame", boom)
    with pytest.raises(RuntimeError):
        build(RAW, out, progress=False)
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["warehouse.duckdb"]


def test_unreadable_documents_are_reported_and_skipped(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "empty.txt").write_bytes(b"")
    (raw / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (raw / "gbk.txt").write_bytes("广东省政务服务事项超过1000项。".encode("gbk"))
    (raw / "ok.txt").write_text("天津市“津心办”注册用户超过1000万。", encoding="utf-8")
    report = build(raw, tmp_path / "w.duckdb", progress=False)
    assert dict(report.skipped) == {"binary.txt": "binary file (NUL bytes)", "empty.txt": "empty file"}
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    assert sorted(r[0] for r in con.execute("SELECT file FROM sources").fetchall()) == ["gbk.txt", "ok.txt"]
    logged = con.execute("SELECT file, level FROM build_log WHERE level='error' ORDER BY file").fetchall()
    assert logged == [("binary.txt", "error"), ("empty.txt", "error")]


def test_oversized_and_structureless_documents(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    with (raw / "huge.txt").open("wb") as fh:  # 100 MB: text, then a hole (the size is refused unread)
        fh.write("天津市政务服务事项超过1000项。\n".encode("utf-8"))
        fh.truncate(100_000_000)
    (raw / "noise.txt").write_text("lorem ipsum 12 34\n" * 50, encoding="utf-8")
    out = tmp_path / "w.duckdb"
    report = build(raw, out, progress=False)
    reasons = dict(report.skipped)
    assert reasons["huge.txt"].startswith("too large: 100.0 MB > 64 MB limit")
    con = duckdb.connect(str(out), read_only=True)
    # a file with no recognisable structure still becomes one (generic) case and loses nothing
    assert con.execute("SELECT count(*) FROM cases c JOIN sources s USING (source_id) "
                       "WHERE s.file = 'noise.txt'").fetchone()[0] == 1


def test_cli_build_prints_a_summary(tmp_path, capsys):
    from etl.__main__ import main

    assert main(["build", "--input", str(RAW), "--output", str(tmp_path / "w.duckdb"), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "documents: 5 processed, 0 skipped" in out
    assert "outcomes per metric:" in out and "registered_users" in out


def test_cli_reports_a_missing_input_folder(tmp_path, capsys):
    from etl.__main__ import main

    assert main(["build", "--input", str(tmp_path / "nope"), "--output", str(tmp_path / "w.duckdb")]) == 2
    assert "input directory not found" in capsys.readouterr().err
