"""AppTest of 添加文档 (pages/upload.py) over a temporary copy of the fixture data: disabled without
UPLOAD_TOKEN, the token gate and its lockout, the preview of a dropped file, a refused publish."""
from __future__ import annotations

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import upload
from tests.conftest import ROOT
from tests.fixtures_dashboard import build_warehouse, use_navigation_v2
from tests.test_upload import CASE_TEXT

TOKEN = "令牌-correct-horse"


@pytest.fixture
def dirs(tmp_path_factory, tmp_path, monkeypatch):
    base = tmp_path_factory.getbasetemp() / "upload_page_fixture"
    if not base.exists():
        build_warehouse(base / "warehouse.duckdb", base / "raw")
    shutil.copytree(base, tmp_path / "d")
    d = tmp_path / "d"
    monkeypatch.setenv("WAREHOUSE_PATH", str(d / "warehouse.duckdb"))
    monkeypatch.setenv("RAW_DIR", str(d / "raw"))
    use_navigation_v2(monkeypatch)
    return d


def run_page(lang: str = "zh") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if lang == "en":
        at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/upload.py").run()
    assert not at.exception, at.exception
    return at


def texts(at) -> str:
    return "\n".join(e.value for kind in ("info", "error", "success", "warning", "markdown", "caption")
                     for e in getattr(at, kind))


def unlock(at, token: str = TOKEN) -> AppTest:
    at.text_input(key="upload_token_input").input(token)
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def test_disabled_without_token(dirs, monkeypatch):
    monkeypatch.delenv("UPLOAD_TOKEN", raising=False)
    at = run_page()
    assert at.title[0].value == "添加文档"
    assert "只读" in at.info[0].value and "UPLOAD_TOKEN" in at.info[0].value
    assert not at.get("file_uploader") and not at.text_input


def test_wrong_token_then_lockout(dirs, monkeypatch):
    monkeypatch.setenv("UPLOAD_TOKEN", TOKEN)
    at = run_page()
    assert at.text_input(key="upload_token_input").label == "上传口令"
    unlock(at, "guess")
    assert "口令不正确" in texts(at) and not at.get("file_uploader")
    for _ in range(upload.MAX_TRIES - 1):
        unlock(at, "guess")
    assert "秒后再试" in texts(at)
    unlock(at, TOKEN)                                   # right, but within the minute: still refused
    assert "秒后再试" in texts(at) and not at.get("file_uploader")


def test_token_label_in_english(dirs, monkeypatch):
    monkeypatch.setenv("UPLOAD_TOKEN", TOKEN)
    at = run_page("en")
    assert at.text_input(key="upload_token_input").label == "Upload token"


def test_preview_then_failed_publish_leaves_nothing(dirs, monkeypatch):
    monkeypatch.setenv("UPLOAD_TOKEN", TOKEN)
    at = unlock(run_page())
    uploader = at.get("file_uploader")[0]
    assert ".txt" in uploader.proto.type
    assert f"{upload.MAX_UPLOAD_MB:g} MB" in texts(at)
    uploader.set_value(("宁波<b>案例</b>.txt", CASE_TEXT.encode("utf-8"), "text/plain"))
    at.run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert "找到 1 个案例" in shown
    table = at.table[0].value
    assert table.iloc[0].tolist()[0:3] == ["宁波市“浙里办”掌上办事平台建设成效显著", "浙江省 宁波市", "—"]
    html_blocks = [m.value for m in at.markdown if "<mark" in m.value]
    assert any("<mark>860万</mark>" in b for b in html_blocks)
    assert all("<b>案例</b>" not in b for b in html_blocks)       # the file name is escaped
    assert [w.value for w in at.text_input if w.label == "标题"] == ["宁波市“浙里办”掌上办事平台建设成效显著"]
    raw = dirs / "raw"
    before = {p.name: p.read_bytes() for p in raw.iterdir()}
    monkeypatch.setattr(upload, "run_build",
                        lambda *a, **k: upload.BuildResult(False, error="error: cannot write warehouse"))
    at.button(key="upload_publish").click().run()
    assert "重新构建失败" in texts(at) and "cannot write warehouse" in texts(at)
    assert {p.name: p.read_bytes() for p in raw.iterdir()} == before


def test_duplicate_is_refused_in_the_preview(dirs, monkeypatch):
    monkeypatch.setenv("UPLOAD_TOKEN", TOKEN)
    at = unlock(run_page())
    existing = next(p for p in (dirs / "raw").iterdir() if p.suffix == ".txt")
    at.get("file_uploader")[0].set_value(("copy.txt", existing.read_bytes(), "text/plain"))
    at.run()
    assert f"相同的文件已存在:{existing.name}" in texts(at)
    assert at.button(key="upload_publish").disabled


def test_method_page_shows_how_each_source_arrived(dirs, monkeypatch):
    """数据与方法 lists build or upload and when, from the sources table (when it has those columns)."""
    import duckdb

    from tests.test_app_pages import table

    arrived = dirs / "arrived.duckdb"
    shutil.copy(dirs / "warehouse.duckdb", arrived)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/method.py").run()
    assert not at.exception, at.exception          # with or without the columns (older warehouses lack them)
    con = duckdb.connect(str(arrived))
    con.execute("ALTER TABLE sources ADD COLUMN IF NOT EXISTS arrived_via VARCHAR")
    con.execute("ALTER TABLE sources ADD COLUMN IF NOT EXISTS arrived_at TIMESTAMP")
    con.execute("UPDATE sources SET arrived_via = 'build', arrived_at = TIMESTAMP '2026-12-01 08:00:00'")
    con.execute("UPDATE sources SET arrived_via = 'upload', arrived_at = TIMESTAMP '2026-12-05 03:10:00' "
                "WHERE file = '101_fixture_awards.txt'")
    con.close()
    monkeypatch.setenv("WAREHOUSE_PATH", str(arrived))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/method.py").run()
    assert not at.exception, at.exception
    srcs = table(at, "sources")          # rows in file order: 100_…compendium, 101_…awards, 102_…tiers
    assert srcs["收录方式"].tolist()[:2] == ["构建", "上传"]
    assert srcs["收录时间"].iloc[1].startswith("2026-12-05 03:10")


def test_same_file_twice_in_one_drop(dirs, monkeypatch):
    monkeypatch.setenv("UPLOAD_TOKEN", TOKEN)
    at = unlock(run_page())
    data = CASE_TEXT.encode("utf-8")
    at.get("file_uploader")[0].set_value([("a.txt", data, "text/plain"), ("b.txt", data, "text/plain")])
    at.run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == ["相同的文件已存在:a.txt(sha256 相同)。"]
    assert not at.button(key="upload_publish").disabled


def test_works_before_any_warehouse_exists(dirs, monkeypatch):
    """The first document of a new deployment can be added from the browser: no warehouse yet."""
    monkeypatch.setenv("UPLOAD_TOKEN", TOKEN)
    monkeypatch.setenv("WAREHOUSE_PATH", str(dirs / "not-built-yet.duckdb"))
    at = unlock(run_page())
    assert at.get("file_uploader") and not at.code
