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


def test_a_budget_economic_table_is_checked_too():
    def rename(d):
        d.tables["budget_general_basic"].row("30201").name = "印刷费"

    (f,) = triggers("budget", rename, "CAT-003", severity="warning")
    assert f.location.table == "budget_general_basic" and f.expected == "办公费"


def test_a_table_in_another_coding_is_one_warning_listing_every_name():
    """A Shanghai unit budget prints 30202 咨询费, 30203 水费 … (a local coding, shifted against the
    national catalogue): one 警告 for the table, not one per row."""
    def shift(d):
        rows = [r for r in d.tables["general_basic"].rows if len(r.key) == 5]
        names = [r.name for r in rows]
        for row, name in zip(rows, names[1:]):
            row.name = name

    (f,) = triggers("built", shift, "CAT-003", severity="warning", allowed=["NARR-017"])
    assert "打印顺序" in f.message and "地方、旧版" in f.message and "30102印“奖金”（目录：津贴补贴）" in f.message, f.message
