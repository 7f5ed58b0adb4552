"""The layers point down: import-linter's contracts in pyproject.toml ([tool.importlinter]).

Readers never import writers, checks, the pipeline or a command; checks never import writers,
the pipeline or a command; the workbook schema imports neither its reader nor its writer;
nothing imports the CLI; no cycle between juesuan's packages and modules (3 levels deep).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold():
    pytest.importorskip("importlinter", reason="import-linter is in the test extra")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    # This checkout's package, not whichever juesuan is installed; no cache file left in the repository.
    code = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True, no_logo=True))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout
