"""Write the preparer's workbook (xlsxwriter): inputs unlocked and yellow, formulas grey and
locked, every sheet protected without a password, dropdowns and hints on the input cells.

Formula cells carry the value the formula gives for the data written, so viewers that do not
recalculate on open (LibreOffice's default for xlsx) show the right totals too.
"""
from __future__ import annotations

import math
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter

from .. import catalogues, identities
from ..errors import InputError
from ..formulas import Ref
from ..inputs import DepartmentData, FunctionalLeaf
from ..model import Disclosure
from ..performance.scoring import funding_field, grade_bands
from ..money import ZERO, exact_places, from_wan, places_text
from ..tables import VEHICLE_CATEGORIES
from ..profiles import Profile
from ..workbook import plan
from ..workbook.plan import (
    CATALOGUE_SHEET, END_MARK, FORM_TITLE, FUNDING_BLOCK, GUIDE_SHEET, INDICATOR_BLOCK, TOTAL_LABEL, Block, CodedSheet, Column, Field, FormSheet, FormulaRow, GridSheet, Heading, cell_ref, letter,
)

YELLOW = "#FFF7D6"
GREY = "#EDEDED"
SECTION = "#DDEBF7"
MONEY_FORMAT = "#,##0.00"
# Formula results: zero prints blank, as the published tables print it.
RESULT_FORMAT = "#,##0.00;-#,##0.00;"
SPARE_ROWS = 30
PROTECT = {
    "objects": True, "scenarios": True, "format_cells": False, "format_columns": True, "format_rows": True,
    "insert_columns": False, "insert_rows": True, "insert_hyperlinks": False, "delete_columns": False,
    "delete_rows": True, "select_locked_cells": True, "sort": False, "autofilter": False, "pivot_tables": False,
    "select_unlocked_cells": True,
}


def fields_of(model) -> dict[str, Any]:
    """A model's field values as they are (model_dump would turn amounts into strings)."""
    return {name: getattr(model, name) for name in type(model).model_fields}


def getpath(obj: Any, path: tuple) -> Any:
    for part in path:
        if obj is None:
            return None
        if isinstance(obj, dict):
            obj = obj.get(part)
        elif isinstance(obj, list):
            obj = obj[part] if isinstance(part, int) and part < len(obj) else None
        else:
            obj = getattr(obj, part, None)
    return obj


class Styles:
    def __init__(self, wb: xlsxwriter.Workbook):
        base = {"font_name": "宋体", "font_size": 10, "valign": "vcenter"}
        cell = {**base, "border": 1, "text_wrap": True}
        add = wb.add_format
        self.title = add({"font_name": "黑体", "font_size": 16, "bold": True, "align": "center", "valign": "vcenter"})
        self.subtitle = add({**base, "align": "center"})
        self.right = add({**base, "align": "right"})
        self.left = add({**base, "align": "left"})
        self.center = add({**base, "align": "center"})
        self.header = add({**cell, "bold": True, "align": "center", "bg_color": "#F2F2F2"})
        self.label = add({**cell, "align": "left"})
        self.label_center = add({**cell, "align": "center"})
        self.label_right = add({**cell, "align": "right"})
        self.code = add({**cell, "align": "left", "num_format": "@"})
        self.na = add({**cell, "align": "center"})
        self.note = add({**base, "font_size": 9, "text_wrap": True, "valign": "top"})
        self.hint = add({**base, "font_size": 9, "font_color": "#595959", "text_wrap": True, "valign": "top"})
        self.marker = add({**base, "font_size": 9, "italic": True, "font_color": "#7F7F7F", "top": 1})
        self.section = add({**base, "bold": True, "bg_color": SECTION, "border": 1})
        self.field_label = add({**cell, "align": "left", "bold": True})
        self.result = add({**cell, "align": "right", "num_format": RESULT_FORMAT, "bg_color": GREY})
        self.result_text = add({**cell, "align": "left", "bg_color": GREY})
        self.result_count = add({**cell, "align": "right", "num_format": "0;-0;", "bg_color": GREY})
        self.fixed = add({**cell, "align": "left", "num_format": "@", "bg_color": GREY})
        unlocked = {**cell, "locked": False, "bg_color": YELLOW}
        self.input = {
            "money": add({**unlocked, "align": "right", "num_format": MONEY_FORMAT}),
            "fine": add({**unlocked, "align": "right", "num_format": "0.00####"}),
            "count": add({**unlocked, "align": "right", "num_format": "0"}),
            "year": add({**unlocked, "align": "left", "num_format": "0"}),
            "text": add({**unlocked, "align": "left", "num_format": "@"}),
            "longtext": add({**unlocked, "align": "left", "valign": "top", "num_format": "@"}),
        }
        self.guide = add({**base, "text_wrap": True, "valign": "top"})
        self.guide_head = add({**base, "bold": True, "font_size": 11})

    def for_input(self, kind: str):
        if kind in ("money", "optmoney"):
            return self.input["money"]
        if kind in ("fine", "optfine"):
            return self.input["fine"]
        if kind in ("count", "optcount"):
            return self.input["count"]
        if kind == "year":
            return self.input["year"]
        if kind == "longtext":
            return self.input["longtext"]
        return self.input["text"]


def _number(value) -> float | int:
    """Excel stores IEEE doubles: the one place an amount becomes a float."""
    if isinstance(value, int):
        return value
    d = Decimal(value)
    return int(d) if d == d.to_integral_value() and abs(d) < 2**53 else float(d)


