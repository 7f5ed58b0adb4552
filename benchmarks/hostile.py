"""Hostile inputs through the CLI: exit code, wall time, peak RSS and the message, one line each.

    python benchmarks/hostile.py [--out DIR]

The files are generated (the builders of tests/test_hostile.py); each run is a subprocess with a
2 GB address-space cap, as in benchmarks/fuzz.py. Target: exit 2 with a Chinese message within
10 s and 500 MB (the read-only folder and ``-o`` cases included).
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "tests"), str(ROOT / "src")]

from fuzz import run_measured  # noqa: E402
from test_hostile import BILLION_LAUGHS, CONTENT_TYPES, EXAMPLE, SHEET_HEAD, SHEET_TAIL, rows, xlsx, zeros  # noqa: E402


def cases(tmp: Path):
    yield "XLSX zip bomb (audit)", ["audit", xlsx(tmp / "bomb.xlsx", zeros(40 << 20))]
    yield "XLSX zip bomb (build)", ["build", tmp / "bomb.xlsx", "-o", tmp / "out1"]
    docx = tmp / "bomb.docx"
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            for _ in range(200):
                fh.write(b" " * (1 << 20))
    yield "DOCX zip bomb (200 MB member)", ["audit", docx]
    yield "1,000,000-row sheet", ["audit", xlsx(tmp / "rows.xlsx", rows(1_000_000))]
    yield "1,000,000-row sheet (build)", ["build", tmp / "rows.xlsx", "-o", tmp / "out0"]
    merged = [SHEET_HEAD, b'<row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>']
    yield "merged range A1:XFD1048576 (build)", ["build", xlsx(tmp / "merged.xlsx", merged), "-o", tmp / "out5"]
    far = [SHEET_HEAD, b'<row r="999999999"><c r="A999999999"><v>1</v></c></row>', SHEET_TAIL]
    yield "row 999,999,999 (build)", ["build", xlsx(tmp / "far.xlsx", far), "-o", tmp / "out2"]
    laughs = [BILLION_LAUGHS, SHEET_HEAD[SHEET_HEAD.index(b"?>") + 2:], b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>', SHEET_TAIL]
    yield "XML entity expansion (xlsx)", ["audit", xlsx(tmp / "laughs.xlsx", laughs)]
    folder = tmp / "dept"
    shutil.copytree(EXAMPLE, folder)
    items = ['"lol"'] + [", ".join([f"*x{i - 1}"] * 9) for i in range(1, 10)]
    (folder / "narrative.yaml").write_text("".join(f"x{i}: &x{i} [{item}]\n" for i, item in enumerate(items)), encoding="utf-8")
    yield "YAML billion laughs", ["build", folder, "-o", tmp / "out3"]
    folder2 = tmp / "dept2"
    shutil.copytree(EXAMPLE, folder2)
    text = (folder2 / "department.yaml").read_text(encoding="utf-8").replace("department: 大同市住房和城乡建设局", 'department: !!python/object/apply:os.system ["echo hacked"]')
    (folder2 / "department.yaml").write_text(text, encoding="utf-8")
    yield "YAML !!python/object", ["build", folder2, "-o", tmp / "out4"]
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(2000):
        pdf.new_page(200, 200)
    pdf.save(str(tmp / "long.pdf"))
    pdf.close()
    yield "2,000-page PDF", ["audit", tmp / "long.pdf"]
    try:
        from reportlab.lib import pdfencrypt
        from reportlab.pdfgen import canvas

        c = canvas.Canvas(str(tmp / "locked.pdf"), encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner"))
        c.drawString(100, 700, "2024")
        c.save()
        yield "encrypted PDF", ["audit", tmp / "locked.pdf"]
        c = canvas.Canvas(str(tmp / "scan.pdf"))
        for _ in range(3):
            c.rect(50, 50, 400, 600, fill=1)
            c.showPage()
        c.save()
        yield "scanned (image-only) PDF", ["audit", tmp / "scan.pdf"]
    except ImportError:
        pass
    corpus = ROOT.parent / "shared" / "corpus" / "datong-housing-2024.txt"
    gbk = tmp / "gbk.txt"
    if corpus.exists():
        gbk.write_bytes(corpus.read_text(encoding="utf-8").encode("gb18030"))
    else:
        gbk.write_bytes("大同市住房和城乡建设局2024年度单位决算公开\n".encode("gbk"))
    yield "GBK-encoded text (read)", ["audit", gbk]
    ro = Path("/sys/juesuan-out") if os.geteuid() == 0 else tmp / "ro"
    if os.geteuid() != 0:
        ro.mkdir()
        ro.chmod(0o555)
    page = tmp / "page.html"
    page.write_text("<html><body><p>2024年度部门决算公开</p></body></html>", encoding="utf-8")
    yield "read-only output folder (build)", ["build", EXAMPLE, "-o", ro, "-f", "json"]
    yield "read-only output folder (check -o)", ["check", EXAMPLE, "-o", ro / "report.json", "--format", "json"]
    yield "read-only output folder (audit --export)", ["audit", page, "--export", ro]
    yield "read-only output folder (export --to)", ["export", page, "--to", ro]
    yield "read-only output folder (init)", ["init", ro / "填报.xlsx"]
    existing = tmp / "notes.txt"
    existing.write_text("my notes", encoding="utf-8")
    yield "check --format xlsx -o existing.txt", ["check", EXAMPLE, "--format", "xlsx", "-o", existing]
    yield "build -o an existing file", ["build", EXAMPLE, "-o", existing, "-f", "json"]
    yield "audit --export an existing file", ["audit", page, "--export", existing]
    yield "export --to an existing file", ["export", page, "--to", existing]
    yield "init onto an existing .txt", ["init", existing]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="juesuan-hostile-", dir=args.out))
    try:
        print(f"{'input':36s} exit  seconds  peak MB  message")
        for name, argv in cases(tmp):
            result = run_measured("subprocess", [str(a) for a in argv], tmp, 60, 2048)
            lines = [line for line in result["stderr"].splitlines() if line.strip() and not line.startswith(("┏", "┃", "│", "└", "┡", "├", "━", "┗"))]
            text = "".join(lines)  # rich wraps at 80 columns when stderr is not a terminal
            message = text.split("•", 1)[1].strip() if "•" in text else text.strip()
            print(f"{name:36s} {result['rc']:4d}  {result['seconds']:7.2f}  {result['peak_mb']:7.0f}  {message.replace(str(tmp) + '/', '')[:120]}", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
