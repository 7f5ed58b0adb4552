"""Tables whose columns are marked by alignment alone: no tabs, no ruling lines.

``pdftotext -layout`` prints a table's columns as runs of spaces (each CJK character one
column wide), and a PDF table drawn without ruling lines leaves only where its glyphs stand.
Both come here as lines of *fragments* (a run of text and its horizontal extent); this module
finds the table's columns and rows and returns rows of cells, the same ``Line`` rows the tab
and ruled paths give, so the layout matching reads them unchanged.

How, for one stretch of a table (one page of it):
- the body is the lines from the first figure (or code line) on; its fragments give the columns:
  the figures of one column overlap (they are right-aligned; two clusters side by side that never
  share a line are one column a long name shifted), codes and names start at one place (a text
  column needs two lines to stand, a figure column one);
- the header (the lines above the body) adds the columns no body line fills (a printed column
  left empty), only among the figure columns; a 栏次 row, or a deepest header line naming every
  figure column, is the list of columns itself; header fragments label the column under them
  (a header cell wrapped over lines is joined), one whose printed width covers several spans them;
- each line's fragments go to columns in order, each to the nearest (an order-keeping
  assignment, so 类 款 项 printed centred still land on three code columns);
- rows: a cell printed at the top of a tall row stands on a line of its own above the rest, so
  a line of amounts alone opens a row; a line whose fragments fall in columns the row has
  filled opens the next row, unless it is the rest of a wrapped name (the row's text in that
  column ran to the column's full width and the line does not open a numbered item).

Conservative on purpose: a stretch is refused (its lines stay text, the table COMP-001's
warning) when a line of figures does not fit its columns closely, a figure falls under a name or
code column or a code under a figure column, figures stand above the body, two figure columns
lie on top of each other, or the 栏次 numbers do not fit the figures. A false row is worse than
an unread table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import patterns
from .normalize import compact, is_number

_CODE = patterns.compile(r"^\d{2,3}(?:\d{2}){0,2}$")
_AMOUNT_CHARS = patterns.compile(r"^[-−–]?[\d,]*\.?\d+%?$|^[-—–]$")
_ENUMERATED = patterns.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．])")
_FIGURE = patterns.compile(r"\d\.\d{2}(?!\d)|\d,\d{3}")
_SENTENCE = patterns.compile(r"[，。；！？]")


@dataclass
class Frag:
    """A run of text on a line without ruling, with its horizontal extent."""

    text: str
    x0: float
    x1: float

    @property
    def kind(self) -> str:
        t = compact(self.text)
        if _CODE.match(t) and "." not in t:
            return "code"
        if is_number(t) and _AMOUNT_CHARS.match(t) and ("." in t or "," in t or t in "-—–"):
            return "amount"
        if is_number(t) and t.isdigit():
            return "code" if len(t) <= 3 or len(t) in (5, 7) else "amount"  # 行次 1…N and codes
        return "text"


@dataclass
class Column:
    """A column of a table printed without ruling: its extent, kind, amount edge and header
    labels."""

    x0: float
    x1: float
    kind: str  # amount | code | text | header
    right: float | None = None  # the right edge amounts align on
    number: str = ""  # its 栏次 number (or the word 栏次 over the name columns)
    labels: list[tuple[int, str]] = field(default_factory=list)  # (header line, text)


def text_fragments(line: str) -> list[Frag]:
    """A text line's fragments: runs separated by two or more spaces; a single space also
    separates two figures or two words of two characters or more (``基本支出 项目支出``), not
    the spaced-out characters of a justified cell (``因 公 出 国``)."""
    out: list[Frag] = []
    for m in re.finditer(r"\S+(?: \S+)*", line):
        start = m.start()
        words = [(w.start() + start, w.group()) for w in re.finditer(r"\S+", m.group())]
        run: list[tuple[int, str]] = [words[0]]
        for pos, w in words[1:]:
            prev = run[-1][1]
            if (is_number(prev) and (is_number(w) or bool(_FIGURE.search(prev)))) or (len(prev) >= 2 and len(w) >= 2 and not is_number(prev) and not is_number(w)
                                                      and not _SENTENCE.search(prev + w) and not _ENUMERATED.fullmatch(prev)):
                out.append(_frag(run))
                run = [(pos, w)]
            else:
                run.append((pos, w))
        out.append(_frag(run))
    return out


def display_width(text: str) -> int:
    from unicodedata import east_asian_width

    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)


def _frag(run: list[tuple[int, str]]) -> Frag:
    text = " ".join(w for _, w in run)
    x0 = run[0][0]
    return Frag(text, float(x0), float(run[-1][0] + len(run[-1][1])))


def is_prose(frags: list[Frag]) -> bool:
    """A line of running text, not a table row: one fragment with a sentence in it."""
    return len(frags) == 1 and len(frags[0].text) >= 15 and bool(_SENTENCE.search(frags[0].text))


def _cluster(items: list[tuple[float, Frag]], tol: float) -> list[list[tuple[float, Frag]]]:
    items = sorted(items, key=lambda it: it[0])
    out: list[list[tuple[float, Frag]]] = []
    for it in items:
        if out and it[0] - out[-1][-1][0] <= tol:
            out[-1].append(it)
        else:
            out.append([it])
    return out


def _gap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, max(a0, b0) - min(a1, b1))


def _cost(f: Frag, c: Column, unit: float) -> float:
    cost = _gap(f.x0, f.x1, c.x0, c.x1) / unit
    if f.kind == "amount" and c.right is None:
        cost += 1.0  # a figure belongs in a figure column (or one only the header shows)
    return cost


def assign(frags: list[Frag], cols: list[Column], unit: float) -> tuple[list[int], float] | None:
    """Each fragment's column (order kept, one fragment a column) and the worst fragment's
    cost, by dynamic programming over (fragment, column)."""
    n, m = len(frags), len(cols)
    if n > m:
        return None
    inf = float("inf")
    # best[i][j]: fragments i.. placed in columns j..; cost = (worst, total)
    best = [[(inf, inf)] * (m + 1) for _ in range(n + 1)]
    choice = [[-1] * (m + 1) for _ in range(n + 1)]
    for j in range(m + 1):
        best[n][j] = (0.0, 0.0)
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            skip = best[i][j + 1]
            c = _cost(frags[i], cols[j], unit)
            rest = best[i + 1][j + 1]
            take = (max(c, rest[0]), c + rest[1])
            if take[1] <= skip[1] and take[0] < inf:
                best[i][j], choice[i][j] = take, j
            else:
                best[i][j], choice[i][j] = skip, -1
    if best[0][0][0] == inf:
        return None
    out, j = [], 0
    for i in range(n):
        while choice[i][j] == -1:
            j += 1
        out.append(j)
        j += 1
    return out, best[0][0][0]


@dataclass
class Row:
    """A row being gathered from aligned lines: text per column."""

    cells: dict[int, list[str]] = field(default_factory=dict)
    ends: dict[int, float] = field(default_factory=dict)  # right end of the last text per column
    first: int = 0  # index of its first line


@dataclass
class TableRows:
    """A table read from aligned text: header rows, body rows and the lines used."""

    header: list[list[tuple[str, int]]]  # rows of (text, span) per column position
    rows: list[tuple[int, list[str]]]  # (first line index, one text per column)
    header_lines: list[int]  # line indexes the header covers
    ncols: int
    columns: list[Column] = field(default_factory=list)
    used: set[int] = field(default_factory=set)  # line indexes read into the header and rows


def continue_columns(prev: TableRows, cont: TableRows) -> bool:
    """A table continued on a page without its header has the columns that page fills only:
    place them among the first page's columns (the name and code columns, always printed,
    give the scale between the two pages), so every row has the same positions. False when
    they cannot be placed (the page is then not read: its figures could land in wrong columns)."""
    if cont.header or cont.ncols >= prev.ncols:
        return True
    fixed_prev = [c for c in prev.columns if c.kind in ("code", "text")]
    fixed_cont = [c for c in cont.columns if c.kind in ("code", "text")]
    a, b = 1.0, 0.0
    if len(fixed_prev) == len(fixed_cont) >= 2 and fixed_cont[-1].x0 != fixed_cont[0].x0:
        a = (fixed_prev[-1].x0 - fixed_prev[0].x0) / (fixed_cont[-1].x0 - fixed_cont[0].x0)
        b = fixed_prev[0].x0 - a * fixed_cont[0].x0
    frags = [Frag("", a * c.x0 + b, a * c.x1 + b) for c in cont.columns]
    targets = [Column(c.x0, c.x1, c.kind, right=c.right if c.right is not None else (c.x1 if c.kind == "header" else None)) for c in prev.columns]
    got = assign(frags, targets, 1.0)
    if got is None:
        return False
    where = got[0]
    if any((cont.columns[k].kind == "amount") != (prev.columns[j].kind in ("amount", "header")) for k, j in enumerate(where)):
        return False
    for n, (first, cells) in enumerate(cont.rows):
        row = [""] * prev.ncols
        for k, text in enumerate(cells):
            row[where[k]] = text
        cont.rows[n] = (first, row)
    cont.ncols = prev.ncols
    cont.columns = prev.columns
    return True


def _no(why: str) -> None:
    """Refuse a stretch, saying why to whoever debugs a layout (``-v`` logging)."""
    import logging

    logging.getLogger(__name__).debug("aligned table refused: %s", why)
    return None


# A page of a table has some tens of lines and at most a few dozen columns; past these a stretch is
# no table (or is built to make the quadratic steps slow).
MAX_STRETCH = 2000
MAX_COLUMNS = 64
MAX_LINE = 600  # characters: a landscape table row in a text extraction is some 200


def read_stretch(lines: list[list[Frag]], unit: float = 1.0, *, continued: bool = False) -> TableRows | None:
    """The rows of one stretch of a table (lines of fragments, blank lines as empty lists), or
    None when the alignment is not strong enough to call it a table."""
    if len(lines) > MAX_STRETCH or any(len(fr) > MAX_COLUMNS for fr in lines):
        return _no("longer or wider than a page of a table")  # (and the assignment is quadratic)
    lines = [[] if is_furniture(fr) else fr for fr in lines]
    filled = [i for i, fr in enumerate(lines) if fr]
    # a page number above or below the table, or after blank lines at a page's foot
    feet = [i for i in filled if i >= 2 and not lines[i - 1] and not lines[i - 2]]
    for i in filled[:1] + filled[-1:] + feet:
        if len(lines[i]) == 1 and _PAGE_NUMBER.match(compact(lines[i][0].text)) and not lines[i][0].text.startswith("0"):
            lines[i] = []
    numbers_at = next((i for i, fr in enumerate(lines) if is_column_numbers(fr)), None)
    # the body opens at the first figure, or at a code line before it (a row of blanks), after
    # the 栏次 numbers if printed (a table continued from the previous page opens with a row:
    # a header repeated there reads as header words, which the layout reader passes over)
    body_start = next((i for i, fr in enumerate(lines) if (numbers_at is None or i > numbers_at) and (
                       any(f.kind == "amount" for f in fr) or (len(fr) >= 2 and fr[0].kind == "code")
                       or (continued and fr))), None)
    if body_start is None:
        return _empty_table(lines)
    body = [(i, fr) for i, fr in enumerate(lines) if i >= body_start and fr]
    figures = sum(1 for _, fr in body if sum(f.kind == "amount" for f in fr) >= 1)
    # one row alone (a 三公 table) is a table only under a header of two lines or more
    if figures < 1 or (len(body) < 2 and (sum(1 for fr in lines[:body_start] if fr) < 2 or sum(f.kind == "amount" for f in body[0][1]) < 2)):
        return None
    cols = _body_columns([fr for _, fr in body], unit)
    if not cols:
        return _no("no body columns")
    header_idx = [i for i in range(body_start) if lines[i]]
    if any(_FIGURE.search(f.text) for i in header_idx for f in lines[i]):
        return _no("figures above the body: the header cannot be told from the rows")
    numbered = False
    finest = None
    if numbers_at is not None:
        if not _numbered_columns(cols, lines[numbers_at], unit):
            return _no("the 栏次 numbers do not fit the figures")
        numbered = True
    elif header_idx:
        # the deepest header line naming every figure column (预算数 决算数 … under the 三公
        # columns) is the list of columns, the empty ones included
        deepest = header_idx[-1]
        if _numbered_columns(cols, lines[deepest], unit, labels_at=deepest):
            numbered, finest = True, deepest
    spans = _header_columns(cols, [(i, lines[i]) for i in header_idx if i not in (numbers_at, finest)], unit, fixed=numbered)
    if spans is None:
        return _no("header does not fit")
    # every body line must fit the columns closely
    placed: list[tuple[int, list[tuple[int, Frag]]]] = []
    for i, fr in body:
        got = assign(fr, cols, unit)
        # words alone (a sub-header inside the table: 项目 统计数) are centred, not aligned
        words_only = all(f.kind == "text" for f in fr)
        limit = 6.0 if words_only else 2.5
        if (got is None or got[1] > limit * unit) and words_only:
            continue  # words that fit no column (a sub-header set apart): left as a text line
        if got is None or got[1] > limit * unit:
            return _no(f"line {i} does not fit: {[f.text for f in fr]} cost {got and got[1]} cols {[(c.kind, c.x0, c.x1) for c in cols]}")
        pairs = list(zip(got[0], fr))
        for k, f in pairs:
            # a code under figures or a figure under codes or names: the columns are wrong
            if cols[k].kind == "amount" and f.kind == "code" and (f.text.startswith("0") or len(compact(f.text)) > 2):
                return _no(f"code {f.text} in a figure column")
            if cols[k].kind in ("code", "text") and f.kind == "amount":
                return _no(f"figure {f.text} in a {cols[k].kind} column")
        placed.append((i, pairs))
    text_cols = {k for k, c in enumerate(cols) if c.kind in ("text", "header")}
    # a column's full width: its longest unspaced text (a justified cell, 因 公 出 国, is wider)
    widths = {k: max((f.x1 for _, pl in placed for kk, f in pl if kk == k and " " not in f.text), default=0.0) for k in text_cols}
    rows: list[Row] = []
    prev_i = None
    for i, pl in placed:
        cur = rows[-1] if rows else None
        values_only = all(f.kind == "amount" for _, f in pl)
        collide = cur is not None and any(k in cur.cells for k, _ in pl)
        if values_only and cur is not None and not collide and all(cols[k].kind == "amount" or cols[k].right is not None for k in cur.cells):
            values_only = False  # figures set a little lower than the others of a row opened by figures
        if cur is not None and collide and not values_only and prev_i == i - 1 and _continues(cur, pl, text_cols, widths, unit):
            for k, f in pl:
                cur.cells[k].append(f.text)
                cur.ends[k] = f.x1
        elif cur is None or values_only or collide:
            rows.append(Row(first=i))
            cur = rows[-1]
            for k, f in pl:
                cur.cells[k] = [f.text]
                cur.ends[k] = f.x1
        else:
            for k, f in pl:
                cur.cells[k] = [f.text]
                cur.ends[k] = f.x1
        prev_i = i
    out_rows = [(r.first, ["".join(r.cells.get(k, [])) if cols[k].kind in ("text", "header") else " ".join(r.cells.get(k, [])) for k in range(len(cols))]) for r in rows]
    labels = [_label(c) for c in cols]
    header: list[list[tuple[str, int]]] = []
    if spans:
        header.append(spans)
    if any(labels):
        header.append([(t, 1) for t in labels])
    if numbers_at is not None:
        header.append([(c.number, 1) for c in cols])
    used = set(header_idx) | {i for i, _ in placed}
    return TableRows(header=header, rows=out_rows, header_lines=header_idx, ncols=len(cols), columns=cols, used=used)


def _empty_table(lines: list[list[Frag]]) -> TableRows | None:
    """A table printed without figures (本表无数据, a header and an empty 合计 row): its lines as
    rows of their words, so the table stands where it is printed and its 合计 and note are not
    taken for the table before it. Only a header of two lines of several words each above a
    合计 standing alone."""
    filled = [(i, fr) for i, fr in enumerate(lines) if fr]
    if sum(1 for _, fr in filled if len(fr) >= 2) < 2 or any(is_prose(fr) for _, fr in filled):
        return None
    if not any(len(fr) == 1 and compact(fr[0].text) in ("合计", "总计") for _, fr in filled):
        return None  # no empty 合计 row: not a table printed empty (a 目录, a list)
    rows = [(i, [f.text for f in fr]) for i, fr in filled]
    width = max(len(cells) for _, cells in rows)
    rows = [(i, cells + [""] * (width - len(cells))) for i, cells in rows]
    return TableRows(header=[], rows=rows, header_lines=[], ncols=width, used={i for i, _ in filled})


def _continues(row: Row, pl: list[tuple[int, Frag]], text_cols: set[int], widths: dict[int, float], unit: float) -> bool:
    """The line is the rest of wrapped names: text only, in text columns whose text so far ran
    to the column's full width, and not opening a numbered item."""
    for k, f in pl:
        if k not in text_cols or k not in row.cells or f.kind != "text":
            return False
        if _ENUMERATED.match(f.text) or row.ends[k] < widths[k] - 2.5 * unit:
            return False
    return True


