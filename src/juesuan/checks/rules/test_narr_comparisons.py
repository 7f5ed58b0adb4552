from juesuan.checks.testing import replace_in_narrative, triggers


def test_says_greater_but_smaller():
    (f,) = triggers("putuo", lambda d: replace_in_narrative(
        d, "支出决算为135.25万元。决算数小于预算数", "支出决算为135.25万元。决算数大于预算数"), "NARR-008")
    assert f.expected == "小于"


def test_says_level_but_differs():
    (f,) = triggers("putuo", lambda d: replace_in_narrative(
        d, "年初预算为 0.94 万元，支出决算为0.94万元。", "年初预算为 0.94 万元，支出决算为0.84万元。"), "NARR-008", allowed=["NARR-001", "NARR-011"])
    assert f.found == "基本持平"
