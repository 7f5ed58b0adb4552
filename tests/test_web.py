"""The web platform in process (Django test client, SQLite, jobs inline): organisation isolation
on every view and download, CSRF, login rate limiting, password policy, upload checks, files
outside any static root, production settings, the append-only audit log, the workflow rules."""
from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from decimal import Decimal

import pytest

from web_fixtures import PASSWORD, ROOT, django_in_process, require_web, workbook_without_reason

require_web()


@pytest.fixture(scope="module")
def site():
    return django_in_process()


def client(username=None, **kw):
    from django.test import Client

    c = Client(**kw)
    if username:
        assert c.login(username=username, password=PASSWORD)
    return c


def dy_of(code_slug: str):
    from juesuan.web.models import DepartmentYear

    name = {"datong": "大同市住房和城乡建设局", "putuo": "上海市普陀区财政局"}[code_slug]
    return DepartmentYear.objects.get(department__name=name, year=2024)


def upload(c, dy, path, kind="workbook"):
    with open(path, "rb") as fh:
        return c.post(f"/dy/{dy.pk}/upload/", {"file": fh, "kind": kind})


def test_demo_built_both_departments_with_money_exact(site):
    from juesuan.web.models import Processing

    for slug in ("datong", "putuo"):
        proc = Processing.objects.get(version=dy_of(slug).latest_version())
        assert proc.state == "done" and proc.errors == 0
        assert isinstance(proc.total_expenditure, Decimal)
    assert Processing.objects.get(version=dy_of("putuo").latest_version()).total_expenditure == Decimal("2995.40")


def test_isolation_every_view_and_download_is_404_for_another_department(site):
    a = dy_of("putuo")
    v = a.latest_version()
    outputs = [p.name for p in __import__("juesuan.web.tasks", fromlist=["outputs"]).outputs(v)]
    assert outputs
    c = client("datong-tb")
    gets = [f"/dy/{a.pk}/", f"/dy/{a.pk}/texts/", f"/v/{v.pk}/", f"/v/{v.pk}/status/", f"/v/{v.pk}/file/",
            f"/v/{v.pk}/compare/"] + [f"/v/{v.pk}/out/{n}" for n in outputs]
    for url in gets:
        assert c.get(url).status_code == 404, url
    posts = [f"/dy/{a.pk}/upload/", f"/dy/{a.pk}/texts/", f"/dy/{a.pk}/action/submit/", f"/v/{v.pk}/override/"]
    for url in posts:
        assert c.post(url, {"reason": "xxxxxx", "comment": "x"}).status_code == 404, url
    # bureau pages are not a department's
    for url in ("/bureau/", "/bureau/export.xlsx", "/bureau/documents.zip", "/bureau/audit-log/"):
        assert c.get(url).status_code == 404, url
    # its own department works
    own = dy_of("datong")
    assert c.get(f"/dy/{own.pk}/").status_code == 200
    assert c.get(f"/v/{own.latest_version().pk}/file/").status_code == 200


