"""口径 (scope) as profile data: a rule never compares figures of different scope (issue #11)."""
from __future__ import annotations

from juesuan import profiles
from rule_testing import printed_putuo, replace_in_narrative, run


def test_every_builtin_profile_says_what_running_cost_covers():
    for name in profiles.available():
        scope = profiles.load(name).scope["running_cost"]
        assert scope.units == ["行政单位", "参照公务员法管理事业单位"]
        assert scope.within == "general_basic:public_total:amount"
        assert not scope.equals_within("事业单位", units_known=True)
        assert not scope.equals_within("行政单位", units_known=False)  # a printed document's units are unknown


def test_running_cost_below_public_funds_is_not_an_error_in_a_printed_document():
    # A Shanghai district department with 事业单位: 机关运行经费 100.00 is well below 公用经费合计, and
    # 下降8.65% is right on the stated figures (9.47 ÷ 109.47); neither may be recomputed on 公用经费.
    d, p = printed_putuo()
    replace_in_narrative(d, "机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%。",
                         "机关运行经费支出100.00万元，比2023年度减少9.47万元，下降8.65%。")
    assert d.value("general_basic:public_total:amount") > 150
    assert not [f for f in run(d, p) if "机关运行经费" in f.message and f.severity != "info"]


def test_a_wrong_running_cost_rate_is_still_found_on_its_own_figures():
    d, p = printed_putuo()
    replace_in_narrative(d, "机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%。",
                         "机关运行经费支出100.00万元，比2023年度减少9.47万元，下降9.65%。")
    assert [f.rule for f in run(d, p) if "机关运行经费" in f.message and f.severity == "error"] == ["NARR-004"]