def _lines(text: str, width: float) -> int:
    # A CJK character is about two width units at 10pt; keep a margin for wrapping.
    units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
    return max(1, math.ceil(units / max(width - 2, 4)))


def _height(text: str, width: float) -> float | None:
    n = _lines(text, width)
    return None if n <= 1 else min(409, 13.5 * n + 3)


def need(ws, row: int, height: float | None) -> None:
    """Ask for at least ``height`` points on ``row``; applied once per sheet by ``fit_rows``
    (spreadsheet apps keep the heights a file sets and do not grow rows for wrapped text)."""
    if height:
        heights = ws.__dict__.setdefault("_juesuan_heights", {})
        heights[row] = max(heights.get(row, 0), height)


def need_text(ws, row: int, text: str, width: float, rows: int = 1) -> None:
    h = _height(text, width)
    if h:
        need(ws, row, h / rows if rows > 1 else h)


def fit_rows(ws) -> None:
    for row, height in ws.__dict__.get("_juesuan_heights", {}).items():
        ws.set_row(row, height)


class Book:
    """One workbook being written: formats, defined names, validations shared across sheets."""

    def __init__(self, path: Path, data: DepartmentData, profile: Profile, disclosure: Disclosure | None):
        self.wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False})
        self.wb.set_calc_mode("auto")
        self.st = Styles(self.wb)
        self.data = data
        self.profile = profile
        self.disclosure = disclosure
        self.year = data.meta.year
        self.unit = data.meta.input_unit  # the unit amounts are typed in
        self.functional = catalogues.load("functional", self.year)
        self.economic = catalogues.load("economic", self.year)
        self.names: dict[str, str] = {}

    def name(self, name: str, sheet: str, ref: str) -> None:
        self.names[name] = f"={plan.quote_sheet(sheet)}!{ref}"

    def close(self) -> None:
        for name, ref in self.names.items():
            self.wb.define_name(name, ref)
        self.wb.close()

    # ------------------------------------------------------------------ validation helpers

    def validate(self, ws, r1: int, c1: int, r2: int, c2: int, kind: str, hint: str = "", choices: list[str] | None = None) -> None:
        top = cell_ref(r1, c1)  # a custom rule is written for the top-left cell; Excel shifts it down the range
        unit = self.unit
        title = {
            "money": "填写金额", "optmoney": "填写金额", "fine": "填写数字", "optfine": "填写数字", "count": "填写整数",
            "optcount": "填写整数", "year": "填写年度", "code": "项级科目编码", "anycode": "科目编码", "ecode": "经济分类科目编码",
        }.get(kind, "填写说明")
        opts: dict[str, Any] = {"ignore_blank": True}
        if kind in ("money", "optmoney"):
            places = exact_places(unit)
            opts.update(validate="custom", value=f"=AND(ISNUMBER({top}),{top}>=0,ROUND({top},{places})={top})",
                        error_title="金额不对", error_message=f"请填写不小于0、最多{places_text(unit)}小数的金额（{unit}）。")
            hint = hint or f"金额（{unit}），不小于0，最多{places_text(unit)}小数；没有就留空"
        elif kind in ("fine", "optfine"):
            opts.update(validate="decimal", criteria=">=", value=0, error_title="数字不对", error_message="请填写不小于0的数字。")
        elif kind in ("count", "optcount"):
            opts.update(validate="integer", criteria=">=", value=0, error_title="应为整数", error_message="请填写不小于0的整数。")
        elif kind == "year":
            opts.update(validate="integer", criteria="between", minimum=1990, maximum=2100, error_title="年度不对", error_message="请填写四位数的年度，如2024。")
        elif kind in ("code", "anycode", "ecode"):
            source = {"code": "=j_cat_leaf", "anycode": "=j_cat_func_code", "ecode": "=j_cat_econ_code"}[kind]
            opts.update(validate="list", source=source, error_type="warning", error_title="科目编码",
                        error_message="这个编码不在科目目录中。确定要用它吗？编制时会再核对。")
        elif kind in ("choice", "suggest") and choices:
            opts.update(validate="list", source=choices, error_type="stop" if kind == "choice" else "information",
                        error_title="请从列表中选择", error_message="可选：" + "、".join(choices)[:200])
        else:
            opts.update(validate="any")
        if hint:
            opts.update(input_title=title[:32], input_message=hint[:255])
        elif opts.get("validate") == "any":
            return
        ws.data_validation(r1, c1, r2, c2, opts)


# ---------------------------------------------------------------------------- coded sheets


def _leaf_values(table_id: str, leaf: FunctionalLeaf) -> dict[str, Decimal]:
    """Every column of a coded sheet for one 项, formulas included (for their shown values)."""
    return identities.coded(table_id).leaf_values(leaf)


def sheet_leaves(table_id: str, leaves: list[FunctionalLeaf]) -> list[FunctionalLeaf]:
    """The 项 rows a coded sheet lists: those with a value in its columns (a leaf with no value
    anywhere goes to 收入决算表, so that nothing typed is lost)."""
    out = []
    for leaf in leaves:
        values = _leaf_values(table_id, leaf)
        if any(values.values()):
            out.append(leaf)
        elif table_id == "income" and not any(any(_leaf_values(t, leaf).values()) for t in plan.CODED_TABLES):
            out.append(leaf)
    return out


def _code_order(code: str) -> tuple:
    return (code[:3], code[:5] if len(code) > 3 else "", code)


