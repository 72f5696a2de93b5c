"""Never lose data, explain every refusal: the build's behaviour when its input or output is wrong."""
from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta

import duckdb
import pytest

import etl.build
from etl.build import build
from etl.errors import BuildError
from etl.lock import BuildLocked, build_lock, lock_path

DOC = "天津市“津心办”注册用户超过1000万。"


def _raw(tmp_path, files: dict[str, bytes | str]):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, data in files.items():
        p = raw / name
        p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return raw


class _AnHourLater(datetime):
    """A clock an hour ahead: a build that stamped its own time would give another arrival."""

    @classmethod
    def now(cls, tz=None):
        return datetime.now(tz) + timedelta(hours=1)


def _build(raw, out, **kw):
    kw.setdefault("cache_dir", out.parent / "cache")
    return build(raw, out, progress=False, **kw)


def _cli(capsys, *args) -> tuple[int, str, str]:
    from etl.__main__ import main

    code = main(["build", *map(str, args), "--no-progress"])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def previous(tmp_path):
    """A good warehouse already in place."""
    good = tmp_path / "good"
    good.mkdir()
    (good / "ok.txt").write_text(DOC, encoding="utf-8")
    out = tmp_path / "out" / "warehouse.duckdb"
    _build(good, out, cache_dir=tmp_path / "cache")
    return out


@pytest.mark.parametrize("files, needle", [
    ({}, "no document in"),
    ({"cases.zip": b"PK\x03\x04", "scan.txt": b""}, "no readable document in"),
    ({"sources.csv": "file,title\nx.txt,X\n"}, "no document in"),
])
def test_a_build_that_reads_nothing_refuses_and_keeps_the_warehouse(tmp_path, capsys, previous, files, needle):
    raw = _raw(tmp_path, files)
    before = previous.read_bytes()
    code, out, err = _cli(capsys, "--input", raw, "--output", previous, "--cache-dir", tmp_path / "cache")
    assert code != 0
    assert err.startswith("error: ") and needle in err and err.count("\n") == 1
    assert "the previous warehouse is kept" in err
    assert previous.read_bytes() == before
    assert sorted(p.name for p in previous.parent.iterdir()) == ["warehouse.duckdb"]


def test_refusal_names_the_skipped_files(tmp_path):
    raw = _raw(tmp_path, {"cases.zip": b"PK\x03\x04", "scan.txt": b""})
    with pytest.raises(BuildError, match=r"cases\.zip: not a document format: \.zip.*scan\.txt: empty file"):
        _build(raw, tmp_path / "w.duckdb")
    assert not (tmp_path / "w.duckdb").exists()


def test_every_skipped_file_is_reported_by_name_with_its_reason(tmp_path):
    raw = _raw(tmp_path, {"cases.zip": b"PK\x03\x04", "photo.JPG": b"\xff\xd8", "ok.txt": DOC,
                          ".DS_Store": b"\x00", "empty.md": b""})
    (raw / "2023").mkdir()
    out = tmp_path / "w.duckdb"
    report = _build(raw, out)
    reasons = dict(report.skipped)
    assert reasons["cases.zip"].startswith("not a document format: .zip")
    assert reasons["photo.JPG"].startswith("not a document format: .jpg")
    assert reasons["empty.md"] == "empty file"
    assert reasons["2023/"].startswith("a folder")
    assert ".DS_Store" not in reasons
    assert "skipped cases.zip: not a document format: .zip" in report.summary()
    con = duckdb.connect(str(out), read_only=True)
    logged = dict(con.execute("SELECT file, message FROM build_log WHERE level = 'error'").fetchall())
    assert logged["cases.zip"].startswith("skipped: not a document format: .zip")
    assert set(logged) == {"cases.zip", "photo.JPG", "empty.md", "2023/"}


