"""Findings as output: terminal table, JSON, HTML (the check-engine issue fills in the rest)."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def severity_counts(findings) -> dict[str, int]:
    return dict(Counter(f.severity for f in findings))


def print_findings(console, findings, title: str = "审核结果") -> None:
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for col in ("规则", "级别", "位置", "说明"):
        table.add_column(col)
    for f in findings:
        table.add_row(f.rule, SEVERITY_ZH.get(f.severity, f.severity), str(f.location), f.message)
    console.print(table)


def emit(console, findings, fmt: str, output: Path | None, disclosure=None) -> int:
    counts = severity_counts(findings)
    if fmt == "json":
        text = json.dumps({"findings": [f.to_dict() for f in findings], "summary": counts}, ensure_ascii=False, indent=1)
        if output:
            output.write_text(text, encoding="utf-8")
        else:
            console.print_json(text)
    else:
        print_findings(console, findings)
        console.print(f"错误 {counts.get('error', 0)} 处，警告 {counts.get('warning', 0)} 处，提示 {counts.get('info', 0)} 处。")
    return 1 if counts.get("error") else 0
