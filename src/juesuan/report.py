"""Findings as output: a terminal table (a plain listing in a file or a pipe), JSON, a
self-contained HTML page, and the workbook annotated.

``emit`` is what ``juesuan check``, ``build`` and ``audit`` call; it returns the exit code
(1 when any finding is an error, else 0).
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
FORMATS = ("table", "json", "html", "xlsx", "checklist")


def severity_counts(findings) -> dict[str, int]:
    return dict(Counter(f.severity for f in findings))


def summary(findings) -> dict[str, int]:
    counts = severity_counts(findings)
    return {"error": counts.get("error", 0), "warning": counts.get("warning", 0), "info": counts.get("info", 0), "total": len(findings)}


def summary_line(findings) -> str:
    s = summary(findings)
    return f"错误 {s['error']} 处，警告 {s['warning']} 处，提示 {s['info']} 处。"


def _plain(value) -> str:
    if value is None:
        return ""
    return str(value)


# ---- terminal -------------------------------------------------------------------------------


def findings_listing(findings, title: str = "审核结果") -> str:
    """The findings as plain text for a file or a pipe: the title, then a block per finding —
    rule, severity and location on its first line, the message and the suggestion indented
    below. Nothing is wrapped: a box table folds a figure or a quotation at its cell's edge
    (``2,961.3`` / ``8`` at 80 piped columns), and a file or a pipe has no width to fit; each
    finding stays one greppable block."""
    lines = [title]
    for f in findings:
        lines += ["", f"{f.rule}　{SEVERITY_ZH.get(f.severity, f.severity)}　{f.location}"]
        lines += ["  " + line for line in str(f.message).splitlines()]
        if getattr(f, "suggestion", None):
            lines.append("  建议：" + f.suggestion)
    return "\n".join(lines) + "\n"


def table_text(findings) -> str:
    """The ``table`` report written to a file: the listing (when there are findings) and the counts."""
    return (findings_listing(findings) if findings else "") + summary_line(findings) + "\n"


def print_findings(console, findings, title: str = "审核结果") -> None:
    """A rich table at a terminal; elsewhere (a pipe, a file, a test's runner) the plain listing,
    without importing rich (~50 ms of a cold one-document audit, measured)."""
    if not console.is_terminal:
        console.file.write(findings_listing(findings, title))
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, show_lines=True, expand=True)
    table.add_column("规则", no_wrap=True)
    table.add_column("级别", no_wrap=True)
    table.add_column("位置", ratio=2, overflow="fold")
    table.add_column("说明", ratio=3, overflow="fold")
    for f in findings:
        text = Text(f.message, overflow="fold")
        if getattr(f, "suggestion", None):
            text.append("\n建议：" + f.suggestion, style="green")
        table.add_row(f.rule, Text(SEVERITY_ZH.get(f.severity, f.severity), style=SEVERITY_STYLE.get(f.severity, "")),
                      Text(str(f.location), overflow="fold"), text)
    console.print(table)


# ---- JSON -----------------------------------------------------------------------------------


def report_data(findings, disclosure=None) -> dict:
    """The JSON report as plain data: the document, every finding, the counts."""
    data = {}
    if disclosure is not None:
        m = disclosure.meta
        data["document"] = {"department": m.department, "year": m.year, "profile": m.profile,
                            "family": m.family, "level": m.level, "origin": disclosure.origin, "source": disclosure.source}
        if disclosure.reading is not None:  # a read document: how it was read and why
            r = disclosure.reading
            data["document"]["reading"] = {"path": r.path, "profile": r.profile, "reasons": r.reasons, "level": r.level,
                                           "province": r.province, "year_stated": r.year_stated, "units": r.units,
                                           "other_tables": [o.title for o in r.other_tables]}
    data["findings"] = [f.to_dict() for f in findings]
    data["summary"] = summary(findings)
    return data


def to_json(findings, disclosure=None) -> str:
    return json.dumps(report_data(findings, disclosure), ensure_ascii=False, indent=1)


# ---- HTML -----------------------------------------------------------------------------------

_CSS = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
h1{font-size:1.5em;margin-bottom:.2em} .meta{color:#666;margin-bottom:1em}
.counts span{display:inline-block;margin-right:1em;padding:.2em .7em;border-radius:3px;font-weight:bold}
.error{background:#fde2e1;color:#a40000} .warning{background:#fff1cc;color:#7a5200} .info{background:#e3f1fb;color:#0b5c8a}
table{border-collapse:collapse;width:100%;font-size:.92em} th,td{border:1px solid #ccc;padding:.4em .5em;vertical-align:top;text-align:left}
th{background:#f3f3f3} td.sev{white-space:nowrap;font-weight:bold} td.rule{white-space:nowrap;font-family:monospace}
.sugg{color:#176b2c;margin-top:.3em} .nums{color:#555;font-size:.9em;margin-top:.3em} .empty{color:#176b2c;font-size:1.1em}
"""


def to_html(findings, disclosure=None, title: str = "决算公开审核报告") -> str:
    import html  # only this report needs it (its entity table costs a cold JSON or table report ~2 ms)

    e = html.escape
    s = summary(findings)
    head = ""
    if disclosure is not None:
        m = disclosure.meta
        origin = "编制（末级数据生成）" if disclosure.origin == "built" else "已公开文档（读取）"
        what = f"{m.year}年{m.level or '部门'}预算" if m.family == "budget" else f"{m.year}年度"
        head = f'<div class="meta">{e(m.department)} · {what} · 模板 {e(m.profile)} · {origin}' + (
            f" · {e(str(disclosure.source))}" if disclosure.source else "") + "</div>"
        if disclosure.reading is not None:  # a read document: how it was read and why
            head += "".join(f'<div class="meta">{e(line)}</div>' for line in disclosure.reading.lines())
    rows = []
    for i, f in enumerate(findings, 1):
        nums = []
        for label, value in (("应为", getattr(f, "expected", None)), ("实为", getattr(f, "found", None)), ("差额", getattr(f, "difference", None))):
            if value is not None and value != "":
                nums.append(f"{label} {e(_plain(value))}")
        extra = f'<div class="nums">{"；".join(nums)}</div>' if nums else ""
        if getattr(f, "suggestion", None):
            extra += f'<div class="sugg">建议：{e(f.suggestion)}</div>'
        rows.append(
            f'<tr class="row-{f.severity}"><td>{i}</td><td class="rule" title="{e(getattr(f, "title", ""))}">{e(f.rule)}</td>'
            f'<td class="sev {f.severity}">{SEVERITY_ZH.get(f.severity, f.severity)}</td>'
            f"<td>{e(str(f.location))}</td><td>{e(f.message)}{extra}</td></tr>"
        )
    body = (
        "<table><thead><tr><th>#</th><th>规则</th><th>级别</th><th>位置</th><th>说明</th></tr></thead><tbody>"
        + "".join(rows) + "</tbody></table>"
        if rows else '<p class="empty">未发现问题。</p>'
    )
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{e(title)}</title><style>{_CSS}</style></head>'
        f"<body><h1>{e(title)}</h1>{head}"
        f'<div class="counts"><span class="error">错误 {s["error"]}</span><span class="warning">警告 {s["warning"]}</span>'
        f'<span class="info">提示 {s["info"]}</span></div><p>{e(summary_line(findings))}</p>{body}</body></html>'
    )


