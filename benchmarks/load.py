"""Bounded loopback load test of the web platform (``juesuan serve``).

Starts ``juesuan serve --demo`` on 127.0.0.1 with a fresh data folder (SQLite, or PostgreSQL when
DATABASE_URL is set), then for ``--seconds`` runs ``--uploaders`` clients uploading the example
workbook in a loop and ``--viewers`` clients viewing pages (bureau dashboard, department page,
version page) in a loop, each with its own logged-in session. Loopback only: the server binds
127.0.0.1 and the clients call nothing else.

Prints p50/p95/max latency per kind of request, the error count, and whether every acknowledged
upload exists afterwards as a version whose stored file has the uploaded SHA-256 (no upload lost).
Queued builds are left in the database (they are processed on the next start).

    python benchmarks/load.py [--uploaders 50] [--viewers 200] [--seconds 60]
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Load-test-pass-2024!"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "JUESUAN_DEMO_PASSWORD": PASSWORD}
    log = open(data / "serve.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "juesuan", "serve", "--demo", "--host", "127.0.0.1", "--port", str(port), "--data", str(data)],
                            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.time() + 180
    while time.time() < deadline:
        if proc.poll() is not None:
            sys.exit("juesuan serve exited:\n" + (data / "serve.log").read_text())
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc
        except OSError:
            time.sleep(0.5)
    stop_server(proc)
    sys.exit("juesuan serve did not start")


def stop_server(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGINT)  # the server and its queue worker, both ours
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


def login(base: str, username: str):
    import requests

    s = requests.Session()
    s.get(base + "/login/", timeout=120)
    r = s.post(base + "/login/", data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": s.cookies["csrftoken"]},
               headers={"Referer": base + "/login/"}, timeout=120, allow_redirects=True)
    r.raise_for_status()
    return s, r.url


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = {}
        self.errors: dict[str, int] = {}
        self.reasons: dict[str, int] = {}  # "upload: HTTP 500", "page: ReadTimeout", …
        self.uploads: list[tuple[int, str]] = []  # (version id, sha256) acknowledged by the server

    def add(self, kind: str, seconds: float, ok: bool, reason: str = "") -> None:
        with self.lock:
            self.latency.setdefault(kind, []).append(seconds)
            if not ok:
                self.errors[kind] = self.errors.get(kind, 0) + 1
                key = f"{kind}: {reason}"
                self.reasons[key] = self.reasons.get(key, 0) + 1


def clone(session):
    """A client of its own (connection pool) in an existing logged-in session: logging 250 clients in
    one by one would measure password hashing (PBKDF2, ~0.5 s each by design), not the site."""
    import requests

    s = requests.Session()
    s.cookies.update(session.cookies)
    return s


def uploader(base, session, dy_url, book: bytes, digest: str, stop: threading.Event, stats: Stats, ready: threading.Barrier):
    s = clone(session)
    ready.wait()
    while not stop.is_set():
        t = time.perf_counter()
        ok, reason = False, ""
        try:
            r = s.post(dy_url + "upload/", files={"file": ("load.xlsx", book)}, data={"kind": "workbook", "csrfmiddlewaretoken": s.cookies["csrftoken"]},
                       headers={"Referer": dy_url}, timeout=300, allow_redirects=False)
            m = re.search(r"/v/(\d+)/$", r.headers.get("Location", ""))
            ok = r.status_code == 302 and m is not None
            reason = f"HTTP {r.status_code}"
            if ok:
                with stats.lock:
                    stats.uploads.append((int(m.group(1)), digest))
        except Exception as exc:
            reason = type(exc).__name__
        stats.add("upload", time.perf_counter() - t, ok, reason)


def viewer(base, session, stop: threading.Event, stats: Stats, ready: threading.Barrier, pages: list[str]):
    s = clone(session)
    ready.wait()
    i = 0
    while not stop.is_set():
        url = base + pages[i % len(pages)]
        i += 1
        t = time.perf_counter()
        try:
            status = s.get(url, timeout=300).status_code
            ok, reason = status == 200, f"HTTP {status}"
        except Exception as exc:
            ok, reason = False, type(exc).__name__
        stats.add("page", time.perf_counter() - t, ok, reason)


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--uploaders", type=int, default=50)
    ap.add_argument("--viewers", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=60)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from juesuan.init import init_workbook

    with tempfile.TemporaryDirectory(prefix="juesuan-load-") as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        book_path = Path(tmp) / "load.xlsx"
        init_workbook(book_path, example=ROOT / "examples" / "putuo-finance-2024")
        book = book_path.read_bytes()
        digest = hashlib.sha256(book).hexdigest()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        print(f"server: juesuan serve --demo on {base} ({'PostgreSQL' if os.environ.get('DATABASE_URL') else 'SQLite'}), data {data}")
        proc = start_server(data, port)
        try:
            s, dy_url = login(base, "putuo-tb")
            version_page = re.search(r'href="(/v/\d+/)"', s.get(dy_url, timeout=120).text)
            pages = ["/bureau/", dy_url.replace(base, ""), version_page.group(1)]
            stats, stop = Stats(), threading.Event()
            ready = threading.Barrier(args.uploaders + args.viewers + 1)
            preparers = [(s, dy_url), login(base, "datong-tb")]
            reviewer, _ = login(base, "reviewer")
            threads = [threading.Thread(target=uploader, args=(base, *preparers[i % 2], book, digest, stop, stats, ready), daemon=True)
                       for i in range(args.uploaders)]
            threads += [threading.Thread(target=viewer, args=(base, reviewer, stop, stats, ready, pages), daemon=True)
                        for i in range(args.viewers)]
            t_login = time.perf_counter()
            for t in threads:
                t.start()
            ready.wait()
            print(f"{len(threads)} clients ready ({time.perf_counter() - t_login:.1f} s); running {args.seconds:.0f} s")
            t0 = time.perf_counter()
            time.sleep(args.seconds)
            stop.set()
            for t in threads:
                t.join(timeout=300)
            elapsed = time.perf_counter() - t0
        finally:
            stop_server(proc)
        print(f"\n{'kind':8}{'requests':>10}{'per s':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'errors':>8}")
        for kind, lat in sorted(stats.latency.items()):
            print(f"{kind:8}{len(lat):>10}{len(lat) / elapsed:>8.1f}{pct(lat, 50) * 1000:>9.0f}{pct(lat, 95) * 1000:>9.0f}{max(lat) * 1000:>9.0f}{stats.errors.get(kind, 0):>8}")
        for key, n in sorted(stats.reasons.items()):
            print(f"  error {key} × {n}")
        if stats.reasons:
            lines = (data / "serve.log").read_text(errors="replace").splitlines()
            print("server log, last lines:\n  " + "\n  ".join(l for l in lines[-12:] if l.strip()))
        lost = verify(data, stats.uploads)
        print(f"\nuploads acknowledged: {len(stats.uploads)}; lost or altered: {lost}")
        sys.exit(1 if lost or sum(stats.errors.values()) else 0)


def verify(data: Path, uploads: list[tuple[int, str]]) -> int:
    """Every acknowledged upload is a version whose stored file has the uploaded content."""
    os.environ["JUESUAN_DATA"] = str(data)
    from juesuan.web import setup

    setup(data)
    from juesuan.web.models import Processing, Version
    from juesuan.web.tasks import version_file

    lost = 0
    for vid, digest in uploads:
        v = Version.objects.filter(pk=vid).first()
        if v is None or v.sha256 != digest or hashlib.sha256(version_file(v).read_bytes()).hexdigest() != digest:
            lost += 1
    numbers = Version.objects.values_list("department_year_id", "number")
    assert len(set(numbers)) == len(numbers), "duplicate version numbers"
    done = Processing.objects.filter(state=Processing.DONE).count()
    print(f"versions in the database: {Version.objects.count()} (builds finished: {done}, the rest stay queued for the next start)")
    return lost


if __name__ == "__main__":
    main()
