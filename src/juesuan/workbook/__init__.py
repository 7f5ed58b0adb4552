"""The preparer's workbook: ``juesuan init`` writes it, ``juesuan build`` reads it.

The workbook and an example folder are two forms of the same input
(``juesuan.inputs.DepartmentData``): ``write_workbook`` and ``read_workbook`` convert between
them without loss. See docs/workbook.md for the preparer's guide and ``plan`` for the layout.
"""
from __future__ import annotations

from .writer import write_workbook

__all__ = ["write_workbook", "read_workbook", "init_command"]


def read_workbook(path):
    from .reader import read_workbook as read

    return read(path)


def init_command(console, path, *, profile, from_path, example, unit=None) -> int:
    from .init import init_command as run

    return run(console, path, profile=profile, from_path=from_path, example=example, unit=unit)
