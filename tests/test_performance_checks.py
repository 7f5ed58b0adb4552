"""The check engine's PERF rules over the seed as printed: every difference between the printed and
the recomputed forms is reported, at the severity the fixture's explanation implies, and nothing else."""
from __future__ import annotations

from decimal import Decimal

from conftest import ROOT
from juesuan.checks.engine import all_rules
from rule_testing import built, printed_seed, run
from juesuan.yamlio import load_yaml

FIXTURE = ROOT / "tests" / "fixtures" / "datong-performance-printed.yaml"
SEVERITY = {"rounding": "info", "printed_arithmetic": "error"}
RULE = {"rate": "PERF-002", "execution_score": "PERF-003", "total": "PERF-005", "grade": "PERF-006", "balance": "PERF-001"}


def perf_ids() -> list[str]:
    return [r.id for r in all_rules() if r.family == "PERF"]


def test_every_explained_difference_is_reported_and_nothing_else():
    d, p = printed_seed()
    findings = [f for f in run(d, p, only=perf_ids()) if f.rule not in ("PERF-008", "PERF-009")]
    got = {(f.location.form, f.rule, f.severity) for f in findings}
    fixture = load_yaml(FIXTURE)["forms"]
    expected = {
        (fx["name"], RULE[c["field"]], SEVERITY[c["kind"]])
        for fx in fixture
        for c in fx["corrections"]
        if c["kind"] != "input"
    }
    assert got == expected
    for f in findings:  # the rule states the fixture's corrected value
        fx = next(x for x in fixture if x["name"] == f.location.form)
        (c,) = [c for c in fx["corrections"] if RULE.get(c["field"]) == f.rule]
        assert f.expected == Decimal(str(c["corrected"]))


def test_the_unit_slip_is_explained_by_the_summary_rule():
    d, p = printed_seed()
    (f,) = run(d, p, only=["PERF-008"])
    assert f.severity == "error" and f.found == Decimal("5635.62")
    assert "行政事业单位遗属补助经费" in f.suggestion and "2.134" in f.suggestion


def test_a_built_disclosure_passes_every_arithmetic_rule():
    d, p = built()
    arithmetic = [i for i in perf_ids() if i not in ("PERF-009",)]  # PERF-009 judges content, kept as printed
    assert [f for f in run(d, p, only=arithmetic) if f.severity != "info"] == []
