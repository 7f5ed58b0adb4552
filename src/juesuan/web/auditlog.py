"""The append-only audit log: one call per recorded action."""
from __future__ import annotations

from .models import AuditEvent


def client_ip(request) -> str:
    # REMOTE_ADDR is the proxy's address behind a reverse proxy; the proxy sets X-Real-IP
    # (see README). Only trusted when the site is configured to sit behind a proxy.
    from django.conf import settings

    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and request.META.get("HTTP_X_REAL_IP"):
        return request.META["HTTP_X_REAL_IP"][:64]
    return request.META.get("REMOTE_ADDR", "")[:64]


def record(request, action: str, target: object = "", detail: str = "", user: str | None = None) -> None:
    bureau = None
    name = user
    if request is not None and request.user.is_authenticated:
        name = request.user.username
        m = getattr(request.user, "membership", None)
        bureau = m.organisation.bureau if m else None
    AuditEvent.objects.create(
        user=name or "", action=action, target=str(target)[:300], detail=detail,
        ip=client_ip(request) if request is not None else "", bureau=bureau,
    )
