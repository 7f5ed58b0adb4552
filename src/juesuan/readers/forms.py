"""项目支出绩效自评表 as printed: funding with the PRINTED 结余/执行率/得分, indicators, 总分, 等级.

Real forms shift columns from row to row (merged cells exported unevenly), so fields are found
by their labels and by what a cell looks like, never by a fixed column position.
"""
from __future__ import annotations

import re

from .. import patterns
from ..model import FundingRow, Indicator, PerformanceAnalysis, PerformanceForm
from ..money import fine
from .grid import Line
from .layoutmap import ReadProblem
from .normalize import clean, compact, is_number

_PREFIX = patterns.compile(r"^([A-Z]{1,4}\d{0,3})\s*(?=[\u4e00-\u9fff])")
LEVEL1 = ("产出指标", "效益指标", "满意度指标")
LEVEL2 = (
    "数量指标", "质量指标", "时效指标", "成本指标", "经济效益", "社会效益", "生态效益",
    "可持续影响", "服务对象满意度",
)
GRADES = ("优秀", "优", "良好", "良", "中", "差", "合格", "不合格")
ANALYSIS = [
    ("实施", "implementation"),
    ("产出情况", "output"),
    ("效益情况", "effect"),
    ("满意度情况", "satisfaction"),
    ("经验做法", "experience"),
    ("存在的", "problems"),
    ("下一步", "next_steps"),
]
_FUNDING_LABELS = ("资金总额", "财政资", "其他资金", "上年结转", "自有资金", "财政拨款")


def _filled(ln: Line) -> list[str]:
    return [c.text for c in ln.cells if c.text]


def read_forms(lines: list[Line], problems: list[ReadProblem]) -> list[PerformanceForm]:
    forms: list[PerformanceForm] = []
    block: list[Line] = []
    for ln in lines:
        cells = _filled(ln)
        if ln.is_row and cells and compact(cells[0]) == "项目名称":
            if block:
                forms.append(_read_form(block, problems))
            block = [ln]
        elif block:
            block.append(ln)
    if block:
        forms.append(_read_form(block, problems))
    return forms


def _level(text: str, names: tuple[str, ...]) -> str | None:
    c = compact(text)
    for n in names:
        if c == n or c == n + "指标" or (c.startswith(n) and len(c) <= len(n) + 2):
            return c
    return None


def _read_form(block: list[Line], problems: list[ReadProblem]) -> PerformanceForm:
    head = _filled(block[0])
    raw_name = head[1] if len(head) > 1 else ""
    m = _PREFIX.match(raw_name)
    form = PerformanceForm(name=raw_name[m.end():] if m else raw_name, prefix=m.group(1) if m else "", loc=block[0].loc)
    state = "head"
    level1 = level2 = ""
    columns: dict[str, int] = {}
    for ln in block[1:]:
        cells = _filled(ln)
        if not cells:
            continue
        c0 = compact(cells[0])
        if not ln.is_row:
            if c0.startswith("备注"):
                state = "done"
            continue
        if state == "done":
            continue
        if c0.startswith("主管部门"):
            rest = cells[1:]
            if rest:
                form.department = re.sub(r"[\[(（【]部门[\])）】]$", "", rest[0]).strip()
            for i, t in enumerate(rest):
                if compact(t) == "预算单位" and i + 1 < len(rest):
                    form.unit = rest[i + 1]
            continue
        if c0.startswith("项目资金") or c0 in ("目标申报数",):
            state = "funding"
            continue
        if state == "funding" and any(any(lbl in compact(t) for lbl in _FUNDING_LABELS) for t in cells[:2]):
            form.funding.append(_funding(cells))
            continue
        if c0.startswith("项目年度绩效目标"):
            state = "goal"
            rest = [t for t in cells[1:] if compact(t) not in ("年度目标", "实际完成情况")]
            if rest:
                form.goal = rest[0]
                form.achieved = rest[1] if len(rest) > 1 else ""
                state = "after_goal"
            continue
        if state == "goal":
            form.goal = cells[0]
            form.achieved = cells[1] if len(cells) > 1 else ""
            state = "after_goal"
            continue
        if c0.startswith("绩效指标") or ("一级指标" in [compact(t) for t in cells]):
            state = "indicators"
            columns = {compact(c.text): k for k, c in enumerate(ln.cells) if c.text}
            continue
        if state == "indicators" and not compact("".join(cells)).startswith(("总分",)) and not any(compact(t) in ("总分",) for t in cells[:3]):
            ind = _indicator_at(ln, columns, level1, level2)
            if ind is not None:
                form.indicators.append(ind)
                level1, level2 = ind.level1, ind.level2
                continue
            ind, level1, level2 = _indicator(ln, level1, level2)
            if ind is not None:
                form.indicators.append(ind)
            continue
        if any(compact(t) == "总分" for t in cells[:3]):
            nums = [t for t in cells if is_number(t)]
            if nums:
                form.total = fine(compact(nums[0]))
            grades = [compact(t) for t in cells if compact(t) in GRADES]
            form.grade = grades[-1] if grades else None
            state = "analysis"
            continue
        if state == "analysis" or c0.startswith("项目绩效分析"):
            state = "analysis"
            _analysis(form.analysis, cells)
    return form


