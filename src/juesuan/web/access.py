"""Who may see and do what. Every query of department data goes through ``department_years``.

The organisation tree is 财政局 → 部门 → 单位, and each 部门 and each 单位 has its own years (部门决算,
单位决算). A bureau's admins and reviewers see every department and unit under their bureau; a
department's head (部门负责人) sees the department and its units; a department's preparer sees the
department only; a unit's users see their unit only. Only the organisation's own users change its
year (upload, texts, submit). Anything else is a 404, never a 403, so an outsider cannot even learn
that an object exists."""
from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from .models import DepartmentYear, Membership, Organisation, Version


def membership(user) -> Membership:
    if not user.is_authenticated:
        raise Http404
    try:
        return user.membership
    except Membership.DoesNotExist:
        raise Http404


def organisations(user):
    """The departments and units whose years the user may see."""
    m = membership(user)
    org = m.organisation
    if m.is_bureau:
        bureau = org.bureau
        return Organisation.objects.filter(Q(kind=Organisation.DEPARTMENT, parent=bureau) | Q(kind=Organisation.UNIT, parent__parent=bureau))
    if org.kind == Organisation.DEPARTMENT and m.role == Membership.HEAD:
        return Organisation.objects.filter(Q(pk=org.pk) | Q(kind=Organisation.UNIT, parent=org))
    if org.kind in (Organisation.DEPARTMENT, Organisation.UNIT):
        return Organisation.objects.filter(pk=org.pk)
    return Organisation.objects.none()


def department_years(user):
    return DepartmentYear.objects.filter(department__in=organisations(user)).select_related("department")


def versions(user):
    return Version.objects.filter(department_year__in=department_years(user))


def require_role(user, *roles: str) -> Membership:
    m = membership(user)
    if m.role not in roles:
        raise Http404
    return m


def own_year(user, dy: DepartmentYear, *roles: str) -> Membership:
    """The user belongs to the year's own organisation (not only sees it) with one of ``roles``: a
    department head reads its units' years but does not prepare them."""
    m = require_role(user, *roles)
    if m.organisation_id != dy.department_id:
        raise Http404
    return m


def may_submit(m: Membership, dy: DepartmentYear) -> bool:
    """A department's head submits the department's year; a unit's preparer or head submits the unit's."""
    if m.organisation_id != dy.department_id:
        return False
    return m.role == Membership.HEAD or (m.role == Membership.PREPARER and dy.department.kind == Organisation.UNIT)
