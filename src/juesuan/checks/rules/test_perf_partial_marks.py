from decimal import Decimal

from rule_testing import built, run, triggers


def test_partial_achievement_with_full_marks():
    def mutate(d):
        ind = d.performance[0].indicators[1]  # 质量指标, 分值 10, 得分 10
        ind.actual = "未达成预期指标且效果较差"

    (f,) = triggers("built", mutate, "PERF-009", severity="warning")
    assert f.location.form == "办理房屋租赁登记备案工作经费" and f.location.field == "indicators[1].score"


def test_a_reduced_score_is_accepted():
    d, p = built()
    ind = d.performance[0].indicators[1]
    ind.actual, ind.score = "部分达成预期指标并具有一定效果", Decimal(7)
    assert [f for f in run(d, p, only=["PERF-009"]) if f.location.form == d.performance[0].name] == []


def test_the_seed_gives_full_marks_to_three_partly_achieved_indicators():
    d, p = built()
    found = [(f.location.form, f.location.field) for f in run(d, p, only=["PERF-009"])]
    assert found == [
        ("残疾人保障金", "indicators[1].score"),
        ("残疾人保障金", "indicators[2].score"),
        ("大同市国际会展中心项目水电费", "indicators[1].score"),
    ]
