"""One document's audit as plain data: what a worker process (local or on a Dask cluster) returns.

``audit_task`` never raises: a document that cannot be read, or that makes a library fail, is a
record with ``ok: False`` and its reason in Chinese, so one broken file is a row in the summary,
never the end of the batch. The record is JSON-able (it is what the results cache keeps).
"""
from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# what a folder search picks up: every format the readers read (a web page's 决算报表.xls, a .doc)
SUFFIXES = (".pdf", ".docx", ".xlsx", ".xlsm", ".xls", ".ods", ".doc", ".wps", ".rtf", ".odt", ".html", ".htm", ".txt", ".md")


@dataclass(frozen=True)
class Job:
    """A document to audit: its path as the user gave it, its content hash, optionally its bytes
    (sent to workers that do not share the path)."""

    path: str
    sha256: str
    data: bytes | None = None


def content_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def warm() -> None:
    """Import what every document needs, once per worker process (or before forking workers)."""
    from .. import profiles
    from ..checks.engine import all_rules
    from ..readers import detect, published  # noqa: F401
    from ..readers import pdf  # noqa: F401

    all_rules()
    for name in profiles.available():
        profiles.load(name)
    # The model's pydantic validator and serializer are made on first use (juesuan.record): make
    # them here, once, so forked workers inherit them instead of each making its own.
    from ..model import Disclosure

    Disclosure.pydantic_adapter()
    # What is loaded now lives as long as the process: out of the collector's way (each
    # collection then walks only a document's own objects), and not copied by forked workers
    # touching its reference counts in the collector.
    import gc

    gc.collect()
    gc.freeze()


def audit_task(job: Job, profile: str | None = None) -> dict:
    """Audit one document; the record of :func:`record_of`, or a failure record."""
    start = time.perf_counter()
    try:
        if job.data is None:
            return record_of(Path(job.path), job, profile, start)
        with tempfile.TemporaryDirectory(prefix="juesuan-doc-") as tmp:
            local = Path(tmp) / Path(job.path).name  # the reader names the file in locations
            local.write_bytes(job.data)
            return record_of(local, job, profile, start)
    except Exception as exc:  # noqa: BLE001 - isolation is the point: every failure becomes a row
        return failure(job, _reason(exc), time.perf_counter() - start)


def _reason(exc: BaseException) -> str:
    from ..errors import InputError

    if isinstance(exc, InputError):
        return "；".join(p.message if not p.where else f"{p.where}：{p.message}" for p in exc.problems) or "无法读取"
    if isinstance(exc, MemoryError):
        return "内存不足，未能读完"
    return f"读取或核查时出错（{type(exc).__name__}：{exc}）"


def failure(job: Job, reason: str, seconds: float = 0.0) -> dict:
    from .. import __version__

    return {"file": job.path, "name": Path(job.path).name, "sha256": job.sha256, "ok": False, "reason": reason,
            "seconds": round(seconds, 3), "version": __version__, "pid": os.getpid(), "peak_rss_mb": peak_rss_mb()}


def peak_rss_mb() -> float | None:
    """This process's peak resident memory so far (MB), where the platform tells it.

    Linux: the high-water mark of the process's own memory (VmHWM). getrusage's ru_maxrss is
    kept across exec, so a worker started by a large process (a benchmark holding hundreds of
    records, a Dask nanny) would report its parent's peak as its own."""
    try:
        with open("/proc/self/status", "rb") as fh:
            for line in fh:
                if line.startswith(b"VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)  # kB
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource
    except ImportError:  # Windows
        return None
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(rss / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def record_of(path: Path, job: Job, profile: str | None, start: float) -> dict:
    from .. import __version__, profiles
    from ..audit import audit_file
    from ..report import report_data, severity_counts

    a = audit_file(path, profile)
    d = a.disclosure
    d.source = job.path
    counts = severity_counts(a.findings)
    listed = [t.id for t in a.profile.tables]
    read = [tid for tid in listed if (t := d.tables.get(tid)) is not None and t.present]
    title = d.meta.document_title or ""
    return {
        "file": job.path,
        "name": Path(job.path).name,
        "sha256": job.sha256,
        "ok": True,
        "reason": None,
        "department": d.meta.department,
        "year": d.meta.year,
        "family": d.meta.family,
        "level": "单位" if "单位决算" in title or "单位预算" in title else "部门",
        "profile": a.profile.id,
        "profile_data": profiles.kept(a.profile),  # a generic reading's profile has no name to load it by
        "tables_listed": len(listed),
        "tables_read": len(read),
        "counts": {k: counts.get(k, 0) for k in ("error", "warning", "info")},
        "report": report_data(a.findings, d),
        "model": d.model_dump_json(exclude_defaults=True),
        "seconds": round(time.perf_counter() - start, 3),
        "version": __version__,
        "pid": os.getpid(),
        "peak_rss_mb": peak_rss_mb(),
    }


def collect(inputs) -> tuple[list[Path], list[str]]:
    """Every document under the given files and folders (folders recursively, known suffixes,
    sorted); and what was given but does not exist."""
    found: list[Path] = []
    missing: list[str] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES and not f.name.startswith(".")))
        elif p.exists():
            found.append(p)
        else:
            missing.append(str(p))
    seen: set[Path] = set()
    unique = []
    for f in found:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, missing