def test_units_prepare_their_own_year_and_see_only_what_their_role_allows(site, tmp_path):
    """财政局 → 部门 → 单位: a unit's preparer prepares and submits the unit's own year (单位决算); a sibling
    unit, the parent department's preparer and another department get 404 on it, and the unit's user
    gets 404 on theirs; the department's head reads its units' years but does not prepare them; the
    bureau sees every department and unit."""
    from django.contrib.auth import get_user_model

    from juesuan.web.models import DepartmentYear, Membership, Organisation
    from juesuan.init import init_workbook

    dept_dy = dy_of("datong")
    dept = dept_dy.department
    unit_dy = DepartmentYear.objects.get(department__parent=dept, department__kind=Organisation.UNIT, year=2024)
    sibling = Organisation.objects.create(name="大同市住房保障服务中心", code="dt-002", kind=Organisation.UNIT, parent=dept)
    sibling_dy = DepartmentYear.objects.create(department=sibling, year=2024)
    Membership.objects.create(user=get_user_model().objects.create_user("sibling-dw", password=PASSWORD), organisation=sibling,
                              role=Membership.PREPARER)

    # the unit's preparer lands on the unit's own year, uploads, and submits it
    c = client("datong-dw")
    assert c.get("/").url == f"/dy/{unit_dy.pk}/"
    page = c.get(f"/dy/{unit_dy.pk}/").content.decode()
    assert "单位决算" in page and 'id="upload"' in page and "所属部门" in page
    init_workbook(tmp_path / "单位填报.xlsx", example=ROOT / "examples" / "datong-housing-2024")
    upload(c, unit_dy, tmp_path / "单位填报.xlsx")
    v = unit_dy.latest_version()
    assert v is not None and v.processing.state == "done"
    assert c.post(f"/dy/{unit_dy.pk}/action/submit/").status_code == 302
    unit_dy.refresh_from_db()
    assert unit_dy.status == DepartmentYear.SUBMITTED

    def pages(dy):
        latest = dy.latest_version()
        urls = [f"/dy/{dy.pk}/", f"/dy/{dy.pk}/texts/"]
        if latest is not None:
            urls += [f"/v/{latest.pk}/", f"/v/{latest.pk}/file/", f"/v/{latest.pk}/status/"]
        return urls

    # the unit's user: not the sibling unit, not the parent department, not the bureau
    for url in pages(sibling_dy) + pages(dept_dy) + ["/bureau/", "/bureau/export.xlsx"]:
        assert c.get(url).status_code == 404, url
    assert c.post(f"/dy/{dept_dy.pk}/upload/").status_code == 404
    # the sibling unit's user, the department's preparer, another department's head: not the unit
    for name in ("sibling-dw", "datong-tb", "putuo-fz", "putuo-dw"):
        other = client(name)
        for url in pages(unit_dy):
            assert other.get(url).status_code == 404, (name, url)
        assert other.post(f"/dy/{unit_dy.pk}/action/submit/").status_code == 404, name
    assert client("sibling-dw").get(f"/dy/{sibling_dy.pk}/").status_code == 200
    # the department head reads its units' years (linked from the department's page) but does not prepare them
    head = client("datong-fz")
    assert f"/dy/{unit_dy.pk}/" in head.get(f"/dy/{dept_dy.pk}/").content.decode()
    for url in pages(unit_dy):
        assert head.get(url).status_code == 200, url
    assert 'id="upload"' not in head.get(f"/dy/{unit_dy.pk}/").content.decode()
    with open(tmp_path / "单位填报.xlsx", "rb") as fh:
        assert head.post(f"/dy/{unit_dy.pk}/upload/", {"file": fh, "kind": "workbook"}).status_code == 404
    assert head.post(f"/dy/{unit_dy.pk}/texts/", {"t:note.procurement": "改"}).status_code == 404
    # the bureau sees departments and units, each unit after its department, and reviews a unit's year
    rev = client("reviewer")
    board = rev.get("/bureau/?year=2024").content.decode()
    assert board.index("大同市住房和城乡建设局</a>") < board.index("大同市住房保障服务中心") and "单位" in board
    assert rev.post(f"/dy/{unit_dy.pk}/action/start_review/").status_code == 302
    unit_dy.refresh_from_db()
    assert unit_dy.status == DepartmentYear.REVIEWING


def test_anonymous_gets_login_never_a_file(site):
    v = dy_of("putuo").latest_version()
    c = client()
    for url in (f"/v/{v.pk}/file/", f"/dy/{v.department_year.pk}/", "/bureau/"):
        r = c.get(url)
        assert r.status_code == 302 and "/login/" in r["Location"]


def test_csrf_is_enforced(site):
    c = client("reviewer", enforce_csrf_checks=True)
    dy = dy_of("putuo")
    r = c.post(f"/dy/{dy.pk}/action/start_review/")
    assert r.status_code == 403
    c = client(enforce_csrf_checks=True)
    assert c.post("/login/", {"username": "reviewer", "password": PASSWORD}).status_code == 403


def test_login_rate_limited_after_repeated_failures(site):
    from django.conf import settings

    c = client()
    for _ in range(settings.LOGIN_MAX_FAILURES):
        r = c.post("/login/", {"username": "putuo-fz", "password": "wrong"})
        assert r.status_code == 200
    r = c.post("/login/", {"username": "putuo-fz", "password": PASSWORD})  # even the right password
    assert r.status_code == 429 and "次数过多" in r.content.decode()
    from juesuan.web.models import LoginFailure

    LoginFailure.objects.all().delete()
    assert c.post("/login/", {"username": "putuo-fz", "password": PASSWORD}).status_code == 302