def test_temp_files_of_a_killed_build_are_removed(tmp_path):
    raw = _raw(tmp_path, {"ok.txt": DOC})
    out = tmp_path / "w.duckdb"
    for name in ("w.duckdb.4242.tmp", "w.duckdb.4242.tmp.wal"):
        (tmp_path / name).write_bytes(b"half a database")
    (tmp_path / "w.duckdb.4242.rows.tmp").mkdir()               # rows on their way into DuckDB
    (tmp_path / "w.duckdb.4242.rows.tmp" / "00001-cases.jsonl").write_text("{}")
    (tmp_path / "other.tmp").write_bytes(b"not ours")
    report = _build(raw, out)
    assert not (tmp_path / "w.duckdb.4242.tmp").exists() and not (tmp_path / "w.duckdb.4242.tmp.wal").exists()
    assert not (tmp_path / "w.duckdb.4242.rows.tmp").exists()
    assert (tmp_path / "other.tmp").exists()
    assert ("w.duckdb.4242.tmp", "info", "removed a temporary file left by an interrupted build") in report.log


def test_a_second_build_of_the_same_output_refuses_after_its_timeout(tmp_path):
    raw = _raw(tmp_path, {"ok.txt": DOC})
    out = tmp_path / "w.duckdb"
    said = []
    with build_lock(out, timeout=0):
        with pytest.raises(BuildLocked, match=r"another build of .*w\.duckdb is running \(pid \d+\); waited 0\.2 s"):
            _build(raw, out, lock_timeout=0.2, say=said.append)
    assert said and said[0].startswith("waiting for another build of")
    assert not out.exists() and not lock_path(out).exists()


def test_a_second_build_waits_for_the_first(tmp_path):
    raw = _raw(tmp_path, {"ok.txt": DOC})
    out = tmp_path / "w.duckdb"
    held, said = threading.Event(), []

    def first():
        with build_lock(out, timeout=0):
            held.set()
            time.sleep(0.6)

    t = threading.Thread(target=first)
    t.start()
    held.wait()
    report = _build(raw, out, lock_timeout=30, say=said.append)
    t.join()
    assert report.documents == 1 and len(said) == 1
    assert not lock_path(out).exists()


@pytest.mark.parametrize("make_output, needle", [
    (lambda tmp: (tmp / "a_file").write_text("x") and tmp / "a_file" / "w.duckdb", "cannot create the output folder"),
    (lambda tmp: (tmp / "adir").mkdir() or tmp / "adir", "is a folder: give a file path"),
])
def test_an_unwritable_output_is_one_line_saying_what_to_fix(tmp_path, capsys, make_output, needle):
    raw = _raw(tmp_path, {"ok.txt": DOC})
    code, _, err = _cli(capsys, "--input", raw, "--output", make_output(tmp_path))
    assert code != 0 and needle in err
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err


def test_an_unexpected_failure_is_one_line_unless_debug(tmp_path, capsys, monkeypatch):
    import etl.build as b

    def boom(*a, **k):
        raise RuntimeError("disk on fire\nsecond line")

    monkeypatch.setattr(b, "load_frame", boom)
    raw = _raw(tmp_path, {"ok.txt": DOC})
    code, _, err = _cli(capsys, "--input", raw, "--output", tmp_path / "w.duckdb", "--cache-dir", tmp_path / "c")
    assert code == 1 and err == ("error: unexpected RuntimeError: disk on fire second line (the previous warehouse "
                                 "is kept; run with --debug for the traceback)\n")
    with pytest.raises(RuntimeError):
        _cli(capsys, "--input", raw, "--output", tmp_path / "w.duckdb", "--debug")


def test_arrival_comes_from_the_manifest_or_the_first_build_that_saw_the_file(tmp_path, monkeypatch):
    raw = _raw(tmp_path, {"a.txt": DOC, "b.txt": DOC.replace("天津", "上海"),
                          "sources.csv": "file,title,arrived_via,arrived_at\n"
                                         "a.txt,A,upload,2026-12-01T08:30:00+08:00\n"})
    out = tmp_path / "w.duckdb"
    _build(raw, out)
    q = "SELECT file, arrived_via, arrived_at FROM sources ORDER BY file"
    first = duckdb.connect(str(out), read_only=True).execute(q).fetchall()
    assert first[0][1:] == ("upload", __import__("datetime").datetime(2026, 12, 1, 0, 30))
    assert first[1][1] == "build" and first[1][2] is not None
    monkeypatch.setattr(etl.build, "datetime", _AnHourLater)    # the second build runs later
    _build(raw, out, cache=False)
    assert duckdb.connect(str(out), read_only=True).execute(q).fetchall() == first
