from __future__ import annotations

from ... import patterns
from ..engine import Message, rule
from ..text import pieces

# A comparison with a named year: 比2024年预算增加, 较2023年决算减少, 与2024年度相比. “与/同” are also plain
# conjunctions (与2023年签订的合同一致), so they count only with a comparing word after them.
BASE = r"\s*(\d{4})\s*年度?\s*(年初预算|预算|决算)?"
COMPARED = patterns.compile(rf"(?:比|较){BASE}(?=[^，。；]{{0,15}}?(?:增加|减少|增长|下降|持平|上升|降低|多|少))"
                      rf"|(?:与|同){BASE}(?=[^，。；]{{0,12}}?(?:相比|比较|对比|持平))")
# 本年/上年 with the year in brackets: 本年（2025年）, 上年度(2024年度).
NAMED = patterns.compile(r"(本|上)年度?\s*[（(]\s*(\d{4})\s*年?度?\s*[)）]")
# A budget's own figures named with a year: 2023年预算 in a 2025 budget is neither this year nor last.
BUDGET_YEAR = patterns.compile(r"(\d{4})\s*年度?(?:部门|单位|区级部门|区级单位)?预算")


def wrong_years(text: str, year: int, family: str, project: bool = False) -> list[tuple[str, str]]:
    """(as printed, what it should say) for each year word that disagrees with the document's year."""
    out = []
    for m in COMPARED.finditer(text):
        named, base = int(m.group(1) or m.group(3)), m.group(2) or m.group(4)
        if family == "final" and base and "预算" in base and named == year:
            continue  # 决算 against the same year's 年初预算
        if named != year - 1:
            out.append((m.group(0), f"{year - 1}年"))
    for m in NAMED.finditer(text):
        expected = year if m.group(1) == "本" else year - 1
        if int(m.group(2)) != expected:
            out.append((m.group(0), f"{m.group(1)}年（{expected}年）"))
    if family == "budget" and not project:  # a project's history names its earlier years' budgets
        for m in BUDGET_YEAR.finditer(text):
            if int(m.group(1)) not in (year, year - 1):
                out.append((m.group(0), f"{year}年预算或{year - 1}年预算"))
    return list(dict.fromkeys(out))


WRONG_YEAR = Message("wrong_year", None, "{where}中的年份与文档年度不符（本文档为{doc}）：{said}。", "比较年份、本年年份与文档年度不符")


@rule("TEXT-007", "年份表述与文档年度不符", "warning", documents=("final", "budget"), messages=(WRONG_YEAR,))
def check(c):
    """Year words agree with the document's year Y: a comparison names the year before (比/与/较 Y−1年;
    final accounts may also compare with Y年年初预算), 本年（…）names Y and 上年（…）Y−1, and a budget names
    only its own and last year's 预算. Silent when the year is a guess (the document never prints it).

    Example: “与2025年预算相比” in a 2025 budget (it should compare with 2024) → 警告.
    """
    d = c.disclosure
    if d.reading is not None and not d.reading.year_stated:
        return
    year, family = d.meta.year, d.meta.family
    for p in pieces(c, kinds=("paragraph", "overview", "glossary", "note")):
        wrong = wrong_years(p.text, year, family, project=(p.location.section or "").startswith("project."))
        if wrong:
            doc = f"{year}年{'预算' if family == 'budget' else '决算'}"
            said = "；".join(f"“{printed}”应为{expected}" for printed, expected in wrong)
            yield c.report(WRONG_YEAR, p.location, {"where": p.where, "doc": doc, "said": said},
                           expected="、".join(e for _, e in wrong), found="、".join(x for x, _ in wrong))
