"""The fast entry point (``juesuan.entry``): a plain one-document ``audit`` runs without typer and
rich, and says and writes exactly what the typer command says and writes; every other command
line goes to the typer application."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import corpus_file
from juesuan.entry import plain_audit

SRC = str(Path(__file__).resolve().parents[1] / "src")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["audit", "a.pdf"], {"fmt": "table", "output": None, "export": None, "profile": None}),
        (["audit", "a.pdf", "--format", "json", "-o", "r.json"], {"fmt": "json", "output": Path("r.json"), "export": None, "profile": None}),
        (["audit", "--format=html", "-or.html", "a.pdf"], {"fmt": "html", "output": Path("r.html"), "export": None, "profile": None}),
        (["audit", "--profile", "shanghai", "--export", "x", "--no-cache", "--", "a.pdf"],
         {"fmt": "table", "output": None, "export": Path("x"), "profile": "shanghai"}),
        (["audit", "--format", "json", "--format", "html", "a.pdf"], {"fmt": "html", "output": None, "export": None, "profile": None}),
    ],
)
def test_plain_audits_are_parsed_as_click_parses_them(args, expected):
    assert plain_audit(args) == {"files": [Path("a.pdf")], **expected}


@pytest.mark.parametrize(
    "args",
    [
        [], ["--version"], ["-h"], ["build", "x"], ["audit"], ["audit", "-h"], ["audit", "a.pdf", "--help"],
        ["audit", "a.pdf", "b.pdf"], ["audit", "a.pdf", "--jobs", "2"], ["audit", "a.pdf", "-j2"],
        ["audit", "a.pdf", "--summary", "s"], ["audit", "a.pdf", "--cluster", "tcp://h:1"], ["audit", "a.pdf", "--prior", "p.pdf"],
        ["audit", "a.pdf", "--format"], ["audit", "a.pdf", "-o", "--format"], ["audit", "a.pdf", "--format="],
        ["audit", "a.pdf", "--fromat", "json"], ["audit", "-"], ["audit", ""],
    ],
)
def test_everything_else_goes_to_typer(args):
    assert plain_audit(args) is None


def test_a_folder_is_a_batch(tmp_path):
    assert plain_audit(["audit", str(tmp_path)]) is None


# the console script (entry.run: main, then a quick exit), main itself, and the typer application
ENTRIES = ("juesuan.entry:run", "juesuan.entry:main", "juesuan.cli:main")


def _run(entry: str, args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": SRC, "JUESUAN_CACHE_DIR": ""}
    module, func = entry.split(":")
    code = f"import sys; sys.argv[0] = 'juesuan'; from {module} import {func}; {func}()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


@pytest.mark.parametrize("fmt", ["json", "table", "html"])
def test_fast_path_says_and_writes_what_typer_does(tmp_path, fmt):
    seed = corpus_file("datong-housing-2024.txt")
    outs = {}
    for entry in ENTRIES:
        folder = tmp_path / entry.replace(":", "-")
        folder.mkdir()
        to_file = _run(entry, ["audit", str(seed), "--format", fmt, "-o", f"report.{fmt}"], folder)
        to_stdout = _run(entry, ["audit", str(seed), "--format", fmt], folder)
        outs[entry] = (to_file.returncode, to_file.stdout, to_file.stderr, (folder / f"report.{fmt}").read_bytes(),
                       to_stdout.returncode, to_stdout.stdout, to_stdout.stderr)
    assert outs["juesuan.entry:run"] == outs["juesuan.entry:main"] == outs["juesuan.cli:main"]
    assert outs["juesuan.entry:run"][0] == 1  # the seed has real errors


def test_fast_path_words_bad_input_as_typer_does(tmp_path):
    missing = tmp_path / "没有这个文件.pdf"
    results = [_run(entry, ["audit", str(missing), "--format", "json"], tmp_path) for entry in ENTRIES]
    assert len({(r.returncode, r.stdout, r.stderr) for r in results}) == 1
    assert results[0].returncode == 2 and "文件不存在" in results[0].stderr


def test_fast_path_imports_neither_typer_nor_rich(tmp_path):
    seed = corpus_file("datong-housing-2024.txt")
    code = ("import sys; sys.argv = ['juesuan', 'audit', sys.argv[1], '--format', 'json', '-o', sys.argv[2]]\n"
            "from juesuan.entry import run\n"
            "import atexit; atexit.register(lambda: print(sorted(m for m in ('typer', 'rich', 'click') if m in sys.modules), file=sys.stderr))\n"
            "run()")  # the console script: its quick exit still runs exit handlers
    env = {**os.environ, "PYTHONPATH": SRC, "JUESUAN_CACHE_DIR": ""}
    done = subprocess.run([sys.executable, "-c", code, str(seed), str(tmp_path / "r.json")], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]"
