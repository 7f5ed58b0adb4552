from rule_testing import replace_in_narrative, triggers


def test_procurement_parts_do_not_add_up():
    (f,) = triggers("putuo", lambda d: replace_in_narrative(d, "货物采购金额4.79万元", "货物采购金额4.97万元"), "NARR-011")
    assert f.location.section == "other"


def test_putuo_procurement_rounding_is_info():
    from rule_testing import printed_putuo, run

    d, p = printed_putuo()
    found = run(d, p, only=["NARR-011"])
    assert found and {f.severity for f in found} == {"info"}  # 251.25 vs 4.79 + 0 + 246.47; 年初预算 Σ 2,993.93


def test_budget_components():
    (f,) = triggers("printed", lambda d: replace_in_narrative(d, "年初预算58.54万元", "年初预算85.54万元"), "NARR-011",
                    allowed=["NARR-005"])
    assert "年初预算" in f.message


def test_budget_components_short_of_the_total_may_be_an_unspent_code():
    # A code budgeted but not spent is in no table and so not listed: 警告, not 错误.
    (f,) = triggers("printed", lambda d: replace_in_narrative(d, "年初预算58.54万元", "年初预算8.54万元"), "NARR-011",
                    allowed=["NARR-005"], severity="warning")
    assert "本年无支出" in f.message
