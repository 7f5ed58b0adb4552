"""Read the preparer's workbook (openpyxl) into ``DepartmentData``.

Only input cells are read; a formula is never trusted (openpyxl does not evaluate formulas,
and a typed total may be wrong). Every problem in the workbook is collected, each located as
``sheet!cell`` with what the cell should hold, and reported together in one ``InputError``.
What the reader checks beyond the values: required sheets present, headers and their merged
cells intact, nothing typed outside the input areas, no merge hiding an input cell, and every
formula cell replaced by a typed number agreeing with what the formula computes.
"""
from __future__ import annotations

import re
import warnings
import zipfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .. import catalogues, identities, profiles
from ..errors import InputError, Problem
from ..inputs import NEW_ROW, DepartmentData
from ..money import ZERO
from ..performance.scoring import funding_field
from .validation import problems_from
from ..workbook import cells, plan
from ..workbook.plan import (
    BUDGET_SHEET, END_MARK, FORM_TITLE, FUNDING_BLOCK, INDICATOR_BLOCK, INFO_SHEET, PRIOR_SHEET, REASONS_SHEET,
    TOTAL_LABEL, Block, CodedSheet, Field, FormSheet, FormulaRow, GridSheet, Heading, letter,
)

OPTIONAL_SHEETS = {plan.PERF_SUMMARY_SHEET, plan.GLOSSARY_SHEET, plan.CATALOGUE_SHEET, plan.GUIDE_SHEET}
TEXT_KINDS = ("text", "longtext", "suggest")  # cells for words, never for a formula
STRUCTURE_HINT = "请勿改动表头和 A 列的项目名称；可用 juesuan init 重新生成工作簿，再把数据复制过去"


class WorkbookLocator:
    """Maps a field path of DepartmentData to (file, "sheet!cell") in the workbook it came from.

    Beside the cells that hold values it knows where an input not given yet would be typed
    (``cell``): a labelled field's cell even when blank, a 编号's 内容 cell, the first free row of
    a block (path + ``(NEW_ROW,)``), so the narrative's 待补充 markers can name the cell."""

    def __init__(self, file: str):
        self.file = file
        self.cells: dict[tuple, str] = {}
        self.inputs: dict[tuple, str] = {}

    def add(self, path: tuple, where: str) -> None:
        self.cells.setdefault(tuple(path), where)

    def add_input(self, path: tuple, where: str) -> None:
        self.inputs.setdefault(tuple(path), where)

    def cell(self, path: tuple) -> str:
        """The cell of exactly ``path`` (a value's, or where it is to be typed), or ""."""
        path = tuple(path)
        return self.cells.get(path) or self.inputs.get(path, "")

    def value_cell(self, path: tuple) -> str:
        """The cell that holds (or is to hold) the value at ``path``: a coded row's amount, not its code."""
        path = tuple(path)
        return self.inputs.get(path) or self.cells.get(path, "")

    def __call__(self, loc: tuple) -> tuple[str, str]:
        loc = tuple(loc)
        for n in range(len(loc), 0, -1):
            where = self.cells.get(loc[:n])
            if where:
                return (self.file, where)
        return (self.file, "")


def setpath(raw: dict, path: tuple, value: Any) -> None:
    node = raw
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value


@dataclass
class Deferred:
    """A formula cell holding a typed number: checked once the expected value is known."""

    where: str
    typed: Decimal
    what: str  # the formula's meaning, for the message
    expected: Callable[[], Decimal | None]
    hint: str = ""


@dataclass
class Context:
    file: str
    locator: WorkbookLocator
    problems: list[Problem] = field(default_factory=list)
    structural: bool = False  # a sheet or its structure is broken: skip checks that would echo it
    deferred: list[Deferred] = field(default_factory=list)
    unit: str = "万元"
    year: int = 2024
    income_rows: list = field(default_factory=list)  # 收入决算表's 项 rows (fund income is typed there)
    model: Any = None  # the compiled disclosure, once known (for typed totals in grid sheets)

    def fund_income(self, tid: str, code: str | None) -> Decimal:
        table = identities.coded(tid)
        key = next((field for attr, field in table.inputs.values() if attr != table.attribute), None)  # in 收入决算表
        if key is None:  # a table with no looked-up input
            return ZERO
        return sum((r.values.get(key, ZERO) for r in self.income_rows if code is None or r.code == code), ZERO)

    def add(self, where: str, message: str, *, structural: bool = False) -> None:
        self.problems.append(Problem(self.file, where, message))
        self.structural = self.structural or structural


def _blank(raw) -> bool:
    return cells.is_blank(raw)


class Sheet:
    """A worksheet read once (openpyxl read-only, fast): values with their types, cached formula
    results, and merged ranges (which read-only mode does not parse, so they come from the XML)."""

    def __init__(self, title: str, values: dict, types: dict, cached: "CachedValues", merges: list[tuple[int, int, int, int]]):
        self.title = title
        self.values, self.types, self.merges = values, types, merges
        self._cached = cached
        self.max_row = max((r for r, _ in values), default=0)

    def cached(self, r: int, c: int):
        """The result a spreadsheet app saved for a formula cell (None when never calculated)."""
        return self._cached.value(self.title, r, c)


class CachedValues:
    """Saved formula results, loaded only when an input cell holds a formula (rare; a second pass)."""

    def __init__(self, path: Path):
        self.path = path
        self.sheets: dict[str, dict] | None = None

    def value(self, title: str, r: int, c: int):
        if self.sheets is None:
            import openpyxl

            from ..guard import reading

            with reading(self.path, "工作簿"), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                wv = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
                for ws in wv.worksheets:
                    ws.reset_dimensions()
                self.sheets = {ws.title: {(cell.row, cell.column): cell.value for row in ws.iter_rows() for cell in row
                                          if cell.value is not None} for ws in wv.worksheets}
                wv.close()
        return self.sheets.get(title, {}).get((r, c))


