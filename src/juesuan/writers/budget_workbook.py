"""The preparer's workbook for a budget disclosure (部门预算/单位预算): ``juesuan init --profile
shanghai-budget`` (or ``shanghai-budget-unit``). Its sheets are ``workbook.budget_plan``'s; the
final-accounts workbook's form machinery (``writers.workbook``) writes them."""
from __future__ import annotations

from pathlib import Path

from ..budget_inputs import SOURCES, BudgetData
from ..profiles import Profile
from ..workbook import budget_plan as bp
from ..workbook.plan import GUIDE_SHEET, Block, letter
from .workbook import Book, fields_of, getpath, write_catalogue, write_form, write_guide

GUIDE = [
    ("怎样填写", [
        "本工作簿由 juesuan init 生成，是编制预算公开文档的输入：填好后运行 juesuan build 本文件.xlsx -o 输出文件夹，即生成九张预算表、编制说明和其他相关情况说明。",
        "只填黄色单元格；灰色单元格是公式，已锁定。编制时所有合计（类、款、合计行，收支总表，财政拨款收支总表，人员经费和公用经费，“三公”合计）都由系统重新计算。",
        "“功能分类预算”每个项级科目一行，按资金来源填基本支出和项目支出：某资金来源的收入预算就是各项从它安排的支出，不另填收入。",
        "“经济分类预算”填一般公共预算基本支出的经济分类款级科目，合计须等于功能分类预算中一般公共预算拨款的基本支出。",
        "金额单位见“单位信息”；金额不小于0；没有的留空（留空即为0）。行不够时，在填报区（▲标记行以上）内右键插入行。",
    ]),
    ("文字部分", [
        "编制说明中的“比上年预算增加/减少”按“上年预算数”计算；各项“主要用于……”和增减的“主要原因是……”填在“原因和用途”；留空的在编制时标为【待补充】。",
        "单位预算和部门预算的措辞（本单位/本部门等）由公开模板决定，不必填写。",
    ]),
]


def reason_rows(data: BudgetData) -> list[dict]:
    """Every reason the narrative may cite, given ones first kept: fiscal_change, the 三公 items,
    each 项's usage (and its change against 上年执行数 where that is given)."""
    wanted: list[tuple[str, str]] = [("fiscal_change", "财政拨款收入支出增减的主要原因")]
    for key, label in (("abroad", "因公出国（境）费"), ("vehicle_total", "公务用车购置及运行费"), ("vehicle_purchase", "公务用车购置费"),
                       ("vehicle_running", "公务用车运行费"), ("reception", "公务接待费")):
        wanted.append((f"three_public.{key}", f"{label}比上年预算增减的主要原因"))
    for leaf in sorted(data.functional, key=lambda x: x.code):
        if leaf.general.basic or leaf.general.project:
            wanted.append((f"item.{leaf.code}.usage", f"“{leaf.name}”（{leaf.code}）的主要用途"))
            if leaf.code in data.narrative.prior_execution:
                wanted.append((f"item.{leaf.code}.change", f"“{leaf.name}”（{leaf.code}）比上年执行数增减的主要原因"))
    given = data.narrative.reasons
    known = {k for k, _ in wanted}
    rows = [{"key": k, "_label": label, "text": given.get(k, ""), "_fixed": True} for k, label in wanted]
    rows += [{"key": k, "_label": "", "text": v, "_fixed": True} for k, v in given.items() if k not in known]
    return rows


def _rows_of(data: BudgetData):
    def rows(block: Block) -> list[dict]:
        title = block.title
        if block.path in (("overview", "duties"), ("overview", "organisation")):
            return [{"text": t} for t in getpath(data, block.path)]
        if title == bp.FUNCTIONAL_BLOCK:
            out = []
            for leaf in data.functional:
                row = {"code": leaf.code, "name": leaf.name, "public": leaf.public}
                for s in SOURCES:
                    amounts = getattr(leaf, s)
                    row[f"{s}.basic"], row[f"{s}.project"] = amounts.basic, amounts.project
                out.append(row)
            return out
        if title == bp.ECONOMIC_BLOCK:
            return [{"code": c, "amount": v} for c, v in data.general_basic.items()]
        if title == bp.EXECUTION_BLOCK:
            return [{"code": c, "amount": v} for c, v in data.narrative.prior_execution.items()]
        if title == bp.REASONS_BLOCK:
            return reason_rows(data)
        if title == bp.PROJECT_TEXT_BLOCK:
            return [{"project": i, "part": bp.PROJECT_PARTS[part], "text": text}
                    for i, p in enumerate(data.narrative.projects, start=1) for part in bp.PROJECT_PARTS for text in getattr(p, part)]
        if title == bp.PROJECT_PLAN_BLOCK:
            return [{"project": i, **{f"q{k}": q for k, q in enumerate(p.quarters)}}
                    for i, p in enumerate(data.narrative.projects, start=1) if p.quarters]
        if block.path == ("glossary",):
            return [fields_of(g) for g in data.glossary or []]
        return []
    return rows


def _write_functional_totals(book: Book, ws, sheet, given: int) -> None:
    """The 合计 row under the 项 rows (below the block's end marker): each amount column summed, as
    compile sums the leaves into the tables' 合计."""
    block = sheet.items[-1]
    first = 1 + 1 + 2  # title, heading, block title, header (0-based rows)
    last = first + max(given + block.spare, block.min_rows) - 1
    r = last + 2  # after the end-marker row
    ws.write_string(r, 0, bp.TOTAL_LABEL, book.st.label_center)
    ws.write_blank(r, 1, None, book.st.label_center)
    for c, col in enumerate(block.columns[2:], start=2):
        ws.write_formula(r, c, f"=SUM({letter(c)}{first + 1}:{letter(c)}{last + 1})", book.st.result, "")


def write_budget_workbook(data: BudgetData, profile: Profile, path: Path) -> None:
    """Write the budget input workbook for ``data`` (which may be all blank); whole or not at all."""
    from ..atomic import atomic_path

    with atomic_path(Path(path), ".xlsx") as tmp:
        book = Book(tmp, data, profile, None)
        level = data.meta.level or profile.level or "部门"
        write_guide(book, f"{data.meta.year}年{level}预算公开填报工作簿", GUIDE)
        get = lambda p: getpath(data, p)  # noqa: E731
        rows = _rows_of(data)
        for sheet in bp.sheets(profile):
            ws = write_form(book, sheet, get, rows)
            if sheet.name == bp.FUNCTIONAL_SHEET:
                _write_functional_totals(book, ws, sheet, len(rows(sheet.items[-1])))
        write_catalogue(book)
        book.close()
