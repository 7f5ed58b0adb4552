"""Map printed table rows back to model rows: the inverse of ``juesuan.layout.render``.

A profile's table layout says, for every printed column of every body row, whether it holds a
label, a literal (行次), or the value at ``(row key, column)``. A printed row is matched to a
layout row by its labels, then its cells are read back by column position. Coded blocks
(classification codes) and 公开06-style economic groups are read by their code cells, so the
reader needs no list of row names: the template says how rows look, the document says which
codes it has.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .. import patterns
from ..model import Row, SourceLoc, Table
from ..money import NotANumber, round2
from ..profiles import BodyCell, TableLayout
from ..tables import COUNT_ROWS
from .grid import GridCell, Line
from .normalize import clean, compact, is_dash, is_number, parse_amount, strip_enumerator

CODE_LEVELS = {"类", "款", "项"}
_CODE3 = patterns.compile(r"^\d{3}$")
_CODE2 = patterns.compile(r"^\d{2}$")
_CODE_JOINED = patterns.compile(r"^\d{3}(\d{2}){0,2}$")


# Header words of any template's tables, beside the profile's own header texts.
GENERIC_HEADER = {
    "类", "款", "项", "项目", "栏次", "行次", "金额", "决算数", "科目代码", "科目编码", "科目名称",
    "功能分类科目编码", "支出功能分类科目编码", "经济分类科目编码", "支出功能分类", "经济分类", "收入", "支出",
}


@dataclass
class Slot:
    """A position of a profile's fixed row: a label, literal text, a reference to a model cell,
    a blank, or a span's continuation."""

    kind: str  # label | literal | ref | blank | cont (covered by a span)
    text: str = ""
    ref: tuple[str, str] | None = None


@dataclass
class FixedRow:
    """A fixed (uncoded) row of a table layout, as slots, with its labels for matching printed
    rows."""

    slots: list[Slot]
    labels: tuple[str, ...]  # compact label texts, in order

    @property
    def refs(self) -> list[tuple[str, str]]:
        return [s.ref for s in self.slots if s.ref]


@dataclass
class LayoutIndex:
    """A table layout prepared for reading: its fixed rows, header texts and coded columns."""

    layout: TableLayout
    ncols: int
    fixed: list[FixedRow] = field(default_factory=list)
    header_texts: set[str] = field(default_factory=set)
    coded_columns: list[str] | None = None
    groups: list[list[str]] | None = None  # economic groups: codes per group
    # sides (a budget's 收支总表): fixed rows on the left, the expenditure 类 on the right
    left: list[FixedRow] = field(default_factory=list)
    left_width: int = 0
    class_columns: list[str] | None = None

    @classmethod
    def build(cls, layout: TableLayout) -> "LayoutIndex":
        idx = cls(layout=layout, ncols=_layout_width(layout))
        for row in layout.header:
            for c in row:
                t = c if isinstance(c, str) else c.text
                if t:
                    idx.header_texts.add(compact(t))
        idx.header_texts.add("栏次")
        for item in layout.body:
            if item.cells is not None:
                slots = _expand(item.cells)
                labels = tuple(compact(s.text) for s in slots if s.kind == "label" and s.text)
                idx.fixed.append(FixedRow(slots, labels))
            elif item.coded is not None:
                idx.coded_columns = list(item.coded.columns)
            elif item.economic_groups is not None:
                idx.groups = [[e.split("=", 1)[0] for e in g] for g in item.economic_groups.groups]
            elif item.sides is not None:
                for cells in item.sides.left:
                    slots = _expand(cells)
                    idx.left.append(FixedRow(slots, tuple(compact(sl.text) for sl in slots if sl.kind == "label" and sl.text)))
                idx.left_width = max((len(f.slots) for f in idx.left), default=0)
                idx.class_columns = list(item.sides.right.columns)
        return idx

    def refs(self) -> list[tuple[str, str]]:
        return [r for f in self.fixed + self.left for r in f.refs]


