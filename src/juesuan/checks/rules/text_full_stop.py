from __future__ import annotations

from ... import patterns
from ..engine import Message, rule
from ..text import section_ends

# A paragraph may end with a sentence mark, a list's ；/：, or a closing quote/bracket after one.
ENDS_WELL = patterns.compile(r"[。！？；：;:…]\s*[”’」』）)]*\s*$")
# A sentence, not a label: it has a clause mark inside, or runs long.
SENTENCE = patterns.compile(r"[，,；]")
# What follows a sentence without being one: a bracketed remark (…。（如持平作持平表述）), a unit line over a table.
TRAILER = patterns.compile(r"\s*[（(][^（()）]*[)）]\s*$")
FURNITURE = patterns.compile(r"单位[：:]\s*(?:万元|元)\s*$")


NO_FULL_STOP = Message("no_full_stop", None, "{where}的段落末尾缺少句号：“…{tail}”。", "成句的段落末尾没有句号")


@rule("TEXT-002", "段末缺少句号", "info", documents=("final", "budget"), messages=(NO_FULL_STOP,))
def check(c):
    """A narrative or 概况 paragraph that is a sentence (it has a comma, or runs to 30 characters) ends
    with a full stop (or ；/： in a list); headings and list labels are left alone.

    Example: “…机关运行经费预算为464.64万元” at the end of its paragraph → 提示.
    """
    for p, _last in section_ends(c):
        text = p.text.strip()
        if FURNITURE.search(text):
            continue
        text = TRAILER.sub("", text) or text
        if ENDS_WELL.search(text) or not (SENTENCE.search(text) or len(text) >= 30):
            continue
        yield c.report(NO_FULL_STOP, p.location, {"where": p.where, "tail": text[-12:]}, expected="。", found=text[-1:],
                       suggestion="在段末加上句号。")
