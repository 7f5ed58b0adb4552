"""identities_budget.yaml is the one source of the budget tables' identities: compile_budget builds
the nine tables with it and the BUD rules check a printed budget with it. Changing an entry
changes both."""
from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from conftest import EXAMPLES

from juesuan import identities
from juesuan.checks.engine import run_rules

EXAMPLE = EXAMPLES / "putuo-wanli-budget-2025"


@pytest.fixture(scope="module")
def built():
    from juesuan.pipeline import compile_source

    return compile_source(EXAMPLE)


def _exact(disclosure, table: str, row: str, column: str) -> Decimal | None:
    r = disclosure.tables[table].row(row) if table in disclosure.tables else None
    return r.exact_value(column) if r is not None else None


def _every_entry():
    b = identities.budget()
    return [(t.id, i) for t in b.tables.values() for i in t.computed] + \
        [(s.table, i) for s in b.row_sums.values() for i in s.computed]


@pytest.mark.parametrize("table_id, identity", _every_entry(), ids=lambda v: getattr(v, "column", v))
def test_compile_satisfies_each_entry_and_a_rule_reads_it(table_id, identity, built):
    disclosure, _ = built
    b = identities.budget()
    table = disclosure.tables[table_id]
    rows = b.row_sums.get(table_id)
    if rows is not None and identity in rows.computed:
        spec = rows
        printed = [{r.key: r.exact_value(rows.column) or Decimal(0) for r in table.rows if rows.column in r.values}]
    else:
        spec = b.tables[table_id]
        printed = [{col: row.exact_value(col) or Decimal(0) for col in row.values} for row in table.rows]
    for values in printed:  # each sum of the entry a built row prints holds exactly, as its rule reads it
        for whole, parts in identities.printed_sums(identity, spec.identity, values.__contains__):
            assert values[whole] == sum((values[p] for p in parts), Decimal(0)), (table_id, whole, parts)
    # checked by its rule, or as a whole inside an entry of the same table
    assert identity.rule or any(identity.column in (t for _, t in i.terms) for i in spec.computed)


def test_a_built_budget_prints_most_sums():
    b = identities.budget()
    from juesuan.pipeline import compile_source

    disclosure, _ = compile_source(EXAMPLE)
    sums = 0
    for tid, spec in b.tables.items():
        for row in disclosure.tables[tid].rows:
            sums += sum(1 for top in spec.computed if top.rule for _ in identities.printed_sums(top, spec.identity, row.values.__contains__))
    assert sums > 100


def test_compile_satisfies_every_equality(built):
    disclosure, _ = built
    checked = 0
    for rule, pairs in identities.budget().equalities.items():
        for a, b in pairs:
            if _exact(disclosure, *a) is not None and _exact(disclosure, *b) is not None:  # both printed
                assert _exact(disclosure, *a) == _exact(disclosure, *b), (rule, a, b)
                checked += 1
    assert checked >= 4


def test_the_funds_are_the_fiscal_summary_columns(built):
    disclosure, _ = built
    fiscal = disclosure.tables["budget_fiscal_summary"]
    for fund in identities.budget().funds.values():
        spent = disclosure.tables[fund.table].row("total").exact_value("total") or Decimal(0)
        assert (fiscal.row("ex.grand_total").exact_value(fund.column) or 0) == spent
        assert (fiscal.row(fund.income).exact_value("amount") or 0) == spent


def test_changing_an_entry_changes_compile_and_the_rule(monkeypatch, built):
    """“三公”合计 = 因公出国（境）+ 公务用车 only (a made-up identity): compile and BUD-010 both follow."""
    disclosure, profile = built
    assert not [f for f in run_rules(disclosure, profile, only=["BUD-010"]) if f.severity == "error"]
    b = identities.budget()
    tp = b.tables["budget_three_public"]
    changed = identities.ColumnIdentity("budget_three_public", "total", ((1, "abroad"), (1, "vehicle_total")), "BUD-010")
    patched_tp = dataclasses.replace(tp, computed=(changed, *tp.computed[1:]))
    patched = dataclasses.replace(b, tables={**b.tables, "budget_three_public": patched_tp})
    monkeypatch.setattr(identities, "budget", lambda: patched)

    from juesuan.pipeline import compile_source

    rebuilt, _ = compile_source(EXAMPLE)
    row = rebuilt.tables["budget_three_public"].row("budget")
    assert row.get("reception") and row.get("total") == row.get("abroad") + row.get("vehicle_total")
    # the document built with the real identity (合计 counts 公务接待费) now breaks the one the rule reads
    assert any(f.severity == "error" for f in run_rules(disclosure, profile, only=["BUD-010"]))


def test_a_whole_counts_once_printed_or_as_its_printed_split():
    """基本支出 printed beside 人员经费/公用经费: checked against them, and counted once in 合计; not
    printed: its split counts. A column another template prints (上缴上级支出) takes part where printed."""
    t = identities.budget().tables["budget_expenditure"]
    top = t.identity("total")

    def sums(printed):
        return list(identities.printed_sums(top, t.identity, set(printed).__contains__))

    assert sums(["total", "basic", "personnel", "public", "project"]) == \
        [("basic", ["personnel", "public"]), ("total", ["basic", "project"])]
    assert sums(["total", "personnel", "public", "project", "upper"]) == [("total", ["personnel", "public", "project", "upper"])]
    assert sums(["total"]) == []


def test_the_budget_workbook_writes_its_formulas_from_the_same_entries(monkeypatch):
    """The 功能分类预算 sheet's 基本支出/项目支出/合计 formulas follow the 支出预算总表's entries."""
    from juesuan.budget_inputs import SOURCES
    from juesuan.workbook import budget_plan

    L = {**{f"{s}.{p}": f"{s[:2].upper()}{p[0]}" for s in SOURCES for p in ("basic", "project")},
         "_basic": "X", "_project": "Y", "_total": "Z"}
    assert budget_plan._basic(7, L) == "=" + "+".join(f"{s[:2].upper()}b7" for s in SOURCES)
    assert budget_plan._total(7, L) == "=X7+Y7"
    b = identities.budget()
    spec = b.tables["budget_expenditure"]
    patched = dataclasses.replace(b, tables={**b.tables, "budget_expenditure": dataclasses.replace(
        spec, inputs={**spec.inputs, "basic": "general.basic"})})
    monkeypatch.setattr(identities, "budget", lambda: patched)
    assert budget_plan._basic(7, L) == "=GEb7"
