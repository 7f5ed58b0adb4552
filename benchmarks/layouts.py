"""Per layout: tables found / listed, cells read, and the audit time of one document.

The Datong example is printed (html, docx, pdf) in its own layout and in the generated layouts
of other provinces (tests/layout_variants.py), then audited with nothing told about the layout;
the corpus documents are audited as they are.

    python benchmarks/layouts.py [--formats html,docx,pdf] [--runs 3]

Printed per document: the reading path (profile id or generic), tables found / tables the
document lists (its 目录; the template's list when it has none), value cells read, findings by
severity, and the median wall time of the in-process audit (read + rules).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]
CORPUS = ROOT.parent / "shared" / "corpus"


def audit_once(path: Path):
    from juesuan.audit import audit_file

    t0 = time.perf_counter()
    a = audit_file(path)
    return a, time.perf_counter() - t0


def describe(path: Path, runs: int) -> str:
    times = []
    a = None
    for _ in range(runs):
        a, dt = audit_once(path)
        times.append(dt)
    d = a.disclosure
    r = d.reading
    listed = [e.table for e in r.contents if e.table and e.table != "other"] if r and r.contents else [t.id for t in a.profile.tables]
    listed = list(dict.fromkeys(listed))
    found = [tid for tid, t in d.tables.items() if t.present]
    cells = sum(1 for t in d.tables.values() for row in t.rows for v in row.values.values() if v is not None)
    sev = {"error": 0, "warning": 0, "info": 0}
    for f in a.findings:
        sev[f.severity] = sev.get(f.severity, 0) + 1
    path_name = r.path if r else "?"
    return (f"{path.name:<34} {path_name:<8} {a.profile.id:<10} {len(found):>2}/{len(listed):<2} {cells:>6}  "
            f"{sev['error']:>3} {sev['warning']:>3} {sev['info']:>3}  {statistics.median(times) * 1000:>7.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--formats", default="html,docx,pdf")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    from layout_variants import VARIANTS, write_variant

    from juesuan.pipeline import compile_source, write_outputs

    disclosure, profile = compile_source(ROOT / "examples" / "datong-housing-2024")
    print(f"{'document':<34} {'path':<8} {'profile':<10} found/listed  cells  err warn info  audit")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for fmt in args.formats.split(","):
            written, skipped = write_outputs(disclosure, profile, out, "datong-standard", [fmt])
            if fmt in skipped:
                print(f"({fmt} skipped: {skipped[fmt]})")
                continue
            print(describe(written[0], args.runs))
            for name in VARIANTS:
                print(describe(write_variant(disclosure, name, fmt, out), args.runs))
    for name in ("datong-housing-2024.txt", "putuo-finance-2024.pdf"):
        if (CORPUS / name).exists():
            print(describe(CORPUS / name, args.runs))


if __name__ == "__main__":
    main()
