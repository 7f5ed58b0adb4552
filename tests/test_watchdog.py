"""The read watchdog and memory cap, seen from outside: the real command line in its own
process (``guard.use_process_limits`` is on only there), a reader replaced by one that runs
long or allocates without end, and the Chinese message with exit 2 expected within the limit.

The replacement is made by the small driver below (``python -c``), so no test hook lives in
the package. Each case takes a few seconds: the limits are lowered through the environment.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Replaces the text reader (which runs inside guard.reading) and runs the CLI's entry point.
DRIVER = r"""
import sys, time
import juesuan.readers.text as text

def busy(path):  # Python code that never ends: the alarm interrupts it
    while True:
        sum(range(1000))

def stuck(path):  # as native code that never returns to Python: the alarm is never handled
    import signal
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    time.sleep(120)

def greedy(path):  # memory without end
    hoard = []
    while True:
        hoard.append(bytearray(8 << 20))

text.read_text = {"busy": busy, "stuck": stuck, "greedy": greedy}[sys.argv[1]]
from juesuan.cli import main
sys.argv = ["juesuan", "audit", sys.argv[2], "--format", "json"]
main()
"""


def run_driver(mode: str, tmp_path: Path, **env: str):
    document = tmp_path / "slow.txt"
    document.write_text("2024年度部门决算公开\n", encoding="utf-8")
    full = dict(os.environ, PYTHONPATH=str(ROOT / "src"), **env)
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", DRIVER, mode, str(document)], capture_output=True, text=True, env=full, timeout=60)
    return proc, time.monotonic() - start


def test_watchdog_stops_a_read_that_runs_on(tmp_path):
    proc, seconds = run_driver("busy", tmp_path, JUESUAN_READ_TIMEOUT="2")
    said = proc.stderr.replace("\n", "")
    assert proc.returncode == 2, proc.stderr
    assert "slow.txt" in said and "读取文本文件超时（超过 2 秒）" in said, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert seconds < 10


def test_watchdog_hard_stop_when_the_read_never_returns_to_python(tmp_path):
    """The alarm cannot interrupt native code; after a grace of 10 s the process ends itself
    with the message and exit 2 (not a hang, not a kill)."""
    proc, seconds = run_driver("stuck", tmp_path, JUESUAN_READ_TIMEOUT="1")
    said = proc.stderr.replace("\n", "")
    assert proc.returncode == 2, proc.stderr
    assert "slow.txt" in said and "读取超时（超过 1 秒）" in said, proc.stderr
    assert seconds < 14


def test_memory_cap_turns_into_a_message(tmp_path):
    proc, seconds = run_driver("greedy", tmp_path, JUESUAN_READ_MEMORY_MB="200")
    said = proc.stderr.replace("\n", "")
    assert proc.returncode == 2, proc.stderr
    assert "slow.txt" in said and "内存不足" in said, proc.stderr
    assert "Traceback" not in proc.stderr
    assert seconds < 10
