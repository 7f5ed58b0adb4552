"""Time `juesuan audit` on the corpus PDF against `pdftotext -layout` of the same file.

Both run as separate processes in the same session, alternating, so machine noise hits both;
reported: median wall time and median CPU time (user + sys) of N runs, peak RSS (max over runs,
from wait4's rusage), ratios. Target (issue #16): a cold audit ≤ 6× pdftotext, ≤ 150 MB peak RSS.
On a shared, loaded machine the wall time carries the other users' work: the CPU ratio is the
steadier figure there; on an idle machine the two agree.

    python benchmarks/audit.py [PDF] [--runs N] [--libraries] [--python PYTHON]

--python runs juesuan (this checkout's, through PYTHONPATH) with another interpreter, e.g. the
one of a virtual environment made as the README makes one: a venv's Python starts without the
site-wide ``.pth`` files of the interpreter it was made from (on the project's machine a sandbox
``.pth`` imports ``certifi``, ~25 ms a user's machine does not pay).

--libraries also times, in this process, the candidate PDF libraries on the same file: our
reader (pypdfium2 boxes + ruling lines → cells), pdfplumber's extract_tables, pdfminer's text.

Python bytecode is cached as an installed package has it (PYTHONPYCACHEPREFIX, a private
temporary folder, filled by the warm-up run) unless --no-bytecode-cache; see benchmarks/build.py.
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
DEFAULT = ROOT.parent / "shared" / "corpus" / "putuo-finance-2024.pdf"


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """(wall seconds, peak RSS MB, CPU seconds: user + sys) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # audit exits 1 when it finds errors: that is a result, not a failure
        raise SystemExit(f"{' '.join(cmd)} exited {code}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime  # Linux reports KiB


def libraries(pdf: Path, runs: int) -> None:
    """Median in-process seconds of each candidate on the whole document."""
    from juesuan.readers.pdf import read_pdf

    def ours():
        read_pdf(pdf)

    def plumber():
        import pdfplumber

        with pdfplumber.open(str(pdf)) as doc:
            for page in doc.pages:
                page.extract_tables()

    def miner():
        from pdfminer.high_level import extract_text

        extract_text(str(pdf))

    print("in-process, whole document (median):")
    for name, fn in (("pypdfium2 cells (juesuan)", ours), ("pdfplumber extract_tables", plumber), ("pdfminer.six extract_text", miner)):
        try:
            fn()
        except ImportError:
            print(f"  {name:28s} not installed")
            continue
        times = []
        for _ in range(max(1, runs // 2)):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        print(f"  {name:28s} {statistics.median(times) * 1000:8.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pdf", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--libraries", action="store_true")
    ap.add_argument("--no-bytecode-cache", action="store_true", help="compile every module from source on every run")
    ap.add_argument("--python", default=sys.executable, help="the interpreter to run juesuan with (default: this one)")
    args = ap.parse_args()
    from build import child_env  # benchmarks/build.py, beside this file

    bytecode = None if args.no_bytecode_cache else Path(tempfile.mkdtemp(prefix="juesuan-bench-pyc-"))
    env = child_env(bytecode)
    # this checkout's juesuan, whatever is installed (an installed copy may be another version)
    env["PYTHONPATH"] = str(ROOT / "src") + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    if not args.pdf.exists():
        raise SystemExit(f"missing {args.pdf}")
    if not shutil.which("pdftotext"):
        raise SystemExit("pdftotext (poppler-utils) is not installed")
    juesuan = [args.python, "-m", "juesuan", "audit", str(args.pdf), "--format", "json", "-o"]
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "report.json")
        ref = ["pdftotext", "-layout", str(args.pdf), str(Path(tmp) / "out.txt")]
        run(juesuan + [out], env)  # warm the file cache and the bytecode cache
        if not Path(out).exists():  # exit 1 is also Python's "No module named juesuan"
            raise SystemExit(f"{' '.join(juesuan + [out])} wrote no report")
        run(ref)
        a_wall, a_rss, a_cpu, r_wall, r_rss, r_cpu = [], [], [], [], [], []
        for _ in range(args.runs):
            w, m, c = run(juesuan + [out], env)
            a_wall.append(w)
            a_rss.append(m)
            a_cpu.append(c)
            w, m, c = run(ref)
            r_wall.append(w)
            r_rss.append(m)
            r_cpu.append(c)
    a, r = statistics.median(a_wall), statistics.median(r_wall)
    ac, rc = statistics.median(a_cpu), statistics.median(r_cpu)
    print(f"document: {args.pdf.name}, {args.runs} runs each: process wall and CPU (user+sys) time (medians), peak RSS (max)")
    print(f"python: {args.python}; bytecode: {'compiled from source every run' if bytecode is None else 'cached (.pyc), as installed'}; "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"  juesuan audit      wall {a * 1000:6.0f} ms   CPU {ac * 1000:6.0f} ms   {max(a_rss):6.1f} MB")
    print(f"  pdftotext -layout  wall {r * 1000:6.0f} ms   CPU {rc * 1000:6.0f} ms   {max(r_rss):6.1f} MB")
    print(f"  ratio              wall {a / r:6.2f} ×    CPU {ac / max(rc, 1e-3):6.2f} ×     (target ≤ 6×, ≤ 150 MB)")
    py = [args.python, "-c", "pass"]
    startup = statistics.median(run(py, env)[0] for _ in range(args.runs))  # wall
    print(f"  (python startup alone: {startup * 1000:.0f} ms)")
    # what a final account's audit imports and sets up before it reads a page (its rules and
    # pdfium included), its classes' methods from the cache as the command has them
    floor = [args.python, "-c", "import juesuan.classcode as c; c.install(); import juesuan.audit, juesuan.readers.published, "
             "juesuan.readers.pdf, juesuan.readers.pdfium as p, juesuan.checks.engine as e; p.library(); e.rules_for('final')"]
    run(floor, env)
    imports = statistics.median(run(floor, env)[0] for _ in range(args.runs))
    print(f"  (python + what an audit imports, nothing read: {imports * 1000:.0f} ms)")
    if bytecode is not None:
        shutil.rmtree(bytecode, ignore_errors=True)
    if args.libraries:
        libraries(args.pdf, args.runs)


if __name__ == "__main__":
    main()
