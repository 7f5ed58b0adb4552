"""Each 项目支出绩效自评表 as a printed grid (``layout.RenderedTable``), in the seed's layout.

One grid of 11 columns per form; every writer (XLSX here, DOCX/PDF/HTML in 第五部分 附件)
draws it like a table grid. Cells:

- ``header``: the form's fixed labels (项目名称, 年初预算数, 一级指标 …), drawn bold/shaded;
- ``text``: typed text (names, targets, analysis), left-aligned;
- ``figure``: a number whose ``text`` is already formatted as the form prints it (万元 and
  分值 without trailing zeros, e.g. ``5.994``, ``3,184.4``, ``20``; 执行率 and 得分 of the budget
  block with two decimals). ``value`` holds the exact Decimal; draw ``text``.

``ref`` names the model field a cell shows, e.g. ``("funding.0", "rate")``,
``("indicators.3", "score")``, ``("form", "total")``, so a reader can map a printed form back.
The forms print what the model holds: a built form after ``score_all``, a printed one as read.
"""
from __future__ import annotations

from decimal import Decimal

from ..layout import Cell, RenderedTable
from ..model import Disclosure, PerformanceForm
from ..money import round2

NCOLS = 11
# Relative widths: label column, source/一级, 二级, 三级, then the figure columns, 偏差原因 last.
WIDTHS = [1.0, 1.15, 1.05, 1.35, 0.95, 1.05, 1.05, 0.95, 0.75, 0.85, 1.45]

BUDGET_BLOCK = "项目资金预算安排及执行进度(万元)"
FUNDING_COLUMNS = ("declared", "budgeted", "annual_budget", "executed", "balance", "rate", "score")
INDICATOR_HEADER = ("一级指标", "二级指标", "三级指标", "年初指标值", "调整后指标值", "实际完成值", "定性指标情况说明", "分值", "得分", "偏差原因分析及改进措施")
ANALYSIS_RESULTS = (
    ("implementation", "项目实施和预算执行情况"),
    ("output", "产出情况及分析"),
    ("effect", "效益情况及分析"),
    ("satisfaction", "满意度情况及分析"),
)
ANALYSIS_OTHER = (
    ("experience", "主要经验做法"),
    ("problems", "项目管理中存在的主要问题及原因分析"),
    ("next_steps", "下一步改进措施及管理建议"),
)


def form_title(form: PerformanceForm) -> str:
    return f"{form.prefix}{form.name}项目支出绩效自评表"


def fmt_figure(value: Decimal | None) -> str:
    """As the forms print amounts and 分值: thousands separators, no trailing zeros (6, 5.994, 3,184.4)."""
    if value is None:
        return ""
    return f"{value.normalize():,f}"


def fmt_two(value: Decimal | None) -> str:
    """执行率 and execution 得分: two decimals (99.91, 10.00)."""
    return "" if value is None else f"{round2(value):.2f}"


def _h(text: str, cols: int = 1, rows: int = 1) -> Cell:
    return Cell(text=text, kind="header", colspan=cols, rowspan=rows, align="center")


def _t(text: str | None, cols: int = 1, rows: int = 1, ref=None, align: str = "left") -> Cell:
    return Cell(text=text or "", kind="text", colspan=cols, rowspan=rows, ref=ref, align=align)


def _n(value: Decimal | None, text: str, ref, cols: int = 1) -> Cell:
    return Cell(text=text, kind="figure", value=value, ref=ref, align="right", colspan=cols)


def _department(text: str) -> str:
    # The form marks the 主管部门 cell with its level: "078-大同市住房和城乡建设局(部门)".
    if not text or text.rstrip().endswith(("部门)", "部门）", "部门]")):
        return text
    return f"{text}(部门)"


