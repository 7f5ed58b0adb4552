"""The reviewer's checklist (公开情况检查表): the audit's findings item by item.

A finance bureau reviews each department's document with one checklist: 及时性, then 内容规范性 item
by item (封面, 目录, 主要职能, 机构设置, 名词解释, 编制说明/情况说明, each table, 其他相关说明, 项目经费情况说明,
绩效), 符合要求 是/否 with the problems found and where. The items are data, one file per document
family (``checklists/final.yaml``, ``checklists/budget.yaml``); this module decides each item from the
document and the findings, and the writer (``juesuan.writers.checklist``) lays it out.

An item is 否 when the part it asks for is missing, or when an 错误 or 警告 belongs to it; 提示 are
listed but do not fail an item. Each finding belongs to exactly one item: the one that lists its rule,
else the one of its place (table, narrative section, title lines, 目录, 主要职能 …), else the one of its
rule family, else a last row 其他.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..model import Disclosure
from .engine import SEVERITY_ZH, Finding

FOLDER = Path(__file__).with_name("checklists")
YES, NO, UNKNOWN = "是", "否", "—"
PROBLEMS_PER_ROW = 40  # a cell lists this many problems, then says how many more


@dataclass
class Row:
    item: str  # 检查项目
    content: str  # 检查内容
    verdict: str = YES  # 符合要求: 是 / 否 / — (cannot be judged from the document)
    problems: list[str] = field(default_factory=list)  # 发现的问题及位置
    findings: list[Finding] = field(default_factory=list)

    @property
    def text(self) -> str:
        shown = self.problems[:PROBLEMS_PER_ROW]
        more = len(self.problems) - len(shown)
        lines = [f"{i}. {p}" for i, p in enumerate(shown, 1)] if len(self.problems) > 1 else list(shown)
        return "\n".join(lines + ([f"……另有{more}处，见审核报告。"] if more > 0 else []))


@dataclass
class Checklist:
    title: str
    document: str  # the file (or source) the checklist is about
    rows: list[Row]

    @property
    def failed(self) -> int:
        return sum(1 for r in self.rows if r.verdict == NO)


@lru_cache(maxsize=4)
def _spec(family: str) -> dict:
    from ..yamlio import load_package_yaml

    return load_package_yaml(FOLDER / f"{family}.yaml")


def _has_sections(d: Disclosure, keys: list[str]) -> bool:
    return any(s.paragraphs and any(s.key == k or (k.endswith(".") and s.key.startswith(k)) for k in keys) for s in d.narrative)


def _present(d: Disclosure, what: Any) -> str | None:
    """None when the document has what the item asks for; else what is missing, in words."""
    if what is None:
        return None
    printed = d.reading is not None
    if what == "cover":
        ok = not printed or bool(d.reading.headings) or bool(d.meta.document_title)
        return None if ok else "未找到封面或文档标题。"
    if what == "contents":
        return None if not printed or d.reading.contents else "未找到目录。"
    if what == "duties":
        return None if d.overview.duties else "未找到主要职能的内容。"
    if what == "organisation":
        return None if d.overview.organisation or d.overview.units else "未找到机构设置的内容。"
    if what == "glossary":
        return None if d.glossary else "未找到名词解释。"
    if isinstance(what, dict):
        if what.get("forms") and d.performance:
            return None
        if _has_sections(d, what.get("sections", [])):
            return None
        return "未找到该部分的内容。"
    raise ValueError(f"unknown checklist presence {what!r}")


def _describe(f: Finding) -> str:
    """The problem and where it is: the message names the table or section, so the place adds only the
    page and line when it has them (else its whole label)."""
    source = f.location.source.describe() if f.location.source is not None else ""
    where = source or f.location.label.strip()
    text = f"【{SEVERITY_ZH[f.severity]}】{f.message}"
    if where and where not in f.message:
        text += f"（{where}）" if source else f"（位置：{where}）"
    if len(f.related) == 1 and f.related[0].label and f.related[0].label not in text:
        text += f"（另见：{f.related[0].label}）"  # the other place of a pair (another document's cell); a sum's terms are not listed
    return text


def _matches_place(f: Finding, places: list[str]) -> bool:
    label = f.location.label or ""
    return any(label.startswith(p) for p in places)


def _matches_section(f: Finding, sections: list[str]) -> bool:
    s = f.location.section
    return s is not None and any(s == k or (k.endswith(".") and s.startswith(k)) for k in sections)


def evaluate(disclosure: Disclosure, profile, findings: list[Finding]) -> Checklist:
    """The checklist of one document: each item's verdict and the findings that belong to it."""
    d = disclosure
    family = d.meta.family
    spec = _spec(family)
    level = d.meta.level or (d.reading.level if d.reading is not None else None) or getattr(profile, "level", None) or "部门"
    title = spec["title"].format(department=d.meta.department, year=d.meta.year, level=level)
    parts = getattr(profile, "parts", {}) or {}
    rows: list[tuple[dict, Row]] = []
    for item in spec["items"]:
        if item.get("part") and parts and item["part"] not in parts:
            continue
        if item.get("each_table"):
            for layout in profile.tables:
                name = f"{layout.number} {layout.title}" if getattr(layout, "number", None) else layout.title
                name = name.replace("{year}", str(d.meta.year))
                table_item = {**item, "tables": [layout.id], "families": item.get("families", [])}
                row = Row(item=name, content=item["content"])
                t = d.tables.get(layout.id)
                if t is None or not t.present:
                    row.verdict, row.problems = NO, ["文档中没有此表。"]
                rows.append((table_item, row))
            continue
        row = Row(item=item["item"], content=item["content"])
        if item.get("manual"):
            row.verdict, row.problems = UNKNOWN, [item["manual"]]
        else:
            missing = _present(d, item.get("present"))
            if missing:
                row.verdict, row.problems = NO, [missing]
        rows.append((item, row))

    def owner(f: Finding) -> Row | None:
        family_of = f.rule.split("-")[0].split(".")[0]
        tests = (
            lambda it: f.rule in it.get("rules", []),
            lambda it: f.location.table is not None and f.location.table in it.get("tables", []),
            lambda it: f.location.form is not None and it.get("forms", False),
            lambda it: _matches_section(f, it.get("sections", [])),
            lambda it: _matches_place(f, it.get("places", [])),
            lambda it: family_of in it.get("families", []),
        )
        for test in tests:
            for it, row in rows:
                if test(it):
                    return row
        return None

    other = Row(item="其他", content="以上各项以外发现的问题")
    for f in findings:
        row = owner(f) or other
        row.findings.append(f)
        row.problems.append(_describe(f))
        if f.severity in ("error", "warning") and row.verdict != UNKNOWN:
            row.verdict = NO
    out = [row for _, row in rows]
    if other.findings:
        other.verdict = NO if any(f.severity in ("error", "warning") for f in other.findings) else YES
        out.append(other)
    return Checklist(title=title, document=d.source or "", rows=out)

