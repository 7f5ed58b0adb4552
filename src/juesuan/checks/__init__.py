"""The check engine (勾稽审核): rules over the model, each finding located and explained.

``run(disclosure, profile)`` applies every rule of the registry that applies to the profile and
returns the findings, errors first. Rules live in :mod:`juesuan.checks.rules`, one per module;
the catalogue ``docs/rules.md`` is generated from the registry (``python -m juesuan.checks.catalogue``).
"""
from __future__ import annotations

from .engine import SEVERITY_ZH, Finding, Location, RuleSpec, all_rules, run_rules


def run(disclosure, profile, only=None) -> list[Finding]:
    return run_rules(disclosure, profile, only=only)


__all__ = ["Finding", "Location", "RuleSpec", "SEVERITY_ZH", "all_rules", "run"]
