"""dashboard/upload.py without Streamlit: file-name sanitising, duplicates by sha256, the token gate and
its lockout, the manifest append, previews through the real ETL, and publish with rollback."""
from __future__ import annotations

import csv
import io
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

from dashboard import upload
from dashboard.upload import BuildResult, Item, TokenGate

CASE_TEXT = (
    "宁波市“浙里办”掌上办事平台建设成效显著\n"
    "宁波市大数据发展管理局积极推进数字政府建设，打造掌上办事平台。\n"
    "平台上线以来，实名注册用户超过860万，上线服务事项1200余项，企业开办时间由5个工作日缩短至1个工作日。\n"
)
HEADER = "file,title,publisher,published,published_precision,script,kind,description,noise\n"
OLD_ROW = '000_a.txt,旧文档,新京报,2023-07-11,day,simplified,article,"a, quoted description",\n'
NOW = datetime(2026, 12, 5, 3, 0, tzinfo=timezone.utc)


@pytest.fixture
def raw(tmp_path) -> Path:
    d = tmp_path / "data" / "raw"
    d.mkdir(parents=True)
    (d / "000_a.txt").write_text("旧文档正文\n", encoding="utf-8")
    (d / "sources.csv").write_text(HEADER + OLD_ROW, encoding="utf-8")
    return d


def all_files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("given, expected", [
    ("宁波 案例.txt", "宁波 案例.txt"),                        # CJK and a space kept
    ("../../etc/passwd.txt", "passwd.txt"),                   # no path, no ..
    ("..\\..\\windows\\案例.TXT", "案例.txt"),                 # Windows separators; suffix lower-cased
    ("a..b.txt", "a.b.txt"),
    ("...", "upload"),
    (".hidden.txt", "hidden.txt"),                            # no hidden files (the build skips them)
    ("报告\x00\x1b[31m\u202e.txt", "报告[31m.txt"),            # control and bidi-override characters dropped
    ('a:b*c?"d<e>f|g.pdf', "a_b_c__d_e_f_g.pdf"),
    ("sources.csv", "upload.csv"),                            # never the manifest
    ("  汇编（2022）.docx ", "汇编（2022）.docx"),
    ("x" * 300 + ".txt", "x" * 80 + ".txt"),
    ("", "upload"),
])
def test_sanitize_filename(given, expected):
    assert upload.sanitize_filename(given) == expected


def test_sanitize_filename_is_unique_by_stem():
    """The stem is the source_id, so a.pdf next to a.txt is renamed too (case-insensitively)."""
    assert upload.sanitize_filename("案例.txt", {"案例"}) == "案例_2.txt"
    assert upload.sanitize_filename("Case.PDF", {"case", "case_2"}) == "Case_3.pdf"


def test_duplicate_by_sha256(raw):
    data = (raw / "000_a.txt").read_bytes()
    assert upload.duplicate_of(raw, upload.sha256_of(data)) == "000_a.txt"
    assert upload.duplicate_of(raw, upload.sha256_of(data + b" ")) is None
    pv = upload.preview("renamed copy.txt", data, raw)
    assert pv.error == upload.Refusal("refuse_duplicate", {"file": "000_a.txt"})


def test_token_compare_and_lockout():
    assert upload.token_matches("s3cret-令牌", "s3cret-令牌")
    assert not upload.token_matches("s3cret", "s3cret-令牌")
    gate = TokenGate()
    for i in range(upload.MAX_TRIES - 1):
        assert gate.attempt("wrong", "right", now=100.0 + i) == "wrong"
        assert gate.wait_seconds(100.0 + i) == 0
    assert gate.attempt("wrong", "right", now=110.0) == "wrong"        # the fifth wrong token
    assert gate.wait_seconds(110.0) == upload.LOCKOUT_SECONDS
    assert gate.attempt("right", "right", now=140.0) == "locked"        # even the right one must wait
    assert gate.wait_seconds(140.5) == 30
    assert gate.attempt("wrong", "right", now=170.0) == "wrong"         # a wrong try after the wait locks again
    assert gate.wait_seconds(170.0) == upload.LOCKOUT_SECONDS
    assert gate.attempt("right", "right", now=230.0) == "ok"
    assert (gate.failures, gate.wait_seconds(230.0)) == (0, 0)


