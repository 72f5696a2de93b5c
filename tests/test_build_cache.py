"""Builds that scale: the per-document cache, --jobs, and progress reporting give the same rows."""
from __future__ import annotations

import shutil

import duckdb
import pytest

from etl import cache as doc_cache
from etl.build import build
from tests.conftest import RAW

SMALL = ["000_257923fddfa0a33c.txt", "002_43ea7e1ae5aa3ae7.txt", "003_6845d65c0d41d8f8.txt",
         "004_81586a143d818d44.txt"]
TABLES = ("sources", "cases", "outcomes", "tiers", "findings", "provinces", "build_log")


def _corpus(tmp_path, names=SMALL):
    raw = tmp_path / "raw"
    raw.mkdir()
    for n in names:
        shutil.copyfile(RAW / n, raw / n)
    shutil.copyfile(RAW / "sources.csv", raw / "sources.csv")
    return raw


def _rows(path, order: str = "ORDER BY ALL") -> dict[str, list]:
    """Every table's rows in a stable order (order="": as stored), without the time a build first
    saw a file."""
    con = duckdb.connect(str(path), read_only=True)
    out = {}
    for t in TABLES:
        cols = [c for (c,) in con.execute("SELECT column_name FROM information_schema.columns "
                                          "WHERE table_name = ? ORDER BY ordinal_position", [t]).fetchall()
                if c != "arrived_at"]
        out[t] = con.execute(f'SELECT {", ".join(cols)} FROM "{t}" {order}').fetchall()
    con.close()
    return out


def test_a_second_build_reuses_every_document_and_gives_the_same_rows(tmp_path):
    raw, cache = _corpus(tmp_path), tmp_path / "cache"
    first = build(raw, tmp_path / "a.duckdb", progress=False, cache_dir=cache)
    again = build(raw, tmp_path / "b.duckdb", progress=False, cache_dir=cache)
    assert (first.cached, again.cached) == (0, len(SMALL))
    assert _rows(tmp_path / "a.duckdb") == _rows(tmp_path / "b.duckdb")
    assert again.counts == first.counts and again.per_metric == first.per_metric
    entries = [p for p in (cache / doc_cache.code_version()).iterdir() if not p.name.startswith(".")]
    assert len(entries) == len(SMALL) and all((p / "entry.json").exists() for p in entries)


def test_only_changed_documents_are_processed_again(tmp_path):
    raw, cache = _corpus(tmp_path), tmp_path / "cache"
    build(raw, tmp_path / "w.duckdb", progress=False, cache_dir=cache)
    with (raw / SMALL[0]).open("a", encoding="utf-8") as fh:          # new bytes
        fh.write("\n另据统计，平台注册用户超过200万。\n")
    manifest = (raw / "sources.csv").read_text(encoding="utf-8")     # a new manifest row
    (raw / "sources.csv").write_text(manifest.replace("网易号", "网易"), encoding="utf-8")
    shutil.copyfile(RAW / "001_c0ee248da95ea4d5.txt", raw / "001_c0ee248da95ea4d5.txt")  # a new document
    report = build(raw, tmp_path / "w.duckdb", progress=False, cache_dir=cache)
    assert report.documents == 5 and report.cached == 2
    fresh = build(raw, tmp_path / "fresh.duckdb", progress=False, cache=False)
    assert fresh.cached == 0
    assert _rows(tmp_path / "w.duckdb") == _rows(tmp_path / "fresh.duckdb")


def test_no_cache_neither_reads_nor_writes_the_cache(tmp_path):
    raw, cache = _corpus(tmp_path, SMALL[:1]), tmp_path / "cache"
    report = build(raw, tmp_path / "w.duckdb", progress=False, cache=False, cache_dir=cache)
    assert report.cached == 0 and report.cache_dir is None and not cache.exists()


def test_the_code_version_follows_the_content_of_etl_and_geo(tmp_path, monkeypatch):
    for rel, text in {"etl/a.py": "x = 1\n", "geo/assets/g.csv": "a,b\n", "requirements.txt": "duckdb\n",
                      "app.py": "print()\n"}.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    monkeypatch.setattr(doc_cache, "ROOT", tmp_path)

    def version():
        doc_cache.code_version.cache_clear()
        return doc_cache.code_version()

    try:
        v1 = version()
        (tmp_path / "app.py").write_text("print(1)\n")          # not ETL code: same version
        (tmp_path / "etl" / "__pycache__").mkdir()
        (tmp_path / "etl" / "__pycache__" / "a.pyc").write_bytes(b"\0")
        assert version() == v1
        (tmp_path / "geo" / "assets" / "g.csv").write_text("a,b\n1,2\n")
        v2 = version()
        (tmp_path / "etl" / "new.py").write_text("")
        v3 = version()
        (tmp_path / "etl" / "a.py").write_text("x = 2\n")
        assert len({v1, v2, v3, version()}) == 4
    finally:
        doc_cache.code_version.cache_clear()


def test_entries_of_killed_builds_and_old_code_versions_are_removed(tmp_path):
    raw, cache = _corpus(tmp_path, SMALL[:1]), tmp_path / "cache"
    current = cache / doc_cache.code_version()
    (current / ".tmp-999999999-abc").mkdir(parents=True)          # no such process
    for i in range(doc_cache.KEEP_VERSIONS + 1):
        (cache / f"old{i}").mkdir()
    build(raw, tmp_path / "w.duckdb", progress=False, cache_dir=cache)
    assert not (current / ".tmp-999999999-abc").exists()
    assert len([p for p in cache.iterdir() if p != current]) == doc_cache.KEEP_VERSIONS - 1


