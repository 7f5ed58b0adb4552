"""Open data: the audited documents as tidy tables (CSV and Parquet) with a Frictionless Data
Package descriptor (``datapackage.json``).

Tables (one row per …):

- ``documents``: document (file, department, year, level, profile, counts, quality index);
- ``cells``: printed table cell (department-year × table × row × column → amount, unit, page);
- ``claims``: number the narrative states (section, kind, quantity, value, sentence, page);
- ``findings``: finding of the audit (rule, severity, location, message, figures);
- ``performance``: funding row of a 项目支出绩效自评表 (amounts, rate, score, total, grade).

Amounts are exact: a decimal string in CSV (``1535.41``, never a float), ``decimal128`` in
Parquet. Rows are ordered as the documents and their tables are, so the same batch gives the same
bytes. Input is the batch's records (plain dicts with the read model as JSON).
"""
from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

DEFAULT_LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}

# field name -> (frictionless type, description)
SCHEMAS: dict[str, dict[str, tuple[str, str]]] = {
    "documents": {
        "document_id": ("string", "文档编号（文件内容 SHA-256 的前16位）"), "file": ("string", "文件名"),
        "department": ("string", "部门/单位名称"), "year": ("integer", "年度"), "level": ("string", "部门或单位"),
        "profile": ("string", "识别的版式（模板）"), "unit": ("string", "金额单位"), "tables_read": ("integer", "已读表格数"),
        "tables_listed": ("integer", "模板表格数"), "errors": ("integer", "错误数"), "warnings": ("integer", "警告数"),
        "infos": ("integer", "提示数"), "quality_index": ("number", "质量指数（0–100）"), "prior_file": ("string", "用于跨年度核对的上年文档"),
        "status": ("string", "ok 或 failed"), "reason": ("string", "无法核查的原因"),
    },
    "cells": {
        "document_id": ("string", "文档编号"), "department": ("string", "部门/单位"), "year": ("integer", "年度"),
        "table_id": ("string", "表格（语义编号）"), "table_number": ("string", "表号"), "table_title": ("string", "表名"),
        "row_key": ("string", "行（科目编码或语义键）"), "row_name": ("string", "行名称"), "column": ("string", "栏（语义键）"),
        "amount": ("number", "金额（精确十进制，原样）"), "unit": ("string", "金额单位"), "page": ("integer", "页码"), "line": ("integer", "页内行号"),
    },
    "claims": {
        "document_id": ("string", "文档编号"), "department": ("string", "部门/单位"), "year": ("integer", "年度"),
        "section": ("string", "情况说明章节"), "kind": ("string", "陈述类型：amount/change/change_pct/share/completion/count/flat/compare/none"),
        "quantity": ("string", "所述数量的地址"), "label": ("string", "数量名称"), "value": ("number", "所述数值（精确十进制）"),
        "unit": ("string", "单位"), "direction": ("integer", "增减方向：1 增加，-1 减少，0 持平"), "sentence": ("string", "原句"),
        "page": ("integer", "页码"), "line": ("integer", "页内行号"),
    },
    "findings": {
        "document_id": ("string", "文档编号"), "department": ("string", "部门/单位"), "year": ("integer", "年度"),
        "rule": ("string", "规则编号"), "title": ("string", "规则名称"), "severity": ("string", "级别：error/warning/info"),
        "location": ("string", "位置"), "table_id": ("string", "表格"), "row_key": ("string", "行"), "column": ("string", "栏"),
        "section": ("string", "情况说明章节"), "page": ("integer", "页码"), "line": ("integer", "页内行号"),
        "message": ("string", "说明"), "expected": ("string", "应为"), "found": ("string", "实为"), "difference": ("number", "差额"),
    },
    "performance": {
        "document_id": ("string", "文档编号"), "department": ("string", "部门/单位"), "year": ("integer", "年度"),
        "form": ("string", "项目名称"), "source": ("string", "资金来源"), "declared": ("number", "年初预算数·目标申报数"),
        "budgeted": ("number", "年初预算数·预算编制数"), "annual_budget": ("number", "全年预算数"), "executed": ("number", "全年执行数"),
        "balance": ("number", "资金结（转）余"), "rate": ("number", "执行率"), "score": ("number", "得分"),
        "total": ("number", "总分"), "grade": ("string", "等级"), "page": ("integer", "页码"),
    },
}
DECIMAL_FIELDS = {"quality_index", "amount", "value", "difference", "declared", "budgeted", "annual_budget", "executed", "balance", "rate", "score", "total"}
# decimals kept in Parquet (decimal128(38, scale)): table cells are 0.01 exact; forms print up to 4.
DECIMAL_SCALE = {"quality_index": 1, "amount": 2}
PRIMARY_KEYS = {"documents": ["document_id"]}


