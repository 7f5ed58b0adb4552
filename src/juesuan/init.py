"""``juesuan init``: write the preparer's workbook, blank or pre-filled."""
from __future__ import annotations

import datetime as _dt
from functools import lru_cache
from pathlib import Path

from . import profiles
from .errors import InputError
from .inputs import DepartmentData
from .model import Meta
from .writers.workbook import write_workbook

def _print_problems(console, exc: InputError) -> None:
    from rich.console import Console

    errors = Console(stderr=True, soft_wrap=True)  # on stderr, as every command's problems: scripts read stdout
    errors.print(f"[bold red]无法生成工作簿（共{len(exc.problems)}处问题），未写出任何文件：[/]")
    for p in exc.problems:
        errors.print(f"  • {p}", markup=False, highlight=False)


def init_command(console, path, *, profile: str | None, from_path, example, unit: str | None = None) -> int:
    path = Path(path)
    try:
        result = init_workbook(path, profile=profile, from_path=Path(from_path) if from_path else None,
                               example=Path(example) if example else None, unit=unit)
    except InputError as exc:
        _print_problems(console, exc)
        return 2
    console.print(f"已生成填报工作簿 {path}（模板：{result['profile']}，填报金额单位：{result['unit']}）", highlight=False)
    if example:
        console.print(f"已按 {example} 预填全部数据。", highlight=False)
    if from_path and result.get("family") == "budget":
        console.print(f"已从 {from_path} 填入上年预算数 {result['figures']} 项，并按上年预算预填各项（请改为本年预算数）。", highlight=False)
    elif from_path:
        console.print(f"已从 {from_path} 填入上年决算数 {result['figures']} 项。", highlight=False)
        if result["dropped"]:
            console.print(f"[yellow]上年这些科目编码不在{result['year']}年科目目录中，未填入：{'、'.join(result['dropped'])}[/]")
    console.print(f"下一步：在 Excel 或 WPS 中填写黄色单元格，然后运行  juesuan build {path} -o 输出文件夹", highlight=False)
    return 0


def init_workbook(path: Path, *, profile: str | None = None, from_path: Path | None = None, example: Path | None = None,
                  unit: str | None = None) -> dict:
    """Write the workbook; returns what was filled. Raises InputError, leaving nothing behind.

    ``unit`` (元 or 万元) is the workbook's 填报金额单位; default: the example's, else 万元."""
    from .money import UNITS
    from .readers.source import read_source

    if unit is not None and unit not in UNITS:
        raise InputError.single("--unit", "", f"填报金额单位应为{'或'.join(UNITS)}，填写的是“{unit}”")

    if path.suffix.lower() != ".xlsx":
        raise InputError.single(str(path), "", "填报工作簿的文件名应以 .xlsx 结尾")
    if path.exists():
        raise InputError.single(str(path), "", "文件已存在：为免覆盖已填写的数据，请换一个文件名，或先删除它")
    if not path.parent.exists():
        raise InputError.single(str(path.parent), "", "文件夹不存在")
    from .atomic import check_folder

    check_folder(path.parent)  # a read-only folder is said before any reading
    if profile is None and example is not None and _is_document(example):
        profile = _budget_document(example).meta.profile  # only a budget is pre-filled from a document
    if profile is not None and profiles.load(profile).family == "budget":
        return _init_budget(path, profiles.load(profile), from_path, example, unit)
    data: DepartmentData | None = None
    if example is not None and not _is_document(example):
        data, _ = read_source(example)
    last = None
    if from_path is not None:
        from .sources import load

        last = load(from_path, published=True)[0]
    profile_id = profile or (data.meta.profile if data else None) or (last.meta.profile if last else None) or profiles.DEFAULT_PROFILE
    prof = profiles.load(profile_id)
    if prof.family == "budget" or getattr(data, "meta", None) is not None and data.meta.family == "budget" or (
            example is not None and data is None):
        return _init_budget(path, prof, from_path, example, unit)
    if data is None:
        data = _blank(prof.id, last)
    data.meta.profile = prof.id
    if last is not None:
        from .inputs import scale_amounts
        from .money import from_wan
        from .prior import prior_year_from

        result = prior_year_from(last, data.meta.year)  # 万元, as last year's tables print them
        source_unit = data.meta.input_unit
        data.narrative.prior_year = scale_amounts(result.prior, lambda d: from_wan(d, source_unit))
    if unit is not None:
        data = data.in_unit(unit)
    filled = {"profile": prof.name, "figures": 0, "dropped": [], "year": data.meta.year, "unit": data.meta.input_unit}
    if last is not None:
        filled.update(figures=result.figures, dropped=result.dropped)
    from .atomic import output_error

    reasons = None
    if last is not None and not data.functional:
        from .writers.workbook_reasons import reason_items

        last_year = last.model_copy(deep=True)
        last_year.meta.profile = prof.id
        reasons = reason_items(data, prof, None, like=last_year)
    try:
        write_workbook(data, prof, path, reasons=reasons)  # whole or not at all (a temporary file, then a rename)
    except OSError as exc:
        raise output_error(path, exc) from None
    return filled


