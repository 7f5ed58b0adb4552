"""The small expression language of ``identities.yaml``'s formulas that are more than a signed sum
(the performance forms' 执行率, 得分, 总分, 等级): one text, evaluated with Decimal for compile and
the rules, and written out as the spreadsheet formula of the preparer's workbook.

An expression is parsed with Python's ``ast`` and only this is accepted (anything else, a call of
an unknown function or an attribute, is refused when the data is loaded — nothing is ever run):

- names (the inputs the entry declares), numbers (kept as written: ``0.00`` is Decimal("0.00")),
  ``BLANK`` (an empty cell);
- ``+ - * /``, unary ``-``, one comparison ``< <= > >= == !=`` (only as an ``IF`` condition);
- ``ROUND(x, places)`` half up (``juesuan.money``), ``MIN``, ``MAX``, ``IF(condition, then, else)``,
  ``SUM(list)`` (a name holding several values: the indicators' 得分), ``GRADE(x)`` (the first of
  the profile's grades, highest ``min`` first, that ``x`` reaches; blank below them all).

Blank inputs: an expression whose input is blank (None, or a list holding a blank) is blank, in
Python and in the spreadsheet alike (``=IF(OR(C7="",D7=""),"",…)``); nothing is guessed.
"""
from __future__ import annotations

import ast
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .money import rounded

FUNCTIONS = {"ROUND": 2, "MIN": 2, "MAX": 2, "IF": 3, "SUM": 1, "GRADE": 1}
BLANK = "BLANK"
_BINARY = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_PRECEDENCE = {ast.Add: 1, ast.Sub: 1, ast.Mult: 2, ast.Div: 2}
_COMPARE = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "=", ast.NotEq: "<>"}

Value = Decimal | str | None
Grades = Sequence[tuple[str, Decimal]]  # (grade, min), highest min first


@dataclass(frozen=True)
class Ref:
    """How a name appears in a spreadsheet formula: its cell or range, and the test that it is
    blank (None: never blank, e.g. a profile constant written as a number)."""

    text: str
    blank: str | None = None


@dataclass(frozen=True)
class Formula:
    """One parsed expression. ``names``: the inputs it reads, in order of first use."""

    text: str
    tree: ast.expr = field(repr=False, compare=False)
    names: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> "Formula":
        try:
            tree = ast.parse(str(text).strip(), mode="eval").body
        except SyntaxError as exc:
            raise ValueError(f"公式“{text}”无法解析：{exc.msg}") from None
        names: list[str] = []
        _validate(tree, str(text), names)
        for node in ast.walk(tree):  # a number as written: 0.00 stays two places, 0.1 is exact
            if isinstance(node, ast.Constant):
                node.value = Decimal(ast.get_source_segment(str(text).strip(), node) or repr(node.value))
        return cls(str(text), tree, tuple(dict.fromkeys(names)))

    def evaluate(self, values: Mapping[str, Any], grades: Grades = ()) -> Value:
        """The value, with Decimal arithmetic; blank (None) when an input it reads is blank."""
        for name in self.names:
            value = values.get(name)
            if value is None or (isinstance(value, (list, tuple)) and any(v is None for v in value)):
                return None
        return _eval(self.tree, values, grades)

    def excel(self, ref: Callable[[str], Ref], grades: Grades = ()) -> str:
        """The spreadsheet formula (with its leading ``=``): blank when an input is blank."""
        body = _excel(self.tree, ref, grades)
        tests = [t for t in (ref(n).blank for n in self.names) if t]
        if not tests:
            return f"={body}"
        test = tests[0] if len(tests) == 1 else f"OR({','.join(tests)})"
        return f'=IF({test},"",{body})'


