"""The rule registry: every rule is one module with a test beside it, and docs/rules.md is current."""
from __future__ import annotations

import re
from pathlib import Path

from juesuan.checks.catalogue import is_stale, render
from juesuan.checks.engine import FAMILIES, all_rules

ROOT = Path(__file__).resolve().parents[1]
RULES_DIR = ROOT / "src" / "juesuan" / "checks" / "rules"
RULES_MD = ROOT / "docs" / "rules.md"


def test_ids_are_stable_and_grouped_by_family():
    rules = all_rules()
    assert len(rules) >= 45
    for r in rules:
        assert re.fullmatch(r"(COMP|SUM|XTAB|NARR|PERF|CAT|PLAUS)-\d{3}", r.id)
        assert r.family in FAMILIES and r.severity in ("error", "warning", "info")
        assert r.title and re.search(r"[\u4e00-\u9fff]", r.title)
        assert "Example" in r.doc, f"{r.id} has no minimal example in its docstring"
    assert len({r.id for r in rules}) == len(rules)


def test_every_rule_has_a_test_beside_it_that_names_it():
    for r in all_rules():
        module = r.module.rsplit(".", 1)[1]
        test = RULES_DIR / f"test_{module}.py"
        assert test.exists(), f"{r.id}: no {test.name} beside {module}.py"
        assert f'"{r.id}"' in test.read_text(encoding="utf-8"), f"{test.name} never triggers {r.id}"


def test_catalogue_is_generated_and_current():
    text = render()
    for r in all_rules():
        assert f"### {r.id}" in text and r.title in text
    assert not is_stale(RULES_MD), f"{RULES_MD} is stale: run python -m juesuan.checks.catalogue"


def test_message_templates_have_one_severity_and_chinese_text():
    from juesuan.checks.engine import MISMATCH, ROUNDING

    for r in all_rules():
        for m in (*r.messages, ROUNDING, MISMATCH):
            assert m.severity in (None, "error", "warning", "info"), (r.id, m.code)
            assert re.search(r"[\u4e00-\u9fff]", m.template) and m.description, (r.id, m.code)
    perf = {r.id: r for r in all_rules()}["PERF-002"]
    assert {m.code: m.severity for m in perf.messages} == {"rounding": "info", "wrong": "error"}