def _blank(profile_id: str, last) -> DepartmentData:
    """A department with nothing typed yet; last year's identity and overview when known."""
    if last is None:
        return DepartmentData(meta=Meta(department="", year=_dt.date.today().year - 1, profile=profile_id))
    m = last.meta
    # Tables are printed in 万元 (an export in 元 is the software's unit, not the publication's).
    meta = Meta(department=m.department, department_code=m.department_code, year=m.year + 1, unit="万元",
                profile=profile_id, unit_kind=m.unit_kind)
    return DepartmentData(meta=meta, overview=last.overview.model_copy(deep=True))


def _is_document(source: Path) -> bool:
    """A published (or built) document rather than an example folder or a workbook."""
    return source.is_file() and source.suffix.lower() in (".pdf", ".docx", ".html", ".htm", ".json", ".txt")


def _init_budget(path: Path, prof, from_path: Path | None, example: Path | None, unit: str | None) -> dict:
    """The budget workbook (部门预算/单位预算): blank, the same year's input from an example folder or a
    document (``example``), or next year's from last year's budget (``from_path``)."""
    from .atomic import output_error
    from .budget_from_tables import budget_data_from
    from .budget_inputs import BudgetData
    from .writers.budget_workbook import write_budget_workbook

    if prof.family != "budget":
        raise InputError.single(str(example or from_path), "", f"模板“{prof.id}”是决算模板：决算工作簿只能用示例文件夹或填报工作簿（--example）预填；"
                                "从已公开的文档预填本年数据只支持预算公开（--profile shanghai-budget 或 shanghai-budget-unit）")
    data = None
    figures = 0
    if example is not None:
        from .readers.workbook import is_input_workbook

        if example.is_file() and not is_input_workbook(example):
            data = budget_data_from(_budget_document(example), profile=prof.id)
        else:
            from .readers.source import read_source

            data, _ = read_source(example)
            if not isinstance(data, BudgetData):
                raise InputError.single(str(example), "", f"“{example}”不是预算公开的数据（应含 budget.yaml），不能预填预算工作簿")
    if from_path is not None:
        last = budget_data_from(_budget_document(from_path), next_year=True, profile=prof.id)
        if data is None:
            data = last
        else:
            data.narrative.prior_budget = last.narrative.prior_budget
        figures = sum(1 for v in data.narrative.prior_budget.model_dump().values() if v is not None)
    if data is None:
        data = BudgetData(meta=Meta(department="", year=_dt.date.today().year + 1, unit="元", input_unit="元", profile=prof.id,
                                    family="budget", level=prof.level))
    data.meta.profile = prof.id
    data.meta.level = data.meta.level or prof.level
    if unit is not None and unit != data.meta.input_unit:
        data = _budget_in_unit(data, unit)
    try:
        write_budget_workbook(data, prof, path)
    except OSError as exc:
        raise output_error(path, exc) from None
    return {"profile": prof.name, "figures": figures, "dropped": [], "year": data.meta.year, "unit": data.meta.input_unit,
            "family": "budget"}


@lru_cache(maxsize=4)
def _budget_document(source: Path):
    """A budget disclosure read from a published or built document; anything else is refused."""
    from .sources import load

    d = load(source, published=True)[0]
    if d.meta.family != "budget":
        raise InputError.single(str(source), "", f"“{source.name}”读出的是决算公开，不是预算公开：预算工作簿只能从预算公开文档预填")
    return d


def _budget_in_unit(data, unit: str):
    """The same input with every amount in ``unit`` (元 or 万元)."""
    from .inputs import scale_amounts
    from .money import from_wan, to_wan

    source = data.meta.input_unit
    scaled = scale_amounts(data, lambda v: from_wan(to_wan(v, source), unit))
    scaled.meta.input_unit = unit
    return scaled
