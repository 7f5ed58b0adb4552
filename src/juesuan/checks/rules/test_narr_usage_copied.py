from rule_testing import printed_putuo, replace_in_narrative, run, triggers


def test_usage_copied_from_another_item():
    (f,) = triggers("putuo", lambda d: replace_in_narrative(d, "主要用于：信息化系统日常维护费等支出", "主要用于：委托中介机构开展各类审计及绩效评价工作"),
                    "NARR-013", severity="warning")
    assert "财政委托业务支出" in f.message and f.location.section == "general_budget"


def test_putuo_repeats_one_usage():
    """The published document says 退休人员经费支出 for both 2080501 and 2080599."""
    d, p = printed_putuo()
    (f,) = run(d, p, only=["NARR-013"])
    assert "其他行政事业单位养老支出" in f.message
