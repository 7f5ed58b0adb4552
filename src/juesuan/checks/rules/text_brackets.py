from __future__ import annotations

from itertools import groupby

from ..engine import Message, rule
from ..text import pieces

# Pairs whose halves must balance; half- and full-width brackets pair with each other (a “（…)” is a
# style matter, not a missing bracket).
PAIRS = (("“", "”", "引号"), ("（(", "）)", "括号"), ("《", "》", "书名号"), ("【", "】", "方括号"))


def scan(texts: list[str]) -> list[list[str]]:
    """For consecutive paragraphs of one section, what is wrong with each one's quotes and brackets, in
    words. A bracket opened in one paragraph may close in the next (a reader may split a paragraph at a
    line ending in ；): an opener left open is charged to its paragraph only at the section's end."""
    problems: list[list[str]] = [[] for _ in texts]
    for openers, closers, name in PAIRS:
        open_at: list[int] = []  # paragraph index of each open opener
        for i, text in enumerate(texts):
            stray = 0
            for ch in text:
                if ch in openers:
                    open_at.append(i)
                elif ch in closers:
                    if open_at:
                        open_at.pop()
                    else:
                        stray += 1
            if stray:
                problems[i].append(f"多出{stray}个右{name}“{closers[0]}”")
        for i in sorted(set(open_at)):
            problems[i].append(f"缺少{open_at.count(i)}个右{name}“{closers[0]}”")
    return problems


UNPAIRED = Message("unpaired", None, "{where}中引号或括号不配对：{problems}。", "引号、括号、书名号不成对或次序颠倒")


@rule("TEXT-003", "引号或括号不配对", "warning", documents=("final", "budget"), messages=(UNPAIRED,))
def check(c):
    """Every “ has its ”, every （ its ）, every 《 its 》 and every 【 its 】, in that order: within a
    title, 目录 entry, table note or glossary entry, and within a section's paragraphs.

    Example: “主要用于”三公”经费支出。” (a stray closing quote) or “（一）因公出国（境费” → 警告.
    """
    def group(p):
        return (p.kind, p.where) if p.kind in ("paragraph", "overview") else (p.kind, p.location.label)

    for _, run in groupby(pieces(c), key=group):
        run = list(run)
        for p, problems in zip(run, scan([p.text for p in run])):
            if problems:
                yield c.report(UNPAIRED, p.location, {"where": p.where, "problems": "，".join(problems)}, expected="成对",
                               found="；".join(problems))