def write_coded(book: Book, sheet: CodedSheet) -> None:
    st, ws = book.st, book.wb.add_worksheet(sheet.name)
    n = sheet.ncols
    L = sheet.letters()
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_column(0, 0, 11)
    ws.set_column(1, 1, 30)
    ws.set_column(2, n - 1, 14)
    ws.merge_range(0, 0, 0, n - 1, sheet.title, st.title)
    need(ws, 0, 28)
    r = 1
    if sheet.number:
        ws.write_string(r, n - 1, sheet.number, st.right)
        r += 1
    meta = book.data.meta
    aligns = ["left", "center", "right"] if len(sheet.heading) == 3 else [getattr(h, "align", "left") for h in sheet.heading]
    for item, col, align in zip(sheet.heading, plan._heading_slots(aligns, n), aligns):
        text = item if isinstance(item, str) else item.text
        shown = text.format(department=meta.department, year=meta.year, unit=meta.input_unit, prior_year=meta.year - 1)
        ws.write_formula(r, col, plan.heading_formula(item, plan.META_NAMES), {"left": st.left, "center": st.center, "right": st.right}[align], shown)
    r += 1
    top = r
    col_width = [11, 30] + [14] * (n - 2)
    for hr, hc, text, cols, rows in plan.header_cells(sheet.header):
        if cols > 1 or rows > 1:
            ws.merge_range(top + hr, hc, top + hr + rows - 1, hc + cols - 1, text, st.header)
        else:
            ws.write_string(top + hr, hc, text, st.header)
        need_text(ws, top + hr, text, sum(col_width[hc: hc + cols]), rows)
        comment = plan.CODED_COMMENTS.get((sheet.table_id, text))
        if comment:
            ws.write_comment(top + hr, hc, comment, {"x_scale": 2, "y_scale": 1.5, "font_name": "宋体"})
    r = top + len(sheet.header)
    total_row = r
    first = total_row + 1
    leaves = sorted(sheet_leaves(sheet.table_id, book.data.functional), key=lambda l: _code_order(l.code))
    entries: list[tuple[str, FunctionalLeaf | None]] = []
    seen: set[str] = set()
    for leaf in leaves:
        for parent in (leaf.code[:n] for n in identities.rollup_levels()):  # 类, 款
            if len(leaf.code) == 7 and parent not in seen:
                seen.add(parent)
                entries.append((parent, None))
        entries.append((leaf.code, leaf))
    last = first + len(entries) + SPARE_ROWS - 1
    tid = sheet.table_id
    book.name(f"j_{tid}_code", sheet.name, f"$A${first + 1}:$A${last + 1}")
    for key, col in L.items():
        if key not in ("code", "name"):
            book.name(f"j_{tid}_{key}", sheet.name, f"${col}${first + 1}:${col}${last + 1}")
            book.name(f"j_{tid}_sum_{key}", sheet.name, f"${col}${total_row + 1}")
    leaf_values = {leaf.code: _leaf_values(tid, leaf) for leaf in leaves}
    keys = [c.key for c in sheet.columns]

    def summed(prefix: str) -> dict[str, Decimal]:
        out = defaultdict(lambda: ZERO)
        for code, values in leaf_values.items():
            if code.startswith(prefix):
                for k in keys:
                    out[k] += values[k]
        return out

    # 合计 row
    ws.merge_range(total_row, 0, total_row, 1, TOTAL_LABEL, st.label_center)
    totals = summed("")
    if tid in ("fund", "capital"):
        source = "fiscal_fund" if tid == "fund" else "fiscal_capital"
        totals["income"] = sum((getattr(l.income, source) for l in book.data.functional), ZERO)
        totals["end"] = totals["begin"] + totals["income"] - totals["total"]
    for i, col in enumerate(sheet.columns):
        c = 2 + i
        if col.formula is not None and col.key != "income":
            formula = col.formula(total_row + 1, L)
        elif col.key == "income":
            formula = f"=j_income_sum_{'fiscal_fund' if tid == 'fund' else 'fiscal_capital'}"
        else:
            formula = f'=SUMIF(j_{tid}_code,"???????",j_{tid}_{col.key})'
        ws.write_formula(total_row, c, formula, st.result, _number(totals[col.key]))
    # rows
    for offset, (code, leaf) in enumerate(entries):
        row = first + offset
        if leaf is None:
            ws.write_string(row, 0, code, st.fixed)
            ws.write_string(row, 1, book.functional.name(code) or "", st.result_text)
            need_text(ws, row, book.functional.name(code) or "", 30)
            values = summed(code)
            pattern = code + "?" * (7 - len(code))
            for i, col in enumerate(sheet.columns):
                ws.write_formula(row, 2 + i, f'=SUMIF(j_{tid}_code,"{pattern}",j_{tid}_{col.key})', st.result, _number(values[col.key]))
            continue
        ws.write_string(row, 0, leaf.code, st.input["text"])
        ws.write_string(row, 1, leaf.name, st.input["text"])
        need_text(ws, row, leaf.name, 30)
        values = leaf_values[code]
        for i, col in enumerate(sheet.columns):
            if col.field is None:
                ws.write_formula(row, 2 + i, col.formula(row + 1, L), st.result, _number(values[col.key]))
            elif values[col.key]:
                ws.write_number(row, 2 + i, _number(values[col.key]), st.input["money"])
            else:
                ws.write_blank(row, 2 + i, None, st.input["money"])
    for row in range(first + len(entries), last + 1):
        ws.write_blank(row, 0, None, st.input["text"])
        ws.write_blank(row, 1, None, st.input["text"])
        for i, col in enumerate(sheet.columns):
            if col.field is None:
                ws.write_formula(row, 2 + i, col.formula(row + 1, L), st.result, 0)
            else:
                ws.write_blank(row, 2 + i, None, st.input["money"])
    book.validate(ws, first, 0, last, 0, "code", "7位项级科目编码：从下拉列表选择，或直接输入（见“科目目录”）")
    book.validate(ws, first, 1, last, 1, "text", "科目名称；留空则按科目目录填写")
    for i, col in enumerate(sheet.columns):
        if col.field is not None:
            book.validate(ws, first, 2 + i, last, 2 + i, "money", f"{col.title}：金额（{book.unit}），不小于0，最多{places_text(book.unit)}小数；没有就留空")
    r = last + 1
    ws.merge_range(r, 0, r, n - 1, END_MARK, st.marker)
    r += 1
    for text, style in ((sheet.note, st.note), (plan.CODED_HINTS[tid], st.hint)):
        if text:
            ws.merge_range(r, 0, r, n - 1, text, style)
            need_text(ws, r, text, 11 + 30 + 14 * (n - 2))
            r += 1
    ws.freeze_panes(first, 2)
    fit_rows(ws)
    ws.protect("", PROTECT)


