from rule_testing import replace_in_narrative, triggers


def test_completion_rate_differs():
    (f,) = triggers("printed", lambda d: replace_in_narrative(d, "完成年初预算的126.90%", "完成年初预算的129.60%"), "NARR-005")
    assert str(f.expected) == "126.90"


def test_three_public_against_table_budget():
    from rule_testing import set_value

    def mutate(d):
        set_value(d, "three_public", "budget", "vehicle_running", "2.50")
        set_value(d, "three_public", "budget", "vehicle_total", "2.50")
        set_value(d, "three_public", "budget", "total", "2.50")

    found = triggers("printed", mutate, "NARR-005", allowed=["NARR-006"])
    # 公务用车运行维护费 “完成全年预算的100.00%” (no budget stated beside it: the table's 预算数 counts)
    assert len(found) == 1 and found[0].location.section == "three_public" and str(found[0].expected) == "50.00"