class SheetReader:
    """One worksheet: its formula view, its cached-value view, and the cells accounted for."""

    def __init__(self, ctx: Context, sheet: Sheet):
        self.ctx, self.sheet = ctx, sheet
        self.name = sheet.title
        self.claimed: set[tuple[int, int]] = set()
        self.inputs: set[tuple[int, int]] = set()
        self.expected_merges: list[tuple[int, int, int, int]] = []
        self.last_block_end = 1

    def where(self, r: int, c: int) -> str:
        return f"{self.name}!{letter(c - 1)}{r}"

    def raw(self, r: int, c: int):
        return self.sheet.values.get((r, c))

    def text_at(self, r: int, c: int) -> str:
        v = self.raw(r, c)
        return "" if v is None else str(v).strip()

    def is_formula(self, r: int, c: int) -> bool:
        return self.sheet.types.get((r, c)) == "f"

    def claim(self, r: int, c1: int, c2: int | None = None) -> None:
        for c in range(c1, (c2 or c1) + 1):
            self.claimed.add((r, c))

    def problem(self, r: int, c: int, message: str, *, structural: bool = False) -> None:
        self.ctx.add(self.where(r, c), message, structural=structural)

    def find(self, text: str, start: int = 1, col: int = 1, limit: int | None = None) -> int | None:
        last = self.sheet.max_row if limit is None else min(self.sheet.max_row, start + limit)
        for r in range(start, last + 1):
            if self.text_at(r, col) == text:
                return r
        return None

    def typed(self, r: int, c: int, text: bool = False):
        """What the preparer put in an input cell: a formula there counts by its cached result.

        ``text``: a cell for words (an indicator's value), where "=2期" or "=100%" is text the
        preparer meant literally, not a formula (Excel turns "=100%" into 1)."""
        self.inputs.add((r, c))
        self.claim(r, c)
        if self.is_formula(r, c):
            cached = self.sheet.cached(r, c)
            written = str(self.raw(r, c) or "")
            # "=2期", "=100%": words that begin with "=", no reference or function in them
            if re.fullmatch(r'=[^A-Za-z"(]*', written) and (text or re.search(r"[\u4e00-\u9fff]", written)):
                self.problem(r, c, f"“{written}”以等号开头，Excel 和 WPS 会把它当作公式：要填写文字，请在等号前加一个英文单引号，即 '{written}")
                return None
            if cached is None:
                self.problem(r, c, "请直接填写数值，不要填写公式（本工作簿未经 Excel 或 WPS 计算保存，读不到公式的结果）")
                return None
            return cached
        return self.raw(r, c)

    def value(self, r: int, c: int, kind: str, choices: list[str] | None = None, values: list | None = None):
        """Parse an input cell; None when blank or wrong (the problem is recorded)."""
        raw = self.typed(r, c, text=kind in TEXT_KINDS)
        if _blank(raw):
            return None
        try:
            if kind in ("money", "optmoney"):
                return cells.money(raw, self.ctx.unit)
            if kind in ("fine", "optfine"):
                return cells.fine(raw)
            if kind in ("count", "optcount"):
                return cells.count(raw)
            if kind == "year":
                return cells.year(raw)
            if kind in ("code", "anycode", "ecode"):
                return cells.code(raw)
            if kind == "choice":
                text = cells.text(raw).strip()
                if choices and text not in choices:
                    raise cells.CellError(f"应为{'、'.join(choices)}之一，填写的是“{text}”")
                return values[choices.index(text)] if values else text
            if kind == "key":
                return cells.text(raw).strip()
            return cells.text(raw)
        except cells.CellError as exc:
            self.problem(r, c, str(exc))
            return None

    def formula_cell(self, r: int, c: int, what: str, expected: Callable[[], Decimal | None], hint: str = "") -> None:
        """A cell that should hold a formula: a typed number is checked against the formula's value."""
        self.claim(r, c)
        if self.is_formula(r, c):
            return
        raw = self.raw(r, c)
        if _blank(raw):
            return
        try:
            typed = cells.to_decimal(raw)
        except (cells.NotANumber, TypeError):
            self.problem(r, c, f"此格应为公式（{what}），不要填写内容：填写的是“{cells.shown(raw)}”")
            return
        self.ctx.deferred.append(Deferred(self.where(r, c), typed, what, expected, hint))

    def expect_text(self, r: int, c: int, text: str) -> None:
        self.claim(r, c)
        if text and self.text_at(r, c).replace("\n", "") != text.replace("\n", ""):
            found = self.text_at(r, c)
            self.problem(r, c, f"表格结构被改动：此格应为“{text}”，现为“{found}”。{STRUCTURE_HINT}", structural=True)

    def expect_merge(self, r1: int, c1: int, r2: int, c2: int) -> None:
        self.expected_merges.append((r1, c1, r2, c2))

    def finish(self) -> None:
        """Merges broken or hiding inputs, and anything typed where nothing is read."""
        merges = set(self.sheet.merges)
        for r1, c1, r2, c2 in self.expected_merges:
            if (r1, c1, r2, c2) not in merges:
                span = f"{letter(c1 - 1)}{r1}:{letter(c2 - 1)}{r2}"
                self.problem(r1, c1, f"合并单元格{span}被拆分或改动（表头应保持原样）。{STRUCTURE_HINT}", structural=True)
        expected = set(self.expected_merges)
        for r1, c1, r2, c2 in sorted(merges):
            if (r1, c1, r2, c2) in expected:
                continue
            hidden = [(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1) if (r, c) != (r1, c1) and (r, c) in self.inputs]
            if hidden:
                span = f"{letter(c1 - 1)}{r1}:{letter(c2 - 1)}{r2}"
                cellnames = "、".join(f"{letter(c - 1)}{r}" for r, c in hidden[:5])
                self.problem(r1, c1, f"合并单元格{span}盖住了填报单元格{cellnames}，其中的数会丢失：请取消合并，并核对这些单元格的数")
        by_row: dict[int, list[int]] = defaultdict(list)
        for (r, c), value in sorted(self.sheet.values.items()):
            if not _blank(value) and (r, c) not in self.claimed:
                by_row[r].append(c)
        for r, cols in sorted(by_row.items()):
            names = "、".join(f"{letter(c - 1)}{r}" for c in cols[:6]) + ("等" if len(cols) > 6 else "")
            self.problem(r, cols[0], f"{names}在填报区以外，内容不会被读取：请把它移到表格内的填报行（▲标记行以上），或删除")