# ---- the workbook, annotated ----------------------------------------------------------------

_FILL = {"error": "#F8B4B4", "warning": "#FFE08A", "info": "#BFE3F7"}


def annotate_workbook(disclosure, profile, findings, path: Path) -> None:
    """The disclosure's tables in their official layout, every cell a finding points at highlighted
    (red 错误, yellow 警告, blue 提示) with the findings as its comment, and a sheet listing all findings."""
    import xlsxwriter

    from .layout import render_all
    from .writers.xlsx import AMOUNT_FORMAT, BASE_CELL, table_formats, write_table_sheet

    order = {"error": 0, "warning": 1, "info": 2}
    by_cell: dict[tuple[str, str, str], list] = {}
    for f in findings:
        loc = f.location
        if getattr(loc, "table", None) and getattr(loc, "row", None) and getattr(loc, "column", None):
            by_cell.setdefault((loc.table, loc.row, loc.column), []).append(f)
    wb = xlsxwriter.Workbook(str(path), {"in_memory": True})  # no temporary files: faster, same bytes
    base = BASE_CELL
    fmt = table_formats(wb)
    highlights: dict[int, tuple] = {}  # id(cell) -> (format, comment)
    tables = render_all(profile, disclosure)
    for t in tables:
        for row in t.body:
            for cell in row:
                if cell.ref is None:
                    continue
                hits = by_cell.get((t.id, cell.ref[0], cell.ref[1]))
                if not hits:
                    continue
                worst = min(hits, key=lambda f: order.get(f.severity, 3)).severity
                style = wb.add_format({**base, "align": "right", "num_format": AMOUNT_FORMAT if cell.kind == "amount" else "0",
                                       "bg_color": _FILL.get(worst, "#EEEEEE"), "bold": True})
                highlights[id(cell)] = (style, "\n".join(
                    f"[{SEVERITY_ZH.get(f.severity, f.severity)} {f.rule}] {f.message}" + (f"\n建议：{f.suggestion}" if f.suggestion else "")
                    for f in sorted(hits, key=lambda f: order.get(f.severity, 3))
                ))
    for t in tables:
        placed: list[tuple[int, int, str]] = []

        def highlighted(cell, r, c, placed=placed):
            mark = highlights.get(id(cell))
            if mark is None:
                return None
            placed.append((r, c, mark[1]))
            return mark[0]

        ws = write_table_sheet(wb, t, fmt, highlighted)
        for r, c, comment in placed:
            ws.write_comment(r, c, comment, {"x_scale": 3, "y_scale": 2.5, "font_name": "宋体"})
    _findings_sheet(wb, findings)
    wb.close()


