from __future__ import annotations

from ...catalogues import normalise_name
from ..claims import PATH, normalise
from ..engine import Message, rule

LEVELS = (("c", 3, "类"), ("k", 5, "款"), ("x", 7, "项"))
TABLE_OF = {"general_budget": "general_budget", "fund": "fund", "capital": "capital"}


NOT_IN_TABLE = Message("not_in_table", None, "情况说明所列科目“{name}（{level}）”不是{table}{where}的{level}级科目（表中为：{listed}）。",
                       "说明所列科目名称不是表中同一级的科目")


@rule("NARR-015", "情况说明的科目名称与表格不符", "warning", messages=(NOT_IN_TABLE,))
def check(c):
    """Each 科目 the narrative names as “…（类）…（款）…（项）” is a row of the section's table under that name
    (a warning: the catalogue's wording may have changed, or the text may name another 科目).

    Example: 9、卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项） in a document whose 一般公共预算财政拨款支出决算表
    has no 行政单位医疗 under 21011 (it prints 事业单位医疗) → 警告.
    """
    for s in c.disclosure.narrative:
        table_id = TABLE_OF.get(s.key)
        t = c.table(table_id) if table_id else None
        if t is None:
            continue
        rows = {r.key: r.name for r in t.coded_rows()}
        if not rows:
            continue
        for i, paragraph in enumerate(s.paragraphs):
            for m in PATH.finditer(normalise(paragraph)):
                problem = _first_mismatch(m, rows)
                if problem is None:
                    continue
                name, level, parent, known = problem
                source = s.locs[i] if i < len(s.locs) else None
                where = f"“{rows[parent]}”下" if parent else ""
                listed = "、".join(known) if known else "无"
                yield c.report(NOT_IN_TABLE, c.section_loc(s.key, s.title, m.group(0), source),
                               {"name": name, "level": level, "table": c.table_label(table_id), "where": where, "listed": listed},
                               expected=listed, found=name, suggestion="科目名称应与表中同一编码的名称一致。")


def _first_mismatch(m, rows: dict[str, str]):
    parent = ""
    for group, length, level in LEVELS:
        name = m.group(group)
        if not name:
            return None
        candidates = {code: n for code, n in rows.items() if len(code) == length and code.startswith(parent)}
        hit = [code for code, n in candidates.items() if normalise_name(n) == normalise_name(name)]
        if not hit:
            return name, level, parent, sorted(candidates.values())
        parent = hit[0]
    return None
