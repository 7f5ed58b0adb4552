"""The batch dashboard: one self-contained HTML file (inline SVG charts and CSS, no script, no CDN)
with findings by rule, by department, the distribution of the quality index and the ranking."""
from __future__ import annotations

import html
from collections import Counter
from decimal import Decimal
from pathlib import Path

from .summary import SEVERITY_ZH, main_findings, ranked

COLOURS = {"error": "#c0392b", "warning": "#e6a817", "info": "#5b9bd5"}
CSS = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;margin:1.5em auto;max-width:1180px;color:#222;padding:0 1em}
h1{font-size:1.5em} h2{font-size:1.15em;margin-top:1.6em;border-bottom:2px solid #ddd;padding-bottom:.2em}
.cards{display:flex;gap:1em;flex-wrap:wrap} .card{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;min-width:8em}
.card b{display:block;font-size:1.6em} .legend span{display:inline-block;margin-right:1.2em}
.legend i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em}
table{border-collapse:collapse;width:100%;font-size:.88em} th,td{border:1px solid #ccc;padding:.3em .45em;vertical-align:top;text-align:left}
th{background:#f3f3f3} td.n{text-align:right;white-space:nowrap} .fail{color:#a40000} svg text{font-size:12px;fill:#333}
"""


def _e(x) -> str:
    return html.escape(str(x))


def hbars(items: list[tuple[str, dict]], width: int = 1100, bar: int = 18, label_w: int = 320) -> str:
    """Horizontal bars stacked by severity: ``[(label, {"error": n, ...}), ...]``."""
    if not items:
        return "<p>无</p>"
    top = max(sum(v.values()) for _, v in items) or 1
    scale = (width - label_w - 60) / top
    h = len(items) * (bar + 6) + 10
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{h}" role="img">']
    for i, (label, counts) in enumerate(items):
        y = 5 + i * (bar + 6)
        out.append(f'<text x="{label_w - 6}" y="{y + bar - 4}" text-anchor="end">{_e(label[:30])}</text>')
        x = label_w
        for sev in ("error", "warning", "info"):
            n = counts.get(sev, 0)
            if n:
                w = max(1.0, n * scale)
                out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" fill="{COLOURS[sev]}"><title>{_e(label)} {SEVERITY_ZH[sev]} {n}</title></rect>')
                x += w
        out.append(f'<text x="{x + 5:.1f}" y="{y + bar - 4}">{sum(counts.values())}</text>')
    out.append("</svg>")
    return "".join(out)


def histogram(values: list[Decimal], width: int = 700, height: int = 220) -> str:
    """Documents per band of ten index points (0–10 … 90–100)."""
    bins = [0] * 10
    for v in values:
        bins[min(9, int(v // 10))] += 1
    top = max(bins) or 1
    bw = (width - 60) / 10
    pad = 22  # room for the count above the tallest bar
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + pad + 30}" role="img">']
    for i, n in enumerate(bins):
        h = n / top * height
        x = 40 + i * bw
        out.append(f'<rect x="{x + 2:.1f}" y="{pad + height - h:.1f}" width="{bw - 4:.1f}" height="{h:.1f}" fill="#2e7d5b"><title>{i * 10}–{i * 10 + 10}：{n}份</title></rect>')
        if n:
            out.append(f'<text x="{x + bw / 2:.1f}" y="{pad + height - h - 5:.1f}" text-anchor="middle">{n}</text>')
        out.append(f'<text x="{x + bw / 2:.1f}" y="{pad + height + 18}" text-anchor="middle">{i * 10}–{i * 10 + 10}</text>')
    out.append(f'<line x1="40" y1="{pad + height}" x2="{width - 20}" y2="{pad + height}" stroke="#999"/></svg>')
    return "".join(out)


def render(records: list[dict], title: str = "部门决算公开批量核查") -> str:
    ok = [r for r in records if r.get("ok")]
    failed = [r for r in records if not r.get("ok")]
    by_rule: dict[str, Counter] = {}
    names: dict[str, str] = {}
    by_dept: dict[str, Counter] = {}
    for r in ok:
        for f in r["report"]["findings"]:
            by_rule.setdefault(f["rule"], Counter())[f["severity"]] += 1
            names[f["rule"]] = f.get("title", "")
            if f["severity"] != "info":
                by_dept.setdefault(f"{r['department']}（{r['year']}）", Counter())[f["severity"]] += 1
    rules = sorted(by_rule.items(), key=lambda kv: (-kv[1]["error"], -sum(kv[1].values()), kv[0]))
    depts = sorted(by_dept.items(), key=lambda kv: (-kv[1]["error"], -sum(kv[1].values()), kv[0]))[:30]
    indices = [Decimal(r["quality"]["index"]) for r in ok if r.get("quality")]
    totals = Counter()
    for r in ok:
        totals.update(r["counts"])
    median = sorted(indices)[len(indices) // 2] if indices else None
    legend = "".join(f'<span><i style="background:{COLOURS[s]}"></i>{SEVERITY_ZH[s]}</span>' for s in COLOURS)
    parts = [
        f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><title>{_e(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        "<div class='cards'>",
        f"<div class='card'>文档<b>{len(records)}</b></div>",
        f"<div class='card'>无法核查<b class='fail'>{len(failed)}</b></div>",
        f"<div class='card'>错误<b>{totals['error']}</b></div>",
        f"<div class='card'>警告<b>{totals['warning']}</b></div>",
        f"<div class='card'>质量指数中位数<b>{median if median is not None else '—'}</b></div>",
        "</div>",
        f"<h2>按规则统计的问题</h2><p class='legend'>{legend}</p>",
        hbars([(f"{k} {names.get(k, '')}", dict(v)) for k, v in rules]),
        "<h2>按部门统计的问题（错误与警告，前30）</h2>",
        hbars([(k, dict(v)) for k, v in depts]),
        "<h2>质量指数分布</h2>",
        histogram(indices),
        "<h2>质量排名</h2><table><tr><th>名次</th><th>部门/单位</th><th>年度</th><th>质量指数</th><th>错误</th><th>警告</th><th>主要问题</th><th>文件</th></tr>",
    ]
    for i, r in enumerate(ranked(records), start=1):
        top = "<br>".join(_e(x) for x in main_findings(r))
        parts.append(f"<tr><td class='n'>{i}</td><td>{_e(r['department'])}</td><td class='n'>{r['year']}</td><td class='n'>{r['quality']['index']}</td>"
                     f"<td class='n'>{r['counts']['error']}</td><td class='n'>{r['counts']['warning']}</td><td>{top}</td><td>{_e(r['name'])}</td></tr>")
    parts.append("</table>")
    if failed:
        parts.append("<h2>无法核查的文档</h2><table><tr><th>文件</th><th>原因</th></tr>")
        parts += [f"<tr><td>{_e(r['name'])}</td><td class='fail'>{_e(r.get('reason'))}</td></tr>" for r in failed]
        parts.append("</table>")
    parts.append("<p>质量指数的计算方法与权重见 docs/batch.md 与汇总工作簿的“权重说明”表。</p></body></html>")
    return "\n".join(parts)


def write(records: list[dict], path: Path, title: str = "部门决算公开批量核查") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(render(records, title), encoding="utf-8")
    tmp.replace(path)
    return path
