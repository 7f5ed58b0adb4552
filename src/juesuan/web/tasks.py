"""Background jobs (django-q2, database broker): build/check/audit one uploaded version.

A job records its progress in ``Processing`` so pages can show it. An input the pipeline rejects
(InputError) is the user's to fix: the job ends as 失败 with the Chinese message and is not
retried. Anything else is retried by the queue up to ``Q_CLUSTER['max_attempts']`` times.
"""
from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.db import transaction

from .models import Finding, Override, Processing, Text, Version

PUBLISHABLE = ("docx", "html")  # generated only when no 错误 stands (or a reviewer overrode)
ALWAYS = ("json", "xlsx")  # the model (for comparing versions) and the tables workbook
NOTE_PREFIX = "note."  # free texts (政府采购, 国有资产, 绩效) kept beside the reasons


def enqueue(version: Version) -> None:
    from django_q.tasks import async_task

    Processing.objects.get_or_create(version=version)
    async_task("juesuan.web.tasks.process_version", version.pk, task_name=f"version-{version.pk}", group="versions")


def version_file(version: Version) -> Path:
    return settings.FILES_DIR / version.stored_path


def output_dir(version: Version) -> Path:
    return settings.FILES_DIR / "outputs" / str(version.pk)


def _stage(proc: Processing, stage: str, progress: int) -> None:
    proc.stage, proc.progress = stage, progress
    proc.save(update_fields=["stage", "progress", "updated_at"])


def process_version(version_id: int) -> str:
    from ..errors import InputError

    version = Version.objects.select_related("department_year").get(pk=version_id)
    proc, _ = Processing.objects.get_or_create(version=version)
    proc.state, proc.attempts, proc.message = Processing.RUNNING, proc.attempts + 1, ""
    proc.save()
    try:
        disclosure, profile, findings, texts = _run(version, proc)
    except InputError as exc:
        proc.state, proc.stage, proc.message = Processing.FAILED, "输入有误", "\n".join(str(p) for p in exc.problems)
        proc.save()
        return "input-error"
    except Exception as exc:
        proc.state = Processing.FAILED if proc.attempts >= settings.Q_CLUSTER["max_attempts"] else Processing.QUEUED
        proc.stage = "处理失败" if proc.state == Processing.FAILED else "处理出错，稍后自动重试"
        proc.message = f"{type(exc).__name__}: {exc}"
        proc.save()
        raise
    _stage(proc, "保存审核结果", 70)
    _store_findings(version, findings)
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    proc.errors, proc.warnings, proc.infos = counts["error"], counts["warning"], counts["info"]
    proc.department_name = disclosure.meta.department or ""
    proc.total_expenditure = _grand_total(disclosure)
    proc.texts_applied = texts
    proc.gaps = [[g.key, g.label] for s in disclosure.narrative for g in s.gaps]
    proc.save()
    dy = version.department_year
    if dy.profile != disclosure.meta.profile:  # the year's profile is the one its file names
        dy.profile = disclosure.meta.profile
        dy.save(update_fields=["profile", "updated_at"])
    _stage(proc, "生成文档", 80)
    write_documents(version, disclosure, profile)
    proc.refresh_from_db()
    proc.state, proc.stage, proc.progress = Processing.DONE, "已完成", 100
    proc.save()
    return "done"


def _run(version: Version, proc: Processing):
    from .. import profiles
    from ..pipeline import finish, run_checks

    path = version_file(version)
    texts: dict[str, str] = {}
    if version.kind == Version.DOCUMENT:
        from ..audit import audit_file

        _stage(proc, "读取已公开文档", 20)
        audited = audit_file(path)
        return audited.disclosure, audited.profile, audited.findings, texts
    if version.kind == Version.MODEL:
        from ..readers.model_json import load_model

        _stage(proc, "读取模型", 20)
        disclosure = load_model(path)
        profile = profiles.load(disclosure.meta.profile)
    else:
        from ..compile import compile_disclosure
        from ..readers.source import read_source

        _stage(proc, "读取填报工作簿", 20)
        data, locate = read_source(path)
        # The online texts stand in for the workbook's reasons: what the department typed last wins.
        texts = {t.key: t.text for t in Text.objects.filter(department_year=version.department_year) if t.text.strip() and not t.key.startswith(NOTE_PREFIX)}
        data.narrative.reasons.update(texts)
        profile = profiles.load(data.meta.profile)
        _stage(proc, "编制表格与情况说明", 40)
        disclosure = compile_disclosure(data, locate, profile)
        disclosure.source = version.original_name
        finish(disclosure, profile)
    _stage(proc, "运行审核规则", 55)
    return disclosure, profile, list(run_checks(disclosure, profile)), texts


