"""Shared pytest fixtures (root level so tests beside the code in src/ see them too)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
# Test helpers live in tests/ (not in the package); the rule tests beside the rules in src/ import
# them too (``from rule_testing import triggers``), so tests/ is importable whatever is collected.
sys.path.insert(0, str(ROOT / "tests"))
EXAMPLES = ROOT / "examples"
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_file(name: str) -> Path:
    """A real document from ../shared/corpus; the test is skipped cleanly when it is absent."""
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"corpus document {name} not available")
    return path


def unexplained_cells(disclosure, printed: dict, known: dict) -> tuple[int, list, list]:
    """Compare every printed cell of a ground-truth tables JSON with a built disclosure.

    ``known`` maps (table, row, column) to a listed difference with its ``printed`` and ``built``
    values. Returns (cells compared, cells that differ without a matching listing, listed cells
    that no longer differ).
    """
    from decimal import Decimal

    compared, unexplained, stale = 0, [], []
    for table_id, table in printed["tables"].items():
        built = disclosure.tables[table_id]
        for row in table["rows"]:
            for column, text in row["values"].items():
                value = built.value(row["key"], column)
                expected = Decimal(text) if text else None
                compared += 1
                listed = known.get((table_id, row["key"], column))
                if value == expected:
                    if listed is not None:
                        stale.append((table_id, row["key"], column))
                elif listed is None or listed["printed"] != text or Decimal(listed["built"]) != value:
                    unexplained.append((table_id, row["key"], column, text, str(value)))
    return compared, unexplained, stale


@pytest.fixture(scope="session")
def datong_built():
    """The Datong example compiled once per session: (disclosure, profile). Tests must copy before mutating."""
    from juesuan.pipeline import compile_source

    return compile_source(EXAMPLES / "datong-housing-2024")


@pytest.fixture
def datong(datong_built):
    """A private deep copy of the built Datong disclosure, safe to mutate."""
    disclosure, profile = datong_built
    return disclosure.model_copy(deep=True), profile


@pytest.fixture(scope="session")
def shanghai_built():
    from juesuan.pipeline import compile_source

    folder = EXAMPLES / "putuo-finance-2024"
    if not (folder / "department.yaml").exists():
        pytest.skip("shanghai example not yet transcribed")
    return compile_source(folder)


@pytest.fixture
def putuo(shanghai_built):
    disclosure, profile = shanghai_built
    return disclosure.model_copy(deep=True), profile
