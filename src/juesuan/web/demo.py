"""``juesuan serve --demo``: a bureau with the two example departments, each with its preparer
and head and one unit (单位, with its own preparer and 2024 year), a reviewer and an admin; each department's 2024 workbook (``juesuan init --example``)
uploaded as version 1 and queued for building."""
from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from .models import DepartmentYear, Membership, Organisation, Text

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
DEPARTMENTS = [("datong", "datong-housing-2024"), ("putuo", "putuo-finance-2024")]


def _password() -> str:
    return os.environ.get("JUESUAN_DEMO_PASSWORD") or secrets.token_urlsafe(9)


def load(say=print) -> dict[str, str]:
    """Create the demo once; returns {username: password} of the users created (empty on a rerun)."""
    from ..yamlio import load_yaml

    if Organisation.objects.filter(kind=Organisation.BUREAU).exists():
        say("演示数据已存在（数据文件夹中），未重复导入。")
        return {}
    User = get_user_model()
    logins: dict[str, str] = {}

    def user(name: str, org: Organisation, role: str) -> None:
        pw = _password()
        u = User.objects.create_user(name, password=pw, is_staff=role == Membership.ADMIN, is_superuser=role == Membership.ADMIN)
        Membership.objects.create(user=u, organisation=org, role=role)
        logins[name] = pw

    with transaction.atomic():
        bureau = Organisation.objects.create(name="示例市财政局", code="000", kind=Organisation.BUREAU)
        user("admin", bureau, Membership.ADMIN)
        user("reviewer", bureau, Membership.REVIEWER)
        departments = []
        for slug, folder in DEPARTMENTS:
            meta = load_yaml(EXAMPLES / folder / "department.yaml")["meta"]
            dept = Organisation.objects.create(name=meta["department"], code=str(meta.get("department_code") or slug), kind=Organisation.DEPARTMENT, parent=bureau)
            unit = Organisation.objects.create(name=f"{meta['department']}（本级）", code=f"{dept.code}001", kind=Organisation.UNIT, parent=dept)
            dy = DepartmentYear.objects.create(department=dept, year=int(meta["year"]), profile=meta["profile"])
            # the unit prepares its own 单位决算 of the year (empty until its preparer uploads)
            DepartmentYear.objects.create(department=unit, year=dy.year, profile=dy.profile)
            user(f"{slug}-dw", unit, Membership.PREPARER)
            # last year's texts, so this year's form shows what is carried over
            last = DepartmentYear.objects.create(department=dept, year=int(meta["year"]) - 1, profile=dy.profile, status=DepartmentYear.PUBLISHED)
            Text.objects.create(department_year=last, key="note.procurement", text="本部门政府采购均按规定程序执行。")
            user(f"{slug}-tb", dept, Membership.PREPARER)
            user(f"{slug}-fz", dept, Membership.HEAD)
            departments.append((dy, folder))
    for dy, folder in departments:
        upload_example(dy, EXAMPLES / folder)
    path = settings.DATA_DIR / "demo-logins.txt"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.writelines(f"{name}\t{pw}\n" for name, pw in logins.items())
    return logins


def upload_example(dy: DepartmentYear, folder: Path, admin=None):
    """The example's preparer workbook as the department-year's next version."""
    from ..init import init_workbook
    from .views import store_version

    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / f"{folder.name}.xlsx"
        init_workbook(book, example=folder)
        with open(book, "rb") as fh:
            return store_version(dy, iter(lambda: fh.read(1 << 20), b""), book.name, "workbook", ".xlsx", admin, note="演示：由示例数据生成的填报工作簿")
