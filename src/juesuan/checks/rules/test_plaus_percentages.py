from decimal import Decimal

from rule_testing import replace_in_narrative, triggers


def test_share_above_100():
    (f,) = triggers("printed", lambda d: replace_in_narrative(d, "占比99.81%", "占比119.81%"), "PLAUS-002", allowed=["NARR-002"])
    assert f.found == Decimal("119.81")


def test_form_rate_above_100_is_a_warning():
    def mutate(d):
        d.performance[0].funding[0].rate = Decimal("105.00")

    triggers("printed", mutate, "PLAUS-002", severity="warning", allowed=["PERF-002"])