def _label(c: Column) -> str:
    return "".join(t for _, t in sorted(c.labels, key=lambda it: it[0]))


def _body_columns(body: list[list[Frag]], unit: float) -> list[Column]:
    cols: list[Column] = []
    # figures of one column overlap each other (right-aligned; a text extraction may shift
    # a figure by a character or two); two figures of one line are never one column
    amounts = sorted(((n, f) for n, fr in enumerate(body) for f in fr if f.kind == "amount"), key=lambda it: it[1].x0)
    groups: list[list[tuple[int, Frag]]] = []
    spans: list[list[float]] = []  # each group's extent (its members overlap: no gap inside)
    rows_in: list[set[int]] = []  # the lines each group has a figure on
    for n, f in amounts:
        hit = [g for g, (a, b) in enumerate(spans) if min(f.x1, b) - max(f.x0, a) > 0]
        if len(hit) > 1 or (hit and n in rows_in[hit[0]]):
            return _no(f"figures of two columns overlap at {f.text}") or []
        if hit:
            g = hit[0]
            groups[g].append((n, f))
            spans[g][1] = max(spans[g][1], f.x1)
            rows_in[g].add(n)
        else:
            groups.append([(n, f)])
            spans.append([f.x0, f.x1])
            rows_in.append({n})
        if len(groups) > MAX_COLUMNS:
            return _no("more columns than a table prints") or []
    # two figure clusters side by side that never share a line are one column whose figures a
    # text extraction shifted (a long CJK name before them): join them
    groups.sort(key=lambda g: min(f.x0 for _, f in g))
    joined: list[list[tuple[int, Frag]]] = []
    for g in groups:
        if joined:
            prev = joined[-1]
            gap = min(f.x0 for _, f in g) - max(f.x1 for _, f in prev)
            if gap <= 2 * unit and not ({n for n, _ in g} & {n for n, _ in prev}):
                prev.extend(g)
                continue
        joined.append(g)
    groups = joined
    for g in groups:
        fs = [f for _, f in g]
        cols.append(Column(min(f.x0 for f in fs), max(f.x1 for f in fs), "amount", right=max(f.x1 for f in fs)))
    codes = [(f.x0, f) for fr in body for f in fr if f.kind == "code"]
    texts = [(f.x0, f) for fr in body for f in fr if f.kind == "text"]
    for kind, items in (("code", codes), ("text", texts)):
        for group in _cluster(items, 1.0 * unit):
            if len(group) >= 2:
                cols.append(Column(min(f.x0 for _, f in group), max(f.x1 for _, f in group), kind))
    cols.sort(key=lambda c: (c.x0 + c.x1) / 2)
    # columns whose extents overlap are one column seen twice (a code column that also holds
    # a short name); a name running under a figure column is no alignment evidence
    merged: list[Column] = []
    for c in cols:
        if merged and min(c.x1, merged[-1].x1) - max(c.x0, merged[-1].x0) > 0.5 * unit:
            prev = merged[-1]
            if "amount" in (prev.kind, c.kind):
                amount, other = (prev, c) if prev.kind == "amount" else (c, prev)
                if other.kind == "code" and other.x0 >= amount.x0 - 0.5 * unit and other.x1 <= amount.x1 + 0.5 * unit:
                    # whole numbers right-aligned among the figures (a count of vehicles): figures
                    prev.x0, prev.x1, prev.kind, prev.right = amount.x0, amount.x1, "amount", amount.right
                    continue
                if prev.kind == "text" and c.kind == "amount" and c.x0 - prev.x0 > 2 * unit:
                    # a text extraction counts a CJK character one column wide but places the
                    # next run by its printed position: a name's end is unreliable, its start is
                    prev.x1 = c.x0 - 1
                    merged.append(c)
                    continue
                return _no(f"text over figures {prev} {c}") or []
            prev.x0, prev.x1 = min(prev.x0, c.x0), max(prev.x1, c.x1)
            continue
        merged.append(c)
    return merged


