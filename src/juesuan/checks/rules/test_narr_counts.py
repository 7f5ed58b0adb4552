from rule_testing import replace_in_narrative, triggers


def test_vehicle_count_differs():
    (f,) = triggers("printed", lambda d: replace_in_narrative(d, "共有车辆2辆", "共有车辆3辆"), "NARR-007", allowed=["NARR-011"])
    assert f.expected == 2 and f.found == 3


def test_facts_of_a_built_disclosure():
    def mutate(d):
        d.context.three_public.vehicles_held = 2  # the narrative says 保有量共1辆

    (f,) = triggers("built", mutate, "NARR-007")
    assert "保有量" in f.message