# ---------------------------------------------------------------------------- grid sheets


def _grid_value(book: Book, table_id: str, ref: tuple[str, str], count: bool = False) -> Decimal:
    """A formula's saved result: the exact compiled amount in the workbook's unit (a count as is)."""
    d = book.disclosure
    if d is None:
        return ZERO
    v = d.exact_value(f"{table_id}:{ref[0]}:{ref[1]}")
    if v is None:
        return ZERO
    return v if count else from_wan(v, book.unit)


def write_grid(book: Book, sheet: GridSheet) -> None:
    st, ws = book.st, book.wb.add_worksheet(sheet.name)
    layout = sheet.layout
    col_widths = plan.grid_column_widths(sheet)
    for i, w in enumerate(col_widths):
        ws.set_column(i, i, w)
    ws.set_paper(9)
    ws.set_landscape() if layout.orientation == "landscape" else ws.set_portrait()
    ws.fit_to_pages(1, 0)
    addresses = {p.ref: cell_ref(p.row, p.col) for p in sheet.places if p.ref is not None}
    meta = book.data.meta
    align_style = {"left": st.left, "center": st.center, "right": st.right}
    for p in sheet.places:
        style = None
        value: Any = p.text
        if p.kind == "title":
            style = st.title
            need(ws, p.row, 28)
        elif p.kind == "number":
            ws.write_string(p.row, p.col, p.text, st.right)
            continue
        elif p.kind == "heading":
            shown = _heading_text(layout.heading, p, meta)
            ws.write_formula(p.row, p.col, p.formula or p.text, align_style.get(p.align or "left", st.left), shown)
            continue
        elif p.kind == "header":
            style = st.header
        elif p.kind in ("label", "text"):
            style = {"center": st.label_center, "right": st.label_right}.get(p.align or "", st.label)
        elif p.kind == "code":
            style = st.code
        elif p.kind == "na":
            style = st.na
        elif p.kind == "note":
            style = st.note
        if style is not None:
            _put(ws, p, value, style)
            if p.kind in ("header", "label", "text", "note"):
                need_text(ws, p.row, str(value), sum(col_widths[p.col: p.col + p.cols]), p.rows)
            continue
        if p.kind == "input":
            raw = getpath(book.data, p.field)
            kind = p.vkind
            style = st.for_input(kind)
            if raw is None or (kind in ("money", "count") and not raw):
                _put_blank(ws, p, style)
            else:
                _put_number(ws, p, raw, style)
            book.validate(ws, p.row, p.col, p.row, p.col, kind, plan._kind_hint(kind))
            if p.name:
                book.name(p.name, sheet.name, "$" + letter(p.col) + "$" + str(p.row + 1))
            continue
        count = p.ref[0] in ("vehicles.total", "equipment") or p.ref[0] in VEHICLE_CATEGORIES
        value = _grid_value(book, layout.id, p.ref, count)
        if p.kind == "formula":
            formula = p.formula or "=0"
            for ref, addr in addresses.items():
                formula = formula.replace("{" + f"{ref[0]}/{ref[1]}" + "}", addr)
            _put_formula(ws, p, formula, st.result_count if count else st.result, _number(value))
        else:  # computed: no formula known; the compiled value, locked
            _put_number(ws, p, value, st.result)
        if p.name:
            book.name(p.name, sheet.name, "$" + letter(p.col) + "$" + str(p.row + 1))
    # Narrative facts and inputs the layout does not print, under the table.
    value_col = plan.form_value_col(col_widths)
    form = FormSheet(sheet.name, "", [*sheet.extra, *plan.facts_items(layout.id)], col_widths, value_col=value_col)
    r = sheet.end_row + 1
    if sheet.economic_extra is not None:
        rows = _economic_extra_rows(book, sheet)
        r = write_block(book, ws, sheet.name, sheet.economic_extra, rows, r, col_widths)
    write_items(book, ws, form, form.items, r, lambda path: getpath(book.data, path), lambda b: [], col_widths)
    fit_rows(ws)
    ws.protect("", {**PROTECT, "insert_rows": False, "delete_rows": False})