def _validate(node: ast.expr, text: str, names: list[str]) -> None:
    def refuse(what: str):
        raise ValueError(f"公式“{text}”中不允许{what}")

    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            refuse(f"常量{node.value!r}")
    elif isinstance(node, ast.Name):
        if node.id != BLANK and node.id not in FUNCTIONS:
            names.append(node.id)
        elif node.id in FUNCTIONS:
            refuse(f"把函数{node.id}当作数值")
    elif isinstance(node, ast.BinOp):
        if type(node.op) not in _BINARY:
            refuse(f"运算符{type(node.op).__name__}")
        _validate(node.left, text, names)
        _validate(node.right, text, names)
    elif isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, ast.USub):
            refuse(f"运算符{type(node.op).__name__}")
        _validate(node.operand, text, names)
    elif isinstance(node, ast.Call):
        fn = node.func.id if isinstance(node.func, ast.Name) else None
        if fn not in FUNCTIONS or node.keywords or len(node.args) != FUNCTIONS[fn]:
            refuse(f"调用{ast.unparse(node)}（可用：{'、'.join(f'{k}/{v}' for k, v in FUNCTIONS.items())}）")
        for i, arg in enumerate(node.args):
            if isinstance(arg, ast.Compare) and not (fn == "IF" and i == 0):
                refuse("比较，除非作为IF的条件")
            if isinstance(arg, ast.Compare):
                if len(arg.ops) != 1 or type(arg.ops[0]) not in _COMPARE:
                    refuse(f"比较{ast.unparse(arg)}")
                _validate(arg.left, text, names)
                _validate(arg.comparators[0], text, names)
            else:
                _validate(arg, text, names)
        if fn == "IF" and not isinstance(node.args[0], ast.Compare):
            refuse("IF的条件不是比较")
    else:
        refuse(type(node).__name__)


def _eval(node: ast.expr, values: Mapping[str, Any], grades: Grades) -> Any:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return None if node.id == BLANK else values[node.id]
    if isinstance(node, ast.UnaryOp):
        v = _eval(node.operand, values, grades)
        return None if v is None else -v
    if isinstance(node, ast.BinOp):
        a, b = _eval(node.left, values, grades), _eval(node.right, values, grades)
        if a is None or b is None:
            return None
        op = type(node.op)
        return a + b if op is ast.Add else a - b if op is ast.Sub else a * b if op is ast.Mult else a / b
    assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    fn, args = node.func.id, node.args
    if fn == "IF":
        cond = args[0]
        assert isinstance(cond, ast.Compare)
        a, b = _eval(cond.left, values, grades), _eval(cond.comparators[0], values, grades)
        if a is None or b is None:
            return None
        holds = {ast.Lt: a < b, ast.LtE: a <= b, ast.Gt: a > b, ast.GtE: a >= b, ast.Eq: a == b, ast.NotEq: a != b}[type(cond.ops[0])]
        return _eval(args[1] if holds else args[2], values, grades)
    vals = [_eval(a, values, grades) for a in args]
    if any(v is None for v in vals):
        return None
    if fn == "ROUND":
        return rounded(vals[0], int(vals[1]))
    if fn == "MIN":
        return min(vals)
    if fn == "MAX":
        return max(vals)
    if fn == "SUM":
        return sum(vals[0], Decimal(0))
    return next((grade for grade, low in grades if vals[0] >= low), None)  # GRADE


def _excel(node: ast.expr, ref: Callable[[str], Ref], grades: Grades) -> str:
    if isinstance(node, ast.Constant):
        return f"{node.value.normalize():f}"  # 0.00 → 0, as a spreadsheet writes it
    if isinstance(node, ast.Name):
        return '""' if node.id == BLANK else ref(node.id).text
    if isinstance(node, ast.UnaryOp):
        return f"-{_wrap(node.operand, 3, ref, grades)}"
    if isinstance(node, ast.BinOp):
        p = _PRECEDENCE[type(node.op)]
        right = p + 1 if isinstance(node.op, (ast.Sub, ast.Div)) else p  # a-(b-c), a/(b*c)
        return f"{_wrap(node.left, p, ref, grades)}{_BINARY[type(node.op)]}{_wrap(node.right, right, ref, grades)}"
    if isinstance(node, ast.Compare):
        return f"{_excel(node.left, ref, grades)}{_COMPARE[type(node.ops[0])]}{_excel(node.comparators[0], ref, grades)}"
    assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    fn = node.func.id
    if fn == "GRADE":
        x = _excel(node.args[0], ref, grades)
        text = '""'
        for grade, low in reversed(grades):
            text = f'IF({x}>={low},"{grade}",{text})'
        return text
    return f"{fn}({','.join(_excel(a, ref, grades) for a in node.args)})"


def _wrap(node: ast.expr, least: int, ref, grades) -> str:
    text = _excel(node, ref, grades)
    if isinstance(node, ast.BinOp) and _PRECEDENCE[type(node.op)] < least:
        return f"({text})"
    return text
