"""What the preparer of a workbook is told names the sheet and cell to fill, never a key of the
example-folder format (narrative.yaml, ``general_budget:201:total``, ``procurement.sme``)."""
from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from juesuan.pipeline import compile_source
from juesuan.workbook import plan
from test_workbook_errors import datong_workbook, edit, problems, row_of, spare_row, workbook  # noqa: F401 - fixtures

YAML_KEY = re.compile(r"\.yaml|\b[a-z_]+:[a-z0-9_.]+:[a-z_]+\b|\b(?:procurement|balances|prior_year|general_budget)\.[a-z_]+")
MARKER = re.compile(r"【待补充：[^】]*】")


def markers(path) -> list[str]:
    disclosure, _ = compile_source(path)
    text = "\n".join(p for s in disclosure.narrative for p in s.paragraphs)
    found = MARKER.findall(text)
    assert not [m for m in found if YAML_KEY.search(m.replace("编号 ", "编号:"))], found
    return found


def _row(ws, label: str) -> int:
    return next(c.row for c in ws["A"] if str(c.value or "").strip() == label)


def test_a_missing_reason_names_its_cell_or_the_free_row(workbook):
    rows = {}

    def change(wb):
        ws = wb[plan.REASONS_SHEET]
        rows["usage"] = _row(ws, "class.212.usage")
        ws.cell(rows["usage"], 3).value = None  # the 内容 left blank
        rows["total"] = _row(ws, "total_change")
        for c in (1, 2, 3):
            ws.cell(rows["total"], c).value = None  # the whole row deleted: its row is the first free one
    edit(workbook, change)
    found = markers(workbook)
    assert f"【待补充：城乡社区支出（212）的主要用途（填在原因说明!C{rows['usage']}：编号 class.212.usage）】" in found
    assert f"【待补充：收入支出总计增减变化的主要原因（填在原因说明!A{rows['total']}起的空行：编号 total_change）】" in found


def test_a_missing_prior_year_figure_names_its_cell(workbook):
    rows = {}

    def change(wb):
        ws = wb[plan.PRIOR_SHEET]
        rows["total"] = _row(ws, "一般公共预算财政拨款支出")
        ws.cell(rows["total"], 2).value = None
        codes = [c.row for c in ws["A"] if str(c.value or "").startswith("212")]
        for r in codes:
            ws.cell(r, 1).value = ws.cell(r, 2).value = None
        rows["free"] = min(codes)
    edit(workbook, change)
    found = markers(workbook)
    assert any(f"一般公共预算财政拨款支出的上年决算数（填在上年决算数!B{rows['total']}" in m for m in found), found
    assert any(f"城乡社区支出（212）的上年决算数（填在上年决算数!A{rows['free']}起的空行：科目编码212" in m for m in found), found


def test_a_missing_procurement_figure_names_its_cell(workbook):
    rows = {}

    def change(wb):
        ws = wb["公开10表"]
        rows["sme"] = _row(ws, "授予中小企业合同金额")
        ws.cell(rows["sme"], 2).value = None
    edit(workbook, change)
    assert f"【待补充：授予中小企业合同金额（填在公开10表!B{rows['sme']}：授予中小企业合同金额）】" in markers(workbook)


def test_income_short_of_spending_names_the_cell_of_the_item_added_only_to_spending(workbook):
    rows = {}

    def change(wb):
        ws = wb["公开03表"]
        rows["r"] = r = spare_row(ws)
        ws.cell(r, 1, "2010101")
        ws.cell(r, 4, 99999999)  # 基本支出
    edit(workbook, change)
    found = [p for p in problems(workbook) if "年末结转和结余将为负数" in p.message]
    assert len(found) == 1 and found[0].where.startswith("公开01表!")
    assert f"科目2010101（公开03表!D{rows['r']}）有本年支出而没有本年收入" in found[0].message
    assert not YAML_KEY.search(found[0].message)


def test_findings_on_a_workbook_name_the_cell_of_the_sheet(workbook):
    """A finding on a printed table cell (or a form field) of a disclosure built from a workbook
    says which cell of which sheet holds it."""
    from juesuan.pipeline import run_checks

    disclosure, profile = compile_source(workbook)
    findings = run_checks(disclosure, profile)
    on_tables = [f for f in findings if f.location.table and f.location.row and f.location.column]
    assert on_tables
    wb = openpyxl.load_workbook(workbook, read_only=True)
    for f in on_tables:
        source = f.location.source
        assert source is not None and source.sheet and source.cell, f.location.label
        assert f"（{source.sheet}!{source.cell}）" in f.location.label
        if f.location.row.isdigit():  # a coded row: the cell is on the row of its code
            row = int(re.sub(r"\D", "", source.cell))
            assert str(wb[source.sheet].cell(row, 1).value) == f.location.row
    for f in findings:
        if f.location.form:
            assert f.location.source is not None and f.location.source.sheet.startswith("绩效"), f.location.label