def _layout_width(layout: TableLayout) -> int:
    width = 0
    occupied: set[tuple[int, int]] = set()
    for r, row in enumerate(layout.header):
        c = 0
        for cell in row:
            while (r, c) in occupied:
                c += 1
            cols, rows = (1, 1) if isinstance(cell, str) else (cell.cols, cell.rows)
            for dr in range(rows):
                for dc in range(cols):
                    occupied.add((r + dr, c + dc))
            c += cols
        width = max(width, c)
    for item in layout.body:
        if item.cells is not None:
            width = max(width, len(_expand(item.cells)))
    return width


def _expand(cells: list[str | BodyCell]) -> list[Slot]:
    slots: list[Slot] = []
    for spec in cells:
        if isinstance(spec, str):
            if spec.startswith("="):
                key, col = spec[1:].rsplit("/", 1)
                slots.append(Slot("ref", ref=(key, col)))
            elif not spec:
                slots.append(Slot("blank"))
            elif spec.isdigit():
                slots.append(Slot("literal", text=spec))
            else:
                slots.append(Slot("label", text=spec))
            continue
        if spec.v:
            key, col = spec.v.rsplit("/", 1)
            slots.append(Slot("ref", ref=(key, col)))
        elif spec.text:
            slots.append(Slot("literal" if spec.text.isdigit() else "label", text=spec.text))
        else:
            slots.append(Slot("blank"))
        slots.extend(Slot("cont") for _ in range(spec.cols - 1))
    return slots


@dataclass
class ReadProblem:
    """Something the reader could not place, and where."""

    loc: SourceLoc | None
    message: str


