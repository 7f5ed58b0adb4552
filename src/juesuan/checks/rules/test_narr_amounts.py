from rule_testing import replace_in_narrative, triggers


def test_amount_differs_from_table():
    (f,) = triggers("printed", lambda d: replace_in_narrative(d, "城乡社区支出(类)76,221.90万元", "城乡社区支出(类)76,212.90万元"),
                    "NARR-001", allowed=["NARR-011"])
    assert f.location.section == "general_budget" and "76,212.90" in f.location.sentence and "颠倒" in f.suggestion


def test_unit_slip_is_suggested():
    (f,) = triggers("printed", lambda d: replace_in_narrative(d, "其他收入0.11万元", "其他收入1100.00万元"), "NARR-001",
                    allowed=["NARR-011"])
    assert "单位错位" in f.suggestion


def test_seed_basic_expenditure_is_rounding():
    from rule_testing import printed_seed, run

    d, p = printed_seed()
    found = [f for f in run(d, p, only=["NARR-001"]) if f.location.section == "general_basic"]
    assert [f.severity for f in found] == ["info"] and found[0].found == found[0].expected - __import__("decimal").Decimal("0.01")