def _store_findings(version: Version, findings) -> None:
    rows = []
    for i, f in enumerate(findings):
        src = f.location.source
        rows.append(Finding(
            version=version, index=i, rule=f.rule, severity=f.severity, title=f.title or "", message=f.message,
            location=f.location.label or "", place=src.describe() if src is not None else "",
            suggestion=f.suggestion or "", expected=_short(f.expected), found=_short(f.found),
        ))
    with transaction.atomic():
        Finding.objects.filter(version=version).delete()  # a retried job replaces its own rows
        Finding.objects.bulk_create(rows)


def _short(value) -> str:
    return "" if value is None else str(value)[:100]


def _grand_total(disclosure) -> Decimal | None:
    table = disclosure.tables.get("summary") if isinstance(disclosure.tables, dict) else None
    for row in getattr(table, "rows", []) or []:
        if row.key == "ex.grand_total":
            value = row.values.get("amount")
            try:
                return Decimal(str(value)) if value is not None else None
            except InvalidOperation:
                return None
    return None


def write_documents(version: Version, disclosure=None, profile=None) -> list[str]:
    """Write the model (model.json, for comparing versions) and the tables workbook; the
    publishable documents only when no 错误 stands or a reviewer recorded an override."""
    from .. import profiles
    from ..readers.model_json import load_model
    from ..pipeline import write_outputs

    proc = Processing.objects.get(version=version)
    out = output_dir(version)
    if disclosure is None:  # regenerating after an override: from the stored model
        disclosure = load_model(out / "model.json")
        profile = profiles.load(disclosure.meta.profile)
    stem = document_stem(version)
    written = []
    if not (out / "model.json").exists():
        written += write_outputs(disclosure, profile, out, "model", ["json"])[0]
        written += write_outputs(disclosure, profile, out, stem, ["xlsx"])[0]
    allowed = proc.errors == 0 or Override.objects.filter(version=version).exists()
    if allowed and version.kind != Version.DOCUMENT:
        written += write_outputs(disclosure, profile, out, stem, list(PUBLISHABLE))[0]
        Processing.objects.filter(pk=proc.pk).update(generated=True)
    return [p.name for p in written]


def document_stem(version: Version) -> str:
    dy = version.department_year
    return f"{dy.department.name}{dy.year}年度决算-第{version.number}版"


def outputs(version: Version) -> list[Path]:
    out = output_dir(version)
    return sorted(p for p in out.glob("*") if p.is_file()) if out.exists() else []


# ---- comparing versions ------------------------------------------------------------------------

def load_model_json(version: Version) -> dict | None:
    path = output_dir(version) / "model.json"
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def compare(old: dict, new: dict, profile=None) -> dict:
    """What changed between two models: table cells (table, row, column, old, new) and narrative
    paragraphs (section, old, new)."""
    titles = {t.id: f"{t.number or ''} {t.title}".strip() for t in profile.tables} if profile else {}
    cells = []
    old_tables, new_tables = old.get("tables", {}), new.get("tables", {})
    for tid in sorted(set(old_tables) | set(new_tables)):
        rows_old = {r["key"]: r for r in (old_tables.get(tid) or {}).get("rows", [])}
        rows_new = {r["key"]: r for r in (new_tables.get(tid) or {}).get("rows", [])}
        for key in list(rows_new) + [k for k in rows_old if k not in rows_new]:
            ro, rn = rows_old.get(key, {}), rows_new.get(key, {})
            vo, vn = ro.get("values", {}), rn.get("values", {})
            for col in list(vn) + [c for c in vo if c not in vn]:
                a, b = vo.get(col), vn.get(col)
                if _num(a) != _num(b):
                    cells.append({"table": titles.get(tid, tid), "row": rn.get("name") or ro.get("name") or key, "column": col, "old": a, "new": b})
    sections = []
    so = {s["key"]: s for s in old.get("narrative", [])}
    sn = {s["key"]: s for s in new.get("narrative", [])}
    for key in list(sn) + [k for k in so if k not in sn]:
        a, b = so.get(key, {}), sn.get(key, {})
        if a.get("paragraphs") != b.get("paragraphs"):
            sections.append({"title": b.get("title") or a.get("title") or key, "old": "\n".join(a.get("paragraphs", [])), "new": "\n".join(b.get("paragraphs", []))})
    return {"cells": cells, "sections": sections}


def _num(value):
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return value
