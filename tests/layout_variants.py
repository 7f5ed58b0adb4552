"""Layouts of other provinces, generated: profile folders derived from shanxi/shanghai.

Each variant reproduces what ../shared/corpus/variants/ shows of a real province's layout —
renamed table titles, another table order, other part headings and numbering (情况说明 in
第二部分, tables as 附表 in 第五部分), tables in 元 (all, or one table among 万元 ones), review
stamps on the cover — so a document printed by our writers in that layout can be read back
WITHOUT telling the reader the layout. Used by tests/test_layout_variants.py and
benchmarks/layouts.py.
"""
from __future__ import annotations

import shutil
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import yaml

VARIANTS: dict[str, dict] = {
    # 陕西 柞水县审计局 2020: 收入决算总表/支出决算总表, 三公 with 会议费、培训费, stamps on the cover, no 表号
    "shaanxi-2020": {
        "base": "shanxi",
        "titles": {
            "income": "收入决算总表",
            "expenditure": "支出决算总表",
            "general_basic": "一般公共预算财政拨款基本支出决算表",
            "three_public": "一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表",
        },
        "order": ["summary", "income", "expenditure", "fiscal_summary", "general_budget", "general_basic", "three_public", "fund", "capital", "statistics"],
        "numbers": None,
        "parts": {"overview": "第一部分 部门概况", "tables": "第二部分 {year} 年部门决算表",
                  "narrative": "第三部分 {year}年部门决算情况说明", "glossary": "第四部分 专业名词解释", "annex": "第五部分 附件"},
        "cover": ["{department}{year}年部门决算", "保密审查情况：已审查", "部门主要负责人审签情况：已审签"],
        "extra_columns": {"three_public": ["会议费", "培训费"]},
    },
    # 云南 西双版纳 2024: 收入支出决算表, 财政拨款收入支出决算表, 一般公共预算财政拨款收入支出决算表, 三公 with 机关运行经费
    "yunnan-2024": {
        "base": "shanxi",
        "titles": {
            "summary": "收入支出决算表",
            "fiscal_summary": "财政拨款收入支出决算表",
            "general_budget": "一般公共预算财政拨款收入支出决算表",
            "general_basic": "一般公共预算财政拨款基本支出决算表",
            "capital": "国有资本经营预算财政拨款收入支出决算表",
            "three_public": "财政拨款“三公”经费、行政参公单位机关运行经费情况表",
            "statistics": "部门决算相关信息统计表",
        },
        "numbers": None,
        "parts": {"overview": "第一部分 部门概况", "tables": "第二部分 {year}年度部门决算表",
                  "narrative": "第三部分 {year}年度部门决算情况说明", "glossary": "第五部分 名词解释", "annex": "第六部分 附件"},
        "cover": ["{department}{year}年部门决算公开说明", "{department}{year}年度", "部门决算"],
        "fund_columns": ["general_budget"],  # 一般公共预算财政拨款收入支出决算表: 年初/本年收入/…/年末
    },
    # 四川 泸州 2023 单位决算: 情况说明 in 第二部分, tables as 附表 in 第五部分, amounts in 元, split codes
    "sichuan-2023": {
        "base": "shanghai",
        "titles": {},
        "numbers": "附表{n}",
        "parts": {"overview": "第一部分 单位概况", "narrative": "第二部分 {year}年度单位决算情况说明",
                  "glossary": "第三部分 名词解释", "tables": "第五部分 附表"},
        "part_order": ["overview", "narrative", "glossary", "tables"],
        "unit": "元",
        "cover": ["{year}年度{department}单位决算", "来源：{department}    发布时间：2024-09-24 16:08:34"],
    },
    # 广东 湛江 2021: 基本支出决算明细表, 一般公共预算财政拨款“三公”经费支出决算表, 国有资本经营…支出决算表;
    # part headings with the name after a colon; one table (收入支出决算总表) printed in 元
    "guangdong-2021": {
        "base": "shanghai",
        "titles": {
            "general_basic": "一般公共预算财政拨款基本支出决算明细表",
            "three_public": "一般公共预算财政拨款“三公”经费支出决算表",
            "capital": "国有资本经营预算财政拨款支出决算表",
        },
        "order": ["summary", "income", "expenditure", "fiscal_summary", "general_budget", "general_basic", "three_public", "fund", "capital"],
        "numbers": None,
        "parts": {"overview": "第一部分：{department}概况", "tables": "第二部分：{department}{year}年部门决算表",
                  "narrative": "第三部分：{department}{year}年部门决算情况说明", "glossary": "第四部分：名词解释"},
        "cover": ["{year}年{department}部门决算"],
        "yuan_tables": ["summary"],
    },
    # The seed's own layout with 公开NN表 dropped and codes joined: still not word for word shanxi? (it is: titles equal)
}


