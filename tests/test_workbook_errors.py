"""Every class of bad input in the preparer's workbook: the message says what is expected, and
names the sheet and cell; all problems come at once; nothing is written."""
from __future__ import annotations

import warnings
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from juesuan.cli import app
from juesuan.errors import InputError
from juesuan.readers.source import read_folder
from juesuan.readers.workbook import read_workbook
from juesuan.workbook import plan
from juesuan.writers.workbook import write_workbook
from juesuan import profiles

ROOT = Path(__file__).resolve().parents[1]


# The 万元 transcription: the messages below quote its amounts (the 元 example is tested in
# tests/test_yuan.py).
WAN_EXAMPLE = ROOT / "examples" / "datong-housing-2024-wan"


@pytest.fixture(scope="module")
def datong_wan_built():
    from juesuan.pipeline import compile_source

    return compile_source(WAN_EXAMPLE)


@pytest.fixture(scope="module")
def datong_workbook(tmp_path_factory) -> Path:
    data, _ = read_folder(WAN_EXAMPLE)
    # One performance form keeps the workbook quick for openpyxl to edit (each form adds merges).
    data.performance = data.performance[:1]
    path = tmp_path_factory.mktemp("wb") / "datong.xlsx"
    write_workbook(data, profiles.load("shanxi"), path)
    return path


@pytest.fixture
def workbook(datong_workbook, tmp_path) -> Path:
    path = tmp_path / "datong.xlsx"
    path.write_bytes(datong_workbook.read_bytes())
    return path


def edit(path: Path, change) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)


def problems(path: Path) -> list:
    with pytest.raises(InputError) as info:
        read_workbook(path)
    return info.value.problems


def at(found: list, where: str) -> list[str]:
    """Messages of the problems located exactly at ``where`` (sheet!cell)."""
    return [p.message for p in found if p.where.split("（")[0] == where]


def row_of(ws, code: str) -> int:
    for row in ws.iter_rows(min_col=1, max_col=1):
        if str(row[0].value or "").strip() == code:
            return row[0].row
    raise AssertionError(f"{code} not in {ws.title}")


def spare_row(ws) -> int:
    """The first blank input row of a coded sheet."""
    total = row_of(ws, plan.TOTAL_LABEL)
    for r in range(total + 1, ws.max_row + 1):
        if ws.cell(r, 1).value is None and ws.cell(r, 2).value is None:
            return r
    raise AssertionError("no spare row")


G05 = "公开05表"  # 一般公共预算财政拨款支出决算表: A code, B name, C 小计, D 基本支出, E 项目支出


def test_the_unedited_workbook_reads(workbook):
    data, locate = read_workbook(workbook)
    assert data.meta.department == "大同市住房和城乡建设局"
    i = [leaf.code for leaf in data.functional].index("2120101")
    file, where = locate(("functional", i, "general_budget", "basic"))
    assert file == str(workbook) and where.startswith(f"{G05}!D")


def test_text_in_a_number_cell(workbook):
    edit(workbook, lambda wb: wb[G05].cell(row_of(wb[G05], "2120101"), 4, "一百"))
    r = row_of(openpyxl.load_workbook(workbook)[G05], "2120101")
    messages = at(problems(workbook), f"{G05}!D{r}")
    assert messages and "应填写金额" in messages[0] and "“一百”" in messages[0]


def test_numbers_typed_as_text_are_accepted(workbook):
    edit(workbook, lambda wb: wb[G05].cell(row_of(wb[G05], "2120101"), 4, "880.74"))
    data, _ = read_workbook(workbook)
    leaf = next(l for l in data.functional if l.code == "2120101")
    assert str(leaf.general_budget.basic) == "880.74"


def test_negative_amount(workbook):
    edit(workbook, lambda wb: wb[G05].cell(row_of(wb[G05], "2120102"), 5, -5))
    r = row_of(openpyxl.load_workbook(workbook)[G05], "2120102")
    messages = at(problems(workbook), f"{G05}!E{r}")
    assert messages == ["金额不能为负数，填写的是-5"]


def test_more_than_two_decimals(workbook):
    # a 万元 workbook keeps amounts to the cent of 元 (six places)
    edit(workbook, lambda wb: wb[G05].cell(row_of(wb[G05], "2120102"), 5, 956.4150005))
    r = row_of(openpyxl.load_workbook(workbook)[G05], "2120102")
    assert "最多六位小数" in at(problems(workbook), f"{G05}!E{r}")[0]