def render_form(form: PerformanceForm, disclosure: Disclosure, profile, index: int = 1) -> RenderedTable:
    body: list[list[Cell]] = []
    body.append([_h("项目名称", 2), _t(f"{form.prefix}{form.name}", 9, ref=("form", "name"))])
    body.append([
        _h("主管部门及代码", 2),
        _t(_department(form.department), 4, ref=("form", "department")),
        _h("预算单位", 2),
        _t(form.unit, 3, ref=("form", "unit")),
    ])
    # Budget block: a two-level header, then one row per funding source (资金总额 first).
    funding = form.funding or []
    span = 2 + max(len(funding), 1)
    body.append([
        _h(BUDGET_BLOCK, rows=span),
        _h("", rows=2),
        _h("年初预算数", 2),
        _h("全年预算数", rows=2),
        _h("全年执行数", rows=2),
        _h("资金结(转)余", rows=2),
        _h("执行率", rows=2),
        _h("得分", rows=2),
        _h("偏差原因", 2, rows=2),
    ])
    body.append([_h("目标申报数"), _h("预算编制数")])
    for i, row in enumerate(funding):
        cells = [_t(row.source, ref=(f"funding.{i}", "source"))]
        for field in FUNDING_COLUMNS:
            value = getattr(row, field)
            text = fmt_two(value) if field in ("rate", "score") else fmt_figure(value)
            cells.append(_n(value, text, (f"funding.{i}", field)))
        cells.append(_t(row.deviation_reason, 2, ref=(f"funding.{i}", "deviation_reason")))
        body.append(cells)
    if not funding:
        body.append([_t("资金总额")] + [_t("") for _ in FUNDING_COLUMNS] + [_t("", 2)])
    # Goals.
    body.append([_h("项目年度绩效目标", rows=2), _h("年度目标", 5), _h("实际完成情况", 5)])
    body.append([_t(form.goal, 5, ref=("form", "goal")), _t(form.achieved, 5, ref=("form", "achieved"))])
    # Indicators: 一级 and 二级 cells merged over consecutive rows that share them.
    indicators = form.indicators
    body.append([_h("绩效指标", rows=1 + max(len(indicators), 1))] + [_h(t) for t in INDICATOR_HEADER])
    level1_span = _runs([i.level1 for i in indicators])
    level2_span = _runs([(i.level1, i.level2) for i in indicators])
    for j, ind in enumerate(indicators):
        ref = f"indicators.{j}"
        cells: list[Cell] = []
        if j in level1_span:
            cells.append(_t(ind.level1, rows=level1_span[j], ref=(ref, "level1"), align="center"))
        if j in level2_span:
            cells.append(_t(ind.level2, rows=level2_span[j], ref=(ref, "level2"), align="center"))
        cells += [
            _t(ind.name, ref=(ref, "name")),
            _t(ind.initial, ref=(ref, "initial"), align="center"),
            _t(ind.adjusted, ref=(ref, "adjusted"), align="center"),
            _t(ind.actual, ref=(ref, "actual"), align="center"),
            _t(ind.note, ref=(ref, "note")),
            _n(ind.weight, fmt_figure(ind.weight), (ref, "weight")),
            _n(ind.score, fmt_figure(ind.score), (ref, "score")),
            _t(ind.deviation, ref=(ref, "deviation")),
        ]
        body.append(cells)
    if not indicators:
        body.append([_t("") for _ in INDICATOR_HEADER])
    # 总分 under the 得分 column, 等级 beside it.
    body.append([
        _h("总分", 9),
        _n(form.total, fmt_figure(form.total), ("form", "total")),
        _t(form.grade, ref=("form", "grade"), align="center"),
    ])
    # Analysis.
    a = form.analysis
    for k, (field, label) in enumerate(ANALYSIS_RESULTS):
        lead = [_h("项目绩效分析", rows=len(ANALYSIS_RESULTS) + len(ANALYSIS_OTHER)), _h("自评结果分析", rows=len(ANALYSIS_RESULTS))] if k == 0 else []
        body.append(lead + [_h(label, 2), _t(getattr(a, field), 7, ref=("analysis", field))])
    for field, label in ANALYSIS_OTHER:
        body.append([_h(label, 3), _t(getattr(a, field), 7, ref=("analysis", field))])
    note_lines = list(profile.performance.form_note)
    table = RenderedTable(
        id=f"performance.{index}",
        number=None,
        title=form_title(form),
        heading=[f"({disclosure.meta.year}年度)"],
        header=[],
        body=body,
        ncols=NCOLS,
        note="\n".join(note_lines) if note_lines else None,
        statement=None,
        orientation="portrait",
        widths=list(WIDTHS),
    )
    table.heading_align = ["center"]  # the year line is centred under the title
    return table


def _runs(keys: list) -> dict[int, int]:
    """Start index → length of each run of equal consecutive keys."""
    out: dict[int, int] = {}
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            out[start] = i - start
            start = i
    return out


def render_forms(disclosure: Disclosure, profile) -> list[RenderedTable]:
    """One grid per form, in the disclosure's order (第五部分 附件)."""
    return [render_form(f, disclosure, profile, i) for i, f in enumerate(disclosure.performance, 1)]