def test_jobs_give_identical_rows(tmp_path):
    one = build(RAW, tmp_path / "one.duckdb", progress=False, cache=False, jobs=1)
    two = build(RAW, tmp_path / "two.duckdb", progress=False, cache=False, jobs=2)
    assert one.documents == two.documents == 5
    assert _rows(tmp_path / "one.duckdb") == _rows(tmp_path / "two.duckdb")


def test_jobs_cache_and_batches_give_the_same_rows_in_the_same_order(tmp_path, monkeypatch):
    """More documents than the workers' window and several load batches: a serial build, a parallel
    one, one that fills the cache and one that reads it store the same rows in document order."""
    import etl.build
    from etl import runner

    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(4 * runner.WINDOW_PER_WORKER + 3):
        src = RAW / SMALL[i % len(SMALL)]
        (raw / f"{src.stem}__{i:02d}.txt").write_text(
            src.read_text(encoding="utf-8") + f"\n第{i}份副本，平台注册用户超过{i + 2}万。\n", encoding="utf-8")
    monkeypatch.setattr(etl.build, "BATCH_CHARS", 40_000)     # a batch every few documents
    cache = tmp_path / "cache"
    runs = {"serial": dict(jobs=1, cache=False), "parallel": dict(jobs=2, cache=False),
            "fill": dict(jobs=2, cache_dir=cache), "cached": dict(jobs=2, cache_dir=cache)}
    reports = {k: build(raw, tmp_path / f"{k}.duckdb", progress=False, **kw) for k, kw in runs.items()}
    assert reports["cached"].cached == reports["serial"].documents == 4 * runner.WINDOW_PER_WORKER + 3
    stored = {k: _rows(tmp_path / f"{k}.duckdb", order="") for k in runs}
    assert stored["serial"]["outcomes"] and stored["serial"]["cases"]
    for k in ("parallel", "fill", "cached"):
        assert stored[k] == stored["serial"], k
    cases = [r[0] for r in stored["serial"]["cases"]]
    assert cases == sorted(cases)                                   # document order, then case order
    assert {k: r.counts for k, r in reports.items()} == {k: reports["serial"].counts for k in runs}


def test_a_failing_document_is_skipped_with_its_reason(tmp_path, monkeypatch):
    import etl.pipeline

    real = etl.pipeline.process

    def flaky(doc):
        if doc.file == SMALL[1]:
            raise ValueError("segmenter lost its way")
        return real(doc)

    monkeypatch.setattr(etl.pipeline, "process", flaky)
    report = build(_corpus(tmp_path), tmp_path / "w.duckdb", progress=False, cache=False)
    assert dict(report.skipped) == {SMALL[1]: "ValueError: segmenter lost its way"}
    assert report.documents == len(SMALL) - 1


def test_progress_callback_and_plain_lines(tmp_path, capsys):
    raw = _corpus(tmp_path, SMALL[:3])
    (raw / "notes.zip").write_bytes(b"PK")
    seen = []
    build(raw, tmp_path / "w.duckdb", progress=False, cache_dir=tmp_path / "c",
          on_progress=lambda done, total, file: seen.append((done, total, file)))
    assert [d for d, _, _ in seen] == [1, 2, 3] and {t for _, t, _ in seen} == {3}
    assert sorted(f for _, _, f in seen) == SMALL[:3]

    from etl.__main__ import main

    assert main(["build", "--input", str(raw), "--output", str(tmp_path / "w.duckdb"),
                 "--cache-dir", str(tmp_path / "c"), "--progress", "plain", "--jobs", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    progress = [ln for ln in lines if ln.startswith("PROGRESS ")]
    assert [ln.split()[1] for ln in progress] == ["1/3", "2/3", "3/3"]
    assert sorted(ln.split(maxsplit=2)[2] for ln in progress) == SMALL[:3]
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    cases, outcomes = con.execute("SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM outcomes)").fetchone()
    assert lines[-1] == f"DONE 3 {cases} {outcomes}"


@pytest.mark.parametrize("jobs", ["0", "-1"])
def test_jobs_must_be_positive(tmp_path, jobs):
    from etl.__main__ import main

    with pytest.raises(SystemExit, match="--jobs must be at least 1"):
        main(["build", "--input", str(RAW), "--output", str(tmp_path / "w.duckdb"), "--jobs", jobs])


def test_a_worker_that_dies_is_one_line_naming_the_documents_in_flight(tmp_path, monkeypatch):
    import multiprocessing
    import os

    import etl.pipeline
    from etl import runner
    from etl.errors import BuildError

    real = etl.pipeline.process

    def killed(doc):                    # what the kernel's OOM killer does to a worker
        if doc.file == SMALL[2]:
            os._exit(9)
        return real(doc)

    monkeypatch.setattr(etl.pipeline, "process", killed)
    monkeypatch.setattr(runner, "pool_context", lambda: multiprocessing.get_context("fork"))  # the patch reaches the workers
    monkeypatch.setattr(runner, "WINDOW_PER_WORKER", 1)                 # jobs still to submit when it dies
    out = tmp_path / "w.duckdb"
    with pytest.raises(BuildError, match=r"a worker process died \(out of memory\?\) while processing one of .*"
                                         + SMALL[2].replace(".", r"\.")):
        build(_corpus(tmp_path), out, progress=False, cache=False, jobs=2)
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["raw"]
