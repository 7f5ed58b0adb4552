"""The check engine (勾稽审核): rules over the model (implemented in the check-engine issue)."""
from __future__ import annotations


def run(disclosure, profile) -> list:
    return []
