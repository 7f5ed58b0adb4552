from __future__ import annotations

from ... import patterns
from ...catalogues import normalise_name
from ..engine import Message, rule

LIST = patterns.compile(r"(?:主要)?包括[:：]?(?P<list>[^。；;]+)")
SEPARATORS = patterns.compile(r"[、，,]")  # not 和: 对个人和家庭的补助
ETC = patterns.compile(r"等(?:支出)?\s*$")  # the list's closing 等 / 等支出


BLANK_NAMED = Message("blank_named", None, "情况说明列举的“{said}”在{table}中为空，而未列举的{missing}有支出。",
                      "列举的经费组成在表中为空，而同类有支出的款未列举")


@rule("NARR-017", "列举的经费组成与基本支出明细表不符", "warning", messages=(BLANK_NAMED,))
def check(c):
    """The items a 人员经费/公用经费 list names (“主要包括基本工资、津贴补贴…”) have amounts in the basic-expenditure
    table; a list that names an item the table leaves blank while leaving out one it fills names the wrong item
    (a warning: a list may abridge).

    Example: “公用经费184.67万元，主要包括：办公费、物业管理费、…” while 物业管理费 is blank and 差旅费 (5.10) is not named → 警告.
    """
    t = c.table("general_basic")
    if t is None:
        return
    rows = [r for r in t.coded_rows() if len(r.key) == 5]
    by_name = {normalise_name(r.name): r for r in rows}
    for s in c.disclosure.narrative:
        if s.key != "general_basic":
            continue
        for i, paragraph in enumerate(s.paragraphs):
            for m in LIST.finditer(paragraph):
                names = [n.strip() for n in SEPARATORS.split(ETC.sub("", m.group("list"))) if n.strip()]
                named = [by_name[normalise_name(n)] for n in names if normalise_name(n) in by_name]
                if not named:
                    continue
                groups = {r.key[:3] for r in named}
                keys = {r.key for r in named}
                blank = [r for r in named if not r.values.get("amount")]
                left_out = [r for r in rows if r.key[:3] in groups and r.key not in keys and r.values.get("amount")]
                if not blank or not left_out:
                    continue
                source = s.locs[i] if i < len(s.locs) else None
                said = "、".join(r.name for r in blank)
                missing = "、".join(f"{r.name}（{r.values['amount']}）" for r in left_out[:5])
                yield c.report(BLANK_NAMED, c.section_loc(s.key, s.title, m.group(0), source),
                               {"said": said, "table": c.table_label("general_basic"), "missing": missing}, expected=missing, found=said,
                               suggestion=f"列举有支出的项目（如{left_out[0].name}），删去表中为空的“{said}”。")
