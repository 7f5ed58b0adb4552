from rule_testing import BASES, replace_in_narrative, run, triggers


def test_private_use_character_in_the_duties():
    (f,) = triggers("budget-text", lambda d: d.overview.duties.__setitem__(2, "（一）负责辖区内\ue000社区公共服务。"), "TEXT-005",
                    severity="warning")
    assert "U+E000" in f.message and f.location.label.startswith("主要职能")


def test_utf8_read_as_gbk_and_replacement_character():
    (f,) = triggers("printed", lambda d: replace_in_narrative(d, "主要原因是本年工程资金有所减少。", "涓昏鍘熷洜鏄湰骞村伐绋嬭祫閲戞湁鎵€鍑忓皯銆�"),
                    "TEXT-005", severity="warning", allowed=("TEXT-002",))
    assert "U+FFFD" in f.message


def test_latin1_mojibake_and_plain_rare_characters():
    d, p = BASES["budget-text"]()
    d.glossary[0].text = "æ\u0094¿åº\u009c 指区级财政当年拨付的资金。"
    (f,) = run(d, p, only=["TEXT-005"])
    assert f.location.label.startswith("名词解释")
    d, p = BASES["budget-text"]()
    d.overview.duties[2] = "（一）负责沙家浜路社区公共服务。"  # one rare character is a name, not garbage
    assert run(d, p, only=["TEXT-005"]) == []
