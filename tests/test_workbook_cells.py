"""What a typed cell of the preparer's workbook means (juesuan.workbook.cells)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from juesuan.workbook import cells


@pytest.mark.parametrize("raw, expected", [
    (880.85, "880.85"), (714846.01, "714846.01"), (12, "12.00"), ("1,234.5", "1234.50"), (" 3 ", "3.00"),
    (0.1 + 0.2, "0.30"),  # a formula's float noise, not a third decimal
])
def test_money(raw, expected):
    value = cells.money(raw)
    assert isinstance(value, Decimal) and str(value) == expected


@pytest.mark.parametrize("raw, message", [
    ("一百", "应填写金额（不小于0的数字，最多两位小数，单位：元），填写的是“一百”"),
    (-5, "金额不能为负数，填写的是-5"),
    (1.005, "金额最多两位小数（单位：元），填写的是1.005"),
    (True, "应填写金额"),
    (dt.datetime(2024, 1, 2), "填写的是“2024-01-02”"),
])
def test_money_refused(raw, message):
    with pytest.raises(cells.CellError) as info:
        cells.money(raw, "元")
    assert message in str(info.value)


def test_wan_amounts_keep_six_places_the_cent_of_yuan():
    assert cells.money(1.005) == Decimal("1.005")  # 10,050 元
    assert str(cells.money(1800.0)) == "1800.00"
    with pytest.raises(cells.CellError) as info:
        cells.money(1.0000005)
    assert "金额最多六位小数（单位：万元）" in str(info.value)


def test_fine_keeps_the_typed_digits():
    assert cells.fine(5.994) == Decimal("5.994") and str(cells.fine(10.526)) == "10.526"
    assert str(cells.fine(20)) == "20"


def test_codes_and_counts():
    assert cells.code("２１２０１０１") == "2120101"  # full-width digits from a Chinese input method
    assert cells.code(2120101.0) == "2120101"  # stored as a number by the spreadsheet
    with pytest.raises(cells.CellError):
        cells.code("212-01")
    assert cells.count(2.0) == 2
    with pytest.raises(cells.CellError, match="整数"):
        cells.count(1.5)
    assert cells.text(2.0) == "2" and cells.text("=100%") == "=100%"
