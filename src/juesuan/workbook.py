"""The preparer's workbook: ``juesuan init`` writes it, ``juesuan build`` reads it
(implemented in the workbook issue)."""
from __future__ import annotations


def init_command(console, path, *, profile, from_path, example) -> int:
    console.print("[red]填报工作簿功能尚未实现[/]")
    return 2