# ------------------------------------------------------------------------------ coded sheets


@dataclass
class LeafRow:
    code: str
    name: str | None
    row: int
    values: dict[str, Decimal]  # input column key -> amount (absent when blank)
    cells: dict[str, str]  # column key / "code" / "name" -> sheet!cell


def read_coded(sr: SheetReader, sheet: CodedSheet, leaves_by_sheet: dict[str, list[LeafRow]]) -> None:
    tid = sheet.table_id
    total_row = sr.find(TOTAL_LABEL, 1, 1, 40)
    if total_row is None or total_row <= len(sheet.header):
        sr.ctx.add(f"{sr.name}!A1", f"找不到“合计”行：表头或合计行被删除或改动了。{STRUCTURE_HINT}", structural=True)
        return
    top = total_row - len(sheet.header)
    for r in range(1, top):
        sr.claim(r, 1, sheet.ncols)
    for hr, hc, text, cols, rows in plan.header_cells(sheet.header):
        sr.expect_text(top + hr, hc + 1, text)
        for dr in range(rows):
            sr.claim(top + hr + dr, hc + 1, hc + cols)
        if cols > 1 or rows > 1:
            sr.expect_merge(top + hr, hc + 1, top + hr + rows - 1, hc + cols)
    sr.claim(total_row, 1, 2)
    sr.expect_merge(total_row, 1, total_row, 2)
    end = sr.find(END_MARK, total_row + 1)
    if end is None:
        sr.problem(total_row, 1, f"找不到填报区结束标记行（“{END_MARK[:10]}…”）：请勿删除该行。{STRUCTURE_HINT}", structural=True)
        end = sr.sheet.max_row + 1
    else:
        sr.claim(end, 1, sheet.ncols)
        r = end + 1
        for text in (sheet.note, plan.CODED_HINTS[tid]):
            if text and sr.text_at(r, 1) == text:
                sr.claim(r, 1, sheet.ncols)
                r += 1
    rows: list[LeafRow] = []
    seen: dict[str, int] = {}
    subtotals: list[tuple[int, str]] = []
    from ..compile import unknown_functional_code

    functional = catalogues.load("functional", sr.ctx.year)
    for r in range(total_row + 1, end):
        sr.claim(r, 1, sheet.ncols)
        code_raw = sr.typed(r, 1)
        name_raw = sr.typed(r, 2)
        code = None
        if not _blank(code_raw):
            try:
                code = cells.code(code_raw)
            except cells.CellError as exc:
                sr.problem(r, 1, str(exc))
                continue
        unknown = unknown_functional_code(functional, code) if code is not None else None
        if code is not None and len(code) in identities.rollup_levels():
            if unknown:  # its sums would be checked against nothing: the code is what to fix
                sr.problem(r, 1, f"{unknown}；类、款行由公式汇总，金额只填在项级（7位）科目行")
            else:
                subtotals.append((r, code))  # a 类/款 row: formulas, checked below
            continue
        inputs = [(i, col) for i, col in enumerate(sheet.columns) if col.field is not None]
        typed_inputs = {col.key: sr.typed(r, 3 + i) for i, col in inputs}
        if code is None and _blank(name_raw) and all(_blank(v) for v in typed_inputs.values()):
            _formula_columns(sr, sheet, r, None)
            continue
        if code is None:
            sr.problem(r, 1, "这一行有内容但没有科目编码：请填写7位项级科目编码，或清除这一行")
            continue
        if len(code) != 7:
            sr.problem(r, 1, f"科目编码“{code}”应为7位项级科目编码（类3位、款5位的行由公式汇总）")
            continue
        if code in seen:
            sr.problem(r, 1, f"科目编码“{code}”在本表中重复（第{seen[code]}行已有）：同一科目只填一行")
            continue
        if unknown:  # said here, for each sheet it is typed in (not once for the merged 项)
            sr.problem(r, 1, unknown)
            continue
        seen[code] = r
        values: dict[str, Decimal] = {}
        where = {"code": sr.where(r, 1), "name": sr.where(r, 2)}
        for i, col in inputs:
            where[col.key] = sr.where(r, 3 + i)
            v = sr.value(r, 3 + i, "money")
            if v is not None:
                values[col.key] = v
        name = None if _blank(name_raw) else cells.text(name_raw).strip()
        row = LeafRow(code, name, r, values, where)
        rows.append(row)
        _formula_columns(sr, sheet, r, row)
    # Where each printed cell of the table is in this sheet (findings on the table name it).
    for r, key in [*((row.row, row.code) for row in rows), *subtotals, (total_row, "total")]:
        for i, col in enumerate(sheet.columns):
            sr.ctx.locator.add_input(("table", tid, key, col.key), sr.where(r, 3 + i))
    # 类/款 rows and 合计: formulas; a typed number must equal the sum it replaces.
    for r, code in subtotals:
        level = "类" if len(code) == 3 else "款"
        for i, col in enumerate(sheet.columns):
            sr.formula_cell(
                r, 3 + i, f"{level}“{code}”的{col.title} = 其下项级科目之和",
                _sheet_sum(sr.ctx, tid, rows, code, col.key),
                "类、款行由公式汇总：只在项级（7位）科目行填写金额",
            )
    for i, col in enumerate(sheet.columns):
        sr.formula_cell(total_row, 3 + i, f"合计的{col.title} = 全部项级科目之和", _sheet_sum(sr.ctx, tid, rows, "", col.key))
    leaves_by_sheet[tid] = rows


