"""The forms as printed grids (第五部分 附件) and as workbook sheets."""
from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from juesuan import performance
from juesuan.layout import RenderedTable
from juesuan.writers import xlsx

D = Decimal


def occupancy(t: RenderedTable) -> list[list[str]]:
    """Lay the body out honouring spans; every row must fill exactly ``ncols`` columns."""
    grid: dict[tuple[int, int], str] = {}
    for r, row in enumerate(t.body):
        c = 0
        for cell in row:
            while (r, c) in grid:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    assert (r + dr, c + dc) not in grid, f"overlap at row {r}"
                    grid[(r + dr, c + dc)] = cell.text
            c += cell.colspan
    rows = len(t.body)
    assert all((r, c) in grid for r in range(rows) for c in range(t.ncols)), "a hole in the grid"
    assert max(c for _, c in grid) == t.ncols - 1
    return [[grid[(r, c)] for c in range(t.ncols)] for r in range(rows)]


@pytest.fixture
def rendered(datong):
    disclosure, profile = datong
    return performance.render_forms(disclosure, profile)


def test_one_grid_per_form_with_title_heading_and_note(rendered, datong):
    disclosure, _ = datong
    assert len(rendered) == 26
    t = rendered[0]
    assert t.title == "J办理房屋租赁登记备案工作经费项目支出绩效自评表"
    assert t.heading == ["(2024年度)"]
    assert t.note.startswith("备注：1.“年初预算数”") and t.note.count("\n") == 3
    assert [x.id for x in rendered] == [f"performance.{i}" for i in range(1, 27)]
    for t in rendered:
        occupancy(t)  # spans are consistent on every form


def test_the_first_form_prints_like_the_seed(rendered):
    g = occupancy(rendered[0])
    assert g[0][:3] == ["项目名称", "项目名称", "J办理房屋租赁登记备案工作经费"]
    assert g[1][2] == "078-大同市住房和城乡建设局(部门)" and g[1][6] == "预算单位"
    assert g[2][2:4] == ["年初预算数", "年初预算数"] and g[3][2:4] == ["目标申报数", "预算编制数"]
    assert g[2][0] == g[5][0] == "项目资金预算安排及执行进度(万元)"  # merged over header + 2 rows
    assert g[4][1:10] == ["资金总额", "6", "6", "6", "5.994", "0.006", "99.90", "9.99", ""]
    assert g[5][9:] == ["按照实际工作需要支付"] * 2
    assert g[6][1] == "年度目标" and g[6][6] == "实际完成情况"
    header = g.index(next(r for r in g if r[1] == "一级指标"))
    assert g[header][1:] == ["一级指标", "二级指标", "三级指标", "年初指标值", "调整后指标值", "实际完成值", "定性指标情况说明", "分值", "得分", "偏差原因分析及改进措施"]
    # 产出指标 merged over its four rows; each 二级 on its own row.
    assert [r[1] for r in g[header + 1 : header + 7]] == ["产出指标"] * 4 + ["效益指标", "满意度指标"]
    assert g[header + 2][3:6] == ["印制证书合同合格率", "=%", "=100%"]
    total = g[header + 7]
    assert total[0] == total[8] == "总分" and total[9:] == ["99.99", "优"]
    assert g[header + 8][0] == "项目绩效分析" and g[header + 8][2] == "项目实施和预算执行情况"
    assert g[-1][1] == "下一步改进措施及管理建议"


def test_figures_print_as_the_forms_do(rendered):
    cells = {c.ref: c for t in rendered for row in t.body for c in row if c.kind == "figure"}
    assert len(cells) > 0
    qk = next(t for t in rendered if t.title.startswith("QK"))
    texts = [c.text for row in qk.body for c in row if c.ref == ("funding.0", "budgeted")]
    assert texts == ["3,184.4"]
    assert performance.render.fmt_figure(D("100.00")) == "100"
    assert performance.render.fmt_two(D("7")) == "7.00"
    # refs point at model fields, so a reader can map a printed form back
    refs = {c.ref for row in qk.body for c in row if c.ref}
    assert {("form", "total"), ("form", "grade"), ("funding.1", "rate"), ("indicators.5", "score")} <= refs


def test_a_form_without_funding_or_indicators_still_renders(datong):
    disclosure, profile = datong
    form = disclosure.performance[0].model_copy(update={"funding": [], "indicators": [], "total": None, "grade": None})
    t = performance.render_form(form, disclosure, profile)
    g = occupancy(t)
    assert any(r[1] == "资金总额" for r in g)


def test_workbook_has_one_sheet_per_form(datong, tmp_path):
    disclosure, profile = datong
    path = tmp_path / "out.xlsx"
    xlsx.write(disclosure, profile, path)
    wb = openpyxl.load_workbook(path)
    forms = [n for n in wb.sheetnames if n.startswith("绩效")]
    assert len(forms) == 26 and len(set(forms)) == 26
    assert forms[0] == "绩效01 J办理房屋租赁登记备案工作经费"
    assert all(len(n) <= 31 for n in forms)
    ws = wb[forms[0]]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][0] == "J办理房屋租赁登记备案工作经费项目支出绩效自评表"
    flat = [v for row in values for v in row if v is not None]
    assert "=100%" in flat  # a typed target stays text, never a formula
    assert not any(isinstance(v, str) and v.startswith("=") and "(" in v for v in flat)
    assert 5.994 in flat and 99.9 in flat  # numbers are numbers (Excel stores doubles)
    assert any(str(r) == "A5:A8" for r in ws.merged_cells.ranges)  # 项目资金… label over 2 + 2 rows
    total_row = next(i for i, row in enumerate(values) if row[0] == "总分")
    assert values[total_row][9:11] == [99.99, "优"]
    assert ws.row_dimensions[total_row + 2].height  # heights are set: apps do not grow merged rows
