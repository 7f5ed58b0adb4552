"""上年预算数 and 上年执行数 in the budget model (``Disclosure.priors``): read from what a published
budget states, recorded from a built budget's inputs, and compared with last year's budget (YEAR-002)
with both places named."""
from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from conftest import EXAMPLES, corpus_file
from juesuan.checks.crossyear import compare_years


def _build(source):
    from juesuan.pipeline import compile_source

    return compile_source(source)


def test_a_read_unit_budget_states_its_prior_budget_and_each_items_prior_execution():
    from juesuan.readers.published import read_published

    d = read_published(corpus_file("budgets/putuo-welfare-home-unit-budget-2024.pdf")).disclosure
    by = {(p.basis, p.address): p for p in d.priors}
    fiscal = by[("budget", "budget_summary:in.fiscal:amount")]
    assert (fiscal.value, fiscal.error, fiscal.section) == (Decimal("949.66"), Decimal("0.010"), "explanation")  # 950.12 − 0.46
    assert by[("budget", "budget_three_public:budget:vehicle_running")].value == Decimal("6.40")
    executed = {a.split(":")[1]: p.value for (basis, a), p in by.items() if basis == "execution"}
    # six items state a 2023 execution; the 类 name the document prints (医疗卫生与计划生育支出) is not the catalogue's
    assert executed == {"2080502": Decimal("54.60"), "2080505": Decimal("70.70"), "2080506": Decimal("35.35"),
                        "2081005": Decimal("711.34"), "2101102": Decimal("44.17"), "2210201": Decimal("33.74")}


def test_a_built_budget_records_its_inputs_exactly_at_the_sentences_stating_them():
    d, _ = _build(EXAMPLES / "putuo-welfare-home-unit-budget-2024")
    by = {(p.basis, p.address): p for p in d.priors}
    fiscal = by[("budget", "budget_summary:in.fiscal:amount")]
    assert (fiscal.value, fiscal.error, fiscal.section, fiscal.paragraph) == (Decimal("949.66"), 0, "explanation", 0)
    item = by[("execution", "budget_general:2080502:total")]
    assert item.value == Decimal("54.6") and item.section == "explanation" and "54.60万元" in item.text
    assert d.priors == type(d).model_validate_json(d.model_dump_json()).priors  # kept in the model JSON


@pytest.fixture(scope="module")
def last_year(tmp_path_factory):
    d, profile = _build(EXAMPLES / "putuo-wanli-budget-2025")
    path = tmp_path_factory.mktemp("last") / "putuo-wanli-budget-2025.json"
    path.write_text(d.model_dump_json(), encoding="utf-8")
    return d, profile, path


def _next_year(last_json, tmp_path, edit=None):
    from juesuan.init import init_workbook

    book = tmp_path / "2026.xlsx"
    init_workbook(book, profile="shanghai-budget", from_path=last_json)
    if edit:
        wb = openpyxl.load_workbook(book)
        edit(wb)
        wb.save(book)
    return _build(book)


def test_a_generated_consecutive_pair_agrees(last_year, tmp_path):
    last, profile, path = last_year
    current, current_profile = _next_year(path, tmp_path)
    assert current.meta.year == 2026 and {p.address for p in current.priors} >= {"budget_summary:in.fiscal:amount", "budget_three_public:budget:reception"}
    assert compare_years(current, current_profile, last, profile) == []


def test_a_wrong_prior_budget_in_a_generated_pair_names_both_places(last_year, tmp_path):
    last, profile, path = last_year

    def more_reception(wb):
        ws = wb["上年预算数"]
        for row in ws.iter_rows():
            if row[0].value == "上年公务接待费":
                row[1].value += 2000  # 1.35 → 1.55 万元

    current, current_profile = _next_year(path, tmp_path, more_reception)
    found = compare_years(current, current_profile, last, profile)
    by_column = {f.related[0].column: f for f in found}
    assert set(by_column) == {"reception", "total"} and all(f.rule == "YEAR-002" and f.severity == "warning" for f in found)
    f = by_column["reception"]
    assert f.difference == Decimal("0.2") and f.location.section == "three_public" and "公务接待费1.35万元" in f.location.sentence
    assert f.related[0].table == "budget_three_public" and "2025年预算" in f.related[0].label
    assert "1.55万元" in f.message and "1.35万元" in f.message


def test_the_corpus_consecutive_budgets_state_last_years_figures():
    from juesuan.audit import audit_file

    a = audit_file(corpus_file("budgets/putuo-wanli-budget-2024.pdf"))
    b = audit_file(corpus_file("budgets/putuo-wanli-budget-2025.pdf"))
    stated = {p.address: p.value for p in b.disclosure.priors}
    assert stated["budget_summary:in.fiscal:amount"] == Decimal("15621.11")  # 18,976.76 − 3,355.65
    assert a.disclosure.tables["budget_summary"].value("in.fiscal", "amount") == Decimal("156211123")  # the same, in 元
    assert compare_years(b.disclosure, b.profile, a.disclosure, a.profile) == []


def test_a_missing_reason_in_a_budget_workbook_names_its_cell(last_year, tmp_path):
    last, profile, path = last_year
    current, _ = _next_year(path, tmp_path)  # next year's workbook: no reasons typed yet
    three_public = next(s for s in current.narrative if s.key == "three_public").paragraphs
    assert "【待补充：因公出国（境）费比上年预算增减的主要原因（填在原因和用途!C6：编号 three_public.abroad）】" in three_public[1]