class TableReader:
    """Collects printed rows of one table and builds its model ``Table``."""

    def __init__(self, index: LayoutIndex, problems: list[ReadProblem]):
        self.index = index
        self.problems = problems
        self.rows: dict[str, Row] = {}
        self.started = False  # a body row has been read (rows before it may be header rows)
        self.last_coded: str | None = None  # the coded row read last (a wrapped name continues it)
        self.places: int | None = None  # most decimal places an amount was printed with
        self.carryover = False  # a 收支总表's 上年结转 row has been read (fund rows below it are its parts)

    # -- public -------------------------------------------------------------------------
    def add(self, line: Line) -> None:
        cells = _trim(line.cells)
        if not cells:
            return
        texts = [c.text for c in cells]
        filled = [compact(t) for t in texts if t]
        labels = tuple(compact(t) for t in texts if t and not is_number(t) and not is_dash(t))
        if self.index.class_columns is not None:
            self._add_sides(line, filled)
            return
        # A body row whose labels are exactly a layout row's wins over a header look-alike
        # (capital's 合计 row reads like its header cell 合计).
        fixed = self._match_fixed(labels) if labels else None
        if fixed is None and self._is_header(filled):
            return
        if fixed is None and not self.started and not any(is_number(t) for t in texts if t):
            return  # header wording that differs from the profile's, before the first body row
        if fixed is None:
            fixed = self._match_fixed(labels)
        self.started = True
        if fixed is not None:
            self.last_coded = None
            self._read_fixed(fixed, line.cells)
            return
        if self.index.class_columns is not None and self._read_sides(line.cells):
            return
        if self.index.groups is not None and self._read_groups(line.cells if len(line.cells) >= 3 * len(self.index.groups) else _pad(line.cells, self.index.ncols)):
            return
        if self.index.coded_columns is not None and self._read_coded(cells):
            return
        if len(filled) == 1 and self._continue_name(texts):
            return
        if labels:
            self.problems.append(ReadProblem(line.loc, f"无法识别的表格行：{' | '.join(t for t in texts if t)}"))

    def _continue_name(self, texts: list[str]) -> bool:
        """The rest of a long name that the extraction put on a line of its own
        ("机关事业单位基本养老保险缴" / "费支出"): it belongs to the coded row just read."""
        text = next((t for t in texts if t), "")
        if self.last_coded is None or not text or is_number(text) or len(text) > 24 or any(p in text for p in "。；;："):
            return False
        row = self.rows[self.last_coded]
        row.name = row.name + text
        return True

    def add_label_line(self, line: Line) -> bool:
        """A one-cell line inside a table that is a layout row by its label (an empty 合计 row
        that a workbook or page prints as a single filled cell)."""
        labels = tuple(compact(c.text) for c in line.cells if c.text)
        fixed = self._match_fixed(labels) if labels else None
        if fixed is None or not fixed.refs:
            return self._continue_name([c.text for c in line.cells])
        self._read_fixed(fixed, [GridCell(c.text, c.loc) for c in line.cells])
        return True

    def table(self, table_id: str) -> Table:
        return Table(id=table_id, rows=list(self.rows.values()), places=self.places)

    # -- matching -------------------------------------------------------------------------
    def _is_header(self, filled: list[str]) -> bool:
        """A (repeated) header row: every printed cell is a header text, 栏次 numbers included."""
        if not filled:
            return True
        if not all(t in self.index.header_texts for t in filled):
            # a repeated header worded a little differently (类/款/项 under 科目编码): mostly
            # header words and no figures
            known = sum(t in self.index.header_texts or t in GENERIC_HEADER for t in filled)
            return not any(is_number(t) for t in filled) and known * 5 >= len(filled) * 3

        # "1 2 3 …" alone is a 栏次 row only in a table whose header prints it.
        return any(not t.isdigit() for t in filled) or (bool(self.index.layout.header) and len(filled) > 2)

    def _match_fixed(self, labels: tuple[str, ...]) -> FixedRow | None:
        fixed = self.index.fixed
        candidates = [f for f in fixed if f.labels == labels]
        if not candidates and labels:
            bare = tuple(compact(strip_enumerator(t)) for t in labels)
            candidates = [f for f in fixed if tuple(compact(strip_enumerator(t)) for t in f.labels) == bare]
        if not candidates and labels:
            # wording that differs by an addition: 使用非财政拨款结余 / …结余（含专用结余）
            candidates = [f for f in fixed if len(f.labels) == len(labels) and all(_akin(a, b) for a, b in zip(labels, f.labels))]
        if not candidates and labels:
            # a 合计 row printed with or without the 类/款/项 labels in its code cells
            plain = tuple(t for t in labels if t not in CODE_LEVELS)
            candidates = [f for f in fixed if plain and tuple(t for t in f.labels if t not in CODE_LEVELS) == plain]
        if not candidates:
            return None
        # Same labels twice (rare): take the first not yet read, in layout order.
        for f in candidates:
            if not all(r[0] in self.rows and r[1] in self.rows[r[0]].values for r in f.refs):
                return f
        return candidates[0]

    # -- readers --------------------------------------------------------------------------
    def _read_fixed(self, fixed: FixedRow, cells: list[GridCell]) -> None:
        slots = fixed.slots
        n = len(slots)
        cells = list(cells)
        while len(cells) > n and not cells[-1].text:
            cells.pop()
        pairs = None
        labels_printed = sum(1 for c in cells if c.text and not is_number(c.text) and not is_dash(c.text))
        if len(cells) != n and cells and (cells[-1].text or labels_printed > 1):
            # a row of another width that ends in a figure: the document's layout differs
            pairs = _align_segments(slots, cells)
        if pairs is None:
            padded = cells + [GridCell("")] * (n - len(cells))
            # more printed columns than the layout has: align values from the right end
            pairs = list(zip(slots, padded[-n:]))
        label_text = ""
        line_no = None
        for slot, cell in pairs:
            if slot.kind == "label":
                label_text = cell.text or slot.text
                line_no = None
            elif slot.kind == "literal":
                if cell.text.isdigit():
                    line_no = int(cell.text)
            elif slot.kind == "ref" and slot.ref:
                key, col = slot.ref
                self._put(key, col, cell, name=label_text or key, line_no=line_no)

    def _read_coded(self, cells: list[GridCell]) -> bool:
        texts = [compact(c.text) for c in cells]
        i = 0
        code = ""
        texts = self._mended_codes(texts, cells)
        if texts and _CODE3.match(texts[0]):
            code = texts[0]
            i = 1
            # 类/款/项 printed in separate columns: join them.
            while i < len(texts) and i < 3 and (_CODE2.match(texts[i]) or texts[i] == ""):
                if texts[i]:
                    code += texts[i]
                i += 1
            if i < 3 and len(code) == 3 and _CODE_JOINED.match(texts[0]):
                pass
        elif texts and _CODE_JOINED.match(texts[0]):
            code, i = texts[0], 1
        else:
            return False
        if not _CODE_JOINED.match(code):
            return False
        # Split style printed blanks for missing 款/项 but a joined row does not: step back
        # over blank code columns only when the layout prints split codes.
        name_idx = i
        while name_idx < len(cells) and not cells[name_idx].text:
            name_idx += 1
        if name_idx >= len(cells) or is_number(cells[name_idx].text):
            name_cell = GridCell("")
            values = cells[i:]
        else:
            name_cell = cells[name_idx]
            values = cells[name_idx + 1 :]
        columns = self.index.coded_columns or []
        values = values[: len(columns)] + [GridCell("")] * max(0, len(columns) - len(values))
        for col, cell in zip(columns, values):
            self._put(code, col, cell, name=name_cell.text)
        self.last_coded = code
        return True

    def _add_sides(self, line: Line, filled: list[str]) -> None:
        """A row of a 收支总表, totals included (收入总计 | … | 支出总计 | …: each side read left to
        right, whatever the number of columns the template prints)."""
        if self._is_header(filled):
            return
        width = self.index.left_width
        left = next((c.text for c in line.cells[:width] if c.text and not is_number(c.text)), "")
        right = line.cells[width].text if len(line.cells) > width else ""
        known = (left and (self._match_left(compact(left)) or side_row(left, "in."))) or (
            right and not is_number(right) and (side_row(right, "ex.") or class_code(strip_enumerator(right))))
        if not known and not self.started and not any(is_number(t) for t in filled):
            return  # header wording that differs from the profile's, before the first body row
        self.started = True
        if not self._read_sides(line.cells) and filled:
            self.problems.append(ReadProblem(line.loc, f"无法识别的表格行：{' | '.join(c.text for c in line.cells if c.text)}"))

    def _read_sides(self, cells: list[GridCell]) -> bool:
        """A row of a budget's 收支总表: an income row on the left (matched by its label), a 类
        of expenditure on the right (``二、公共安全支出`` → ``ex.204``, by the classification's 类
        names: the numbers depend on which 类 the department has)."""
        width = self.index.left_width
        left, right = list(cells[:width]), list(cells[width:])
        done = False
        label = next((c.text for c in left if c.text and not is_number(c.text) and not is_dash(c.text)), "")
        if label:
            key = side_row(label, "in.")
            if key == "in.carryover":
                self.carryover = True
            elif key in FUND_ROWS and self.carryover:
                key = FUND_ROWS[key]  # 上年结转 › 一般公共预算拨款: the carry-over's part, not this year's income
            fixed = None if key in FUND_ROWS.values() else self._match_left(compact(label))
            key = None if fixed is not None else key
            if fixed is not None:
                self._read_fixed(fixed, left)
                done = True
            elif key is not None:
                value = next((c for c in left[1:] if c.text), GridCell(""))
                self._put(key, "amount", value, name=clean(label))
                done = True
            else:
                self.problems.append(ReadProblem(left[0].loc, f"无法识别的收入项目：{label}"))
        if right and right[0].text and not is_number(right[0].text):
            name = clean(strip_enumerator(right[0].text))
            key = side_row(name, "ex.")
            if key is None:
                code = class_code(name)
                key = f"ex.{code or name}"
            for col, cell in zip(self.index.class_columns or [], right[1:] + [GridCell("")] * len(self.index.class_columns or [])):
                self._put(key, col, cell, name=name)
            done = True
        return done

    def _match_left(self, label: str) -> FixedRow | None:
        bare = compact(strip_enumerator(label))
        for f in self.index.left:
            if f.labels and (f.labels[0] == label or compact(strip_enumerator(f.labels[0])) == bare):
                return f
        for f in self.index.left:
            if f.labels and _akin(label, f.labels[0]):
                return f
        return None

    def _mended_codes(self, texts: list[str], cells: list[GridCell]) -> list[str]:
        """Split codes printed damaged, read as what they must be and said so: a 款/项 printed
        with one digit (``301 | 2 | 津贴补贴``: a spreadsheet dropped the leading zero) and a 类
        that is not three digits under the 款 just read (``7 | 11 | 02`` after ``210 | 11``)."""
        if len(texts) < 3 or not texts[0].isdigit() or len(texts[0]) > 3:
            return texts
        out = list(texts)
        k = 1
        while k < min(3, len(out)) and re.fullmatch(r"\d{1,2}", out[k]):
            k += 1
        after = next((t for t in out[k:] if t), "")
        if not after or is_number(after):
            return texts  # no name after the code cells: not a split code (or a row of figures)
        for j in range(1, k):
            if len(out[j]) == 1:
                self.problems.append(ReadProblem(cells[j].loc, f"科目编码“{texts[0]} {out[j]}”的“{out[j]}”只印了一位数字，按“0{out[j]}”读取"))
                out[j] = "0" + out[j]
        if not _CODE3.match(out[0]) and k >= 2 and self.last_coded and len(self.last_coded) >= 5 and self.last_coded[3:5] == out[1]:
            mended = self.last_coded[:3]
            self.problems.append(ReadProblem(cells[0].loc, f"科目编码的“类”印为“{out[0]}”（应为三位数），按上一行的款“{self.last_coded[:5]}”读作“{mended}”"))
            out[0] = mended
        return out

    def _read_groups(self, cells: list[GridCell]) -> bool:
        groups = self.index.groups or []
        n = len(groups)
        # the document's own group width: 3 (code, name, amount) or 4 (类, 款, name, amount)
        width = len(cells) // n if n and len(cells) >= 3 * n else (self.index.ncols // n if n else 0)
        if width < 3:
            return False
        found = False
        for g in range(n):
            part = cells[g * width : (g + 1) * width]
            texts = [compact(c.text) for c in part]
            if width >= 4 and _CODE3.match(texts[0]) and (_CODE2.match(texts[1]) or not texts[1]):
                code, name, amount = texts[0] + texts[1], part[2], part[-1]
            else:
                code, name, amount = texts[0], part[1], part[-1]
            if not code:
                continue
            if not _CODE_JOINED.match(code):
                return found
            found = True
            self._put(code, "amount", amount, name=name.text)
        return found

    def _put(self, key: str, column: str, cell: GridCell, *, name: str = "", line_no: int | None = None) -> None:
        row = self.rows.get(key)
        if row is None:
            row = self.rows[key] = Row(key=key, name=clean(name), line_no=line_no, loc=cell.loc)
        elif line_no is not None and row.line_no is None:
            row.line_no = line_no
        try:
            value: Decimal | None = parse_amount(cell.text)
        except NotANumber:
            self.problems.append(ReadProblem(cell.loc, f"{key}/{column} 不是金额：{cell.text}"))
            value = None
        if value is not None and key not in COUNT_ROWS:
            places = max(0, -value.as_tuple().exponent)
            self.places = places if self.places is None else max(self.places, places)
            value = round2(value)  # half-up, as every printed figure is rounded
        row.values[column] = value
        if cell.loc is not None:
            row.cell_locs[column] = cell.loc


