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


BASES = {"built": lambda: built(), "printed": printed_seed, "putuo": printed_putuo,
         "putuo-built": lambda: built("putuo-finance-2024")}


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
