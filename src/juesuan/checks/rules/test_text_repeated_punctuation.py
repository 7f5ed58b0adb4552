from rule_testing import replace_in_narrative, triggers


def test_doubled_full_stop_in_a_final_accounts_narrative():
    (f,) = triggers("printed", lambda d: replace_in_narrative(d, "主要原因是本年工程资金有所减少。", "主要原因是本年工程资金有所减少。。"),
                    "TEXT-001", severity="warning")
    assert f.found == "。。" and "第" in f.location.label  # the line it was read from


def test_doubled_comma_in_a_budget_and_an_ellipsis_is_not_doubled():
    def mutate(d):
        d.narrative[0].paragraphs[0] = "2025年收入预算200.00万元，，比2024年预算增加10.00万元。"
        d.narrative[0].paragraphs.append("其他情况。。。")

    (f,) = triggers("budget-text", mutate, "TEXT-001", severity="warning", allowed=("COMP-004",))
    assert f.found == "，，"