def test_unknown_code(workbook):
    def change(wb):
        ws = wb["公开02表"]
        r = spare_row(ws)
        ws.cell(r, 1, "2489998")  # under no 类 of the catalogue
        ws.cell(r, 2, "自编科目")
        ws.cell(r, 12, 1)  # 其他收入
    edit(workbook, change)
    r = spare_row(openpyxl.load_workbook(workbook)["公开02表"]) - 1
    messages = at(problems(workbook), f"公开02表!A{r}")
    assert messages == ["功能分类科目编码“2489998”不在2024年支出功能分类科目中：请核对编码（可用的编码和名称见“科目目录”表）"]


def test_one_unknown_code_typed_in_three_sheets_is_reported_at_each(workbook):
    """Once per cell it is typed in, as a code to check (not as a missing 科目名称)."""
    rows = {}

    def change(wb):
        for name in ("公开02表", "公开03表", G05):
            ws = wb[name]
            rows[name] = spare_row(ws)
            ws.cell(rows[name], 1, "2489998")
            ws.cell(rows[name], 4, 5)
    edit(workbook, change)
    found = problems(workbook)
    about = [p for p in found if "2489998" in p.message]
    assert sorted(p.where for p in about) == sorted(f"{name}!A{r}" for name, r in rows.items())
    assert all("不在2024年支出功能分类科目中" in p.message and "科目名称" not in p.message for p in about)


def test_unknown_code_in_a_kuan_row_is_one_message_at_the_code(workbook):
    """A 款 row's amounts are formulas: an unknown code there is said once, at the code, not as
    one formula mismatch per typed amount."""
    rows = {}

    def change(wb):
        ws = wb[G05]
        rows["r"] = r = spare_row(ws)
        ws.cell(r, 1, "24899")
        ws.cell(r, 4, 5)
        ws.cell(r, 5, 6)
    edit(workbook, change)
    found = problems(workbook)
    assert [p.where for p in found] == [f"{G05}!A{rows['r']}"]
    assert "“24899”不在2024年支出功能分类科目中" in found[0].message and "项级（7位）" in found[0].message


def test_code_name_mismatch(workbook):
    def change(wb):
        for name in ("公开02表", "公开03表", G05):
            wb[name].cell(row_of(wb[name], "2120101"), 2, "一般行政管理事务")
    edit(workbook, change)
    r = row_of(openpyxl.load_workbook(workbook)["公开02表"], "2120101")
    messages = at(problems(workbook), f"公开02表!B{r}")
    assert messages == ["科目“2120101”的名称应为“行政运行”，填写的是“一般行政管理事务”"]


def test_names_disagreeing_between_sheets(workbook):
    edit(workbook, lambda wb: wb[G05].cell(row_of(wb[G05], "2120101"), 2, "行政运行费"))
    r = row_of(openpyxl.load_workbook(workbook)[G05], "2120101")
    messages = at(problems(workbook), f"{G05}!B{r}")
    assert messages and "与公开02表!B" in messages[0] and "不一致" in messages[0]


def test_deleted_required_sheet(workbook):
    edit(workbook, lambda wb: wb.remove(wb[G05]))
    found = problems(workbook)
    assert at(found, G05) == ["缺少工作表“公开05表”：请勿删除工作表。可用 juesuan init 重新生成工作簿，把这张表复制回来"]
    # A structural problem alone: the leaves it would have held do not echo as balance errors.
    assert len(found) == 1


def test_header_merge_broken(workbook):
    def change(wb):
        ws = wb["公开02表"]
        for rng in list(ws.merged_cells.ranges):
            if rng.min_col == 4 and rng.max_col == 7:  # 财政拨款收入 over its four columns
                ws.unmerge_cells(str(rng))
                return rng.min_row
        raise AssertionError("merge not found")
    edit(workbook, change)
    found = problems(workbook)
    broken = [p for p in found if "被拆分或改动" in p.message]
    assert len(broken) == 1 and broken[0].where.startswith("公开02表!D")
    assert "D" in broken[0].message and ":G" in broken[0].message


def test_merge_hiding_input_cells(workbook):
    def change(wb):
        ws = wb[G05]
        r = row_of(ws, "2120102")
        ws.merge_cells(start_row=r, start_column=4, end_row=r, end_column=5)
    edit(workbook, change)
    r = row_of(openpyxl.load_workbook(workbook)[G05], "2120102")
    messages = at(problems(workbook), f"{G05}!D{r}")
    assert any("盖住了填报单元格" in m and f"E{r}" in m for m in messages)


