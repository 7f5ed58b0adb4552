"""Official-layout workbooks (ours from ``juesuan build -f xlsx``, or any with one table per
sheet): every sheet row becomes a grid row with its sheet and cell address."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ..errors import InputError
from ..model import SourceLoc
from .grid import DocGrid, GridCell
from .normalize import clean


def column_letter(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _text(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        # File-format boundary: xlsx stores IEEE doubles. repr() is the shortest text that reads
        # back as the same double, i.e. the number the writer meant (811754.86, 5.994).
        if value.is_integer():
            return str(int(value))
        return str(Decimal(repr(value)))
    if isinstance(value, int):
        return str(value)
    return clean(str(value))


def read_xlsx(path: Path) -> DocGrid:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for broken files
        raise InputError.single(str(path), "", f"无法打开工作簿：{exc}") from exc
    grid = DocGrid(source=str(path), kind="xlsx")
    name = path.name
    for block, sheet in enumerate(wb.sheet_names, start=1):
        # The sheet's name first: a workbook whose sheets are named 公开01表 (or by title) but
        # print no title row is still identified table by table.
        grid.add_text(sheet, SourceLoc(file=name, sheet=sheet))
        rows = wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        for r, values in enumerate(rows):
            cells = [
                GridCell(_text(v), SourceLoc(file=name, sheet=sheet, cell=f"{column_letter(c)}{r + 1}"))
                for c, v in enumerate(values)
            ]
            filled = [c for c in cells if c.text]
            if not filled:
                continue
            loc = SourceLoc(file=name, sheet=sheet, cell=f"A{r + 1}")
            if len(filled) == 1 and not filled[0].text.replace(".", "").isdigit():
                grid.add_text(filled[0].text, filled[0].loc)
            else:
                grid.add_row(cells, loc, block=block)
    return grid
