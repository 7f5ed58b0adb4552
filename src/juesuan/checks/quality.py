"""The quality index: a transparent 0–100 score per document, weights as data (``quality.yaml``).

Each component counts the findings of its rules; nothing else enters the score, so a reviewer can
recompute it from the findings list. ``index(...)`` returns the total and every component, and
``explain()`` the weights in words (for the summary workbook and the dashboard).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from ..money import rounded

WEIGHTS_FILE = Path(__file__).with_name("quality.yaml")


@dataclass(frozen=True)
class Component:
    key: str
    title: str
    weight: Decimal
    rules: tuple[str, ...] = ()
    families: tuple[str, ...] = ()
    tables: bool = False
    needs_prior: bool = False


@dataclass(frozen=True)
class Weights:
    penalty: dict
    components: tuple[Component, ...]

    def component_of(self, rule_id: str) -> Component | None:
        for c in self.components:
            if rule_id in c.rules:
                return c
        family = rule_id.split("-")[0].split(".")[0]
        for c in self.components:
            if family in c.families:
                return c
        return None


@lru_cache(maxsize=4)
def load_weights(path: Path = WEIGHTS_FILE) -> Weights:
    from ..yamlio import load_package_yaml

    data = load_package_yaml(path)
    comps = tuple(
        Component(key, spec["title"], Decimal(str(spec["weight"])), tuple(spec.get("rules") or ()), tuple(spec.get("families") or ()),
                  bool(spec.get("tables")), bool(spec.get("needs_prior")))
        for key, spec in data["components"].items()
    )
    total = sum(c.weight for c in comps)
    if total != 1:
        raise ValueError(f"{path}: weights sum to {total}, not 1")
    return Weights({k: Decimal(str(v)) for k, v in data["penalty"].items()}, comps)


def _round(x: Decimal) -> Decimal:
    return rounded(x, 1)


def index(findings: list[dict], *, tables_read: int, tables_listed: int, has_prior: bool, weights: Weights | None = None) -> dict:
    """``{"index": Decimal, "components": {key: Decimal | None}}`` for one document's findings
    (dicts with ``rule`` and ``severity``). A component not measured is None."""
    w = weights or load_weights()
    lost: dict[str, Decimal] = {c.key: Decimal(0) for c in w.components}
    for f in findings:
        c = w.component_of(f["rule"])
        if c is not None:
            lost[c.key] += w.penalty.get(f["severity"], Decimal(0))
    scores: dict[str, Decimal | None] = {}
    for c in w.components:
        if c.needs_prior and not has_prior:
            scores[c.key] = None
            continue
        start = Decimal(100)
        if c.tables and tables_listed:
            start = Decimal(100) * tables_read / tables_listed
        scores[c.key] = _round(max(Decimal(0), start - lost[c.key]))
    used = [c for c in w.components if scores[c.key] is not None]
    weight = sum(c.weight for c in used)
    total = sum(c.weight * scores[c.key] for c in used) / weight if weight else Decimal(0)
    return {"index": _round(total), "components": scores}


def explain(weights: Weights | None = None) -> list[tuple[str, str, str, str]]:
    """(分项, 权重, 计入的规则, 说明) rows."""
    w = weights or load_weights()
    rows = []
    for c in w.components:
        scope = "、".join([*c.rules, *(f"{f}-*" for f in c.families)])
        note = "起点为 100 × 已读表格数 / 模板表格数" if c.tables else "起点为 100"
        if c.needs_prior:
            note += "；批次中无上年文档时不计，其余权重按比例放大"
        rows.append((c.title, f"{c.weight}", scope, note))
    pen = "、".join(f"{k} −{v}" for k, v in w.penalty.items())
    rows.append(("每条问题扣分", "", pen, "分项最低为 0"))
    return rows
