"""The budget family in the model and the profiles: two profile folders (部门预算, 单位预算 extending
it), nine table kinds with their own ids, layouts every writer can render."""
from __future__ import annotations

from decimal import Decimal

from juesuan import profiles
from juesuan.checks import run
from juesuan.layout import numeral, render_all
from juesuan.model import Disclosure, Meta, Row, Table
from juesuan.tables import BUDGET_TABLES, KINDS

NINE = ["budget_summary", "budget_income", "budget_expenditure", "budget_fiscal_summary", "budget_general",
        "budget_fund", "budget_capital", "budget_general_basic", "budget_three_public"]


def test_budget_profiles_are_data():
    dept = profiles.load("shanghai-budget")
    unit = profiles.load("shanghai-budget-unit")
    assert (dept.family, dept.level, unit.family, unit.level) == ("budget", "部门", "budget", "单位")
    assert [t.id for t in dept.tables] == NINE == [t.id for t in unit.tables] == list(BUDGET_TABLES)
    assert all(KINDS[t].family == "budget" for t in NINE)
    # the unit profile overrides titles and one layout, keeps the rest
    assert unit.table("budget_income").title == "预算单位收入预算总表"
    assert unit.table("budget_income").header == dept.table("budget_income").header
    assert unit.table("budget_summary").body[0].sides.right.columns == ["amount", "personnel", "public", "project"]
    assert dept.table("budget_three_public").unit == "万元"
    assert profiles.load("shanghai").family == "final"


def _budget() -> Disclosure:
    d = Disclosure(meta=Meta(department="某某街道办事处", year=2025, unit="元", profile="shanghai-budget", family="budget", level="部门"))
    d.tables["budget_summary"] = Table(id="budget_summary", rows=[
        Row(key="in.fiscal", name="一、财政拨款收入", values={"amount": Decimal(300)}),
        Row(key="in.grand_total", name="收入总计", values={"amount": Decimal(300)}),
        Row(key="ex.212", name="城乡社区支出", values={"amount": Decimal(200)}),
        Row(key="ex.201", name="一般公共服务支出", values={"amount": Decimal(100)}),
        Row(key="ex.grand_total", name="支出总计", values={"amount": Decimal(300)}),
    ])
    return d


def test_sides_render_the_classes_a_department_has_numbered_in_code_order():
    d = _budget()
    tables = {t.id: t for t in render_all(profiles.load("shanghai-budget"), d)}
    summary = tables["budget_summary"]
    assert summary.title == "部门财务收支预算总表"
    rows = [[c.text for c in r] for r in summary.body]
    assert rows[0] == ["一、财政拨款收入", "300.00", "一、一般公共服务支出", "100.00"]
    assert rows[1][2:] == ["二、城乡社区支出", "200.00"]
    assert rows[-1] == ["收入总计", "300.00", "支出总计", "300.00"]
    assert len(rows) == 8  # seven income rows (the longer side) and the 总计 row
    unit = {t.id: t for t in render_all(profiles.load("shanghai-budget-unit"), d.model_copy(update={"meta": d.meta.model_copy(update={"profile": "shanghai-budget-unit"})}))}
    assert unit["budget_three_public"].header[0][0].text == "2025年“三公”经费预算数"
    assert numeral(1) == "一" and numeral(10) == "十" and numeral(12) == "十二" and numeral(26) == "二十六"


def test_final_accounts_rules_never_read_a_budget():
    d = _budget()
    from juesuan.checks.engine import REGISTRY

    findings = run(d, profiles.load("shanghai-budget"))
    assert all("budget" in REGISTRY[f.rule].documents for f in findings), [f.rule for f in findings]
