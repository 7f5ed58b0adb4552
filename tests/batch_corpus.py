"""A small generated corpus shared by the batch tests (built once per test session)."""
from __future__ import annotations

from pathlib import Path

# Every fault once, and clean documents of both profiles; short documents (≤ 2 forms).
CYCLE = [None, "total_cell", "prior_year", "narrative_amount", "placeholder", None]


def build(folder: Path) -> list:
    from juesuan.batch.synthetic import generate

    return generate(folder, 8, seed=7, fault_cycle=CYCLE, pair_share=0.0, max_forms=2)
