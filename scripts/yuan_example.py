"""Construct the Datong example in 元 from its 万元 transcription and the seed's printed tables.

The seed printed each 万元 cell rounded from the department's 元 amounts, which are not
published. This script finds 元 leaves consistent with every printed figure:

* each leaf within ±50 元 of its printed 万元 value (it rounds to what the seed prints);
* every total the tables print rounds to the seed's printed total;
* links that hold in real accounts hold exactly (本年收入 = 本年支出 per 项 here, 公开05 基本支出
  = 公开06 total, 公开09 公务用车运行维护费 = 30231).

Method (no search, no solver library): every printed cell is a linear function of the leaves,
measured once by moving each leaf 1 元 through the real compile. Each cell's constraint is a slab
``lo ≤ a·x ≤ hi``; projecting the leaves onto each violated slab in turn (each total's residual
distributed over its leaves, most to those with room) converges to a point inside all of them.
Leaves are then rounded to cents and everything is verified through ``juesuan.compile``.

Prior-year figures (stated in the seed only as differences and rates) become
``current exact total − stated difference``, so the generated narrative restates the seed's
differences exactly.

Usage: ``PYTHONPATH=src python scripts/yuan_example.py SOURCE_WAN_FOLDER OUT_FOLDER``
"""
from __future__ import annotations

import json
import shutil
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from juesuan.compile import compile_disclosure  # noqa: E402
from juesuan.inputs import DepartmentData  # noqa: E402
from juesuan.readers.source import read_folder  # noqa: E402

SEED = ROOT / "tests" / "fixtures" / "datong-seed-tables.json"
MARGIN = Decimal("0.05")  # 元 kept clear of each rounding boundary (leaves are rounded to cents)
HALF = Decimal(50)  # half a printed cent of 万元, in 元
CENT = Decimal("0.01")


# ---- the free leaves and the links between them ----------------------------------------
def leaf_paths(data: DepartmentData) -> list[tuple]:
    """Independent amounts (paths into DepartmentData); linked amounts follow in ``apply``."""
    paths: list[tuple] = []
    for i, leaf in enumerate(data.functional):
        for part in ("general_budget", "government_fund", "state_capital"):
            for col in ("basic", "project"):
                if getattr(getattr(leaf, part), col):
                    paths.append(("functional", i, part, col))
        for src in ("superior", "business", "operation", "affiliated", "other"):
            if getattr(leaf.income, src):
                paths.append(("functional", i, "income", src))
    for code in data.general_basic:
        paths.append(("general_basic", code))
    for side in ("budget", "actual"):
        for col in ("abroad", "vehicle_purchase", "vehicle_running", "reception"):
            if getattr(getattr(data.three_public, side), col):
                paths.append(("three_public", side, col))
    for col in ("goods", "works", "services"):
        if getattr(data.procurement, col):
            paths.append(("procurement", col))
    return paths


def get(data, path):
    obj = data
    for p in path[:-1]:
        obj = obj[p] if isinstance(obj, (list, dict)) else getattr(obj, p)
    last = path[-1]
    return obj[last] if isinstance(obj, dict) else getattr(obj, last)


def put(data, path, value):
    obj = data
    for p in path[:-1]:
        obj = obj[p] if isinstance(obj, (list, dict)) else getattr(obj, p)
    last = path[-1]
    if isinstance(obj, dict):
        obj[last] = value
    else:
        setattr(obj, last, value)


def apply(template: DepartmentData, paths, x) -> DepartmentData:
    """A 元 DepartmentData with the free leaves ``x`` and every linked amount derived from them."""
    data = template.model_copy(deep=True)
    for path, v in zip(paths, x):
        put(data, path, v)
    for leaf in data.functional:
        gb, gf, sc, inc, exp = leaf.general_budget, leaf.government_fund, leaf.state_capital, leaf.income, leaf.expenditure
        inc.fiscal_general = gb.basic + gb.project
        inc.fiscal_fund = gf.basic + gf.project
        inc.fiscal_capital = sc.basic + sc.project
        nonfiscal = inc.superior + inc.business + inc.operation + inc.affiliated + inc.other
        # Non-fiscal income spent where the 万元 transcription spends it (basic here).
        basic_extra = nonfiscal if exp.basic > gb.basic + gf.basic + sc.basic else Decimal(0)
        exp.basic = gb.basic + gf.basic + sc.basic + basic_extra
        exp.project = gb.project + gf.project + sc.project + (nonfiscal - basic_extra)
    return data


