"""Document-level mutations: single faults of the kinds a reviewer finds in published disclosures,
planted into a clean built document, printed to PDF by two producers, read back and audited.

    python benchmarks/mutations.py --document              # both examples, 2 plants per kind
    python benchmarks/mutations.py --document -k 5 --seed 2 --producers ours

Each fault is planted at the model level (the Disclosure's tables or narrative text, or the
profile's printed headings) and the document is then written: ours by ``juesuan``'s PDF writer,
LibreOffice by converting ``juesuan``'s DOCX (``soffice --headless --convert-to pdf``, one batch
call). Each PDF is audited as a published document; a fault counts as detected when the audit has
an 错误 or 警告 that the clean print of the same producer does not have. The examples transcribe
real documents with their real problems (the seed's prior-year 类 that do not add up, full marks
for a partly achieved indicator, Putuo's copied 主要用于 text, …): the benchmark repairs those
(``REPAIRS`` and ``clean_source``) so that its clean copies are clean, and every error or warning
on a clean print, or on the repaired source itself, is a false finding. Clean prints are cached by
content.
"""
from __future__ import annotations

import copy
import hashlib
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))  # rule_testing: how findings are matched

from juesuan.checks import run  # noqa: E402
from juesuan.checks.claims import PATH, all_claims, normalise, parse_disclosure, wording  # noqa: E402
from rule_testing import _key  # noqa: E402
from juesuan.pipeline import compile_source  # noqa: E402

EXAMPLES = ("datong-housing-2024", "putuo-finance-2024")
OTHER_NAMES = ("大同市财政局", "上海市普陀区教育局", "山西省住房和城乡建设厅", "上海市财政局")


@dataclass
class Plant:
    kind: str
    what: str  # the change, in words
    apply: Callable  # (disclosure, profile) -> None, on copies


# ---------------------------------------------------------------------------------------------
# Planters: each returns every single fault of its kind the document allows.


def _paragraphs(d, sections=None):
    for s in d.narrative:
        if sections and s.key not in sections:
            continue
        for i, p in enumerate(s.paragraphs):
            yield s.key, i, p


def _edit(section: str, index: int, old: str, new: str, count: int = 1):
    def apply(d, _p):
        s = next(s for s in d.narrative if s.key == section)
        assert old in s.paragraphs[index], (old, s.paragraphs[index])
        s.paragraphs[index] = s.paragraphs[index].replace(old, new, count)
    return apply


def _other_name(d, rng):
    return rng.choice([n for n in OTHER_NAMES if n != d.meta.department])


def plant_name_heading(d, p, rng):
    out = []
    for t in p.tables:
        for i, item in enumerate(t.heading):
            text = getattr(item, "text", item)
            if "{department}" in text:
                other = _other_name(d, rng)
                out.append(Plant("名称·表头", f"{t.title}表头单位名称 → {other}", _heading(t.id, i, "{department}", other)))
    for key, text in p.parts.items():
        if "{department}" in text:
            other = _other_name(d, rng)
            out.append(Plant("名称·部分标题", f"{text} → {other}", _part(key, "{department}", other)))
    return out


def _heading(table_id, index, old, new):
    """One table's printed heading item, edited in the profile the writers lay it out from."""
    def apply(_d, prof):
        layout = next(x for x in prof.tables if x.id == table_id)
        item = layout.heading[index]
        if isinstance(item, str):
            layout.heading[index] = item.replace(old, new)
        else:
            item.text = item.text.replace(old, new)
    return apply


def _part(key, old, new):
    def apply(_d, prof):
        prof.parts[key] = prof.parts[key].replace(old, new)
    return apply


def plant_year_heading(d, p, rng):
    out = []
    wrong = str(d.meta.year + rng.choice((-1, 1)))
    for t in p.tables:
        for i, item in enumerate(t.heading):
            text = getattr(item, "text", item)
            if "{year}" in text:
                out.append(Plant("年度·表头", f"{t.title}表头年度 → {wrong}", _heading(t.id, i, "{year}", wrong)))
    for key, text in p.parts.items():
        if "{year}" in text:
            out.append(Plant("年度·部分标题", f"{text} → {wrong}", _part(key, "{year}", wrong)))
    return out


