"""The generator and the checker agree by construction (issue #11, item 5).

Random valid departments (``strategies.departments``: codes from the catalogue, amounts with zeros
and cents, equal and unequal budgets and prior-year figures, empty fund tables, every unit kind,
both profiles) are compiled, narrated and checked: a correct department gives no 错误 and no
警告 — each would be a sentence the narrative templates write and the claim parser reads back
differently, or a rule that misjudges a correct table. ``JUESUAN_PROPERTY_EXAMPLES`` sets the
number of departments (CI default 50); the printed round trip takes a smaller sample through every
format and reads it back with the audit reader. The figure at scale (≥500, counting every failure):

    PYTHONPATH=src python -m pytest tests/test_property_departments.py -q
    JUESUAN_PROPERTY_EXAMPLES=500 PYTHONPATH=src python -m pytest tests/test_property_departments.py -q -k built
    nice python benchmarks/property.py -n 500
"""
from __future__ import annotations

import os

import pytest

pytest.importorskip("hypothesis")

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402

from strategies import build, departments  # noqa: E402

from juesuan.checks import run  # noqa: E402

EXAMPLES = int(os.environ.get("JUESUAN_PROPERTY_EXAMPLES", "50"))
PRINTED_EXAMPLES = int(os.environ.get("JUESUAN_PROPERTY_PRINTED_EXAMPLES", "20"))
SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], derandomize=True, database=None)
if os.environ.get("JUESUAN_PROPERTY_NO_SHRINK"):  # while debugging: the first failing example, unshrunk
    SETTINGS["phases"] = [Phase.explicit, Phase.generate]


def _describe(findings) -> str:
    return "\n".join(f"{f.rule} {f.severity} {f.message}" for f in findings)


def problems(findings, data, fmt: str | None = None) -> list:
    """Every 错误 and 警告 the data (or the format) does not explain: a correct department has none."""
    return [f for f in findings if f.severity in ("error", "warning") and not explained(f, data, fmt)]


def explained(finding, data, fmt: str | None = None) -> bool:
    """A finding the department's data causes (a case the rule cannot tell from an error, named in its
    message, always a 警告), or the format: the XLSX workbook holds the tables only."""
    if fmt == "xlsx" and finding.rule == "COMP-002" and "情况说明" in finding.message:
        return True
    if fmt == "xlsx" and finding.rule == "COMP-007" and data.meta.profile == "shanghai":
        # Shanghai's table headings print only 单位：万元: a tables-only workbook never names its year or department.
        return True
    if finding.severity != "warning":
        return False
    if finding.rule == "NARR-011" and "本年无支出" in finding.message:
        # 年初预算 for a code with no spending: in no table, so the narrative does not list it.
        spent = {leaf.code: leaf.general_budget.basic + leaf.general_budget.project for leaf in data.functional}
        return any(v and not sum(x for code, x in spent.items() if code.startswith(k)) for k, v in data.narrative.budget.items())
    if finding.rule == "NARR-009" and "上年有本年无支出的类" in finding.message:
        # last year's spending in a 类 that spends nothing this year: the narrative lists only this year's 类
        spent = {leaf.code: leaf.general_budget.basic + leaf.general_budget.project for leaf in data.functional}
        prior = data.narrative.prior_year.general_budget_by_code
        return any(v and not sum(x for code, x in spent.items() if code[:3] == k[:3]) for k, v in prior.items())
    return False


@settings(max_examples=EXAMPLES, **SETTINGS)
@given(departments())
def test_built_department_passes_its_own_checks(data):
    disclosure, profile = build(data)
    found = problems(run(disclosure, profile), data)
    assert not found, _describe(found) + "\n\n" + "\n".join(p for s in disclosure.narrative for p in s.paragraphs)


@pytest.mark.parametrize("fmt", ["docx", "html", "xlsx", "pdf"])
def test_printed_department_reads_back_without_findings(fmt, tmp_path_factory):
    from juesuan.audit import audit_file
    from juesuan.pipeline import write_outputs

    @settings(max_examples=PRINTED_EXAMPLES, **SETTINGS)
    @given(departments())
    def check(data):
        disclosure, profile = build(data)
        out = tmp_path_factory.mktemp(fmt)
        written, skipped = write_outputs(disclosure, profile, out, "property", [fmt])
        if fmt in skipped:
            pytest.skip(f"{fmt} writer unavailable here: {skipped[fmt]}")
        audited = audit_file(written[0])
        assert audited.profile.id == profile.id
        found = problems(audited.findings, data, fmt)
        assert not found, _describe(found)

    check()
