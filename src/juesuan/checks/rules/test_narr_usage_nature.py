from rule_testing import printed_putuo, replace_in_narrative, run, triggers


def test_project_item_described_as_basic():
    (f,) = triggers("putuo", lambda d: replace_in_narrative(d, "信息化系统日常维护费等支出", "信息化系统日常维护费等基本支出"),
                    "NARR-014", severity="warning")
    assert f.expected == "项目支出"


def test_basic_item_described_as_project():
    (f,) = triggers("putuo", lambda d: replace_in_narrative(d, "缴纳在职人员住房公积金", "缴纳在职人员住房公积金等项目支出"),
                    "NARR-014", severity="warning")
    assert f.expected == "基本支出"


def test_putuo_general_administration():
    """The published document calls 2010602 一般行政管理事务 (项目支出 10.00 only) 基本支出."""
    d, p = printed_putuo()
    (f,) = run(d, p, only=["NARR-014"])
    assert "一般行政管理事务" in f.message