def test_password_policy(site):
    c = client("putuo-tb")
    for weak in ("12345678901", "password123", "putuo-tb1"):
        r = c.post("/password/", {"old_password": PASSWORD, "new_password1": weak, "new_password2": weak})
        assert r.status_code == 200, weak  # the form is shown again with the reason
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.get(username="putuo-tb").check_password(PASSWORD)


def test_uploads_are_checked_by_content(site, tmp_path):
    from django.test import override_settings

    from juesuan.web.models import Version

    dy = dy_of("putuo")
    c = client("putuo-tb")
    before = Version.objects.filter(department_year=dy).count()
    fake = tmp_path / "报表.xlsx"
    fake.write_text("这不是工作簿", encoding="utf-8")
    r = upload(c, dy, fake)
    assert "无法识别的文件类型" in r.wsgi_request._messages._queued_messages[0].message
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (400 * 1024 * 1024))
    assert bomb.stat().st_size < 2 * 1024 * 1024
    r = upload(c, dy, bomb)
    assert "压缩炸弹" in r.wsgi_request._messages._queued_messages[0].message
    with override_settings(MAX_UPLOAD_BYTES=1024):
        r = upload(c, dy, ROOT / "examples" / "putuo-finance-2024" / "accounts.yaml")
        assert "文件过大" in r.wsgi_request._messages._queued_messages[0].message
    import pypdfium2

    pdf = pypdfium2.PdfDocument.new()
    for _ in range(3):
        pdf.new_page(595, 842)
    pdf_path = tmp_path / "doc.pdf"
    pdf.save(str(pdf_path))
    with override_settings(MAX_PDF_PAGES=2):
        r = upload(c, dy, pdf_path, kind="document")
        assert "超过上限 2 页" in r.wsgi_request._messages._queued_messages[0].message
    assert Version.objects.filter(department_year=dy).count() == before


def test_files_live_outside_static_and_static_serves_only_static(site):
    from django.conf import settings

    from juesuan.web.models import Version
    from juesuan.web.tasks import version_file

    v = Version.objects.first()
    assert str(version_file(v)).startswith(str(settings.FILES_DIR))
    c = client()
    assert c.get("/static/admin/css/base.css").status_code == 200
    assert c.get(f"/static/../files/{v.stored_path}").status_code in (400, 404)  # refused as a traversal
    assert c.get(f"/static/{v.stored_path}").status_code == 404


