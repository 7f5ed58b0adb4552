from __future__ import annotations

from ... import patterns
from ..engine import Message, rule
from ..text import pieces

# The same mark twice (，， 、、 ；；), or two different sentence marks side by side (，。 。，).
# Three or more 。 stand for an ellipsis (COMP-004 reads those).
DOUBLED = patterns.compile(r"(?<!。)。。(?!。)|([，、；：！？,;])\1+|[，、；：][。，、；]|。[，、；：]")


REPEATED = Message("repeated", None, "{where}中标点符号重复：{marks}。", "同一标点印了两次，或两个不同的句读标点相邻")


@rule("TEXT-001", "标点符号重复", "warning", documents=("final", "budget"), messages=(REPEATED,))
def check(c):
    """A sentence mark is printed twice, or two different marks stand side by side, anywhere in the
    text (narrative, 概况, 名词解释, table notes, titles).

    Example: “主要原因是人员调整。。” or “比上年增加，，主要原因是…” → 警告.
    """
    for p in pieces(c):
        found = list(dict.fromkeys(m.group(0) for m in DOUBLED.finditer(p.text)))
        if found:
            marks = "、".join(f"“{x}”" for x in found)
            yield c.report(REPEATED, p.location, {"where": p.where, "marks": marks}, expected="一个标点", found="".join(found),
                           suggestion="删去多余的标点。")
