"""Django settings, production-safe by default: no debug, secure cookies behind HTTPS, files kept
in the data folder outside any static root. Everything site-specific comes from the environment:

- ``JUESUAN_DATA``: the data folder (SQLite database, uploaded and generated files, secret key)
- ``DATABASE_URL``: e.g. ``postgres://user:pass@host/db`` (default: SQLite in the data folder)
- ``JUESUAN_ALLOWED_HOSTS``: comma-separated host names (default: localhost, 127.0.0.1)
- ``JUESUAN_PROXY=1``: behind a reverse proxy terminating HTTPS (trust X-Forwarded-Proto, secure cookies)
- ``JUESUAN_CSRF_ORIGINS``: comma-separated origins such as ``https://juesuan.example.gov.cn``
- ``JUESUAN_WEB_DEBUG=1``: Django debug pages, development only (``JUESUAN_DEBUG`` is the CLI's)
- ``JUESUAN_QUEUE_SYNC=1``: run queued jobs inline (tests)
- ``JUESUAN_QUEUE_TIMEOUT`` / ``JUESUAN_QUEUE_RETRY``: seconds a job may run (600), and after which a job
  whose worker died (killed, machine restarted) is taken up again (660; must exceed the timeout)
"""
from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

DATA_DIR = Path(os.environ.get("JUESUAN_DATA", "juesuan-data")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
FILES_DIR = DATA_DIR / "files"  # uploads and generated documents: served only by permission-checked views


def _secret_key() -> str:
    if os.environ.get("JUESUAN_SECRET_KEY"):
        return os.environ["JUESUAN_SECRET_KEY"]
    path = DATA_DIR / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("JUESUAN_WEB_DEBUG") == "1"
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("JUESUAN_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("JUESUAN_CSRF_ORIGINS", "").split(",") if o.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_q",
    "juesuan.web.apps.WebConfig",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "juesuan.web.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "juesuan.web.views.membership_context",
            ]
        },
    }
]
ASGI_APPLICATION = "juesuan.web.asgi.application"


def _database() -> dict:
    url = os.environ.get("DATABASE_URL")
    if url:
        import dj_database_url

        # Under ASGI each request's sync code runs on a thread of its own, each with a connection:
        # 250 concurrent clients exhausted PostgreSQL's max_connections (100) in the load test.
        # A pool per process bounds the connections; a request beyond it waits for one.
        db = dj_database_url.parse(url, conn_max_age=0)
        # Not in the queue worker: django-q2 forks its workers, and a forked pool's connections break.
        if db["ENGINE"].endswith("postgresql") and "qcluster" not in sys.argv:
            size = int(os.environ.get("JUESUAN_DB_POOL", "20"))
            db.setdefault("OPTIONS", {})["pool"] = {"min_size": 1, "max_size": size, "timeout": 120}
        return db
    # WAL and IMMEDIATE transactions let the web process and the queue worker write side by side.
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "juesuan.sqlite3",
        "OPTIONS": {"timeout": 30, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"},
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"

# Uploads: at most 30 MB, spooled to disk beyond 2.5 MB; checked by content in web/uploads.py.
MAX_UPLOAD_BYTES = 30 * 1024 * 1024
MAX_PDF_PAGES = 800
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o600

# Login rate limiting (web/ratelimit.py): failures per user name and per address in a window.
LOGIN_MAX_FAILURES = int(os.environ.get("JUESUAN_LOGIN_MAX_FAILURES", "5"))
LOGIN_WINDOW_SECONDS = 15 * 60

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if os.environ.get("JUESUAN_PROXY") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
# HSTS for subdomains and the preload list bind a whole government domain: the proxy's owner decides.
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]

# The persistent job queue: django-q2 with the database as broker (SQLite and PostgreSQL alike),
# so queued builds survive a restart; a failed job is retried up to three times.
Q_CLUSTER = {
    "name": "juesuan",
    "orm": "default",
    "workers": int(os.environ.get("JUESUAN_WORKERS", "1")),
    "timeout": int(os.environ.get("JUESUAN_QUEUE_TIMEOUT", "600")),
    "retry": int(os.environ.get("JUESUAN_QUEUE_RETRY", "660")),
    "max_attempts": 3,
    "ack_failures": True,
    "catch_up": False,
    "poll": 0.5,
    "save_limit": 500,
    "sync": os.environ.get("JUESUAN_QUEUE_SYNC") == "1",
    "label": "后台任务",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
