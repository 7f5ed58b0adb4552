"""Read the preparer's budget workbook (``writers.budget_workbook``) into ``BudgetData``.

Every problem names the sheet and cell (``功能分类预算!C7``) in Chinese; nothing is guessed. The
sheets are ``workbook.budget_plan``'s form sheets, read by the final-accounts workbook reader's
form machinery (``read_items``/``read_block``)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .. import profiles
from ..budget_inputs import SOURCES, BudgetData
from ..errors import InputError, Problem
from ..workbook import budget_plan as bp
from .validation import problems_from
from ..workbook.plan import INFO_SHEET
from .workbook import Context, Sheet, SheetReader, WorkbookLocator, _open, read_items


def names_budget_profile(sheets: dict[str, Sheet]) -> bool:
    """Whether 单位信息's 公开模板 is a budget profile (the budget workbook has sheets of its own)."""
    info = sheets.get(INFO_SHEET)
    if info is None:
        return False
    for (r, c), v in info.values.items():
        if c == 1 and str(v).strip() == "公开模板":
            name = str(info.values.get((r, 2)) or "").strip()
            try:
                return bool(name) and profiles.load(name).family == "budget"
            except InputError:
                return False
    return False


def read_budget_workbook(path: Path, sheets: dict | None = None) -> tuple[BudgetData, WorkbookLocator]:
    sheets = sheets if sheets is not None else _open(Path(path))
    ctx = Context(str(path), WorkbookLocator(str(path)))
    raw: dict[str, Any] = {}
    readers: list[SheetReader] = []

    def read(sheet) -> dict:
        """The sheet's fields into ``raw``; its blocks' rows returned by title."""
        if sheet.name not in sheets:
            if sheet.required:
                ctx.add(sheet.name, f"缺少工作表“{sheet.name}”：请勿删除工作表。可用 juesuan init 重新生成工作簿，把这张表复制回来", structural=True)
            return {}
        sr = SheetReader(ctx, sheets[sheet.name])
        sr.claim(1, 1, len(sheet.widths))
        read_items(sr, sheet, sheet.items, raw, required=sheet.required)
        total = sr.find(bp.TOTAL_LABEL, sr.last_block_end) if sheet.name == bp.FUNCTIONAL_SHEET else None
        if total is not None:  # the formula row under the 项 rows: shown, not read
            sr.claim(total, 1, sum(c.span for c in sheet.items[-1].columns))
        readers.append(sr)
        return raw.pop("_blocks", {})

    # 单位信息 first: the profile (hence the level and the functional sheet's columns) is named there
    info_blocks = read(bp.info_sheet())
    meta = raw.setdefault("meta", {})
    try:  # named: only a workbook whose 公开模板 is a budget profile is read here (names_budget_profile)
        profile = profiles.load(str(meta.get("profile") or ""))
    except InputError:
        ctx.add(ctx.locator(("meta", "profile"))[1], f"未知的公开模板“{meta.get('profile')}”；内置模板：{'、'.join(profiles.available())}", structural=True)
        raise InputError(ctx.problems) from None
    meta.setdefault("input_unit", "元")
    meta["family"] = "budget"
    ctx.unit = meta["input_unit"]
    raw["overview"] = {key: [row["text"] for row in info_blocks.get(title, []) if row.get("text")]
                       for key, title in (("duties", bp.DUTIES_BLOCK), ("organisation", bp.ORGANISATION_BLOCK))}

    blocks: dict[str, list[dict]] = {}
    for sheet in bp.sheets(profile)[1:]:
        blocks.update(read(sheet))

    raw["functional"] = _functional(ctx, blocks.get(bp.FUNCTIONAL_BLOCK, []))
    economic_rows = blocks.get(bp.ECONOMIC_BLOCK, [])
    raw["general_basic"] = _coded(ctx, economic_rows, ("general_basic",), "经济分类科目")
    if economic_rows:  # a message about the whole breakdown (its sum) points at its first amount
        ctx.locator.add(("general_basic",), economic_rows[0]["_cells"]["amount"])
    narrative = raw.setdefault("narrative", {})
    narrative["prior_execution"] = _coded(ctx, blocks.get(bp.EXECUTION_BLOCK, []), ("narrative", "prior_execution"), "上年执行数的科目")
    reasons = {}
    for row in blocks.get(bp.REASONS_BLOCK, []):
        if row.get("key"):  # where the narrative's 待补充 marker for this key sends the preparer
            ctx.locator.add_input(("narrative", "reasons", row["key"]), row["_cells"]["text"])
        if row.get("key") and row.get("text"):
            reasons[row["key"]] = row["text"]
            ctx.locator.add(("narrative", "reasons", row["key"]), row["_cells"]["text"])
        elif row.get("text"):
            ctx.add(row["_cells"]["key"], "请填写编号（如 item.2120101.usage），否则这段文字不知用在哪里")
    narrative["reasons"] = reasons
    narrative["projects"] = _projects(ctx, blocks.get(bp.PROJECT_TEXT_BLOCK, []), blocks.get(bp.PROJECT_PLAN_BLOCK, []))
    glossary = [{"term": r.get("term", ""), "text": r.get("text", "")} for r in blocks.get("名词解释", []) if r.get("term")]
    raw["glossary"] = glossary or None
    for sr in readers:
        sr.finish()
    data = None
    if not ctx.structural:
        try:
            data = BudgetData.model_validate(raw)
        except ValidationError as exc:
            reported = {p.where for p in ctx.problems}
            ctx.problems += [p for p in problems_from(exc, ctx.locator) if not any(p.where.startswith(w) for w in reported if w)]
    if data is not None:
        _check_compiles(ctx, data, profile)
    if ctx.problems:
        raise InputError(ctx.problems)
    return data, ctx.locator