_FURNITURE = patterns.compile(r"单位[:：]|部门名称[:：]|编制单位|填报单位|^(?:公开\d+表|公开表\d+|附表\d+)$")
_PAGE_NUMBER = patterns.compile(r"^(?:[-—–]\s*)?[1-9]\d?(?:\s*[-—–])?$")


def is_furniture(frags: list[Frag]) -> bool:
    """A line above or inside a table that is none of its rows: the unit, the department, the
    table number, a page number."""
    if not frags or any(f.kind == "amount" and "." in f.text for f in frags):
        return False
    return any(_FURNITURE.search(compact(f.text)) for f in frags)


def is_column_numbers(frags: list[Frag]) -> bool:
    """The 栏次 row: 1 2 3 … under the value columns (after 栏次 or 行次 over the names)."""
    nums = [f for f in frags if compact(f.text) not in ("栏次", "行次")]
    if len(nums) < 2 or len(frags) - len(nums) > 1:
        return False
    texts = [compact(f.text) for f in nums]
    if not all(t.isdigit() for t in texts):
        return False
    first = int(texts[0])
    return first <= 1 and [int(t) for t in texts] == list(range(first, first + len(texts)))


def _numbered_columns(cols: list[Column], frags: list[Frag], unit: float, labels_at: int | None = None) -> bool:
    """The columns the 栏次 row numbers (or, ``labels_at``, the header line that names every
    figure column): each figure column takes the number nearest it (in order); a number no
    figure column takes is a column printed empty. Mutates ``cols``."""
    figures = [c for c in cols if c.kind == "amount"]
    if labels_at is not None:
        names_end = max((c.x1 for c in cols if c.kind in ("code", "text")), default=-1e9)
        nums = [f for f in frags if f.x0 >= names_end - 1 * unit]
        if len(nums) < max(2, len(figures) + 1) or len(nums) != len(frags):
            return False
        words = []
    else:
        nums = [f for f in frags if compact(f.text).isdigit()]
        words = [f for f in frags if not compact(f.text).isdigit()]
    slots = [Column(f.x0 - 3 * unit, f.x1 + 3 * unit, "header") for f in nums]
    got = assign([Frag("0.00", c.x0, c.x1) for c in figures], slots, unit)
    if got is None or got[1] > 4:
        return False
    taken = dict(zip(got[0], figures))
    for k, f in enumerate(nums):
        col = taken.get(k)
        if col is None:
            col = Column(f.x0 - 1 * unit, f.x1 + 1 * unit, "header")
            cols.append(col)
        if labels_at is None:
            col.number = compact(f.text)
        else:
            col.labels.append((labels_at, f.text))
    cols.sort(key=lambda c: (c.x0 + c.x1) / 2)
    first = next((k for k, c in enumerate(cols) if c.number), 0)
    if words and first > 0:
        cols[first - 1].number = compact(words[0].text)
    return True


