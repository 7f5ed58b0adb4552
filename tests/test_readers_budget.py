"""The four 普陀区 budget disclosures (../shared/corpus/budgets/) read into the model.

Expected values are hand-checked transcriptions of tables as ``pdftotext -layout`` prints them;
a second test checks *every* printed amount of every table against that independent extraction.
Detection says budget (预算) from the document's own words, whatever the file is called.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import corpus_file
from juesuan.readers.kinds import title_kind
from juesuan.readers.published import read_published

D = Decimal
BUDGETS = ["putuo-wanli-budget-2024.pdf", "putuo-wanli-budget-2025.pdf", "putuo-finance-budget-2025.pdf",
           "putuo-welfare-home-unit-budget-2024.pdf"]
_CACHE: dict[str, object] = {}


def read(name: str):
    if name not in _CACHE:
        _CACHE[name] = read_published(corpus_file(f"budgets/{name}"))
    return _CACHE[name]


def cells(result, table: str) -> dict[tuple[str, str], Decimal | None]:
    t = result.disclosure.tables[table]
    return {(r.key, c): v for r in t.rows for c, v in r.values.items()}


def check(result, table: str, expected: dict[str, dict[str, str | None]]) -> None:
    got = cells(result, table)
    for row, values in expected.items():
        for col, v in values.items():
            assert got.get((row, col), "absent") == (None if v is None else D(v)), (table, row, col)


# -- what each document is --------------------------------------------------------------------
@pytest.mark.parametrize("name, profile, level, department, year", [
    ("putuo-wanli-budget-2024.pdf", "shanghai-budget", "部门", "上海市普陀区人民政府万里街道办事处", 2024),
    ("putuo-wanli-budget-2025.pdf", "shanghai-budget", "部门", "上海市普陀区人民政府万里街道办事处", 2025),
    ("putuo-finance-budget-2025.pdf", "shanghai-budget", "部门", "上海市普陀区财政局", 2025),
    ("putuo-welfare-home-unit-budget-2024.pdf", "shanghai-budget-unit", "单位", "上海市普陀区社会福利院", 2024),
])
def test_each_budget_is_detected_with_its_level(name, profile, level, department, year):
    d = read(name).disclosure
    assert (d.meta.family, d.meta.level, d.meta.profile, d.meta.department, d.meta.year) == ("budget", level, profile, department, year)
    assert d.meta.unit == "元"  # the tables print 元; the 三公 table's 万元 is converted
    assert d.reading.family == "budget" and d.reading.level == level
    assert any("预算公开文档" in r for r in d.reading.reasons)
    assert all(t.present for t in d.tables.values())
    assert f"{level}预算" in "".join(d.reading.lines())
    from juesuan.report import report_data

    assert {k: report_data([], d)["document"][k] for k in ("family", "level")} == {"family": "budget", "level": level}


def test_detection_reads_the_document_not_its_file_name(tmp_path):
    budget = tmp_path / "2024年度部门决算.pdf"
    shutil.copy(corpus_file("budgets/putuo-wanli-budget-2025.pdf"), budget)
    assert read_published(budget).disclosure.meta.family == "budget"
    final = tmp_path / "putuo-budget-2025.pdf"
    shutil.copy(corpus_file("putuo-finance-2024.pdf"), final)
    d = read_published(final).disclosure
    assert (d.meta.family, d.meta.profile, d.reading.family) == ("final", "shanghai", "final")


# -- hand-checked transcriptions ---------------------------------------------------------------
def test_wanli_2025_summary_and_functional_tables():
    r = read("putuo-wanli-budget-2025.pdf")
    check(r, "budget_summary", {
        "in.fiscal": {"amount": "189767551"}, "in.fiscal_general": {"amount": "189767551"}, "in.fiscal_fund": {"amount": None},
        "in.fiscal_capital": {"amount": None}, "in.business": {"amount": None}, "in.operation": {"amount": None},
        "in.other": {"amount": None}, "in.grand_total": {"amount": "189767551"},
        "ex.201": {"amount": "3296600"}, "ex.204": {"amount": "2878025"}, "ex.205": {"amount": "250000"},
        "ex.206": {"amount": "100000"}, "ex.207": {"amount": "200000"}, "ex.208": {"amount": "16091895"},
        "ex.210": {"amount": "3216973"}, "ex.212": {"amount": "154369326"}, "ex.221": {"amount": "9364732"},
        "ex.grand_total": {"amount": "189767551"},
    })
    assert len(r.disclosure.tables["budget_summary"].rows) == 18
    check(r, "budget_income", {
        "2010507": {"total": "438300", "fiscal": "438300", "business": "0", "operation": "0", "other": "0"},
        "2080505": {"total": "4827156", "fiscal": "4827156"},
        "total": {"total": "189767551", "fiscal": "189767551", "business": "0", "operation": "0", "other": "0"},
    })
    check(r, "budget_expenditure", {
        "2120101": {"total": "17887739", "basic": "17737739", "project": "150000"},
        "20805": {"total": "7589473", "basic": "7589473", "project": "0"},
        "total": {"total": "189767551", "basic": "101341746", "project": "88425805"},
    })
    check(r, "budget_fiscal_summary", {
        "in.fiscal_general": {"amount": "189767551"}, "in.fiscal_fund": {"amount": None},
        "ex.212": {"total": "154369326", "general": "154369326", "fund": None, "capital": None},
        "ex.grand_total": {"total": "189767551", "general": "189767551"}, "in.grand_total": {"amount": "189767551"},
    })
    check(r, "budget_general", {"2210399": {"total": "2177200", "basic": "0", "project": "2177200"},
                                "total": {"total": "189767551", "basic": "101341746", "project": "88425805"}})
    assert len(r.disclosure.tables["budget_general"].coded_rows()) == 66


def test_wanli_2025_economic_and_three_public_tables():
    r = read("putuo-wanli-budget-2025.pdf")
    check(r, "budget_general_basic", {
        "30101": {"total": "6084184", "personnel": "6084184", "public": "0"},
        "30231": {"total": "215600", "personnel": "0", "public": "215600"},
        "303": {"total": "275460", "personnel": "275460", "public": "0"},
        "total": {"total": "101341746", "personnel": "90514044", "public": "10827702"},
    })
    # printed in 万元 (37.91 …), held in 元 like every other table of the document
    check(r, "budget_three_public", {"budget": {
        "total": "379100", "abroad": "0", "reception": "13500", "vehicle_total": "365600",
        "vehicle_purchase": "150000", "vehicle_running": "215600", "running": "4646400"}})
    t = r.disclosure.tables
    assert (t["budget_three_public"].printed_unit, t["budget_three_public"].places) == ("万元", 2)
    assert (t["budget_general"].places, t["budget_general"].printed_unit) == (0, None)
    assert t["budget_fund"].statement == "注:本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。"
    assert not t["budget_fund"].coded_rows()
    assert r.problems == []


def test_wanli_2024_codes_printed_with_one_digit_are_read_and_reported():
    r = read("putuo-wanli-budget-2024.pdf")
    check(r, "budget_general_basic", {
        "30102": {"total": "16623810", "personnel": "16623810", "public": "0"},
        "30107": {"total": "11447100", "personnel": "11447100", "public": "0"},
        "total": {"total": "99706020", "personnel": "88537451", "public": "11168569"},
    })
    assert sorted(p.message for p in r.problems) == [
        "科目编码“301 2”的“2”只印了一位数字，按“02”读取", "科目编码“301 7”的“7”只印了一位数字，按“07”读取"]
    check(r, "budget_summary", {"ex.212": {"amount": "119385303"}, "ex.grand_total": {"amount": "156211123"}})
    three = r.disclosure.tables["budget_three_public"]
    check(r, "budget_three_public", {"budget": {"total": "479100", "vehicle_purchase": "250000", "running": "4431800"}})
    assert "本表为空表" in three.statement  # printed under a table that has figures: the document's own contradiction


def test_finance_2025_amounts_with_cents_and_blank_cells():
    r = read("putuo-finance-budget-2025.pdf")
    check(r, "budget_summary", {
        "in.fiscal": {"amount": "31214205.80"}, "in.grand_total": {"amount": "31214205.80"},
        "ex.201": {"amount": "22186440.80"}, "ex.208": {"amount": "3508644.00"}, "ex.210": {"amount": "782164.00"},
        "ex.221": {"amount": "4736957.00"}, "ex.grand_total": {"amount": "31214205.80"},
    })
    check(r, "budget_expenditure", {
        "2010601": {"total": "16231840.80", "basic": "16093326.00", "project": "138514.80"},
        "2010602": {"total": "100000.00", "basic": None, "project": "100000.00"},
    })
    check(r, "budget_general_basic", {"31002": {"total": "90000", "personnel": "0", "public": "90000"},
                                      "total": {"total": "25121091.00", "personnel": "22826756.00", "public": "2294335.00"}})
    check(r, "budget_three_public", {"budget": {"total": "9500", "abroad": None, "reception": "9500", "vehicle_total": None,
                                                "vehicle_purchase": None, "vehicle_running": None, "running": "2294300"}})
    t = r.disclosure.tables
    assert t["budget_general"].places == 2
    assert "政府性基金" in t["budget_capital"].statement  # the 国有资本经营 table's 注 names the other fund, as printed


def test_welfare_home_unit_budget_wide_summary_and_mended_class_code():
    r = read("putuo-welfare-home-unit-budget-2024.pdf")
    check(r, "budget_summary", {
        "in.fiscal": {"amount": "9501164"}, "in.fiscal_general": {"amount": "9501164"}, "in.business": {"amount": "2620000"},
        "in.operation": {"amount": None}, "in.grand_total": {"amount": "12121164"},
        "ex.201": {"amount": None, "personnel": None, "public": None, "project": None},
        "ex.208": {"amount": "11281624", "personnel": "6540674", "public": "2120950", "project": "2620000"},
        "ex.221": {"amount": "335816", "personnel": "335816", "public": None, "project": None},
        "ex.grand_total": {"amount": "12121164", "personnel": "7380214", "public": "2120950", "project": "2620000"},
    })
    summary = r.disclosure.tables["budget_summary"]
    assert summary.row("ex.210").name == "医疗卫生与计划生育支出"  # an old 类 name, still 210
    check(r, "budget_expenditure", {"2101102": {"total": "503724", "basic": "503724", "project": None}})
    check(r, "budget_fiscal_summary", {"ex.208": {"total": "8661624", "general": "8661624"},
                                       "ex.grand_total": {"total": "9501164", "general": "9501164"}})
    check(r, "budget_general_basic", {"30213": {"total": "60000", "public": "60000"},
                                      "total": {"total": "9501164", "personnel": "7380214", "public": "2120950"}})
    check(r, "budget_three_public", {"budget": {"total": "64000", "abroad": "0", "reception": "0", "vehicle_total": "64000",
                                                "vehicle_purchase": None, "vehicle_running": "64000", "running": "0"}})
    assert [p.message for p in r.problems] == ["科目编码的“类”印为“7”（应为三位数），按上一行的款“21011”读作“210”"] * 2
    d = r.disclosure
    assert [s.key for s in d.narrative] == ["explanation", "three_public", "running", "procurement", "performance", "assets"]
    assert [g.term for g in d.glossary] == ["基本支出预算", "项目支出预算", "“三公”经费", "机关运行经费"]
    assert d.overview.duties[0].startswith("上海市普陀区社会福利院是收养社会孤老")


def test_budget_parts_read_into_overview_glossary_and_narrative():
    d = read("putuo-wanli-budget-2025.pdf").disclosure
    assert d.overview.organisation[0].startswith("上海市普陀区人民政府万里街道办事处部门预算是包括万里街道本部")
    assert len(d.glossary) == 8
    keys = [s.key for s in d.narrative]
    assert keys[:6] == ["explanation", "three_public", "running", "procurement", "performance", "assets"]
    assert keys[6:] == ["project.overview", "project.basis", "project.subject", "project.plan", "project.period",
                        "project.budget", "project.goals"]
    explanation = d.narrative[0].paragraphs
    assert explanation[0].startswith("2025年，上海市普陀区人民政府万里街道办事处收入预算18,976.76万元")
    assert d.performance == []


# -- every printed amount, against pdftotext ------------------------------------------------------
_AMOUNT = re.compile(r"(?<![\d.,\w])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d,.]|\s*[年、])")
_CODES = re.compile(r"^\s*\d{1,3}(?:\s+\d{1,2}){0,2}\s+(?=[^\d\s,.])")


def printed_amounts(path: Path) -> dict[str, Counter]:
    """Per table kind, the amounts ``pdftotext -layout`` prints between its title and the next."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    out: dict[str, Counter] = {}
    current = None
    for line in text.splitlines():
        stripped = line.strip()
        in_contents = "…" in stripped or re.match(r"^\d+\s*[.．、]", stripped)  # a 目录 entry, not a title
        hit = title_kind(stripped) if stripped and not in_contents else None
        if hit and hit[0].startswith("budget_"):
            current = hit[0]
            out.setdefault(current, Counter())
            continue
        if stripped.startswith(("其他相关情况说明", "注:", "注：")):
            current = None if stripped.startswith("其他") else current
            continue
        if current:
            for m in _AMOUNT.finditer(_CODES.sub("", line)):
                out[current][D(m.group(0).replace(",", "")).normalize()] += 1
    return out


