"""Time the preparer's workbook: write (juesuan init --example) and read (what juesuan build
does before compiling), on the examples; report median of N in-process runs, file size, sheets.

    python benchmarks/workbook.py [--runs N] [EXAMPLE ...]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from juesuan import profiles  # noqa: E402
from juesuan.readers.source import read_folder  # noqa: E402
from juesuan.readers.workbook import read_workbook
from juesuan.writers.workbook import write_workbook  # noqa: E402


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("examples", nargs="*", default=["datong-housing-2024", "putuo-finance-2024"])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.examples:
            folder = ROOT / "examples" / name
            data, _ = read_folder(folder)
            profile = profiles.load(data.meta.profile)
            path = Path(tmp) / f"{name}.xlsx"

            def write() -> None:
                path.unlink(missing_ok=True)
                write_workbook(data, profile, path)

            write()
            read_workbook(path)  # warm caches (catalogues, profile, imports)
            w = median_time(write, args.runs)
            r = median_time(lambda: read_workbook(path), args.runs)
            import openpyxl

            sheets = len(openpyxl.load_workbook(path, read_only=True).sheetnames)
            print(f"{name}: {len(data.functional)} 项, {len(data.performance)} 张自评表, {sheets} 张工作表, "
                  f"{path.stat().st_size / 1024:.0f} KB; write {w:.2f} s, read {r:.2f} s (median of {args.runs})")


if __name__ == "__main__":
    main()