def _overlap(f: Frag, x0: float, x1: float) -> bool:
    return min(f.x1, x1) - max(f.x0, x0) > 0


def _header_columns(cols: list[Column], header: list[tuple[int, list[Frag]]], unit: float, *, fixed: bool = False) -> list[tuple[str, int]] | None:
    """Label the body columns with the header fragments, add the columns only the header shows
    (a column printed empty; mutates ``cols``), and return the row of spanning cells (empty
    when there is none). A header fragment over one column labels it; over several, spans
    them. Fragments over no body column are taken bottom-up: the deepest header line names a
    table's finest columns, and a wrapped header cell's pieces stand over each other."""
    ext = {id(c): [c.x0, c.x1] for c in cols}
    spanning: list[tuple[int, Frag]] = []
    orphans: list[tuple[int, Frag]] = []
    for line_no, fr in header:
        last, prev = -1, None
        for f in fr:
            over = [k for k, c in enumerate(cols) if _overlap(f, c.x0, c.x1)]
            # a title over several columns: a text extraction sets it from where it starts,
            # one column a CJK character, so its printed extent is its display width
            printed = f.x0 + display_width(f.text) * unit
            covered = [k for k, c in enumerate(cols) if f.x0 <= (c.x0 + c.x1) / 2 <= printed]
            if len(covered) >= 2:
                over = covered
            if prev is not None and f.x0 - prev.x1 <= 1 and over and over[0] <= last < len(cols) - 1:
                # words one space apart were set as one run: the later ones stand further right
                # than the text shows (基本支出 项目支出 over two columns)
                over = [last + 1]
            prev = f
            if over:
                last = over[-1]
            if len(over) == 1:
                cols[over[0]].labels.append((line_no, f.text))
                e = ext[id(cols[over[0]])]
                e[0], e[1] = min(e[0], f.x0), max(e[1], f.x1)
            elif len(over) > 1:
                spanning.append((line_no, f))
            else:
                orphans.append((line_no, f))
    top = min((line_no for line_no, fr in header if fr), default=-1) if len([1 for _, fr in header if fr]) > 1 else -2
    for line_no, f in sorted(orphans, key=lambda it: -it[0]):
        over = [c for c in cols if _overlap(f, *ext[id(c)])]
        if len(over) == 1:
            over[0].labels.append((line_no, f.text))
            e = ext[id(over[0])]
            e[0], e[1] = min(e[0], f.x0), max(e[1], f.x1)
            continue
        if len(over) > 1:
            spanning.append((line_no, f))
            continue
        # room between the neighbouring columns' figures and names (a header cell centred
        # over a right-aligned column may stand left of its figures)
        before = [c for c in cols if c.x1 <= f.x0 + 0.5 * unit]
        after = [c for c in cols if c.x0 >= f.x1 - 0.5 * unit]
        left = max((c.x1 for c in before), default=-1e9)
        right = min((c.x0 for c in after), default=1e9)
        # a column printed empty stands among the figure columns (or after them), never among
        # the code and name columns; and the top header line holds titles over several
        # columns (收入, 支出), not a column of its own
        beside_figures = any(c.kind in ("amount", "header") for c in before if c.x1 == left) or any(
            c.kind in ("amount", "header") for c in after if c.x0 == right) or not after
        if not fixed and line_no != top and beside_figures and f.x0 - left >= 2 * unit and right - f.x1 >= 2 * unit:
            c = Column(f.x0, f.x1, "header", labels=[(line_no, f.text)])  # a column printed empty
            cols.append(c)
            ext[id(c)] = [f.x0, f.x1]
        else:
            near = min(cols, key=lambda c: _gap(f.x0, f.x1, *ext[id(c)]))
            near.labels.append((line_no, f.text))
    cols.sort(key=lambda c: (c.x0 + c.x1) / 2)
    # a figure column no header word stands over or beside is the column of the header-only
    # candidate just left of it: its title is centred, its figures right-aligned (统计数)
    k = 1
    while k < len(cols):
        c, left_col = cols[k], cols[k - 1]
        top_line = min((ln for ln, _ in left_col.labels), default=0)
        # (the figure column's own title would stand on the same lines or lower)
        if not fixed and c.kind == "amount" and left_col.kind == "header" and not any(ln >= top_line for ln, _ in c.labels) and not any(
                _gap(f.x0, f.x1, c.x0, c.x1) == 0 for ln, fr in header if ln >= top_line for f in fr):
            c.labels = left_col.labels
            ext[id(c)] = [min(ext[id(c)][0], left_col.x0), ext[id(c)][1]]
            del cols[k - 1]
            continue
        k += 1
    out: list[tuple[str, int]] = []
    if not spanning:
        return out
    cells = [("", 1)] * len(cols)
    for line_no, f in sorted(spanning, key=lambda it: it[0]):
        over = [k for k, c in enumerate(cols) if _overlap(f, *ext[id(c)])]
        if not over:
            continue
        k = over[0]
        text, span = cells[k]
        cells[k] = (text + f.text, max(span, over[-1] - k + 1))
    # a spanning cell covers the positions after it: blank them as covered
    k = 0
    while k < len(cells):
        text, span = cells[k]
        for q in range(k + 1, min(k + span, len(cells))):
            cells[q] = ("", 1)
        k += max(span, 1)
    return cells