def _heading_text(heading: list, p: plan.GridPlace, meta) -> str:
    for item in heading:
        formula = plan.heading_formula(item, plan.META_NAMES)
        if formula == p.text:
            text = item if isinstance(item, str) else item.text
            return text.format(department=meta.department, year=meta.year, unit=meta.input_unit, prior_year=meta.year - 1)
    return ""


def _economic_extra_rows(book: Book, sheet: GridSheet) -> list[dict]:
    shown = {p.ref[0] for p in sheet.places if p.kind == "input" and p.ref}
    return [{"code": c, "amount": v} for c, v in book.data.general_basic.items() if c not in shown]


def _put(ws, p, value, style) -> None:
    if p.cols > 1 or p.rows > 1:
        ws.merge_range(p.row, p.col, p.row + p.rows - 1, p.col + p.cols - 1, value, style)
    else:
        ws.write_string(p.row, p.col, str(value), style)


def _put_blank(ws, p, style) -> None:
    if p.cols > 1 or p.rows > 1:
        ws.merge_range(p.row, p.col, p.row + p.rows - 1, p.col + p.cols - 1, None, style)
    else:
        ws.write_blank(p.row, p.col, None, style)


def _put_number(ws, p, value, style) -> None:
    if p.cols > 1 or p.rows > 1:
        ws.merge_range(p.row, p.col, p.row + p.rows - 1, p.col + p.cols - 1, None, style)
    ws.write_number(p.row, p.col, _number(value), style)


def _put_formula(ws, p, formula, style, value) -> None:
    if p.cols > 1 or p.rows > 1:
        ws.merge_range(p.row, p.col, p.row + p.rows - 1, p.col + p.cols - 1, None, style)
    ws.write_formula(p.row, p.col, formula, style, value)


# ---------------------------------------------------------------------------- form sheets


def write_form(book: Book, sheet: FormSheet, get, rows_of) -> Any:
    st, ws = book.st, book.wb.add_worksheet(sheet.name)
    for i, w in enumerate(sheet.widths):
        ws.set_column(i, i, w)
    width = len(sheet.widths)
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    if width > 4:
        ws.set_landscape()
    ws.merge_range(0, 0, 0, width - 1, sheet.title, st.title) if width > 1 else ws.write_string(0, 0, sheet.title, st.title)
    need(ws, 0, 28)
    write_items(book, ws, sheet, sheet.items, 1, get, rows_of, sheet.widths)
    fit_rows(ws)
    ws.protect("", PROTECT if sheet.insert_rows else {**PROTECT, "insert_rows": False})
    return ws


def write_items(book: Book, ws, sheet: FormSheet, items, r: int, get, rows_of, widths: list[float]) -> int:
    st = book.st
    width = len(widths)
    vc = sheet.value_col
    span = min(sheet.value_span, width - vc)
    value_width = sum(widths[vc: vc + span])
    ctx: dict[str, Any] = {}
    for item in items:
        if isinstance(item, Heading):
            style = st.subtitle if item.style == "subtitle" else st.section
            if width > 1:
                ws.merge_range(r, 0, r, width - 1, None, style)
            if item.style == "subtitle":  # （2024年度）: follows 单位信息's 年度
                ws.write_formula(r, 0, '="（"&j_year&"年度）"', style, item.text)
            else:
                ws.write_string(r, 0, item.text, style)
            need_text(ws, r, item.text, sum(widths))
            r += 1
        elif isinstance(item, Field):
            if vc > 1:
                ws.merge_range(r, 0, r, vc - 1, item.label, st.field_label)
            else:
                ws.write_string(r, 0, item.label, st.field_label)
            need_text(ws, r, item.label, sum(widths[:vc]))
            raw = get(item.path)
            kind = item.kind
            style = st.fixed if item.locked else st.for_input(kind)
            if item.values and raw is not None:
                raw = item.choices[item.values.index(raw)] if raw in item.values else raw
            if span > 1:
                ws.merge_range(r, vc, r, vc + span - 1, None, style)
            if raw is None or raw == "" or (kind in ("optcount",) and raw is None):
                ws.write_blank(r, vc, None, style)
            elif kind in plan.NUMBER_KINDS:
                ws.write_number(r, vc, _number(raw), style)
            else:
                ws.write_string(r, vc, str(raw), style)
                need_text(ws, r, str(raw), value_width)
            if not item.locked:
                book.validate(ws, r, vc, r, vc, kind, item.hint, item.choices)
            if item.name:
                book.name(item.name, sheet.name, f"${letter(vc)}${r + 1}")
            r += 1
        elif isinstance(item, Block):
            rows = rows_of(item)
            ctx[item.title] = r
            r = write_block(book, ws, sheet.name, item, rows, r, widths, ctx)
        elif isinstance(item, FormulaRow):
            r = _write_total_row(book, ws, item, r, ctx, widths)
    return r


def _column_positions(block: Block) -> list[int]:
    cols, c = [], 0
    for col in block.columns:
        cols.append(c)
        c += col.span
    return cols