def test_row_typed_below_the_table(workbook):
    def change(wb):
        ws = wb[G05]
        ws.cell(ws.max_row + 2, 1, "2120103")
        ws.cell(ws.max_row, 4, 12.5)
    edit(workbook, change)
    ws = openpyxl.load_workbook(workbook)[G05]
    r = ws.max_row
    messages = at(problems(workbook), f"{G05}!A{r}")
    assert messages and "在填报区以外" in messages[0] and f"A{r}、D{r}" in messages[0]


def test_value_typed_right_of_the_input_area(workbook):
    edit(workbook, lambda wb: wb[G05].cell(row_of(wb[G05], "2120101"), 7, 3))
    r = row_of(openpyxl.load_workbook(workbook)[G05], "2120101")
    assert "在填报区以外" in at(problems(workbook), f"{G05}!G{r}")[0]


def test_typed_total_that_disagrees(workbook, datong_wan_built):
    model, _ = datong_wan_built
    total = model.value("general_budget:total:total")
    def change(wb):
        ws = wb[G05]
        ws.cell(row_of(ws, plan.TOTAL_LABEL), 3, 12345)  # 合计·小计
        ws.cell(row_of(ws, "212"), 4, 880.74)  # 类 212 基本支出: the right value typed over its formula
        ws.cell(row_of(ws, "21201"), 5, 1)  # 款 21201 项目支出: wrong
    edit(workbook, change)
    ws = openpyxl.load_workbook(workbook)[G05]
    found = problems(workbook)
    total_value = total
    total = at(found, f"{G05}!C{row_of(ws, plan.TOTAL_LABEL)}")
    assert total and "此格应为公式" in total[0] and f"填写的12345与应有的{total_value}不符" in total[0]
    assert at(found, f"{G05}!D{row_of(ws, '212')}") == []  # agrees: harmless
    kuan = at(found, f"{G05}!E{row_of(ws, '21201')}")
    assert kuan and "只在项级（7位）科目行填写金额" in kuan[0] and "与应有的7321.19不符" in kuan[0]


def test_typed_total_in_a_summary_table(workbook, datong_wan_built):
    model, _ = datong_wan_built
    grand = model.value("summary:in.grand_total:amount")
    def change(wb):
        ws = wb["公开01表"]
        for row in ws.iter_rows():
            if row[0].value == "总计":
                ws.cell(row[0].row, 3, 1)
                return
    edit(workbook, change)
    found = problems(workbook)
    assert any(p.where.startswith("公开01表!C") and f"总计由公式计算），填写的1与应有的{grand}不符" in p.message for p in found)


def test_typed_score_on_a_performance_form(workbook):
    """A form's 执行率/得分 typed over its formula must be what identities.yaml's expression computes."""
    def change(wb):
        ws = wb[plan.form_sheet_name(1)]
        head = next(c.row for c in ws["A"] if c.value == plan.FUNDING_BLOCK) + 2  # the 资金总额 row
        ws.cell(head, 7, 99.9)  # 执行率 of 5.994 ÷ 6: the right value, harmless
        ws.cell(head, 8, 10)  # 得分: 9.99 by the expression
    edit(workbook, change)
    ws = openpyxl.load_workbook(workbook)[plan.form_sheet_name(1)]
    head = next(c.row for c in ws["A"] if c.value == plan.FUNDING_BLOCK) + 2
    found = problems(workbook)
    assert at(found, f"{ws.title}!G{head}") == []
    (score,) = at(found, f"{ws.title}!H{head}")
    assert "此格应为公式（得分" in score and "填写的10与应有的9.99不符" in score


def test_formula_in_an_input_cell_without_cached_value(workbook):
    edit(workbook, lambda wb: wb[G05].cell(row_of(wb[G05], "2120102"), 5, "=900+56.41"))
    r = row_of(openpyxl.load_workbook(workbook)[G05], "2120102")
    assert "不要填写公式" in at(problems(workbook), f"{G05}!E{r}")[0]


def test_missing_department_and_bad_choice(workbook):
    def change(wb):
        ws = wb[plan.INFO_SHEET]
        ws.cell(row_of(ws, "部门（单位）名称"), 2).value = None
        ws.cell(row_of(ws, "单位性质"), 2, "机关")
    edit(workbook, change)
    ws = openpyxl.load_workbook(workbook)[plan.INFO_SHEET]
    found = problems(workbook)
    assert at(found, f"单位信息!B{row_of(ws, '部门（单位）名称')}") == ["请填写部门（单位）名称（必填）"]
    assert "应为行政单位、参照公务员法管理事业单位、事业单位之一" in at(found, f"单位信息!B{row_of(ws, '单位性质')}")[0]


