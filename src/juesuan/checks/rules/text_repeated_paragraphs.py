from __future__ import annotations

from ... import patterns
from ..engine import Location, Message, _clip, rule

# Paragraphs shorter than this (a heading, “详见附件”) may well stand twice on purpose.
MIN_CHARS = 20
# One unnumbered paragraph said again is a copy only when it is long: a short statement (“本部门2024年度无一般公共预算
# 财政拨款支出。”) may stand under two headings (结构情况, 具体情况) on purpose.
MIN_SINGLE = 80
ITEM_NUMBER = patterns.compile(r"^\s*(?:[（(]([一二三四五六七八九十\d]+)[)）]|([一二三四五六七八九十]+)、|(\d+)[、.．](?!\d)|([①-⑳]))")
SPACE = patterns.compile(r"\s+")


def _number(text: str) -> str | None:
    m = ITEM_NUMBER.match(text)
    return next((g for g in m.groups() if g), None) if m else None


def repeats(paragraphs: list[str]) -> list[tuple[int, int, int]]:
    """Runs of paragraphs that repeat earlier ones of the same list word for word: (first index, length, the
    index of the first paragraph it repeats)."""
    first: dict[str, int] = {}
    out: list[tuple[int, int, int]] = []
    run: list[int] | None = None  # [start, length, earlier start]
    for i, p in enumerate(paragraphs):
        key = SPACE.sub("", p)
        earlier = first.get(key) if len(key) >= MIN_CHARS else None
        if earlier is not None:
            if run is not None and run[0] + run[1] == i and run[2] + run[1] == earlier:
                run[1] += 1
            else:
                run = [i, 1, earlier]
                out.append(run)  # type: ignore[arg-type]
        else:
            run = None
        first.setdefault(key, i)
    return [tuple(r) for r in out]  # type: ignore[misc]


REPEATED = Message("repeated", None, "{where}中{items}与前文{first}逐字重复{count}。",
                   "一段（或连续几段、编号条目）与同一部分的前文逐字相同")


@rule("TEXT-009", "段落或编号条目重复", "warning", documents=("final", "budget"), messages=(REPEATED,))
def check(c):
    """A paragraph (or a run of numbered items) of a narrative section, 主要职能 or 机构设置 repeats an earlier
    one of the same part word for word: a copy-and-paste or page-break slip the reader sees twice. Reported: a
    numbered item again, a run of two or more paragraphs again, or one long paragraph (80 characters or more)
    again; a short statement may stand under two headings on purpose (“本部门2024年度无一般公共预算财政拨款支出。”
    under both 结构情况 and 具体情况), and lines under 20 characters (headings, “详见附件”) are left alone.

    Example: the 编制说明 lists items 1.–11., then prints items 7.–11. again at the top of the next page → 警告
    at the repeated run (page and line), naming the items and where they first stand.
    """
    d = c.disclosure
    parts = [(f"“{s.title}”", s.key, s.paragraphs, s.locs) for s in d.narrative]
    parts += [(what, "overview", paragraphs, []) for what, paragraphs in (("主要职能", d.overview.duties),
                                                                        ("机构设置", d.overview.organisation))]
    for where, key, paragraphs, locs in parts:
        for start, length, earlier in repeats(paragraphs):
            run = paragraphs[start:start + length]
            if length == 1 and _number(run[0]) is None and len(SPACE.sub("", run[0])) < MIN_SINGLE:
                continue
            numbers = [n for n in (_number(p) for p in run) if n]
            items = f"第{numbers[0]}–{numbers[-1]}项" if len(numbers) > 1 else (f"第{numbers[0]}项" if numbers else
                                                                             ("一段" if length == 1 else f"{length}段"))
            source = locs[start] if start < len(locs) else None
            first = locs[earlier] if earlier < len(locs) else None
            label = f"{where}：“{_clip(run[0])}”" + (f"（{source.describe()}）" if source is not None and source.describe() else "")
            said_first = f"（{first.describe()}）" if first is not None and first.describe() else ""
            yield c.report(
                REPEATED, Location(section=key, sentence=run[0], source=source, label=label),
                {"where": where, "items": items, "first": said_first, "count": f"（共{length}段）" if length > 1 else ""},
                expected="不重复", found="\n".join(run),
                related=[Location(section=key, sentence=paragraphs[earlier], source=first,
                                  label=f"{where}：“{_clip(paragraphs[earlier])}”{said_first}")],
                suggestion="删除重复的段落；如为分页时误复制，核对前后页内容是否完整。")
