"""Batch audit on Dask: a LocalCluster, and a scheduler with two workers started as separate
processes on loopback (127.0.0.1), one of them killed mid-batch: no document is lost."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from batch_corpus import corpus  # noqa: E402,F401 (fixture)
from juesuan.batch.run import audit_batch  # noqa: E402
from juesuan.batch.store import ResultStore  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _summary(records):
    return [(r["name"], r["ok"], r.get("counts"), r.get("quality")) for r in records]


def test_local_cluster_sends_bytes_and_matches_the_local_pool(corpus):
    from distributed import Client, LocalCluster

    folder, manifest = corpus
    local = audit_batch([folder], workers=2, store=ResultStore(None))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None) as cluster, Client(cluster) as client:
        remote = audit_batch([folder], cluster=client, store=ResultStore(None), send_bytes=True)
    assert len(remote) == len(manifest) + 1
    assert _summary(remote) == _summary(local)
    assert {r["pid"] for r in remote if r["ok"]} != {os.getpid()}  # the work ran in the workers


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_scheduler_and_two_worker_processes_lose_no_document_when_one_dies(corpus, tmp_path):
    folder, manifest = corpus
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""), "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    procs = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        workers = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address, "--host", "127.0.0.1", "--nthreads", "1",
                                     "--no-nanny", "--no-dashboard", "--name", f"w{i}"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                   for i in range(2)]
        procs += workers
        from distributed import Client

        client = Client(address, timeout="60s")
        client.wait_for_workers(2, timeout=60)
        store_dir = tmp_path / "cache"
        killed = {}

        def kill_when_started():
            """Kill the first worker once a document is done (the batch is then mid-way)."""
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                if store_dir.exists() and any(store_dir.rglob("*.json.z")):
                    workers[0].send_signal(signal.SIGKILL)
                    killed["at"] = len(list(store_dir.rglob("*.json.z")))
                    return
                time.sleep(0.02)

        killer = threading.Thread(target=kill_when_started, daemon=True)
        killer.start()
        records = audit_batch([folder], cluster=client, store=ResultStore(store_dir))
        killer.join(5)
        client.close()
        assert workers[0].wait(10) is not None and killed, "the worker was not killed mid-batch"
        assert killed["at"] < len(manifest)
        assert len(records) == len(manifest) + 1
        assert all(r["ok"] for r in records if r["name"] != "broken.pdf")
        assert not next(r for r in records if r["name"] == "broken.pdf")["ok"]
        assert {r["name"] for r in records} == {m.file for m in manifest} | {"broken.pdf"}
    finally:
        for p in procs:
            if p.poll() is None:
                p.terminate()
        for p in procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
