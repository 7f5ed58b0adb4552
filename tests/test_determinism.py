"""The same input gives the same findings in the same order, whatever the process's hash seed.

Python randomises the iteration order of sets of strings per process (PYTHONHASHSEED); a rule that
iterates a set emits its findings in a different order run to run. Each case runs the CLI in two
fresh processes with different seeds and compares the JSON reports byte for byte.
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import CORPUS, EXAMPLES, ROOT


def _report(args: list[str], seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "src"), "JUESUAN_CACHE_DIR": ""}
    done = subprocess.run([sys.executable, "-m", "juesuan", *args, "--format", "json"], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


CASES = [
    ("audit", CORPUS / "putuo-finance-2024.pdf"),
    ("audit", CORPUS / "datong-housing-2024.txt"),
    ("check", EXAMPLES / "putuo-finance-2024"),
]


@pytest.mark.parametrize("command,path", CASES, ids=[p.name for _, p in CASES])
def test_same_findings_in_the_same_order_across_hash_seeds(command, path):
    if not path.exists():
        pytest.skip(f"{path} not available")
    first = _report([command, str(path)], "1")
    assert '"findings"' in first
    assert _report([command, str(path)], "2") == first