def plant_name_narrative(d, p, rng):
    out = []
    year = f"{d.meta.year}年度"
    for key, i, text in _paragraphs(d):
        if text.startswith(year) or text.startswith(d.meta.department + year):
            other = _other_name(d, rng)
            old = text[: len(d.meta.department) + len(year)] if text.startswith(d.meta.department) else year
            out.append(Plant("名称·情况说明", f"{key}#{i} {old} → {other}{year}", _edit(key, i, old, other + year)))
    return out


def plant_year_narrative(d, p, rng):
    out = []
    year = d.meta.year
    for key, i, text in _paragraphs(d):
        for m in re.finditer(rf"{year}年(?:度)?", text):
            before = text[max(0, m.start() - 3) : m.start()]
            if "与" in before or "比" in before:
                continue
            wrong = str(year + rng.choice((-2, 1)))
            out.append(Plant("年度·情况说明", f"{key}#{i} {m.group(0)} → {wrong}", _edit(key, i, m.group(0), m.group(0).replace(str(year), wrong))))
            break
    return out


def plant_date(d, p, rng):
    out = []
    for key, i, text in _paragraphs(d):
        m = re.search(r"截至(\d{4})年12月31日", text)
        if m:
            wrong = str(d.meta.year - 1)
            out.append(Plant("日期", f"{key}#{i} 截至{m.group(1)}年 → {wrong}年", _edit(key, i, m.group(0), m.group(0).replace(m.group(1), wrong))))
    return out


SWAPS = {"增加": "减少", "减少": "增加", "增长": "下降", "下降": "增长", "大于": "小于", "小于": "大于"}


def plant_comparison(d, p, rng):
    out = []
    for key, i, text in _paragraphs(d):
        masked = _unmasked_spans(text)
        for m in re.finditer("|".join(SWAPS), text):
            if not masked[m.start()]:
                continue
            # one occurrence, by position: replace the n-th
            n = text[: m.start()].count(m.group(0))
            out.append(Plant("比较词", f"{key}#{i} 第{n + 1}个“{m.group(0)}” → “{SWAPS[m.group(0)]}”",
                             _nth(key, i, m.group(0), SWAPS[m.group(0)], n)))
        for m in re.finditer(r"(?:与上年相同|持平)", text):
            if masked[m.start()]:
                n = text[: m.start()].count(m.group(0))
                out.append(Plant("比较词", f"{key}#{i} “{m.group(0)}” → “增加”", _nth(key, i, m.group(0), "比上年增加" if m.group(0) == "与上年相同" else "增加", n)))
    return out


def _unmasked_spans(text):
    masked = wording().mask(normalise(text))  # the built-in vocabulary's reasons and usages
    return [c != "　" for c in masked]


def _nth(section, index, old, new, n):
    def apply(d, _p):
        s = next(s for s in d.narrative if s.key == section)
        text = s.paragraphs[index]
        pos = -1
        for _ in range(n + 1):
            pos = text.index(old, pos + 1)
        s.paragraphs[index] = text[:pos] + new + text[pos + len(old) :]
    return apply


def plant_blank_budget(d, p, rng):
    t = d.tables.get("three_public")
    row = t.row("budget") if t is not None else None
    if row is None or not any(row.values.values()):
        return []

    def apply(dd, _p):
        r = dd.tables["three_public"].row("budget")
        for col in r.values:
            r.values[col] = None
    return [Plant("预算数空白", "“三公”经费表预算数整行空白", apply)]


def plant_blank_cell(d, p, rng):
    from mutations import cells

    out = []
    for tid, key, col in cells(d, p):
        def apply(dd, _p, tid=tid, key=key, col=col):
            dd.tables[tid].row(key).values[col] = None
        out.append(Plant("单元格空白", f"{tid}:{key}:{col} {d.tables[tid].row(key).values[col]} → 空白", apply))
    return out


