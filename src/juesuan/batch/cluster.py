"""The batch on a Dask distributed cluster (``--cluster tcp://HOST:PORT``; extra ``cluster``).

Workers read each document from the path when every worker sees that path (a shared folder),
otherwise they receive its bytes. A bounded window of tasks is in flight (a few per worker
thread), so a batch of thousands does not hold every document's bytes at once. When a worker dies
mid-batch the scheduler runs its tasks again on another worker: no document is lost; its result
reaches ``on_done`` once.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from .work import Job, audit_task, failure, warm

MISSING = "分布式核查需要 dask.distributed：pip install 'juesuan[cluster]'"


def connect(address_or_client):
    """A ``distributed.Client`` for an address (``tcp://127.0.0.1:8786``) or the client given."""
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - the extra is installed in CI
        raise RuntimeError(MISSING) from exc
    if isinstance(address_or_client, Client):
        return address_or_client, False
    return Client(address_or_client, timeout="20s"), True


def _exists(path: str) -> bool:
    return os.path.isfile(path)


def shared_paths(client, sample: str) -> bool:
    """True when every worker sees ``sample`` (an absolute path)."""
    try:
        seen = client.run(_exists, sample)
    except Exception:  # noqa: BLE001 - any doubt: send bytes
        return False
    return bool(seen) and all(seen.values())


def run_cluster(jobs: list[Job], address_or_client, profile: str | None, on_done: Callable[[dict], None], *,
                send_bytes: bool | None = None, window_per_thread: int = 2) -> None:
    from distributed import as_completed

    if not jobs:
        return
    client, own = connect(address_or_client)
    try:
        jobs = [Job(str(Path(j.path).resolve()), j.sha256) for j in jobs]
        if send_bytes is None:
            send_bytes = not shared_paths(client, jobs[0].path)
        try:
            client.run(warm)
        except Exception as exc:  # noqa: BLE001 - a worker without juesuan, or a different version
            raise RuntimeError(f"集群的工作进程无法准备核查（{type(exc).__name__}：{exc}）；请在每个工作节点安装同一版本的 juesuan[cluster]") from exc
        threads = sum(client.nthreads().values()) or 1
        window = max(2, threads * window_per_thread)
        queue = list(reversed(jobs))
        by_key: dict[str, Job] = {}

        def submit(job: Job):
            by_key[key := f"juesuan-audit-{job.sha256[:16]}-{len(queue)}"] = job
            if send_bytes:
                job = Job(job.path, job.sha256, Path(job.path).read_bytes())
            return client.submit(audit_task, job, profile, key=key, pure=False, retries=2)

        running = as_completed([submit(queue.pop()) for _ in range(min(window, len(queue)))], with_results=True, raise_errors=False)
        for future, record in running:
            if not isinstance(record, dict):  # the task itself failed: workers kept dying on it
                record = failure(by_key[future.key], f"集群未能完成此文档（{type(record).__name__}：{record}）")
                record["transient"] = True
            on_done(record)
            future.release()
            if queue:
                running.add(submit(queue.pop()))
    finally:
        if own:
            client.close()
