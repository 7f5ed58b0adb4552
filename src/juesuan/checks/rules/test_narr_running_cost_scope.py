from rule_testing import built, printed_putuo, replace_in_narrative, run


def _larger(d):
    replace_in_narrative(d, "机关运行经费支出184.65万元", "机关运行经费支出200.00万元")


def test_printed_shanghai_running_cost_above_public_funds_warns():
    d, p = printed_putuo()
    _larger(d)
    (f,) = run(d, p, only=["NARR-018"])
    assert f.severity == "warning" and str(f.found) == "200.00" and f.location.section


def test_printed_shanghai_running_cost_below_public_funds_is_by_design():
    d, p = printed_putuo()
    replace_in_narrative(d, "机关运行经费支出184.65万元", "机关运行经费支出150.00万元")
    found = run(d, p, only=["NARR-018", "NARR-001"])
    assert not [f for f in found if "机关运行经费" in f.message]  # neither equality nor a smaller figure is asked


def test_as_printed_is_quiet():
    d, p = printed_putuo()
    assert not run(d, p, only=["NARR-018"])


def test_scope_data_decides_not_the_profile_name():
    """Without a ``within`` figure in scope.yaml the narrative's 机关运行经费 is compared with nothing."""
    d, p = printed_putuo()
    _larger(d)
    p = p.model_copy(deep=True)  # the loaded profile is shared: edit a copy
    p.scope["running_cost"] = p.scope["running_cost"].model_copy(update={"within": None})
    assert not run(d, p, only=["NARR-018"])


def test_a_build_of_administrative_units_is_compared_for_equality_by_narr_001():
    d, p = built("putuo-finance-2024")
    replace_in_narrative(d, "机关运行经费支出184.67万元", "机关运行经费支出200.00万元")
    assert not run(d, p, only=["NARR-018"])
    assert any(f.severity == "error" for f in run(d, p, only=["NARR-001"]))


def test_shanxi_prints_it_in_a_table_so_this_rule_stays_out():
    d, p = built()
    d.origin = "printed"
    assert not run(d, p, only=["NARR-018"])
