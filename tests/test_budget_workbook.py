"""The preparer's workbook for budgets: ``juesuan init --profile shanghai-budget`` (and -unit) writes
it, ``--example`` / ``--from`` pre-fill it, and ``build`` on it gives the example's disclosure;
every problem names its sheet!cell in Chinese."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from conftest import EXAMPLES
from test_roundtrip import _write

DEPARTMENT = EXAMPLES / "putuo-wanli-budget-2025"
UNIT = EXAMPLES / "putuo-welfare-home-unit-budget-2024"


def _build(source: Path):
    from juesuan.pipeline import compile_source

    return compile_source(source)


def _same_tables(a, b) -> int:
    compared = 0
    assert set(a.tables) == set(b.tables)
    for tid, table in a.tables.items():
        other = b.tables[tid]
        assert [r.key for r in table.rows] == [r.key for r in other.rows], tid
        for row in table.rows:
            for col, value in row.values.items():
                assert other.value(row.key, col) == value, (tid, row.key, col)
                compared += 1
    return compared


@pytest.mark.parametrize("example", [DEPARTMENT, UNIT], ids=["部门预算", "单位预算"])
def test_init_from_an_example_folder_builds_the_same_disclosure(example, tmp_path):
    from juesuan.init import init_workbook

    book = tmp_path / "预算.xlsx"
    init_workbook(book, example=example)
    want, profile = _build(example)
    got, got_profile = _build(book)
    assert got_profile.id == profile.id and got.meta.level == want.meta.level
    assert _same_tables(want, got) > 200
    assert [(s.key, s.paragraphs) for s in got.narrative] == [(s.key, s.paragraphs) for s in want.narrative]
    assert got.overview.duties == want.overview.duties


def test_budget_workbook_sheets_and_formulas(tmp_path):
    from juesuan.init import init_workbook

    book = tmp_path / "单位.xlsx"
    init_workbook(book, profile="shanghai-budget-unit")
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames[:9] == ["填报说明", "单位信息", "功能分类预算", "经济分类预算", "三公和机关运行经费", "上年预算数",
                                 "原因和用途", "其他情况", "项目经费情况说明"]
    ws = wb["功能分类预算"]
    header = [c.value for c in ws[4]]
    assert "其中：基本支出中的\n公用经费" in header  # a 单位预算 prints 人员经费/公用经费 by 类
    first = 5
    basic, project, total = (header.index(h) for h in ("基本支出\n合计", "项目支出\n合计", "合计"))
    # 基本支出 = Σ sources' 基本支出; 合计 = 基本 + 项目 (the sums compile makes)
    assert ws.cell(first, basic + 1).value == "=C5+E5+G5+I5+K5+M5"
    assert ws.cell(first, project + 1).value == "=D5+F5+H5+J5+L5+N5"
    assert ws.cell(first, total + 1).value == "=P5+Q5"
    total_row = next(r for r in ws.iter_rows() if r[0].value == "合计（公式）")  # under the 项 rows, summed as compile sums
    assert total_row[2].value.startswith("=SUM(C5:C")
    assert "其中：基本支出中的\n公用经费" not in [c.value for c in openpyxl.load_workbook(_department_blank(tmp_path))["功能分类预算"][4]]


def _department_blank(tmp_path):
    from juesuan.init import init_workbook

    book = tmp_path / "部门.xlsx"
    init_workbook(book, profile="shanghai-budget")
    return book


def test_blank_budget_workbook_is_refused_naming_the_cell(tmp_path):
    from juesuan.errors import InputError

    with pytest.raises(InputError) as exc:
        _build(_department_blank(tmp_path))
    assert "单位信息!B3" in str(exc.value) and "部门（单位）名称" in str(exc.value)


def test_budget_workbook_problems_name_sheet_and_cell(tmp_path):
    from juesuan.errors import InputError
    from juesuan.init import init_workbook

    book = tmp_path / "预算.xlsx"
    init_workbook(book, example=DEPARTMENT)
    wb = openpyxl.load_workbook(book)
    for row in wb["功能分类预算"].iter_rows():
        if row[0].value == "2010507":
            row[3].value = "abc"
        if row[0].value == "2012902":
            row[0].value = "2019999"
    wb.save(book)
    with pytest.raises(InputError) as exc:
        _build(book)
    text = str(exc.value)
    assert "功能分类预算!D5" in text and "“abc”" in text
    assert "功能分类预算!B6" in text and "2019999" in text

    init_workbook(book2 := tmp_path / "预算2.xlsx", example=DEPARTMENT)
    wb = openpyxl.load_workbook(book2)
    for row in wb["经济分类预算"].iter_rows():
        if row[0].value == "30101":
            row[1].value += 1
    wb.save(book2)
    with pytest.raises(InputError) as exc:
        _build(book2)
    assert "经济分类预算!B5" in str(exc.value) and "相差1.00" in str(exc.value)


@pytest.fixture(scope="module")
def built_pdf(tmp_path_factory):
    disclosure, profile = _build(DEPARTMENT)
    return disclosure, _write(disclosure, profile, "pdf", tmp_path_factory.mktemp("pdf"))


def test_init_example_from_the_built_pdf_gives_the_same_tables(built_pdf, tmp_path):
    from juesuan.init import init_workbook

    want, pdf = built_pdf
    book = tmp_path / "预算.xlsx"
    init_workbook(book, profile="shanghai-budget", example=pdf)
    got, _ = _build(book)
    assert got.meta.year == 2025 and _same_tables(want, got) > 500
    # the narrative's inputs come back from the text: 上年预算, reasons, usages, facts, project texts
    assert [(s.key, s.paragraphs) for s in got.narrative] == [(s.key, s.paragraphs) for s in want.narrative]


def test_init_from_last_years_pdf_starts_next_year_with_its_figures_as_the_prior_budget(built_pdf, tmp_path):
    from juesuan.init import init_workbook

    last, pdf = built_pdf
    book = tmp_path / "预算2026.xlsx"
    result = init_workbook(book, profile="shanghai-budget", from_path=pdf)
    assert result["year"] == 2026 and result["figures"] == 5
    got, _ = _build(book)
    assert got.meta.year == 2026 and _same_tables(last, got) > 500  # last year's amounts as the starting point
    explanation = next(s for s in got.narrative if s.key == "explanation").paragraphs
    assert "财政拨款收入18,976.76万元，比2025年预算持平" in explanation[0]
    three_public = next(s for s in got.narrative if s.key == "three_public").paragraphs
    assert three_public[0].startswith("2026年“三公”经费预算数为37.91万元，比2025年预算持平")


def test_init_budget_from_a_final_accounts_document_is_refused(tmp_path):
    from juesuan.errors import InputError
    from juesuan.init import init_workbook

    with pytest.raises(InputError) as exc:
        init_workbook(tmp_path / "x.xlsx", profile="shanghai-budget", from_path=EXAMPLES / "putuo-finance-2024")
    assert "不是预算公开" in str(exc.value)
    assert not (tmp_path / "x.xlsx").exists()


def test_init_example_from_a_built_unit_pdf_gives_the_same_disclosure(tmp_path):
    from juesuan.init import init_workbook

    want, profile = _build(UNIT)
    pdf = _write(want, profile, "pdf", tmp_path)
    book = tmp_path / "单位.xlsx"
    init_workbook(book, example=pdf)  # the profile (单位预算) from the document
    got, got_profile = _build(book)
    assert got_profile.id == "shanghai-budget-unit" and _same_tables(want, got) > 200
    assert [(s.key, s.paragraphs) for s in got.narrative] == [(s.key, s.paragraphs) for s in want.narrative]


def test_a_final_accounts_profile_is_not_prefilled_from_a_budget_document(built_pdf, tmp_path):
    from juesuan.errors import InputError
    from juesuan.init import init_workbook

    with pytest.raises(InputError) as exc:
        init_workbook(tmp_path / "x.xlsx", profile="shanghai", example=built_pdf[1])
    assert "决算模板" in str(exc.value) and not (tmp_path / "x.xlsx").exists()
