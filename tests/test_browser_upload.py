"""Browser test of 添加文档: a staff member unlocks the page, drops a .txt case file, publishes it, and
finds the new case in 案例浏览. The server works on a TEMPORARY copy of data/raw and its own
warehouse (RAW_DIR, WAREHOUSE_PATH), so the project's data is never touched."""
from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import RAW, ROOT
from tests.test_browser import _serve, browser, page, wait_idle  # noqa: F401 — fixtures

pytestmark = pytest.mark.browser
TOKEN = "browser-test-令牌"
CASE_TITLE = "衢州市“县域数字治理”平台建设成效显著"
CASE_TEXT = (
    f"{CASE_TITLE}\n"
    "衢州市大数据发展中心积极推进数字政府建设，打造县域数字治理平台。\n"
    "平台上线以来，累计归集数据量达12.5亿条，处置事件约8.6万件，上线服务事项960余项。\n"
)


@pytest.fixture
def upload_server(tmp_path):
    """A server with UPLOAD_TOKEN set, over a copy of data/raw and a warehouse built from that copy."""
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    warehouse = tmp_path / "warehouse.duckdb"
    subprocess.run([sys.executable, "-m", "etl", "build", "--input", str(raw), "--output", str(warehouse)],
                   cwd=ROOT, check=True, capture_output=True)
    project = {p: p.stat().st_mtime_ns for p in RAW.iterdir()}
    server = _serve(warehouse, RAW_DIR=str(raw), UPLOAD_TOKEN=TOKEN)
    yield next(server), raw
    next(server, None)                                                   # stops the server
    assert {p: p.stat().st_mtime_ns for p in RAW.iterdir()} == project     # the real data/raw untouched


def test_upload_publish_and_find_the_case(upload_server, page):  # noqa: F811 — fixture from test_browser
    url, raw = upload_server
    page.goto(f"{url}/upload")
    wait_idle(page)
    page.get_by_label("上传口令").fill(TOKEN)
    page.get_by_role("button", name="验证口令").click()
    page.locator('input[type="file"]').set_input_files(
        files=[{"name": "衢州 案例.txt", "mimeType": "text/plain", "buffer": CASE_TEXT.encode("utf-8")}])
    page.get_by_text("找到 1 个案例").wait_for(timeout=60000)
    page.locator("mark").first.wait_for(timeout=30000)       # outcomes highlighted in their sentences
    assert page.get_by_label("标题").input_value() == CASE_TITLE
    page.screenshot(path=f"{os.environ.get('DASHBOARD_SCREENSHOTS', '/tmp')}/dashboard_upload_preview.png",
                    full_page=True)
    page.get_by_role("button", name="发布到看板").click()
    n_docs = sum(1 for p in RAW.iterdir() if p.name != "sources.csv") + 1
    page.get_by_text(f"已发布 衢州 案例.txt。数据仓库现有 {n_docs} 份文档").wait_for(timeout=120000)
    page.screenshot(path=f"{os.environ.get('DASHBOARD_SCREENSHOTS', '/tmp')}/dashboard_upload.png", full_page=True)
    assert (raw / "衢州 案例.txt").read_bytes() == CASE_TEXT.encode("utf-8")
    with (raw / "sources.csv").open(encoding="utf-8", newline="") as fh:
        row = list(csv.DictReader(fh))[-1]
    assert (row["file"], row["title"], row["arrived_via"]) == ("衢州 案例.txt", CASE_TITLE, "upload")

    page.get_by_test_id("stSidebarNav").get_by_text("案例浏览").click()
    wait_idle(page)
    page.get_by_label("搜索案例(标题、简称、单位、地区和正文)").fill("衢州")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=f"案例详情: {CASE_TITLE}").wait_for(timeout=60000)
    assert page.get_by_test_id("stException").count() == 0
    assert page.outside_requests == []
