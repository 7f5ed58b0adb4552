"""How many single-cell slips in a disclosure's tables does the check engine catch as 错误?

    python benchmarks/mutations.py                    # 3000 mutations of the built Datong example
    python benchmarks/mutations.py -n 5000 --example putuo-finance-2024 --seed 7
    python benchmarks/mutations.py --printed          # also as a read document (every figure ±0.005)
    python benchmarks/mutations.py --document         # single faults of every kind, printed to PDF and audited
                                                      # (see benchmarks/document_faults.py)

A clean built document (no errors) is mutated as printed: one table cell at a time, directly in the
Disclosure's tables, by one of three slips a person makes when typing or copying a figure:

- digit:  one digit replaced by another (880.74 → 830.74);
- swap:   two different digits exchanged (880.74 → 808.74; adjacent half the time);
- scale:  the value multiplied by 10 000 (元 typed where 万元 is meant).

Each mutated document goes through every rule; the mutation counts as detected when a finding of
severity 错误 appears. Undetected mutations are classified and explained at the end.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from juesuan.checks import run  # noqa: E402
from juesuan.pipeline import compile_source  # noqa: E402
from juesuan.tables import COUNT_ROWS  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("digit", "swap", "scale")


def cells(disclosure, profile):
    """Every printed, non-blank table cell of the profile's tables: (table, row, column)."""
    out = []
    for layout in profile.tables:
        t = disclosure.tables.get(layout.id)
        if t is None:
            continue
        for r in t.rows:
            for col, v in r.values.items():
                if v:
                    out.append((layout.id, r.key, col))
    return out


def _text(value: Decimal, count: bool) -> str:
    return str(int(value)) if count else f"{value:.2f}"


def _value(text: str, count: bool) -> Decimal:
    if count:
        return Decimal(int(text))
    return Decimal(text[:-2] + "." + text[-2:]) if len(text) > 2 else Decimal("0." + text.zfill(2))


def mutate(value: Decimal, kind: str, rng: random.Random, count: bool) -> Decimal | None:
    """The slipped value, or None when this slip cannot change this value (e.g. 5.00 has no two different digits)."""
    if kind == "scale":
        return value * 10000
    digits = _text(value, count).replace(".", "").replace("-", "")
    sign = -1 if value < 0 else 1
    if kind == "digit":
        i = rng.randrange(len(digits))
        new = rng.choice([d for d in "0123456789" if d != digits[i]])
        text = digits[:i] + new + digits[i + 1 :]
    else:
        pairs = [(i, j) for i in range(len(digits)) for j in range(i + 1, len(digits)) if digits[i] != digits[j]]
        if not pairs:
            return None
        adjacent = [(i, j) for i, j in pairs if j == i + 1]
        i, j = rng.choice(adjacent) if adjacent and rng.random() < 0.5 else rng.choice(pairs)
        chars = list(digits)
        chars[i], chars[j] = chars[j], chars[i]
        text = "".join(chars)
    out = sign * _value(text, count)
    return out if out != value else None


def campaign(disclosure, profile, n: int, rng: random.Random):
    targets = cells(disclosure, profile)
    clean = run(disclosure, profile)
    baseline = {(f.rule, f.location.key()) for f in clean if f.severity == "error"}
    soft_baseline = {(f.rule, f.location.key(), f.message) for f in clean if f.severity != "error"}
    results = []
    timings = []
    while len(results) < n:
        table_id, row_key, col = rng.choice(targets)
        kind = rng.choice(KINDS)
        row = disclosure.tables[table_id].row(row_key)
        old = row.values[col]
        new = mutate(old, kind, rng, row_key in COUNT_ROWS)
        if new is None:
            continue
        row.values[col] = new
        t0 = time.perf_counter()
        findings = run(disclosure, profile)
        timings.append(time.perf_counter() - t0)
        row.values[col] = old
        errors = [f for f in findings if f.severity == "error" and (f.rule, f.location.key()) not in baseline]
        infos = [f for f in findings if f.severity in ("info", "warning") and (f.rule, f.location.key(), f.message) not in soft_baseline]
        results.append({
            "cell": (table_id, row_key, col), "kind": kind, "old": old, "new": new,
            "detected": bool(errors), "rules": sorted({f.rule for f in errors}),
            "soft": sorted({f.rule for f in infos}),
        })
    return results, timings