# ---- the printed cells as linear functions of the leaves --------------------------------
def seed_cells() -> list[tuple[str, str, str, Decimal | None]]:
    printed = json.loads(SEED.read_text(encoding="utf-8"))
    out = []
    for tid, table in printed["tables"].items():
        for row in table["rows"]:
            for col, text in row["values"].items():
                out.append((tid, row["key"], col, Decimal(text) if text else None))
    return out


def exact_values(data: DepartmentData, addresses) -> list[Decimal]:
    """Exact 元 at each ``table:row:column`` of the compiled disclosure."""
    d = compile_disclosure(data)
    return [(d.exact_value(a) or Decimal(0)) * 10000 for a in addresses]


def _percent(part: Decimal, base: Decimal) -> Decimal:
    return (part * 100 / base).quantize(CENT, rounding=ROUND_HALF_UP)


def narrative_constraints(wan: DepartmentData, printed: dict[str, Decimal]):
    """What the seed's 情况说明 states beyond the tables, as (terms {address: coefficient}, lo, hi)
    in 元: a figure it restates from a table page the text lacks, the completion rates (决算 / 年初
    预算) and growth rates (difference / prior year), each computed from printed figures as the
    seed does; the exact amounts must give the same rounded rates."""
    out = []
    h = Decimal("0.0049")  # just inside the half unit (0.005) of a rate printed to two places
    # 三、支出决算: 基本支出 of all funds (公开03's 合计 row is on a page the text lacks).
    for address, value in (("expenditure:total:basic", Decimal("1535.51")),):
        out.append(({address: 1}, value * 10000 - HALF + MARGIN, value * 10000 + HALF - MARGIN))
    # 完成年初预算的 %: the budget a constant, the 决算 exact.
    budgets = {f"general_budget:{c}:total": v for c, v in wan.narrative.budget.items() if v}
    budgets["general_budget:total:total"] = sum(wan.narrative.budget.values(), Decimal(0))
    for address, budget in budgets.items():
        r = _percent(printed[address], budget)
        out.append(({address: 1}, budget * (r - h) * 100, budget * (r + h) * 100))
    # 三公 完成全年预算的 %: both figures exact.
    for col in ("total", "vehicle_running"):
        actual, budget = f"three_public:actual:{col}", f"three_public:budget:{col}"
        if printed.get(budget):
            r = _percent(printed[actual], printed[budget])
            out.append(({actual: 1, budget: -(r - h) / 100}, Decimal(0), None))
            out.append(({actual: 1, budget: -(r + h) / 100}, None, Decimal(0)))
    # 增长/下降 %: the prior year becomes (exact current − stated difference), so the rate is
    # difference / (current − difference): a slab on the current figure.
    for address, prior_wan in prior_addresses(wan).items():
        if not prior_wan or address not in printed:
            continue
        c = printed[address] - prior_wan
        if not c:
            continue
        r = _percent(abs(c), prior_wan)
        lo, hi = abs(c) * 100 / (r + h), abs(c) * 100 / (r - h)
        out.append(({address: 1}, (c + lo) * 10000, (c + hi) * 10000))
    return out


def prior_addresses(wan: DepartmentData) -> dict[str, Decimal | None]:
    """Each prior-year figure of the narrative input at the address of its current figure."""
    p = wan.narrative.prior_year
    running = "running.civil" if wan.meta.unit_kind == "参照公务员法管理事业单位" else "running.admin"
    out = {
        "summary:in.grand_total:amount": p.total,
        "summary:in.total:amount": p.income_total,
        "summary:ex.total:amount": p.expenditure_total,
        "fiscal_summary:in.grand_total:amount": p.fiscal_total,
        "general_budget:total:total": p.general_budget,
        "fund:total:total": p.government_fund,
        "capital:total:total": p.state_capital,
        f"statistics:{running}:amount": p.running_cost,
    }
    out.update({f"general_budget:{c}:total": v for c, v in p.general_budget_by_code.items()})
    out.update({f"three_public:actual:{c}": v for c, v in p.three_public.items()})
    return out