def _doc_id(rec: dict) -> str:
    return (rec.get("sha256") or "")[:16] or Path(rec["file"]).name


def _dec(v) -> str:
    if v is None or v == "":
        return ""
    d = Decimal(str(v))
    return f"{d:f}"


def document_rows(rec: dict, model_json=None) -> dict[str, list[dict]]:
    """One document's rows of every tidy table (decimals as exact strings). ``model_json(record)``
    gives a record's read model (default: the record's ``model``)."""
    from .. import profiles
    from ..checks.claims import all_claims, parse_disclosure
    from ..model import Disclosure

    out: dict[str, list[dict]] = {name: [] for name in SCHEMAS}
    did = _doc_id(rec)
    if not rec.get("ok"):
        out["documents"].append({"document_id": did, "file": rec["name"], "status": "failed", "reason": rec.get("reason") or ""})
        return out
    d = Disclosure.model_validate_json(model_json(rec) if model_json else rec["model"])
    prof = profiles.restore(rec["profile"], rec.get("profile_data"))
    base = {"document_id": did, "department": rec["department"], "year": rec["year"]}
    c = rec["counts"]
    out["documents"].append({
        "document_id": did, "file": rec["name"], "department": rec["department"], "year": rec["year"], "level": rec["level"],
        "profile": rec["profile"], "unit": d.meta.unit, "tables_read": rec["tables_read"], "tables_listed": rec["tables_listed"],
        "errors": c["error"], "warnings": c["warning"], "infos": c["info"],
        "quality_index": (rec.get("quality") or {}).get("index", ""), "prior_file": Path(rec["prior"]).name if rec.get("prior") else "",
        "status": "ok", "reason": "",
    })
    layouts = {t.id: t for t in prof.tables}
    for tid, t in d.tables.items():
        if not t.present:
            continue
        lay = layouts.get(tid)
        for row in t.rows:
            for col, v in row.values.items():
                if v is None:
                    continue
                loc = row.cell_locs.get(col) or row.loc
                out["cells"].append({**base, "table_id": tid, "table_number": (lay.number or "") if lay else "",
                                     "table_title": lay.title if lay else "", "row_key": row.key, "row_name": row.name, "column": col,
                                     "amount": _dec(v), "unit": d.meta.unit, "page": loc.page if loc else None, "line": loc.line if loc else None})
    for claim in all_claims(parse_disclosure(d, prof)):
        src = claim.source
        out["claims"].append({**base, "section": claim.section, "kind": claim.kind, "quantity": claim.quantity.key if claim.quantity else "",
                              "label": claim.quantity.label if claim.quantity else "", "value": _dec(claim.value), "unit": claim.unit,
                              "direction": claim.direction, "sentence": claim.sentence, "page": src.page if src else None,
                              "line": src.line if src else None})
    for f in rec["report"]["findings"]:
        loc = f.get("location") or {}
        src = loc.get("source") or {}
        out["findings"].append({**base, "rule": f["rule"], "title": f.get("title", ""), "severity": f["severity"], "location": loc.get("text", ""),
                                "table_id": loc.get("table"), "row_key": loc.get("row"), "column": loc.get("column"),
                                "section": loc.get("section"), "page": src.get("page"), "line": src.get("line"), "message": f["message"],
                                "expected": "" if f.get("expected") is None else str(f["expected"]),
                                "found": "" if f.get("found") is None else str(f["found"]), "difference": _dec(f.get("difference"))})
    for form in d.performance:
        page = form.loc.page if form.loc else None
        for fr in form.funding:
            out["performance"].append({**base, "form": form.name, "source": fr.source, **{k: _dec(getattr(fr, k)) for k in (
                "declared", "budgeted", "annual_budget", "executed", "balance", "rate", "score")},
                "total": _dec(form.total), "grade": form.grade or "", "page": page})
    return out


def _csv_value(v) -> str:
    return "" if v is None else str(v)


class _CsvSink:
    def __init__(self, path: Path, name: str):
        self.fields = list(SCHEMAS[name])
        self.fh = path.open("w", encoding="utf-8", newline="")
        self.writer = csv.writer(self.fh, lineterminator="\n")
        self.writer.writerow(self.fields)

    def add(self, rows: list[dict]) -> None:
        self.writer.writerows([[_csv_value(row.get(f)) for f in self.fields] for row in rows])

    def close(self) -> None:
        self.fh.close()


