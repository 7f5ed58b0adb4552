from __future__ import annotations

from ... import patterns
from ...model import FAMILY_ZH
from ..engine import Message, rule
from ..text import pieces

# Names that contain the other level's word without meaning the document: the economic classification
# (部门预算支出经济分类科目), and the tables of the official final-accounts report set, which units fill
# too (部门决算报表, printed as “第二部分 2024年部门决算表”; 部门决算(公开)相关信息统计表).
FIXED_NAMES = patterns.compile(r"部门预算(?:支出)?经济分类|部门决算[^，。；、\s]{0,12}?表|预算单位|决算单位")


def misnamed(text: str, level: str, word: str) -> list[str]:
    """The other level's name of the document (部门预算 in a 单位预算) as printed in ``text``."""
    other = "部门" if level == "单位" else "单位"
    text = FIXED_NAMES.sub("", text)
    pattern = patterns.compile(rf"(?<![本各所属下级基层])({other}{word})") if other == "单位" else patterns.compile(rf"({other}{word})")
    return list(dict.fromkeys(m.group(1) for m in pattern.finditer(text)))


OTHER_LEVEL = Message("other_level", None, "本文档为{level}{word}，{where}却写作{found}。", "单位预算（决算）自称部门预算（决算），或反之")


@rule("TEXT-008", "部门与单位表述混用", "warning", documents=("final", "budget"), messages=(OTHER_LEVEL,))
def check(c):
    """A 单位预算/单位决算 (one unit) does not call itself 部门预算/部门决算, nor the reverse, in its titles,
    目录, narrative or notes. Names that carry the word by definition (部门预算支出经济分类科目,
    部门决算公开相关信息统计表) are not counted; silent when the document's level is not known.

    Example: “2024年部门预算编制说明” in the 单位预算 of 上海市普陀区社会福利院 → 警告.
    """
    d = c.disclosure
    level = d.meta.level or (d.reading.level if d.reading is not None else None)
    if level not in ("部门", "单位"):
        return
    word = FAMILY_ZH[d.meta.family]
    for p in pieces(c, kinds=("heading", "contents", "paragraph", "note")):
        found = misnamed(p.text, level, word)
        if found:
            yield c.report(OTHER_LEVEL, p.location, {"level": level, "word": word, "where": p.where,
                                                     "found": "、".join(f"“{x}”" for x in found)},
                           expected=f"{level}{word}", found="、".join(found))
