"""Pages and downloads. Every object is fetched through ``access`` (scoped to the user's
organisation, 404 otherwise); every change and download is written to the audit log."""
from __future__ import annotations

import io
import re
import secrets
import zipfile
from hashlib import sha256
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Max
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from . import access, auditlog, ratelimit, tasks
from .models import AuditEvent, DepartmentYear, Finding, Membership, Organisation, Override, Processing, ReviewComment, Text, Version
from .uploads import UploadRejected, check_upload

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
DEPARTMENT_ROLES = (Membership.PREPARER, Membership.HEAD)
REVIEW_ROLES = (Membership.REVIEWER, Membership.ADMIN)
EDITABLE = (DepartmentYear.DRAFT, DepartmentYear.RETURNED)
NOTES = {"note.procurement": "政府采购情况说明", "note.assets": "国有资产占有使用情况说明", "note.performance": "预算绩效管理情况说明"}


def membership_context(request):
    m = getattr(request.user, "membership", None) if request.user.is_authenticated else None
    return {"member": m}


# ---- log in / out ------------------------------------------------------------------------------

class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        name, ip = request.POST.get("username", ""), auditlog.client_ip(request)
        if ratelimit.blocked(name, ip):
            auditlog.record(request, "登录被限制", name, user=name)
            return render(request, self.template_name, {"form": self.get_form(), "blocked": True}, status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        ratelimit.succeeded(form.get_user().username)
        auditlog.record(self.request, "登录")
        return response

    def form_invalid(self, form):
        name = self.request.POST.get("username", "")
        ratelimit.failed(name, auditlog.client_ip(self.request))
        auditlog.record(self.request, "登录失败", name, user=name)
        return super().form_invalid(form)


@require_POST
def logout_view(request):
    from django.contrib.auth import logout

    if request.user.is_authenticated:
        auditlog.record(request, "退出")
    logout(request)
    return redirect("web:login")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "web/password.html"

    def get_success_url(self):
        return reverse("web:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        auditlog.record(self.request, "修改密码")
        messages.success(self.request, "密码已修改。")
        return response


# ---- lists -------------------------------------------------------------------------------------

@login_required
def home(request):
    m = access.membership(request.user)
    if m.is_bureau:
        return redirect("web:dashboard")
    years = access.department_years(request.user).order_by("-year")
    latest = years.filter(department=m.organisation).first() or years.first()  # a head's own department before its units
    if latest is None:
        return render(request, "web/empty.html")
    return redirect("web:department_year", pk=latest.pk)


def _dashboard_rows(request):
    qs = access.department_years(request.user)
    years = sorted(set(qs.values_list("year", flat=True)), reverse=True)
    year = int(request.GET.get("year") or (years[0] if years else 0))
    qs = qs.filter(year=year).select_related("department__parent")
    status = request.GET.get("status") or ""
    if status:
        qs = qs.filter(status=status)
    rows = []
    for dy in sorted(qs, key=_tree_order):
        v = dy.latest_version()
        p = getattr(v, "processing", None) if v else None
        rows.append({"dy": dy, "version": v, "proc": p})
    problem = request.GET.get("problem") or ""
    if problem == "errors":
        rows = [r for r in rows if r["proc"] and r["proc"].errors]
    elif problem == "clean":
        rows = [r for r in rows if r["proc"] and not r["proc"].errors]
    return years, year, status, problem, rows


def _tree_order(dy: DepartmentYear):
    """Each department followed by its units."""
    org = dy.department
    dept = org.parent if org.kind == Organisation.UNIT else org
    return (dept.code, dept.name, org.kind != Organisation.DEPARTMENT, org.code, org.name)


@login_required
def dashboard(request):
    access.require_role(request.user, *REVIEW_ROLES)
    years, year, status, problem, rows = _dashboard_rows(request)
    return render(request, "web/dashboard.html", {
        "years": years, "year": year, "status": status, "problem": problem, "rows": rows,
        "states": DepartmentYear.STATES, "query": request.GET.urlencode(),
    })


@login_required
def dashboard_xlsx(request):
    import xlsxwriter

    access.require_role(request.user, *REVIEW_ROLES)
    _, year, _, _, rows = _dashboard_rows(request)
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet(f"{year}年度")
    bold = wb.add_format({"bold": True, "bg_color": "#EEEEEE", "border": 1})
    money = wb.add_format({"num_format": "#,##0.00"})
    head = ["部门/单位", "编码", "年度", "状态", "最新版本", "错误", "警告", "提示", "支出总计（万元）", "最后变更", "类型", "所属部门"]
    ws.write_row(0, 0, head, bold)
    for i, r in enumerate(rows, 1):
        dy, v, p = r["dy"], r["version"], r["proc"]
        ws.write_row(i, 0, [dy.department.name, dy.department.code, dy.year, dy.get_status_display(), v.number if v else "",
                            p.errors if p else "", p.warnings if p else "", p.infos if p else ""])
        if p and p.total_expenditure is not None:
            ws.write_number(i, 8, p.total_expenditure, money)  # xlsx cells are binary floats; the database keeps the Decimal
        ws.write_string(i, 9, dy.updated_at.astimezone().strftime("%Y-%m-%d %H:%M"))
        ws.write_string(i, 10, dy.department.get_kind_display())
        ws.write_string(i, 11, dy.department.parent.name if dy.department.kind == Organisation.UNIT else "")
    ws.set_column(0, 0, 30)
    ws.set_column(1, 10, 12)
    ws.set_column(11, 11, 30)
    wb.close()
    auditlog.record(request, "导出部门列表", f"{year}年度")
    resp = HttpResponse(buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    resp["Content-Disposition"] = _disposition(f"{year}年度部门决算审核情况.xlsx")
    return resp


@login_required
def year_zip(request):
    access.require_role(request.user, *REVIEW_ROLES)
    _, year, _, _, rows = _dashboard_rows(request)
    buf = io.BytesIO()
    count = 0
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for r in rows:
            v, p = r["version"], r["proc"]
            if not v or not p or not p.generated:
                continue
            for path in tasks.outputs(v):
                if path.name != "model.json":
                    zf.write(path, f"{_folder(r['dy'].department)}/{path.name}")
                    count += 1
    auditlog.record(request, "下载年度文档", f"{year}年度", f"{count}个文件")
    resp = HttpResponse(buf.getvalue(), content_type="application/zip")
    resp["Content-Disposition"] = _disposition(f"{year}年度部门决算公开文档.zip")
    return resp


def _folder(org) -> str:
    return f"{org.parent.name}/{org.name}" if org.kind == Organisation.UNIT else org.name


# ---- a department-year -------------------------------------------------------------------------

@login_required
def department_year(request, pk):
    dy = get_object_or_404(access.department_years(request.user), pk=pk)
    m = access.membership(request.user)
    shown = None if request.GET.get("all") else 30  # the page stays quick after hundreds of uploads
    versions = list(dy.versions.select_related("processing", "uploaded_by")[:shown])
    total = dy.versions.count() if shown else len(versions)
    latest = versions[0] if versions else None
    visible = access.department_years(request.user)
    others = visible.filter(department=dy.department).exclude(pk=dy.pk)
    own = m.organisation_id == dy.department_id
    running = any(getattr(v, "processing", None) and v.processing.state in (Processing.QUEUED, Processing.RUNNING) for v in versions)
    return render(request, "web/department_year.html", {
        "dy": dy, "versions": versions, "latest": latest, "hidden": total - len(versions), "other_years": others, "running": running,
        "can_upload": own and m.role in DEPARTMENT_ROLES and dy.status in EDITABLE,
        "can_submit": access.may_submit(m, dy) and dy.status in EDITABLE and latest is not None,
        "can_review": m.role in REVIEW_ROLES,
        "comments": dy.comments.select_related("author", "finding", "version"),
        # a department's units, with this year's 单位决算 where the user may open it
        "units": [(u, visible.filter(department=u, year=dy.year).first()) for u in dy.department.children.all()],
        "parent": visible.filter(department=dy.department.parent, year=dy.year).first() if dy.department.kind == Organisation.UNIT else None,
    })


@login_required
@require_POST
def upload(request, pk):
    dy = get_object_or_404(access.department_years(request.user), pk=pk)
    access.own_year(request.user, dy, *DEPARTMENT_ROLES)
    if dy.status not in EDITABLE:
        messages.error(request, f"当前状态为“{dy.get_status_display()}”，不能上传新版本。")
        return redirect("web:department_year", pk=dy.pk)
    uploaded = request.FILES.get("file")
    if uploaded is None:
        messages.error(request, "请选择要上传的文件。")
        return redirect("web:department_year", pk=dy.pk)
    try:
        checked = check_upload(uploaded, request.POST.get("kind", "workbook"))
    except UploadRejected as exc:
        auditlog.record(request, "上传被拒", dy, str(exc))
        messages.error(request, str(exc))
        return redirect("web:department_year", pk=dy.pk)
    version = store_version(dy, uploaded.chunks(), uploaded.name, checked.kind, checked.suffix, request.user, request.POST.get("note", "")[:500])
    auditlog.record(request, "上传", version, f"{uploaded.name}（{uploaded.size}字节）")
    messages.success(request, f"已上传第{version.number}版，正在后台处理。")
    return redirect("web:version", pk=version.pk)


def store_version(dy: DepartmentYear, chunks, name: str, kind: str, suffix: str, user, note: str = "") -> Version:
    """Write the file under the data folder and create the next version, atomically: the number is
    taken under a row lock so two uploads at once get two versions."""
    digest = sha256()
    folder = settings.FILES_DIR / "uploads" / str(dy.pk)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".incoming-{secrets.token_hex(8)}"  # unique across the server's processes
    with open(tmp, "wb") as fh:
        for chunk in chunks:
            digest.update(chunk)
            fh.write(chunk)
    with transaction.atomic():
        DepartmentYear.objects.select_for_update().filter(pk=dy.pk).first()
        number = (dy.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        rel = Path("uploads") / str(dy.pk) / f"v{number}{suffix}"
        tmp.replace(settings.FILES_DIR / rel)
        version = Version.objects.create(department_year=dy, number=number, kind=kind, original_name=Path(name).name[:255],
                                         stored_path=str(rel), sha256=digest.hexdigest(), size=(settings.FILES_DIR / rel).stat().st_size,
                                         note=note, uploaded_by=user if user and user.is_authenticated else None)
        Processing.objects.create(version=version)
        DepartmentYear.objects.filter(pk=dy.pk).update(updated_at=version.created_at)
    transaction.on_commit(lambda: tasks.enqueue(version))
    return version


@login_required
def version(request, pk):
    v = get_object_or_404(access.versions(request.user).select_related("department_year__department", "uploaded_by"), pk=pk)
    m = access.membership(request.user)
    dy = v.department_year
    findings = list(v.findings.prefetch_related("comments"))
    groups = [(sev, SEVERITY_ZH[sev], [f for f in findings if f.severity == sev]) for sev in ("error", "warning", "info")]
    proc = getattr(v, "processing", None)
    return render(request, "web/version.html", {
        "v": v, "dy": dy, "proc": proc, "groups": groups, "outputs": [p.name for p in tasks.outputs(v) if p.name != "model.json"],
        "overrides": v.overrides.select_related("author"), "is_latest": dy.latest_version() == v,
        "can_comment": m.role in REVIEW_ROLES and dy.status in (DepartmentYear.SUBMITTED, DepartmentYear.REVIEWING),
        "can_override": m.role in REVIEW_ROLES and proc is not None and proc.errors > 0,
        "previous": dy.versions.filter(number__lt=v.number).order_by("-number").first(),
        "running": proc is not None and proc.state in (Processing.QUEUED, Processing.RUNNING),
        "is_pdf": v.kind == Version.DOCUMENT and v.stored_path.endswith(".pdf"),
    })


@login_required
def version_status(request, pk):
    from django.http import JsonResponse

    v = get_object_or_404(access.versions(request.user), pk=pk)
    p = getattr(v, "processing", None)
    return JsonResponse({"state": p.state if p else None, "stage": p.stage if p else "", "progress": p.progress if p else 0,
                         "errors": p.errors if p else None, "warnings": p.warnings if p else None})


@login_required
def download_upload(request, pk):
    v = get_object_or_404(access.versions(request.user), pk=pk)
    auditlog.record(request, "下载原文件", v, v.original_name)
    return _file(tasks.version_file(v), v.original_name)


@login_required
def download_output(request, pk, name):
    v = get_object_or_404(access.versions(request.user), pk=pk)
    wanted = {p.name: p for p in tasks.outputs(v)}
    if name not in wanted:
        raise Http404
    auditlog.record(request, "下载生成文档", v, name)
    return _file(wanted[name], name)


def _file(path: Path, name: str):
    if not path.is_file():
        raise Http404
    resp = FileResponse(open(path, "rb"), as_attachment=True, filename=name)
    return resp


def _disposition(name: str) -> str:
    from urllib.parse import quote

    return f"attachment; filename*=UTF-8''{quote(name)}"


@login_required
def compare(request, pk):
    from .. import profiles

    v = get_object_or_404(access.versions(request.user).select_related("department_year__department"), pk=pk)
    prev = v.department_year.versions.filter(number__lt=v.number).order_by("-number").first()
    if prev is None:
        raise Http404
    old, new = tasks.load_model_json(prev), tasks.load_model_json(v)
    diff = None
    if old is not None and new is not None:
        try:
            name = new.get("meta", {}).get("profile")
            prof = profiles.load(name) if name else None  # no profile named: tables by their ids
        except Exception:
            prof = None
        diff = tasks.compare(old, new, prof)
    return render(request, "web/compare.html", {"v": v, "prev": prev, "dy": v.department_year, "diff": diff})


# ---- the online texts --------------------------------------------------------------------------

def _text_fields(dy: DepartmentYear):
    """(key, label, value, missing) for each text: this year's saved text, else last year's, else what the
    latest workbook holds; keys the narrative left as placeholders come first, marked missing."""
    saved = {t.key: t.text for t in dy.texts.all()}
    last = DepartmentYear.objects.filter(department=dy.department, year=dy.year - 1).first()
    last_texts = {t.key: t.text for t in last.texts.all()} if last else {}
    latest = dy.latest_version()
    from_book = dict(getattr(getattr(latest, "processing", None), "texts_applied", {}) or {})
    # the reasons the latest build's narrative marks 待补充 (key, label), as the build recorded them
    missing: dict[str, str] = dict(getattr(getattr(latest, "processing", None), "gaps", None) or [])
    keys = list(missing) + [k for k in list(from_book) + list(last_texts) + list(saved) if k not in missing]
    keys = list(dict.fromkeys(k for k in keys if not k.startswith(tasks.NOTE_PREFIX))) + list(NOTES)
    out = []
    for key in keys:
        value = saved.get(key) or last_texts.get(key) or from_book.get(key) or ""
        out.append({"key": key, "label": missing.get(key) or NOTES.get(key) or _reason_label(key), "value": value,
                    "missing": key in missing and not saved.get(key), "from_last": key not in saved and bool(last_texts.get(key))})
    return out


def _reason_label(key: str) -> str:
    names = {"total_change": "收入支出总计增减变化的原因", "fiscal_change": "财政拨款收支增减变化的原因",
             "general_budget_change": "一般公共预算财政拨款支出增减变化的原因", "general_budget_vs_budget": "一般公共预算支出决算数与年初预算数差异的原因",
             "government_fund_change": "政府性基金支出增减变化的原因", "three_public_change": "“三公”经费增减变化的原因",
             "three_public_vs_budget": "“三公”经费决算数与预算数差异的原因", "running_cost_change": "机关运行经费增减变化的原因",
             "other_matters": "其他重要事项"}
    if key in names:
        return names[key]
    parts = key.split(".")
    kind = {"usage": "主要用途", "reason": "变化原因"}.get(parts[-1], parts[-1])
    return f"{'.'.join(parts[:-1])} {kind}"


@login_required
def texts(request, pk):
    dy = get_object_or_404(access.department_years(request.user), pk=pk)
    m = access.membership(request.user)
    editable = m.organisation_id == dy.department_id and m.role in DEPARTMENT_ROLES and dy.status in EDITABLE
    fields = _text_fields(dy)
    if request.method == "POST":
        if not editable:
            raise Http404
        changed = []
        for f in fields:
            value = request.POST.get(f"t:{f['key']}", "").strip()
            current = dy.texts.filter(key=f["key"]).first()
            if value and (current is None or current.text != value):
                Text.objects.update_or_create(department_year=dy, key=f["key"], defaults={"text": value, "updated_by": request.user})
                changed.append(f["key"])
        auditlog.record(request, "填写说明", dy, "、".join(changed))
        latest = dy.latest_version()
        if changed and latest is not None and latest.kind == Version.WORKBOOK:
            # The texts feed the build: recompile as a new version from the same workbook.
            with open(tasks.version_file(latest), "rb") as fh:
                v = store_version(dy, iter(lambda: fh.read(1 << 20), b""), latest.original_name, latest.kind, Path(latest.stored_path).suffix,
                                  request.user, note=f"在线填写说明后重新编制（{len(changed)}项）")
            auditlog.record(request, "重新编制", v)
            messages.success(request, f"已保存{len(changed)}项说明，正在按第{v.number}版重新编制。")
            return redirect("web:version", pk=v.pk)
        messages.success(request, f"已保存{len(changed)}项说明。")
        return redirect("web:department_year", pk=dy.pk)
    return render(request, "web/texts.html", {"dy": dy, "fields": fields, "editable": editable})


# ---- workflow ----------------------------------------------------------------------------------

TRANSITIONS = {
    # action: (roles, from states, to state, Chinese name)
    "submit": (DEPARTMENT_ROLES, EDITABLE, DepartmentYear.SUBMITTED, "提交审核"),
    "start_review": (REVIEW_ROLES, (DepartmentYear.SUBMITTED,), DepartmentYear.REVIEWING, "开始审核"),
    "return": (REVIEW_ROLES, (DepartmentYear.SUBMITTED, DepartmentYear.REVIEWING), DepartmentYear.RETURNED, "退回"),
    "approve": (REVIEW_ROLES, (DepartmentYear.REVIEWING,), DepartmentYear.APPROVED, "审核通过"),
    "publish": (REVIEW_ROLES, (DepartmentYear.APPROVED,), DepartmentYear.PUBLISHED, "公开"),
}


@login_required
@require_POST
def transition(request, pk, action):
    dy = get_object_or_404(access.department_years(request.user), pk=pk)
    if action not in TRANSITIONS:
        raise Http404
    roles, sources, target, name = TRANSITIONS[action]
    m = access.require_role(request.user, *roles)
    if action == "submit" and not access.may_submit(m, dy):
        raise Http404
    if dy.status not in sources:
        messages.error(request, f"当前状态为“{dy.get_status_display()}”，不能{name}。")
        return redirect("web:department_year", pk=dy.pk)
    latest = dy.latest_version()
    proc = getattr(latest, "processing", None) if latest else None
    if action == "submit" and (proc is None or proc.state != Processing.DONE):
        messages.error(request, "最新版本尚未处理完成（或处理失败），不能提交。")
        return redirect("web:department_year", pk=dy.pk)
    if action == "approve" and (proc is None or proc.state != Processing.DONE or not proc.generated):
        messages.error(request, "最新版本存在“错误”且未放行，不能审核通过：请退回修改，或记录理由后放行。")
        return redirect("web:version", pk=latest.pk) if latest else redirect("web:department_year", pk=dy.pk)
    with transaction.atomic():
        if action == "return":
            general = request.POST.get("comment", "").strip()
            notes = [(k[len("c:"):], v.strip()) for k, v in request.POST.items() if k.startswith("c:") and v.strip()]
            if not general and not notes:
                messages.error(request, "退回时请填写意见（总体意见或对某条问题的意见）。")
                return redirect("web:version", pk=latest.pk) if latest else redirect("web:department_year", pk=dy.pk)
            if general:
                ReviewComment.objects.create(department_year=dy, version=latest, author=request.user, text=general)
            for fid, text in notes:
                finding = Finding.objects.filter(pk=fid, version__department_year=dy).first()
                if finding is not None:
                    ReviewComment.objects.create(department_year=dy, version=latest, finding=finding, author=request.user, text=text)
        dy.status = target
        dy.save()
    auditlog.record(request, name, dy, request.POST.get("comment", "")[:500])
    messages.success(request, f"已{name}：{dy}，当前状态“{dy.get_status_display()}”。")
    return redirect("web:department_year", pk=dy.pk)


@login_required
@require_POST
def override(request, pk):
    v = get_object_or_404(access.versions(request.user), pk=pk)
    access.require_role(request.user, *REVIEW_ROLES)
    reason = request.POST.get("reason", "").strip()
    if len(reason) < 4:
        messages.error(request, "放行须记录理由（至少4个字）。")
        return redirect("web:version", pk=v.pk)
    Override.objects.create(version=v, author=request.user, reason=reason)
    tasks.write_documents(v)
    auditlog.record(request, "放行错误", v, reason)
    messages.success(request, "已记录放行理由，并生成公开文档。")
    return redirect("web:version", pk=v.pk)


# ---- audit log ---------------------------------------------------------------------------------

@login_required
def audit_log(request):
    m = access.require_role(request.user, Membership.ADMIN)
    from django.db.models import Q

    # anonymous events (failed logins) carry no bureau; a single-bureau site shows them too
    events = AuditEvent.objects.filter(Q(bureau=m.organisation.bureau) | Q(bureau__isnull=True))[:500]
    return render(request, "web/audit_log.html", {"events": events})


def static_file(request, path):
    """Django admin's CSS/JS (the only static files; the platform's pages inline their style)."""
    from django.contrib.staticfiles import finders
    from django.views.static import serve

    found = finders.find(path)
    if not found:
        raise Http404
    found = Path(found)
    return serve(request, found.name, document_root=str(found.parent))


# ---- a PDF page with the finding highlighted ---------------------------------------------------

PAGE_RE = re.compile(r"第(\d+)页")
QUOTE_RE = re.compile(r"“(.{4,}?)”")


def finding_page(f: Finding) -> int | None:
    m = PAGE_RE.search(f.place or "")
    return int(m.group(1)) if m else None


@login_required
def page_image(request, pk, finding_id):
    """The finding's page of an audited PDF as PNG, the sentence or figure it names outlined in red."""
    v = get_object_or_404(access.versions(request.user), pk=pk, kind=Version.DOCUMENT)
    f = get_object_or_404(Finding, pk=finding_id, version=v)
    page_no = finding_page(f)
    path = tasks.version_file(v)
    if page_no is None or path.suffix.lower() != ".pdf":
        raise Http404
    import pypdfium2
    from PIL import ImageDraw

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        if not 1 <= page_no <= len(pdf):
            raise Http404
        page = pdf[page_no - 1]
        scale = 1.6
        image = page.render(scale=scale).to_pil().convert("RGB")
        height = page.get_height()
        draw = ImageDraw.Draw(image, "RGBA")
        text = page.get_textpage()
        for left, bottom, right, top in _boxes(text, _needles(f)):
            draw.rectangle([left * scale - 3, (height - top) * scale - 3, right * scale + 3, (height - bottom) * scale + 3],
                           outline=(200, 0, 0, 255), width=3, fill=(255, 0, 0, 40))
    finally:
        pdf.close()
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return HttpResponse(buf.getvalue(), content_type="image/png")


def _needles(f: Finding) -> list[str]:
    """What to look for on the page, most specific first: the quoted sentence's opening words (longest
    first: its start alone may also open a heading), then the printed figure with and without
    thousands separators."""
    out = []
    m = QUOTE_RE.search(f.location or "")
    if m:
        out += list(dict.fromkeys(m.group(1)[:k] for k in (40, 30, 20, 12)))
    if f.found:
        try:
            from decimal import Decimal

            d = Decimal(f.found)
            out += [f"{d:,.2f}", f"{d:.2f}", f.found]
        except Exception:
            out.append(f.found)
    return [n for n in out if n]


def _boxes(textpage, needles: list[str]):
    for needle in needles:
        searcher = textpage.search(needle)
        hit = searcher.get_next()
        if hit:
            index, count = hit
            n = textpage.count_rects(index, count)
            return [textpage.get_rect(i) for i in range(n)]
    return []
