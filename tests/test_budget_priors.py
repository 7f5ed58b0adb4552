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


def test_a_prior_budget_column_of_a_table_is_read_into_the_model_and_checked(tmp_path):
    """A layout may print 上年预算数 beside a table's 本年 amounts (column key ``prior``): read back from
    the PDF into ``Disclosure.priors``, and compared with last year's budget at that cell."""
    from juesuan import profiles
    from juesuan.pipeline import write_outputs
    from juesuan.readers.published import read_published

    folder = tmp_path / "profile"
    folder.mkdir()
    (folder / "profile.yaml").write_text(PRIOR_COLUMN_PROFILE, encoding="utf-8")
    last, profile = _build(EXAMPLES / "putuo-wanli-budget-2025")
    current = last.model_copy(deep=True)
    current.meta.year, current.meta.document_title = 2026, None  # its title names 2026
    for row in current.tables["budget_general"].rows:  # this year's 上年预算数 = last year's 合计, one row off by 100 元
        row.values["prior"] = row.values["total"] + (100 if row.key == "2010507" else 0)
    prof = profiles.load(str(folder))
    written, _ = write_outputs(current, prof, tmp_path, "2026", ["pdf"])
    if not written:
        pytest.skip("no PDF writer here")
    read = read_published(written[0], profile=str(folder)).disclosure
    priors = {p.address: p for p in read.priors if p.column == "prior"}
    assert priors["budget_general:total:total"].value == last.tables["budget_general"].value("total", "total") / 10000
    found = [f for f in compare_years(read, prof, last, profile) if f.location.column == "prior"]
    assert [(f.location.table, f.location.row) for f in found] == [("budget_general", "2010507")]
    assert found[0].difference == Decimal("0.01") and found[0].related[0].row == "2010507"


PRIOR_COLUMN_PROFILE = """
extends: shanghai-budget
id: test-budget-prior
name: 测试：一般公共预算表列上年预算数
tables:
  - id: budget_general
    title: 部门一般公共预算支出功能分类预算表
    heading: [{text: "编制部门：{department}", align: left}, {text: "单位：{unit}", align: right}]
    widths: [0.6, 0.5, 0.5, 3.0, 1.4, 1.4, 1.4, 1.4]
    header:
      - [{text: "项目", cols: 4}, {text: "上年预算数", rows: 3}, {text: "一般公共预算支出", cols: 3}]
      - [{text: "功能分类科目编码", cols: 3}, {text: "功能分类科目名称", rows: 2}, {text: "合计", rows: 2}, {text: "基本支出", rows: 2}, {text: "项目支出", rows: 2}]
      - ["类", "款", "项"]
    body:
      - {coded: {code_style: split, columns: [prior, total, basic, project]}}
      - cells: [{text: "合计", cols: 4, align: center}, "=total/prior", "=total/total", "=total/basic", "=total/project"]
"""