def _funding(cells: list[str]) -> FundingRow:
    source = next((t for t in cells if any(lbl in compact(t) for lbl in _FUNDING_LABELS)), cells[0])
    i = cells.index(source)
    after = cells[i + 1 :]
    nums = [compact(t) for t in after if is_number(t)]
    fields = ["declared", "budgeted", "annual_budget", "executed", "balance", "rate", "score"]
    reason = None
    if len(nums) >= len(fields):
        # the seven figures come first; anything after them is the 偏差原因 (even "1")
        taken, k = 0, 0
        while taken < len(fields) and k < len(after):
            if is_number(after[k]):
                taken += 1
            k += 1
        rest = [t for t in after[k:] if t]
        reason = " ".join(rest) or None
        values = dict(zip(fields, nums[: len(fields)]))
    else:
        texts = [t for t in after if t and not is_number(t)]
        reason = texts[-1] if texts else None
        values = dict(zip(fields[len(fields) - len(nums):], nums))
    return FundingRow(source=re.sub(r"[:：]$", "", clean(source)), deviation_reason=reason, **{k: fine(v) for k, v in values.items()})


def _indicator_at(ln: Line, columns: dict[str, int], level1: str, level2: str) -> Indicator | None:
    """An indicator row read by the header's column positions, when its 分值/得分 sit under
    the header's (forms drawn as grids: our own output, a department's Word table)."""
    need = ("一级指标", "二级指标", "三级指标", "分值", "得分")
    if not all(k in columns for k in need):
        return None
    texts = [c.text for c in ln.cells]
    w, s = columns["分值"], columns["得分"]
    if s >= len(texts) or not is_number(texts[w]) or not is_number(texts[s]):
        return None
    n = columns["三级指标"]
    if is_number(texts[n]):
        return None
    between = texts[n + 1 : w] + [""] * 4
    return Indicator(
        level1=texts[columns["一级指标"]] or level1,
        level2=texts[columns["二级指标"]] or level2,
        name=texts[n],
        initial=between[0],
        adjusted=between[1],
        actual=between[2],
        note=" ".join(t for t in between[3 : w - n - 1] if t),
        weight=fine(compact(texts[w])),
        score=fine(compact(texts[s])),
        deviation=" ".join(t for t in texts[s + 1 :] if t),
    )


def _indicator(ln: Line, level1: str, level2: str) -> tuple[Indicator | None, str, str]:
    texts = [c.text for c in ln.cells]
    # trailing numbers: 分值, 得分 (the last two numeric cells not followed by other numbers)
    num_idx = [i for i, t in enumerate(texts) if t and is_number(t)]
    if len(num_idx) < 2:
        return None, level1, level2
    wi, si = num_idx[-2], num_idx[-1]
    deviation = " ".join(t for t in texts[si + 1 :] if t)
    filled = [(j, t) for j, t in enumerate(texts[:wi]) if t]
    k = 0
    if k < len(filled) and _level(filled[k][1], LEVEL1):
        level1 = filled[k][1]
        k += 1
    if k < len(filled) and _level(filled[k][1], LEVEL2):
        level2 = filled[k][1]
        k += 1
    if k >= len(filled):
        return None, level1, level2
    name_idx, name = filled[k]
    rest = texts[name_idx + 1 : wi]
    rest += [""] * (4 - len(rest))
    ind = Indicator(
        level1=level1,
        level2=level2,
        name=name,
        initial=rest[0],
        adjusted=rest[1],
        actual=rest[2],
        note=" ".join(t for t in rest[3:] if t),
        weight=fine(compact(texts[wi])),
        score=fine(compact(texts[si])),
        deviation=deviation,
    )
    return ind, level1, level2


def _analysis(a: PerformanceAnalysis, cells: list[str]) -> None:
    field = None
    text_cells = []
    for t in cells:
        c = compact(t)
        if c in ("项目绩效分析", "自评结果分析"):
            continue
        if field is None:
            for key, name in ANALYSIS:
                if key in c and len(c) <= 24:
                    field = name
                    break
            else:
                text_cells.append(t)
        else:
            text_cells.append(t)
    if field and text_cells:
        setattr(a, field, max(text_cells, key=len))
