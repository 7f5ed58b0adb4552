from rule_testing import triggers


def test_grade_does_not_follow_total():
    def mutate(d):
        d.performance[0].grade = "良"

    (f,) = triggers("built", mutate, "PERF-006", allowed=["PERF-008"])
    assert f.expected == "优"