def test_configured_token(monkeypatch):
    monkeypatch.delenv(upload.TOKEN_ENV, raising=False)
    assert upload.configured_token() is None
    monkeypatch.setenv(upload.TOKEN_ENV, "")
    assert upload.configured_token() is None
    monkeypatch.setenv(upload.TOKEN_ENV, "abc")
    assert upload.configured_token() == "abc"


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_manifest_append_adds_columns_and_keeps_rows(raw):
    row = upload.manifest_row("宁波.txt", {"title": "宁波案例", "publisher": "宁波日报", "published": "2024-03-01",
                                         "url": "https://example.org/a"}, NOW)
    upload.append_manifest(raw, [row])
    rows = read_rows(raw / "sources.csv")
    assert rows[0]["description"] == "a, quoted description" and rows[0]["arrived_via"] == ""
    assert rows[1] == {"file": "宁波.txt", "title": "宁波案例", "publisher": "宁波日报", "published": "2024-03-01",
                       "published_precision": "day", "script": "", "kind": "", "description": "", "noise": "",
                       "url": "https://example.org/a", "arrived_via": "upload",
                       "arrived_at": "2026-12-05T03:00:00+00:00"}
    # a second upload appends: the bytes before it are kept as they are
    before = (raw / "sources.csv").read_bytes()
    upload.append_manifest(raw, [upload.manifest_row("b.txt", {"published": "2024年3月"}, NOW)])
    after = (raw / "sources.csv").read_bytes()
    assert after.startswith(before)
    assert read_rows(raw / "sources.csv")[2]["published"] == ""       # not an ISO day: left empty


def test_manifest_append_from_excel_gbk_and_bom(raw):
    (raw / "sources.csv").write_bytes((HEADER + OLD_ROW).encode("gbk"))
    upload.append_manifest(raw, [upload.manifest_row("c.txt", {"title": "标题"}, NOW)])
    rows = read_rows(raw / "sources.csv")          # rewritten in UTF-8
    assert [r["title"] for r in rows] == ["旧文档", "标题"]
    (raw / "sources.csv").write_bytes(b"\xef\xbb\xbf" + (HEADER + OLD_ROW).encode("utf-8"))
    upload.append_manifest(raw, [upload.manifest_row("d.txt", {}, NOW)])
    data = (raw / "sources.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\xef\xbb\xbf") == 1
    assert [r["file"] for r in read_rows(raw / "sources.csv")] == ["000_a.txt", "d.txt"]


def test_manifest_created_when_absent(tmp_path):
    upload.append_manifest(tmp_path, [upload.manifest_row("e.txt", {}, NOW)])
    rows = read_rows(tmp_path / "sources.csv")
    assert rows[0]["file"] == "e.txt" and rows[0]["arrived_via"] == "upload"


def test_preview_runs_the_etl_on_a_copy(raw):
    before = {p: p.read_bytes() for p in all_files(raw)}
    pv = upload.preview("宁波/案例.txt", CASE_TEXT.encode("utf-8"), raw)
    assert pv.ok and pv.name == "案例.txt"
    assert [(c["title"], c["province"], c["city"]) for c in pv.cases] == [
        ("宁波市“浙里办”掌上办事平台建设成效显著", "浙江省", "宁波市")]
    assert {o["metric"] for o in pv.outcomes} >= {"registered_users", "services_online"}
    for o in pv.outcomes:                         # offsets index the text the preview highlights
        assert pv.raw[o["raw_start"]:o["raw_end"]] in o["quote"]
    assert pv.meta["title"] == "宁波市“浙里办”掌上办事平台建设成效显著"
    assert {p: p.read_bytes() for p in all_files(raw)} == before


@pytest.mark.parametrize("name, data, key", [
    ("empty.txt", b"   \n", "refuse_unreadable"),
    ("bin.txt", b"\x00\x01\x02" * 100, "refuse_unreadable"),
    ("big.txt", b"x" * 2_000_001, "refuse_large"),
    ("macro.docm", b"PK", "refuse_type"),
])
def test_preview_refusals(raw, name, data, key):
    pv = upload.preview(name, data, raw, max_mb=2)
    assert pv.error is not None and pv.error.key == key
    if key == "refuse_unreadable":
        assert pv.error.detail["reason"]       # read_document's own reason


def test_publish_writes_only_into_raw_and_rolls_back_a_failed_build(raw):
    root = raw.parent.parent
    before = {p: p.read_bytes() for p in all_files(root)}
    items = [Item("../../evil.txt", CASE_TEXT.encode("utf-8"), {"title": "t"})]
    res = upload.publish(raw, items, lambda: BuildResult(False, error="error: disk full"), NOW)
    assert not res.ok and res.error == upload.Refusal("refuse_build", {"reason": "error: disk full"})
    assert {p: p.read_bytes() for p in all_files(root)} == before        # nothing half-published

    res = upload.publish(raw, items, lambda: BuildResult(True, {"documents": 2, "cases": 1, "outcomes": 3}), NOW)
    assert res.ok and res.files == ["evil.txt"] and res.counts["cases"] == 1
    added = all_files(root) - set(before)
    assert added == {raw / "evil.txt"}
    assert (raw / "evil.txt").read_bytes() == CASE_TEXT.encode("utf-8")
    assert read_rows(raw / "sources.csv")[-1]["arrived_via"] == "upload"
    # the same bytes again: refused before anything is written
    res = upload.publish(raw, [Item("again.txt", CASE_TEXT.encode("utf-8"), {})], lambda: BuildResult(True), NOW)
    assert res.error.key == "refuse_duplicate" and not (raw / "again.txt").exists()


