"""The text-hygiene rules (TEXT-xxx) on every real document of the corpus, final accounts and budgets:
each finding below was looked at in the PDF or text by hand (a true problem), and nothing else is
reported. The built examples, and their printed documents read back, have none."""
from __future__ import annotations

import pytest

from conftest import corpus_file
from juesuan.audit import audit_file

EXPECTED = {
    "budgets/putuo-wanli-budget-2024.pdf": [],
    # page 30: “…的机关运行经费预算为464.64万元” and the next heading: no full stop
    "budgets/putuo-wanli-budget-2025.pdf": [("TEXT-002", "info", "第30页第10行")],
    # page 8 prints items 7.–11. of the 编制说明 again (page 7 ends with them)
    "budgets/putuo-finance-budget-2025.pdf": [("TEXT-009", "warning", "第8页第1行")],
    # page 16: “（二）公务用车购置及运行费6.40万元，与2023年预算持平，主要原因是。其中：…”
    "budgets/putuo-welfare-home-unit-budget-2024.pdf": [("TEXT-004", "warning", "第16页第5行")],
    # page 14 prints nothing but the empty frame of one table row
    "putuo-finance-2024.pdf": [("TEXT-006", "warning", "第14页")],
    # a 单位决算 whose tables part reads “第二部分 2024年部门决算表”: the official report set's name, not counted
    "datong-housing-2024.txt": [],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_text_findings_on_real_documents(name):
    audited = audit_file(corpus_file(name))
    found = [(f.rule, f.severity, f.location.source.describe() if f.location.source else "")
             for f in audited.findings if f.rule.startswith("TEXT")]
    assert found == EXPECTED[name]


@pytest.mark.parametrize("example", ["datong-housing-2024", "datong-housing-2024-wan", "putuo-finance-2024"])
def test_built_examples_have_no_text_finding(example):
    from juesuan.checks.engine import run_rules
    from rule_testing import built

    disclosure, profile = built(example)
    assert [f.message for f in run_rules(disclosure, profile) if f.rule.startswith("TEXT")] == []


def test_a_budget_in_another_template_read_generically(tmp_path):
    """A county budget in the national template (read by the generic path, a layout the rules were not
    written on), with a reviewer's typical slips typed into its text: each is found at its line."""
    from pathlib import Path

    fixture = Path(__file__).parent / "fixtures" / "budget-national-template-2025.txt"
    text = fixture.read_text(encoding="utf-8")
    for old, new in [("支出总计1,300.00万元。", "支出总计1,300.00万元，与2025年预算相比增加100.00万元，主要原因是。。"),
                     ("“三公”经费预算10.00万元。", "“三公”经费预算10.00万元，主要用于”公务接待\ue013。"),
                     ("负责全县教育事业发展规划。", "负责全县教育事业发展规划，统筹单位预算编制工作。")]:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "county-budget-2025.txt"
    path.write_text(text, encoding="utf-8")
    audited = audit_file(path)
    assert audited.disclosure.reading.path == "generic" and audited.disclosure.meta.family == "budget"
    found = sorted((f.rule, f.location.source.line if f.location.source else None)
                   for f in audited.findings if f.rule.startswith("TEXT"))
    lines = text.splitlines()
    total = next(i for i, x in enumerate(lines, 1) if "支出总计1,300.00万元，与2025年" in x)
    three = next(i for i, x in enumerate(lines, 1) if "主要用于”公务接待" in x)
    assert found == [("TEXT-001", total), ("TEXT-003", three), ("TEXT-004", total), ("TEXT-005", three), ("TEXT-007", total)]
