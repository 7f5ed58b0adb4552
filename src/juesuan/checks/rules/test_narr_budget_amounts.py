from decimal import Decimal

from rule_testing import BASES, add_section as add, replace_in_narrative, run, set_value, triggers

ITEM = "行政运行（项）”科目100.00万元"


def _only(mutate, rule="NARR-021"):
    d, p = BASES["budget-text"]()
    mutate(d)
    return run(d, p, only=[rule])


def test_consistent_sample_has_no_finding():
    assert _only(lambda d: None) == []


def test_an_item_that_is_not_its_table_row():
    (f,) = triggers("budget-text", lambda d: replace_in_narrative(d, ITEM, "行政运行（项）”科目180.00万元"), "NARR-021")
    assert f.location.section == "explanation" and "第6页第5行" in f.location.label
    assert [(r.table, r.row, r.column) for r in f.related] == [("budget_general", "2010301", "total")]
    assert "1,000,000元（100.00万元）" in f.message and "相差+80.00万元" in f.message
    assert (f.found, f.expected) == (Decimal("180.00"), Decimal(100))


def test_rounding_is_no_finding_and_cutting_off_a_hint():
    def table(value):
        return lambda d: set_value(d, "budget_general", "2010301", "total", value)

    assert _only(table("999951")) == []  # 99.9951万元 printed 100.00: within half a unit of the second place
    (f,) = _only(table("1000080"))  # 100.008万元 printed 100.00: cut off, not rounded half up
    assert f.severity == "info" and "100.01" in f.message
    (f,) = _only(table("1000200"))
    assert f.severity == "error"


def test_totals_three_public_and_running_cost():
    assert [f.severity for f in _only(lambda d: replace_in_narrative(d, "收入预算200.00万元", "收入预算210.00万元"))] == ["error"]
    text = "2025年“三公”经费预算数为20.00万元，其中：（一）因公出国（境）费0万元；（二）公务用车购置及运行费15.00万元；（三）公务接待费5.00万元。"
    assert _only(lambda d: add(d, "three_public", "一、2025年“三公”经费预算情况说明", text)) == []
    (f,) = _only(lambda d: add(d, "three_public", "一、2025年“三公”经费预算情况说明", text.replace("接待费5.00", "接待费6.00")))
    assert f.related[0].table == "budget_three_public" and "5.00万元" in f.message
    (f,) = _only(lambda d: add(d, "running", "二、机关运行经费预算", "2025年本部门机关运行经费预算为56.00万元。"))
    assert f.severity == "error" and f.expected == Decimal(55)


def test_a_class_named_by_its_name():
    def said(amount):
        return lambda d: replace_in_narrative(d, "事业收入20.00万元。", f"事业收入20.00万元。一般公共服务支出{amount}万元。")

    assert _only(said("100.00")) == []  # 201 in the 一般公共预算 table: 1,000,000 元
    (f,) = _only(said("110.00"))
    assert f.severity == "error" and f.related[0].row == "201"


def test_another_scope_is_a_warning():
    # the item's 科目 in all funds (支出预算总表: 120.00万元), where the 编制说明 lists 财政拨款
    (f,) = _only(lambda d: replace_in_narrative(d, ITEM, "行政运行（项）”科目120.00万元"))
    assert f.severity == "warning" and "全部资金" in f.message
    # 基本支出 of all funds (140.00) or of 一般公共预算 (140.00): a third figure may be 财政拨款 only
    (f,) = _only(lambda d: replace_in_narrative(d, "事业收入20.00万元。", "事业收入20.00万元。基本支出150.00万元。"))
    assert f.severity == "warning"


def test_a_figure_of_last_year_is_not_this_years():
    assert _only(lambda d: replace_in_narrative(d, "主要用于行政运行。", "主要用于行政运行。2024年当年预算执行数为80.00万元，"
                                                                        "2025年预算安排100.00万元。")) == []
