"""项目支出绩效自评: scoring engine (implemented in the performance issue)."""
from __future__ import annotations

from .model import Disclosure


def score_all(disclosure: Disclosure, profile) -> None:
    return None
