"""The rule registry: every rule is one module with a test beside it, and docs/rules.md is current."""
from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

from juesuan.checks.catalogue import is_stale, render
from juesuan.checks.engine import FAMILIES, Message, all_rules

ROOT = Path(__file__).resolve().parents[1]
RULES_DIR = ROOT / "src" / "juesuan" / "checks" / "rules"
RULES_MD = ROOT / "docs" / "rules.md"


def test_ids_are_stable_and_grouped_by_family():
    rules = all_rules()
    assert len(rules) >= 45
    for r in rules:
        assert re.fullmatch(rf"({'|'.join(f for f in FAMILIES if f != 'YEAR')})-\d{{3}}", r.id)
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


def test_a_module_name_says_which_documents_its_rules_read():
    from juesuan.checks import rules

    for r in all_rules():
        module = r.module.rsplit(".", 1)[1]
        allowed = rules.documents_of(module)
        assert set(r.documents) <= set(allowed), (
            f"{r.id} reads {r.documents}, but {module}.py is loaded only for {allowed}: "
            f"rename it (see juesuan/checks/rules/__init__.py)")


def test_a_final_account_check_loads_no_budget_rule_module():
    import subprocess
    import sys

    code = ("import sys; from juesuan.checks.engine import rules_for, all_rules; "
            "final = [r.id for r in rules_for('final')]; "
            "print(sorted(m for m in sys.modules if m.startswith('juesuan.checks.rules.bud_'))); "
            "print(final == [r.id for r in all_rules() if 'final' in r.documents])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[:2] == ["[]", "True"]


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


CHECKS_DIR = RULES_DIR.parent


def _check_modules():
    for path in sorted(CHECKS_DIR.rglob("*.py")):
        if path.name.startswith("test_") or path.name == "engine.py":
            continue
        yield path


def _calls(tree, method: str):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == method:
            yield node


def test_every_finding_text_comes_from_a_message_template():
    """Rules report through Checker.report / Checker.mismatch (a declared Message: code, one severity,
    template); Checker.finding is the engine's primitive, never called with a text built in a rule."""
    direct = []
    for path in _check_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        direct += [f"{path.relative_to(CHECKS_DIR)}:{call.lineno}" for call in _calls(tree, "finding")]
    assert not direct, f"findings built from ad-hoc text (use a Message and c.report): {direct}"


def test_every_message_a_rule_reports_is_in_its_catalogue_entry():
    """A Message a rule module passes to c.report is listed in that rule's messages= (so docs/rules.md shows it)."""
    specs = {}
    for r in all_rules():
        specs.setdefault(r.module, []).append(r)
    for module_name, rules in specs.items():
        module = importlib.import_module(module_name)
        declared = {id(m) for r in rules for m in r.messages}
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        for call in _calls(tree, "report"):
            first = call.args[0] if call.args else None
            message = getattr(module, first.id, None) if isinstance(first, ast.Name) else None
            if isinstance(message, Message):
                assert id(message) in declared, f"{module_name}:{call.lineno}: {first.id} is not in the rule's messages="


COMPARING = ("mismatch", "check_sum", "check_equal", "check_signed_sum", "check_row_sums", "check_equalities", "equal_check", "sum_check")


def test_a_rule_that_compares_figures_lists_the_comparison_messages():
    """A rule comparing figures (Checker.mismatch and the helpers over it) reports MISMATCH or its
    rounding 提示: both are in its messages=, so docs/rules.md shows what it can say."""
    from juesuan.checks.engine import MISMATCH

    specs = {}
    for r in all_rules():
        specs.setdefault(r.module, []).append(r)
    missing = []
    for module_name, rules in specs.items():
        tree = ast.parse(Path(importlib.import_module(module_name).__file__).read_text(encoding="utf-8"))
        called = {n.func.attr if isinstance(n.func, ast.Attribute) else getattr(n.func, "id", None)
                  for n in ast.walk(tree) if isinstance(n, ast.Call)}
        if called & set(COMPARING):
            missing += [r.id for r in rules if not any(m.code == MISMATCH.code for m in r.messages)]
    assert not missing, f"rules comparing figures without MISMATCH in messages=: {missing}"
