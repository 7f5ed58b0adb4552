from rule_testing import triggers


def test_economic_name_and_code():
    def rename(d):
        d.tables["general_basic"].row("30231").name = "公务用车运行费"

    (f,) = triggers("built", rename, "CAT-003", severity="warning")
    assert f.expected == "公务用车运行维护费"

    def recode(d):
        d.tables["general_basic"].row("30231").key = "30232"

    triggers("built", recode, "CAT-003", severity="warning", allowed=["SUM-008", "XTAB-009"])


def test_unknown_economic_code_is_a_warning_while_the_catalogue_is_unchecked():
    def recode(d):
        d.tables["general_basic"].row("30231").key = "30232"

    (f,) = triggers("built", recode, "CAT-003", severity="warning", allowed=["SUM-008", "XTAB-009"])
    assert "不完整" in f.message
