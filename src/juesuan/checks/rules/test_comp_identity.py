from rule_testing import triggers
from juesuan.model import Reading


def test_missing_year_and_name_are_said_not_guessed():
    def unstated(d):
        d.reading = Reading(path="generic", year_stated=False)
        d.meta.department = "（未识别）"

    found = triggers("printed", unstated, "COMP-007", severity="warning")
    assert [f.found for f in found] == ["未写明", "未写明"]


def test_built_document_is_not_checked():
    from juesuan.checks import run
    from rule_testing import built

    d, p = built()
    assert not [f for f in run(d, p) if f.rule == "COMP-007"]
