"""The ten 公开表 as the official 决算 software exports them, read as a build source.

An export is .xls (BIFF) or .xlsx, one sheet per table or one workbook per table (several files,
or a folder of them), in 元 or 万元, with the official titles and header rows: the layouts the
audit readers know (``juesuan.readers.document``). The tables are read as printed, then turned
into leaf data (项 rows, economic 款, 三公, procurement, assets) in the export's unit; every total is
recomputed by compile. A printed total that disagrees with the sum of its leaves beyond rounding
(exactly, for 元) is reported at its sheet and cell. What no table holds (reasons, prior year,
budgets, overview) comes from the preparer's workbook when one is given.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from .. import profiles
from ..errors import InputError, Problem
from ..inputs import DepartmentData
from ..model import Disclosure, SourceLoc
from ..money import ZERO, round2

SUFFIXES = (".xls", ".xlsx", ".xlsm")
CODED = ("income", "expenditure", "general_budget", "fund", "capital")
HALF_CENT = Decimal("0.005")


class ExportLocator:
    """Maps a field path of DepartmentData to (file, "sheet!cell") of the export."""

    def __init__(self, source: Path):
        self.source = source
        self.cells: dict[tuple, SourceLoc] = {}
        self.inputs = None  # the preparer's workbook locator, for narrative fields

    def add(self, path: tuple, loc: SourceLoc | None) -> None:
        if loc is not None:
            self.cells.setdefault(path, loc)

    def cell(self, path: tuple) -> str:
        """"sheet!cell" of ``path`` in the export, else in the preparer's workbook (narrative inputs), else ""."""
        loc = self.cells.get(tuple(path))
        if loc is not None and loc.cell:
            return f"{loc.sheet}!{loc.cell}"
        return self.inputs.cell(path) if self._from_inputs(path) else ""

    def _from_inputs(self, path: tuple) -> bool:
        """Whether the preparer's workbook (not the export) holds the input at ``path``."""
        return self.inputs is not None and bool(path) and (
            path[0] in ("meta", "overview", "narrative", "glossary", "performance", "label") or tuple(path[:2]) == ("three_public", "facts"))

    def value_cell(self, path: tuple) -> str:
        loc = self.cells.get(tuple(path))
        if loc is not None and loc.cell:
            return f"{loc.sheet}!{loc.cell}"
        return self.inputs.value_cell(path) if self._from_inputs(path) else ""

    def __call__(self, path: tuple) -> tuple[str, str]:
        for n in range(len(path), 0, -1):
            loc = self.cells.get(tuple(path[:n]))
            if loc is not None:
                return (loc.file or str(self.source), f"{loc.sheet}!{loc.cell}" if loc.cell else (loc.sheet or ""))
        if self.inputs is not None and path and path[0] in ("meta", "overview", "narrative", "glossary", "performance"):
            return self.inputs(path)
        return (str(self.source), ".".join(map(str, path)))


def export_files(path: Path) -> list[Path]:
    """The export's files: the file itself, or every .xls/.xlsx of a folder except the preparer's workbook."""
    from .workbook import is_input_workbook

    if path.is_file():
        return [path]
    files = sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES and not p.name.startswith(("~$", ".")))
    return [p for p in files if not is_input_workbook(p)]


def input_workbook_in(folder: Path) -> Path | None:
    from .workbook import is_input_workbook

    found = [p for p in sorted(folder.iterdir()) if p.suffix.lower() in (".xlsx", ".xlsm") and is_input_workbook(p)]
    return found[0] if found else None


def is_export_folder(path: Path) -> bool:
    return path.is_dir() and not (path / "department.yaml").exists() and bool(export_files(path))


def read_tables(files: list[Path], profile_name: str | None = None) -> Disclosure:
    """The export's tables as printed (one grid for all its files, in order)."""
    from .detect import detect
    from .document import read_grid
    from .grid import DocGrid
    from .xlsx import read_xlsx

    from ..guard import reading

    grid = DocGrid(source=str(files[0]), kind="xlsx")
    for f in files:
        with reading(f, "工作簿"):  # the one boundary: a damaged export is a located message
            grid.lines.extend(read_xlsx(f).lines)
    if profile_name:
        prof = profiles.load(profile_name)
    else:
        prof = detect(grid).profile
        if prof is None:
            raise InputError.single(str(files[0]), "", "未找到公开表的标题（如“收入支出决算总表”）：不像决算软件导出的公开表，"
                                                        "或不是内置模板的表式（可用 --profile 指定模板）")
    result = read_grid(grid, prof)
    if result.problems:  # a cell that is not an amount: say where, before any total is compared
        raise InputError([_read_problem(p, files[0]) for p in result.problems])
    missing = [t for t in prof.tables if t.id in result.disclosure.tables and not result.disclosure.tables[t.id].present]
    if len(missing) == len(prof.tables):
        raise InputError.single(str(files[0]), "", "没有读到任何公开表")
    return result.disclosure


