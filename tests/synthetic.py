"""Synthetic departments: many realistic disclosures from the bundled examples, seeded.

Each department starts from one of the example folders (``shanxi``: 大同 housing bureau, 26
performance forms; ``shanghai``: 普陀 finance bureau, nine tables), gets a new name, its amounts
multiplied by a whole number (so every identity that holds in the example still holds to the
cent: k·a + k·b = k·(a+b)), a share of its performance forms (page count varies from ~15 to ~70),
and optionally one planted fault. Consecutive years of one department are generated as a pair
whose later year states the earlier year's published figures as 上年 (or, planted, a wrong one).

The result is built by the ordinary pipeline (compile → narrative → writers), so a generated PDF
is what ``juesuan build`` would publish; a fault is applied to the compiled model before writing,
the way a hand-edited document goes wrong. ``manifest.json`` lists every document and its fault.

    PYTHONPATH=src python tests/synthetic.py OUT --count 200 --seed 1 [--formats pdf] [--pairs 0.2]
"""
from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
# The first folder that exists; amounts are taken in 万元 (the 元 example is converted exactly).
BASES = {"shanxi": ("datong-housing-2024-wan", "datong-housing-2024"), "shanghai": ("putuo-finance-2024",)}
# Faults and the rule family expected to report them as 错误.
FAULTS = {
    "total_cell": "SUM",  # a printed 合计 that is not the sum of its rows
    "narrative_amount": "NARR",  # the narrative restates a table figure wrongly
    "placeholder": "COMP",  # a template placeholder left in the narrative
    "prior_year": "YEAR",  # this year's 上年 figure disagrees with last year's published one
}
CITIES = ["大同市", "朔州市", "忻州市", "晋城市", "长治市", "临汾市", "运城市", "吕梁市", "阳泉市", "晋中市"]
DISTRICTS = ["上海市普陀区", "上海市静安区", "上海市徐汇区", "上海市长宁区", "上海市虹口区", "上海市杨浦区", "上海市闵行区", "上海市宝山区"]
AGENCIES = ["财政局", "住房和城乡建设局", "民政局", "司法局", "审计局", "统计局", "文化和旅游局", "商务委员会", "生态环境局",
            "体育局", "退役军人事务局", "市场监督管理局", "医疗保障局", "档案局", "机关事务管理局", "人力资源和社会保障局"]


@dataclass
class Planned:
    """One generated document: what it is and what was planted in it."""

    file: str
    department: str
    year: int
    profile: str
    scale: int
    forms: int
    fault: str | None = None
    fault_detail: str = ""
    prior_of: str | None = None  # the file of the same department's previous year
    extra: dict = field(default_factory=dict)


