"""``juesuan audit``: read published documents into the model as printed and check them.

Each document is read by its format's reader into the shared document grid, mapped through the
profile's layouts to a ``Disclosure(origin="printed")`` (wrong totals kept), and checked by the
same rules as a build. What the reader itself notices—a row it cannot place—joins the findings,
located in the original file; a table the template requires but the document lacks is the rule
COMP-001's finding, located at the document.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError, Problem
from .model import Disclosure, SourceLoc

FORMAT_SUFFIX = {"table": ".txt", "json": ".json", "html": ".html", "checklist": ".xlsx"}


def _finding(rule: str, severity: str, title: str, message: str, *, table: str | None, source: SourceLoc | None, label: str):
    from .checks.engine import Finding, Location

    return Finding(rule=rule, severity=severity, message=message, location=Location(table=table, source=source, label=label), title=title)


def reader_findings(disclosure: Disclosure, profile, problems) -> list:
    """What the reader noticed beyond the rules: content it could not place. (A table the
    template requires but the document lacks is the rule COMP-001's finding, not the reader's.)"""
    out = []
    for p in problems:
        where = p.loc.describe() if p.loc is not None else ""
        out.append(
            _finding("read.unrecognised", "warning", "无法识别的内容", f"{where}：{p.message}" if where else p.message, table=None, source=p.loc, label=where)
        )
    return out


@dataclass
class Audited:
    """One document audited: its path, the model read from it, the profile it was read with, and
    the findings."""

    path: Path
    disclosure: Disclosure
    profile: Any
    findings: list


def audit_file(path: Path, profile: str | None = None) -> Audited:
    from .checks import run
    from .readers.published import read_published

    result = read_published(path, profile)
    findings = reader_findings(result.disclosure, result.profile, result.problems) + list(run(result.disclosure, result.profile))
    return Audited(path, result.disclosure, result.profile, findings)


def audit_command(console, files, *, fmt, output, export, profile) -> int:
    """``console`` (stdout) carries only the report, so ``--format json`` pipes into a JSON tool;
    status lines and progress go to stderr."""
    from .report import emit, report_data, severity_counts
    from .ui import LazyConsole

    status = LazyConsole(stderr=True)  # rich is imported only if something is said on stderr
    files = [Path(f) for f in files]
    if fmt not in FORMAT_SUFFIX:
        status.print(f"[red]未知的报告格式：{fmt}；可选：table、json、html、checklist[/]")
        return 2
    audited: list[Audited] = []
    problems: list[Problem] = []
    if len(files) > 1:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(TextColumn("核查"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=status.real, transient=True) as bar:
            task = bar.add_task("", total=len(files))
            for path in files:
                bar.update(task, description=path.name)
                _audit_into(path, profile, audited, problems)
                bar.advance(task)
    else:
        from .ui import working

        with working("正在读取并核查…", status):
            _audit_into(files[0], profile, audited, problems)
    if problems:
        status.print(f"[bold red]输入有误（共{len(problems)}处），未写出任何文件：[/]")
        for p in problems:
            status.print(f"  • {p}", markup=False, highlight=False)
        return 2
    from .atomic import unique_stems

    stems = dict(zip((id(a) for a in audited), unique_stems([a.path for a in audited])))  # one output name per document
    if export is not None:
        from .pipeline import write_outputs

        for a in audited:
            written, skipped = write_outputs(a.disclosure, a.profile, Path(export), stems[id(a)], ["json", "xlsx"])
            for p in written:
                status.print(f"已导出 {p}", highlight=False)
    to_stdout = output is None
    code = 0
    if len(audited) == 1:
        a = audited[0]
        if fmt == "table":  # the header belongs to the terminal report; beside a file it is a status line
            _header(console if to_stdout else status, a)
        if fmt == "table" and not to_stdout:
            return _emit_table_file(Path(output), a)
        return emit(console, a.findings, fmt, output, disclosure=a.disclosure, profile=a.profile, status=status)
    if not to_stdout:
        from .atomic import check_folder

        check_folder(Path(output))
    from rich.table import Table as RichTable

    summary = RichTable(title="核查汇总")
    for col in ("文档", "模板", "错误", "警告", "提示"):
        summary.add_column(col)
    documents = []
    for a in audited:
        counts = severity_counts(a.findings)
        summary.add_row(a.path.name, a.profile.id, str(counts.get("error", 0)), str(counts.get("warning", 0)), str(counts.get("info", 0)))
        if fmt == "json" and to_stdout:  # one JSON value for all documents
            documents.append({"file": str(a.path), **report_data(a.findings, a.disclosure)})
            code = max(code, 1 if counts.get("error") else 0)
            continue
        target = Path(output) / f"{stems[id(a)]}{FORMAT_SUFFIX[fmt]}" if not to_stdout else None
        if target is None or fmt != "table":
            if target is None and fmt == "table":
                _header(console, a)
            code = max(code, emit(console, a.findings, fmt, target, disclosure=a.disclosure, profile=a.profile, status=status))
        else:
            code = max(code, _emit_table_file(target, a))
    if documents:
        import json

        print(json.dumps({"documents": documents}, ensure_ascii=False, indent=1), file=console.file)
    (console if fmt == "table" and to_stdout else status).print(summary)
    return code


def _emit_table_file(target: Path, a: Audited) -> int:
    """The ``table`` report as plain text in a file."""
    from .atomic import write_text
    from .report import table_text

    write_text(target, table_text(a.findings), ".txt")
    return 1 if any(f.severity == "error" for f in a.findings) else 0


def _audit_into(path: Path, profile, audited: list, problems: list) -> None:
    try:
        audited.append(audit_file(path, profile))
    except InputError as exc:
        problems.extend(exc.problems)


def _header(console, a: Audited) -> None:
    m = a.disclosure.meta
    what = f"{m.year}年{m.level or '部门'}预算" if m.family == "budget" else f"{m.year}年度"
    console.print(f"{a.path.name}：{m.department}　{what}　模板 {a.profile.id}", highlight=False)
    for line in a.disclosure.reading.lines() if a.disclosure.reading else []:
        console.print(f"  {line}", highlight=False, markup=False)