def _leaf_columns(tid: str, values: dict[str, Decimal], income: Decimal = ZERO) -> dict[str, Decimal]:
    """Every column of a coded sheet's 项 row, computed from its inputs by the identities (as the
    formulas do); ``income``: a fund 项's income, typed in 收入决算表 (the looked-up input)."""
    table = identities.coded(tid)
    return table.complete({**values, **{col: income for col in _looked_up(tid)}})


def _looked_up(tid: str) -> list[str]:
    """Input columns typed in another sheet (a fund 项's 本年收入, typed in 收入决算表)."""
    table = identities.coded(tid)
    return [col for col, (attr, _) in table.inputs.items() if attr != table.attribute]


def _sheet_sum(ctx: Context, tid: str, rows: list[LeafRow], prefix: str, key: str) -> Callable[[], Decimal]:
    def compute() -> Decimal:
        if not prefix and _looked_up(tid):
            # 合计 takes the income of every 项 in 收入决算表, listed in this sheet or not.
            table = identities.coded(tid)
            sums = {col: sum((r.values.get(col, ZERO) for r in rows), ZERO) for col in table.inputs}
            sums.update({col: ctx.fund_income(tid, None) for col in _looked_up(tid)})
            return table.complete(sums)[key]
        total = ZERO
        for row in rows:
            if row.code.startswith(prefix):
                total += _leaf_columns(tid, row.values, ctx.fund_income(tid, row.code))[key]
        return total
    return compute


def _formula_columns(sr: SheetReader, sheet: CodedSheet, r: int, row: LeafRow | None) -> None:
    for i, col in enumerate(sheet.columns):
        if col.field is not None:
            continue
        if row is None:
            sr.claim(r, 3 + i)
            if not sr.is_formula(r, 3 + i) and not _blank(sr.raw(r, 3 + i)):
                try:
                    typed = cells.to_decimal(sr.raw(r, 3 + i))
                except (cells.NotANumber, TypeError):
                    typed = None
                if typed is None or typed != 0:
                    sr.problem(r, 3 + i, "这一行没有科目编码，此格（公式）不应填写内容")
            continue
        tid = sheet.table_id
        sr.formula_cell(
            r, 3 + i, f"“{row.code}”的{col.title}",
            (lambda row=row, key=col.key: _leaf_columns(tid, row.values, sr.ctx.fund_income(tid, row.code))[key]),
        )


def merge_leaves(ctx: Context, leaves_by_sheet: dict[str, list[LeafRow]], year: int) -> list[dict]:
    """One FunctionalLeaf per code across the coded sheets, sorted by code."""
    functional = catalogues.load("functional", year)
    merged: dict[str, dict] = {}
    for tid in plan.CODED_TABLES:
        for row in leaves_by_sheet.get(tid, []):
            entry = merged.setdefault(row.code, {"code": row.code, "name": None, "name_at": None, "code_at": row.cells["code"],
                                                 "values": {}, "cells": {}, "rows": {}})
            if row.name:
                if entry["name"] is None:
                    entry["name"], entry["name_at"] = row.name, row.cells["name"]
                elif catalogues.normalise_name(entry["name"]) != catalogues.normalise_name(row.name):
                    ctx.add(row.cells["name"], f"科目“{row.code}”的名称“{row.name}”与{entry['name_at']}的“{entry['name']}”不一致：同一科目在各表中名称须相同")
            entry["rows"][tid] = row
            for key, col in ((c.key, c) for c in plan.CODED_COLUMNS[tid] if c.field is not None):
                entry["cells"][col.field] = row.cells[key]
                if key in row.values:
                    entry["values"][col.field] = row.values[key]
    out = []
    for code in sorted(merged):
        e = merged[code]
        name = e["name"] or functional.name(code)
        if name is None:
            ctx.add(e["code_at"], f"请填写科目“{code}”的科目名称（科目目录中没有这个编码，无法自动填写）")
            name = ""
        leaf: dict[str, Any] = {"code": code, "name": name}
        for (group, key), v in e["values"].items():
            leaf.setdefault(group, {})[key] = v
        leaf["_where"] = e
        out.append(leaf)
    return out


def register_leaves(locator: WorkbookLocator, leaves: list[dict]) -> None:
    # The cell a problem about a whole group of a 项 points to: its first input in that sheet.
    first_sheet_cell = {"income": "fiscal_general", "expenditure": "basic", "general_budget": "basic", "fund": "begin", "capital": "begin"}
    for i, leaf in enumerate(leaves):
        e = leaf.pop("_where")
        locator.add(("functional", i, "code"), e["code_at"])
        locator.add(("functional", i, "name"), e["name_at"] or e["code_at"])
        for (group, key), where in e["cells"].items():
            locator.add(("functional", i, group, key), where)
        groups = {"income": "income", "expenditure": "expenditure", "general_budget": "general_budget",
                  "government_fund": "fund", "state_capital": "capital"}
        for group, tid in groups.items():
            row = e["rows"].get(tid)
            if row is not None:
                key = first_sheet_cell[tid]
                locator.add(("functional", i, group), row.cells.get(key) or row.cells["code"])
        locator.add(("functional", i), e["code_at"])


# ------------------------------------------------------------------------------ grid sheets


