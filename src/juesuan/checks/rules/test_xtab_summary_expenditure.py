from rule_testing import set_value, triggers


def test_class_line_differs():
    (f,) = triggers("built", lambda d: set_value(d, "summary", "ex.210", "amount", "66.18"), "XTAB-002", allowed=["SUM-005"])
    assert f.location.row == "210"


def test_rounding_between_printed_tables_is_info():
    from rule_testing import printed_putuo, run

    d, p = printed_putuo()
    (f,) = run(d, p, only=["XTAB-002"])  # 公开01 326.71 vs 支出决算表 208 326.72
    assert f.severity == "info"