def plant_dropped_table(d, p, rng):
    out = []
    for layout in p.tables:
        def apply(_d, prof, tid=layout.id):
            prof.tables = [x for x in prof.tables if x.id != tid]
        out.append(Plant("缺表", f"删去{layout.title}", apply))
    return out


def _items(d):
    from juesuan.checks.claims import coded_items

    return [it for it in coded_items(parse_disclosure(d)) if it.usage]


def plant_copied_usage(d, p, rng):
    out = []
    items = _items(d)
    for a in items:
        for b in items:
            if a.code != b.code and normalise(a.usage) != normalise(b.usage):
                out.append(Plant("主要用于照抄", f"{b.quantity.label}的用途 ← {a.quantity.label}的“{a.usage[:12]}…”",
                                 _usage(b, a.usage)))
    return out


def _usage(item, new_usage):
    def apply(d, _p):
        s = next(s for s in d.narrative if s.key == item.section.key)
        text = s.paragraphs[item.paragraph]
        m = wording().usage.search(normalise(text))
        s.paragraphs[item.paragraph] = text[: m.start("text")] + new_usage + text[m.end("text") :]
    return apply


def _nature(d, item):
    row = d.tables[item.quantity.table].row(item.code)
    basic, project = row.values.get("basic") or 0, row.values.get("project") or 0
    return "basic" if basic and not project else "project" if project and not basic else None


def plant_usage_nature(d, p, rng):
    out = []
    for it in _items(d):
        nature = _nature(d, it)
        if nature == "project" and "基本支出" not in it.usage:
            new = re.sub(r"(?:等)?(?:支出|经费)?$", "", it.usage) + "等基本支出"
            out.append(Plant("基本/项目支出", f"{it.quantity.label}（全为项目支出）说成“{new}”", _usage(it, new)))
        elif nature == "basic" and "项目" not in it.usage:
            new = re.sub(r"(?:等)?(?:支出|经费)?$", "", it.usage) + "等项目支出"
            out.append(Plant("基本/项目支出", f"{it.quantity.label}（全为基本支出）说成“{new}”", _usage(it, new)))
    return out


def plant_item_name(d, p, rng):
    from juesuan import catalogues

    functional = catalogues.load("functional", d.meta.year)
    out = []
    for key, i, text in _paragraphs(d, ("general_budget",)):
        m = PATH.search(normalise(text))
        if not m:
            continue
        group = "x" if m.group("x") else "k" if m.group("k") else "c"
        name = m.group(group)
        table = d.tables["general_budget"]
        in_table = {r.name for r in table.coded_rows()}
        length = {"c": 3, "k": 5, "x": 7}[group]
        others = sorted(n for c, n in functional.codes.items() if len(c) == length and n not in in_table and n != name)
        if not others:
            continue
        other = rng.choice(others)
        start, end = m.span(group)
        out.append(Plant("科目名称", f"{key}#{i} {name} → {other}", _span(key, i, start, end, other)))
    return out


def _span(section, index, start, end, new):
    def apply(d, _p):
        s = next(s for s in d.narrative if s.key == section)
        t = s.paragraphs[index]
        s.paragraphs[index] = t[:start] + new + t[end:]
    return apply


SME_WORDS = ("授予中小企业合同金额", "授予小微企业合同金额", "在其他政府采购项目中", "面向中小企业预留的政府采购项目中")


def plant_sme(d, p, rng):
    out = []
    total = d.tables.get("statistics")
    for key, i, text in _paragraphs(d, ("other",)):
        for word in SME_WORDS:
            j = text.find(word)
            if j < 0:
                continue
            m = re.compile(r"(\d[\d,]*\.\d\d)万元").search(text, j)
            if not m:
                continue
            # the part grows past the whole: 政府采购 total (from the same paragraph group) plus a margin
            amounts = [Decimal(x.replace(",", "")) for x in re.findall(r"(\d[\d,]*\.\d\d)万元", " ".join(t for _, _, t in _paragraphs(d, ("other",))))]
            whole = max(amounts)
            new = f"{whole + Decimal(rng.randint(10, 500)):,.2f}"
            out.append(Plant("中小企业金额", f"{word} {m.group(1)} → {new}", _span(key, i, m.start(1), m.end(1), new)))
    return out


