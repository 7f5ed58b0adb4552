"""identities.yaml is the one source of the coded tables' identities: compile computes with it,
the workbook writes its formulas from it, the workbook reader checks typed totals with it, and
the rules check printed tables with it. Changing an entry changes all four."""
from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import EXAMPLES

from juesuan import identities
from juesuan.checks.engine import run_rules
from juesuan.compile import compile_disclosure
from juesuan.readers import workbook as workbook_reader
from juesuan.readers.source import read_folder
from juesuan.workbook import plan

LETTERS = {col: f"C{n}_" for n, col in enumerate(["total", "fiscal", "fiscal_general", "fiscal_fund", "fiscal_capital",
                                                   "superior", "business", "operation", "affiliated", "other", "basic",
                                                   "project", "upper", "begin", "income", "end"])}


def _every_entry():
    return [(t.id, i) for t in identities.coded_tables().values() for i in t.computed]


@pytest.mark.parametrize("table_id, identity", _every_entry(), ids=lambda v: getattr(v, "column", v))
def test_each_entry_drives_compile_formulas_reader_and_rules(table_id, identity, datong_built):
    disclosure, _ = datong_built
    # compile: every 项/款/类/合计 row of the built table satisfies the entry
    if identity.column in disclosure.tables[table_id].rows[0].values:
        for row in disclosure.tables[table_id].rows:
            values = {col: row.exact_value(col) or Decimal(0) for col in row.values}
            if all(col in values for _, col in identity.terms):
                assert values[identity.column] == identity.compute(values), (table_id, row.key)
    # the workbook: the column's formula is the entry's
    column = next(c for c in plan.CODED_COLUMNS[table_id] if c.key == identity.column)
    assert column.field is None and column.formula(7, LETTERS) == identity.formula(lambda col: f"{LETTERS[col]}7")
    # the workbook reader: a 项 row's computed column is the entry applied to its inputs
    inputs = {col: Decimal(n + 1) for n, col in enumerate(identities.coded(table_id).inputs)}
    assert workbook_reader._leaf_columns(table_id, inputs, inputs.get("income", Decimal(0)))[identity.column] == \
        identity.compute(identities.coded(table_id).complete(inputs))
    # the rules: the entry names the rule that checks it, and that rule reads it
    if identity.rule:
        assert identity in identities.checked_by(identity.rule)


def test_changing_an_entry_changes_all_four(monkeypatch, datong_built):
    """小计 = 基本支出 only (a made-up identity): compile, the formula, the reader and SUM-003 all follow."""
    disclosure, profile = datong_built
    before = [f for f in run_rules(disclosure, profile, only=["SUM-003"]) if f.location.table == "general_budget"]
    assert not [f for f in before if f.severity == "error"]

    levels, tables = identities._load()
    gb = tables["general_budget"]
    changed = identities.ColumnIdentity("general_budget", "total", ((1, "basic"),), "SUM-003")
    patched = {**tables, "general_budget": identities.CodedTable(gb.id, gb.attribute, gb.inputs, (changed,))}
    monkeypatch.setattr(identities, "_load", lambda: (levels, patched))

    data, locate = read_folder(EXAMPLES / "datong-housing-2024")
    rebuilt = compile_disclosure(data, locate, profile)
    total = rebuilt.tables["general_budget"].row("total")
    assert total.get("total") == total.get("basic") != disclosure.tables["general_budget"].row("total").get("total")
    column = next(c for c in plan.CODED_COLUMNS["general_budget"] if c.key == "total")
    assert column.formula(7, LETTERS) == f"={LETTERS['basic']}7"
    assert workbook_reader._leaf_columns("general_budget", {"basic": Decimal(1), "project": Decimal(2)})["total"] == 1
    # The printed table (小计 = 基本 + 项目) now breaks the identity the rule reads.
    findings = [f for f in run_rules(disclosure, profile, only=["SUM-003"]) if f.location.table == "general_budget"]
    assert any(f.severity == "error" for f in findings)


@pytest.mark.parametrize("built", ["datong_built", "shanghai_built"])
def test_compile_satisfies_every_cross_table_equality(built, request):
    """Compile builds 公开01/04 and the coded tables so that every pair the XTAB rules read holds exactly."""
    disclosure, _ = request.getfixturevalue(built)

    def exact(cell) -> Decimal:
        table, row, column = cell
        r = disclosure.tables[table].row(row) if table in disclosure.tables else None
        return (r.exact_value(column) if r is not None else None) or Decimal(0)

    checked = 0
    for spec in identities.cross_checks().values():
        assert spec.pairs and all(t in disclosure.tables for t in spec.requires)
        for pair in spec.pairs:
            classes = sorted({r.key for r in disclosure.tables[pair.cell.split(":")[0]].coded_rows() if len(r.key) == 3}) \
                if pair.per_class else [None]
            for k in classes:
                a, terms = pair.cells(k)
                assert exact(a) == sum((exact(t) for t in terms), Decimal(0)), (spec.rule, a, terms)
                checked += 1
    assert checked > 25


def _every_row_sum():
    return [(tid, i) for tid, spec in identities.row_sums().items() for i in spec.computed]


@pytest.mark.parametrize("table_id, identity", _every_row_sum(), ids=lambda v: getattr(v, "column", v))
def test_each_row_sum_of_the_summaries_drives_compile_formulas_and_rules(table_id, identity, datong_built):
    """公开01/04: a cell that sums other cells (公开04's expenditure side column by column) is computed by
    compile, written as the workbook's formula and checked by its rule from the same entry of identities.yaml."""
    disclosure, _ = datong_built
    spec = identities.row_sums()[table_id]
    table = disclosure.tables[table_id]
    values = {identities.cell_key(r.key, col, spec.column): r.exact_value(col) or Decimal(0) for r in table.rows for col in r.values}
    classes = [r.key[3:] for r in table.rows if r.key.startswith("ex.") and r.key[3:].isdigit()]
    expanded = identities.RowSums(table_id, spec.column, (identity,)).expanded(classes)
    assert expanded
    for each in expanded:
        assert values[each.column] == sum((sign * values[k] for sign, k in each.terms), Decimal(0)), each
    # the workbook's formula is the first entry of the cell the names of the cells it sums can spell
    # (a name stands for a cell it holds; a 类 row's formula sums the fund's functional table)
    if identities.CLASS not in identity.column:
        formula = plan.grid_formula(table_id, *identities.split_key(identity.column, spec.column))
        name = plan.ROW_NAMES[table_id].get(identity.column)
        if name:
            assert formula == f"={name}"
        else:
            assert formula == "=" + plan.row_expression(table_id, identity.column)
            spelled = [plan.ROW_NAMES[table_id].get(t) or plan.row_expression(table_id, t) for _, t in identity.terms]
            first = next(i for i in spec.computed if i.column == identity.column
                         and all(plan.ROW_NAMES[table_id].get(t) or plan.row_expression(table_id, t) for _, t in i.terms))
            # A cell with two sums (公开04's 总计·合计: 本年支出合计 + 年末结转 and Σ of the funds) is written by
            # its first; the other holds by the compile check above and is checked by the rule.
            if first is identity:
                assert all(part in formula for part in spelled)
    if identity.rule:
        assert identity in identities.row_sums()[table_id].checked_by(identity.rule)
