"""The rule catalogue, generated from the registry: ``docs/rules.md``.

    python -m juesuan.checks.catalogue            # (re)write docs/rules.md (run from the repository root)
    python -m juesuan.checks.catalogue --check    # exit 1 when docs/rules.md is stale
    juesuan rules [--write docs/rules.md]         # the same, from the CLI

The catalogue is the registry's own words: each rule's id, title, severity, profiles and
docstring (what it checks and a minimal example), and the templates of the messages it reports
(code, severity, template, meaning); a test fails when the file is stale.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .engine import FAMILIES, SEVERITY_ZH, all_rules

# Relative to the working directory: the package does not know where a source checkout is.
DEFAULT_PATH = Path("docs") / "rules.md"

HEADER = """# 审核规则目录（勾稽审核）

<!-- Generated from the rule registry by `python -m juesuan.checks.catalogue`; do not edit by hand. -->

`juesuan check`（编制时由 `juesuan build` 自动运行）和 `juesuan audit` 对同一个模型运行下列规则。
每条规则有稳定的编号、中文名称、级别（错误 / 警告 / 提示）和适用的模板；规则的代码在
`src/juesuan/checks/rules/` 中各占一个文件，旁边是触发它的测试。

**尾数误差。** 一个印出的金额精确到 ±0.005；n 个印出的数相加，与印出的合计最多相差 0.005·(n+1)
（空白格是精确的 0，不计入 n）；百分比按其输入的区间计算上下限。差异在此范围内报“提示”，超出报
该规则的级别。由 juesuan 编制的文档，合计是末级数据的精确和，编制得出的勾稽关系不允许任何差异；
来自两套独立末级数据的关系（如公开05基本支出与公开06）仍按尾数误差判断。

**级别。** 只有文档确定有误（超出尾数误差）才报“错误”；取决于工具可能不掌握的知识（目录是否完整、
数的口径、原因说明、推测的年度、模板未必要求的表）的，最多报“警告”。每条“错误”规则的依据见
[severity.md](severity.md)。

**预算公开。** 规则按文档适用：决算公开的规则不读预算公开，预算公开（部门预算、单位预算）由 BUD
规则核查。预算表多以元列示：印到分的元金额须精确相等；只印到元的金额可能省去了分，每项差 ±0.5 元
以内报“提示”；以万元列示的“三公”经费表每项 ±50 元。

**建议。** 只有当一处改正就能解释差异时（元/万元单位错位、小数点错位、两位数字颠倒、一位数字录错、
合计漏计或重计一行、占比用错基数）才给出修改建议。

"""


def render() -> str:
    rules = all_rules()
    lines = [HEADER]
    lines.append("| 编号 | 名称 | 级别 | 适用模板 | 文档 |\n|---|---|---|---|---|")
    for r in rules:
        lines.append(f"| [{r.id}](#{r.id.lower()}) | {r.title} | {SEVERITY_ZH[r.severity]} | {_profiles(r)} | {_documents(r.documents)} |")
    lines.append("")
    for family, name in FAMILIES.items():
        members = [r for r in rules if r.family == family]
        if not members:
            continue
        lines.append(f"## {family} {name}\n")
        for r in members:
            lines.append(f"### {r.id}\n")
            lines.append(f"**{r.title}** · 级别：{SEVERITY_ZH[r.severity]} · 模板：{_profiles(r)} · 文档：{_documents(r.documents)} · "
                         f"代码：`{r.module.replace('.', '/')}.py`\n")
            lines.append(_dedent(r.doc) + "\n")
            if r.messages:
                lines.append(_messages(r))
    return "\n".join(lines).rstrip() + "\n"


def _messages(r) -> str:
    """The rule's message templates (code, severity, template, what it means), one severity each."""
    rows = ["| 消息 | 级别 | 模板 | 含义 |", "|---|---|---|---|"]
    for m in r.messages:
        template = m.template.replace("|", "\\|")
        rows.append(f"| `{m.code}` | {SEVERITY_ZH[m.severity or r.severity]} | {template} | {m.description} |")
    return "\n".join(rows) + "\n"


def _profiles(r) -> str:
    """The built-in profiles a rule applies to: those of its documents that print the tables it needs."""
    from .. import profiles

    own = [profiles.load(p) for p in profiles.available()]
    own = [p for p in own if p.family in r.documents]
    names = [p.id for p in own if r.applies_to(p, p.family)]
    return "全部" if len(names) == len(own) else "、".join(names)


def _documents(documents: tuple[str, ...]) -> str:
    from ..model import FAMILY_ZH

    return "、".join(FAMILY_ZH.get(d, d) for d in documents)


def _dedent(doc: str) -> str:
    import textwrap

    first, _, rest = doc.partition("\n")
    return (first.strip() + "\n" + textwrap.dedent(rest)).strip()


def write(path: Path = DEFAULT_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(), encoding="utf-8")
    return path


def is_stale(path: Path) -> bool:
    return not path.exists() or path.read_text(encoding="utf-8") != render()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if "--check" in args:
        if is_stale(DEFAULT_PATH):
            print(f"{DEFAULT_PATH} 已过期：请运行 python -m juesuan.checks.catalogue", file=sys.stderr)
            return 1
        return 0
    print(f"已写出 {write()}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())


def print_rules(console, path: Path | None = None) -> int:
    """``juesuan rules``: the registry as a terminal table, or written as Markdown to ``path``."""
    if path is not None:
        console.print(f"已写出 {write(Path(path))}")
        return 0
    from rich.table import Table

    table = Table(title="审核规则")
    for col in ("编号", "名称", "级别", "适用模板"):
        table.add_column(col)
    for r in all_rules():
        table.add_row(r.id, r.title, SEVERITY_ZH[r.severity], _profiles(r))
    console.print(table)
    return 0