def _findings_sheet(wb, findings) -> None:
    ws = wb.add_worksheet("审核结果")
    head = wb.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1, "font_name": "宋体"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top", "border": 1, "font_name": "宋体"})
    sev = {k: wb.add_format({"bg_color": v, "border": 1, "valign": "top", "font_name": "宋体"}) for k, v in _FILL.items()}
    columns = [("规则", 10), ("级别", 6), ("位置", 40), ("说明", 70), ("应为", 14), ("实为", 14), ("差额", 12), ("建议", 40)]
    for i, (name, width) in enumerate(columns):
        ws.write(0, i, name, head)
        ws.set_column(i, i, width)
    for r, f in enumerate(findings, start=1):
        values = [f.rule, SEVERITY_ZH.get(f.severity, f.severity), str(f.location), f.message,
                  _plain(getattr(f, "expected", None)), _plain(getattr(f, "found", None)),
                  _plain(getattr(f, "difference", None)), getattr(f, "suggestion", None) or ""]
        for c, v in enumerate(values):
            ws.write_string(r, c, v, sev.get(f.severity, wrap) if c == 1 else wrap)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(1, len(findings)), len(columns) - 1)


# ---- one entry point ------------------------------------------------------------------------


def emit(console, findings, fmt: str, output: Path | None, disclosure=None, profile=None, status=None) -> int:
    """Write the findings in ``fmt`` (table, json, html, xlsx, checklist) to ``output`` or the console; return the exit code.

    ``console`` (stdout) carries only the report, so ``--format json`` pipes into a JSON tool;
    what is said about it (已写出…, mistakes) goes to ``status`` (default: stderr).
    """
    if status is None:
        from rich.console import Console

        status = Console(stderr=True, soft_wrap=True)
    from .atomic import atomic_path, write_text

    if fmt == "json":
        text = to_json(findings, disclosure)
        if output:
            write_text(Path(output), text, ".json")
        else:
            print(text, file=console.file)
    elif fmt == "html":
        text = to_html(findings, disclosure)
        if output:
            write_text(Path(output), text, ".html")
            status.print(f"已写出审核报告 {output}（{summary_line(findings)}）", highlight=False)
        else:
            print(text, file=console.file)
    elif fmt in ("xlsx", "checklist"):
        if disclosure is None or output is None:
            needed = "检查表需要指定输出文件：-o 检查表.xlsx" if fmt == "checklist" else "批注工作簿需要指定输出文件：-o 报告.xlsx"
            status.print(f"[red]{needed}[/]")
            return 2
        if profile is None:
            from . import profiles

            profile = profiles.load(disclosure.meta.profile)
        with atomic_path(Path(output), ".xlsx") as tmp:
            if fmt == "checklist":  # the bureau's 公开情况检查表
                from . import __version__
                from .checks.checklist import evaluate
                from .writers import checklist as checklist_writer

                sheet = evaluate(disclosure, profile, findings)
                checklist_writer.write(sheet, tmp, version=__version__)
                said = f"已写出公开情况检查表 {output}（{len(sheet.rows)}项，不符合要求{sheet.failed}项；{summary_line(findings)}）"
            else:
                annotate_workbook(disclosure, profile, findings, tmp)
                said = f"已写出批注工作簿 {output}（{summary_line(findings)}）"
        status.print(said, highlight=False)
    else:
        if output:
            write_text(Path(output), table_text(findings), ".txt")
        else:
            if findings:
                print_findings(console, findings)
            console.print(summary_line(findings))
    return 1 if any(f.severity == "error" for f in findings) else 0
