"""A small generated corpus shared by the batch tests (built once per test session)."""
from __future__ import annotations

from pathlib import Path

import pytest

# Every fault once, and clean documents of both profiles; short documents (≤ 2 forms).
CYCLE = [None, "total_cell", "prior_year", "narrative_amount", "placeholder", None]


def build(folder: Path) -> list:
    from synthetic import generate

    return generate(folder, 8, seed=7, fault_cycle=CYCLE, pair_share=0.0, max_forms=2)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """(folder, manifest): the generated documents and one file that is not a PDF."""
    folder = tmp_path_factory.mktemp("generated")
    manifest = build(folder)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not a PDF")
    return folder, manifest
