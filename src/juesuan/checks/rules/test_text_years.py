from juesuan.checks.rules.text_years import wrong_years
from rule_testing import BASES, replace_in_narrative, run, triggers


def test_a_budget_compared_with_its_own_year():
    (f,) = triggers("budget-text", lambda d: replace_in_narrative(d, "比2024年预算增加", "与2025年预算相比增加"), "TEXT-007",
                    severity="warning")
    assert f.found == "与2025年预算" and f.expected == "2024年"


def test_final_accounts_compared_with_a_year_two_back_and_named_years():
    (f,) = triggers("printed", lambda d: replace_in_narrative(d, "主要原因是本年工程资金有所减少。", "比2022年度决算减少，本年（2023年）工程资金有所减少。"),
                    "TEXT-007", severity="warning", allowed=("COMP-006",))
    assert "2022年度决算" in f.message and "本年（2023年）" in f.message


def test_what_agrees():
    assert wrong_years("比2024年预算增加3,355.65万元，与上年（2024年）相比，截至2024年8月31日", 2025, "budget") == []
    assert wrong_years("决算数比2024年年初预算减少，与2023年度相比增加", 2024, "final") == []
    assert wrong_years("2023年预算安排", 2025, "budget") == [("2023年预算", "2025年预算或2024年预算")]
    assert wrong_years("2023年预算安排", 2025, "budget", project=True) == []  # a project's history
    assert wrong_years("与2022年签订的合同一致，同2023年度工作计划", 2025, "budget") == []  # conjunctions, no comparison
    assert wrong_years("与2023年相比持平；较2022年度多10人", 2025, "budget") == [("与2023年", "2024年"), ("较2022年度", "2024年")]


def test_silent_when_the_year_is_a_guess():
    d, p = BASES["budget-text"]()
    replace_in_narrative(d, "比2024年预算增加", "与2025年预算相比增加")
    d.reading.year_stated = False
    assert run(d, p, only=["TEXT-007"]) == []
