"""Real layouts vary: the readers hold for any department's document of the same template."""
from __future__ import annotations

from decimal import Decimal

import pytest

from juesuan import profiles
from juesuan.readers.document import read_grid
from juesuan.readers.text import read_text

T = "\t"


def _read(tmp_path, text: str, profile: str = "shanxi"):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return read_grid(read_text(path), profiles.load(profile))


def rows(*lines: list[str]) -> str:
    return "\n".join(T.join(cells) for cells in lines)


DOC = f"""某某市某某局

2024年度单位决算公开

公开05表 一般公共预算财政拨款支出决算表

部门名称：某某市某某局 2024年度 金额单位：元

{rows(["项目", "", "", "", "本年支出", "", ""], ["类", "款", "项", "科目名称", "小计", "基本支出", "项目支出"], ["合计", "", "", "", "1,234,567.80", "1,000,000.00", "234,567.80"], ["205", "", "", "教育支出", "234,567.80", "0.00", "234,567.80"], ["205", "08", "", "进修及培训", "234,567.80", "", "234,567.80"])}

-5-

一般公共预算财政拨款支出决算表

{rows(["项目", "", "", "", "本年支出", "", ""], ["类", "款", "项", "科目名称", "小计", "基本支出", "项目支出"], ["205", "08", "02", "干部教育", "234,567.80", "", "234,567.80"], ["208", "05", "05", "机关事业单位基本养老保险", "1,000,000.00", "1,000,000.00", ""])}
缴费支出

注：本表反映部门本年度一般公共预算财政拨款支出情况。
"""


def test_split_codes_thousands_unit_repeated_headers_wrapped_names(tmp_path):
    result = _read(tmp_path, DOC)
    d = result.disclosure
    assert d.meta.unit == "元" and d.meta.department == "某某市某某局" and d.meta.year == 2024
    t = d.table("general_budget")
    assert t.present and t.loc.line == 5  # title with its 表号 on the same line
    assert [r.key for r in t.rows] == ["total", "205", "20508", "2050802", "2080505"]
    assert t.value("total", "total") == Decimal("1234567.80")
    assert t.value("205", "basic") == Decimal("0.00")  # printed 0.00 stays zero
    assert t.value("20508", "basic") is None  # printed blank stays blank
    assert t.row("2080505").name == "机关事业单位基本养老保险缴费支出"
    assert t.heading["金额单位"] == "元"
    assert result.problems == []
    # every other table of the template is missing from this document: absent, not a crash
    assert not d.table("summary").present and d.table("summary").rows == []


def test_economic_groups_with_split_codes(tmp_path):
    doc = f"""公开06表

一般公共预算财政拨款基本支出决算明细表

{rows(["人员经费", "", "", "", "公用经费"], ["类", "款", "科目名称", "决算数", "类", "款", "科目名称", "决算数", "类", "款", "科目名称", "决算数", "类", "款", "科目名称", "决算数"], ["301", "", "工资福利支出", "10.00", "302", "", "商品和服务支出", "2.00", "307", "", "债务利息及费用支出", "", "310", "11", "地上附着物和青苗补偿", ""], ["301", "01", "基本工资", "10.00", "302", "01", "办公费", "2.00", "309", "", "资本性支出（基本建设）", "———", "", "", "", ""])}

{rows(["人员经费合计", "", "10.00", "公用经费合计", "", "", "", "", "", "", "", "2.00"])}

注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。
"""
    result = _read(tmp_path, doc)
    t = result.disclosure.table("general_basic")
    assert t.value("30101", "amount") == Decimal("10.00")
    assert t.value("30201", "amount") == Decimal("2.00")
    assert t.row("309").values["amount"] is None  # ——— : does not apply
    assert t.value("public_total", "amount") == Decimal("2.00")
    assert result.problems == []


def test_pages_missing_title_rows_are_placed_by_their_note(tmp_path):
    """The seed lacks the first pages of 公开02: its last page still reads, placed by the 注."""
    doc = f"""部门名称：某局

{rows(["221", "住房保障支出", "15.00", "15.00", "", "", "", "", ""])}

注：本表反映部门本年度取得的各项收入情况。
"""
    result = _read(tmp_path, doc)
    t = result.disclosure.table("income")
    assert t.present and t.value("221", "fiscal") == Decimal("15.00")


def test_detection_says_no_to_a_fragment_and_to_foreign_titles():
    """Three lines are not a Shanxi document: detection says no (generic) and says why."""
    from juesuan.readers.detect import detect
    from juesuan.readers.grid import DocGrid

    grid = DocGrid(source="x", kind="text")
    grid.add_text("公开01表", None)
    grid.add_text("收入支出决算总表", None)
    grid.add_text("部门决算公开相关信息统计表", None)
    found = detect(grid)
    assert found.profile is None and found.path == "generic"
    assert any("shanxi" in r for r in found.reasons)


