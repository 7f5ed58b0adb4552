from __future__ import annotations

from ... import patterns
from ..engine import Message, rule
from ..text import section_ends

# The words that promise a content: a reason, a use, a list.
LEAD = r"(?:主要原因(?:是|为|在于)?|原因(?:是|为)|主要用于|用于|主要是|主要包括|具体包括|主要内容(?:是|为|包括)?)"
# … followed by nothing but a stop (主要原因是。 主要用于：；).
EMPTY = patterns.compile(LEAD + r"\s*[：:，,]?\s*[。；;]")
# … ending the paragraph (主要原因是：⏎): cut off when nothing follows in its section.
AT_END = patterns.compile(LEAD + r"\s*[：:，,]?\s*$")


CUT_OFF = Message("cut_off", None, "{where}中的句子不完整：“{said}”之后没有内容。", "“主要原因是”“主要用于”之后没有内容")


@rule("TEXT-004", "句子不完整", "warning", documents=("final", "budget"), messages=(CUT_OFF,))
def check(c):
    """A sentence announces its reason, use or content and stops: “主要原因是。”, “主要用于；”, or
    “主要原因是：” as the last words of its section.

    Example: “财政拨款支出增加，主要原因是。” → 警告; “主要原因是：” followed by a numbered list → nothing.
    """
    for p, last in section_ends(c):
        text = p.text.strip()
        m = EMPTY.search(text) or (AT_END.search(text) if last else None)
        if m:
            yield c.report(CUT_OFF, p.location, {"where": p.where, "said": m.group(0).strip()},
                           expected="写明原因或用途", found=m.group(0).strip(), suggestion="补全句子，写明具体原因或用途。")