def make_profile(name: str, root: Path) -> Path:
    """The variant's profile folder under ``root``."""
    from juesuan import profiles

    spec = VARIANTS[name]
    base = profiles.builtin_dir() / spec["base"]
    folder = root / f"layout-{name}"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(base, folder)
    data = yaml.safe_load((base / "profile.yaml").read_text(encoding="utf-8"))
    data["id"] = f"layout-{name}"
    data["detect"] = []
    tables = {t["id"]: t for t in data["tables"]}
    order = spec.get("order") or list(tables)
    data["tables"] = [tables[i] for i in order if i in tables]
    for n, t in enumerate(data["tables"], 1):
        t["title"] = spec["titles"].get(t["id"], t["title"])
        numbering = spec.get("numbers")
        t["number"] = numbering.format(n=n) if numbering else None
        if t["id"] in spec.get("yuan_tables", []):
            t["heading"] = [{"text": "单位：元", "align": "right"}]
    for tid, names in spec.get("extra_columns", {}).items():
        _extra_columns(tables[tid], names)
    for tid in spec.get("fund_columns", []):
        _fund_columns(tables[tid])
    data["parts"] = dict(spec["parts"])
    (folder / "profile.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    pub = yaml.safe_load((folder / "publication.yaml").read_text(encoding="utf-8")) if (folder / "publication.yaml").exists() else {}
    pub["cover"] = spec["cover"]
    (folder / "publication.yaml").write_text(yaml.safe_dump(pub, allow_unicode=True), encoding="utf-8")
    return folder


def _extra_columns(t: dict, names: list[str]) -> None:
    """Columns the model does not hold (会议费, 培训费) after the last one, header cells spanning
    every header row but the 栏次 row; printed blank."""
    numbered = t["header"] and all(isinstance(c, str) and c.isdigit() for c in t["header"][-1])
    spans = len(t["header"]) - (1 if numbered else 0)
    for n, name in enumerate(names):
        t["header"][0].append({"text": name, "rows": spans})
        if numbered:
            t["header"][-1].append(str(len(t["header"][-1]) + 1))
        for item in t["body"]:
            if item.get("cells") is not None:
                item["cells"].append(f"=actual/x{n}")


def _fund_columns(t: dict) -> None:
    """An 一般公共预算 table printed like a fund table (云南): 年初结转和结余 and 本年收入 before
    本年支出, 年末结转和结余 after; the model has no such columns, so they print blank."""
    t["header"] = [
        [{"text": "项目", "cols": 2}, {"text": "年初结转和结余", "rows": 2}, {"text": "本年收入", "rows": 2},
         {"text": "本年支出", "cols": 3}, {"text": "年末结转和结余", "rows": 2}],
        ["科目代码", "科目名称", "小计", "基本支出", "项目支出"],
        [{"text": "栏次", "cols": 2}, "1", "2", "3", "4", "5", "6"],
    ]
    columns = ["begin", "income", "total", "basic", "project", "end"]
    t["body"] = [
        {"cells": [{"text": "合计", "cols": 2}] + [f"=total/{c}" for c in columns]},
        {"coded": {"columns": columns}},
    ]
    t["widths"] = None


def scaled(disclosure, name: str):
    """The disclosure as the variant prints it: tables in 元 where the variant says so."""
    spec = VARIANTS[name]
    from juesuan.tables import COUNT_ROWS

    d = disclosure.model_copy(deep=True)
    if spec.get("unit") == "元":
        d.meta.unit = "元"
        yuan = list(d.tables)
    else:
        yuan = spec.get("yuan_tables", [])
    for tid in yuan:
        for row in d.tables[tid].rows:
            if row.key not in COUNT_ROWS:
                row.values = {k: None if v is None else v * Decimal(10000) for k, v in row.values.items()}
    return d


@contextmanager
def part_order(name: str):
    """Print the parts in the variant's order (the writers' outline puts them in the usual one)."""
    from juesuan.writers import document as outline

    order = VARIANTS[name].get("part_order")
    original = outline.build
    if not order:
        yield
        return

    def build(disclosure, profile, *, charts: bool = True):
        doc = original(disclosure, profile, charts=charts)
        keys = ["overview", "tables", "narrative", "glossary", "annex"]
        chunks: dict[str, list] = {}
        head: list = []
        current = None
        k = 0
        for b in doc.blocks:
            if isinstance(b, outline.Heading) and b.level == 1:
                # parts come in the outline's fixed order; the glossary/annex may be absent
                while k < len(keys) and (outline.fill_text(profile.parts.get(keys[k], ""), disclosure) != b.text):
                    k += 1
                current = keys[k] if k < len(keys) else f"x{len(chunks)}"
                chunks[current] = []
            if current is None:
                head.append(b)
            else:
                chunks[current].append(b)
        blocks = head
        for key in order + [c for c in chunks if c not in order]:
            part = chunks.get(key, [])
            if part and not isinstance(part[0], outline.PageBreak) and blocks and not isinstance(blocks[-1], outline.PageBreak):
                blocks.append(outline.PageBreak())
            blocks.extend(b for b in part if not (isinstance(b, outline.PageBreak) and b is part[-1]))
        doc.blocks = blocks
        return doc

    outline.build = build
    try:
        yield
    finally:
        outline.build = original


def write_variant(disclosure, name: str, fmt: str, out: Path) -> Path:
    """The disclosure printed in the variant's layout as ``fmt`` (html, docx, pdf); its path."""
    from juesuan import profiles
    from juesuan.pipeline import write_outputs

    folder = make_profile(name, out)
    profile = profiles.load(str(folder))
    d = scaled(disclosure, name)
    with part_order(name):
        written, skipped = write_outputs(d, profile, out, f"{name}", [fmt])
    if fmt in skipped:
        raise RuntimeError(skipped[fmt])
    return written[0]