@dataclass
class Stretch:
    """One page's part of a table in a text: the lines it covers and the rows read there."""

    start: int
    end: int  # exclusive
    table: TableRows


_UNIT_LINE = patterns.compile(r"^(?:金额)?单位[:：]")
_SECTION = patterns.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]).*(?:说明|情况)")
_NOTE = patterns.compile(r"^(?:注|说明|备注)[:：\d]")


def text_stretches(lines: list[str], page_starts: set[int] = frozenset()) -> list[Stretch]:
    """The aligned tables of a text without tabs: after each recognised table title, its
    lines up to the next title, part heading, note or paragraph, read page by page
    (``page_starts``: the lines after a form feed)."""
    from .kinds import part_key, part_number, title_kind

    out: list[Stretch] = []
    n = len(lines)
    i = 0
    while i < n:
        if "\t" in lines[i] or title_kind(lines[i].strip()) is None:
            i += 1
            continue
        start = i + 1
        end = start
        while end < n:
            raw = lines[end]
            s = raw.strip()
            if "\t" in raw or len(raw) > MAX_LINE or end - start > MAX_STRETCH:
                break  # (a line wider than any table row, or a stretch longer than a table: no table)
            if s and (title_kind(s) is not None or part_number(s) is not None or _NOTE.match(s) or is_prose(text_fragments(raw))):
                break
            if s and not lines[end - 1].strip() and len(text_fragments(raw)) == 1 and (_SECTION.match(s) or part_key(s) is not None):
                break  # a section or part heading of the narrative after the table
            end += 1
        # page by page: a table continued on the next page is aligned afresh there
        a = start
        while a < end:
            b = a + 1
            while b < end and b not in page_starts:
                b += 1
            frs = []
            for k in range(a, b):
                s = lines[k]
                frs.append([] if not s.strip() or _UNIT_LINE.match(s.strip()) else text_fragments(s))
            got = read_stretch(frs, continued=a > start)
            if got is not None and a > start and out and out[-1].end == a and not continue_columns(out[-1].table, got):
                got = None
            if got is not None:
                out.append(Stretch(a, b, got))
            a = b
        i = max(end, i + 1)
    return out


