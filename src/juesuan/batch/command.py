"""``juesuan audit`` over many documents (folders, many files, ``--jobs``, ``--cluster``,
``--summary``, ``--prior``) and ``juesuan export``: the CLI side of the batch.

stdout carries only the report (one JSON value with ``--format json``); progress, the summary
table and 已写出… lines go to stderr, except the summary table of a terminal ``table`` report.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

FORMAT_SUFFIX = {"table": ".txt", "json": ".json", "html": ".html", "checklist": ".xlsx"}
INTERRUPTED = "已中断：已核查完的文档已保存在缓存中，再次运行同一命令只核查其余文档。"


def findings_of(record: dict) -> list:
    """The record's findings as the check engine's objects (for the report writers)."""
    from ..checks.engine import Finding, Location
    from ..model import SourceLoc

    def location(d: dict) -> Location:
        src = d.get("source")
        return Location(**{k: d.get(k) for k in ("table", "row", "column", "section", "sentence", "form", "field")},
                        source=SourceLoc(**src) if src else None, label=d.get("text", ""))

    out = []
    for f in record["report"]["findings"]:
        out.append(Finding(rule=f["rule"], severity=f["severity"], message=f["message"], location=location(f["location"]), title=f.get("title", ""),
                           expected=f.get("expected"), found=f.get("found"),
                           difference=None if f.get("difference") is None else Decimal(str(f["difference"])),
                           suggestion=f.get("suggestion"), related=[location(r) for r in f.get("related") or []]))
    return out


def disclosure_of(record: dict):
    from .. import profiles
    from ..model import Disclosure
    from .store import model_json

    return Disclosure.model_validate_json(model_json(record)), profiles.restore(record["profile"], record.get("profile_data"))


def _store(use_cache: bool, profile: str | None):
    from .store import ResultStore

    return ResultStore.default(profile) if use_cache else ResultStore(None)


def batch_audit_command(console, inputs, *, fmt: str, output, export, profile, jobs, cluster, summary, use_cache: bool = True,
                        prior=None) -> int:
    from rich.console import Console
    from rich.table import Table as RichTable

    from ..report import emit
    from .run import audit_batch

    status = Console(stderr=True)
    if fmt not in FORMAT_SUFFIX:
        status.print(f"[red]未知的审核结果格式：{fmt}；可选：table、json、html、checklist[/]")
        return 2
    inputs = [Path(p) for p in inputs]
    priors = {}
    if prior is not None:
        if len(inputs) != 1 or not inputs[0].is_file():
            status.print("[red]--prior 只能与一个文档一起使用：juesuan audit 本年文档 --prior 上年文档（或同年度的预算）[/]")
            return 2
        priors = {str(inputs[0]): str(prior)}
    try:
        records = audit_batch([*inputs, *([prior] if prior is not None else [])], workers=jobs, cluster=cluster, profile=profile,
                              store=_store(use_cache, profile), console=status, priors=priors)
    except RuntimeError as exc:  # the cluster extra missing, a scheduler that does not answer
        status.print(f"[red]{exc}[/]", highlight=False)
        return 2
    except OSError as exc:
        status.print(f"[red]无法连接分布式集群 {cluster}：{exc}[/]", highlight=False)
        return 2
    except KeyboardInterrupt:
        status.print(INTERRUPTED, highlight=False)
        return 130
    if prior is not None:
        records = [r for r in records if r["file"] == str(inputs[0])]  # the prior document is only the reference
    if not records:
        status.print("[red]没有找到可核查的文档（PDF、DOCX、XLSX、HTML、TXT）[/]")
        return 2
    if summary is not None:
        from ..writers import dashboard, summary as summary_writer

        for path in (summary_writer.write(records, Path(summary) / "audit-summary.xlsx"), dashboard.write(records, Path(summary) / "audit-dashboard.html")):
            status.print(f"已写出 {path}", highlight=False)
    ok = [r for r in records if r.get("ok")]
    from ..atomic import unique_stems

    stem_of = dict(zip((id(r) for r in records), unique_stems([r["file"] for r in records])))  # one output name per document
    if export is not None:
        from ..pipeline import write_outputs

        for r in ok:
            d, prof = disclosure_of(r)
            written, _ = write_outputs(d, prof, Path(export), stem_of[id(r)], ["json", "xlsx"])
            for p in written:
                status.print(f"已导出 {p}", highlight=False)
    code = 1 if any(r["counts"]["error"] for r in ok) else 0
    to_stdout = output is None
    if len(records) == 1 and ok:
        r = ok[0]
        d, prof = disclosure_of(r)
        if fmt == "table":
            (console if to_stdout else status).print(f"{r['name']}：{r['department']}　{r['year']}年度　模板 {r['profile']}", highlight=False)
        return emit(console, findings_of(r), fmt, output, disclosure=d, profile=prof, status=status)
    table = RichTable(title="核查汇总")
    for col in ("文档", "部门/单位", "年度", "模板", "错误", "警告", "提示", "质量指数"):
        table.add_column(col, overflow="fold")
    documents = []
    failures: list[dict] = []
    if not to_stdout:
        Path(output).mkdir(parents=True, exist_ok=True)
    for r in records:
        if not r.get("ok"):
            table.add_row(r["name"], "[red]无法核查[/]", "", "", "", "", "", "")
            failures.append(r)
            documents.append({"file": r["file"], "error": r.get("reason")})
            continue
        c = r["counts"]
        table.add_row(r["name"], r["department"], str(r["year"]), r["profile"], str(c["error"]), str(c["warning"]), str(c["info"]), r["quality"]["index"])
        if fmt == "json" and to_stdout:
            documents.append({"file": r["file"], **r["report"], "quality": r["quality"]})
        elif not to_stdout:
            d, prof = disclosure_of(r)
            target = Path(output) / f"{stem_of[id(r)]}{FORMAT_SUFFIX[fmt]}"
            findings = findings_of(r)
            if fmt == "table":
                from ..atomic import write_text
                from ..report import table_text

                write_text(target, table_text(findings), ".txt")
            else:
                emit(console, findings, fmt, target, disclosure=d, profile=prof, status=status)
    if fmt == "json" and to_stdout:
        import json

        print(json.dumps({"documents": documents}, ensure_ascii=False, indent=1), file=console.file)
    (console if fmt == "table" and to_stdout else status).print(table)
    failed = len(failures)
    if failed:
        status.print(f"[yellow]{failed} 份文档无法核查（已跳过，其余照常核查）：[/]")
        for r in failures:
            status.print(f"  • {r['file']}：{r.get('reason')}", markup=False, highlight=False, soft_wrap=True)
    if not ok:
        return 2
    return max(code, 1 if failed else 0)


def export_command(inputs, out: Path, *, jobs, cluster, profile, use_cache: bool = True, parquet: bool = True) -> int:
    from rich.console import Console

    from ..writers import datapackage
    from .run import audit_batch

    from ..atomic import check_folder, output_error

    status = Console(stderr=True)
    check_folder(Path(out))  # a read-only place or an existing file: said (exit 2) before any audit
    try:
        records = audit_batch(inputs, workers=jobs, cluster=cluster, profile=profile, store=_store(use_cache, profile), console=status)
    except KeyboardInterrupt:
        status.print(INTERRUPTED, highlight=False)
        return 130
    except (RuntimeError, OSError) as exc:
        status.print(f"[red]{exc}[/]", highlight=False)
        return 2
    if not records:
        status.print("[red]没有找到可导出的文档（PDF、DOCX、XLSX、HTML、TXT）[/]")
        return 2
    from .store import model_json

    try:
        written = datapackage.write(records, Path(out), parquet=parquet, model_json=model_json)
    except OSError as exc:
        raise output_error(Path(out), exc) from None
    status.print(f"已导出 {len(records)} 份文档的数据包到 {out}（{len(written)} 个文件，描述文件 datapackage.json）", highlight=False)
    return 0 if any(r.get("ok") for r in records) else 2