def _align_segments(slots: list[Slot], cells: list[GridCell]) -> list[tuple[Slot, GridCell]] | None:
    """Pair a layout row with a printed row of another width (a template without 行次, codes in
    one column instead of three): each label starts a segment, and a segment's values are
    matched from its right end, where the figures of every template stand."""
    spec_starts = [i for i, sl in enumerate(slots) if sl.kind == "label" and sl.text]
    printed_starts = [i for i, c in enumerate(cells) if c.text and not is_number(c.text) and not is_dash(c.text)]
    if not spec_starts or len(spec_starts) != len(printed_starts):
        return None
    spec_starts[0] = 0
    printed_starts[0] = 0
    pairs: list[tuple[Slot, GridCell]] = []
    for k, (a, b) in enumerate(zip(spec_starts, printed_starts)):
        a_end = spec_starts[k + 1] if k + 1 < len(spec_starts) else len(slots)
        b_end = printed_starts[k + 1] if k + 1 < len(printed_starts) else len(cells)
        seg_slots, seg_cells = slots[a:a_end], cells[b:b_end]
        label = next((c for c in seg_cells if c.text), GridCell(""))
        pairs.append((Slot("label", text=seg_slots[[i for i, sl in enumerate(seg_slots) if sl.kind == "label"][0]].text if any(sl.kind == "label" for sl in seg_slots) else ""), label))
        values = [sl for sl in seg_slots if sl.kind in ("ref", "literal")]
        tail = [c for c in seg_cells[1:]]
        tail = [GridCell("")] * max(0, len(values) - len(tail)) + tail[-len(values):] if values else []
        pairs.extend(zip(values, tail))
    return pairs