def _read_problem(p, first: Path) -> Problem:
    loc = p.loc
    where = f"{loc.sheet}!{loc.cell}" if loc is not None and loc.cell else (loc.sheet or "" if loc else "")
    text = p.message
    if "不是金额：" in text:
        text = f"应为金额（数字），填写的是“{text.split('不是金额：', 1)[1]}”"
    return Problem(loc.file if loc is not None and loc.file else str(first), where, text)


def _unit_of(d: Disclosure) -> str:
    units = {t.heading.get("金额单位") for t in d.tables.values() if t.present and t.heading.get("金额单位")}
    units = {u for u in units if u in ("元", "万元")} or {d.meta.unit}
    if len(units) > 1:
        raise InputError.single(str(d.source), "", f"各表的金额单位不一致（{'、'.join(sorted(units))}）：请按同一单位导出")
    return units.pop()


def leaves_from_tables(d: Disclosure, locate: ExportLocator) -> tuple[dict, str]:
    """Raw DepartmentData (in the export's unit) from the printed tables' leaf rows."""
    unit = _unit_of(d)

    def table(tid):
        t = d.tables.get(tid)
        return t if t is not None and t.present else None

    def cell(tid, key, col) -> Decimal:
        t = table(tid)
        v = t.value(key, col) if t is not None else None
        return v if v is not None else ZERO

    def loc(tid, key, col=None):
        t = table(tid)
        r = t.row(key) if t is not None else None
        if r is None:
            return None
        return r.cell_locs.get(col) or r.loc if col else r.loc

    codes: dict[str, str] = {}
    for tid in CODED:
        t = table(tid)
        for r in t.coded_rows() if t is not None else []:
            if len(r.key) == 7:
                codes.setdefault(r.key, r.name)
    functional = []
    for i, (code, name) in enumerate(sorted(codes.items())):
        fund_in, capital_in = cell("fund", code, "income"), cell("capital", code, "income")
        if table("capital") is not None and "income" not in (table("capital").row(code) or _NoRow).values:
            capital_in = cell("capital", code, "total") - cell("capital", code, "begin")
        leaf = {
            "code": code, "name": name,
            "income": {
                "fiscal_general": cell("income", code, "fiscal") - fund_in - capital_in,
                "fiscal_fund": fund_in, "fiscal_capital": capital_in,
                **{k: cell("income", code, k) for k in ("superior", "business", "operation", "affiliated", "other")},
            },
            "expenditure": {k: cell("expenditure", code, k) for k in ("basic", "project", "upper", "operation", "affiliated")},
            "general_budget": {k: cell("general_budget", code, k) for k in ("basic", "project")},
            "government_fund": {k: cell("fund", code, k) for k in ("begin", "basic", "project")},
            "state_capital": {k: cell("capital", code, k) for k in ("begin", "basic", "project")},
        }
        for tid in CODED:
            locate.add(("functional", i), loc(tid, code))
        for part, tid, cols in (("expenditure", "expenditure", leaf["expenditure"]), ("general_budget", "general_budget", leaf["general_budget"]),
                                ("government_fund", "fund", leaf["government_fund"]), ("state_capital", "capital", leaf["state_capital"])):
            for col in cols:
                locate.add(("functional", i, part, col), loc(tid, code, col))
        locate.add(("functional", i, "income"), loc("income", code, "fiscal"))
        functional.append(leaf)
    general_basic = {}
    gb = table("general_basic")
    for r in gb.coded_rows() if gb is not None else []:
        if len(r.key) == 5 and r.get("amount"):
            general_basic[r.key] = r.get("amount")
            locate.add(("general_basic", r.key), loc("general_basic", r.key, "amount"))
    three_public = {side: {col: cell("three_public", side, col) for col in ("abroad", "vehicle_purchase", "vehicle_running", "reception")}
                    for side in ("budget", "actual")}
    vehicles = {}
    st = table("statistics")
    for r in st.rows if st is not None else []:
        if r.key.startswith("vehicles.") and r.key != "vehicles.total" and r.get("amount"):
            vehicles[r.key.split(".", 1)[1]] = int(r.get("amount"))
    running_civil = cell("statistics", "running.civil", "amount")
    no_statistics = table("statistics") is None
    raw = {
        "meta": {"department": d.meta.department, "year": d.meta.year, "unit": "万元", "input_unit": unit,
                 "profile": d.meta.profile, "department_code": d.meta.department_code,
                 "unit_kind": "参照公务员法管理事业单位" if running_civil else "行政单位"},
        "functional": functional,
        "balances": {
            "begin": cell("summary", "in.begin_balance", "amount"),
            "nonfiscal_balance_used": cell("summary", "in.nonfiscal_balance_used", "amount"),
            "distribution": cell("summary", "ex.distribution", "amount"),
            "fiscal_begin_general": cell("fiscal_summary", "in.begin_general", "amount"),
        },
        "general_basic": general_basic,
        "three_public": three_public,
        "procurement": {k: cell("statistics", f"procurement.{k}", "amount") for k in ("goods", "works", "services")},
        "assets": {"vehicles": vehicles, "equipment": int(cell("statistics", "equipment", "amount"))},
        "_procurement_missing": no_statistics,
        "_assets_missing": no_statistics,
    }
    return raw, unit