def grid_tables(lines: list, fragments_of, page_of) -> list:
    """The lines of a document read by glyph position (a PDF's text outside ruled tables) with
    the tables set by alignment alone turned into rows: after each recognised title whose table
    is not already rows, page by page, as ``text_stretches`` does for a text.
    ``fragments_of(line)``: the line's fragments in character columns (None for a line read
    otherwise); ``page_of(line)``: its page."""
    from .grid import GridCell, Line
    from .kinds import part_key, part_number, title_kind

    cache: dict[int, list[Frag] | None] = {}

    def frags(line) -> list[Frag] | None:
        if id(line) not in cache:
            cache[id(line)] = None if line.is_row else fragments_of(line)
        return cache[id(line)]

    out: list = []
    n = len(lines)
    i = 0
    while i < n:
        ln = lines[i]
        out.append(ln)
        i += 1
        if ln.is_row or title_kind(ln.text) is None or frags(ln) is None:
            continue
        end = i
        while end < n:
            cur = lines[end]
            s = cur.text.strip()
            fr = frags(cur)
            if cur.is_row or fr is None or title_kind(s) is not None or part_number(s) is not None or _NOTE.match(s) or is_prose(fr):
                break
            if len(fr) == 1 and cur.para_start and (_SECTION.match(s) or part_key(s) is not None):
                break
            end += 1
        a, last = i, None
        while a < end:
            b = a + 1
            while b < end and page_of(lines[b]) == page_of(lines[a]):
                b += 1
            frs = [[] if _UNIT_LINE.match(lines[k].text.strip()) else frags(lines[k]) for k in range(a, b)]
            # a gap between two lines of a page is a blank line in the text
            got = read_stretch(frs, continued=a > i)
            if got is not None and a > i and last is not None and not continue_columns(last, got):
                got = None
            last = got
            if got is None:
                out.extend(lines[a:b])
            else:
                rows = {r: cells for r, cells in got.rows}
                first = min(got.header_lines + list(rows))
                for k in range(a, b):
                    r = k - a
                    if r == first:
                        for h in got.header:
                            out.append(Line([GridCell(t, lines[k].loc, span=sp) for t, sp in h], True, lines[k].loc))
                    if r in rows:
                        out.append(Line([GridCell(t, lines[k].loc) for t in rows[r]], True, lines[k].loc))
                    elif r not in got.used:
                        out.append(lines[k])
            a = b
        i = end
    return out
