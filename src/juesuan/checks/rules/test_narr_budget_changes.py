from decimal import Decimal

from rule_testing import BASES, replace_in_narrative, run

USAGE = "主要用于行政运行。"


def _findings(text):
    d, p = BASES["budget-text"]()
    replace_in_narrative(d, USAGE, USAGE + text)
    return run(d, p, only=["NARR-022"])


def test_a_rate_from_the_two_figures_stated():
    assert _findings("2024年当年预算执行数为80.00万元，2025年预算安排100.00万元，比2024年预算执行数增加25.00%。") == []
    (f,) = _findings("2024年当年预算执行数为80.00万元，2025年预算安排100.00万元，比2024年预算执行数增加2.50%。")
    assert f.severity == "error" and f.expected == Decimal("25.00") and "80.00" in f.message
    (f,) = _findings("2024年当年预算执行数为80.00万元，2025年预算安排100.00万元，比2024年预算执行数减少25.00%。")
    assert f.found == Decimal("-25.00")


def test_a_change_amount_and_a_flat():
    assert _findings("上年预算为90.00万元，本年预算安排100.00万元，比上年预算增加10.00万元。") == []
    (f,) = _findings("上年预算为90.00万元，本年预算安排100.00万元，比上年预算增加12.00万元。")
    assert f.expected == Decimal("10.00")
    (f,) = _findings("上年预算为90.00万元，本年预算安排100.00万元，与上年预算持平。")
    assert "持平" in f.message


def test_a_rate_beside_its_amount():
    d, p = BASES["budget-text"]()
    replace_in_narrative(d, "比2024年预算增加10.00万元；", "比2024年预算增加10.00万元，增长5.88%；")
    assert run(d, p, only=["NARR-022"]) == []  # 10 / (180 − 10)
    replace_in_narrative(d, "增长5.88%", "增长5.56%")  # 10 / 180: the wrong base
    (f,) = run(d, p, only=["NARR-022"])
    assert f.expected == Decimal("5.88")


def test_without_last_years_figure_nothing_is_said():
    assert _findings("比2024年预算执行数增加2.50%。") == []
