"""Time ``juesuan build`` of an example, one format at a time, as a user runs it.

Each run is a fresh process (interpreter start, imports, reading, compiling, checking, writing):
wall time measured around the process, peak RSS from that child's rusage (os.wait4). Prints the
median of N runs per format against the targets (every format under 1 s, PDF under 3 s).

Python bytecode: an installed package runs from cached .pyc files, so by default the children
write theirs to a private temporary cache (PYTHONPYCACHEPREFIX) in one untimed warm-up run per
format, whatever PYTHONDONTWRITEBYTECODE says in this shell. ``--no-bytecode-cache`` times the
other case, juesuan's modules compiled from source on every run (+0.05–0.1 s). Runs go
round-robin over the formats, so a change in the machine's load hits every format alike.
To time another version, export its tree and put it first on the path:
``git archive REV src | tar -x -C /tmp/rev && PYTHONPATH=/tmp/rev/src python benchmarks/build.py``.

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


def child_env(bytecode_cache: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    if bytecode_cache is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.pop("PYTHONPYCACHEPREFIX", None)
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(bytecode_cache)
    return env


def run_once(example: Path, fmt: str, out: Path, env: dict[str, str]) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds, peak RSS MiB, exit code) of one ``juesuan build`` process.
    CPU time (user + system) is printed too: on a shared, busy machine it shows the work done
    when wall time mostly shows the wait."""
    cmd = [sys.executable, "-m", "juesuan", "build", str(example), "-o", str(out), "-f", fmt, "--force"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
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
    ap.add_argument("--no-bytecode-cache", action="store_true", help="compile every module from source on every run")
    args = ap.parse_args()
    bytecode = None if args.no_bytecode_cache else Path(tempfile.mkdtemp(prefix="juesuan-bench-pyc-"))
    env = child_env(bytecode)
    example = Path(args.example).resolve()
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    print(f"juesuan build {example.name}: median of {args.runs} runs per format, fresh process each")
    print(f"bytecode: {'compiled from source every run' if bytecode is None else 'cached (.pyc), as installed'}")
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"{'format':<8}{'median s':>10}{'min s':>8}{'max s':>8}{'CPU s':>8}{'peak RSS MiB':>14}{'target s':>10}  ")
    if bytecode is not None:  # untimed: fills the bytecode cache (and the template cache)
        for fmt in formats:
            out = Path(tempfile.mkdtemp(prefix="juesuan-bench-"))
            run_once(example, fmt, out, env)
            shutil.rmtree(out, ignore_errors=True)
    # Round-robin over the formats, so a change in the machine's load hits every format alike.
    results: dict[str, list[tuple[float, float, float]]] = {fmt: [] for fmt in formats}
    failed: set[str] = set()
    for _ in range(args.runs):
        for fmt in formats:
            if fmt in failed:
                continue
            out = Path(tempfile.mkdtemp(prefix="juesuan-bench-"))
            try:
                wall, cpu, peak, code = run_once(example, fmt, out, env)
            finally:
                shutil.rmtree(out, ignore_errors=True)
            if code not in (0, 1):  # 1: the check engine found errors (written with --force)
                print(f"{fmt:<8} failed (exit {code})")
                failed.add(fmt)
                continue
            results[fmt].append((wall, cpu, peak))
    for fmt in formats:
        if fmt in failed:
            continue
        walls = [w for w, _, _ in results[fmt]]
        median = statistics.median(walls)
        target = TARGETS.get(fmt)
        verdict = "" if target is None else ("ok" if median < target else "OVER")
        print(f"{fmt:<8}{median:>10.2f}{min(walls):>8.2f}{max(walls):>8.2f}{statistics.median(c for _, c, _ in results[fmt]):>8.2f}"
              f"{max(p for _, _, p in results[fmt]):>14.0f}{target or 0:>10.1f}  {verdict}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    if bytecode is not None:
        shutil.rmtree(bytecode, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
