"""A batch audit from inputs to records: collect, reuse cached results, audit the rest (local pool
or Dask cluster), then the checks that need several documents (cross-year) and the quality index.

``audit_batch`` returns one record per document (in input order), each a plain dict: see
:func:`juesuan.batch.work.record_of`; it adds ``prior`` (the previous year's file when the
batch has one), ``quality`` and the cross-year findings to ``report.findings`` and ``counts``.
"""
from __future__ import annotations

from pathlib import Path

from .store import ResultStore, model_json
from .work import Job, collect, content_hash, failure


def audit_batch(inputs, *, workers: int | None = None, cluster=None, profile: str | None = None, store: ResultStore | None = None,
                console=None, priors: dict[str, str] | None = None, send_bytes: bool | None = None) -> list[dict]:
    """Audit every document under ``inputs``. ``priors`` maps a file to its previous year's file
    (``--prior``); without it, consecutive years of one department in the batch are paired."""
    from rich.console import Console

    from .progress import BatchProgress

    console = console or Console(stderr=True)
    store = store if store is not None else ResultStore.default(profile)
    paths, missing = collect(inputs)
    hashes = {}
    unreadable: dict[Path, str] = {}
    for p in paths:
        try:
            hashes[p] = content_hash(p)
        except OSError as exc:
            unreadable[p] = f"无法读取文件：{exc.strerror or exc}"
    results: dict[str, dict] = {}
    todo: list[Job] = []
    for p, sha in hashes.items():
        if sha in results or any(j.sha256 == sha for j in todo):
            continue
        cached = store.get(sha)
        if cached is not None:
            results[sha] = store.light(cached)
        else:
            todo.append(Job(str(p), sha))
    unique = len({*hashes.values()})

    def done(record: dict) -> None:
        store.put(record)
        results[record["sha256"]] = store.light(record)
        bar.advance(record)

    cached_failed = sum(1 for r in results.values() if not r.get("ok"))
    with BatchProgress(unique, console, cached=len(results), cached_failed=cached_failed) as bar:
        if cluster is not None:
            from .cluster import run_cluster

            run_cluster(todo, cluster, profile, done, send_bytes=send_bytes)
        else:
            from .local import default_jobs, run_local

            run_local(todo, workers or default_jobs(), profile, done)
    records: list[dict] = []
    for p in paths:
        if p in unreadable:
            records.append(failure(Job(str(p), ""), unreadable[p]))
            continue
        rec = dict(results[hashes[p]])
        rec["file"], rec["name"] = str(p), p.name
        records.append(rec)
    records += [failure(Job(m, ""), "文件或文件夹不存在") for m in missing]
    cross_year(records, priors or {})
    for rec in records:
        rec["quality"] = quality_of(rec)
    return records


def quality_of(rec: dict) -> dict | None:
    from ..checks.quality import index

    if not rec.get("ok"):
        return None
    q = index(rec["report"]["findings"], tables_read=rec["tables_read"], tables_listed=rec["tables_listed"], has_prior=bool(rec.get("prior")))
    return {"index": str(q["index"]), "components": {k: None if v is None else str(v) for k, v in q["components"].items()}}


def _department_key(name: str) -> str:
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", name or "").split())


def _family(rec: dict) -> str:
    if rec.get("family"):
        return rec["family"]
    import json

    return json.loads(model_json(rec)).get("meta", {}).get("family", "final")  # a record cached before families


def cross_year(records: list[dict], priors: dict[str, str]) -> None:
    """Pair each document with its department's previous year of the same kind (given, or found in the
    batch), and final accounts with the same year's budget; add the YEAR-xxx findings to it."""
    ok = [r for r in records if r.get("ok")]
    by_file = {r["file"]: r for r in ok}
    by_dept = {(_department_key(r["department"]), r["year"], _family(r)): r for r in ok}
    for rec in ok:
        dept, family = _department_key(rec["department"]), _family(rec)
        given = by_file.get(priors.get(rec["file"], ""))
        others = [given] if given is not None else [by_dept.get((dept, rec["year"] - 1, family))]
        if given is None and family == "final":
            others.append(by_dept.get((dept, rec["year"], "budget")))
        for prev in others:
            if prev is None or prev is rec:
                continue
            rec.setdefault("prior", prev["file"])
            add_findings(rec, compare_records(rec, prev))


def compare_records(rec: dict, prev: dict) -> list[dict]:
    from .. import profiles
    from ..checks.crossyear import compare_years
    from ..model import Disclosure

    cur_d = Disclosure.model_validate_json(model_json(rec))
    prev_d = Disclosure.model_validate_json(model_json(prev))
    prev_d.source = prev["file"]
    return [f.to_dict() for f in compare_years(cur_d, profiles.restore(rec["profile"], rec.get("profile_data")), prev_d,
                                                      profiles.restore(prev["profile"], prev.get("profile_data")))]


def add_findings(rec: dict, extra: list[dict]) -> None:
    if not extra:
        return
    from ..checks.engine import SEVERITY_ORDER

    report = dict(rec["report"])
    findings = sorted([*report["findings"], *extra], key=lambda f: SEVERITY_ORDER[f["severity"]])
    report["findings"] = findings
    counts = {k: sum(1 for f in findings if f["severity"] == k) for k in ("error", "warning", "info")}
    report["summary"] = {**counts, "total": len(findings)}
    rec["report"] = report
    rec["counts"] = counts
