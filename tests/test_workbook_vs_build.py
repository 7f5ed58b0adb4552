"""The preparer's workbook computes what the build computes.

``juesuan init --example`` writes the workbook of each bundled example; LibreOffice (headless)
recalculates every formula; every table cell (coded sheets and grid sheets, inputs and formulas)
and every performance form's computed cells (结余, 执行率, 得分, 总分, 等级) must equal the build's.
The values the workbook carries for viewers that do not recalculate are compared too.
"""
from __future__ import annotations

import warnings
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest

from juesuan.init import init_workbook
from juesuan.pipeline import compile_source
from juesuan.tables import KINDS
from juesuan.workbook import plan
from libreoffice import SOFFICE, recalculated

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ("datong-housing-2024", "putuo-finance-2024")
CENT = Decimal("0.01")
FINE = Decimal("0.000001")


def _cell(value, places: Decimal = CENT) -> Decimal | str | None:
    """A cell as the comparison sees it: a number to ``places``, text stripped, blank as None."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        return Decimal(repr(value)).quantize(places, rounding=ROUND_HALF_UP)
    return str(value).strip() or None


def _money(value: Decimal | None, scale: int) -> Decimal | None:
    return None if value is None else (value * scale).quantize(CENT, rounding=ROUND_HALF_UP)


def _table_cells(wb, model, profile) -> list[tuple]:
    """(where, workbook value, build value) of every table cell the workbook holds."""
    scale = 10000 if model.meta.input_unit == "元" else 1
    out = []
    for table_id in plan.CODED_TABLES:
        sheet = plan.coded_sheet(profile, table_id)
        if sheet.name not in wb.sheetnames:
            continue
        table = model.tables[table_id]
        for row in wb[sheet.name].iter_rows():
            key = row[0].value
            if key == plan.TOTAL_LABEL:
                key = "total"
            elif not (isinstance(key, str) and key.isdigit()):
                continue
            built = table.row(key)
            for i, col in enumerate(sheet.columns):
                if col.key not in KINDS[table_id].columns:  # an input split no table prints (收入 by fund)
                    continue
                exact = built.exact_value(col.key) if built is not None else None
                out.append(((sheet.name, row[0].coordinate, col.key), _cell(row[2 + i].value) or Decimal("0.00"),
                            _money(exact, scale) or Decimal("0.00")))
    for table_id in plan.GRID_TABLES:
        name = plan.table_sheet_name(profile, table_id)
        if name not in wb.sheetnames:
            continue
        grid = plan.grid_sheet(profile, plan.layout_for(profile, table_id), name, model.meta.year)
        values = {(c.row, c.column): c.value for r in wb[name].iter_rows() for c in r if hasattr(c, "column")}
        for p in grid.places:
            if p.kind not in ("formula", "input") or p.ref is None:
                continue
            row = model.tables[table_id].row(p.ref[0])
            exact = row.exact_value(p.ref[1]) if row is not None else None
            count = table_id == "statistics" and (p.ref[0].startswith("vehicles.") or p.ref[0] == "equipment")
            out.append(((name, p.ref), _cell(values.get((p.row + 1, p.col + 1))) or Decimal("0.00"),
                        _money(exact, 1 if count else scale) or Decimal("0.00")))
    return out


def _form_cells(wb, model) -> list[tuple]:
    """(where, workbook value, build value) of every computed cell of every performance form."""
    out = []
    for i, form in enumerate(model.performance, start=1):
        ws = wb[plan.form_sheet_name(i)]
        rows = [[c.value for c in r] for r in ws.iter_rows()]
        start = next(n for n, r in enumerate(rows) if r[0] == plan.FUNDING_BLOCK) + 2  # title, header
        for k, funding in enumerate(form.funding):
            r = rows[start + k]
            assert r[0] == funding.source, (ws.title, r[0], funding.source)
            for col, field in ((5, "balance"), (6, "rate"), (7, "score")):
                built = getattr(funding, field)
                # The forms keep 万元 to more places than the cent (a 结余 of 2.805): compare them all.
                out.append(((ws.title, form.name, funding.source, field), _cell(r[col], FINE),
                            None if built is None else built.quantize(FINE)))
        total = next(r for r in rows if r[0] == plan.TOTAL_ROW)
        out.append(((ws.title, form.name, "总分"), _cell(total[8]), None if form.total is None else form.total.quantize(CENT)))
        out.append(((ws.title, form.name, "等级"), _cell(total[9]), form.grade))
    return out


@pytest.fixture(scope="module", params=EXAMPLES)
def example(request, tmp_path_factory):
    folder = ROOT / "examples" / request.param
    tmp = tmp_path_factory.mktemp(request.param)
    path = tmp / f"{request.param}.xlsx"
    init_workbook(path, example=folder)
    model, profile = compile_source(folder)
    return path, model, profile, tmp


def _differences(wb, model, profile) -> tuple[int, list]:
    cells = _table_cells(wb, model, profile) + _form_cells(wb, model)
    return len(cells), [c for c in cells if c[1] != c[2]]


def test_shown_values_equal_the_build(example):
    """What a viewer that does not recalculate shows (the values saved with the formulas)."""
    path, model, profile, _ = example
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path, data_only=True)
    compared, differ = _differences(wb, model, profile)
    assert compared > 300 and not differ, f"{len(differ)} of {compared} differ: {differ[:12]}"


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
def test_recalculated_values_equal_the_build(example):
    """Every formula as a spreadsheet application computes it."""
    path, model, profile, tmp = example
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(recalculated(path, tmp), data_only=True)
    compared, differ = _differences(wb, model, profile)
    assert compared > 300 and not differ, f"{len(differ)} of {compared} differ: {differ[:12]}"


def test_the_examples_hold_a_zero_budget_form():
    """The comparison above covers the zero-budget convention (执行率 0, 得分 0, 总分 = Σ指标得分)."""
    model, _ = compile_source(ROOT / "examples" / "datong-housing-2024")
    zero = [f for f in model.performance if f.funding[0].annual_budget == 0]
    assert zero and all((f.funding[0].rate, f.funding[0].score) == (0, 0) and f.total is not None for f in zero)


def _form_input(ws, row_label: str, column: int, offset: int = 0):
    """The cell of a form sheet ``offset`` rows below the header of the block titled ``row_label``."""
    start = next(c.row for c in ws["A"] if c.value == row_label) + 2  # title, header
    return ws.cell(start + offset, column)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
def test_recalculated_form_edge_cases_equal_the_build(tmp_path):
    """Forms edited into the conventions' corners — a zero budget with money spent, over-execution,
    a blank indicator 得分 (总分 and 等级 blank), a blank 全年执行数 (everything blank) — computed by
    LibreOffice from the workbook's formulas and by the build from the same workbook, alike."""
    path = tmp_path / "datong.xlsx"
    init_workbook(path, example=ROOT / "examples" / "datong-housing-2024")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path)
    budget, executed = 4, 5  # columns D, E of the funding block
    _form_input(wb[plan.form_sheet_name(1)], plan.FUNDING_BLOCK, budget).value = 0
    _form_input(wb[plan.form_sheet_name(1)], plan.FUNDING_BLOCK, executed).value = 1.5
    _form_input(wb[plan.form_sheet_name(2)], plan.FUNDING_BLOCK, executed).value = 1000
    _form_input(wb[plan.form_sheet_name(3)], plan.INDICATOR_BLOCK, 9, 1).value = None  # 得分 of the 2nd indicator
    _form_input(wb[plan.form_sheet_name(4)], plan.FUNDING_BLOCK, executed).value = None
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    model, _ = compile_source(edited)
    forms = model.performance
    assert (forms[0].funding[0].rate, forms[0].funding[0].score) == (0, 0)
    assert forms[1].funding[0].score == 10 and forms[1].funding[0].rate > 100
    assert (forms[2].total, forms[2].grade) == (None, None)
    assert (forms[3].funding[0].rate, forms[3].total, forms[3].grade) == (None, None, None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        recalc = openpyxl.load_workbook(recalculated(edited, tmp_path), data_only=True)
    cells = _form_cells(recalc, model)
    differ = [c for c in cells if c[1] != c[2]]
    assert len(cells) > 100 and not differ, differ[:12]