def write_block(book: Book, ws, sheet_name: str, block: Block, rows: list[dict], r: int, widths: list[float], ctx: dict | None = None) -> int:
    st = book.st
    positions = _column_positions(block)
    ncols = positions[-1] + block.columns[-1].span
    L = {col.key: letter(pos) for col, pos in zip(block.columns, positions) if col.key}
    span = max(ncols, len(widths))
    ws.merge_range(r, 0, r, span - 1, block.title, st.section)
    need_text(ws, r, block.title, sum(widths[:span]))
    r += 1
    for col, pos in zip(block.columns, positions):
        if col.span > 1:
            ws.merge_range(r, pos, r, pos + col.span - 1, col.header, st.header)
        else:
            ws.write_string(r, pos, col.header, st.header)
        need_text(ws, r, col.header, sum(widths[pos: pos + col.span]))
    r += 1
    first = r
    count = max(len(rows) + block.spare, block.min_rows)
    for i in range(count):
        row = rows[i] if i < len(rows) else None
        tallest = None
        for col, pos in zip(block.columns, positions):
            value = row.get(col.key) if (row is not None and col.key) else None
            kind = col.kind
            if kind == "rowno":
                ws.write_number(r, pos, i + 1, st.label_center)
                continue
            if kind == "label":
                value = "" if row is None else row.get("_label", "")
                style = st.fixed if row is not None else st.input["text"]
            elif kind == "lookup":
                code_col = L.get("code", "A")
                formula = f'=IF({code_col}{r + 1}="","",IFERROR(VLOOKUP({code_col}{r + 1},j_cat_all,2,FALSE),"（科目目录中没有这个编码）"))'
                code = "" if row is None else str(row.get("code") or "")
                shown = (book.functional.name(code) or book.economic.name(code) or "（科目目录中没有这个编码）") if code else ""
                ws.write_formula(r, pos, formula, st.result_text, shown)
                continue
            elif kind == "formula":
                value = _block_formula_value(col, row, block)
                ws.write_formula(r, pos, col.formula(r + 1, L), st.result, value if value is not None else "")
                continue
            else:
                style = st.fixed if (col.fixed and row is not None and row.get("_fixed")) else st.for_input(kind)
            if col.span > 1:
                ws.merge_range(r, pos, r, pos + col.span - 1, None, style)
            if value is None or value == "":
                ws.write_blank(r, pos, None, style)
            elif kind in plan.NUMBER_KINDS:
                ws.write_number(r, pos, _number(value), style)
            else:
                ws.write_string(r, pos, str(value), style)
                h = _height(str(value), sum(widths[pos: pos + col.span]))
                tallest = max(tallest or 0, h or 0) or None
        need(ws, r, tallest)
        r += 1
    last = r - 1
    for col, pos in zip(block.columns, positions):
        if col.kind in ("rowno", "label", "lookup", "formula"):
            continue
        book.validate(ws, first, pos, last, pos, col.kind, col.hint, col.choices)
    if block.path == ("general_basic",):
        book.name("j_economic_extra_code", sheet_name, f"$A${first + 1}:$A${last + 1}")
        book.name("j_economic_extra_amount", sheet_name, f"$B${first + 1}:$B${last + 1}")
    if ctx is not None:
        ctx[block.title] = (first, last, L)
    ws.merge_range(r, 0, r, max(ncols - 1, 1), END_MARK, st.marker)
    return r + 1


def _block_formula_value(col: Column, row: dict | None, block: Block):
    """Shown value of a performance-form formula cell: the build's own score of the row."""
    if row is None or col.key not in ("balance", "rate", "score"):
        return None
    value = funding_field(row, col.key, row.get("_weight", 10))
    return None if value is None else _number(value)


def _write_total_row(book: Book, ws, item: FormulaRow, r: int, ctx: dict, widths) -> int:
    """总分 = 执行得分 (first funding row) + Σ 指标得分; 等级 from the profile's grade bands."""
    st = book.st
    funding = ctx.get(FUNDING_BLOCK)
    indicators = ctx.get(INDICATOR_BLOCK)
    ws.merge_range(r, 0, r, 7, item.label, st.label_center)
    if not (isinstance(funding, tuple) and isinstance(indicators, tuple)):
        return r + 1
    f_first, _, fL = funding
    i_first, i_last, iL = indicators
    score_cell = f"{fL['score']}{f_first + 1}"
    scores = f"{iL['score']}{i_first + 1}:{iL['score']}{i_last + 1}"
    # An indicator row is one with anything typed (as the reader takes it); its blank 得分 leaves
    # 总分 and 等级 blank, as the build does.
    typed = "&".join(f"{letter}{i_first + 1}:{letter}{i_last + 1}" for key, letter in iL.items() if key != "score")
    total_cell = f"I{r + 1}"
    refs = {"execution": Ref(score_cell, f'{score_cell}=""'),
            "indicators": Ref(scores, f'SUMPRODUCT((LEN({typed})>0)*({scores}=""))>0'),
            "total": Ref(total_cell, f'{total_cell}=""')}
    perf = identities.performance()
    total = perf.field("total").formula.excel(refs.__getitem__)
    grade_formula = perf.field("grade").formula.excel(refs.__getitem__, grade_bands(book.profile.performance))
    shown_total, shown_grade = ctx.get("_total", ("", ""))
    ws.write_formula(r, 8, total, st.result, shown_total)
    ws.write_formula(r, 9, grade_formula, st.result_text, shown_grade)
    return r + 1


# ---------------------------------------------------------------------------- other sheets


