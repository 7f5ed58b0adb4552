"""Test support for the rules (imported by the rule tests beside the rules as ``rule_testing``):

fixtures of the seed as printed, and mutation helpers.

``printed_seed()`` rebuilds the seed document as a text reader would give it: the built Datong
model with every table cell as printed (tests/fixtures/datong-seed-tables.json), the narrative
as printed (tests/fixtures/checks/datong-narrative-printed.yaml) and the performance forms'
printed computed fields (tests/fixtures/datong-performance-printed.yaml), origin ``printed``
and no context (a read document has no prior-year or budget data beyond what it prints).
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path


from juesuan.model import Context, Disclosure, NarrativeSection, Row, SourceLoc, Table
from juesuan.yamlio import load_yaml

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"

_built_cache: dict[str, tuple] = {}


# Rule tests mutate a built disclosure whose totals are exact sums of its printed leaves (the 万元
# transcription): there a one-cent slip is certainly an error. The 元 example prints each cell
# rounded on its own, like a read document (tests/test_yuan.py).
DATONG = "datong-housing-2024-wan"


def built(example: str = DATONG):
    """(disclosure, profile) of a bundled example, compiled once; callers get a deep copy."""
    if example not in _built_cache:
        from juesuan.pipeline import compile_source

        _built_cache[example] = compile_source(EXAMPLES / example)
    disclosure, profile = _built_cache[example]
    return disclosure.model_copy(deep=True), profile


def narrative_from_yaml(path: Path, source: str) -> list[NarrativeSection]:
    data = load_yaml(path)
    out = []
    for s in data["sections"]:
        lines = s.get("lines") or []
        locs = [SourceLoc(file=source, line=n) for n in lines]
        out.append(NarrativeSection(key=s["key"], title=s["title"], paragraphs=list(s["paragraphs"]), locs=locs))
    return out


def printed_seed():
    """(disclosure, profile): the seed document as printed, read back into the model."""
    disclosure, profile = built(DATONG)
    printed = json.loads((FIXTURES / "datong-seed-tables.json").read_text(encoding="utf-8"))
    source = printed["source"]
    for table_id, t in printed["tables"].items():
        rows = []
        for r in t["rows"]:
            loc = SourceLoc(file=source, line=r.get("text_line")) if r.get("text_line") else None
            rows.append(Row(key=r["key"], name=r.get("name", ""), values=dict(r["values"]), loc=loc))
        disclosure.tables[table_id] = Table(id=table_id, rows=rows, statement=t.get("statement"))
    disclosure.narrative = narrative_from_yaml(FIXTURES / "checks" / "datong-narrative-printed.yaml", source)

    forms = load_yaml(FIXTURES / "datong-performance-printed.yaml")["forms"]
    by_name = {f["name"]: f for f in forms}
    for form in disclosure.performance:
        p = by_name.get(form.name)
        if p is None:
            continue
        for c in p.get("corrections") or []:
            if c["kind"] == "input" and c["field"].startswith("funding["):
                i = int(c["field"][8])
                setattr(form.funding[i], c["field"].split(".", 1)[1], Decimal(str(c["printed"])))
        printed_fields = p["printed"]
        for row in form.funding:
            row.balance = Decimal(str(printed_fields["balance"]))
            row.rate = Decimal(str(printed_fields["rate"]))
            row.score = Decimal(str(printed_fields["execution_score"]))
        form.total = Decimal(str(printed_fields["total"]))
        form.grade = printed_fields["grade"]
    disclosure.origin = "printed"
    disclosure.source = source
    disclosure.context = Context()
    return disclosure, profile


def run(disclosure, profile, only=None):
    from juesuan.checks.engine import run_rules

    return run_rules(disclosure, profile, only=only)


def _key(f) -> tuple:
    loc = f.location
    # The sentence is left out: editing a sentence must not make its other findings look new.
    return (f.rule, f.severity, loc.table, loc.row, loc.column, loc.section, loc.form, loc.field, str(f.expected), str(f.found))


def new_findings(before, after) -> list:
    """Findings of ``after`` that ``before`` does not have (by rule, severity, place and figures)."""
    old = {_key(f) for f in before}
    return [f for f in after if _key(f) not in old]


def set_value(disclosure: Disclosure, table_id: str, row_key: str, column: str, value) -> None:
    row = disclosure.tables[table_id].row(row_key)
    assert row is not None, (table_id, row_key)
    row.values[column] = None if value is None else Decimal(str(value))


def replace_in_narrative(disclosure: Disclosure, old: str, new: str) -> None:
    """Edit the narrative text; the phrase must occur exactly once."""
    hits = [(s, i) for s in disclosure.narrative for i, p in enumerate(s.paragraphs) if old in p]
    assert len(hits) == 1 and hits[0][0].paragraphs[hits[0][1]].count(old) == 1, f"{old!r} occurs {len(hits)} times"
    s, i = hits[0]
    s.paragraphs[i] = s.paragraphs[i].replace(old, new)


def add_section(disclosure: Disclosure, key: str, title: str, text: str, page: int = 20, line: int = 3) -> None:
    """Append a narrative section of one paragraph, read from ``page``/``line`` of the document."""
    disclosure.narrative.append(NarrativeSection(key=key, title=title, paragraphs=[text],
                                                 locs=[SourceLoc(file=disclosure.source, page=page, line=line)]))


def printed_putuo():
    """(disclosure, profile): the Putuo document as printed (tables and narrative), origin printed."""
    from juesuan import profiles
    from juesuan.model import Meta, Overview, UnitEntry

    printed = json.loads((FIXTURES / "putuo-tables.json").read_text(encoding="utf-8"))
    source = printed["source"]
    tables = {}
    for table_id, t in printed["tables"].items():
        page = t.get("page")
        rows = [
            Row(key=r["key"], name=r.get("name", ""), values=dict(r["values"]), loc=SourceLoc(file=source, page=page) if page else None)
            for r in t["rows"]
        ]
        tables[table_id] = Table(id=table_id, rows=rows, note=t.get("note"), loc=SourceLoc(file=source, page=page) if page else None)
    data = load_yaml(FIXTURES / "checks" / "putuo-narrative-printed.yaml")
    narrative = [
        NarrativeSection(
            key=s["key"], title=s["title"], paragraphs=list(s["paragraphs"]),
            locs=[SourceLoc(file=source, page=s["pages"][0]) for _ in s["paragraphs"]],
        )
        for s in data["sections"]
    ]
    disclosure = Disclosure(
        origin="printed",
        source=source,
        meta=Meta(department="上海市普陀区财政局", year=2024, unit="万元", profile="shanghai", unit_kind="行政单位"),
        overview=Overview(units=[UnitEntry(**u) for u in printed["units"]]),
        tables=tables,
        narrative=narrative,
    )
    return disclosure, profiles.load("shanghai")


def budget_sample():
    """(disclosure, profile): a small, consistent 部门预算 as read from a PDF (profile
    ``shanghai-budget``): tables in whole 元, the 三公 table printed in 万元 to two places.
    Every identity of the nine tables holds, so a rule test mutates one cell and sees one rule."""
    from juesuan import profiles
    from juesuan.model import Meta

    def table(tid, rows, places=0, unit=None):
        out = []
        for key, name, values in rows:
            out.append(Row(key=key, name=name, values={k: None if v is None else Decimal(v) for k, v in values.items()}))
        return Table(id=tid, rows=out, places=places, printed_unit=unit)

    def coded(tid, columns, rows):
        return table(tid, [(k, n, dict(zip(columns, v))) for k, n, v in rows])

    functional = [("201", "一般公共服务支出"), ("20103", "政府办公厅（室）及相关机构事务"), ("2010301", "行政运行"),
                  ("208", "社会保障和就业支出"), ("20805", "行政事业单位养老支出"), ("2080505", "机关事业单位基本养老保险缴费支出"),
                  ("221", "住房保障支出"), ("22102", "住房改革支出"), ("2210201", "住房公积金")]
    by_class = {"201": ("1200000", "1000000", "200000", "600000", "600000", "400000"),  # all funds, fiscal, business, basic, project, fiscal project
                "208": ("500000", "500000", "0", "500000", "0", "0"),
                "221": ("300000", "300000", "0", "300000", "0", "0")}
    income, expenditure, general = [], [], []
    for code, name in functional:
        total, fiscal, business, basic, project, fiscal_project = by_class[code[:3]]
        income.append((code, name, (total, fiscal, business, "0", "0")))
        expenditure.append((code, name, (total, basic, project)))
        general.append((code, name, (fiscal, str(int(fiscal) - int(fiscal_project)), fiscal_project)))
    income.append(("total", "合计", ("2000000", "1800000", "200000", "0", "0")))
    expenditure.append(("total", "合计", ("2000000", "1400000", "600000")))
    general.append(("total", "合计", ("1800000", "1400000", "400000")))
    economic = [("301", "工资福利支出", ("800000", "800000", "0")), ("30101", "基本工资", ("800000", "800000", "0")),
                ("302", "商品和服务支出", ("600000", "0", "600000")), ("30201", "办公费", ("400000", "0", "400000")),
                ("30217", "公务接待费", ("50000", "0", "50000")), ("30231", "公务用车运行维护费", ("150000", "0", "150000")),
                ("total", "合计", ("1400000", "800000", "600000"))]
    tables = {
        "budget_summary": table("budget_summary", [
            ("in.fiscal", "一、财政拨款收入", {"amount": "1800000"}), ("in.fiscal_general", "1.一般公共预算资金", {"amount": "1800000"}),
            ("in.fiscal_fund", "2.政府性基金", {"amount": None}), ("in.fiscal_capital", "3.国有资本经营预算", {"amount": None}),
            ("in.business", "二、事业收入", {"amount": "200000"}), ("in.operation", "三、事业单位经营收入", {"amount": None}),
            ("in.other", "四、其他收入", {"amount": None}),
            ("ex.201", "一般公共服务支出", {"amount": "1200000"}), ("ex.208", "社会保障和就业支出", {"amount": "500000"}),
            ("ex.221", "住房保障支出", {"amount": "300000"}),
            ("in.grand_total", "收入总计", {"amount": "2000000"}), ("ex.grand_total", "支出总计", {"amount": "2000000"})]),
        "budget_income": coded("budget_income", ["total", "fiscal", "business", "operation", "other"], income),
        "budget_expenditure": coded("budget_expenditure", ["total", "basic", "project"], expenditure),
        "budget_fiscal_summary": table("budget_fiscal_summary", [
            ("in.fiscal_general", "一、一般公共预算资金", {"amount": "1800000"}), ("in.fiscal_fund", "二、政府性基金", {"amount": None}),
            ("in.fiscal_capital", "三、国有资本经营预算", {"amount": None}),
            ("ex.201", "一般公共服务支出", {"total": "1000000", "general": "1000000", "fund": None, "capital": None}),
            ("ex.208", "社会保障和就业支出", {"total": "500000", "general": "500000", "fund": None, "capital": None}),
            ("ex.221", "住房保障支出", {"total": "300000", "general": "300000", "fund": None, "capital": None}),
            ("in.grand_total", "收入总计", {"amount": "1800000"}),
            ("ex.grand_total", "支出总计", {"total": "1800000", "general": "1800000", "fund": None, "capital": None})]),
        "budget_general": coded("budget_general", ["total", "basic", "project"], general),
        "budget_fund": table("budget_fund", [("total", "合计", {"total": None, "basic": None, "project": None})], places=None),
        "budget_capital": table("budget_capital", [("total", "合计", {"total": None, "basic": None, "project": None})], places=None),
        "budget_general_basic": coded("budget_general_basic", ["total", "personnel", "public"], economic),
        "budget_three_public": table("budget_three_public", [("budget", "预算数", {
            "total": "200000", "abroad": "0", "reception": "50000", "vehicle_total": "150000", "vehicle_purchase": "0",
            "vehicle_running": "150000", "running": "550000"})], places=2, unit="万元"),
    }
    tables["budget_fund"].statement = "注:本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。"
    tables["budget_capital"].statement = "注:本部门2025年无国有资本经营预算财政拨款安排的预算，故本表为空表。"
    meta = Meta(department="上海市普陀区某某街道办事处", year=2025, unit="元", profile="shanghai-budget", family="budget", level="部门")
    return Disclosure(origin="printed", meta=meta, tables=tables), profiles.load("shanghai-budget")


def budget_text_sample():
    """``budget_sample()`` with clean running text as read from a PDF: 主要职能, 机构设置, an 编制说明
    of three paragraphs (page and line), 名词解释 and title lines — for the text-hygiene rules."""
    from juesuan.model import GlossaryEntry, NarrativeSection, PrintedLine, Reading

    disclosure, profile = budget_sample()
    source = "budget.pdf"
    disclosure.source = source
    disclosure.overview.duties = ["上海市普陀区某某街道办事处是普陀区政府的派出机关，依据法律法规的规定履行相应的政府服务管理职能。",
                                  "主要职能包括：", "（一）负责辖区内社区公共服务。"]
    disclosure.overview.organisation = ["本部门预算是包括街道本部以及下属1家预算单位的综合收支计划。"]
    paragraphs = ["2025年，上海市普陀区某某街道办事处收入预算200.00万元，其中：财政拨款收入180.00万元，比2024年预算增加10.00万元；"
                  "事业收入20.00万元。",
                  "财政拨款收入支出增加的主要原因是项目调整。",
                  "1.“一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）”科目100.00万元，主要用于行政运行。"]
    disclosure.narrative = [NarrativeSection(key="explanation", title="2025年部门预算编制说明", paragraphs=paragraphs,
                                             locs=[SourceLoc(file=source, page=6, line=n) for n in (2, 4, 5)])]
    disclosure.glossary = [GlossaryEntry(term="财政拨款收入", text="指区级财政当年拨付的资金。")]
    disclosure.reading = Reading(path="profile", profile="shanghai-budget", family="budget", level="部门", headings=[
        PrintedLine(text="上海市普陀区2025年区级部门预算", loc=SourceLoc(file=source, page=1, line=1)),
        PrintedLine(text="2025年部门预算编制说明", loc=SourceLoc(file=source, page=6, line=1))],
        contents=[PrintedLine(text="四、部门预算编制说明", loc=SourceLoc(file=source, page=2, line=5))])
    return disclosure, profile


BASES = {"built": lambda: built(), "printed": printed_seed, "putuo": printed_putuo,
         "putuo-built": lambda: built("putuo-finance-2024"), "budget": budget_sample, "budget-text": budget_text_sample}


def triggers(base: str, mutate, rule: str, *, severity: str = "error", allowed=()):
    """Apply ``mutate`` to a fresh copy of a base document; the new findings (errors and warnings) must
    include ``rule`` at ``severity`` and come from no rule outside ``{rule, *allowed}``.

    Returns the new findings of ``rule``.
    """
    disclosure, profile = BASES[base]()
    before = run(disclosure, profile)
    mutate(disclosure)
    after = run(disclosure, profile)
    new = [f for f in new_findings(before, after) if f.severity in ("error", "warning")]
    mine = [f for f in new if f.rule == rule and f.severity == severity]
    assert mine, f"{rule} did not report a new {severity}; new findings: {[(f.rule, f.severity, f.message) for f in new]}"
    stray = [(f.rule, f.message) for f in new if f.rule not in {rule, *allowed}]
    assert not stray, f"unrelated rules fired: {stray}"
    return mine