def test_publish_rolls_back_when_the_build_raises(raw):
    before = {p: p.read_bytes() for p in all_files(raw)}

    def boom():
        raise RuntimeError("killed")

    res = upload.publish(raw, [Item("a.txt", b"one", {}), Item("b.txt", b"two", {})], boom, NOW)
    assert res.error.key == "refuse_build" and "killed" in res.error.detail["reason"]
    assert {p: p.read_bytes() for p in all_files(raw)} == before


def test_publish_never_overwrites(raw):
    res = upload.publish(raw, [Item("000_a.txt", b"other bytes", {})], lambda: BuildResult(True), NOW)
    assert res.ok and res.files == ["000_a_2.txt"]
    assert (raw / "000_a.txt").read_text(encoding="utf-8") == "旧文档正文\n"


def test_safe_target_refuses_escapes(raw):
    for bad in ("../x.txt", "a/b.txt", ".hidden", "sources.csv", "..", ""):
        with pytest.raises(ValueError):
            upload.safe_target(raw, bad)
    assert upload.safe_target(raw, "好.txt") == raw.resolve() / "好.txt"


@pytest.mark.parametrize("line, parsed", [
    ("PROGRESS 3/12 003_x.txt\n", ("progress", (3, 12, "003_x.txt"))),
    ("PROGRESS 1/1 宁波 案例.pdf", ("progress", (1, 1, "宁波 案例.pdf"))),
    ("DONE 6 81 403\n", ("done", (6, 81, 403))),
    ("documents: 5 processed, 0 skipped", None),
])
def test_parse_build_lines(line, parsed):
    assert upload.parse_line(line) == parsed


def test_one_line_error():
    assert upload.one_line_error("Traceback...\nerror: no document read: kept the old warehouse\n", 1) == \
        "error: no document read: kept the old warehouse"
    assert upload.one_line_error("", 3) == "exit code 3"


def test_run_build_end_to_end(raw, tmp_path):
    """The real build in a child process over a temporary raw directory; counts from DONE or the warehouse."""
    (raw / "宁波.txt").write_text(CASE_TEXT, encoding="utf-8")
    out = tmp_path / "w.duckdb"
    seen = []
    res = upload.run_build(raw, out, lambda d, t, f: seen.append((d, t, f)))
    assert res.ok, res.error
    counts = upload.warehouse_counts(out)
    assert counts["documents"] == 2 and counts["cases"] >= 1 and counts["outcomes"] >= 2
    if upload.supports_progress():
        assert seen and seen[-1][:2] == (2, 2)
        assert res.counts == counts                     # the DONE line says what the warehouse holds
    bad = upload.run_build(tmp_path / "missing", tmp_path / "x.duckdb")
    assert not bad.ok and bad.error.startswith("error")


FORMATS = Path(__file__).parent / "data" / "formats"


@pytest.mark.parametrize("name", ["p01.txt", "p01.pdf", "p01.docx", "p01.html"])
def test_preview_of_every_format(raw, name):
    """The same passage as text, printed PDF, Word and saved web page: one case in 苏州, outcomes whose
    offsets index the text the preview highlights, and a prefilled title."""
    pv = upload.preview(name, (FORMATS / name).read_bytes(), raw)
    assert pv.ok, pv.error
    assert [(c["province"], c["city"]) for c in pv.cases] == [("江苏省", "苏州市")]
    assert pv.outcomes and all(pv.raw[o["raw_start"]:o["raw_end"]] for o in pv.outcomes)
    assert pv.meta["title"] == "苏州“苏周到”App注册用户突破1200万"


def test_preview_of_a_scan_says_it_needs_ocr(raw, monkeypatch):
    monkeypatch.setenv("ETL_OCR", "off")  # as without the OCR extra
    pv = upload.preview("scan.pdf", (FORMATS / "scan.pdf").read_bytes(), raw)
    assert pv.error.key == "refuse_unreadable" and "needs OCR" in pv.error.detail["reason"]


def test_publish_with_the_real_build_records_the_arrival(raw, tmp_path):
    """The manifest row this module writes is what the build reads into sources.arrived_via/arrived_at."""
    import duckdb

    out = tmp_path / "w.duckdb"
    assert upload.run_build(raw, out).ok
    res = upload.publish(raw, [Item("宁波.txt", CASE_TEXT.encode("utf-8"), {"title": "宁波案例"})],
                         lambda: upload.run_build(raw, out), NOW)
    assert res.ok, res.error
    con = duckdb.connect(str(out), read_only=True)
    try:
        rows = dict(con.execute("SELECT file, arrived_via FROM sources").fetchall())
        at = con.execute("SELECT CAST(arrived_at AS VARCHAR) FROM sources WHERE file = '宁波.txt'").fetchone()[0]
        warnings = con.execute("SELECT count(*) FROM build_log WHERE level <> 'info' AND file = '宁波.txt'").fetchone()
    finally:
        con.close()
    assert rows == {"000_a.txt": "build", "宁波.txt": "upload"}
    assert at.startswith("2026-12-05 03:00:00")
    assert warnings == (0,)