def read_grid(sr: SheetReader, sheet: GridSheet, raw: dict, extra_economic: list) -> None:
    title_row = sr.find(sheet.layout.title, 1, 1, 10)
    if title_row is None:
        sr.ctx.add(f"{sr.name}!A1", f"找不到表格标题“{sheet.layout.title}”：表格结构被改动。{STRUCTURE_HINT}", structural=True)
        return
    off = title_row  # plan row 0 is the title row
    for p in sheet.places:
        r, c = p.row + off, p.col + 1
        for dr in range(p.rows):
            sr.claim(r + dr, c, c + p.cols - 1)
        if p.cols > 1 or p.rows > 1:
            sr.expect_merge(r, c, r + p.rows - 1, c + p.cols - 1)
        if p.kind in ("header", "label", "code", "na", "number", "title"):
            sr.expect_text(r, c, p.text)
        elif p.kind == "input":
            v = sr.value(r, c, p.vkind)
            sr.ctx.locator.add(p.field, sr.where(r, c))
            if v is not None:
                setpath(raw, p.field, v)
        elif p.kind == "formula":
            sr.formula_cell(r, c, f"{_ref_label(sheet, p.ref, sr.ctx.year)}由公式计算", _model_value(sr.ctx, sheet.table_id, p.ref))
        if p.ref is not None and p.kind in ("input", "formula"):  # the printed cell this one is
            sr.ctx.locator.add_input(("table", sheet.table_id, *p.ref), sr.where(r, c))
    r = sheet.end_row + off
    if sheet.economic_extra is not None:
        widths = _grid_widths(sheet)
        for row in read_block(sr, sheet.economic_extra, r, widths):
            if row.get("code") is None or row.get("amount") is None:
                if row.get("code") is None and row.get("amount") is not None:
                    sr.ctx.add(row["_cells"]["amount"], "这一行有金额但没有经济分类科目编码")
                continue
            extra_economic.append(row)
        r = sr.last_block_end
    form = FormSheet(sr.name, "", [*sheet.extra, *plan.facts_items(sheet.table_id)], _grid_widths(sheet),
                     value_col=plan.form_value_col(_grid_widths(sheet)))
    read_items(sr, form, form.items, raw, r)


def _grid_widths(sheet: GridSheet) -> list[float]:
    return plan.grid_column_widths(sheet)


def _ref_label(sheet: GridSheet, ref, year: int) -> str:
    """A grid value's meaning in words: its row, and its column when the table has several."""
    from ..tables import (FISCAL_EXPENDITURE_ROWS, FISCAL_INCOME_ROWS, KINDS, STATISTICS_ROWS, SUMMARY_EXPENDITURE_ROWS,
                          SUMMARY_INCOME_ROWS, THREE_PUBLIC_ROWS)

    row, col = ref
    tid = sheet.table_id
    names = {**SUMMARY_INCOME_ROWS, **SUMMARY_EXPENDITURE_ROWS} if tid == "summary" else \
        {**FISCAL_INCOME_ROWS, **FISCAL_EXPENDITURE_ROWS} if tid == "fiscal_summary" else \
        {**STATISTICS_ROWS, **THREE_PUBLIC_ROWS, "personnel_total": "人员经费合计", "public_total": "公用经费合计"}
    if row in names:
        label = names[row]
    else:
        code = row[3:] if row.startswith("ex.") else row
        kind = "economic" if tid == "general_basic" else "functional"
        label = catalogues.load(kind, year).name(code) or row
    columns = KINDS[tid].columns
    if col != "amount" and len(columns) > 1:
        label += "·" + columns.get(col, col)
    return label


def _model_value(ctx: Context, table_id: str, ref) -> Callable[[], Decimal | None]:
    def value() -> Decimal | None:
        if ctx.model is None:
            return None
        v = ctx.model.value(f"{table_id}:{ref[0]}:{ref[1]}")
        return ZERO if v is None else v
    return value


# ------------------------------------------------------------------------------ form sheets


def read_items(sr: SheetReader, sheet: FormSheet, items, raw: dict, start: int = 2, *, path_of=None, required: bool = True) -> None:
    """Labelled fields and blocks, each found by its label in column A at or after ``start``."""
    width = len(sheet.widths)
    vc = sheet.value_col + 1
    span = min(sheet.value_span, width - sheet.value_col)
    r = start
    path_of = path_of or (lambda p: p)
    for item in items:
        if isinstance(item, (Heading, FormulaRow)):  # a row of its own, nothing to read
            found = sr.find(item.text if isinstance(item, Heading) else item.label, r)
            if found is not None:
                sr.claim(found, 1, width)
                for col, key in getattr(item, "fields", {}).items():  # computed cells: where a finding on them points
                    sr.ctx.locator.add(path_of(("performance", key)), sr.where(found, col))
                r = found + 1
            continue
        if isinstance(item, Field):
            found = sr.find(item.label, r)
            if found is None:
                found = sr.find(item.label, 1)
            if found is None:
                sr.ctx.add(f"{sr.name}!A{r}", f"找不到“{item.label}”这一行（A列的项目名称被删除或改动）。{STRUCTURE_HINT}", structural=True)
                continue
            sr.claim(found, 1, vc + span - 1)
            path = path_of(item.path)
            sr.ctx.locator.add(path, sr.where(found, vc))
            sr.ctx.locator.add_input(("label", sr.name, item.label), sr.where(found, vc))
            if item.locked:
                v = sr.text_at(found, vc) or None
            else:
                v = sr.value(found, vc, item.kind, item.choices, item.values)
            if v is None and item.required and required:
                sr.problem(found, vc, f"请填写{item.label}（必填）")
            if v is not None:
                setpath(raw, path, v)
            r = found + 1
            continue
        if isinstance(item, Block):
            rows = read_block(sr, item, r, sheet.widths)
            raw.setdefault("_blocks", {})[item.title] = rows
            r = sr.last_block_end