def links(paths):
    """Links that are not printed cells: (coefficients by path index, lo, hi) in 元."""
    idx = {p: i for i, p in enumerate(paths)}
    out = []
    # 公开05 基本支出合计 = 公开06 人员经费 + 公用经费, exactly.
    coeffs = {idx[p]: 1.0 for p in paths if p[0] == "functional" and p[3] == "basic" and p[2] != "income"}
    for p in paths:
        if p[0] == "general_basic":
            coeffs[idx[p]] = coeffs.get(idx[p], 0.0) - 1.0
    out.append((coeffs, 0.0, 0.0))
    # 30231 公务用车运行维护费 = 公开09 决算数 公务用车运行维护费.
    if ("general_basic", "30231") in idx and ("three_public", "actual", "vehicle_running") in idx:
        out.append(({idx[("general_basic", "30231")]: 1.0, idx[("three_public", "actual", "vehicle_running")]: -1.0}, 0.0, 0.0))
    return out


def solve(template: DepartmentData, paths, cells, stated):
    import numpy as np

    addresses = [f"{t}:{k}:{c}" for t, k, c, _ in cells]
    addresses += sorted({a for terms, _, _ in stated for a in terms} - set(addresses))
    x0 = np.array([float(get(template, p)) for p in paths])
    base = exact_values(apply(template, paths, [Decimal(str(v)) for v in x0]), addresses)
    columns = []
    for j in range(len(paths)):
        x = [Decimal(str(v)) for v in x0]
        x[j] += 1
        moved = exact_values(apply(template, paths, x), addresses)
        columns.append([float(m - b) for m, b in zip(moved, base)])
    A = np.array(columns).T  # quantities × leaves
    b0 = np.array([float(v) for v in base]) - A @ x0  # constant part
    row = {a: k for k, a in enumerate(addresses)}
    inf = float("inf")
    slabs = []
    labels = []
    for k, (_, _, _, p) in enumerate(cells):
        if not A[k].any():
            continue
        labels.append(addresses[k])
        target = float(p or 0) * 10000
        half = float(HALF - MARGIN) if p else 0.0
        slabs.append((A[k], target - b0[k] - half, target - b0[k] + half))
    for terms, lo, hi in stated:
        a = sum(float(c) * A[row[q]] for q, c in terms.items())
        const = sum(float(c) * b0[row[q]] for q, c in terms.items())
        if not a.any():
            raise SystemExit(f"a stated figure depends on no leaf: {terms}")
        labels.append(str(terms))
        slabs.append((a, -inf if lo is None else float(lo) - const, inf if hi is None else float(hi) - const))
    for coeffs, lo, hi in links(paths):
        a = np.zeros(len(paths))
        for j, c in coeffs.items():
            a[j] = c
        labels.append("link")
        slabs.append((a, lo, hi))
    for j in range(len(paths)):  # each leaf rounds to its own printed value
        a = np.zeros(len(paths))
        a[j] = 1.0
        labels.append(str(paths[j]))
        slabs.append((a, x0[j] - float(HALF - MARGIN), x0[j] + float(HALF - MARGIN)))
    x = x0.copy()
    for _ in range(3000):
        worst = 0.0
        for a, lo, hi in slabs:
            v = a @ x
            if v < lo - 1e-9 or v > hi + 1e-9:
                target = lo if v < lo else hi
                worst = max(worst, abs(target - v))
                x += (target - v) * a / (a @ a)
        if worst < 1e-6:
            break
    else:
        names = {id(sl): n for n, sl in zip(labels, slabs)}
        left = [(names[id(sl)], round(float(sl[0] @ x), 2), sl[1], sl[2]) for sl in slabs
                if not sl[1] - 1e-3 <= sl[0] @ x <= sl[2] + 1e-3]
        raise SystemExit(f"no 元 leaves satisfy every printed figure: {left}")
    return [Decimal(str(v)).quantize(CENT, rounding=ROUND_HALF_UP) for v in x]


def verify(data: DepartmentData, cells) -> list:
    d = compile_disclosure(data)
    bad = []
    for tid, key, col, p in cells:
        if d.tables[tid].value(key, col) != p:
            bad.append((tid, key, col, p, d.tables[tid].value(key, col)))
    return bad


def main(source: Path, out: Path) -> None:
    wan, _ = read_folder(source)
    template = wan.in_unit("元")
    paths = leaf_paths(template)
    cells = seed_cells()
    printed = {f"{t}:{k}:{c}": p or Decimal(0) for t, k, c, p in cells}
    stated = narrative_constraints(wan, printed)
    x = solve(template, paths, cells, stated)
    data = apply(template, paths, x)
    bad = verify(data, cells)
    if bad:
        raise SystemExit(f"cells not reproduced: {bad}")
    derive_prior_year(wan, data)
    write_folder(source, out, data)
    print(f"{len(paths)} leaves, {len(cells)} printed cells reproduced; written to {out}")