class _ParquetSink:
    """Rows appended document by document (one row group each batch): memory stays flat."""

    def __init__(self, path: Path, name: str):
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.pa = pa
        self.fields = []
        for field, (kind, desc) in SCHEMAS[name].items():
            if field in DECIMAL_FIELDS:
                typ = pa.decimal128(38, DECIMAL_SCALE.get(field, 6))
            elif kind == "integer":
                typ = pa.int64()
            else:
                typ = pa.string()
            self.fields.append(pa.field(field, typ, metadata={"description": desc}))
        self.schema = pa.schema(self.fields)
        self.writer = pq.ParquetWriter(path, self.schema)
        self.pending: list[dict] = []

    def add(self, rows: list[dict]) -> None:
        self.pending.extend(rows)
        if len(self.pending) >= 50_000:
            self.flush()

    def flush(self) -> None:
        pa = self.pa
        arrays = []
        for f in self.fields:
            values = [row.get(f.name) for row in self.pending]
            if pa.types.is_decimal(f.type):
                q = Decimal(1).scaleb(-f.type.scale)
                arrays.append(pa.array([None if v in (None, "") else _exact(Decimal(str(v)), q) for v in values], type=f.type))
            elif pa.types.is_integer(f.type):
                arrays.append(pa.array([None if v in (None, "") else int(v) for v in values], type=f.type))
            else:
                arrays.append(pa.array([None if v is None else str(v) for v in values], type=f.type))
        self.writer.write_table(pa.Table.from_arrays(arrays, schema=self.schema))
        self.pending = []

    def close(self) -> None:
        self.flush()
        self.writer.close()


def _exact(d: Decimal, q: Decimal) -> Decimal:
    """``d`` at the column's scale; a value with more decimals than the column holds is an error,
    never a silent rounding."""
    out = d.quantize(q)
    if out != d:
        raise ValueError(f"{d} has more decimals than the Parquet column keeps ({q})")
    return out


def descriptor(records: list[dict], *, name: str = "juesuan-final-accounts", title: str = "部门决算公开数据（juesuan 核查导出）",
               license: dict | None = None, parquet: bool = True) -> dict:
    from .. import __version__

    resources = []
    for res, fields in SCHEMAS.items():
        schema = {"fields": [{"name": f, "type": t, "description": desc, **({"bareNumber": True} if t == "number" else {})}
                             for f, (t, desc) in fields.items()], "missingValues": [""]}
        if res in PRIMARY_KEYS:
            schema["primaryKey"] = PRIMARY_KEYS[res]
        elif res != "documents":
            schema["foreignKeys"] = [{"fields": ["document_id"], "reference": {"resource": "documents", "fields": ["document_id"]}}]
        resources.append({"name": res, "path": f"{res}.csv", "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
                          "encoding": "utf-8", "schema": schema,
                          "description": f"{res}；同一数据的 Parquet 文件：{res}.parquet（金额为 decimal128）" if parquet else res})
    return {
        "profile": "tabular-data-package",
        "name": name,
        "title": title,
        "description": "由 juesuan 读取已公开的部门决算文档所得：表格单元格、情况说明所述数字、核查问题、项目支出绩效自评表。金额为精确十进制。",
        "version": "1.0.0",
        "licenses": [license or DEFAULT_LICENSE],
        "sources": [{"title": r.get("department") or r["name"], "path": r["name"]} for r in records],
        "contributors": [{"title": f"juesuan {__version__}", "role": "author"}],
        "resources": resources,
    }


def write(records: list[dict], out: Path, *, parquet: bool = True, license: dict | None = None, model_json=None) -> list[Path]:
    """Write every table as CSV (and Parquet when pyarrow is installed) and ``datapackage.json``,
    one document at a time."""
    out.mkdir(parents=True, exist_ok=True)
    if parquet:
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            parquet = False
    sinks = {name: [_CsvSink(out / f"{name}.csv", name)] + ([_ParquetSink(out / f"{name}.parquet", name)] if parquet else []) for name in SCHEMAS}
    try:
        for rec in records:
            for name, rows in document_rows(rec, model_json).items():
                for sink in sinks[name]:
                    sink.add(rows)
    finally:
        for group in sinks.values():
            for sink in group:
                sink.close()
    written = [out / f"{name}.{ext}" for name in SCHEMAS for ext in (("csv", "parquet") if parquet else ("csv",))]
    desc = out / "datapackage.json"
    desc.write_text(json.dumps(descriptor(records, license=license, parquet=parquet), ensure_ascii=False, indent=1), encoding="utf-8")
    written.append(desc)
    return written