@pytest.mark.parametrize("text,expected", [("⻔户", "门户"), ("２０２４年", "2024年"), ("因 公 出 国", "因 公 出 国")])
def test_normalisation(text, expected):
    from juesuan.readers.normalize import clean, compact

    assert clean(text) == expected
    assert compact("因 公 出 国 （ 境 ）") == "因公出国(境)"


def test_workbook_with_sheets_named_by_table_number(tmp_path):
    """Another producer's workbook: no title rows, each sheet named by its 表号, numbers as text."""
    import openpyxl

    from juesuan.readers.published import read_published

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "公开05表"
    for row in [
        ["部门名称：某某局", None, "2024年度", "金额单位：万元"],
        ["科目代码", "科目名称", "小计", "基本支出", "项目支出"],
        ["合计", None, 12.5, 10, "2.50"],
        ["205", "教育支出", 12.5, 10, "2.50"],
    ]:
        ws.append(row)
    path = tmp_path / "other.xlsx"
    wb.save(path)
    result = read_published(path, "shanxi")
    t = result.disclosure.table("general_budget")
    assert t.present and t.value("total", "total") == Decimal("12.50") and t.value("205", "project") == Decimal("2.50")
    assert t.row("205").cell_locs["project"].cell == "E4" and t.row("205").cell_locs["project"].sheet == "公开05表"
    assert result.disclosure.meta.department == "某某局"


def test_fixed_rows_of_another_width(tmp_path):
    """A summary printed without the 行次 columns (4 columns instead of the layout's 6)."""
    doc = f"""公开01表

收入支出决算总表

{rows(["项目", "金额", "项目", "金额"], ["一、一般公共预算财政拨款收入", "100.00", "一、一般公共服务支出", "60.00"], ["", "", "九、卫生健康支出", "40.00"], ["本年收入合计", "100.00", "本年支出合计", "100.00"], ["使用非财政拨款结余", "", "结余分配", ""])}

注：本表反映部门本年度的总收支和年末结转结余情况。
"""
    result = _read(tmp_path, doc)
    t = result.disclosure.table("summary")
    assert t.value("in.fiscal_general", "amount") == Decimal("100.00")
    assert t.value("ex.201", "amount") == Decimal("60.00")
    assert t.value("ex.210", "amount") == Decimal("40.00")
    assert t.value("ex.total", "amount") == Decimal("100.00")
    # worded without the layout's qualifier（含专用结余）: still that row
    assert t.row("in.nonfiscal_balance_used") is not None and t.row("ex.distribution") is not None
    assert result.problems == []


def test_narrative_sections_reworded_and_paragraphs_across_pages(tmp_path):
    doc = """第一部分 概况

一、职责

（一）负责某事。

第二部分 2024年部门决算表

第三部分 情况说明

一、收入支出决算总体情况说明

2024年度收入总计100.00万元，支出总计100.00万元。与上年相比，收入总计增加10.00万元，增长11.11%，主要原因是

-3-

业务增加。

八、国有资本经营预算财政拨款收入支出决算情况说明

本年度无此项支出。

第四部分 名词解释

一、财政拨款收入：指单位从同级财政部门取得的财政预算资金。
"""
    d = _read(tmp_path, doc).disclosure
    sections = {s.key: s.paragraphs for s in d.narrative}
    assert sections["total"] == ["2024年度收入总计100.00万元，支出总计100.00万元。与上年相比，收入总计增加10.00万元，增长11.11%，主要原因是业务增加。"]
    assert sections["capital"] == ["本年度无此项支出。"]  # “收入支出” inserted in the heading: still section 八
    assert d.glossary[0].term == "财政拨款收入"


def test_total_row_without_level_labels_and_no_data_said_without_prefix(tmp_path):
    """A district document prints the 合计 row of 收入决算表 without 类/款/项 in its code cells, and
    an empty fund table's 本表无数据 without “说明：”."""
    doc = f"""某某区某某局

2024年度部门决算

收入决算表

单位：万元

{rows(["项目", "", "", "", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"], ["合计", "", "", "", "15.00", "15.00", "", "", "", "", ""], ["221", "", "", "住房保障支出", "15.00", "15.00", "", "", "", "", ""])}

政府性基金预算财政拨款收入支出决算表

单位：万元

（本表无数据）
"""
    result = _read(tmp_path, doc, "shanghai")
    t = result.disclosure.table("income")
    assert t.value("total", "total") == Decimal("15.00") and result.problems == []
    assert result.disclosure.table("fund").statement == "（本表无数据）"