def derive_prior_year(wan: DepartmentData, data: DepartmentData) -> None:
    """上年决算数 = this year's exact figure − the difference the seed states (in 元).

    The 万元 transcription derived each prior figure from the seed's printed current figure and
    stated difference (prior = printed − difference); the difference is kept, the current figure
    becomes the exact one, so the narrative restates the seed's difference to the cent."""
    d = compile_disclosure(data)
    seed = json.loads(SEED.read_text(encoding="utf-8"))["tables"]

    def printed(tid, key, col):
        for row in seed[tid]["rows"]:
            if row["key"] == key:
                text = row["values"].get(col)
                return Decimal(text) if text else Decimal(0)
        return None

    def exact(tid, key, col):
        return d.exact_value(f"{tid}:{key}:{col}") or Decimal(0)

    def prior(prior_wan, tid, key, col):
        """The seed's difference (printed current − 万元 prior) kept; current made exact."""
        if prior_wan is None:
            return None
        if not prior_wan:
            return Decimal("0.00")  # nothing last year: the change is this year's whole figure
        current = printed(tid, key, col)
        if current is None:
            return prior_wan * 10000
        difference = current - prior_wan
        return ((exact(tid, key, col) - difference) * 10000).quantize(CENT, rounding=ROUND_HALF_UP)

    py, pw = data.narrative.prior_year, wan.narrative.prior_year
    py.total = prior(pw.total, "summary", "in.grand_total", "amount")
    py.income_total = prior(pw.income_total, "summary", "in.total", "amount")
    py.expenditure_total = prior(pw.expenditure_total, "summary", "ex.total", "amount")
    py.fiscal_total = prior(pw.fiscal_total, "fiscal_summary", "in.grand_total", "amount")
    py.general_budget = prior(pw.general_budget, "general_budget", "total", "total")
    py.government_fund = prior(pw.government_fund, "fund", "total", "total")
    py.state_capital = prior(pw.state_capital, "capital", "total", "total")
    py.general_budget_by_code = {c: prior(v, "general_budget", c, "total") for c, v in pw.general_budget_by_code.items()}
    py.three_public = {c: prior(v, "three_public", "actual", c) for c, v in pw.three_public.items()}
    running = "running.civil" if data.meta.unit_kind == "参照公务员法管理事业单位" else "running.admin"
    py.running_cost = prior(pw.running_cost, "statistics", running, "amount")



# ---- writing the folder -----------------------------------------------------------------
def _plain(value, key=None):
    """Amounts (serialised as text) back to Decimals with two places, for plain YAML numbers."""
    import re

    if isinstance(value, dict):
        return {k: _plain(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, key) for v in value]
    if isinstance(value, str) and key not in ("code", "name") and re.fullmatch(r"-?[\d.]+(E[+-]?\d+)?", value):
        return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    return value


def write_folder(source: Path, out: Path, data: DepartmentData) -> None:
    from juesuan.yamlio import dump_yaml

    out.mkdir(parents=True, exist_ok=True)
    for name in ("performance.yaml",):
        if (source / name).exists():
            shutil.copyfile(source / name, out / name)
    department = (source / "department.yaml").read_text(encoding="utf-8")
    department = department.replace("  unit: 万元\n", "  unit: 万元\n  input_unit: 元   # 填报金额单位：本文件夹的金额均为元（决算软件导出的口径）\n", 1)
    (out / "department.yaml").write_text(department, encoding="utf-8")
    dump = _plain(data.model_dump(mode="python", exclude_defaults=True))
    header = (
        "# 2024年度决算数据（元）：只填最末级（项级科目、经济分类款级），所有合计由 juesuan 计算，\n"
        "# 每个公开表格的万元数由元数四舍五入得出（与决算软件一致）。\n"
        "# Built by scripts/yuan_example.py from the 万元 transcription and the seed's printed tables:\n"
        "# each leaf within ±50 元 of its printed 万元 value, every printed total reproduced.\n"
    )
    accounts = {k: dump[k] for k in ("functional", "balances", "general_basic", "three_public", "procurement", "assets") if k in dump}
    (out / "accounts.yaml").write_text(header + dump_yaml(accounts), encoding="utf-8")
    narrative = dump.get("narrative", {})
    (out / "narrative.yaml").write_text(
        "# 情况说明所需的其他数据（元）：上年决算数、年初预算数、原因说明、中小企业采购。\n"
        "# 上年决算数 = 本年决算数 − the difference the seed's 情况说明 states.\n" + dump_yaml(narrative),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
