from rule_testing import printed_putuo, printed_seed, replace_in_narrative, run, triggers


def test_list_names_a_blank_item_and_leaves_out_a_filled_one():
    (f,) = triggers("putuo", lambda d: replace_in_narrative(d, "办公费、印刷费、手续费、邮电费、差旅费", "办公费、印刷费、手续费、邮电费、物业管理费"),
                    "NARR-017", severity="warning")
    assert f.found == "物业管理费" and "差旅费" in f.expected


def test_putuo_names_a_blank_subsidy():
    """The published document lists 个人农业生产补贴 (blank in its table) and leaves out 奖励金 (0.31)."""
    d, p = printed_putuo()
    (f,) = run(d, p, only=["NARR-017"])
    assert f.found == "个人农业生产补贴" and f.expected == "奖励金（0.31）"


def test_seed_lists_are_quiet():
    d, p = printed_seed()
    assert not run(d, p, only=["NARR-017"])


def test_names_with_he_are_one_item():
    (f,) = triggers("built", lambda d: replace_in_narrative(d, "退休费、抚恤金、奖励金", "退休费、其他对个人和家庭的补助、奖励金"),
                    "NARR-017", severity="warning")
    assert f.found == "其他对个人和家庭的补助" and "抚恤金" in f.expected
