from rule_testing import replace_in_narrative, triggers


def test_rate_differs():
    (f,) = triggers("printed", lambda d: replace_in_narrative(d, "下降7.78%", "下降8.77%"), "NARR-004")
    assert str(f.expected) == "7.78"


def test_rate_direction_contradicts_change():
    (f,) = triggers("printed", lambda d: replace_in_narrative(d, "增加17.00万元，增长34.64%", "增加17.00万元，下降34.64%"), "NARR-004")
    assert f.suggestion == "将“下降”改为“增长”。"
