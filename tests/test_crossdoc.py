"""YEAR-002 and YEAR-003 (juesuan.checks.crossyear): consecutive budgets, and a department's budget
against its final accounts of the same year. Each disagreement names both documents' places."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import corpus_file
from juesuan import profiles
from juesuan.checks.crossyear import compare_years
from juesuan.model import Disclosure, Meta, Row, Table
from rule_testing import built

WAN = Decimal(10000)


def budget_of(final: Disclosure) -> Disclosure:
    """The same year's 部门预算 whose figures are the 年初预算 the final accounts state (元)."""
    rows = [Row(key=code.split(":")[1], name="", values={"total": v * WAN, "basic": None, "project": None})
            for code, v in final.context.budget.items() if code.startswith("general_budget:")]
    tp = final.tables["three_public"].row("budget").values
    three = Row(key="budget", name="预算数", values={**{k: (v or Decimal(0)) * WAN for k, v in tp.items()}, "running": Decimal(0)})
    meta = Meta(department=final.meta.department, year=final.meta.year, unit="元", profile="shanghai-budget", family="budget", level="部门")
    return Disclosure(origin="printed", source="/data/预算2024.pdf", meta=meta, tables={
        "budget_general": Table(id="budget_general", rows=rows, places=0),
        "budget_three_public": Table(id="budget_three_public", rows=[three], places=2, printed_unit="万元")})


def test_final_accounts_restate_their_budget_and_a_planted_difference_names_both_places():
    final, prof = built("putuo-finance-2024")
    budget, bprof = budget_of(final), profiles.load("shanghai-budget")
    assert compare_years(final, prof, budget, bprof) == []
    assert compare_years(budget, bprof, final, prof) == []  # either order
    budget.tables["budget_general"].row("2010607").values["total"] += Decimal(1000)  # 0.10 万元 more in the budget
    (f,) = compare_years(final, prof, budget, bprof)
    assert f.rule == "YEAR-003" and f.severity == "warning" and f.difference == Decimal("-0.1")
    assert "信息化建设" in f.message and f.location.section  # the final accounts' sentence
    assert "预算2024.pdf" in f.related[0].label and f.related[0].table == "budget_general" and f.related[0].row == "2010607"


def test_the_three_public_table_budget_row_against_the_budget():
    final, prof = built("datong-housing-2024-wan")
    final.context.budget = {}
    budget, bprof = budget_of(final), profiles.load("shanghai-budget")
    budget.tables["budget_three_public"].rows[0].values["vehicle_running"] += Decimal(500)
    found = compare_years(final, prof, budget, bprof)
    (f,) = found  # the narrative states only the total's 年初预算
    assert f.rule == "YEAR-003" and f.location.table == "three_public" and f.location.column == "vehicle_running"
    assert "公务用车运行维护费预算数为1.25万元" in f.message and "1.30万元" in f.message


def test_other_pairs_are_left_alone():
    final, prof = built("putuo-finance-2024")
    budget, bprof = budget_of(final), profiles.load("shanghai-budget")
    budget.meta.year = 2025  # next year's budget says nothing about this year's 年初预算
    budget.tables["budget_general"].row("2010607").values["total"] += Decimal(1000)
    assert compare_years(final, prof, budget, bprof) == []


@pytest.fixture(scope="module")
def wanli():
    from juesuan.audit import audit_file

    a = audit_file(corpus_file("budgets/putuo-wanli-budget-2024.pdf"))
    b = audit_file(corpus_file("budgets/putuo-wanli-budget-2025.pdf"))
    a.disclosure.source = "putuo-wanli-budget-2024.pdf"
    return a, b


def test_consecutive_corpus_budgets_agree(wanli):
    a, b = wanli
    assert compare_years(b.disclosure, b.profile, a.disclosure, a.profile) == []


def test_a_wrong_prior_budget_names_this_years_sentence_and_last_years_cell(wanli):
    a, b = wanli
    prior = a.disclosure.model_copy(deep=True)
    prior.tables["budget_three_public"].rows[0].values["reception"] += Decimal(2000)  # 1.35 → 1.55 万元
    (f,) = compare_years(b.disclosure, b.profile, prior, a.profile)
    assert f.rule == "YEAR-002" and f.difference == Decimal("-0.2")
    assert "公务接待费" in f.message and "第30页" in f.location.label
    assert f.related[0].label.startswith("2024年预算《putuo-wanli-budget-2024.pdf》") and f.related[0].table == "budget_three_public"


def record(d, name):
    """A batch record of a read document (what juesuan.batch.work.record_of keeps)."""
    return {"ok": True, "file": name, "name": name, "department": d.meta.department, "year": d.meta.year,
            "family": d.meta.family, "profile": d.meta.profile, "model": d.model_dump_json(),
            "report": {"findings": [], "summary": {}}, "counts": {"error": 0, "warning": 0, "info": 0}}


def test_batch_pairs_consecutive_budgets(wanli):
    from juesuan.batch.run import cross_year

    a, b = wanli
    prior = a.disclosure.model_copy(deep=True)
    prior.tables["budget_three_public"].rows[0].values["reception"] += Decimal(2000)
    final, _ = built("putuo-finance-2024")  # another department's final accounts: not paired
    records = [record(b.disclosure, "2025.pdf"), record(prior, "2024.pdf"), record(final, "决算.pdf")]
    cross_year(records, {})
    assert [f["rule"] for f in records[0]["report"]["findings"]] == ["YEAR-002"] and records[0]["prior"] == "2024.pdf"
    assert records[0]["counts"]["warning"] == 1
    assert records[1]["report"]["findings"] == [] and "prior" not in records[2]


def test_batch_pairs_a_final_with_its_budget():
    from juesuan.batch.run import cross_year

    final, prof = built("putuo-finance-2024")
    budget = budget_of(final)
    budget.tables["budget_general"].row("2010607").values["total"] += Decimal(1000)
    records = [record(final, "决算2024.pdf"), record(budget, "预算2024.pdf")]
    cross_year(records, {})
    assert [f["rule"] for f in records[0]["report"]["findings"]] == ["YEAR-003"] and records[0]["prior"] == "预算2024.pdf"
    assert records[1]["report"]["findings"] == [] and "prior" not in records[1]
