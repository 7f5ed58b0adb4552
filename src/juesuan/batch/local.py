"""The batch on this machine: a pool of worker processes, one document at a time each.

Workers are forked after the parent has imported the reader and the rules, so each starts warm
(spawned where fork is unavailable). A worker that dies (out of memory, a library crash) breaks the
pool: the documents it held are tried once more in a fresh pool, then recorded as failures.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

from .work import Job, audit_task, failure, warm

LOST = "核查进程意外退出（内存不足或读取库崩溃），重试后仍未完成"


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def run_local(jobs: Iterable[Job], workers: int, profile: str | None, on_done: Callable[[dict], None]) -> None:
    """Audit every job; ``on_done(record)`` as each finishes (in completion order)."""
    pending = list(jobs)
    if not pending:
        return
    if workers <= 1:
        warm()
        for job in pending:
            on_done(audit_task(job, profile))
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    if method == "fork":
        warm()  # inherited by every forked worker
    context = multiprocessing.get_context(method)
    tries: dict[str, int] = {}
    while pending:
        retry: list[Job] = []
        with ProcessPoolExecutor(max_workers=min(workers, len(pending)), mp_context=context,
                                 initializer=None if method == "fork" else warm) as pool:
            futures = {pool.submit(audit_task, job, profile): job for job in pending}
            for fut in as_completed(futures):
                job = futures[fut]
                try:
                    record = fut.result()
                except BrokenProcessPool:
                    tries[job.path] = tries.get(job.path, 0) + 1
                    if tries[job.path] < 2:
                        retry.append(job)
                        continue
                    record = failure(job, LOST)
                    record["transient"] = True
                on_done(record)
        pending = retry