def write_catalogue(book: Book) -> None:
    st, ws = book.st, book.wb.add_worksheet(CATALOGUE_SHEET)
    ws.set_column(0, 0, 12)
    ws.set_column(1, 1, 40)
    ws.set_column(2, 2, 4)
    ws.set_column(3, 3, 12)
    ws.set_column(4, 4, 40)
    ws.set_column(5, 5, 4)
    ws.set_column(6, 6, 12)
    ws.set_column(7, 7, 36)
    f, e = book.functional, book.economic
    ws.write_string(0, 0, f"项级科目（{f.year}年支出功能分类）", st.section)
    ws.write_string(0, 3, "全部功能分类科目（类、款、项）", st.section)
    ws.write_string(0, 6, f"部门预算支出经济分类（{e.year}年）", st.section)
    leaf_codes = [c for c in f.codes if len(c) == 7]
    for i, code in enumerate(leaf_codes):
        ws.write_string(i + 1, 0, code, st.code)
        ws.write_string(i + 1, 1, f.codes[code], st.label)
    all_codes = list(f.codes) + list(e.codes)
    for i, code in enumerate(f.codes):
        ws.write_string(i + 1, 3, code, st.code)
        ws.write_string(i + 1, 4, f.codes[code], st.label)
    for i, code in enumerate(e.codes):
        ws.write_string(i + 1, 6, code, st.code)
        ws.write_string(i + 1, 7, e.codes[code], st.label)
    book.name("j_cat_leaf", CATALOGUE_SHEET, f"$A$2:$A${len(leaf_codes) + 1}")
    book.name("j_cat_func_code", CATALOGUE_SHEET, f"$D$2:$D${len(f.codes) + 1}")
    book.name("j_cat_econ_code", CATALOGUE_SHEET, f"$G$2:$G${len(e.codes) + 1}")
    # One two-column range for the name lookups: functional codes, then economic ones below.
    n = len(f.codes)
    for i, code in enumerate(e.codes):
        ws.write_string(n + 1 + i, 3, code, st.code)
        ws.write_string(n + 1 + i, 4, e.codes[code], st.label)
    book.name("j_cat_all", CATALOGUE_SHEET, f"$D$2:$E${len(all_codes) + 1}")
    ws.freeze_panes(1, 0)
    fit_rows(ws)
    ws.protect("", {**PROTECT, "insert_rows": False, "delete_rows": False})


GUIDE = [
    ("怎样填写", [
        "本工作簿由 juesuan init 生成，是编制部门决算公开文档的唯一输入：填好后运行 juesuan build 本文件.xlsx -o 输出文件夹，即生成全部表格、情况说明和绩效自评表。",
        "只填黄色单元格。灰色单元格是公式（合计、小计、类、款和各表之间引用的数），已锁定，不必也不能填写；编制时所有合计都由系统重新计算，不采用表中的合计。",
        "各表只填项级（7位）科目：收入决算表、支出决算表、一般公共预算财政拨款支出决算表、政府性基金和国有资本经营预算财政拨款表各有一组项级行，同一科目在各表中的名称须一致。类、款行和合计行由公式计算。",
        "金额单位见“单位信息”；金额不小于0，最多两位小数；没有的留空（留空即为0）。不要合并单元格，不要在填报区（▲标记行以上）以外填写。行不够时，在填报区内右键插入行。",
        "工作表已保护但没有密码：确需调整时，可在“审阅”中撤销工作表保护；但请勿改动表头、编号和标记行。",
    ]),
    ("各工作表", [
        "单位信息：部门名称、年度、金额单位、单位性质、概况（职责、机构设置、单位构成）。",
        "各决算表：按公开表格的格式填写项级数据和年初结转结余等少数几格；总表和财政拨款总表基本都是公式。",
        "上年决算数：情况说明中“与上年相比”所需的上年数；可用 juesuan init --from 上年的公开文档 自动填入。",
        "年初预算数：一般公共预算财政拨款支出的年初预算，按公开的最细一级科目。",
        "原因说明：情况说明中“主要原因”“主要用于”的文字，按编号列出；留空的会在编制时列出；本单位没有支出的科目，其行留空即可。",
        "绩效01、绩效02……：每张项目支出绩效自评表一个工作表。需要更多时，右键工作表标签“移动或复制”并勾选“建立副本”，在副本中填写；空白的自评表不会被读取。",
        "绩效情况：没有绩效自评表的模板（如上海）在这里填写预算绩效管理情况。名词解释：留空则使用模板的名词解释。科目目录：可用的科目编码和名称。",
    ]),
    ("出错时", [
        "juesuan build 会一次列出工作簿中的全部问题，每条都写明工作表和单元格（如 公开05表!E12）以及应当填写什么；有问题时不会写出任何文件。",
    ]),
]


def write_guide(book: Book, title: str | None = None, guide=None) -> None:
    """The 填报说明 sheet: ``title`` and ``guide`` (headings and their lines; default the final accounts')."""
    st, ws = book.st, book.wb.add_worksheet(GUIDE_SHEET)
    width = 64  # fits A4 portrait at 100% (LibreOffice does not scale a one-column sheet to fit)
    ws.set_column(0, 0, width)
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.write_string(0, 0, title or f"{book.data.meta.year}年度部门决算公开填报工作簿", st.title)
    need(ws, 0, 28)
    ws.write_string(1, 0, f"模板：{book.profile.name}", st.subtitle)
    r = 3
    for head, lines in guide or GUIDE:
        ws.write_string(r, 0, head, st.guide_head)
        r += 1
        for line in lines:
            ws.write_string(r, 0, line, st.guide)
            need_text(ws, r, line, width)
            r += 1
        r += 1
    fit_rows(ws)
    ws.protect("", {**PROTECT, "insert_rows": False, "delete_rows": False})