def _functional(ctx: Context, rows: list[dict]) -> list[dict]:
    out: list[dict] = []
    seen: dict[str, str] = {}
    for row in rows:
        cells = row["_cells"]
        code = row.get("code")
        if not code:
            ctx.add(cells["code"], "请填写项级科目编码（7位）")
            continue
        if code in seen:
            ctx.add(cells["code"], f"科目“{code}”已在{seen[code]}填写，同一科目只填一行")
            continue
        seen[code] = cells["code"]
        i = len(out)
        leaf: dict[str, Any] = {"code": code, "name": row.get("name") or ""}
        for source in SOURCES:
            amounts = {part: row[f"{source}.{part}"] for part in ("basic", "project") if row.get(f"{source}.{part}") is not None}
            if amounts:
                leaf[source] = amounts
            for part in ("basic", "project"):
                ctx.locator.add(("functional", i, source, part), cells[f"{source}.{part}"])
        if row.get("public") is not None:
            leaf["public"] = row["public"]
        for key in ("code", "name", "public"):
            if key in cells:
                ctx.locator.add(("functional", i, key), cells[key])
        ctx.locator.add(("functional", i), cells["code"])
        out.append(leaf)
    return out


def _coded(ctx: Context, rows: list[dict], path: tuple, what: str) -> dict:
    out: dict[str, Any] = {}
    for row in rows:
        cells = row["_cells"]
        code = row.get("code")
        if not code:
            ctx.add(cells["code"], f"请填写{what}编码")
            continue
        if code in out:
            ctx.add(cells["code"], f"{what}“{code}”重复填写，同一科目只填一行")
            continue
        out[code] = row.get("amount") or 0
        ctx.locator.add(path + (code,), cells["code"])
    return out


def _projects(ctx: Context, texts: list[dict], plans: list[dict]) -> list[dict]:
    parts = {v: k for k, v in bp.PROJECT_PARTS.items()}
    projects: dict[int, dict[str, Any]] = {}
    for row in texts:
        n, part = row.get("project"), row.get("part")
        if not n or not part:
            ctx.add(row["_cells"]["project" if not n else "part"], "请填写项目序号和部分（项目概况、立项依据……）")
            continue
        projects.setdefault(n, {}).setdefault(parts[part], []).append(row.get("text") or "")
    for row in plans:
        n = row.get("project")
        if not n:
            ctx.add(row["_cells"]["project"], "请填写项目序号")
            continue
        projects.setdefault(n, {})["quarters"] = [row.get(f"q{i}") or 0 for i in range(len(bp.QUARTERS))]
    return [projects[n] for n in sorted(projects)]


def _check_compiles(ctx: Context, data: BudgetData, profile) -> None:
    """The whole compile, its messages at the workbook's cells."""
    from ..compile_budget import compile_budget

    from ..compile import code_problems

    try:
        if ctx.problems:  # codes against the catalogue still; the sums only of clean values
            ctx.problems += code_problems(data.meta.year, [(leaf.code, leaf.name) for leaf in data.functional],
                                          list(data.general_basic), list(data.narrative.prior_execution), [], ctx.locator)
        else:
            compile_budget(data, ctx.locator, profile)
    except InputError as exc:
        for p in exc.problems:
            if p.file == "输入数据":
                file, where = ctx.locator(tuple(p.where.split(".")))
                p = Problem(file, where or p.where, p.message)
            ctx.problems.append(p)