def plant_component_list(d, p, rng):
    out = []
    rows = d.tables.get("general_basic")
    if rows is None:
        return out
    by_name = {normalise(r.name): r for r in rows.coded_rows() if len(r.key) == 5}
    for key, i, text in _paragraphs(d, ("general_basic",)):
        for m in re.finditer(r"(?:主要)?包括[:：]?(?P<list>[^。；;]+)", text):
            names = [n for n in re.split(r"[、，,]", re.sub(r"等(?:支出)?$", "", m.group("list"))) if n]
            for n in names:
                r = by_name.get(normalise(n))
                if r is None or not r.values.get("amount"):
                    continue
                group = r.key[:3]
                blanks = [x for x in rows.coded_rows() if len(x.key) == 5 and x.key[:3] == group and not x.values.get("amount")
                          and normalise(x.name) not in map(normalise, names)]
                if not blanks:
                    continue
                b = rng.choice(blanks)
                start = m.start("list") + m.group("list").index(n)
                out.append(Plant("组成列举", f"{key}#{i} 列举的“{n}” → 表中为空的“{b.name}”", _span(key, i, start, start + len(n), b.name)))
    return out


def _pct(a: Decimal, b: Decimal) -> str:
    return str((a / b * 100).quantize(Decimal("0.01"), ROUND_HALF_UP))


def plant_wrong_base(d, p, rng):
    """A share or completion rate computed on another figure of the document."""
    out = []
    claims = all_claims(parse_disclosure(d))
    amounts = sorted({c.value for c in claims if c.kind in ("amount", "budget") and c.value and c.unit == "万元"})
    for c in claims:
        if c.kind not in ("share", "completion") or c.value is None:
            continue
        if c.kind == "completion" and c.budget is not None and c.actual is not None and c.budget.value:
            # the case: 年初预算 stated as 0, the rate kept
            s = next(s for s in d.narrative if s.key == c.section)
            start, end = c.budget.span
            out.append(Plant("预算基数", f"{c.section}#{c.paragraph} 年初预算{c.budget.text} → 0万元，完成比例{c.text}不变",
                             _span(c.section, c.paragraph, start, end, "0万元")))
        base = rng.choice(amounts)
        numerator = c.actual.value if c.kind == "completion" and c.actual is not None else None
        if numerator is None:
            hits = [x for x in claims if x.kind == "amount" and x.quantity == c.quantity and x.section == c.section]
            numerator = hits[0].value if hits else None
        if not numerator or not base:
            continue
        wrong = _pct(numerator, base)
        if Decimal(wrong) == c.value or Decimal(wrong) > 100000:
            continue
        start, end = c.span
        out.append(Plant("预算基数", f"{c.section}#{c.paragraph} {c.text} → {wrong}%（以{base}为基数）",
                         _span(c.section, c.paragraph, start, end, wrong + "%")))
    return out


PLANTERS = [
    plant_name_heading, plant_year_heading, plant_name_narrative, plant_year_narrative, plant_date,
    plant_comparison, plant_blank_budget, plant_blank_cell, plant_dropped_table, plant_copied_usage,
    plant_usage_nature, plant_item_name, plant_sme, plant_component_list, plant_wrong_base,
]


# ---------------------------------------------------------------------------------------------
# Printing and auditing


def write(d, p, folder: Path, stem: str, formats=("pdf", "docx")) -> dict[str, Path]:
    from juesuan.writers import get_writer

    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for fmt in formats:
        target = folder / f"{stem}.{fmt}"
        get_writer(fmt)(d, p, target)
        out[fmt] = target
    return out


