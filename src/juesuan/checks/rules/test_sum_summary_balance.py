from rule_testing import set_value, triggers


def test_grand_total_includes_balances():
    (f,) = triggers("built", lambda d: set_value(d, "summary", "in.nonfiscal_balance_used", "amount", "5"), "SUM-005")
    assert f.location.row == "in.grand_total"


def test_total_leaving_out_one_row_is_suggested():
    def mutate(d):
        t = d.tables["summary"]
        set_value(d, "summary", "in.total", "amount", t.value("in.total", "amount") - t.value("in.other", "amount"))
        for key in ("in.grand_total", "ex.grand_total"):
            set_value(d, "summary", key, "amount", t.value(key, "amount") - t.value("in.other", "amount"))

    found = triggers("built", mutate, "SUM-005", allowed=["XTAB-001", "XTAB-010", "NARR-001", "NARR-002", "NARR-003", "NARR-004", "NARR-011"])
    total = [f for f in found if f.location.row == "in.total"]
    assert total and "少计了“其他收入”" in total[0].suggestion
