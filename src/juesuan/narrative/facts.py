"""The quantities the narrative states, computed from the model (never typed).

Templates word the sentences; this module only computes: amounts read from the tables,
shares, year-on-year changes, budget completion, and the preparer's reasons. Amounts are the
exact ones behind the printed cells (a disclosure built from 元), so a share or rate is computed
from exact amounts and rounded once, when printed. Anything the
model lacks (a prior-year figure, a reason, a budget) comes back as a visible marker
``【待补充：…】`` and is recorded, so a gap is reported instead of papered over with text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .. import catalogues
from ..errors import InputError
from ..inputs import NEW_ROW, prior_input_path
from ..model import Disclosure, Row
from ..money import ZERO, fmt_amount, fmt_percent, percent, round2
from ..tables import INCOME_SOURCES, STATISTICS_ROWS, VEHICLE_CATEGORIES
# Where a preparer types what the narrative lacks: the sheets of the 填报工作簿 (the example folder
# holds the same content; docs/workbook.md maps one to the other). Messages name these, never a
# YAML key: a workbook user has no YAML.
from ..inputs import BUDGET_PATHS
from ..workbook.plan import INPUT_SHEETS, PERF_SUMMARY_SHEET, performance_summary_sheet

MISSING_MARK = "【待补充："
_CLOSE = "】"
_TRAILING = "。；;，,：: \n\t"


def where(sheet: str, item: str = "", cell: str = "", new_row: bool = False) -> str:
    """``（填在“上年决算数”表：一般公共预算财政拨款支出）``; with the workbook's cell
    ``（填在上年决算数!B7：一般公共预算财政拨款支出）``, or for an item that has no row yet
    ``（填在上年决算数!A56起的空行：…）``."""
    place = f"{cell}起的空行" if cell and new_row else cell or f"“{sheet}”表"
    return f"（填在{place}" + (f"：{item}" if item else "") + "）"


# A template's own wording of where an input goes: （填在“公开10表”表：授予中小企业合同金额）
_WHERE = re.compile(r"（填在“([^”]+)”表(?:：([^（）]+))?）")


def marker(description: str) -> str:
    return f"{MISSING_MARK}{description}{_CLOSE}"


@dataclass(frozen=True)
class Change:
    """This year against last year: the difference and the growth rate."""

    current: Decimal
    prior: Decimal | None
    marker: str = ""  # set when the prior-year figure is missing

    @property
    def missing(self) -> bool:
        return self.prior is None

    @property
    def diff(self) -> Decimal:
        return ZERO if self.prior is None else abs(self.current - self.prior)

    # Up, down or flat as the difference prints (an exact 元 amount against last year's printed
    # figure may differ by less than a printed cent: that is 持平).
    @property
    def up(self) -> bool:
        return self.prior is not None and round2(self.current - self.prior) > 0

    @property
    def down(self) -> bool:
        return self.prior is not None and round2(self.current - self.prior) < 0

    @property
    def flat(self) -> bool:
        return self.prior is not None and round2(self.current - self.prior) == 0

    @property
    def pct(self) -> Decimal | None:
        """|change| / prior in %; None when last year was zero (no rate "from nothing")."""
        if self.prior is None or not self.prior:
            return None
        return percent(abs(self.current - self.prior), self.prior)


@dataclass(frozen=True)
class Coded:
    """A coded row of a table as the narrative names it."""

    code: str
    name: str
    row: Row

    def get(self, column: str) -> Decimal:
        return self.row.exact_value(column) or ZERO


class Facts:
    """What a narrative template may ask of the model (exposed to templates as ``n``)."""

    def __init__(self, disclosure: Disclosure, profile) -> None:
        self.d = disclosure
        self.profile = profile
        self.ctx = disclosure.context
        self.missing: list[str] = []
        self.reasons_asked: list[tuple[str, str]] = []  # (reason key, label), in the order asked
        self._functional = None

    # -- recording gaps ---------------------------------------------------------------------
    def _gap(self, description: str) -> str:
        if description not in self.missing:
            self.missing.append(description)
        return marker(description)

    # -- amounts -----------------------------------------------------------------------------
    def v(self, address: str) -> Decimal:
        """The exact value at ``table:row:column``; a blank cell is zero."""
        return self.d.exact_value(address) or ZERO

    def has_table(self, table_id: str) -> bool:
        t = self.d.tables.get(table_id)
        return t is not None and any(v for r in t.rows for v in r.values.values())

    def prior(self, address: str) -> Decimal | None:
        return self.ctx.prior.get(address)

    def _input(self, path: tuple | None) -> tuple[str, bool]:
        """(the source's cell for the input at ``path``, whether it is a block's free row); ""
        when the source is not a workbook."""
        if path is None:
            return "", False
        cell = self.d.input_cell(path)
        if cell:
            return cell, False
        return self.d.input_cell(path[:-1] + (NEW_ROW,)), True

    def _prior_gap(self, label: str, address: str) -> str:
        path = prior_input_path(address)
        cell, new_row = self._input(path)
        item = f"科目编码{path[-1]}，{label}" if new_row and cell and path and path[-2] == "general_budget_by_code" else label
        return self._gap(f"{label}的上年决算数" + where(INPUT_SHEETS["prior"], item, cell, new_row))

    def budget_need(self, code: str, label: str, table: str = "general_budget") -> str:
        """A marker for the 年初预算数 of ``code`` (``total``: the whole table) naming the cell to type it
        in: the code's row of the 年初预算数 sheet, else its first free row (the total is never typed:
        the department's budgets by code add up to it)."""
        path = BUDGET_PATHS[table] + (code,) if table in BUDGET_PATHS else None
        cell, new_row = self._input(path)
        if code == "total":
            item = "按最细一级科目逐行填写，合计由系统计算"
        else:
            item = f"科目编码{code}"
        return self._gap(f"{label}的年初预算数" + where(INPUT_SHEETS["budget"], item, cell, new_row))

    def perf_need(self, key: str, label: str = "") -> str:
        """A marker for a field of the 绩效情况 sheet (``narrative.performance.<key>``) naming its cell,
        or a block's first free row (预算绩效管理制度)."""
        fields = _perf_fields()
        item = fields.get(key, "")
        path = ("narrative", "performance", key)
        cell = self.d.input_cell(path)
        new_row = False
        if not cell:
            cell, new_row = self.d.input_cell(path + (NEW_ROW,)), True
        return self._gap((label or item) + where(PERF_SUMMARY_SHEET, item, cell, new_row and bool(cell)))

    def change(self, address: str, label: str, prior_address: str | None = None) -> Change:
        """Change of the value at ``address`` against ``context.prior`` (same address unless given)."""
        prior = self.ctx.prior.get(prior_address or address)
        if prior is None:
            return Change(self.v(address), None, self._prior_gap(label, prior_address or address))
        return Change(self.v(address), prior)

    def change_of(self, current: Decimal, prior: Decimal | None, label: str, address: str = "") -> Change:
        if prior is None:
            return Change(current, None, self._prior_gap(label, address))
        return Change(current, prior)

    def share(self, part: Decimal, base: Decimal) -> Decimal | None:
        return percent(part, base)

    def rate(self, actual: Decimal, budget: Decimal | None) -> Decimal | None:
        """完成预算的 %: 决算 / 预算; None when there is no budget (or it is zero)."""
        if budget is None or not budget:
            return None
        return percent(actual, budget)

    def total(self, *values: Decimal | None) -> Decimal:
        return sum((v or ZERO for v in values), ZERO)

    # -- budgets and prior years by classification code --------------------------------------
    def budget_of(self, code: str, table: str = "general_budget") -> Decimal | None:
        """年初预算 of a code (``total`` for the whole table), or None when it is not known.

        The preparer lists budgets at the finest level the department budgets at. A code's budget
        is the one given at that code, or the sum of those given beneath it; a code with nothing
        given at, beneath or above it had no initial budget (zero). None when no budget was given
        for the table at all, or only above this code (a 类 budget does not say how much of it
        each 项 had)."""
        budgets: dict[str, Decimal] = {}
        for address, v in self.ctx.budget.items():
            t, key, _ = address.split(":")
            if t == table and v is not None:
                budgets[key] = v
        if code in budgets:
            return budgets[code]
        coded = {k: v for k, v in budgets.items() if k.isdigit()}
        if not coded:
            return budgets.get("total") if code == "total" else None
        if code == "total":
            return sum(coded.values(), ZERO)
        if any(code.startswith(k) for k in coded):
            return None
        return sum((v for k, v in coded.items() if k.startswith(code)), ZERO)

    def prior_of(self, code: str, table: str = "general_budget") -> Decimal | None:
        """上年决算 of a code: given at that code, or the sum of the finer codes given beneath it."""
        address = f"{table}:{code}:total"
        if address in self.ctx.prior:
            return self.ctx.prior[address]
        below = [v for a, v in self.ctx.prior.items()
                 if a.startswith(f"{table}:") and a.split(":")[1].startswith(code) and a.split(":")[1] != code and v is not None]
        # Only an exact level counts: mixing 款 and 项 beneath one 类 would double count.
        levels = {len(a.split(":")[1]) for a, v in self.ctx.prior.items()
                  if a.startswith(f"{table}:") and a.split(":")[1].startswith(code) and a.split(":")[1] != code}
        if below and len(levels) == 1:
            return sum(below, ZERO)
        return None

    def class_change(self, code: str, name: str, table: str = "general_budget") -> Change:
        row_value = self.v(f"{table}:{code}:total")
        return self.change_of(row_value, self.prior_of(code, table), f"{name}（{code}）", f"{table}:{code}:total")

    # -- reasons --------------------------------------------------------------------------------
    def has_reason(self, key: str) -> bool:
        return bool((self.ctx.reasons.get(key) or "").strip())

    def reason(self, key: str, label: str | None = None, name: str | None = None) -> str:
        """The preparer's reason or usage text without its closing punctuation (the template adds
        its own), or a marker when the preparer gave none. ``label``: what the reason is, for the
        marker; by default the profile's (``narrative.reasons``, a 类's ``name`` filled in)."""
        text = (self.ctx.reasons.get(key) or "").strip()
        if not text:
            if label is None:
                label = self.profile.narrative.reason_label(key, name)
            if label is None:
                raise InputError.single(str(self.profile.folder or self.profile.id), "narrative.reasons",
                                        f"情况说明模板要求的原因“{key}”在模板的 narrative.reasons 中没有说明文字")
            if key not in {k for k, _ in self.reasons_asked}:
                self.reasons_asked.append((key, label))
            cell, new_row = self._input(("narrative", "reasons", key))
            return self._gap(label + where(INPUT_SHEETS["reasons"], f"编号 {key}", cell, new_row))
        return text.rstrip(_TRAILING)

    def need(self, description: str) -> str:
        """A marker for any other missing input the template detects itself; where the template
        says which sheet and item (``（填在“公开10表”表：…）``), the workbook's cell is named."""
        def cell(m: re.Match) -> str:
            found = self.d.input_cell(("label", m[1], m[2] or ""))
            return where(m[1], m[2] or "", found) if found else m[0]

        return self._gap(_WHERE.sub(cell, description))

    # -- rows -----------------------------------------------------------------------------------
    def coded(self, table: str, level: int, column: str = "total") -> list[Coded]:
        """Rows of a coded table at one level (3 类, 5 款, 7 项) whose ``column`` is non-zero."""
        t = self.d.tables.get(table)
        if t is None:
            return []
        return [Coded(r.key, r.name, r) for r in t.coded_rows() if len(r.key) == level and r.values.get(column)]

    def path_names(self, code: str) -> list[str]:
        """Names of the 类, 款 and 项 of a functional code (for "X（类）Y（款）Z（项）")."""
        if self._functional is None:
            self._functional = catalogues.load("functional", self.d.meta.year)
        names = []
        for n in (3, 5, 7):
            if len(code) >= n:
                part = code[:n]
                row_name = None
                for t in self.d.tables.values():
                    r = t.row(part) if t.id in ("general_budget", "expenditure", "fund", "capital") else None
                    if r is not None and r.name:
                        row_name = r.name
                        break
                names.append(row_name or self._functional.name(part) or part)
        return names

    def income_sources(self) -> list[tuple[str, Decimal]]:
        """本年收入 by source as the narrative names them; 财政拨款收入 is the three funds together."""
        summary = "summary"
        fiscal = self.total(*(self.d.exact_value(f"{summary}:{k}:amount") for k in ("in.fiscal_general", "in.fiscal_fund", "in.fiscal_capital")))
        out = [("财政拨款收入", fiscal)]
        for key in ("in.superior", "in.business", "in.operation", "in.affiliated", "in.other"):
            out.append((INCOME_SOURCES[key], self.v(f"{summary}:{key}:amount")))
        return out

    def expenditure_types(self) -> list[tuple[str, Decimal]]:
        names = {"basic": "基本支出", "project": "项目支出", "upper": "上缴上级支出", "operation": "经营支出",
                 "affiliated": "对附属单位补助支出"}
        return [(name, self.v(f"expenditure:total:{col}")) for col, name in names.items()]

    def economic_items(self, group: str) -> list[str]:
        """Names of the non-zero 款 of 人员经费 (``personnel``) or 公用经费 (``public``), in code order."""
        economic = catalogues.load("economic", self.d.meta.year)
        t = self.d.tables.get("general_basic")
        if t is None:
            return []
        out = []
        for r in t.coded_rows():
            if len(r.key) == 5 and r.values.get("amount") and economic.group_of(r.key[:3]) == group:
                out.append(r.name or economic.name(r.key) or r.key)
        return out

    def vehicles(self) -> list[tuple[str, str, int]]:
        """(key, name, count) for every vehicle category, in the statistics table's order."""
        out = []
        for key in VEHICLE_CATEGORIES:
            name = STATISTICS_ROWS[key]
            out.append((key.split(".", 1)[1], name, int(self.v(f"statistics:{key}:amount"))))
        return out

    def count(self, address: str) -> int:
        return int(self.v(address))

    @property
    def running_cost_address(self) -> str:
        row = "running.civil" if self.d.meta.unit_kind == "参照公务员法管理事业单位" else "running.admin"
        return f"statistics:{row}:amount"

    @property
    def grades(self) -> list[tuple[str, int]]:
        """(grade, number of projects) in the profile's grade order."""
        counts = self.ctx.performance.grades
        names = [g["grade"] for g in self.profile.performance.grades] if self.profile is not None else list(counts)
        names += [g for g in counts if g not in names and counts[g]]  # a grade the profile lacks, if used
        return [(g, counts.get(g, 0)) for g in names]


def fmt_wan(value: Decimal | None) -> str:
    """``811,754.86``: two decimals, thousands separators."""
    return fmt_amount(value if value is not None else ZERO)


def fmt_pct(value: Decimal | None) -> str:
    return fmt_percent(value if value is not None else ZERO)


_PERF_FIELDS: dict[str, str] = {}


def _perf_fields() -> dict[str, str]:
    """The 绩效情况 sheet's labels by field key (a block by its title)."""
    if not _PERF_FIELDS:
        for item in performance_summary_sheet().items:
            path = getattr(item, "path", None)
            if path:
                _PERF_FIELDS[path[-1]] = getattr(item, "label", None) or getattr(item, "title", "")
    return _PERF_FIELDS
