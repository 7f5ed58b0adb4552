from rule_testing import set_value, triggers


def test_running_cost_differs():
    triggers("built", lambda d: set_value(d, "statistics", "running.admin", "amount", "121.44"), "XTAB-008",
             allowed=["NARR-001", "NARR-003", "NARR-004"])


def test_other_kind_of_unit_line_must_be_blank():
    (f,) = triggers("built", lambda d: set_value(d, "statistics", "running.civil", "amount", "5"), "XTAB-008")
    assert f.location.row == "running.civil"


def test_printed_running_cost_smaller_than_public_is_by_design():
    # A printed department may hold 事业单位, whose 公用经费 机关运行经费 does not count (issue #11).
    from rule_testing import printed_seed, run

    d, p = printed_seed()
    public = d.value("general_basic:public_total:amount")
    set_value(d, "statistics", "running.admin", "amount", str(public - 30))
    assert not [f for f in run(d, p) if f.rule == "XTAB-008"]


def test_printed_running_cost_larger_than_public_is_a_warning():
    from rule_testing import printed_seed, run

    d, p = printed_seed()
    public = d.value("general_basic:public_total:amount")
    set_value(d, "statistics", "running.admin", "amount", str(public + 30))
    (f,) = [f for f in run(d, p) if f.rule == "XTAB-008"]
    assert f.severity == "warning"


def test_printed_civil_service_unit_may_fill_its_own_line():
    from rule_testing import printed_seed, run

    d, p = printed_seed()
    v = d.value("statistics:running.admin:amount")
    set_value(d, "statistics", "running.admin", "amount", None)
    set_value(d, "statistics", "running.civil", "amount", str(v))
    assert not [f for f in run(d, p) if f.rule == "XTAB-008"]
