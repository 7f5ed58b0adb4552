from juesuan.checks.testing import printed_seed, replace_in_narrative, run


def _consistent_seed():
    """The seed with 五（一） restated so that last year's 类 add up (no warning)."""
    d, p = printed_seed()
    replace_in_narrative(d, "支出减少116,693.02万元，下降54.63%", "支出减少105,693.02万元，下降52.17%")
    return d, p


def test_seed_gap_is_a_warning():
    d, p = printed_seed()
    (f,) = run(d, p, only=["NARR-009"])
    assert f.severity == "warning" and str(f.found) == "202601.77" and str(f.expected) == "213601.77"


def test_consistent_components_are_quiet_and_a_shortfall_warns():
    d, p = _consistent_seed()
    assert not run(d, p, only=["NARR-009"])
    replace_in_narrative(d, "减少123,680.93万元", "减少123,670.93万元")
    (f,) = run(d, p, only=["NARR-009"])
    assert f.severity == "warning" and str(f.difference) == "-10.00"


def test_excess_is_an_error():
    d, p = _consistent_seed()
    replace_in_narrative(d, "增加15,710.89万元", "增加15,700.89万元")
    (f,) = run(d, p, only=["NARR-009"])
    assert f.severity == "error"