def test_production_settings_without_debug(tmp_path):
    code = ("from django.conf import settings as s; import django; django.setup(); "
            "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.X_FRAME_OPTIONS)")
    env = {**os.environ, "JUESUAN_DATA": str(tmp_path), "DJANGO_SETTINGS_MODULE": "juesuan.web.settings", "JUESUAN_PROXY": "1",
           "PYTHONPATH": str(ROOT / "src")}
    env.pop("JUESUAN_WEB_DEBUG", None)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["False", "True", "True", "True", "DENY"], out.stderr
    check = subprocess.run([sys.executable, "-m", "juesuan.web.manage", "check", "--deploy", "--fail-level", "WARNING"],
                           env={**env, "JUESUAN_SECRET_KEY": __import__("secrets").token_urlsafe(50)}, capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr


def test_audit_log_is_append_only_and_shown_to_the_admin_only(site):
    from django.db import DatabaseError, connection, transaction

    from juesuan.web.models import AuditEvent

    client("reviewer").get("/bureau/export.xlsx")
    event = AuditEvent.objects.filter(action="导出部门列表").first()
    assert event is not None and event.user == "reviewer" and event.ip == "127.0.0.1"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()
    for sql in ("UPDATE web_auditevent SET action='x'", "DELETE FROM web_auditevent"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
            cur.execute(sql)
    page = client("admin").get("/bureau/audit-log/").content.decode()
    assert "导出部门列表" in page
    assert client("reviewer").get("/bureau/audit-log/").status_code == 404


def test_error_blocks_generation_until_texts_fix_it_or_a_reviewer_overrides(site, tmp_path):
    from juesuan.web.models import Processing, Version
    from juesuan.web.tasks import outputs

    dy = dy_of("datong")
    c = client("datong-tb")
    r = upload(c, dy, workbook_without_reason(tmp_path / "填报.xlsx"))
    v = Version.objects.filter(department_year=dy).order_by("-number").first()
    proc = Processing.objects.get(version=v)
    assert proc.errors >= 1 and not proc.generated
    assert not any(p.suffix == ".docx" for p in outputs(v))
    page = c.get(f"/v/{v.pk}/").content.decode()
    assert "COMP-004" in page and "未生成可公开" in page
    # the form names the missing reason; last year's 政府采购 text is pre-filled
    form = c.get(f"/dy/{dy.pk}/texts/").content.decode()
    assert "t:total_change" in form and "本部门政府采购均按规定程序执行" in form
    # the build recorded the gap as (key, label): the form shows its label and marks it 待补充
    assert ["total_change", "收入支出总计增减变化的主要原因"] in proc.gaps
    assert '收入支出总计增减变化的主要原因<div class="muted place">total_change</div><div class="sev-error">待补充</div>' in form
    # the head cannot get an unfinished department past the reviewer: approve needs generated documents
    rev = client("reviewer")
    hd = client("datong-fz")
    assert hd.post(f"/dy/{dy.pk}/action/submit/").status_code == 302
    rev.post(f"/dy/{dy.pk}/action/start_review/")
    rev.post(f"/dy/{dy.pk}/action/approve/")
    dy.refresh_from_db()
    assert dy.status == "reviewing"
    # an override with a reason generates the documents and is recorded
    rev.post(f"/v/{v.pk}/override/", {"reason": "该原因已在其他章节说明"})
    assert Processing.objects.get(version=v).generated
    assert any(p.suffix == ".docx" for p in outputs(v))
    rev.post(f"/dy/{dy.pk}/action/approve/")
    dy.refresh_from_db()
    assert dy.status == "approved"
    # versions are immutable
    with pytest.raises(ValueError):
        v.save()
    # compare with the previous version: the narrative changed, the tables did not
    diff = c.get(f"/v/{v.pk}/compare/").content.decode()
    assert "表格数字没有变化" in diff and "待补充" in diff


def test_dashboard_filters_and_exports(site):
    import openpyxl

    c = client("reviewer")
    page = c.get("/bureau/?year=2024").content.decode()
    assert "大同市住房和城乡建设局" in page and "上海市普陀区财政局" in page
    page = c.get("/bureau/?year=2024&status=draft").content.decode()
    assert "上海市普陀区财政局" in page
    r = c.get("/bureau/export.xlsx?year=2024")
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    names = [row[0] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert set(names) >= {"大同市住房和城乡建设局", "上海市普陀区财政局"}
    r = c.get("/bureau/documents.zip?year=2024")
    names = zipfile.ZipFile(io.BytesIO(r.content)).namelist()
    assert any(n.endswith(".docx") for n in names)


def test_serve_without_the_web_extra_says_what_to_install():
    code = ("import sys; sys.modules['django'] = None; sys.argv = ['juesuan', 'serve']; "
            "from juesuan.cli import main; main()")
    out = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, capture_output=True, text=True, timeout=120)
    assert out.returncode == 2
    assert "pip install 'juesuan[web]'" in out.stderr and "Traceback" not in out.stderr


def test_published_pdf_is_audited_and_its_page_shown_with_the_finding_outlined(site):
    from PIL import Image

    from juesuan.web.models import Finding, Version

    corpus = ROOT.parent / "shared" / "corpus" / "putuo-finance-2024.pdf"
    if not corpus.exists():
        pytest.skip("corpus document putuo-finance-2024.pdf not available")
    dy = dy_of("putuo")
    c = client("putuo-tb")
    upload(c, dy, corpus, kind="document")
    v = Version.objects.filter(department_year=dy).order_by("-number").first()
    assert v.kind == "document" and v.processing.state == "done"
    f = Finding.objects.filter(version=v, rule="NARR-001").first()
    assert f is not None and "第21页" in f.place
    assert "查看页面" in c.get(f"/v/{v.pk}/").content.decode()
    r = c.get(f"/v/{v.pk}/page/{f.pk}.png")
    assert r.status_code == 200 and r["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(r.content)).convert("RGB")
    (ROOT / ".artefacts" / "web").mkdir(parents=True, exist_ok=True)
    image.save(ROOT / ".artefacts" / "web" / "pdf-page-highlight.png")
    raw = image.tobytes("raw", "RGB")
    red = sum(1 for px in raw[0::3] if px > 180) - sum(1 for px in raw[1::3] if px > 180)  # bright red, not bright green: the outline
    assert red > 200  # the outline was drawn
    assert client("datong-tb").get(f"/v/{v.pk}/page/{f.pk}.png").status_code == 404
