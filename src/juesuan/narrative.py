"""第三部分 情况说明, generated from the model (implemented in the narrative issue)."""
from __future__ import annotations

from .model import Disclosure, NarrativeSection


def generate(disclosure: Disclosure, profile) -> list[NarrativeSection]:
    return []
