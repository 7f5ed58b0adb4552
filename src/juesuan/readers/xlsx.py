"""Official-layout workbooks (ours from ``juesuan build -f xlsx``, or any with one table per
sheet): every sheet row becomes a grid row with its sheet and cell address."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

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

    from ..guard import check_package, check_sheets

    # calamine holds a sheet as a dense rectangle, and aborts the process when an allocation
    # fails: sizes are checked on the package before it is handed over.
    with check_package(path, "工作簿") as z:
        check_sheets(path, z)
    wb = CalamineWorkbook.from_path(str(path))  # its errors: the boundary (read_grid_of) words them
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
