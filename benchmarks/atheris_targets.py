"""Coverage-guided fuzz targets (atheris) for the parsers that see the most untrusted text.

    python benchmarks/atheris_targets.py text   [CORPUS_DIR] [-atheris_runs=N] [-max_total_time=S]
    python benchmarks/atheris_targets.py claims [CORPUS_DIR] ...
    python benchmarks/atheris_targets.py cells  ...

- text: an extracted text → the document grid → the layout match → the model → every rule;
- claims: a narrative paragraph → the claims parser (amounts, shares, changes, counts) in every
  section kind of the bundled example;
- cells: a workbook cell value (text, float, int) → the preparer's workbook cell parsers.

What may come out: the model, findings, ``InputError`` (text), ``CellError`` (cells). Anything
else is a crash; atheris stops, prints the traceback and writes the input as ``crash-…``.
Without atheris (``pip install atheris``; wheels exist for CPython 3.11 on Linux x86-64) the
same targets run over random and mutated inputs for ``--runs`` iterations, so they stay
runnable: ``python benchmarks/atheris_targets.py text --runs 2000``.
"""
from __future__ import annotations

import random
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
CORPUS = ROOT.parent / "shared" / "corpus"
EXAMPLE = ROOT / "examples" / "datong-housing-2024"


def _setup_text():
    from juesuan import profiles
    from juesuan.checks import run
    from juesuan.errors import InputError
    from juesuan.readers.document import read_grid
    from juesuan.readers.text import parse_text

    prof = profiles.load("shanxi")

    def target(data: bytes) -> None:
        text = data.decode("utf-8", "replace")
        try:
            result = read_grid(parse_text(text, "fuzz.txt"), prof)
        except InputError:
            return
        run(result.disclosure, prof)

    seeds = [p.read_bytes()[:20000] for p in sorted(CORPUS.glob("*.txt"))] if CORPUS.exists() else []
    return target, seeds


def _setup_claims():
    from juesuan.checks.claims import parse_section
    from juesuan.model import NarrativeSection
    from juesuan.pipeline import compile_source

    disclosure, prof = compile_source(EXAMPLE)
    keys = [(s.key, s.title) for s in disclosure.narrative] or [("total", "收入支出决算总体情况说明")]

    def target(data: bytes) -> None:
        text = data.decode("utf-8", "replace")
        key, title = keys[data[0] % len(keys)] if data else keys[0]
        parse_section(NarrativeSection(key=key, title=title, paragraphs=[text]), disclosure)

    seeds = [p.encode("utf-8") for s in disclosure.narrative for p in s.paragraphs][:200]
    return target, seeds


def _setup_cells():
    from juesuan.workbook import cells

    parsers = [cells.money, cells.fine, cells.count, cells.year, cells.text, cells.code]

    def target(data: bytes) -> None:
        if not data:
            return
        kind, rest = data[0] % 3, data[1:]
        if kind == 0:
            raw = rest.decode("utf-8", "replace")
        elif kind == 1 and len(rest) >= 8:
            raw = struct.unpack("<d", rest[:8])[0]
        else:
            raw = int.from_bytes(rest[:16] or b"\0", "little", signed=True)
        for parse in parsers:
            try:
                parse(raw)
            except cells.CellError:
                pass

    seeds = [b"\x00811,754.86", b"\x00-0", b"\x001e400", b"\x00\xef\xbc\x8d1.5", b"\x01" + struct.pack("<d", 5.994), b"\x02\x07"]
    return target, seeds


TARGETS = {"text": _setup_text, "claims": _setup_claims, "cells": _setup_cells}


def _mutate(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data or b"0")
    for _ in range(rng.choice([1, 2, 4, 16])):
        op = rng.randrange(4)
        i = rng.randrange(len(b) or 1)
        if op == 0 and b:
            b[i % len(b)] = rng.randrange(256)
        elif op == 1:
            b[i:i] = rng.choice([b"9" * 40, b"1e400", b"NaN", b".", b",", b"%", "万元".encode(), "增长".encode(), b"-"])
        elif op == 2:
            del b[i : i + rng.randrange(1, 64)]
        else:
            b[i:i] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 16)))
    return bytes(b)


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        print(__doc__)
        sys.exit(2)
    name = sys.argv.pop(1)
    try:
        import atheris
    except ImportError:
        atheris = None
    if atheris is None or "--runs" in sys.argv:
        target, seeds = TARGETS[name]()
    else:
        with atheris.instrument_imports(include=["juesuan"]):  # coverage of juesuan's own code
            target, seeds = TARGETS[name]()
    if atheris is None or "--runs" in sys.argv:
        runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 1000
        rng = random.Random(1)
        pool = seeds or [b""]
        for i in range(runs):
            target(_mutate(rng.choice(pool), rng) if rng.random() < 0.9 else bytes(rng.randrange(256) for _ in range(rng.randrange(200))))
        print(f"{name}: {runs} inputs without a crash ({'random/mutation loop' if atheris is None else 'atheris installed; loop requested'})")
        return
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
