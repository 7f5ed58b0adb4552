"""Who may see and do what. Every query of department data goes through ``department_years``:
a bureau's admins and reviewers see the departments under their bureau, a department's preparer
and head see only their own department. Anything else is a 404, never a 403, so an outsider
cannot even learn that an object exists."""
from __future__ import annotations

from django.http import Http404

from .models import DepartmentYear, Membership, Organisation, Version


def membership(user) -> Membership:
    if not user.is_authenticated:
        raise Http404
    try:
        return user.membership
    except Membership.DoesNotExist:
        raise Http404


def departments(user):
    m = membership(user)
    if m.is_bureau:
        return Organisation.objects.filter(kind=Organisation.DEPARTMENT, parent=m.organisation.bureau)
    dept = m.organisation.department
    return Organisation.objects.filter(pk=dept.pk if dept else -1)


def department_years(user):
    return DepartmentYear.objects.filter(department__in=departments(user)).select_related("department")


def versions(user):
    return Version.objects.filter(department_year__in=department_years(user))


def require_role(user, *roles: str) -> Membership:
    m = membership(user)
    if m.role not in roles:
        raise Http404
    return m