class _NoRow:
    values: dict = {}


def disagreeing_totals(printed: Disclosure, built: Disclosure, unit: str, leaves: int) -> list[Problem]:
    """Every printed cell that the leaves do not give (beyond rounding), at its sheet and cell.

    In 元 the export's totals are exact sums: any difference is a disagreement. In 万元 each printed
    cell was rounded on its own, so a total may miss the sum of its rounded leaves by 0.005 per term."""
    bound = ZERO if unit == "元" else HALF_CENT * (leaves + 1)
    problems = []
    for tid, t in printed.tables.items():
        if not t.present or tid not in built.tables:
            continue
        for r in t.rows:
            b = built.tables[tid].row(r.key)
            for col, v in r.values.items():
                exact = (b.exact_value(col) if b is not None else None) or ZERO
                scale = 10000 if unit == "元" and not (tid == "statistics" and _count(r.key)) else 1
                want, have = exact * scale, v or ZERO
                if abs(have - want) > bound:
                    loc = r.cell_locs.get(col) or r.loc
                    where = f"{loc.sheet}!{loc.cell}" if loc is not None and loc.cell else (loc.sheet if loc else tid)
                    problems.append(Problem(loc.file if loc and loc.file else str(printed.source), where,
                                            f"“{r.name or r.key}”的数{_fmt(have)}与由各明细行计算的{_fmt(want)}不符（相差{_fmt(have - want)}{unit}）：请核对导出文件"))
    return problems


def _count(key: str) -> bool:
    return key.startswith("vehicles.") or key == "equipment"


def _fmt(v: Decimal) -> str:
    return f"{round2(v):,.2f}"


def read_export(path: Path, inputs: Path | None = None, profile_name: str | None = None):
    """(DepartmentData, locator) from an official export, with the preparer's workbook's
    narrative inputs when ``inputs`` is given (or found in the export's folder)."""
    from pydantic import ValidationError

    from ..compile import compile_disclosure
    from .validation import problems_from

    path = Path(path)
    if not path.exists():
        raise InputError.single(str(path), "", "文件或文件夹不存在")
    files = export_files(path)
    if not files:
        raise InputError.single(str(path), "", "文件夹中没有决算软件导出的公开表（.xls 或 .xlsx）")
    if inputs is None and path.is_dir():
        inputs = input_workbook_in(path)
    printed = read_tables(files, profile_name)
    locate = ExportLocator(path)
    raw, unit = leaves_from_tables(printed, locate)
    if inputs is not None:
        _merge_inputs(raw, Path(inputs), unit, locate)
    raw.pop("_procurement_missing", None)
    raw.pop("_assets_missing", None)
    try:
        data = DepartmentData.model_validate(raw)
    except ValidationError as exc:
        raise InputError(problems_from(exc, locate)) from None
    built = compile_disclosure(data, locate)
    leaves = len(raw["functional"]) + len(raw["general_basic"])
    problems = disagreeing_totals(printed, built, unit, leaves)
    if problems:
        raise InputError(problems)
    return data, locate


def _merge_inputs(raw: dict, inputs: Path, unit: str, locate: ExportLocator) -> None:
    """Everything the tables do not hold, from the preparer's workbook, in the export's unit."""
    from .workbook import read_workbook

    if not inputs.exists():
        raise InputError.single(str(inputs), "", "填报工作簿不存在")
    wb, wb_locate = read_workbook(inputs)
    wb = wb.in_unit(unit)
    locate.inputs = wb_locate
    for key in ("department", "department_code", "unit", "unit_kind", "document_title", "profile"):
        value = getattr(wb.meta, key)
        if value not in (None, ""):
            raw["meta"][key] = value
    if wb.meta.year != raw["meta"]["year"]:
        raise InputError.single(str(inputs), wb_locate(("meta", "year"))[1],
                                f"填报工作簿的年度{wb.meta.year}与导出公开表的年度{raw['meta']['year']}不一致")
    dump = wb.model_dump(mode="python")
    raw["overview"] = dump["overview"]
    raw["narrative"] = dump["narrative"]
    raw["three_public"]["facts"] = dump["three_public"]["facts"]
    raw["performance"] = dump["performance"]
    for key in ("procurement", "assets"):  # a profile without the statistics table (shanghai)
        if raw.pop(f"_{key}_missing", False):
            raw[key] = dump[key]
    if dump.get("glossary") is not None:
        raw["glossary"] = dump["glossary"]
