"""The bundled budget example (万里街道 2025 部门预算): build → every format → audit → same model, no finding;
and the built tables against the published PDF, cell by cell."""
from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, ROOT, corpus_file
from test_roundtrip import _write  # write one format, skip when its writer is unavailable here
from juesuan.layout import render_all

EXAMPLE = EXAMPLES / "putuo-wanli-budget-2025"
DIFFERENCES = ROOT / "tests" / "fixtures" / "wanli-budget-build-differences.yaml"
FORMATS = ["xlsx", "docx", "html", "pdf"]
PRINTS_NARRATIVE = {"docx", "html", "pdf"}


@pytest.fixture(scope="module")
def built():
    from juesuan.pipeline import compile_source

    return compile_source(EXAMPLE)


def test_budget_example_compiles_every_table_from_leaves(built):
    disclosure, profile = built
    assert profile.id == "shanghai-budget" and disclosure.meta.family == "budget"
    t = disclosure.tables
    assert set(t) == {"budget_summary", "budget_income", "budget_expenditure", "budget_fiscal_summary", "budget_general",
                      "budget_fund", "budget_capital", "budget_general_basic", "budget_three_public"}
    # totals are sums of the typed leaves (元)
    assert t["budget_summary"].value("in.grand_total", "amount") == Decimal("189767551")
    assert t["budget_summary"].value("ex.grand_total", "amount") == Decimal("189767551")
    assert t["budget_expenditure"].value("total", "basic") == Decimal("101341746")
    assert t["budget_expenditure"].value("212", "project") == Decimal("76987780")
    assert t["budget_general_basic"].value("total", "personnel") == Decimal("90514044")
    assert t["budget_general_basic"].value("total", "public") == Decimal("10827702")
    assert t["budget_fiscal_summary"].value("ex.221", "general") == Decimal("9364732")
    assert t["budget_three_public"].value("budget", "total") == Decimal("379100")
    assert [r.key for r in t["budget_fund"].rows] == ["total"]


def test_budget_narrative_states_computed_figures(built):
    disclosure, _ = built
    sections = {s.key: s for s in disclosure.narrative}
    first = sections["explanation"].paragraphs[0]
    assert "收入预算18,976.76万元" in first and "比2024年预算增加3,355.65万元" in first
    assert "财政拨款收入支出增加的主要原因是项目调整。" in sections["explanation"].paragraphs
    items = [p for p in sections["explanation"].paragraphs if p.split(".", 1)[0].isdigit()]
    assert len(items) == 33 and items[23].startswith("24.“城乡社区支出（类）城乡社区管理事务（款）行政运行（项）”科目1788.77万元")
    assert sections["three_public"].paragraphs[0] == "2025年“三公”经费预算数为37.91万元，比2024年预算减少10万元。其中："
    assert "机关运行经费预算为464.64万元。" in sections["running"].paragraphs[0]
    assert "政府采购预算4821.20万元" in sections["procurement"].paragraphs[0]
    assert sections["project.budget"].paragraphs == ["第一季度用款计划15万元，第二季度用款计划15万元，第三季度用款计划15万元，第四季度用款计划15万元。"]
    assert not any("【待补充" in p for s in disclosure.narrative for p in s.paragraphs)


def test_built_budget_passes_its_own_checks(built):
    from juesuan.pipeline import run_checks

    disclosure, profile = built
    assert run_checks(disclosure, profile) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_written_budget_reads_back_to_the_built_model_with_no_finding(built, fmt, tmp_path):
    from juesuan.audit import reader_findings
    from juesuan.pipeline import run_checks
    from juesuan.readers.published import read_published

    disclosure, profile = built
    result = read_published(_write(disclosure, profile, fmt, tmp_path))
    read = result.disclosure
    assert result.profile.id == profile.id
    assert (read.meta.family, read.meta.level, read.meta.unit, read.meta.year) == ("budget", "部门", "元", 2025)
    assert read.meta.department == disclosure.meta.department
    checked = 0
    for t in render_all(profile, disclosure):
        table = read.table(t.id)
        assert table is not None and table.present, t.id
        for row in t.body:
            for cell in row:
                if cell.ref:
                    got = table.row(cell.ref[0])
                    assert got is not None, (t.id, cell.ref)
                    assert got.values.get(cell.ref[1]) == disclosure.tables[t.id].value(*cell.ref), (t.id, cell.ref)
                    checked += 1
    assert checked > 500
    if fmt in PRINTS_NARRATIVE:
        assert [(s.key, s.paragraphs) for s in read.narrative] == [(s.key, s.paragraphs) for s in disclosure.narrative]
        assert read.overview.duties == disclosure.overview.duties
        assert read.overview.organisation == disclosure.overview.organisation
        assert [(g.term, g.text) for g in read.glossary] == [(g.term, g.text) for g in disclosure.glossary]
    assert reader_findings(read, result.profile, result.problems) == []
    assert run_checks(read, result.profile) == []


def test_built_budget_tables_equal_the_published_pdf(built):
    """Every cell of the nine published tables, read from the PDF, against the build: equal except
    the listed cells (the document's 分 rounding, tests/fixtures/wanli-budget-build-differences.yaml)."""
    from juesuan.readers.published import read_published

    pdf = corpus_file("budgets/putuo-wanli-budget-2025.pdf")
    disclosure, _ = built
    published = read_published(pdf).disclosure
    listed = {(d["table"], d["row"], d["column"]): d for d in yaml.safe_load(DIFFERENCES.read_text(encoding="utf-8"))}
    compared, unexplained, stale = 0, [], []
    for tid, table in published.tables.items():
        mine = disclosure.tables[tid]
        assert {r.key for r in table.rows} == {r.key for r in mine.rows}, tid
        for row in table.rows:
            for col, value in row.values.items():
                compared += 1
                got = mine.value(row.key, col) or Decimal(0)
                want = value or Decimal(0)  # a blank cell and a printed 0 are the same amount
                d = listed.get((tid, row.key, col))
                if got == want:
                    if d is not None:
                        stale.append((tid, row.key, col))
                elif d is None or (Decimal(d["published"]), Decimal(d["built"])) != (want, got):
                    unexplained.append((tid, row.key, col, str(want), str(got)))
    assert compared > 900
    assert unexplained == [] and stale == []


def test_budget_input_whose_economic_breakdown_misses_the_basic_spending_is_refused(tmp_path):
    from juesuan.errors import InputError
    from juesuan.pipeline import compile_source

    folder = tmp_path / "budget"
    shutil.copytree(EXAMPLE, folder)
    text = (folder / "budget.yaml").read_text(encoding="utf-8").replace('"30101": 6084184', '"30101": 6084185')
    (folder / "budget.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        compile_source(folder)
    assert "经济分类合计" in str(exc.value) and "budget.yaml" in str(exc.value)


def test_budget_cli_build_writes_every_format(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "juesuan", "build", str(EXAMPLE), "-o", str(out), "--formats", "json,xlsx,html"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT, env={**__import__("os").environ, "PYTHONPATH": str(ROOT / "src")})
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.suffix for p in Path(out).iterdir()) == [".html", ".json", ".xlsx"]
