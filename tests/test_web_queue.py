"""The platform's background queue survives a restart (django-q2 on the database broker), on SQLite
and, when JUESUAN_TEST_DATABASE_URL names a server, on PostgreSQL.

Everything runs as separate processes, as in production: a version is uploaded while no queue
worker runs (the server is down); the worker (``manage qcluster``) is started, picks the job up and
is killed outright (SIGKILL, as a power cut would) while the job runs; a new worker is started and,
once the dead worker's claim expires (``JUESUAN_QUEUE_RETRY``, shortened here from 660 s), finishes
the job: its findings and documents are stored and the queue records it as a success, attempt 2.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from web_fixtures import ROOT, postgres_database, require_web

require_web()

# seconds: a job may run 30 s (it takes ~2 s on an idle machine, 10–20 s on a loaded 2-core CI machine);
# a dead worker's job is taken up again 32 s after it was claimed
TIMEOUT, RETRY = 30, 32


@pytest.fixture(params=["sqlite", "postgresql"])
def env(request, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "JUESUAN_DATA": str(tmp_path / "data"),
           "JUESUAN_QUEUE_TIMEOUT": str(TIMEOUT), "JUESUAN_QUEUE_RETRY": str(RETRY), "JUESUAN_WORKERS": "1"}
    for name in ("JUESUAN_QUEUE_SYNC", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    drop = None
    if request.param == "postgresql":
        env["DATABASE_URL"], drop = postgres_database("queue")
    yield env
    if drop:
        drop()


def manage(env, *args: str, timeout: float = 120) -> str:
    done = subprocess.run([sys.executable, "-m", "juesuan.web.manage", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr
    return done.stdout


def query(env, sql: str) -> list[tuple]:
    """Read the platform's tables directly (a manage.py process per poll would cost seconds)."""
    if env.get("DATABASE_URL"):
        import psycopg

        with psycopg.connect(env["DATABASE_URL"]) as conn:
            return conn.execute(sql).fetchall()
    import sqlite3

    conn = sqlite3.connect(Path(env["JUESUAN_DATA"]) / "juesuan.sqlite3", timeout=30)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def state(env) -> dict:
    """The version's processing record and the queue's view of its job."""
    (proc_state, attempts, errors, version_id), = query(env, "SELECT state, attempts, errors, version_id FROM web_processing")
    return {"state": proc_state, "attempts": attempts, "errors": errors,
            "findings": query(env, f"SELECT COUNT(*) FROM web_finding WHERE version_id = {version_id}")[0][0],
            "queued": query(env, "SELECT COUNT(*) FROM django_q_ormq")[0][0],
            "succeeded": [n for n, in query(env, "SELECT attempt_count FROM django_q_task WHERE success")]}


def start_worker(env, log: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "juesuan.web.manage", "qcluster"], env=env, cwd=ROOT,
                            stdout=open(log, "a"), stderr=subprocess.STDOUT, start_new_session=True)


def wait_for(env, predicate, seconds: float, worker: subprocess.Popen, log: Path) -> dict:
    deadline = time.time() + seconds
    while time.time() < deadline:
        current = state(env)
        if predicate(current):
            return current
        assert worker.poll() is None, "queue worker exited:\n" + log.read_text()
        time.sleep(0.1)
    pytest.fail(f"queue did not get there in {seconds} s: {current}\n" + log.read_text())


def test_a_queued_job_survives_the_worker_being_killed_mid_run(env, tmp_path):
    model = tmp_path / "model.json"
    subprocess.run([sys.executable, "-m", "juesuan", "build", str(ROOT / "examples" / "datong-housing-2024"), "-o", str(tmp_path / "m"),
                    "--formats", "json"], env=env, cwd=ROOT, check=True, capture_output=True, timeout=120)
    (tmp_path / "m" / "datong-housing-2024.json").rename(model)
    manage(env, "migrate", "--verbosity", "0")
    # the server takes an upload and queues it, then goes away: no worker has run yet
    manage(env, "shell", "-c", (
        "from juesuan.web.models import Organisation, DepartmentYear; from juesuan.web.views import store_version;"
        "b = Organisation.objects.create(name='局', kind='bureau'); d = Organisation.objects.create(name='部门', kind='department', parent=b);"
        "dy = DepartmentYear.objects.create(department=d, year=2024);"
        f"fh = open({str(model)!r}, 'rb'); store_version(dy, iter(lambda: fh.read(1 << 20), b''), 'model.json', 'model', '.json', None)"))
    assert state(env) == {"state": "queued", "attempts": 0, "errors": 0, "findings": 0, "queued": 1, "succeeded": []}

    log = tmp_path / "qcluster.log"
    worker = start_worker(env, log)
    try:
        wait_for(env, lambda s: s["state"] == "running", 60, worker, log)
    finally:
        os.killpg(worker.pid, signal.SIGKILL)  # the worker and its job die mid-run
        worker.wait(timeout=10)
    killed = state(env)
    assert killed["state"] == "running" and killed["attempts"] == 1 and killed["queued"] == 1 and not killed["succeeded"]

    worker = start_worker(env, log)
    try:
        done = wait_for(env, lambda s: s["state"] in ("done", "failed") and not s["queued"], RETRY + 60, worker, log)
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
    assert done["state"] == "done" and done["attempts"] >= 2, done  # the killed run, then the one that finished
    assert done["findings"] > 0 and done["errors"] == 0 and len(done["succeeded"]) == 1
    outputs = list((Path(env["JUESUAN_DATA"]) / "files" / "outputs").glob("*/*"))
    assert {p.suffix for p in outputs} >= {".json", ".xlsx", ".docx", ".html"}
