"""``juesuan audit``: read published documents into the model as printed and check them
(implemented in the audit issue)."""
from __future__ import annotations


def audit_command(console, files, *, fmt, output, export, profile) -> int:
    console.print("[red]核查功能尚未实现[/]")
    return 2
