"""Read a department's input: an example folder of YAML files, or a model JSON.

An example folder holds:

- ``department.yaml``: ``meta`` (单位信息), ``overview`` (概况), optional ``glossary``
- ``accounts.yaml``: ``functional`` leaf rows, ``balances``, ``general_basic``, ``three_public``,
  ``procurement``, ``assets``
- ``narrative.yaml``: ``prior_year``, ``budget``, ``reasons``, ``procurement`` (SME facts)
- ``performance.yaml``: ``forms`` (项目支出绩效自评表), optional
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import InputError, Problem
from ..inputs import DepartmentData
from ..yamlio import line_of, load_yaml
from .validation import problems_from

# top-level key of DepartmentData -> (file, key inside that file or None for the whole file)
LAYOUT: dict[str, tuple[str, str | None]] = {
    "meta": ("department.yaml", "meta"),
    "overview": ("department.yaml", "overview"),
    "glossary": ("department.yaml", "glossary"),
    "functional": ("accounts.yaml", "functional"),
    "balances": ("accounts.yaml", "balances"),
    "general_basic": ("accounts.yaml", "general_basic"),
    "three_public": ("accounts.yaml", "three_public"),
    "procurement": ("accounts.yaml", "procurement"),
    "assets": ("accounts.yaml", "assets"),
    "narrative": ("narrative.yaml", None),
    "performance": ("performance.yaml", "forms"),
}
REQUIRED_FILES = ("department.yaml", "accounts.yaml")
# A budget (部门预算/单位预算) folder: ``budget.yaml`` in place of ``accounts.yaml`` (juesuan.budget_inputs).
BUDGET_LAYOUT: dict[str, tuple[str, str | None]] = {
    "meta": ("department.yaml", "meta"),
    "overview": ("department.yaml", "overview"),
    "glossary": ("department.yaml", "glossary"),
    "functional": ("budget.yaml", "functional"),
    "general_basic": ("budget.yaml", "general_basic"),
    "three_public": ("budget.yaml", "three_public"),
    "running_cost": ("budget.yaml", "running_cost"),
    "narrative": ("narrative.yaml", None),
}
BUDGET_REQUIRED_FILES = ("department.yaml", "budget.yaml")


def is_budget_folder(folder: Path) -> bool:
    return (folder / "budget.yaml").exists() and not (folder / "accounts.yaml").exists()


class FolderLocator:
    """Maps a field path of DepartmentData to (file, line) in the folder it came from."""

    def __init__(self, folder: Path, loaded: dict[str, Any], layout: dict[str, tuple[str, str | None]] | None = None):
        self.folder = folder
        self.loaded = loaded
        self.layout = layout or LAYOUT

    def __call__(self, loc: tuple) -> tuple[str, str]:
        if not loc:
            return (str(self.folder), "")
        top = str(loc[0])
        if top not in self.layout:
            return (str(self.folder), ".".join(map(str, loc)))
        filename, key = self.layout[top]
        data = self.loaded.get(filename)
        path = ((key,) if key else ()) + tuple(loc[1:])
        line = line_of(data, path) if data is not None else None
        return (str(self.folder / filename), f"第{line}行" if line else "")


def read_folder(folder: Path, profile: str | None = None) -> tuple[DepartmentData, FolderLocator]:
    """An example folder; ``profile`` (``--profile``) stands in where department.yaml names none."""
    if is_budget_folder(folder):
        from ..budget_inputs import BudgetData

        return _read_folder(folder, BUDGET_LAYOUT, BUDGET_REQUIRED_FILES, BudgetData, profile)
    return _read_folder(folder, LAYOUT, REQUIRED_FILES, DepartmentData, profile)


def _read_folder(folder: Path, layout, required, model, profile: str | None = None):
    problems: list[Problem] = []
    loaded: dict[str, Any] = {}
    for filename in dict.fromkeys(f for f, _ in layout.values()):
        path = folder / filename
        if not path.exists():
            if filename in required:
                problems.append(Problem(str(path), "", "缺少必需的文件"))
            continue
        data = load_yaml(path)
        if data is None:
            data = {}
        if not isinstance(data, dict):
            problems.append(Problem(str(path), "第1行", "文件内容应是一组“名称: 值”"))
            continue
        loaded[filename] = data
    if problems:
        raise InputError(problems)
    raw: dict[str, Any] = {}
    for top, (filename, key) in layout.items():
        data = loaded.get(filename)
        if data is None:
            continue
        if key is None:
            raw[top] = data
        elif key in data:
            raw[top] = data[key]
    for filename, data in loaded.items():
        known = {k for f, k in layout.values() if f == filename}
        if None in known:
            continue
        for extra in [k for k in data if k not in known]:
            problems.append(Problem(str(folder / filename), f"第{data.lines.get(extra, 1)}行", f"无法识别的部分“{extra}”"))
    meta = raw.get("meta")
    if isinstance(meta, dict) and not meta.get("profile"):
        if profile:
            raw["meta"] = {**meta, "profile": profile}
        else:
            from .. import profiles

            line = getattr(loaded.get("department.yaml"), "lines", {}).get("meta", 1)
            problems.append(Problem(str(folder / "department.yaml"), f"第{line}行",
                                    "单位信息（meta）未写明公开模板：请加上 profile（如 profile: shanxi；内置模板："
                                    f"{'、'.join(profiles.available())}），或用 --profile 指定"))
    if problems:
        raise InputError(problems)
    locate = FolderLocator(folder, loaded, layout)
    try:
        return model.model_validate(raw), locate
    except ValidationError as exc:
        # Report catalogue problems too, so the preparer sees every problem at once.
        extra = raw_code_problems(raw, locate) if model is DepartmentData else []
        raise InputError(problems_from(exc, locate) + extra) from None


def raw_code_problems(raw: dict, locate) -> list[Problem]:
    """Catalogue checks on unvalidated input (best effort: skips what is malformed)."""
    from ..compile import code_problems

    try:
        year = int(raw["meta"]["year"])
        rows = [(r.get("code", ""), r.get("name", "")) for r in raw.get("functional") or [] if isinstance(r, dict)]
        narrative = raw.get("narrative") or {}
        return code_problems(
            year,
            rows,
            [str(c) for c in raw.get("general_basic") or {}],
            [str(c) for c in narrative.get("budget") or {}],
            [str(c) for c in (narrative.get("prior_year") or {}).get("general_budget_by_code") or {}],
            locate,
        )
    except Exception:  # malformed input is already reported by validation
        return []


def read_source(path: Path, inputs: Path | None = None, profile: str | None = None):
    """Read any build source; returns (DepartmentData, locator).

    A source is an example folder, the preparer's workbook, or the ten 公开表 as the official
    software exports them (.xls/.xlsx, a file or a folder of them; ``inputs``: the preparer's
    workbook for what no table holds)."""
    from .official import SUFFIXES, is_export_folder, read_export

    if path.is_dir():
        if is_export_folder(path):
            return read_export(path, inputs, profile)
        return read_folder(path, profile)
    suffix = path.suffix.lower()
    if not path.exists():
        raise InputError.single(str(path), "", "文件或文件夹不存在")
    if suffix in (".xlsx", ".xlsm"):
        from .workbook import is_input_workbook, read_workbook

        if is_input_workbook(path):  # the preparer's workbook (a budget's has sheets of its own)
            from .budget_workbook import names_budget_profile, read_budget_workbook
            from .workbook import _open

            sheets = _open(path)
            if names_budget_profile(sheets):
                return read_budget_workbook(path, sheets)
            return read_workbook(path, sheets)
    if suffix in SUFFIXES:
        return read_export(path, inputs, profile)
    raise InputError.single(
        str(path), "", "无法识别的输入：应为示例文件夹（含 department.yaml 等）、填报工作簿（.xlsx）或决算软件导出的公开表（.xls/.xlsx）"
    )
