"""The web platform: a finance bureau (财政局), its departments (部门) and units (单位) preparing and
reviewing final-accounts disclosures on a real database (Django; ``juesuan serve``).

This package sits on the top floor: it calls juesuan's pipeline and is never imported by it.
Django is an optional extra (``pip install 'juesuan[web]'``).
"""
from __future__ import annotations

MISSING = "网页平台需要 Django 等可选依赖，请先安装：pip install 'juesuan[web]'"


def require_django() -> None:
    """Raise ImportError with a Chinese message naming the extra to install."""
    try:
        import django  # noqa: F401
        import django_q  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(MISSING) from exc


def setup(data_dir=None) -> None:
    """Configure Django for this process (settings read JUESUAN_DATA and DATABASE_URL)."""
    import os

    require_django()
    if data_dir is not None:
        os.environ["JUESUAN_DATA"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "juesuan.web.settings")
    import django

    django.setup()
