"""The preparer's workbook as a build source (see juesuan.workbook)."""
from __future__ import annotations

from pathlib import Path

from ..workbook.reader import WorkbookLocator, read_workbook as _read


def read_workbook(path: Path):
    """``(DepartmentData, locator)``; the locator maps a field path to (file, "sheet!cell")."""
    return _read(Path(path))


__all__ = ["read_workbook", "WorkbookLocator"]
