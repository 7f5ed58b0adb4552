from decimal import Decimal

from rule_testing import built, printed_seed, replace_in_narrative, run


def _consistent_seed():
    """The seed with 五（一） restated so that last year's 类 add up (no warning)."""
    d, p = printed_seed()
    replace_in_narrative(d, "支出减少116,693.02万元，下降54.63%", "支出减少105,693.02万元，下降52.17%")
    return d, p


def _classes(findings):
    return [f for f in findings if "各类之和" in f.message]


def _fiscal(findings):
    return [f for f in findings if "上年财政拨款支出总计" in f.message]


def test_seed_gap_is_a_warning():
    d, p = printed_seed()
    (f,) = _classes(run(d, p, only=["NARR-009"]))
    assert f.severity == "warning" and str(f.found) == "202601.77" and str(f.expected) == "213601.77"


def test_consistent_components_are_quiet_and_a_shortfall_warns():
    d, p = _consistent_seed()
    assert not _classes(run(d, p, only=["NARR-009"]))
    replace_in_narrative(d, "减少123,680.93万元", "减少123,670.93万元")
    (f,) = _classes(run(d, p, only=["NARR-009"]))
    assert f.severity == "warning" and str(f.difference) == "-10.00"


def test_excess_is_an_error():
    d, p = _consistent_seed()
    replace_in_narrative(d, "增加15,710.89万元", "增加15,700.89万元")
    (f,) = _classes(run(d, p, only=["NARR-009"]))
    assert f.severity == "error"


# -- 财政拨款支出总计 = 一般公共预算 + 政府性基金 + 国有资本经营 spending + 年末结转和结余 ---------------------


def test_seed_fiscal_total_exceeds_its_stated_parts_by_what_only_capital_or_balances_explain():
    """四 implies 242,839.15; 五（一） 213,601.77 + 七 29,231.79 = 242,833.56."""
    d, p = printed_seed()
    (f,) = _fiscal(run(d, p, only=["NARR-009"]))
    assert f.severity == "warning"
    assert (f.expected, f.found, f.difference) == (Decimal("242839.15"), Decimal("242833.56"), Decimal("-5.59"))
    assert "国有资本经营预算财政拨款支出" in f.message and "年末财政拨款结转和结余" in f.message
    assert f.location.section == "fiscal"  # 四, where the total's change is stated
    assert {r.section for r in f.related} == {"general_budget", "fund"}


def test_the_example_transcribed_from_the_seed_carries_the_same_warning():
    d, p = built()
    (f,) = _fiscal(run(d, p, only=["NARR-009"]))
    assert f.severity == "warning" and f.difference == Decimal("-5.59")


def test_fiscal_parts_that_add_up_are_quiet():
    d, p = printed_seed()
    replace_in_narrative(d, "财政拨款支出总计增加568,915.60万元", "财政拨款支出总计增加568,921.19万元")
    assert not _fiscal(run(d, p, only=["NARR-009"]))


def test_a_stated_capital_prior_explains_the_gap():
    d, p = built()
    d.context.prior["capital:total:total"] = Decimal("5.59")
    assert not _fiscal(run(d, p, only=["NARR-009"]))


def test_a_part_this_year_has_without_a_stated_prior_leaves_nothing_to_check():
    d, p = built()
    row = d.tables["fiscal_summary"].row("ex.total")
    row.values["capital"] = Decimal("3.00")  # 国有资本经营 spending this year, its change not stated
    assert not _fiscal(run(d, p, only=["NARR-009"]))


# -- 收入总计 = 财政拨款收入总计 + non-fiscal income ------------------------------------------------------


def test_income_total_is_checked_once_every_part_this_year_has_is_stated():
    d, p = built()
    assert not [f for f in run(d, p, only=["NARR-009"]) if "上年收入总计" in f.message]  # 其他收入 0.11: prior unknown
    d.context.prior["summary:in.other:amount"] = Decimal("0.00")
    (f,) = [f for f in run(d, p, only=["NARR-009"]) if "上年收入总计" in f.message]
    assert f.severity == "warning" and f.difference == Decimal("-0.39")  # 242,839.54 − 242,839.15 − 0
    assert "事业收入" in f.message and "非财政拨款年初结转和结余" in f.message
    d.context.prior["summary:in.other:amount"] = Decimal("0.39")
    assert not [f for f in run(d, p, only=["NARR-009"]) if "上年收入总计" in f.message]


def test_imported_prior_year_rounding_is_not_an_error():
    # ``init --from`` imports last year's printed figures: its 类 may exceed its total by a cent of
    # rounding. That is no 错误 (“不可能成立”) in a build either (issue #11).
    d, p = built()
    prior = d.context.prior
    classes = {k: v for k, v in prior.items() if k.startswith("general_budget:") and len(k.split(":")[1]) == 3}
    if not classes:
        code = next(r.key for r in d.tables["general_budget"].coded_rows() if len(r.key) == 3)
        classes = {f"general_budget:{code}:total": prior["general_budget:total:total"]}
        prior.update(classes)
    prior["general_budget:total:total"] = sum(classes.values()) - Decimal("0.01")
    assert not [f for f in run(d, p, only=["NARR-009"]) if f.severity == "error"]