# ---------------------------------------------------------------------------- the workbook


def _rows_of(data: DepartmentData, profile: Profile, reasons: list[tuple[str, str]]):
    def rows(block: Block) -> list[dict]:
        path = block.path
        if path in (("overview", "duties"), ("overview", "organisation")):
            return [{"text": t} for t in getpath(data, path)]
        if path == ("overview", "units"):
            return [fields_of(u) for u in data.overview.units]
        if path in (("narrative", "prior_year", "general_budget_by_code"), ("narrative", "budget"), *plan.OTHER_FUND_BUDGETS.values()):
            return [{"code": c, "amount": v} for c, v in getpath(data, path).items()]
        if path == ("narrative", "reasons"):
            given = data.narrative.reasons
            return [{"key": k, "_label": label, "text": given.get(k, ""), "_fixed": True} for k, label in reasons]
        if path == ("narrative", "performance", "grades"):
            summary = data.narrative.performance
            given = summary.grades if summary else {}
            names = plan.grade_names(profile)
            names += [g for g in given if g not in names]
            return [{"grade": g, "count": given.get(g), "_fixed": True} for g in names]
        if path == ("narrative", "performance", "systems"):
            summary = data.narrative.performance
            return [{"text": t} for t in (summary.systems if summary else [])]
        if path == ("glossary",):
            return [fields_of(g) for g in data.glossary or []]
        return []
    return rows


def write_workbook(data: DepartmentData, profile: Profile, path: Path, *, reasons: list[tuple[str, str]] | None = None) -> None:
    """Write the input workbook for ``data`` (which may be all blank) in ``profile``'s layout.
    The file appears whole or not at all."""
    from .workbook_reasons import reason_items

    disclosure = _compiled(data, profile)
    reasons = reasons if reasons is not None else reason_items(data, profile, disclosure)
    from ..atomic import atomic_path

    with atomic_path(Path(path), ".xlsx") as tmp:  # whole or not at all
        book = Book(tmp, data, profile, disclosure)
        write_guide(book)
        get = lambda p: getpath(data, p)  # noqa: E731
        rows = _rows_of(data, profile, reasons)
        write_form(book, plan.info_sheet(), get, rows)
        for table_id in plan.table_order(profile):
            if table_id in plan.CODED_TABLES:
                write_coded(book, plan.coded_sheet(profile, table_id))
            else:
                layout = plan.layout_for(profile, table_id)
                write_grid(book, plan.grid_sheet(profile, layout, plan.table_sheet_name(profile, table_id), data.meta.year))
        write_form(book, plan.prior_sheet(), get, rows)
        write_form(book, plan.budget_sheet(), get, rows)
        write_form(book, plan.reasons_sheet(), get, rows)
        write_form(book, plan.performance_summary_sheet(), get, rows)
        forms = list(data.performance) or [None]
        for i, form in enumerate(forms, start=1):
            _write_performance_form(book, plan.form_sheet(plan.form_sheet_name(i), data.meta.year, profile), form)
        write_form(book, plan.glossary_sheet(), get, rows)
        write_catalogue(book)
        book.close()


def _write_performance_form(book: Book, sheet: FormSheet, form) -> None:
    weight = book.profile.performance.execution_weight

    def get(path: tuple):
        return None if form is None else getpath(form, path[1:])

    def rows(block: Block) -> list[dict]:
        if form is None:
            return [{"source": "资金总额"}] if block.title == FUNDING_BLOCK else []
        if block.title == FUNDING_BLOCK:
            return [{**fields_of(f), "_weight": weight} for f in form.funding]
        return [fields_of(i) for i in form.indicators]

    st, ws = book.st, book.wb.add_worksheet(sheet.name)
    for i, w in enumerate(sheet.widths):
        ws.set_column(i, i, w)
    width = len(sheet.widths)
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.merge_range(0, 0, 0, width - 1, FORM_TITLE, st.title)
    need(ws, 0, 28)
    ctx_total = _shown_total(form, weight, book.profile)
    items = sheet.items
    # write_items keeps block positions in its own ctx; pass the shown 总分 through a FormulaRow hook.
    r = 1
    ctx: dict[str, Any] = {"_total": ctx_total}
    for item in items:
        if isinstance(item, Block):
            ctx[item.title] = r
            r = write_block(book, ws, sheet.name, item, rows(item), r, sheet.widths, ctx)
        elif isinstance(item, FormulaRow):
            r = _write_total_row(book, ws, item, r, ctx, sheet.widths)
        else:
            r = write_items(book, ws, sheet, [item], r, get, rows, sheet.widths)
    fit_rows(ws)
    ws.protect("", PROTECT)


def _shown_total(form, weight: int, profile: Profile) -> tuple:
    """The 总分 and 等级 the build gives the form (shown until the spreadsheet recalculates)."""
    if form is None or not form.funding:
        return ("", "")
    from ..performance.scoring import recompute

    scored = recompute(form, profile.performance)
    return ("" if scored.total is None else _number(scored.total), scored.grade or "")


def _compiled(data: DepartmentData, profile: Profile) -> Disclosure | None:
    """The compiled model, for the values formula cells show; None when the data do not compile
    yet (a blank workbook, or one still being filled)."""
    from ..compile import compile_disclosure

    if not data.functional:
        return None
    try:
        return compile_disclosure(data, profile=profile)
    except (InputError, ValueError, KeyError):
        return None