def _scale(value, k: int):
    """Every Decimal in a model, dict or list multiplied by ``k``, in place (counts are int and stay)."""
    from pydantic import BaseModel

    from juesuan.record import Record

    if isinstance(value, Decimal):
        return value * k
    if isinstance(value, (BaseModel, Record)):
        for name in type(value).model_fields:
            setattr(value, name, _scale(getattr(value, name), k))
    elif isinstance(value, dict):
        for key, v in value.items():
            value[key] = _scale(v, k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            value[i] = _scale(v, k)
    return value


def _load_base(profile: str):
    from juesuan.readers.source import read_folder

    folder = next((EXAMPLES / name for name in BASES[profile] if (EXAMPLES / name).is_dir()), None)
    if folder is None:  # an installed package has no examples/: the generator runs from a source checkout
        raise FileNotFoundError(f"{EXAMPLES}: the generator needs the example folders of a juesuan source checkout")
    data, _ = read_folder(folder)
    if getattr(data.meta, "input_unit", "万元") != "万元":
        data = data.in_wan()
    return data


def department_data(base, *, name: str, year: int, k: int, forms: int, rng: random.Random):
    """The base example renamed, re-dated, scaled by ``k``, keeping ``forms`` performance forms."""
    data = base.model_copy(deep=True)
    old = data.meta.department
    data.meta.department = name
    data.meta.year = year
    if data.meta.document_title:
        data.meta.document_title = data.meta.document_title.replace(str(base.meta.year), str(year))
    for part in (data.functional, data.balances, data.general_basic, data.procurement, data.three_public.budget,
                 data.three_public.actual, data.narrative.prior_year, data.narrative.budget, data.narrative.procurement):
        _scale(part, k)
    for attr in ("foreign_reception", "abroad_reception"):
        v = getattr(data.three_public.facts, attr)
        if v is not None:
            setattr(data.three_public.facts, attr, v * k)
    # The examples transcribe real documents whose 基本支出 by economic class misses the functional
    # table's by a cent or two (rounding); scaled, that would be k cents. Put the difference on the
    # largest economic item so the generated department is consistent to the cent.
    gap = sum((leaf.general_budget.basic for leaf in data.functional), Decimal(0)) - sum(data.general_basic.values(), Decimal(0))
    if gap and data.general_basic:
        largest = max(data.general_basic, key=lambda code: data.general_basic[code])
        data.general_basic[largest] += gap
    # The overview quotes the department's own name: it follows the new one.
    data.overview.duties = [p.replace(old, name) for p in data.overview.duties]
    data.overview.organisation = [p.replace(old, name) for p in data.overview.organisation]
    if data.performance:
        kept = sorted(rng.sample(range(len(data.performance)), forms))
        data.performance = [data.performance[i] for i in kept]
        for form in data.performance:
            form.department = name
            form.unit = name
    return data


def stated_prior(data, published) -> None:
    """Set ``data``'s 上年 figures to what the previous year's disclosure ``published`` prints."""
    from juesuan.checks.claims import EX_GRAND, FISCAL_EX_GRAND, GB_TOTAL, TP

    def val(address: str):
        return published.value(address)

    prior = data.narrative.prior_year
    prior.total = val(EX_GRAND.key)
    prior.fiscal_total = val(FISCAL_EX_GRAND.key)
    prior.general_budget = val(GB_TOTAL.key)
    prior.three_public = {col: val(q.key) or Decimal("0.00") for col, q in TP.items()}
    running = _running_cost(published)
    if running is not None:
        prior.running_cost = running
    gb = published.tables.get("general_budget")
    if gb is not None and prior.general_budget_by_code:
        prior.general_budget_by_code = {code: gb.value(code, "total") or Decimal("0.00") for code in prior.general_budget_by_code}
    if prior.government_fund is not None:
        value = published.value("fund:total:total")  # 政府性基金预算财政拨款支出总计
        if value is not None:
            prior.government_fund = value


def _running_cost(published):
    """机关运行经费 as the disclosure prints it: 公开10's row, else 公用经费合计 (shanghai)."""
    for address in ("statistics:running.admin:amount", "statistics:running.civil:amount", "general_basic:public_total:amount"):
        v = published.value(address)
        if v is not None:
            return v
    return None


def plant(disclosure, fault: str, rng: random.Random) -> str:
    """Apply one fault to a compiled disclosure; returns what was changed, in words."""
    if fault == "total_cell":
        for tid in ("general_budget", "expenditure", "income"):
            t = disclosure.tables.get(tid)
            row = t.row("total") if t is not None else None
            if row is not None and row.values.get("total") is not None:
                delta = Decimal(rng.randint(100, 9999)) / 100 + 10
                row.values["total"] = row.values["total"] + delta
                return f"{tid}:total:total +{delta}"
        raise ValueError("no total row to plant a fault in")
    if fault in ("narrative_amount", "placeholder"):
        import re

        for section in disclosure.narrative:
            for i, p in enumerate(section.paragraphs):
                m = re.search(r"(\d[\d,]*\.\d{2})万元", p)
                if m is None:
                    continue
                if fault == "placeholder":
                    section.paragraphs[i] = p[: m.start()] + "XXX万元" + p[m.end():]
                    return f"{section.key}: {m.group(0)} → XXX万元"
                old = Decimal(m.group(1).replace(",", ""))
                new = old + Decimal(rng.randint(1000, 99999)) / 100
                section.paragraphs[i] = p[: m.start(1)] + f"{new:,.2f}" + p[m.end(1):]
                return f"{section.key}: {m.group(1)} → {new:,.2f}"
        raise ValueError("no narrative amount to plant a fault in")
    raise ValueError(f"unknown fault {fault}")


def _build(data, profile_id: str, out: Path, stem: str, formats: list[str], fault: str | None, rng: random.Random):
    from juesuan import profiles
    from juesuan.compile import compile_disclosure
    from juesuan.pipeline import finish, write_outputs

    profile = profiles.load(profile_id)
    disclosure = compile_disclosure(data, profile=profile)
    finish(disclosure, profile)
    detail = plant(disclosure, fault, rng) if fault in ("total_cell", "narrative_amount", "placeholder") else ""
    write_outputs(disclosure, profile, out, stem, formats)
    return disclosure, detail


def generate(out: Path, count: int, seed: int = 1, *, formats=("pdf",), fault_share: float = 0.3, pair_share: float = 0.2,
             profiles_: tuple[str, ...] = ("shanxi", "shanghai"), fault_cycle: list[str | None] | None = None,
             max_forms: int | None = None) -> list[Planned]:
    """``count`` documents in ``out`` (plus ``manifest.json``); the same seed gives the same files.

    ``fault_cycle`` (for tests): the n-th department gets ``fault_cycle[n % len]`` instead of a
    random fault, and a ``prior_year`` fault always comes with its previous year. ``max_forms``
    caps the performance forms kept (short documents)."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    bases = {p: _load_base(p) for p in profiles_}
    planned: list[Planned] = []
    used: set[str] = set()
    n = 0
    while len(planned) < count:
        n += 1
        profile = profiles_[n % len(profiles_)]
        base = bases[profile]
        while True:
            place = rng.choice(CITIES if profile == "shanxi" else DISTRICTS)
            name = place + rng.choice(AGENCIES)
            if name not in used:
                used.add(name)
                break
            if len(used) > 0.9 * len(CITIES) * len(AGENCIES):
                name = f"{name}{n}"
                break
        k = rng.choice([1, 2, 3]) if profile == "shanxi" else rng.choice([1, 2, 3, 5, 8, 13, 20])
        total_forms = len(base.performance)
        # at least one form: a shanxi narrative summarises the forms (none leaves 【待补充…】)
        forms = rng.randint(1, max(1, min(total_forms, max_forms if max_forms is not None else total_forms))) if total_forms else 0
        pair = len(planned) + 2 <= count and rng.random() < pair_share
        fault = rng.choice(list(FAULTS)) if rng.random() < fault_share else None
        if fault_cycle:
            fault = fault_cycle[(n - 1) % len(fault_cycle)]
            pair = (pair or fault == "prior_year") and len(planned) + 2 <= count
        if fault == "prior_year" and not pair:
            fault = None
        year = base.meta.year
        stem = f"{n:04d}-{profile}"
        if pair:
            k_prev = max(1, k + rng.choice([-1, 0, 1]))
            prev = department_data(base, name=name, year=year - 1, k=k_prev, forms=forms, rng=random.Random(rng.random()))
            prev_stem = f"{stem}-{year - 1}"
            published, _ = _build(prev, profile, out, prev_stem, list(formats), None, rng)
            planned.append(Planned(f"{prev_stem}.{formats[0]}", name, year - 1, profile, k_prev, forms))
        data = department_data(base, name=name, year=year, k=k, forms=forms, rng=random.Random(rng.random()))
        detail = ""
        if pair:
            stated_prior(data, published)
            if fault == "prior_year":
                delta = Decimal(rng.randint(500, 50000)) / 100
                data.narrative.prior_year.general_budget = (data.narrative.prior_year.general_budget or Decimal(0)) + delta
                detail = f"prior_year.general_budget +{delta}"
        this_stem = f"{stem}-{year}"
        _, planted = _build(data, profile, out, this_stem, list(formats), fault, rng)
        planned.append(Planned(f"{this_stem}.{formats[0]}", name, year, profile, k, forms, fault, detail or planted,
                               prior_of=f"{stem}-{year - 1}.{formats[0]}" if pair else None))
    planned = planned[:count]
    (out / "manifest.json").write_text(json.dumps([asdict(p) for p in planned], ensure_ascii=False, indent=1), encoding="utf-8")
    return planned


def main(argv=None) -> None:
    import argparse

    ap = argparse.ArgumentParser(description="生成合成部门决算文档（可复现）")
    ap.add_argument("out", type=Path)
    ap.add_argument("--count", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--formats", default="pdf", help="逗号分隔：pdf,json,docx,xlsx,html（第一个为清单中的文件）")
    ap.add_argument("--faults", type=float, default=0.3, help="植入错误的文档比例")
    ap.add_argument("--pairs", type=float, default=0.2, help="生成相邻两年文档的部门比例")
    args = ap.parse_args(argv)
    docs = generate(args.out, args.count, args.seed, formats=tuple(args.formats.split(",")), fault_share=args.faults, pair_share=args.pairs)
    print(f"{len(docs)} documents in {args.out}")


if __name__ == "__main__":
    main()