def read_block(sr: SheetReader, block: Block, start: int, widths: list[float]) -> list[dict]:
    """Rows of a block, blank rows skipped; each row dict has ``_cells`` (key -> sheet!cell) and ``_row``."""
    positions = []
    c = 1
    for col in block.columns:
        positions.append(c)
        c += col.span
    ncols = c - 1
    title = sr.find(block.title, start)
    if title is None:
        title = sr.find(block.title, 1)
    sr.last_block_end = start
    if title is None and block.optional:
        return []
    if title is None:
        sr.ctx.add(f"{sr.name}!A{start}", f"找不到“{block.title}”部分（标题行被删除或改动）。{STRUCTURE_HINT}", structural=True)
        return []
    sr.claim(title, 1, max(ncols, 2))
    for col, pos in zip(block.columns, positions):
        sr.expect_text(title + 1, pos, col.header)
        sr.claim(title + 1, pos, pos + col.span - 1)
    end = sr.find(END_MARK, title + 2)
    if end is None:
        sr.problem(title, 1, f"“{block.title}”部分找不到填报区结束标记行（“{END_MARK[:10]}…”）：请勿删除该行。{STRUCTURE_HINT}", structural=True)
        end = sr.sheet.max_row + 1
    else:
        sr.claim(end, 1, max(ncols, 2))
    sr.last_block_end = end + 1
    out = []
    free = None  # the first row with nothing typed: where a new item goes
    for r in range(title + 2, end):
        sr.claim(r, 1, ncols)
        row: dict[str, Any] = {"_cells": {}, "_row": r}
        if free is None and all(_blank(sr.raw(r, pos)) for col, pos in zip(block.columns, positions)
                                if col.key is not None and col.kind not in ("rowno", "label", "lookup", "formula")):
            free = r
            sr.ctx.locator.add_input(tuple(block.path) + (NEW_ROW,), sr.where(r, 1))
        any_value = False
        for col, pos in zip(block.columns, positions):
            if col.kind == "formula" and col.key is not None:
                row.setdefault("_formulas", {})[col.key] = sr.where(r, pos)
                row.setdefault("_formula_at", {})[col.key] = (r, pos, col.header)
            if col.kind in ("rowno", "label", "lookup", "formula") or col.key is None:
                continue
            row["_cells"][col.key] = sr.where(r, pos)
            raw = sr.typed(r, pos, text=col.kind in TEXT_KINDS)
            if _blank(raw):
                continue
            any_value = True
            v = sr.value(r, pos, col.kind, col.choices if col.kind == "choice" else None)
            if v is not None:
                row[col.key] = v
        if any_value:
            for col in block.columns:
                # Text that a model keeps as "" when absent (an indicator without a note, say).
                if col.key and col.kind in ("text", "longtext", "suggest") and col.key not in row:
                    row[col.key] = ""
            out.append(row)
    return out


# ------------------------------------------------------------------------------ the workbook


def _open(path: Path) -> dict[str, Sheet]:
    """Every sheet of the workbook, in order, read once in openpyxl's fast read-only mode."""
    import openpyxl

    from ..guard import check_package, check_sheets, reading

    if not path.exists():
        raise InputError.single(str(path), "", "文件不存在")
    with check_package(path, "工作簿") as z:
        check_sheets(path, z)
    with reading(path, "工作簿"), warnings.catch_warnings():
        # Data validation extensions and the like: irrelevant to the values read.
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
        merges = _merged_ranges(path)
        cached = CachedValues(path)
        sheets: dict[str, Sheet] = {}
        for ws in wb.worksheets:
            values, types = {}, {}
            ws.reset_dimensions()  # some apps save a wrong <dimension>: read every row there is
            for row in ws.iter_rows():
                for cell in row:
                    if cell.value is not None:
                        values[(cell.row, cell.column)] = cell.value
                        types[(cell.row, cell.column)] = cell.data_type
            sheets[ws.title] = Sheet(ws.title, values, types, cached, merges.get(ws.title, []))
        wb.close()
    return sheets


