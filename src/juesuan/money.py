"""Money and other exact quantities.

Every amount in juesuan is a ``Decimal``. What a preparer gives is kept at the precision given
(元 with cents, or 万元); compile sums those exact amounts in 万元 (元 / 10,000 is exact) and every
printed cell is rounded from its exact value here, ROUND_HALF_UP (四舍五入) to 0.01, as the
official 决算 software prints them. Floats are refused: a float reaching money code is a bug.
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated, Any

from .record import Before, Serialize

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# Performance forms print 万元 to three or four decimals; keep them to 0.01 元.
FINE = Decimal("0.000001")
# The units a source may give amounts in; everything downstream of compile is 万元.
UNITS = ("万元", "元")
YUAN_PER_WAN = 10_000

_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


# Every amount in a disclosure is far below 10^15 (万元 or 元); the decimal context keeps 28
# significant digits, so a larger or longer number would fail later, in rounding or printing.
MAX_DIGITS = 28
MAX_MAGNITUDE = 15  # digits before the decimal point, of a number typed or printed
# A total the tool computes may sum many such numbers; it still rounds to cents within 28 digits.
COMPUTED_MAGNITUDE = 24


class NotANumber(ValueError):
    """Raised when a text is not a number juesuan accepts."""


def checked(value: Decimal, typed: Any = None, magnitude: int = MAX_MAGNITUDE) -> Decimal:
    """``value`` when it is a finite number of a size a disclosure can hold; NotANumber otherwise.

    Negative zero becomes zero. Every number from outside passes here (``parse_decimal``)."""
    shown = value if typed is None else typed
    if not value.is_finite():
        raise NotANumber(f"应为数字，填写的是“{shown}”（不接受无穷大或非数字值）")
    if value.is_zero():
        return value.copy_abs()
    if value.adjusted() >= magnitude:
        raise NotANumber(f"数值过大：“{_short(shown)}”（整数部分最多{magnitude}位）")
    if len(value.as_tuple().digits) > MAX_DIGITS:
        raise NotANumber(f"数字位数过多：“{_short(shown)}”（最多{MAX_DIGITS}位有效数字）")
    if value.adjusted() < -MAX_DIGITS:
        return Decimal(0)  # below any printed precision
    return value


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def parse_decimal(value: Any) -> Decimal:
    """Turn a printed or typed number into an exact Decimal.

    Accepts ints, Decimals and strings such as ``"811,754.86"``, ``"－1.5"`` or ``" 2.00 "``.
    Floats are rejected because their binary value is not the number the user typed.
    """
    if isinstance(value, bool):
        raise NotANumber(f"应为数字，填写的是“{value}”")
    if isinstance(value, Decimal):  # typed numbers were checked where they were read (YAML, cells)
        return checked(value, magnitude=COMPUTED_MAGNITUDE)
    if isinstance(value, int):
        if abs(value) >= 10**MAX_MAGNITUDE:
            raise NotANumber(f"数值过大：“{_short(value)}”（整数部分最多{MAX_MAGNITUDE}位）")
        return Decimal(value)
    if isinstance(value, float):
        # A float's binary value is not the number typed: code must pass text or Decimal, and a
        # model JSON must hold amounts as strings (as juesuan writes them).
        if value != value or value in (float("inf"), float("-inf")):
            raise NotANumber("应为数字（不接受无穷大或非数字值）")
        raise NotANumber(f"金额应写成文本形式的十进制数（如 \"{value}\"），不接受浮点数 {_short(value)}")
    if isinstance(value, str):
        text = value.strip().replace("，", ",").replace("－", "-").replace("−", "-").replace("．", ".")
        text = text.replace(" ", "")
        if not _NUMBER.match(text):
            raise NotANumber(f"应为数字，填写的是“{_short(value)}”")
        try:
            return checked(Decimal(text.replace(",", "")), value)
        except InvalidOperation as exc:  # pragma: no cover - regex guards this
            raise NotANumber(f"应为数字，填写的是“{value}”") from exc
    raise NotANumber(f"应为数字，填写的是“{_short(value)}”")


def rounded(value: Decimal, places: int = 2) -> Decimal:
    """``value`` to ``places`` decimals, ROUND_HALF_UP (四舍五入): the one rounding function."""
    return value.quantize(CENT if places == 2 else Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def as_printed(value: Decimal, places: int = 2) -> Decimal:
    """An amount as a document prints it: an exact amount finer than ``places`` decimals (a 万元
    figure built from 元 keeps six) rounded to them, 四舍五入; one at that precision or coarser as it is."""
    if value.is_finite() and value.as_tuple().exponent < -places:
        return rounded(value, places)
    return value


def money(value: Any) -> Decimal:
    """A Decimal quantised to 0.01, ROUND_HALF_UP."""
    return rounded(parse_decimal(value))


def fine(value: Any) -> Decimal:
    """A Decimal kept as typed, to at most 0.000001 (0.01 元 when the unit is 万元)."""
    d = parse_decimal(value)
    return d if d.as_tuple().exponent >= -6 else rounded(d, 6)


def round2(value: Decimal) -> Decimal:
    """The printed value of an exact amount: 0.01, ROUND_HALF_UP (the one place printing rounds)."""
    return rounded(value)


def exact(value: Any) -> Decimal:
    """An amount kept as given (to at most 0.000001, i.e. 0.01 元 in 万元), written with at least
    two places (``5`` and ``5.00`` are the same amount and read back the same)."""
    d = fine(value)
    return d.quantize(CENT) if d.as_tuple().exponent > -2 else d


def to_wan(amount: Decimal, unit: str) -> Decimal:
    """An amount given in ``unit`` as exact 万元 (元 / 10,000 moves the decimal point only)."""
    if unit == "元":
        return amount.scaleb(-4)
    if unit != "万元":
        raise ValueError(f"未知的金额单位“{unit}”，应为：{'、'.join(UNITS)}")
    return amount


def from_wan(amount: Decimal, unit: str) -> Decimal:
    """The inverse of :func:`to_wan` (for writing an amount back in the source's unit), written
    plainly with at least two places (1.25 万元 is 12500.00 元, not 1.25E+4)."""
    if unit != "元":
        return amount
    v = amount.scaleb(4)
    return v.quantize(CENT) if v.as_tuple().exponent > -2 else v


def exact_places(unit: str) -> int:
    """Decimal places an amount in ``unit`` keeps: cents of 元 (2 in 元, 6 in 万元)."""
    return 2 if unit == "元" else 6


def places_text(unit: str) -> str:
    """最多…位小数, in words, for messages: 两位 (元) or 六位 (万元, i.e. to the cent of 元)."""
    return "两位" if unit == "元" else "六位"


def percent(part: Decimal, base: Decimal) -> Decimal | None:
    """part / base as a percentage to 2 decimals; None when the base is zero."""
    if not base:
        return None
    return round2(part * 100 / base)


def fmt_amount(value: Decimal | None, *, thousands: bool = True, blank: str = "") -> str:
    """Format an amount as printed in tables and narrative: ``811,754.86``."""
    if value is None:
        return blank
    q = round2(value)
    return f"{q:,.2f}" if thousands else f"{q:.2f}"


def fmt_percent(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{round2(value):.2f}%"


def _validate_money(value: Any) -> Decimal | None:
    if value is None or (isinstance(value, str) and value.strip() in ("", "-", "—", "——", "———")):
        return None
    return money(value)


def _validate_fine(value: Any) -> Decimal | None:
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    return fine(value)


def _serialize(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _validate_exact(value: Any) -> Decimal | None:
    if value is None or (isinstance(value, str) and value.strip() in ("", "-", "—", "——", "———")):
        return None
    return exact(value)


Money = Annotated[Decimal, Before(money), Serialize(str)]
OptMoney = Annotated[Decimal | None, Before(_validate_money), Serialize(_serialize)]
FineAmount = Annotated[Decimal | None, Before(_validate_fine), Serialize(_serialize)]
# Amounts as the preparer gave them (any unit, full precision): leaf inputs, prior-year and
# budget figures, and the exact value behind a printed cell.
ExactMoney = Annotated[Decimal, Before(exact), Serialize(str)]
OptExact = Annotated[Decimal | None, Before(_validate_exact), Serialize(_serialize)]