@pytest.mark.parametrize("name", BUDGETS)
def test_every_printed_amount_of_every_table_is_read(name):
    expected = printed_amounts(corpus_file(f"budgets/{name}"))
    d = read(name).disclosure
    assert set(expected) == set(d.tables)
    for tid, table in d.tables.items():
        scale = D(10000) if table.printed_unit == "万元" else D(1)
        got = Counter((v / scale).normalize() for r in table.rows for v in r.values.values() if v is not None)
        assert got == expected[tid], (tid, got - expected[tid], expected[tid] - got)


def test_a_budget_in_another_wording_reads_the_same_through_the_generic_path(tmp_path):
    """The national template's titles (部门收支总表, 一般公共预算支出表 …) in a text export: no built-in
    profile matches, the generic path reads every cell the Shanghai profile reads."""
    from juesuan.readers.published import read_grid_of

    rename = {"部门财务收支预算总表": "部门收支总表", "部门收入预算总表": "部门收入总表", "部门支出预算总表": "部门支出总表",
              "部门财政拨款收支预算总表": "财政拨款收支总表", "部门一般公共预算支出功能分类预算表": "一般公共预算支出表",
              "部门一般公共预算基本支出部门预算经济分类预算表": "一般公共预算基本支出表",
              "部门政府性基金预算支出功能分类预算表": "政府性基金预算支出表", "部门国有资本经营预算支出功能分类预算表": "国有资本经营预算支出表",
              "部门“三公”经费和机关运行经费预算表": "一般公共预算“三公”经费支出表"}
    grid = read_grid_of(corpus_file("budgets/putuo-wanli-budget-2025.pdf"))
    out = []
    for ln in grid.lines:
        if ln.is_row:
            out.append("\t".join(ln.texts()))
            continue
        text = ln.text
        for old, new in rename.items():
            if text.endswith(old):
                text = text[: -len(old)] + new
        out += ["", text]
    path = tmp_path / "万里街道.txt"
    path.write_text("\n".join(out), encoding="utf-8")
    r = read_published(path)
    d = r.disclosure
    assert (d.reading.path, d.meta.family, d.meta.level, d.meta.unit) == ("generic", "budget", "部门", "元")
    original = read("putuo-wanli-budget-2025.pdf").disclosure
    for tid in original.tables:
        assert cells(r, tid) == cells(read("putuo-wanli-budget-2025.pdf"), tid), tid
    assert [s.key for s in d.narrative] == [s.key for s in original.narrative]
    assert r.problems == []