def explain(r, printed: bool) -> str:
    delta = abs(r["new"] - r["old"])
    if r["soft"] and printed and delta <= Decimal("0.05"):
        return "rounding"
    if r["soft"]:
        return "soft"
    return "unchecked"


WHY = {
    "rounding": "相差仅几分（|Δ| ≤ 0.05）：在读取的文档中，每个印出的数都可能有 ±0.005 的尾数误差，n 项之和可差 0.005·(n+1)；"
                "这样的改动与金额单位换算的尾数差无法区分，只能报“提示”。编制的文档没有尾数误差，同样的改动是“错误”。",
    "soft": "只触发了“提示/警告”。",
    "unchecked": "没有任何规则涉及这个格：它不参与合计关系，也未在其他表或情况说明中重述。",
}


def report(title: str, results, timings) -> float:
    total = len(results)
    detected = sum(r["detected"] for r in results)
    print(f"\n== {title}")
    print(f"突变 {total} 个，检出为“错误” {detected} 个：{100 * detected / total:.2f}%  （目标 ≥ 99.5%）")
    print(f"每次完整审核耗时：中位数 {1000 * statistics.median(timings):.1f} ms，最长 {1000 * max(timings):.1f} ms")
    by_kind = defaultdict(lambda: [0, 0])
    by_table = defaultdict(lambda: [0, 0])
    for r in results:
        by_kind[r["kind"]][0] += 1
        by_kind[r["kind"]][1] += r["detected"]
        by_table[r["cell"][0]][0] += 1
        by_table[r["cell"][0]][1] += r["detected"]
    print("按突变类型：" + "；".join(f"{k} {d}/{n}（{100 * d / n:.1f}%）" for k, (n, d) in by_kind.items()))
    print("按表：" + "；".join(f"{k} {d}/{n}" for k, (n, d) in sorted(by_table.items())))
    rules = Counter(rule for r in results for rule in r["rules"])
    print("检出次数最多的规则：" + "、".join(f"{k}×{v}" for k, v in rules.most_common(12)))
    missed = [r for r in results if not r["detected"]]
    if not missed:
        print("未检出：无。")
        return detected / total
    printed = "读取" in title
    groups = defaultdict(list)
    for r in missed:
        groups[explain(r, printed)].append(r)
    print(f"未检出 {len(missed)} 个，原因：")
    for why, items in groups.items():
        print(f"  · {len(items)} 个 — {WHY[why]}")
        for r in items[:6]:
            t, row, col = r["cell"]
            print(f"      {t}:{row}:{col}  {r['kind']}  {r['old']} → {r['new']}" + (f"  （{'、'.join(r['soft'])}）" if r["soft"] else ""))
    return detected / total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=3000, help="number of mutations (default 3000)")
    ap.add_argument("--example", default="datong-housing-2024")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--printed", action="store_true", help="also run with the document treated as read (rounding-aware)")
    ap.add_argument("--document", action="store_true",
                    help="document-level faults (names, years, comparison words, blanked cells, …) printed to PDF and audited")
    ap.add_argument("-k", type=int, default=2, help="--document: faults planted per kind and example (default 2)")
    ap.add_argument("--producers", default="ours,libreoffice", help="--document: PDF producers (ours, libreoffice)")
    ap.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "juesuan-document-mutations"),
                    help="--document: where the clean prints are kept")
    args = ap.parse_args()
    if args.document:
        from document_faults import document_campaign

        return document_campaign(args)
    disclosure, profile = compile_source(ROOT / "examples" / args.example)
    errors = [f for f in run(disclosure, profile) if f.severity == "error"]
    print(f"{args.example}：{len(cells(disclosure, profile))} 个非空表格单元；干净文档的错误数 {len(errors)}")
    results, timings = campaign(disclosure, profile, args.n, random.Random(args.seed))
    share = report("编制的文档（合计为末级数据的精确和）", results, timings)
    if args.printed:
        disclosure.origin = "printed"
        results, timings = campaign(disclosure, profile, args.n, random.Random(args.seed))
        report("当作读取的文档（每个数 ±0.005）", results, timings)
    return 0 if share >= 0.995 else 1


if __name__ == "__main__":
    raise SystemExit(main())
