"""The rules, one module each (tests beside them, ``test_<module>.py``). :func:`load` imports them,
which registers each rule in :data:`juesuan.checks.engine.REGISTRY`: all of them, or only the
modules whose rules a family of documents may read (a final account's check never loads the
budget rules, nor a budget's the final account's).

A module's name says which documents its rules read (tests/test_checks_registry.py keeps it so):
``bud_`` and the budget narrative's (``BUDGET_NARRATIVE``) a budget's (预算) only; ``sum_``, ``xtab_``,
``perf_`` and the other ``narr_`` a final account's (决算) only; any other name may hold rules of
either or both (so a module named wrongly in that direction only costs its import)."""
from __future__ import annotations

import importlib
import pkgutil

BUDGET_ONLY = ("bud_",)
BUDGET_NARRATIVE = ("narr_budget_amounts", "narr_budget_changes", "narr_budget_sums")  # NARR-021…023
FINAL_ONLY = ("sum_", "xtab_", "perf_", "narr_")

_loaded: set[str] = set()


def documents_of(name: str) -> tuple[str, ...]:
    """The documents the rules of the module ``name`` may read, by its name."""
    if name.startswith(BUDGET_ONLY) or name in BUDGET_NARRATIVE:
        return ("budget",)
    if name.startswith(FINAL_ONLY):
        return ("final",)
    return ("final", "budget")


def load(family: str | None = None) -> None:
    """Import (register) every rule module, or those whose rules documents of ``family`` may read."""
    if "*" in _loaded or family in _loaded:
        return
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith(("test_", "_")):
            continue
        if family is None or family in documents_of(info.name):
            importlib.import_module(f"{__name__}.{info.name}")
    _loaded.add("*" if family is None else family)