# Under 上年结转 in a 收支总表, a fund's row is the carry-over of that fund.
FUND_ROWS = {"in.fiscal_general": "in.carryover_general", "in.fiscal_fund": "in.carryover_fund", "in.fiscal_capital": "in.carryover_capital"}


def side_row(label: str, side: str) -> str | None:
    """The row key of a 收支总表 label by its words (``budget_rows:`` in reading.yaml), on one side
    (``in.`` income, ``ex.`` expenditure): 一、一般公共预算拨款收入 → in.fiscal_general."""
    return _side_rows().get(compact(strip_enumerator(label)), {}).get(side)


_SIDE_ROWS: dict[str, dict[str, str]] | None = None


def _side_rows() -> dict[str, dict[str, str]]:
    global _SIDE_ROWS
    if _SIDE_ROWS is None:
        from ..yamlio import load_package_yaml
        from .kinds import DATA

        rows: dict[str, dict[str, str]] = {}
        for key, words in ((load_package_yaml(DATA) or {}).get("budget_rows") or {}).items():
            for w in words:
                rows.setdefault(compact(w), {})[key[:3]] = key
        _SIDE_ROWS = rows
    return _SIDE_ROWS


def class_code(name: str) -> str | None:
    """The 类 code of an expenditure 类 printed by name (一般公共服务支出 → 201), from the names of
    every year's classification and the older names documents still print (reading.yaml)."""
    return _class_names().get(compact(name))


