"""A budget in the national template's wording (部门收支总表 with 本年收入合计 / 上年结转结余, a 收入总表
with 上年结转结余 and 一般公共预算拨款收入 columns, 第X部分 part headings, amounts in 万元), written for
this test as a text export: no built-in profile matches it, the generic path reads it whole and the
budget rules find it consistent; one slipped figure is found."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from juesuan.audit import audit_file
from juesuan.readers.published import read_published

FIXTURE = Path(__file__).parent / "fixtures" / "budget-national-template-2025.txt"


def test_read_through_the_generic_path():
    r = read_published(FIXTURE)
    d = r.disclosure
    assert (d.reading.path, d.meta.family, d.meta.level, d.meta.unit, d.meta.year) == ("generic", "budget", "部门", "万元", 2025)
    assert d.meta.department == "某某县教育局"
    summary = d.tables["budget_summary"]
    got = {r.key: r.values.get("amount") for r in summary.rows}
    assert got["in.fiscal_general"] == Decimal("1000.00") and got["in.total"] == Decimal("1250.00")
    assert got["in.carryover"] == Decimal("50.00") and got["in.grand_total"] == Decimal("1300.00")
    assert got["ex.205"] == Decimal("1150.00") and got["ex.total"] == Decimal("1300.00") and got["ex.carry_forward"] is None
    income = d.tables["budget_income"]
    assert income.row("total").values == {
        "total": Decimal("1300.00"), "carryover": Decimal("50.00"), "fiscal_general": Decimal("1000.00"),
        "fiscal_fund": Decimal("50.00"), "business": Decimal("200.00"), "other": None}
    assert d.tables["budget_three_public"].row("budget").values == {
        "total": Decimal("10.00"), "abroad": None, "vehicle_total": Decimal("8.00"), "vehicle_purchase": None,
        "vehicle_running": Decimal("8.00"), "reception": Decimal("2.00")}
    assert d.tables["budget_fiscal_summary"].row("ex.grand_total").values["fund"] == Decimal("50.00")
    assert r.problems == []
    assert [o.title for o in d.reading.other_tables] == ["项目支出表"]  # kept as printed, its rows in no other table
    assert d.tables["budget_fund"].row("2050999").values["total"] == Decimal("50.00") and len(d.tables["budget_fund"].rows) == 4
    assert d.overview.duties == ["负责全县教育事业发展规划。"]
    assert [s.key for s in d.narrative] == ["explanation"]


def test_consistent_and_a_slip_is_found(tmp_path):
    assert audit_file(FIXTURE).findings == []
    slipped = tmp_path / "slipped.txt"
    slipped.write_text(FIXTURE.read_text(encoding="utf-8").replace("本年支出合计\t1,300.00", "本年支出合计\t1,310.00"), encoding="utf-8")
    rules = {(f.rule, f.severity) for f in audit_file(slipped).findings}
    assert ("BUD-003", "error") in rules and all(s == "error" and r.startswith("BUD") for r, s in rules)


def test_carry_over_split_by_fund_is_not_read_as_this_years_income(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "收入总计\t1,050.00\t支出总计\t1,050.00\t1,000.00\t50.00",
        "上年结转\t30.00\t结转下年\t30.00\t30.00\t\n一般公共预算拨款\t30.00\t\t\t\t\n收入总计\t1,080.00\t支出总计\t1,080.00\t1,030.00\t50.00")
    path = tmp_path / "carry.txt"
    path.write_text(text, encoding="utf-8")
    d = read_published(path).disclosure
    fiscal = {r.key: r.values.get("amount") for r in d.tables["budget_fiscal_summary"].rows}
    assert fiscal["in.fiscal_general"] == Decimal("1000.00") and fiscal["in.carryover_general"] == Decimal("30.00")
    assert fiscal["in.carryover"] == Decimal("30.00")
    assert audit_file(path).findings == []  # 支出总计 = 各类 + 结转下年; the fund's 30.00 carried in and on
