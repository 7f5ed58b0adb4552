"""Shared by the web platform's tests: Django set up in this process on a fresh SQLite data folder,
and the example workbook with a reason left out (so the build stops at a 错误)."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PASSWORD = "Demo-pass-2024!"


def require_web():
    pytest.importorskip("django", reason="web extra not installed (pip install 'juesuan[web]')")
    pytest.importorskip("django_q", reason="web extra not installed (pip install 'juesuan[web]')")


def workbook_without_reason(dest: Path, example: str = "datong-housing-2024", reason: str = "total_change") -> Path:
    """The example's preparer workbook, its ``reason`` removed: the narrative keeps a placeholder,
    which COMP-004 reports as 错误."""
    import yaml

    from juesuan.init import init_workbook

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / example
        shutil.copytree(EXAMPLES / example, folder)
        narrative = folder / "narrative.yaml"
        data = yaml.safe_load(narrative.read_text(encoding="utf-8"))
        data["reasons"].pop(reason)
        narrative.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        init_workbook(dest, example=folder)
    return dest


_DJANGO_DATA: Path | None = None


def django_in_process() -> Path:
    """Set Django up once per test process: SQLite in a fresh folder, jobs run inline, demo loaded."""
    global _DJANGO_DATA
    require_web()
    if _DJANGO_DATA is not None:
        return _DJANGO_DATA
    _DJANGO_DATA = Path(tempfile.mkdtemp(prefix="juesuan-web-test-"))
    os.environ.pop("DATABASE_URL", None)  # PostgreSQL is exercised by the browser tests' server
    os.environ["JUESUAN_QUEUE_SYNC"] = "1"
    os.environ["JUESUAN_ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
    os.environ["JUESUAN_DEMO_PASSWORD"] = PASSWORD
    from juesuan.web import setup

    setup(_DJANGO_DATA)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from juesuan.web.demo import load

    load(lambda s: None)
    return _DJANGO_DATA


def postgres_database(purpose: str):
    """A fresh PostgreSQL database on the server JUESUAN_TEST_DATABASE_URL names (``.ci/run`` starts one):
    (its URL, a function dropping it); skips the test when none is configured or reachable."""
    base = os.environ.get("JUESUAN_TEST_DATABASE_URL")
    if not base:
        pytest.skip("PostgreSQL not configured (set JUESUAN_TEST_DATABASE_URL; .ci/run does)")
    psycopg = pytest.importorskip("psycopg")
    name = f"juesuan_{purpose}_{os.getpid()}"
    try:
        with psycopg.connect(base, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
            conn.execute(f"CREATE DATABASE {name}")
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL server not reachable: {exc}")

    def drop():
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    return with_database(base, name), drop


def with_database(url: str, name: str) -> str:
    head, _, tail = url.rpartition("/")
    query = tail.partition("?")[2]
    return f"{head}/{name}" + (f"?{query}" if query else "")
