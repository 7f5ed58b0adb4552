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
    "budgets/putuo-finance-budget-2025.pdf": [],
    # page 16: “（二）公务用车购置及运行费6.40万元，与2023年预算持平，主要原因是。其中：…”
    "budgets/putuo-welfare-home-unit-budget-2024.pdf": [("TEXT-004", "warning", "第16页第5行")],
    "putuo-finance-2024.pdf": [],
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
