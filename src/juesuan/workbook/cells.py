"""Cell values of the preparer's workbook: what a typed cell means, and what it must be.

Each parser takes the raw value openpyxl gives (str, int, float, bool, datetime or None) and
returns the model value, or raises ``CellError`` with a Chinese message saying what was
expected. Floats exist only here, at the file-format boundary: an xlsx cell stores an IEEE
double, and its shortest repr is the number the preparer typed.
"""
from __future__ import annotations

import datetime as _dt
import unicodedata
from decimal import Decimal

from ..money import NotANumber, checked, parse_decimal, rounded


class CellError(ValueError):
    """A cell holds something its column cannot accept; the message is for the preparer."""


def is_blank(raw) -> bool:
    return raw is None or (isinstance(raw, str) and raw.strip() == "")


def shown(raw) -> str:
    """The raw value as the preparer sees it, for messages."""
    if isinstance(raw, float):
        return repr(raw)
    if isinstance(raw, (_dt.datetime, _dt.date)):
        return raw.strftime("%Y-%m-%d")
    return str(raw).strip()


def to_decimal(raw) -> Decimal:
    if isinstance(raw, bool) or isinstance(raw, (_dt.datetime, _dt.date, _dt.time)):
        raise NotANumber(raw)
    if isinstance(raw, float):
        # xlsx stores doubles; repr gives the shortest decimal that round-trips, i.e. what was typed.
        return checked(Decimal(repr(raw)), raw)  # 1e300, inf, nan: refused like typed text
    return parse_decimal(raw)


_TOLERANCE = Decimal("1e-9")  # a formula like =0.1+0.2 yields 0.30000000000000004


def _quantised(d: Decimal, places: int) -> Decimal | None:
    """``d`` to ``places`` decimals when it has no more than that (up to float noise), else None."""
    q = rounded(d, places)
    if abs(d - q) > _TOLERANCE:
        return None
    if d == q:
        return d
    text = format(q, "f")
    return Decimal(text.rstrip("0").rstrip(".") if "." in text else text)


def money(raw, unit: str = "万元") -> Decimal:
    """An amount: a number, not negative, to the cent of 元 (two places in 元, six in 万元)."""
    from ..money import exact_places, places_text

    places = exact_places(unit)
    try:
        d = to_decimal(raw)
    except (NotANumber, TypeError) as exc:
        if "数值过大" in str(exc) or "位数过多" in str(exc):
            raise CellError(f"{exc}（单位：{unit}）") from None
        raise CellError(f"应填写金额（不小于0的数字，最多{places_text(unit)}小数，单位：{unit}），填写的是“{shown(raw)}”") from None
    if d < 0:
        raise CellError(f"金额不能为负数，填写的是{shown(raw)}")
    q = _quantised(d, places)
    if q is None:
        raise CellError(f"金额最多{places_text(unit)}小数（单位：{unit}），填写的是{shown(raw)}")
    q = q.normalize()  # 1800.000000 as typed 1800.00: the same amount, written as the folder writes it
    return q if q.as_tuple().exponent <= -2 else q.quantize(Decimal("0.01"))


def fine(raw) -> Decimal:
    """A performance-form amount or score: not negative, up to six decimals, kept as typed."""
    try:
        d = to_decimal(raw)
    except (NotANumber, TypeError):
        raise CellError(f"应填写数字（不小于0），填写的是“{shown(raw)}”") from None
    if d < 0:
        raise CellError(f"不能为负数，填写的是{shown(raw)}")
    q = _quantised(d, 6)
    if q is None:
        raise CellError(f"最多六位小数，填写的是{shown(raw)}")
    return q


def count(raw) -> int:
    """A count (辆, 个, 人次): a whole number, not negative."""
    try:
        d = to_decimal(raw)
    except (NotANumber, TypeError):
        raise CellError(f"应填写不小于0的整数，填写的是“{shown(raw)}”") from None
    if d < 0 or d != d.to_integral_value():
        raise CellError(f"应填写不小于0的整数，填写的是{shown(raw)}")
    return int(d)


def year(raw) -> int:
    try:
        d = to_decimal(raw)
    except (NotANumber, TypeError):
        raise CellError(f"应填写四位数的年度，如2024，填写的是“{shown(raw)}”") from None
    if d != d.to_integral_value() or not 1990 <= d <= 2100:
        raise CellError(f"应填写四位数的年度，如2024，填写的是{shown(raw)}")
    return int(d)


def text(raw) -> str:
    """Text as typed; a number typed into a text cell becomes its digits."""
    if isinstance(raw, str):
        return raw
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return shown(raw)


def code(raw) -> str:
    """A classification code: digits only. Excel may have stored it as a number."""
    # NFKC: full-width digits typed with a Chinese input method are the same code.
    value = unicodedata.normalize("NFKC", text(raw)).strip().replace(" ", "")
    if not (value.isascii() and value.isdigit()):
        raise CellError(f"科目编码应为数字（如2120101），填写的是“{shown(raw)}”")
    return value
