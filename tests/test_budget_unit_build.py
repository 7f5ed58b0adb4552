"""A 单位预算 builds end to end: the bundled example (上海市普陀区社会福利院 2024, profile
shanghai-budget-unit) shares the 部门预算's narrative template through ``extends`` and says 单位 where
the unit budget does; every format audits clean and is detected as a 单位预算; its tables equal the
published PDF's."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import EXAMPLES, corpus_file
from test_roundtrip import _write
from juesuan.layout import render_all

EXAMPLE = EXAMPLES / "putuo-welfare-home-unit-budget-2024"
FORMATS = ["xlsx", "docx", "html", "pdf"]


@pytest.fixture(scope="module")
def built():
    from juesuan.pipeline import compile_source

    return compile_source(EXAMPLE)


def test_unit_profile_shares_the_department_template_and_overrides_its_words():
    from juesuan import profiles

    unit, dept = profiles.load("shanghai-budget-unit"), profiles.load("shanghai-budget")
    assert not (unit.folder / unit.narrative.template).exists()  # no template of its own
    assert unit.template_folders == [unit.folder, dept.folder]
    assert unit.narrative.wording["flat"] == "与{prior_year}年预算持平" and dept.narrative.wording["flat"] == "比{prior_year}年预算持平"
    # a key the unit does not override is the department's
    assert unit.narrative.wording["item_prior"] == dept.narrative.wording["item_prior"]
    assert [s["key"] for s in unit.narrative.sections] == ["explanation", "three_public", "running", "procurement", "performance", "assets"]


def test_unit_budget_narrative_uses_the_unit_wording(built):
    disclosure, profile = built
    assert profile.id == "shanghai-budget-unit" and disclosure.meta.level == "单位"
    s = {x.key: x.paragraphs for x in disclosure.narrative}
    assert s["explanation"][0].startswith("2024年，上海市普陀区社会福利院收入预算1,212.12万元，其中：财政拨款收入950.12万元，比2023年预算增加0.46万元")
    assert "政府性基金拨款支出预算0.00万元，与2023年预算持平" in s["explanation"][1]
    assert ("1.“社会保障和就业支出（类）行政事业单位养老支出（款）事业单位离退休（项）”科目53.84万元，主要用于事业单位退休人员福利费和生活补贴。"
            "2023年当年预算执行数为54.60万元，2024年预算安排53.84万元，比2023年预算执行数减少1.39%。主要原因是：有退休人员去世。") in s["explanation"]
    assert s["running"] == ["2024年上海市普陀区社会福利院无机关运行经费。"]
    assert s["procurement"][0].startswith("2024年度本单位政府采购预算120.60万元，其中：")
    assert s["performance"] == ["2024年度，本单位编报绩效目标的项目共1个，涉及项目预算资金262.00万元。"]
    assert s["assets"][0].startswith("截至2023年12月31日，上海市普陀区社会福利院共有车辆2辆")
    assert s["assets"][1].startswith("2024年单位预算安排购置车辆0辆") and "；单位预算安排购置单价100万元" in s["assets"][1]
    text = "".join(p for ps in s.values() for p in ps)
    assert "部门" not in text and "【待补充" not in text


def test_unit_summary_splits_basic_spending_into_personnel_and_public(built):
    t = built[0].tables["budget_summary"]
    assert [t.value("ex.208", c) for c in ("amount", "personnel", "public", "project")] == [
        Decimal("11281624"), Decimal("6540674"), Decimal("2120950"), Decimal("2620000")]
    assert [t.value("ex.grand_total", c) for c in ("amount", "personnel", "public", "project")] == [
        Decimal("12121164"), Decimal("7380214"), Decimal("2120950"), Decimal("2620000")]


def test_unit_public_spending_above_the_basic_spending_is_refused(tmp_path):
    import shutil

    from juesuan.errors import InputError
    from juesuan.pipeline import compile_source

    folder = tmp_path / "unit"
    shutil.copytree(EXAMPLE, folder)
    text = (folder / "budget.yaml").read_text(encoding="utf-8").replace("public: 7020}", "public: 7021}")
    (folder / "budget.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        compile_source(folder)
    assert "2080599" in str(exc.value) and "公用经费" in str(exc.value) and "budget.yaml" in str(exc.value)


@pytest.mark.parametrize("fmt", FORMATS)
def test_written_unit_budget_is_detected_as_a_unit_budget_and_audits_clean(built, fmt, tmp_path):
    from juesuan.audit import reader_findings
    from juesuan.pipeline import run_checks
    from juesuan.readers.published import read_published

    disclosure, profile = built
    assert run_checks(disclosure, profile) == []
    result = read_published(_write(disclosure, profile, fmt, tmp_path))
    read = result.disclosure
    assert result.profile.id == "shanghai-budget-unit"
    assert (read.meta.family, read.meta.level, read.meta.unit, read.meta.year) == ("budget", "单位", "元", 2024)
    assert read.meta.department == disclosure.meta.department
    checked = 0
    for t in render_all(profile, disclosure):
        table = read.table(t.id)
        assert table is not None and table.present, t.id
        for row in t.body:
            for cell in row:
                if cell.ref:
                    got = table.row(cell.ref[0])
                    want = disclosure.tables[t.id].value(*cell.ref)
                    # an income row printed with no amount and nothing beside it (the unit has fewer 类
                    # than income rows) may be read as no row: the same amount, nothing
                    assert (got.values.get(cell.ref[1]) if got is not None else None) == (want if want else None) or (
                        got is not None and got.values.get(cell.ref[1]) == want), (t.id, cell.ref)
                    checked += 1
    assert checked > 200
    if fmt != "xlsx":
        assert [(s.key, s.paragraphs) for s in read.narrative] == [(s.key, s.paragraphs) for s in disclosure.narrative]
    assert reader_findings(read, result.profile, result.problems) == []
    assert run_checks(read, result.profile) == []


def test_unit_example_tables_equal_the_published_pdf(built):
    """Every cell the published unit budget prints, against the build; the economic table's 款 were
    re-coded to the catalogue (budget.yaml), so there only its 类 rows and 合计 are compared."""
    from juesuan.readers.published import read_published

    published = read_published(corpus_file("budgets/putuo-welfare-home-unit-budget-2024.pdf")).disclosure
    assert (published.meta.level, published.meta.year) == ("单位", 2024)
    mine = built[0].tables
    compared, different = 0, []
    for tid, table in published.tables.items():
        for row in table.rows:
            if tid == "budget_general_basic" and len(row.key) == 5:
                continue
            for col, value in row.values.items():
                compared += 1
                if (mine[tid].value(row.key, col) or Decimal(0)) != (value or Decimal(0)):
                    different.append((tid, row.key, col))
    assert compared > 200 and different == []
