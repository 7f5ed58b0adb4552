"""The batch summary workbook ``audit-summary.xlsx``: one row per document, every finding with its
location, one sheet per rule, the quality ranking and how the index is computed.

Input is the batch's records (plain dicts, see :mod:`juesuan.batch.work`), so this writer
depends on nothing above the writers' floor.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def ranked(records: list[dict]) -> list[dict]:
    """Readable documents by quality index (highest first; ties: fewer errors, then name)."""
    ok = [r for r in records if r.get("ok") and r.get("quality")]
    return sorted(ok, key=lambda r: (-Decimal(r["quality"]["index"]), r["counts"]["error"], r.get("department") or "", r["name"]))


def main_findings(record: dict, n: int = 3) -> list[str]:
    """The ``n`` most severe findings, one line each (rule, severity, message)."""
    findings = sorted((record.get("report") or {}).get("findings") or [], key=lambda f: SEVERITY_ORDER[f["severity"]])
    return [f"{f['rule']} {SEVERITY_ZH[f['severity']]}：{f['message']}" for f in findings if f["severity"] != "info"][:n]


def finding_rows(records: list[dict]):
    """(record, finding) for every finding of every readable document, in document order."""
    for r in records:
        if not r.get("ok"):
            continue
        for f in r["report"]["findings"]:
            yield r, f


def _source(f: dict) -> tuple:
    src = (f.get("location") or {}).get("source") or {}
    return src.get("page"), src.get("line"), src.get("sheet"), src.get("cell")


def write(records: list[dict], path: Path) -> Path:
    import xlsxwriter

    from ..checks.quality import explain, load_weights

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    wb = xlsxwriter.Workbook(str(tmp), {"in_memory": True, "strings_to_numbers": False})
    head = wb.add_format({"bold": True, "bg_color": "#EEEEEE", "border": 1, "text_wrap": True, "valign": "top"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    red = wb.add_format({"font_color": "#A40000", "text_wrap": True, "valign": "top"})
    num = wb.add_format({"num_format": "0.0", "valign": "top"})

    def sheet(name: str, columns: list[tuple[str, int]]):
        ws = wb.add_worksheet(name)
        for i, (title, width) in enumerate(columns):
            ws.write(0, i, title, head)
            ws.set_column(i, i, width)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, 0, len(columns) - 1)
        return ws

    comps = load_weights().components
    ws = sheet("文档汇总", [("文件", 28), ("部门/单位", 26), ("年度", 7), ("级别", 6), ("识别的版式", 10), ("已读表格", 8), ("应有表格", 8),
                        ("错误", 6), ("警告", 6), ("提示", 6), ("质量指数", 8), ("主要问题一", 50), ("主要问题二", 50), ("主要问题三", 50),
                        ("用时（秒）", 8), ("上年文档", 24), ("状态", 30)])
    for i, r in enumerate(records, start=1):
        if not r.get("ok"):
            ws.write_row(i, 0, [r["name"], "", "", "", "", "", "", "", "", "", "", "", "", "", r.get("seconds", 0), "", f"无法核查：{r.get('reason')}"], wrap)
            ws.write(i, 16, f"无法核查：{r.get('reason')}", red)
            continue
        c = r["counts"]
        top = main_findings(r) + ["", "", ""]
        ws.write_row(i, 0, [r["name"], r["department"], r["year"], r["level"], r["profile"], r["tables_read"], r["tables_listed"],
                            c["error"], c["warning"], c["info"]], wrap)
        ws.write_number(i, 10, float(r["quality"]["index"]), num)
        ws.write_row(i, 11, top[:3], wrap)
        ws.write_row(i, 14, [r["seconds"], Path(r["prior"]).name if r.get("prior") else "", "已核查"], wrap)

    ws = sheet("质量排名", [("名次", 6), ("部门/单位", 26), ("年度", 7), ("文件", 28), ("质量指数", 9)]
               + [(c.title, 12) for c in comps] + [("错误", 6), ("警告", 6)])
    for i, r in enumerate(ranked(records), start=1):
        ws.write_row(i, 0, [i, r["department"], r["year"], r["name"]], wrap)
        ws.write_number(i, 4, float(r["quality"]["index"]), num)
        for j, c in enumerate(comps):
            v = r["quality"]["components"].get(c.key)
            if v is None:
                ws.write(i, 5 + j, "不计")
            else:
                ws.write_number(i, 5 + j, float(v), num)
        ws.write_row(i, 5 + len(comps), [r["counts"]["error"], r["counts"]["warning"]])

    columns = [("文件", 26), ("部门/单位", 24), ("年度", 7), ("规则", 10), ("规则名称", 24), ("级别", 6), ("位置", 46), ("页", 5), ("行", 5),
               ("说明", 70), ("相关位置", 40), ("建议", 30)]

    def finding_row(ws, i, r, f, skip_rule=False):
        page, line, sheet_name, cell = _source(f)
        related = "；".join(x.get("text", "") for x in f.get("related") or [])
        values = [r["name"], r["department"], r["year"], f["rule"], f.get("title", ""), SEVERITY_ZH[f["severity"]],
                  (f.get("location") or {}).get("text", ""), page if page is not None else (sheet_name or ""),
                  line if line is not None else (cell or ""), f["message"], related, f.get("suggestion") or ""]
        ws.write_row(i, 0, values, red if f["severity"] == "error" else wrap)

    ws = sheet("全部问题", columns)
    by_rule: dict[str, list] = {}
    for i, (r, f) in enumerate(finding_rows(records), start=1):
        finding_row(ws, i, r, f)
        by_rule.setdefault(f["rule"], []).append((r, f))

    ws = sheet("权重说明", [("分项", 30), ("权重", 8), ("计入的规则", 50), ("说明", 60)])
    for i, row in enumerate(explain(), start=1):
        ws.write_row(i, 0, list(row), wrap)

    for rule_id in sorted(by_rule):
        items = by_rule[rule_id]
        name = rule_id.replace(":", "_")[:31]
        ws = sheet(name, columns)
        for i, (r, f) in enumerate(items, start=1):
            finding_row(ws, i, r, f)
    wb.close()
    tmp.replace(path)
    return path
