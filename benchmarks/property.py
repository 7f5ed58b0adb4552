"""Random valid departments through compile, narrative and every rule, at scale (issue #11: the generator
and the checker agree by construction). The test suite runs a small sample
(``tests/test_property_departments.py``, ``JUESUAN_PROPERTY_EXAMPLES``, default 50); this prints the
figure for as many departments as asked, counting instead of stopping at the first failure:

    nice python benchmarks/property.py -n 500            # ≥500 departments, both profiles, every unit kind
    nice python benchmarks/property.py -n 500 --seed 3   # another sample

A department counts as failed when its checks give an 错误, or a 警告 its data does not explain
(``explained`` in the test module). Exit 0 when none fails.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

from juesuan.checks import run  # noqa: E402
from strategies import build, departments  # noqa: E402
from test_property_departments import problems  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=500, help="number of random departments (default 500)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    stats = Counter()
    by_rule = Counter()
    examples = []
    t0 = time.perf_counter()

    @seed(args.seed)
    @settings(max_examples=args.n, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(departments())
    def one(data):
        stats["departments"] += 1
        stats[data.meta.profile] += 1
        disclosure, profile = build(data)
        findings = run(disclosure, profile)
        stats["errors"] += sum(f.severity == "error" for f in findings)
        stats["warnings"] += sum(f.severity == "warning" for f in findings)
        bad = problems(findings, data)
        stats["unexplained"] += len(bad)
        if bad:
            stats["failed"] += 1
            by_rule.update(f"{f.rule} {f.severity}" for f in bad)
            if len(examples) < 5:
                examples.append(bad[0])

    one()
    elapsed = time.perf_counter() - t0
    print(f"随机部门 {stats['departments']} 个（shanxi {stats['shanxi']}，shanghai {stats['shanghai']}），用时 {elapsed:.0f} 秒")
    print(f"错误 {stats['errors']} 处，警告 {stats['warnings']} 处，其中数据不能解释的错误/警告 {stats['unexplained']} 处"
          f"（涉及 {stats['failed']} 个部门）")
    for rule, n in by_rule.most_common():
        print(f"  {rule} × {n}")
    for f in examples:
        print(f"  例：{f.rule} {f.severity} {f.message}")
    return 1 if stats["failed"] or stats["departments"] < args.n else 0


if __name__ == "__main__":
    raise SystemExit(main())
