"""The web platform in a real browser (Playwright driving Debian's chromium) against a real
``juesuan serve --demo`` process with its queue worker, on SQLite and on PostgreSQL.

The whole workflow: log in, upload a workbook that stops at a 错误, see the finding, fix it in the
online form, submit, return with a comment, resubmit, approve, publish, download; then a second
department's user gets 404 on the first department's pages, and a unit's (单位) preparer works on the
unit's own year but gets 404 on its department's. A screenshot of each step is kept
under ``.artefacts/web/<database>/`` (gitignored). PostgreSQL runs when JUESUAN_TEST_DATABASE_URL
names a server the tests may create databases on (``.ci/run`` starts one); otherwise it is skipped.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from web_fixtures import PASSWORD, ROOT, postgres_database, require_web, workbook_without_reason

require_web()
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/lib/chromium/chromium") if Path(p).exists()), None)
ARTEFACTS = ROOT / ".artefacts" / "web"
WAIT_MS = 240_000  # a build queued behind the demo's two, on a busy 2-core machine


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(request, tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip("chromium not installed (apt-get install chromium)")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "JUESUAN_DEMO_PASSWORD": PASSWORD}
    env.pop("JUESUAN_QUEUE_SYNC", None)
    env.pop("DATABASE_URL", None)
    drop = None
    if request.param == "postgresql":
        env["DATABASE_URL"], drop = postgres_database("browser")
    data = tmp_path_factory.mktemp(f"web-{request.param}")
    port = _free_port()
    log = open(data / "serve.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "juesuan", "serve", "--demo", "--port", str(port), "--data", str(data)],
                            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, cwd=ROOT)
    deadline = time.time() + 180
    while time.time() < deadline:
        if proc.poll() is not None:
            pytest.fail("juesuan serve exited:\n" + (data / "serve.log").read_text())
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.5)
    else:
        pytest.fail("juesuan serve did not start:\n" + (data / "serve.log").read_text())
    out = ARTEFACTS / request.param
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    yield {"url": f"http://127.0.0.1:{port}", "db": request.param, "shots": out, "data": data}
    os.killpg(proc.pid, signal.SIGINT)  # our own session: the server and its queue worker
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
    log.close()
    if drop:
        drop()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


class Session:
    def __init__(self, browser, server):
        self.ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="zh-CN")
        self.page = self.ctx.new_page()
        self.page.set_default_timeout(WAIT_MS)
        self.url, self.shots, self.n = server["url"], server["shots"], 0

    def shot(self, name: str) -> None:
        self.n += 1
        self.page.screenshot(path=str(self.shots / f"{self.n:02d}-{name}.png"), full_page=True)

    def login(self, username: str) -> None:
        self.ctx.clear_cookies()
        self.page.goto(self.url + "/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", PASSWORD)
        self.page.click("button[type=submit]")
        self.page.wait_for_selector("header .who")

    def wait_processed(self) -> None:
        """The version page refreshes itself while the job runs; wait for the result heading."""
        self.page.wait_for_selector("text=审核结果：")

    def goto_dy(self, dy_url: str) -> None:
        self.page.goto(dy_url)


def test_workflow_in_a_browser(server, browser, tmp_path):
    s = Session(browser, server)
    page = s.page
    s.login("datong-tb")
    s.shot("preparer-department")
    dy_url = page.url
    assert "/dy/" in dy_url and "大同市住房和城乡建设局" in page.content()

    # upload a workbook whose 收入支出总计 reason is missing: a 错误 blocks generation
    page.set_input_files("#file", str(workbook_without_reason(tmp_path / "大同填报.xlsx")))
    page.click("#upload")
    s.wait_processed()
    s.shot("findings-with-error")
    assert page.locator("#group-error .finding[data-rule='COMP-004']").count() >= 1
    assert page.locator("#blocked").is_visible()
    assert page.locator("a.download", has_text=".docx").count() == 0

    # fix it in the online form: the missing reason comes first, marked 待补充
    page.goto(dy_url + "texts/")
    s.shot("texts-form")
    page.fill("textarea[name='t:total_change']", "主要是城乡社区支出中的保障性安居工程项目增加。")
    page.click("#save-texts")
    s.wait_processed()
    s.shot("fixed-no-error")
    assert page.locator("#group-error").count() == 0
    assert page.locator("a.download", has_text=".docx").count() == 1

    # the department head submits
    s.login("datong-fz")
    page.goto(dy_url)
    page.click("#submit")
    assert page.locator("#status").inner_text() == "已提交"
    s.shot("submitted")

    # the reviewer starts the review and returns it with a comment on one finding
    s.login("reviewer")
    page.goto(dy_url)
    page.click("#start-review")
    page.click("text=逐条填写意见并退回")
    page.locator("#group-warning textarea").first.fill("请核对上年各类支出的增减额。")
    page.fill("#general-comment", "请补充说明后重新提交。")
    s.shot("review-comments")
    page.click("#return")
    assert page.locator("#status").inner_text() == "退回"
    s.shot("returned")

    # the preparer sees the comments and uploads a corrected workbook (the complete example)
    s.login("datong-tb")
    page.goto(dy_url)
    assert "请核对上年各类支出的增减额" in page.content()
    from juesuan.init import init_workbook

    fixed = tmp_path / "大同填报-修改.xlsx"
    init_workbook(fixed, example=ROOT / "examples" / "datong-housing-2024")
    page.set_input_files("#file", str(fixed))
    page.click("#upload")
    s.wait_processed()
    s.shot("corrected-version")
    page.click("text=与第")
    s.shot("compare-with-previous")
    assert "情况说明" in page.content()

    # resubmit, review, approve, publish
    s.login("datong-fz")
    page.goto(dy_url)
    page.click("#submit")
    s.login("reviewer")
    page.goto(dy_url)
    page.click("#start-review")
    page.click("#approve")
    assert page.locator("#status").inner_text() == "已审核"
    page.click("#publish")
    assert page.locator("#status").inner_text() == "已公开"
    s.shot("published")

    # download the generated Word document of the latest version
    page.click("#versions a >> nth=0")
    with page.expect_download() as info:
        page.locator("a.download", has_text=".docx").click()
    download = info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    assert target.suffix == ".docx" and target.stat().st_size > 10_000
    page.goto(server["url"] + "/bureau/")
    s.shot("bureau-dashboard")
    assert "已公开" in page.locator("#departments").inner_text()
    s.ctx.close()


def test_second_department_gets_404(server, browser):
    s = Session(browser, server)
    page = s.page
    s.login("datong-tb")
    dy_url = page.url
    version_url = page.locator("#versions a >> nth=0").get_attribute("href")
    s.login("putuo-tb")
    assert "上海市普陀区财政局" in page.content()
    for url in (dy_url, server["url"] + version_url, server["url"] + version_url + "file/", server["url"] + "/bureau/"):
        response = page.goto(url)
        assert response.status == 404, url
    s.shot("isolation-404")
    # a unit's preparer works on the unit's own year (单位决算) and gets 404 on its department's pages
    s.login("datong-dw")
    assert "单位决算" in page.locator("h1").inner_text() and page.locator("#upload").count() == 1
    assert "大同市住房和城乡建设局" in page.locator("#parent").inner_text()
    s.shot("unit-own-year")
    for url in (dy_url, server["url"] + version_url):
        assert page.goto(url).status == 404, url
    s.ctx.close()
