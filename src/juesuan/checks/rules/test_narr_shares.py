from rule_testing import replace_in_narrative, triggers


def test_share_differs():
    (f,) = triggers("printed", lambda d: replace_in_narrative(d, "占比78.65%", "占比87.65%"), "NARR-002")
    assert f.expected.quantize(__import__("decimal").Decimal("0.01")) == __import__("decimal").Decimal("78.65")


def test_seed_share_of_zero_percent():
    from rule_testing import printed_seed, run

    d, p = printed_seed()
    (f,) = run(d, p, only=["NARR-002"])  # 二、“财政拨款收入811,754.75万元，占比0%”
    assert f.severity == "error" and str(f.expected) == "100.00" and f.location.section == "income"


def test_share_against_the_wrong_base_is_suggested():
    # 基本支出 1,535.51 over 本年收入合计 would give the same 0.19%; over 一般公共预算 1.58%
    (f,) = triggers("printed", lambda d: replace_in_narrative(d, "基本支出1,535.51万元，占比0.19%", "基本支出1,535.51万元，占比1.58%"),
                    "NARR-002")
    assert f.suggestion