def test_every_problem_at_once(workbook):
    def change(wb):
        ws = wb[G05]
        ws.cell(row_of(ws, "2120101"), 4, "abc")
        ws.cell(row_of(ws, "2120102"), 5, -1)
        ws.cell(ws.max_row + 3, 2, "备注")
        wb["公开03表"].cell(row_of(wb["公开03表"], "2050802"), 5, "x")
        wb[plan.PRIOR_SHEET].cell(row_of(wb[plan.PRIOR_SHEET], "收入（支出）总计"), 2, "上年")
    edit(workbook, change)
    found = problems(workbook)
    sheets = {p.where.split("!")[0] for p in found}
    assert {G05, "公开03表", plan.PRIOR_SHEET} <= sheets
    assert len(found) >= 5


def test_build_reports_and_writes_nothing(workbook, tmp_path):
    edit(workbook, lambda wb: wb[G05].cell(row_of(wb[G05], "2120101"), 4, "一百"))
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", str(workbook), "-o", str(out), "-f", "json,xlsx"])
    assert result.exit_code == 2
    assert "公开05表!D" in result.output and "应填写金额" in result.output
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())


def test_not_a_workbook(tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_text("not a zip")
    with pytest.raises(InputError) as info:
        read_workbook(path)
    assert "不是有效的工作簿" in info.value.problems[0].message


@pytest.mark.parametrize("typed", ["=2期", "=100%"])
def test_text_beginning_with_an_equals_sign_gets_the_apostrophe_hint(workbook, typed):
    """The seed writes indicator values like "=2期": Excel takes them for formulas ("=100%" even
    computes, to 1). Typed as the seed writes them, they are refused with the fix."""
    target = {}

    def change(wb):
        ws = wb[plan.form_sheet_name(1)]
        cell = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.strip() == "≤份")
        cell.value = typed
        target["where"] = f"{ws.title}!{cell.coordinate}"

    edit(workbook, change)
    messages = at(problems(workbook), target["where"])
    assert messages == [f"“{typed}”以等号开头，Excel 和 WPS 会把它当作公式：要填写文字，请在等号前加一个英文单引号，即 '{typed}"]


def test_text_beginning_with_an_equals_sign_written_by_init_reads_back(tmp_path):
    """The example's "=100%" and "=5元" are written as text (not formulas) and read back as such."""
    path = tmp_path / "d.xlsx"
    data, _ = read_folder(WAN_EXAMPLE)
    data.performance = data.performance[:2]
    write_workbook(data, profiles.load("shanxi"), path)
    back, _ = read_workbook(path)
    values = [i.actual for f in back.performance for i in f.indicators]
    assert "=100%" in values or any(str(v).startswith("=") for v in values)


def test_expenditure_beyond_income_names_the_cell_and_the_likely_cause(workbook):
    """A 项 typed only in 公开03表: 收入总计 falls short of 本年支出合计."""
    def change(wb):
        ws = wb["公开03表"]
        r = spare_row(ws)
        ws.cell(r, 1, "2010101")
        ws.cell(r, 2, "行政运行")
        ws.cell(r, 4, 99999999)  # 基本支出
    edit(workbook, change)
    found = problems(workbook)
    message = next(p for p in found if "年末结转和结余将为负数" in p.message)
    assert "!" in message.where and "2010101" in message.message and "没有本年收入" in message.message


def _blank_profile(sheet_name: str):
    def change(wb):
        ws = wb[sheet_name]
        for row in ws.iter_rows(min_col=1, max_col=1):
            if str(row[0].value or "").strip() == "公开模板":
                ws.cell(row=row[0].row, column=2).value = None
                return
        raise AssertionError("公开模板 not found")
    return change


def test_a_workbook_without_its_profile_is_read_by_its_table_sheets(workbook):
    """An older workbook whose 公开模板 is blank is not taken for shanxi by default: its table sheets
    (公开01表…公开10表) say which profile it is."""
    edit(workbook, _blank_profile(plan.INFO_SHEET))
    data, _ = read_workbook(workbook)
    assert data.meta.profile == "shanxi"


def test_a_workbook_without_a_profile_or_its_sheets_is_a_message(workbook):
    def change(wb):
        _blank_profile(plan.INFO_SHEET)(wb)
        wb["公开10表"].title = "其他表"
    edit(workbook, change)
    found = problems(workbook)
    assert any("未写明公开模板" in p.message and "juesuan init --profile" in p.message for p in found)