_CLASS_NAMES: dict[str, str] | None = None


def _class_names() -> dict[str, str]:
    global _CLASS_NAMES
    if _CLASS_NAMES is None:
        from .. import catalogues
        from ..yamlio import load_package_yaml
        from .kinds import DATA

        names: dict[str, str] = {}
        for year in catalogues.available_years("functional"):  # newer names win
            for code, n in catalogues.load("functional", year).codes.items():
                if len(code) == 3:
                    names[compact(n)] = code
        for n, code in ((load_package_yaml(DATA) or {}).get("class_names") or {}).items():
            names.setdefault(compact(n), str(code))
        _CLASS_NAMES = names
    return _CLASS_NAMES


def _akin(printed: str, layout: str) -> bool:
    """Two labels for the same row: one is the other with a qualifier added or dropped."""
    a, b = compact(strip_enumerator(printed)), compact(strip_enumerator(layout))
    if min(len(a), len(b)) < 4:
        return a == b
    return b.startswith(a) or a.startswith(b)


def _pad(cells: list[GridCell], n: int) -> list[GridCell]:
    return list(cells) + [GridCell("")] * max(0, n - len(cells))


def _trim(cells: list[GridCell]) -> list[GridCell]:
    """Drop trailing blank cells beyond what carries text (tab-separated rows end with tabs)."""
    out = list(cells)
    while out and not out[-1].text:
        out.pop()
    return out if out else []
