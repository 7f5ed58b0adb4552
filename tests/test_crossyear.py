"""YEAR-001 (juesuan.checks.crossyear): this year's stated 上年 figures against last year's disclosure."""
from __future__ import annotations

import random
from decimal import Decimal

import pytest

from juesuan import profiles
from synthetic import _load_base, department_data, stated_prior
from juesuan.checks.crossyear import compare_years
from juesuan.compile import compile_disclosure
from juesuan.pipeline import finish


def _built(data, profile):
    d = compile_disclosure(data, profile=profile)
    finish(d, profile)
    return d


@pytest.mark.parametrize("profile_id", ["shanxi", "shanghai"])
def test_consistent_years_agree_and_a_wrong_prior_is_a_warning_with_both_locations(profile_id):
    prof = profiles.load(profile_id)
    base = _load_base(profile_id)
    rng = random.Random(3)
    prev = _built(department_data(base, name="测试市审计局", year=2023, k=2, forms=1, rng=rng), prof)
    prev.source = "/data/last-year.pdf"
    data = department_data(base, name="测试市审计局", year=2024, k=3, forms=1, rng=rng)
    stated_prior(data, prev)
    assert compare_years(_built(data, prof), prof, prev, prof) == []
    data.narrative.prior_year.general_budget += Decimal("123.45")
    found = compare_years(_built(data, prof), prof, prev, prof)
    assert [f.rule for f in found] == ["YEAR-001"]
    f = found[0]
    assert f.severity == "warning" and f.difference == Decimal("123.45")
    assert f.location.section and "last-year.pdf" in f.related[0].label and f.related[0].table


def test_years_that_are_not_consecutive_are_not_compared():
    prof = profiles.load("shanghai")
    base = _load_base("shanghai")
    rng = random.Random(1)
    a = _built(department_data(base, name="甲", year=2022, k=1, forms=0, rng=rng), prof)
    b = _built(department_data(base, name="甲", year=2024, k=5, forms=0, rng=rng), prof)
    assert compare_years(b, prof, a, prof) == []


def test_quality_weights_are_data_and_sum_to_one():
    from juesuan.checks.quality import explain, index, load_weights

    w = load_weights()
    assert sum(c.weight for c in w.components) == 1
    assert w.component_of("COMP-004").key == "placeholders" and w.component_of("COMP-001").key == "completeness"
    assert w.component_of("SUM-001").key == "arithmetic" and w.component_of("YEAR-001").key == "cross_year"
    clean = index([], tables_read=9, tables_listed=9, has_prior=False)
    assert clean["index"] == 100 and clean["components"]["cross_year"] is None
    one_error = index([{"rule": "SUM-001", "severity": "error"}], tables_read=9, tables_listed=9, has_prior=True)
    # arithmetic 90 × 0.30 of 1.00 → 100 − 3 = 97
    assert one_error["components"]["arithmetic"] == 90 and one_error["index"] == Decimal("97.0")
    missing = index([], tables_read=8, tables_listed=10, has_prior=False)
    assert missing["components"]["completeness"] == 80
    assert len(explain()) == len(w.components) + 1