_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def _merged_ranges(path: Path) -> dict[str, list[tuple[int, int, int, int]]]:
    """Merged ranges per sheet name, straight from the package (read-only mode skips them)."""
    from xml.etree import ElementTree

    from openpyxl.utils.cell import range_boundaries

    out: dict[str, list[tuple[int, int, int, int]]] = {}
    with zipfile.ZipFile(path) as z:
        book = ElementTree.fromstring(z.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", _NS)}
        for sheet in book.findall("m:sheets/m:sheet", _NS):
            target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
            name = target.lstrip("/") if target.startswith("/") else "xl/" + target
            try:
                xml = z.read(name)
            except KeyError:
                continue
            ranges = []
            for ref in _MERGE.findall(xml):
                c1, r1, c2, r2 = range_boundaries(ref.decode())
                ranges.append((r1, c1, r2, c2))
            out[sheet.get("name")] = ranges
    return out


def profile_of_sheets(sheets) -> str | None:
    """The built-in final-accounts profile whose table sheets a workbook holds (the one with the most
    sheets, where one's are a part of another's); None when none or two alike fit."""
    fits: list[tuple[int, str]] = []
    for pid in profiles.available():
        prof = profiles.load(pid)
        if prof.family != "final":
            continue
        names = {plan.table_sheet_name(prof, t) for t in plan.table_order(prof)}
        if names and names <= set(sheets):
            fits.append((len(names), pid))
    fits.sort(reverse=True)
    if not fits or len(fits) > 1 and fits[0][0] == fits[1][0]:
        return None
    return fits[0][1]


def read_workbook(path: Path, sheets: dict[str, Sheet] | None = None) -> tuple[DepartmentData, WorkbookLocator]:
    """The final accounts' workbook; ``sheets``: its sheets when already opened."""
    path = Path(path)
    sheets = sheets if sheets is not None else _open(path)
    ctx = Context(str(path), WorkbookLocator(str(path)))
    raw: dict[str, Any] = {}

    def sheet(name: str, required: bool = True) -> SheetReader | None:
        if name not in sheets:
            if required:
                ctx.add(name, f"缺少工作表“{name}”：请勿删除工作表。可用 juesuan init 重新生成工作簿，把这张表复制回来", structural=True)
            return None
        return SheetReader(ctx, sheets[name])

    readers: list[SheetReader] = []
    info = sheet(INFO_SHEET)
    if info is None:
        raise InputError(ctx.problems)
    info_plan = plan.info_sheet()
    info.claim(1, 1, len(info_plan.widths))
    read_items(info, info_plan, info_plan.items, raw)
    readers.append(info)
    blocks = raw.pop("_blocks", {})
    overview = {"duties": [], "organisation": [], "units": []}
    for key, title in (("duties", "二、部门职责"), ("organisation", "三、机构设置情况")):
        for row in blocks.get(title, []):
            if row.get("text"):
                ctx.locator.add(("overview", key, len(overview[key])), row["_cells"]["text"])
                overview[key].append(row["text"])
    for i, row in enumerate(blocks.get("四、部门决算单位构成", []), start=1):
        if not row.get("name"):
            ctx.add(row["_cells"]["name"], "请填写单位名称")
            continue
        ctx.locator.add(("overview", "units", len(overview["units"])), row["_cells"]["name"])
        overview["units"].append({"no": row.get("no", i), "name": row["name"], "remark": row.get("remark")})
    raw["overview"] = overview
    meta = raw.setdefault("meta", {})
    if not meta.get("input_unit"):
        meta["input_unit"] = "万元"  # a workbook from before the setting: amounts in 万元
    ctx.unit = meta["input_unit"]
    if not meta.get("profile"):  # a workbook whose 公开模板 is blank: the profile whose table sheets it has
        meta["profile"] = profile_of_sheets(sheets)
    if not meta.get("profile"):
        ctx.add(ctx.locator(("meta", "profile"))[1], "未写明公开模板，也无法由工作表判断：请用 juesuan init --profile 重新生成工作簿"
                f"（内置模板：{'、'.join(profiles.available())}）", structural=True)
        raise InputError(ctx.problems) from None
    try:
        profile = profiles.load(meta["profile"])
    except InputError:
        ctx.add(ctx.locator(("meta", "profile"))[1], f"未知的公开模板“{meta.get('profile')}”；内置模板：{'、'.join(profiles.available())}", structural=True)
        raise InputError(ctx.problems) from None
    year = meta.get("year") if isinstance(meta.get("year"), int) else 2024
    ctx.year = year

    leaves_by_sheet: dict[str, list[LeafRow]] = {}
    extra_economic: list[dict] = []
    for table_id in plan.table_order(profile):
        name = plan.table_sheet_name(profile, table_id)
        sr = sheet(name)
        if sr is None:
            continue
        readers.append(sr)
        if table_id in plan.CODED_TABLES:
            read_coded(sr, plan.coded_sheet(profile, table_id), leaves_by_sheet)
            if table_id == "income":
                ctx.income_rows = leaves_by_sheet.get("income", [])
        else:
            grid = plan.grid_sheet(profile, plan.layout_for(profile, table_id), name, year)
            read_grid(sr, grid, raw, extra_economic)
    leaves = merge_leaves(ctx, leaves_by_sheet, year)
    register_leaves(ctx.locator, leaves)
    raw["functional"] = leaves
    for row in extra_economic:
        code = row["code"]
        if code in raw.get("general_basic", {}):
            ctx.add(row["_cells"]["code"], f"经济分类科目“{code}”在表中已有，不要重复填写")
            continue
        setpath(raw, ("general_basic", code), row["amount"])
        ctx.locator.add(("general_basic", code), row["_cells"]["code"])

    _read_narrative_sheets(ctx, sheet, raw, readers)
    raw["performance"] = _read_forms(ctx, sheets, readers, year, profile)
    for sr in readers:
        sr.finish()
    data = _validate(ctx, raw)
    _check_compiled(ctx, data, profile)
    if ctx.problems:
        raise InputError(ctx.problems)
    return data, ctx.locator


def _code_rows(ctx: Context, rows: list[dict], path: tuple, what: str) -> dict:
    out: dict[str, Decimal] = {}
    for row in rows:
        code, amount = row.get("code"), row.get("amount")
        if code is None:
            if amount is not None:
                ctx.add(row["_cells"]["code"], f"这一行有{what}但没有科目编码")
            continue
        if len(code) not in (3, 5, 7):
            ctx.add(row["_cells"]["code"], f"科目编码“{code}”应为类（3位）、款（5位）或项（7位）编码")
            continue
        if code in out:
            ctx.add(row["_cells"]["code"], f"科目编码“{code}”重复：同一科目只填一行")
            continue
        ctx.locator.add_input(path + (code,), row["_cells"]["amount"])
        if amount is None:
            continue
        out[code] = amount
        ctx.locator.add(path + (code,), row["_cells"]["code"])
    return out


def _read_narrative_sheets(ctx: Context, sheet, raw: dict, readers: list[SheetReader]) -> None:
    narrative = raw.setdefault("narrative", {})
    def opened(name: str, required: bool = True) -> SheetReader | None:
        sr = sheet(name, required)
        if sr is not None:
            readers.append(sr)
            sr.claim(1, 1, 3)  # the title
        return sr

    sr = opened(PRIOR_SHEET)
    if sr is not None:
        p = plan.prior_sheet()
        read_items(sr, p, p.items, raw)
        rows = raw.pop("_blocks", {}).get(p.items[-1].title, [])
        prior = narrative.setdefault("prior_year", {})
        prior["general_budget_by_code"] = _code_rows(ctx, rows, ("narrative", "prior_year", "general_budget_by_code"), "上年决算数")
    sr = opened(BUDGET_SHEET)
    if sr is not None:
        p = plan.budget_sheet()
        read_items(sr, p, p.items, raw)
        blocks = raw.pop("_blocks", {})
        narrative["budget"] = _code_rows(ctx, blocks.get("年初预算数", []), ("narrative", "budget"), "年初预算数")
        for title, path in plan.OTHER_FUND_BUDGETS.items():
            if blocks.get(title):
                narrative[path[-1]] = _code_rows(ctx, blocks[title], path, title)
    sr = opened(REASONS_SHEET)
    if sr is not None:
        p = plan.reasons_sheet()
        read_items(sr, p, p.items, raw)
        reasons: dict[str, str] = {}
        for row in raw.pop("_blocks", {}).get("原因和用途", []):
            key, text = row.get("key"), (row.get("text") or "").strip()
            if not key:
                if text:
                    ctx.add(row["_cells"]["key"], "这一行有内容但没有编号：请在A列填写编号（格式同上面各行）")
                continue
            if key in reasons:
                ctx.add(row["_cells"]["key"], f"编号“{key}”重复：同一编号只填一行")
                continue
            ctx.locator.add_input(("narrative", "reasons", key), row["_cells"]["text"])
            if text:
                reasons[key] = row["text"]
                ctx.locator.add(("narrative", "reasons", key), row["_cells"]["text"])
        narrative["reasons"] = reasons
    sr = opened(plan.PERF_SUMMARY_SHEET, required=False)
    if sr is not None:
        p = plan.performance_summary_sheet()
        read_items(sr, p, p.items, raw)
        blocks = raw.pop("_blocks", {})
        summary = narrative.get("performance", {})
        grades = {row["grade"]: row["count"] for row in blocks.get("自评等级分布", []) if row.get("grade") and row.get("count") is not None}
        systems = [row["text"] for row in blocks.get("预算绩效管理制度", []) if row.get("text")]
        if grades:
            summary["grades"] = grades
        if systems:
            summary["systems"] = systems
        narrative["performance"] = summary or None
    sr = opened(plan.GLOSSARY_SHEET, required=False)
    if sr is not None:
        p = plan.glossary_sheet()
        read_items(sr, p, p.items, raw)
        entries = []
        for row in raw.pop("_blocks", {}).get("名词解释", []):
            if not row.get("term") or not row.get("text"):
                ctx.add(row["_cells"]["term" if not row.get("term") else "text"], "名词和解释都要填写")
                continue
            ctx.locator.add(("glossary", len(entries)), row["_cells"]["text"])
            entries.append({"term": row["term"], "text": row["text"]})
        raw["glossary"] = entries or None


def _read_forms(ctx: Context, sheets: dict[str, Sheet], readers: list[SheetReader], year: int, profile) -> list[dict]:
    forms = []
    for name, sheet in sheets.items():
        if str(sheet.values.get((1, 1)) or "").strip() != FORM_TITLE:
            continue
        sr = SheetReader(ctx, sheet)
        readers.append(sr)
        sr.claim(1, 1, 10)
        sr.claim(2, 1, 10)  # （年度）, a formula over 单位信息's 年度
        p = plan.form_sheet(name, year, profile)
        form_raw: dict[str, Any] = {}
        index = len(forms)
        read_items(sr, p, p.items, form_raw, 2, path_of=lambda path, i=index: ("performance", i) + path[1:], required=False)
        blocks = form_raw.pop("_blocks", {})
        form = form_raw.get("performance", {}).get(index, {})
        funding = [r for r in blocks.get(FUNDING_BLOCK, [])]
        indicators = blocks.get(INDICATOR_BLOCK, [])
        amounts = [r for r in funding if any(r.get(k) is not None for k in ("declared", "budgeted", "annual_budget", "executed"))]
        texts = {k: v for k, v in form.items() if v not in (None, "")}
        if not texts and not amounts and not indicators:
            continue  # a blank form: a template to copy
        if not form.get("name"):
            ctx.add(ctx.locator(("performance", index, "name"))[1] or f"{name}!B3", "请填写项目名称（必填）")
        form["funding"] = []
        for j, row in enumerate(funding):
            if not row.get("source"):
                ctx.add(row["_cells"]["source"], "请填写资金来源（第一行为“资金总额”）")
                continue
            for key, (r, c, header) in row.get("_formula_at", {}).items():
                # 结余/执行率/得分: a typed number must be what identities.yaml's expression computes.
                sr.formula_cell(r, c, f"{header}，由全年预算数和全年执行数计算",
                                lambda row=row, key=key: funding_field(row, key, profile.performance.execution_weight))
            for key, where in {**row["_cells"], **row.get("_formulas", {})}.items():
                ctx.locator.add(("performance", index, "funding", len(form["funding"]), key), where)
            form["funding"].append({k: v for k, v in row.items() if not k.startswith("_")})
        form["indicators"] = []
        for row in indicators:
            for key, where in row["_cells"].items():
                ctx.locator.add(("performance", index, "indicators", len(form["indicators"]), key), where)
            form["indicators"].append({k: v for k, v in row.items() if not k.startswith("_")})
        analysis = form.pop("analysis", None)
        if analysis:
            form["analysis"] = analysis
        ctx.locator.add(("performance", index), f"{name}!A1")
        forms.append(form)
    return forms


def _validate(ctx: Context, raw: dict) -> DepartmentData | None:
    raw.pop("_blocks", None)
    try:
        return DepartmentData.model_validate(raw)
    except ValidationError as exc:
        reported = {p.where for p in ctx.problems}
        for p in problems_from(exc, ctx.locator):
            if not any(p.where.startswith(w) for w in reported if w):
                ctx.problems.append(p)
        return None


def _check_compiled(ctx: Context, data: DepartmentData | None, profile) -> None:
    """Codes and names against the catalogue; with clean values, the whole compile (balances);
    then every typed total against what its formula computes."""
    from ..compile import compile_disclosure, validate_codes

    if ctx.structural:
        return
    if data is not None:
        try:
            if ctx.problems:
                validate_codes(data, ctx.locator)
            else:
                ctx.model = compile_disclosure(data, ctx.locator, profile)
        except InputError as exc:
            for p in exc.problems:
                if p.file == "输入数据":  # compile's own messages name a field path, not a cell
                    file, where = ctx.locator(tuple(p.where.split(".")))
                    p = Problem(file, where or p.where, p.message)
                ctx.problems.append(p)
    for d in ctx.deferred:
        expected = d.expected()
        if expected is None or expected == d.typed:
            continue
        hint = f"{d.hint}；" if d.hint else ""
        ctx.problems.append(Problem(ctx.file, d.where, f"此格应为公式（{d.what}），{hint}填写的{d.typed}与应有的{expected}不符：请恢复公式或清除这个数"))


def is_input_workbook(path: Path) -> bool:
    """Our preparer's workbook (rather than a published table workbook)."""
    import openpyxl

    from ..guard import check_package

    try:
        check_package(path, "工作簿").close()  # a bomb is not ours: the document reader says why
        wb = openpyxl.load_workbook(path, read_only=True)
    except Exception:  # noqa: BLE001 - not a workbook we can open: let the document reader say why
        return False
    try:
        return plan.INFO_SHEET in wb.sheetnames and plan.GUIDE_SHEET in wb.sheetnames
    finally:
        wb.close()
