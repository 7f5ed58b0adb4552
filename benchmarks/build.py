"""Time ``juesuan build`` of an example, one format at a time, as a user runs it.

Each run is a fresh process (interpreter start, imports, reading, compiling, checking, writing):
wall time measured around the process, peak RSS from that child's rusage (os.wait4). Prints the
median of N runs per format against the targets (every format under 1 s, PDF under 3 s).

    python benchmarks/build.py                      # examples/datong-housing-2024, 5 runs
    python benchmarks/build.py examples/putuo-finance-2024 --runs 3 --formats html,pdf
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"json": 1.0, "xlsx": 1.0, "docx": 1.0, "html": 1.0, "pdf": 3.0}


def run_once(example: Path, fmt: str, out: Path) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds, peak RSS MiB, exit code) of one ``juesuan build`` process.
    CPU time (user + system) is printed too: on a shared, busy machine it shows the work done
    when wall time mostly shows the wait."""
    cmd = [sys.executable, "-m", "juesuan", "build", str(example), "-o", str(out), "-f", fmt, "--force"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    peak_mib = usage.ru_maxrss / 1024  # Linux reports KiB
    return wall, usage.ru_utime + usage.ru_stime, peak_mib, proc.returncode


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("example", nargs="?", default=str(ROOT / "examples" / "datong-housing-2024"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--formats", default="json,xlsx,docx,html,pdf")
    args = ap.parse_args()
    example = Path(args.example).resolve()
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    print(f"juesuan build {example.name}: median of {args.runs} runs per format, fresh process each")
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"{'format':<8}{'median s':>10}{'min s':>8}{'max s':>8}{'CPU s':>8}{'peak RSS MiB':>14}{'target s':>10}  ")
    failed = False
    for fmt in formats:
        walls, cpus, peaks = [], [], []
        for _ in range(args.runs):
            out = Path(tempfile.mkdtemp(prefix="juesuan-bench-"))
            try:
                wall, cpu, peak, code = run_once(example, fmt, out)
            finally:
                shutil.rmtree(out, ignore_errors=True)
            if code not in (0, 1):  # 1: the check engine found errors (written with --force)
                print(f"{fmt:<8} failed (exit {code})")
                failed = True
                break
            walls.append(wall)
            cpus.append(cpu)
            peaks.append(peak)
        else:
            median = statistics.median(walls)
            target = TARGETS.get(fmt)
            verdict = "" if target is None else ("ok" if median < target else "OVER")
            print(f"{fmt:<8}{median:>10.2f}{min(walls):>8.2f}{max(walls):>8.2f}{statistics.median(cpus):>8.2f}"
                  f"{max(peaks):>14.0f}{target or 0:>10.1f}  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
