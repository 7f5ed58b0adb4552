"""The expression language of identities.yaml's performance entries (juesuan.formulas): safe to
load, exact to evaluate, and the same computation as a spreadsheet formula; and the performance
entry drives the build's scores, the workbook's formulas and the PERF rules alike."""
from __future__ import annotations

import copy
from dataclasses import replace
from decimal import Decimal

import pytest

from juesuan import identities, performance, profiles
from juesuan.checks.engine import run_rules
from juesuan.formulas import Formula, Ref
from juesuan.workbook import plan

D = Decimal
BANDS = [("优", D(90)), ("良", D(80)), ("差", D(0))]


@pytest.mark.parametrize("text", ['__import__("os").system("x")', "a.b", "a ** 2", "a[0]", "ROUND(a)", "IF(a, 1, 2)",
                                  "a < b", "open(1, 2)", '"x"', "lambda: 1", "a if b else c", "MIN(a < b, 1)",
                                  "ROUND(a, n=2)", "True", "a and b", "ROUND", "x = 1"])
def test_anything_but_the_small_language_is_refused(text):
    with pytest.raises(ValueError, match="公式"):
        Formula.parse(text)


def test_evaluation_is_decimal_and_rounds_half_up():
    f = Formula.parse("ROUND(a * 100 / b, 2)")
    assert f.evaluate({"a": D("1.2345"), "b": D(100)}) == D("1.23")
    assert f.evaluate({"a": D("0.01225"), "b": D(1)}) == D("1.23")  # half up, not half even (1.22)
    assert Formula.parse("0.1 + 0.2").evaluate({}) == D("0.3")
    assert Formula.parse("IF(a == 0, 0.00, a)").evaluate({"a": D(0)}) == D("0.00")


def test_a_blank_input_makes_a_blank_result():
    f = Formula.parse("ROUND(execution + SUM(indicators), 2)")
    assert f.evaluate({"execution": D(7), "indicators": [D(80), D(7)]}) == D("94.00")
    assert f.evaluate({"execution": D(7), "indicators": [D(80), None]}) is None
    assert f.evaluate({"execution": None, "indicators": [D(80)]}) is None
    assert Formula.parse("IF(a < 0, BLANK, a)").evaluate({"a": D(-1)}) is None


def test_the_spreadsheet_formula_says_the_same():
    f = Formula.parse("IF(b < 0, BLANK, IF(b == 0, 0.00, ROUND(w * MIN(MAX(e / b, 0), 1), 2)))")
    refs = {"b": Ref("D7", 'D7=""'), "e": Ref("E7", 'E7=""'), "w": Ref("10")}
    assert f.excel(refs.__getitem__) == '=IF(OR(D7="",E7=""),"",IF(D7<0,"",IF(D7=0,0,ROUND(10*MIN(MAX(E7/D7,0),1),2))))'
    assert Formula.parse("a - (b - c) / (d * e) + -(f + g)").excel(Ref) == "=a-(b-c)/(d*e)+-(f+g)"
    assert Formula.parse("GRADE(t)").excel(lambda n: Ref("I9"), BANDS) == '=IF(I9>=90,"优",IF(I9>=80,"良",IF(I9>=0,"差","")))'
    assert Formula.parse("GRADE(t)").evaluate({"t": D("89.99")}, BANDS) == "良"
    assert Formula.parse("GRADE(t)").evaluate({"t": D(-1)}, BANDS) is None


def test_the_performance_entry_drives_scoring_the_workbook_and_the_rules(monkeypatch, datong_built):
    """Change the 得分 entry (round to one place): the build scores, the workbook's formula and PERF-003 all follow."""
    disclosure, profile = datong_built
    assert not [f for f in run_rules(disclosure, profile, only=["PERF-003"]) if f.severity == "error"]
    perf = identities.performance()
    changed = Formula.parse("IF(budget < 0, BLANK, IF(budget == 0, 0.00, ROUND(weight * MIN(MAX(executed / budget, 0), 1), 1)))")
    fields = tuple(replace(f, formula=changed) if f.field == "score" else f for f in perf.funding)
    monkeypatch.setattr(identities, "performance", lambda: replace(perf, funding=fields))

    form = copy.deepcopy(next(f for f in disclosure.performance if f.name == "消防设计审查验收第三方服务费"))
    assert performance.recompute(form, profile.performance).execution_score == D("1.2")  # 1.1547 → 1.2, was 1.15
    sheet = plan.form_sheet("绩效01", 2024, profiles.load("shanxi"))
    score = next(c for b in sheet.items if isinstance(b, plan.Block) for c in b.columns if c.key == "score")
    assert score.formula(9, {"annual_budget": "D", "executed": "E"}).endswith("ROUND(10*MIN(MAX(E9/D9,0),1),1))))")
    # The built forms print 2-place scores: the rule now recomputes them to one place.
    assert [f for f in run_rules(disclosure, profile, only=["PERF-003"]) if f.severity == "error"]
