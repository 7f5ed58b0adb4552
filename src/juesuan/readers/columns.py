"""Columns by their header words: a table layout derived from the printed header itself.

For a table whose columns no known layout has (会议费/培训费 beside the 三公 columns, 年初结转
and 年末结余 in an 一般公共预算 table), the printed header says what each column is: each
column's header cells, top to bottom, are looked up in the header vocabulary (``columns:`` in
``data/reading.yaml``); the deepest cell decides (本年支出 › 小计 is 小计, the total). A value
column no word matches is kept under its own label (``x.<label>``), read but never checked.
"""
from __future__ import annotations

from functools import lru_cache

from ..profiles import BodyCell, BodyItem, CodedBlock, HeaderCell, TableLayout
from .grid import Line
from .kinds import DATA
from .normalize import compact, is_number


@lru_cache(maxsize=None)
def _vocab() -> dict:
    from ..yamlio import load_package_yaml

    return load_package_yaml(DATA) or {}


def header_rows(lines: list[Line], title: int) -> tuple[list[Line], Line | None]:
    """The printed header rows after a title, and the first body row."""
    rows: list[Line] = []
    for ln in lines[title + 1 : title + 14]:
        if not ln.is_row:
            if rows:
                break
            continue
        texts = [compact(c.text) for c in ln.cells if c.text]
        if is_body_row(texts):
            return rows, ln
        if texts and all(t.isdigit() or t == "栏次" for t in texts):
            continue  # the 栏次 row
        rows.append(ln)
    return rows, None


_CODE = __import__("re").compile(r"^\d{3}(?:\d{2}){0,2}$")


def is_body_row(texts: list[str]) -> bool:
    """A row of figures, not of header words: an amount with a decimal point or a thousands
    separator (whole-元 tables print 1,075,000), or a classification code first."""
    return any(is_number(t) and ("." in t or "," in t) for t in texts) or bool(texts and _CODE.match(texts[0]) and len(texts) > 2)


def column_labels(rows: list[Line]) -> list[list[str]]:
    """Per printed column position, its header cells' texts top to bottom (merged cells cover
    every position of their span)."""
    width = max((len(r.cells) for r in rows), default=0)
    labels: list[list[str]] = [[] for _ in range(width)]
    if any(c.span > 1 for r in rows for c in r.cells):
        for r in rows:
            for p, cell in enumerate(r.cells):
                if cell.text:
                    for q in range(p, min(p + cell.span, width)):
                        labels[q].append(compact(cell.text))
        return labels
    # No span information (Word tables): a blank header cell continues the cell above it when
    # one was printed there (a row span), else the cell to its left (a column span).
    printed = [[compact(c.text) for c in r.cells] + [""] * (width - len(r.cells)) for r in rows]
    for i, row in enumerate(printed):
        carried = ""
        for p, text in enumerate(row):
            if text:
                carried = text
            elif any(printed[k][p] for k in range(i)):
                carried = ""
            if carried:
                labels[p].append(carried)
    return labels


def _best(words_by_key: dict[str, list[str]], text: str) -> str | None:
    best, best_len = None, 0
    for key, words in words_by_key.items():
        if key == "rows":
            continue
        for w in words:
            w = compact(w)
            if w in text and len(w) > best_len:
                best, best_len = key, len(w)
    return best


def _key(kind: str, parts: list[str]) -> tuple[str | None, str | None]:
    """(row key or None, column key or None) of a printed column by its header cells."""
    v = _vocab()
    words = v.get("columns", {}).get(kind, {})
    row_words = words.get("rows", {}) if isinstance(words.get("rows"), dict) else {}
    row = next((rk for rk, ws in row_words.items() for p in parts for w in ws if compact(w) == p or p.startswith(compact(w))), None)
    rest = [p for p in parts if not any(p == compact(w) for ws in row_words.values() for w in ws)]
    rest = [p for p in rest if "三公" not in p or len(parts) == 1]
    for text in (rest[-1:] if rest else []) + ["".join(rest)]:
        key = _best(words, text)
        if key:
            return row, key
    return row, None


def _is_code_or_name(parts: list[str]) -> bool:
    v = _vocab()
    words = {compact(w) for w in v.get("code_words", []) + v.get("name_words", [])}
    return bool(parts) and all(p in words for p in parts)


def derived_layout(kind: str, lines: list[Line], title: int, base: TableLayout) -> TableLayout | None:
    """The layout the printed header describes, for a coded table kind or the 三公 table; None
    when the header cannot be read this way."""
    rows, first = header_rows(lines, title)
    if not rows:
        return None
    labels = column_labels(rows)
    keyed = [(_key(kind, parts), parts) for parts in labels]
    if not any(col and not _is_code_or_name(parts) for (_, col), parts in keyed):
        return None
    # values start at the first column that is neither code nor name (mapped or not)
    start = next(i for i, (_, parts) in enumerate(keyed) if parts and not _is_code_or_name(parts))
    # the printed header's words (and 栏次 numbers), so its repeats on later pages read as header
    words = list(dict.fromkeys(p for parts in labels for p in parts))
    header = [[HeaderCell(text=w) for w in words], [HeaderCell(text=str(i)) for i in range(1, len(labels) + 1)]]
    if kind in ("three_public", "budget_three_public"):
        default = "budget" if kind == "budget_three_public" else "actual"  # a budget's 三公 table holds 预算数 only
        refs = []
        for (row, col), parts in keyed[start:]:
            refs.append(f"={row or default}/{col}" if col else f"=x/{_label(parts)}")
        return base.model_copy(update={"header": header, "body": [BodyItem(cells=refs)]})
    if base.body and not any(item.coded for item in base.body):
        return None
    columns = [col if col else f"x.{_label(parts)}" for (_, col), parts in keyed[start:]]
    if len(set(columns)) != len(columns):
        return None  # two columns read as one: the vocabulary cannot tell them apart
    total = [BodyCell(text="合计", cols=start)] + [f"=total/{c}" for c in columns]
    body = [BodyItem(cells=total)]
    if start >= 4:  # split codes: the 合计 row may print 类/款/项 in its code cells
        body.append(BodyItem(cells=["类", "款", "项", BodyCell(text="合计", cols=start - 3)] + [f"=total/{c}" for c in columns]))
    body.append(BodyItem(coded=CodedBlock(columns=columns, code_style="split" if start >= 4 else "joined")))
    return base.model_copy(update={"header": header, "body": body})


def coded_columns(layout: TableLayout) -> list[str] | None:
    for item in layout.body:
        if item.coded is not None:
            return list(item.coded.columns)
    return None


def fixed_refs(layout: TableLayout) -> list[str]:
    out = []
    for item in layout.body:
        for c in item.cells or []:
            v = c if isinstance(c, str) else (c.v or "")
            if v.startswith("="):
                out.append(v[1:])
            elif not isinstance(c, str) and c.v:
                out.append(c.v)
    return out


def _label(parts: list[str]) -> str:
    return "".join(parts) or "未命名列"