def libreoffice(docx: list[Path], outdir: Path) -> subprocess.Popen:
    """One soffice call converts every DOCX (its start-up is most of the cost); it runs while the
    caller audits the other producer's prints."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("需要 LibreOffice（soffice）才能用第二种方式生成 PDF；或用 --producers ours")
    outdir.mkdir(parents=True, exist_ok=True)
    profile_dir = tempfile.mkdtemp(prefix="juesuan-lo-")
    return subprocess.Popen([soffice, f"-env:UserInstallation=file://{profile_dir}", "--headless", "--convert-to", "pdf",
                             "--outdir", str(outdir), *map(str, docx)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait(proc: subprocess.Popen) -> None:
    if proc.wait(timeout=3600) != 0:
        raise SystemExit("LibreOffice 转换 PDF 失败")


def audit(path: Path):
    from juesuan.readers.published import read_published

    r = read_published(path)
    return run(r.disclosure, r.profile)


def serious(findings):
    return [f for f in findings if f.severity in ("error", "warning")]


# The real problems each example transcribes from its document (the checks find them there: see the rules'
# tests), repaired in a copy so that the benchmark's clean documents have none. (file, printed line, repaired line)
REPAIRS = {
    "datong-housing-2024": [
        # 五（一）: the seed's per-类 changes imply last year's 类 summing to 11,000.00万元 less than its total
        # (NARR-009); the gap is put on 类 212, and 财政拨款支出总计 (5.60万元 more than 一般公共预算 + 政府性基金
        # with nothing else to explain it) and 收入总计 follow.
        ("narrative.yaml", "    '212': 1999028252.17", "    '212': 2109028255.53"),
        ("narrative.yaml", "  fiscal_total: 2428391549.95", "  fiscal_total: 2428335549.95"),
        ("narrative.yaml", "  total: 2428395435.93", "  total: 2428339435.93"),
    ],
    "putuo-finance-2024": [
        # 2010602 一般行政管理事务 is all 项目支出 in the table, yet described as 基本支出 (NARR-014)
        ("narrative.yaml", "item.2010602.usage: 局财政业务指导与宣传等基本支出", "item.2010602.usage: 局财政业务指导与宣传等项目支出"),
        # 2080599 其他行政事业单位养老支出 copies 2080501 行政单位离退休's text (NARR-013)
        ("narrative.yaml", "item.2080599.usage: 退休人员经费支出", "item.2080599.usage: 其他行政事业单位养老保障支出"),
    ],
}
PARTIAL = ("部分达成", "未达成", "未完成", "部分完成")


def clean_source(example: str, folder: Path):
    """The example, compiled from a copy with the real problems it transcribes repaired (``REPAIRS``), and
    every performance indicator that scores full marks called achieved (the seed scores three partly
    achieved indicators 10/10, PERF-009)."""
    shutil.copytree(ROOT / "examples" / example, folder, dirs_exist_ok=True)
    for name, old, new in REPAIRS.get(example, ()):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (example, name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    d, p = compile_source(folder)
    for form in d.performance:
        for ind in form.indicators:
            full = ind.weight is not None and ind.score is not None and ind.score >= ind.weight
            if full and any(w in (ind.actual or "") for w in PARTIAL):
                ind.actual = "达成预期指标"
    return d, p


def _digest(example: str) -> str:
    h = hashlib.sha256()
    files = sorted((ROOT / "src").rglob("*")) + sorted((ROOT / "examples" / example).rglob("*")) + [Path(__file__)]
    for path in files:
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(ROOT)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def clean_prints(example: str, producers: list[str], cache: Path, d, p) -> dict[str, Path]:
    folder = cache / f"{example}-{_digest(example)}"
    paths = {"ours": folder / "ours" / f"{example}.pdf", "libreoffice": folder / "lo" / f"{example}.pdf"}
    if not paths["ours"].exists():
        write(d, p, folder / "ours", example)
    if "libreoffice" in producers and not paths["libreoffice"].exists():
        _wait(libreoffice([folder / "ours" / f"{example}.docx"], folder / "lo"))
    return {k: v for k, v in paths.items() if k in producers}


def _progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def document_campaign(args) -> int:
    rng = random.Random(args.seed)
    producers = args.producers.split(",")
    cache = Path(args.cache)
    work = Path(tempfile.mkdtemp(prefix="juesuan-doc-mutations-"))
    rows = defaultdict(lambda: defaultdict(lambda: [0, 0]))  # kind -> producer -> [planted, detected]
    misses = defaultdict(list)
    false_clean = {}
    baseline = {}
    jobs = []  # (example, plant, stem, written paths)
    t0 = time.perf_counter()
    for example in EXAMPLES:
        d, p = clean_source(example, work / "sources" / example)
        false_clean[(example, "source")] = serious(run(d, p))
        for prod, path in clean_prints(example, producers, cache, d, p).items():
            found = serious(audit(path))
            baseline[(example, prod)] = {_key(f) for f in found}
            false_clean[(example, prod)] = found
        plants = []
        for planter in PLANTERS:
            candidates = planter(d, p, rng)
            rng.shuffle(candidates)
            plants += candidates[: args.k]
        for n, plant in enumerate(plants):
            dd, pp = d.model_copy(deep=True), copy.deepcopy(p)
            plant.apply(dd, pp)
            stem = f"{example}-{n:03d}"
            formats = ("pdf", "docx") if "libreoffice" in producers else ("pdf",)
            jobs.append((example, plant, stem, write(dd, pp, work / "ours", stem, formats)))
    _progress(f"已植入并写出 {len(jobs)} 份文档（{time.perf_counter() - t0:.0f} 秒）")
    lo = libreoffice([out["docx"] for *_, out in jobs], work / "lo") if "libreoffice" in producers else None
    for prod in producers:
        if prod == "libreoffice":
            _progress("等待 LibreOffice 转换…")
            _wait(lo)
        for example, plant, stem, out in jobs:
            path = out["pdf"] if prod == "ours" else work / "lo" / f"{stem}.pdf"
            why = ""
            try:
                new = [f for f in serious(audit(path)) if _key(f) not in baseline[(example, prod)]]
            except Exception as exc:  # an unreadable print is a detection failure worth seeing
                new, why = [], f"：读取失败 {exc}"
            rows[plant.kind][prod][0] += 1
            if new:
                rows[plant.kind][prod][1] += 1
            else:
                misses[plant.kind].append(f"{example} {prod} {plant.what}{why}")
        _progress(f"{prod}：已审核（{time.perf_counter() - t0:.0f} 秒）")
    elapsed = time.perf_counter() - t0
    shutil.rmtree(work, ignore_errors=True)
    return _report(rows, misses, false_clean, producers, elapsed)


def _report(rows, misses, false_clean, producers, elapsed) -> int:
    names = {"ours": "juesuan PDF", "libreoffice": "LibreOffice PDF", "source": "源数据（编制前）"}
    print("\n== 文档级突变：每种问题植入一次，打印为 PDF 后审核（检出 = 新增“错误”或“警告”）")
    head = "| 问题类型 | " + " | ".join(names[p] for p in producers) + " |"
    print(head)
    print("|" + "---|" * (len(producers) + 1))
    ok = True
    for kind, by in rows.items():
        cells = []
        for prod in producers:
            n, k = by[prod]
            share = k / n if n else 1
            ok &= share >= 0.95
            cells.append(f"{k}/{n}（{100 * share:.0f}%）")
        print(f"| {kind} | " + " | ".join(cells) + " |")
    total = {prod: [sum(by[prod][0] for by in rows.values()), sum(by[prod][1] for by in rows.values())] for prod in producers}
    print("| 合计 | " + " | ".join(f"{k}/{n}（{100 * k / n:.1f}%）" for n, k in total.values()) + " |")
    print("\n干净文档的误报（修复了示例所录真实问题后，源数据及其打印件上的错误/警告）：")
    for (example, prod), found in false_clean.items():
        print(f"  {example} · {names[prod]}：{len(found)}" + "".join(f"\n      {f.rule} {f.severity} {f.message}" for f in found))
        ok &= not found
    if misses:
        print("\n未检出：")
        for kind, items in misses.items():
            for m in items[:8]:
                print(f"  [{kind}] {m}")
    print(f"\n用时 {elapsed:.0f} 秒")
    return 0 if ok else 1