def test_a_missing_class_budget_names_its_row_or_the_free_row(workbook):
    """Shanxi states each 类's 年初预算: a 类 whose budget is not given names the 年初预算数 cell
    (its row when the code is typed without an amount, else the block's first free row)."""
    rows = {}

    def change(wb):
        ws = wb[plan.BUDGET_SHEET]
        coded = [c.row for c in ws["A"] if str(c.value or "").strip().isdigit()]
        for r in coded:
            ws.cell(r, 1).value = ws.cell(r, 2).value = None
        rows["free"] = min(coded)
        rows["typed"] = coded[1]
        ws.cell(rows["typed"], 1).value = "208"  # the code typed, its amount left blank
    edit(workbook, change)
    found = markers(workbook)
    assert f"【待补充：城乡社区支出（212）的年初预算数（填在年初预算数!A{rows['free']}起的空行：科目编码212）】" in found
    assert f"【待补充：社会保障和就业支出（208）的年初预算数（填在年初预算数!B{rows['typed']}：科目编码208）】" in found
    assert any(m.startswith("【待补充：一般公共预算财政拨款支出的年初预算数（填在年初预算数!A") for m in found), found


def test_missing_performance_facts_name_their_cells(tmp_path):
    """Shanghai's 十、预算绩效管理情况 names each missing 绩效情况 field's cell (a block: its free row)."""
    from juesuan import profiles
    from juesuan.readers.source import read_folder
    from juesuan.writers.workbook import write_workbook

    data, _ = read_folder(Path(__file__).resolve().parents[1] / "examples" / "putuo-finance-2024")
    path = tmp_path / "putuo.xlsx"
    write_workbook(data, profiles.load("shanghai"), path)
    rows = {}

    def change(wb):
        ws = wb[plan.PERF_SUMMARY_SHEET]
        for label in ("编报绩效目标的项目个数", "预算绩效管理工作机制"):
            rows[label] = _row(ws, label)
            ws.cell(rows[label], 2).value = None
        title = _row(ws, "预算绩效管理制度")
        for r in range(title + 2, ws.max_row + 1):
            if str(ws.cell(r, 1).value or "").startswith("▲"):
                break
            ws.cell(r, 2).value = None
        rows["systems"] = title + 2
    edit(path, change)
    found = markers(path)
    assert f"【待补充：编报绩效目标的项目个数（填在绩效情况!B{rows['编报绩效目标的项目个数']}：编报绩效目标的项目个数）】" in found
    assert f"【待补充：预算绩效管理工作机制（填在绩效情况!B{rows['预算绩效管理工作机制']}：预算绩效管理工作机制）】" in found
    assert f"【待补充：预算绩效管理制度名称（填在绩效情况!A{rows['systems']}起的空行：预算绩效管理制度）】" in found


def test_a_fund_item_budget_is_typed_in_its_own_block_and_its_marker_names_it(tmp_path):
    """Shanghai states each 公开07/公开08 项's 年初预算: the 年初预算数 sheet has a block per fund, the
    marker of a missing one names the block's free row, and a typed amount fills the sentence. A
    workbook written before those blocks existed still reads."""
    from decimal import Decimal

    from juesuan import profiles
    from juesuan.inputs import FunctionalLeaf
    from juesuan.readers.source import read_folder
    from juesuan.writers.workbook import write_workbook

    data, _ = read_folder(Path(__file__).resolve().parents[1] / "examples" / "putuo-finance-2024")
    amount = Decimal("120000.00") if data.meta.input_unit == "元" else Decimal("12.00")
    data.functional.append(FunctionalLeaf(code="2120801", name="征地和拆迁补偿支出", income={"fiscal_fund": amount},
                                          expenditure={"project": amount}, government_fund={"project": amount}))
    path = tmp_path / "putuo.xlsx"
    write_workbook(data, profiles.load("shanghai"), path)
    ws = openpyxl.load_workbook(path)[plan.BUDGET_SHEET]
    title = _row(ws, "政府性基金预算财政拨款支出年初预算数")
    free = title + 2
    found = markers(path)
    assert any(m.startswith("【待补充：城乡社区支出（类）") and f"年初预算数!A{free}起的空行：科目编码2120801）】" in m for m in found), found

    def typed(wb):
        wb[plan.BUDGET_SHEET].cell(free, 1).value = "2120801"
        wb[plan.BUDGET_SHEET].cell(free, 2).value = float(amount)  # as budgeted: 决算数与预算数持平
    edit(path, typed)
    disclosure, _ = compile_source(path)
    fund = next(s for s in disclosure.narrative if s.key == "fund")
    text = "".join(fund.paragraphs)
    assert "年初预算数" not in "".join(MARKER.findall(text)) and "决算数与预算数持平" in text, text
    assert disclosure.context.sources.get("budget:fund:2120801:total") is not None

    def old_layout(wb):  # the workbook as written before the fund blocks: rows removed
        ws = wb[plan.BUDGET_SHEET]
        ws.delete_rows(title, ws.max_row - title + 1)
    edit(path, old_layout)
    compile_source(path)  # reads; the fund item's budget is simply missing again
