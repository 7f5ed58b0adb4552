"""Login rate limiting kept in the database, so it holds across worker processes and restarts:
after LOGIN_MAX_FAILURES failed logins for one user name or from one address within
LOGIN_WINDOW_SECONDS, further attempts are refused until the window passes."""
from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import LoginFailure


def blocked(username: str, ip: str) -> bool:
    since = timezone.now() - timedelta(seconds=settings.LOGIN_WINDOW_SECONDS)
    recent = LoginFailure.objects.filter(at__gte=since)
    by_name = recent.filter(username=username.lower()).count() if username else 0
    by_ip = recent.filter(ip=ip).count() if ip else 0
    # An address may try a few names (a shared office NAT), so it gets a larger allowance.
    return by_name >= settings.LOGIN_MAX_FAILURES or by_ip >= settings.LOGIN_MAX_FAILURES * 4


def failed(username: str, ip: str) -> None:
    LoginFailure.objects.create(username=username.lower()[:150], ip=ip)


def succeeded(username: str) -> None:
    LoginFailure.objects.filter(Q(username=username.lower())).delete()
