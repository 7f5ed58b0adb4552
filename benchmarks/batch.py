"""Batch audit at scale: generated PDFs audited with 1 and N local workers and on a loopback Dask
cluster, against ``pdftotext -layout`` of the same documents.

    python benchmarks/batch.py [--count 200] [--seed 1] [--dir DIR] [--no-cluster] [--max-forms N]

Prints, for each run: process wall time for the whole batch, wall per document, the ratio to
``pdftotext -layout`` per document (one process per document, run one after another as a
reviewer's script would), the speed-up from 1 to 2 workers, and the peak RSS of each worker
process (every record reports its process's peak RSS; the maximum over records of one process).
Every run starts with an empty results cache, so every document is audited.

Goals (issue #16): per-document wall with --jobs = cores ≤ 2× pdftotext per document; speed-up
1 → 2 workers ≥ 1.8×; peak RSS per worker ≤ 150 MB. On a shared machine the wall times carry the
other users' load: compare the ratios, measured in the same session, more than the seconds.

The documents are generated once into --dir (default /tmp/juesuan-batch-bench-<count>-<seed>) and
reused while their manifest matches.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))  # the synthetic-department generator


def generate(folder: Path, count: int, seed: int, max_forms: int | None) -> list[Path]:
    from synthetic import generate as gen

    manifest = folder / "manifest.json"
    stamp = folder / ".params"
    params = json.dumps({"count": count, "seed": seed, "max_forms": max_forms})
    if not (manifest.exists() and stamp.exists() and stamp.read_text() == params):
        shutil.rmtree(folder, ignore_errors=True)
        start = time.perf_counter()
        gen(folder, count, seed, max_forms=max_forms)
        stamp.write_text(params)
        print(f"generated {count} PDFs in {time.perf_counter() - start:.0f} s → {folder}")
    files = sorted(folder.glob("*.pdf"))
    pages = 0
    for f in files[:: max(1, len(files) // 20)]:
        out = subprocess.run(["pdfinfo", str(f)], capture_output=True, text=True).stdout if shutil.which("pdfinfo") else ""
        pages += next((int(line.split()[-1]) for line in out.splitlines() if line.startswith("Pages:")), 0)
    sample = len(files[:: max(1, len(files) // 20)])
    print(f"documents: {len(files)} PDFs, {sum(f.stat().st_size for f in files) / 1e6:.0f} MB, ~{pages / max(1, sample):.0f} pages each (sample)")
    return files


def pdftotext(files: list[Path]) -> tuple[float, float]:
    """(wall, CPU) seconds of ``pdftotext -layout`` over every file, one process each."""
    with tempfile.TemporaryDirectory() as tmp:
        cpu = _cpu()
        start = time.perf_counter()
        for f in files:
            subprocess.run(["pdftotext", "-layout", str(f), str(Path(tmp) / "out.txt")], check=True)
        return time.perf_counter() - start, _cpu() - cpu


def records_in(cache: Path) -> list[dict]:
    return [json.loads(zlib.decompress(p.read_bytes())) for p in (cache / "audit-results").rglob("*.json.z")]


def _cpu() -> float:
    import resource

    ru = resource.getrusage(resource.RUSAGE_CHILDREN)  # every waited-for descendant: the CLI and its pool workers
    return ru.ru_utime + ru.ru_stime


def audit(folder: Path, extra: list[str], env: dict) -> tuple[float, float, list[dict]]:
    """(wall seconds, CPU seconds of the CLI and its local workers) of one ``juesuan audit FOLDER …``
    process with an empty cache; its records."""
    with tempfile.TemporaryDirectory(prefix="juesuan-bench-cache-") as cache:
        run_env = {**env, "JUESUAN_CACHE_DIR": cache}
        cmd = [sys.executable, "-m", "juesuan", "audit", str(folder), "--format", "json", *extra]
        cpu = _cpu()
        start = time.perf_counter()
        done = subprocess.run(cmd, env=run_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - start
        cpu = _cpu() - cpu
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} exited {done.returncode}: {done.stderr.decode()[-2000:]}")
        return wall, cpu, records_in(Path(cache))


def worker_rss(records: list[dict]) -> tuple[int, float]:
    """(worker processes seen, max peak RSS MB over them)."""
    per: dict[int, float] = {}
    for r in records:
        if r.get("peak_rss_mb") is not None:
            per[r["pid"]] = max(per.get(r["pid"], 0.0), r["peak_rss_mb"])
    return len(per), max(per.values(), default=0.0)


def report(label: str, wall: float, cpu: float | None, n: int, ref: float, records: list[dict]) -> None:
    workers, rss = worker_rss(records)
    failed = sum(1 for r in records if not r.get("ok"))
    inside = sum(r.get("seconds") or 0 for r in records) / max(1, len(records))
    print(f"  {label:34s} {wall:7.1f} s   {wall / n * 1000:6.0f} ms/doc   {wall / ref:5.2f}× pdftotext   "
          + (f"CPU {cpu / n * 1000:5.0f} ms/doc   " if cpu else "")
          + f"in-worker {inside * 1000:5.0f} ms/doc   workers {workers}, peak RSS/worker {rss:5.1f} MB" + (f"   ({failed} failed)" if failed else "")
          + f"   load {os.getloadavg()[0]:.1f}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LoopbackCluster:
    """A Dask scheduler and ``n`` single-thread workers as separate processes on 127.0.0.1."""

    def __init__(self, n: int, env: dict):
        self.n, self.env, self.procs = n, env, []
        self.address = f"tcp://127.0.0.1:{free_port()}"

    def __enter__(self) -> "LoopbackCluster":
        port = self.address.rsplit(":", 1)[1]
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": self.env}
        self.procs.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", port,
                                            "--no-dashboard"], **quiet))
        for i in range(self.n):
            self.procs.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", self.address, "--host", "127.0.0.1",
                                                "--nthreads", "1", "--no-nanny", "--no-dashboard", "--name", f"bench-{i}"], **quiet))
        from distributed import Client

        with Client(self.address, timeout="60s") as client:
            client.wait_for_workers(self.n, timeout=120)
        return self

    def __exit__(self, *exc) -> None:
        for p in self.procs:
            p.terminate()
        for p in self.procs:
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                p.kill()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dir", type=Path)
    ap.add_argument("--max-forms", type=int, default=None, help="cap the performance forms per document (shorter documents)")
    ap.add_argument("--no-cluster", action="store_true")
    ap.add_argument("--cluster-only", action="store_true", help="only the loopback Dask cluster runs (and pdftotext)")
    args = ap.parse_args()
    if not shutil.which("pdftotext"):
        raise SystemExit("pdftotext (poppler-utils) is not installed")
    folder = args.dir or Path(tempfile.gettempdir()) / f"juesuan-batch-bench-{args.count}-{args.seed}"
    files = generate(folder, args.count, args.seed, args.max_forms)
    n = len(files)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    bytecode = Path(tempfile.mkdtemp(prefix="juesuan-bench-pyc-"))
    # bytecode cached as an installed package has it (pip compiles at install); a process that
    # compiles dask's and juesuan's sources itself is slower and peaks higher than any user's
    from build import child_env  # benchmarks/build.py, beside this file

    env = child_env(bytecode)
    env["PYTHONPATH"] = str(ROOT / "src") + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    subprocess.run([sys.executable, "-m", "juesuan", "audit", str(files[0]), "--format", "json"], env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)  # warm the bytecode and file caches
    subprocess.run([sys.executable, "-c", "import distributed, distributed.cli.dask_worker, distributed.cli.dask_scheduler"], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # the cluster's processes too (fails quietly without the extra)
    ref, ref_cpu = pdftotext(files)
    print(f"machine: {cores} cores, load average {os.getloadavg()[0]:.1f} at start")
    print(f"  {'pdftotext -layout, one process/doc':34s} {ref:7.1f} s   {ref / n * 1000:6.0f} ms/doc   CPU {ref_cpu / n * 1000:5.0f} ms/doc"
          f"   load {os.getloadavg()[0]:.1f}")
    if not args.cluster_only:
        wall1, cpu1, rec1 = audit(folder, ["--jobs", "1"], env)
        report("juesuan audit --jobs 1", wall1, cpu1, n, ref, rec1)
        wall2, cpu2, rec2 = audit(folder, ["--jobs", "2"], env)
        report("juesuan audit --jobs 2", wall2, cpu2, n, ref, rec2)
        if cores > 2:
            wallc, cpuc, recc = audit(folder, ["--jobs", str(cores)], env)
            report(f"juesuan audit --jobs {cores}", wallc, cpuc, n, ref, recc)
        print(f"  speed-up 1 → 2 workers: {wall1 / wall2:.2f}×   (goal ≥ 1.8×; per-doc goal ≤ 2× pdftotext, ≤ 150 MB/worker)")
        print(f"  load average now {os.getloadavg()[0]:.1f}: with other work on the cores, wall time cannot show a speed-up")
    if args.no_cluster:
        return
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("  (dask.distributed not installed: pip install 'juesuan[cluster]')")
        return
    walls = {}
    for workers in (1, 2):
        with LoopbackCluster(workers, env) as cluster:
            walls[workers], _, rec = audit(folder, ["--cluster", cluster.address], env)
            report(f"Dask loopback, {workers} worker(s)", walls[workers], None, n, ref, rec)
    print(f"  Dask speed-up 1 → 2 workers: {walls[1] / walls[2]:.2f}×")
    shutil.rmtree(bytecode, ignore_errors=True)


if __name__ == "__main__":
    main()
