"""Batch audit: generated documents, failure isolation, the results cache, resumption after a
kill, cross-year pairing, summary workbook, dashboard and the open-data package."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from batch_corpus import corpus  # noqa: F401 (fixture)
from juesuan.batch.run import audit_batch
from juesuan.batch.store import ResultStore
from juesuan.writers.summary import SEVERITY_ORDER

ROOT = Path(__file__).resolve().parent.parent
FAMILY = {"total_cell": "SUM", "narrative_amount": "NARR", "placeholder": "COMP-004", "prior_year": "YEAR-001"}


@pytest.fixture(scope="module")
def cache_base(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def records(corpus, cache_base):
    folder, _ = corpus
    store = ResultStore(cache_base / "audit-results")  # where JUESUAN_CACHE_DIR=cache_base puts it
    return audit_batch([folder], workers=2, store=store)


def _by_name(records):
    return {r["name"]: r for r in records}


def test_generator_is_seeded_and_plants_every_fault(corpus, tmp_path):
    folder, manifest = corpus
    faults = {m.fault for m in manifest}
    assert {"total_cell", "prior_year", "narrative_amount", "placeholder", None} <= faults
    assert {m.profile for m in manifest} == {"shanxi", "shanghai"}
    assert any(m.prior_of for m in manifest)
    again = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert [m["department"] for m in again] == [m.department for m in manifest]


def test_each_planted_fault_is_found_and_clean_documents_have_no_errors(corpus, records):
    _, manifest = corpus
    by_name = _by_name(records)
    for m in manifest:
        rec = by_name[m.file]
        assert rec["ok"], rec.get("reason")
        assert (rec["department"], rec["year"], rec["profile"]) == (m.department, m.year, m.profile)
        rules = {f["rule"] for f in rec["report"]["findings"] if f["severity"] != "info"}
        if m.fault is None:
            assert rec["counts"]["error"] == 0, rec["report"]["findings"]
            assert not any(r.startswith("YEAR") for r in rules)
        else:
            want = FAMILY[m.fault]
            assert any(r.startswith(want) for r in rules), (m.fault, rules)


def test_cross_year_finding_names_both_documents(corpus, records):
    _, manifest = corpus
    by_name = _by_name(records)
    planted = next(m for m in manifest if m.fault == "prior_year")
    rec = by_name[planted.file]
    assert rec["prior"].endswith(planted.prior_of)
    year = [f for f in rec["report"]["findings"] if f["rule"] == "YEAR-001"]
    assert year and all(f["severity"] == "warning" for f in year)
    f = year[0]
    assert f["location"]["source"]["page"] and f["related"][0]["source"]["page"]
    assert planted.prior_of in f["related"][0]["text"] and "一般公共预算财政拨款支出" in f["message"]
    # the previous year itself has no prior in the batch: its cross-year component is not measured
    prev = by_name[planted.prior_of]
    assert prev.get("prior") is None and prev["quality"]["components"]["cross_year"] is None
    assert rec["quality"]["components"]["cross_year"] is not None


def test_broken_file_is_a_row_with_its_reason(records):
    broken = _by_name(records)["broken.pdf"]
    assert broken["ok"] is False and "PDF" in broken["reason"]
    assert broken.get("quality") is None


def test_quality_index_ranks_clean_documents_above_faulty_ones(corpus, records):
    from juesuan.writers.summary import ranked

    _, manifest = corpus
    faulty = {m.file for m in manifest if m.fault in ("total_cell", "narrative_amount", "placeholder")}
    order = [r["name"] for r in ranked(records)]
    assert len(order) == len(manifest)
    clean_ranks = [i for i, n in enumerate(order) if n not in faulty]
    faulty_ranks = [i for i, n in enumerate(order) if n in faulty]
    assert max(clean_ranks) < max(faulty_ranks)
    for r in records:
        if r["ok"]:
            assert 0 <= float(r["quality"]["index"]) <= 100


def test_cache_serves_a_repeated_batch(corpus, tmp_path, capsys):
    folder, _ = corpus
    store = ResultStore(tmp_path / "cache")
    first = audit_batch([folder / "0001-shanghai-2024.pdf", folder / "broken.pdf"], workers=1, store=store)
    capsys.readouterr()
    again = audit_batch([folder / "0001-shanghai-2024.pdf", folder / "broken.pdf"], workers=1, store=store)
    assert "其中 2 份取自缓存" in capsys.readouterr().err
    strip = lambda rs: [{k: v for k, v in r.items() if k not in ("pid", "peak_rss_mb")} for r in rs]  # noqa: E731
    assert strip(first) == strip(again)


def test_killed_batch_resumes_with_the_rest_only(corpus, tmp_path):
    """Kill a one-process batch once half the documents are cached; the rerun audits only the rest."""
    folder, manifest = corpus
    docs = tmp_path / "docs"
    docs.mkdir()
    for m in manifest:
        shutil.copy(folder / m.file, docs / m.file)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "JUESUAN_CACHE_DIR": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "juesuan", "audit", str(docs), "--jobs", "1", "--format", "json"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results = tmp_path / "cache" / "audit-results"
    half = len(manifest) // 2
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if results.exists() and len(list(results.rglob("*.json.z"))) >= half:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    kept = len(list(results.rglob("*.json.z")))
    assert half <= kept < len(manifest), kept
    rerun = subprocess.run(cmd, env=env, capture_output=True, timeout=300)
    assert rerun.returncode in (0, 1), rerun.stderr.decode()
    err = rerun.stderr.decode()
    assert f"核查完成：{len(manifest)}/{len(manifest)} 份" in err and f"其中 {kept} 份取自缓存" in err, err
    assert len(json.loads(rerun.stdout)["documents"]) == len(manifest)


def test_prior_option_compares_with_last_years_document(corpus, tmp_path):
    from typer.testing import CliRunner

    from juesuan.cli import app

    folder, manifest = corpus
    planted = next(m for m in manifest if m.fault == "prior_year")
    os.environ["JUESUAN_CACHE_DIR"] = str(tmp_path / "cache")
    try:
        result = CliRunner().invoke(app, ["audit", str(folder / planted.file), "--prior", str(folder / planted.prior_of), "--format", "json"])
    finally:
        del os.environ["JUESUAN_CACHE_DIR"]
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    assert "YEAR-001" in {f["rule"] for f in data["findings"]}


def test_summary_workbook_sheets_and_libreoffice(records, tmp_path):
    from openpyxl import load_workbook

    from juesuan.writers import summary

    path = summary.write(records, tmp_path / "audit-summary.xlsx")
    wb = load_workbook(path, read_only=True)
    assert wb.sheetnames[:4] == ["文档汇总", "质量排名", "全部问题", "权重说明"]
    rows = list(wb["文档汇总"].iter_rows(values_only=True))
    assert len(rows) == len(records) + 1 and rows[0][1] == "部门/单位"
    assert any(r[16] and str(r[16]).startswith("无法核查") for r in rows[1:])
    rule_sheets = [s for s in wb.sheetnames[4:]]
    assert "YEAR-001" in rule_sheets and any(s.startswith("SUM-") for s in rule_sheets)
    all_findings = sum(len(r["report"]["findings"]) for r in records if r["ok"])
    assert wb["全部问题"].max_row == all_findings + 1
    wb.close()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    profile = tmp_path / "lo-profile"
    done = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path / "lo"), str(path)],
                          capture_output=True, timeout=180)
    converted = tmp_path / "lo" / "audit-summary.csv"
    assert converted.exists(), done.stderr.decode()
    assert "文件" in converted.read_text(encoding="utf-8", errors="replace")


def test_dashboard_is_self_contained_and_renders(records, tmp_path):
    from juesuan.writers import dashboard

    path = dashboard.write(records, tmp_path / "audit-dashboard.html")
    text = path.read_text(encoding="utf-8")
    assert "<svg" in text and "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "") and "<script" not in text
    assert "质量排名" in text and "YEAR-001" in text
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed")
    artefacts = Path(os.environ.get("JUESUAN_TEST_ARTEFACTS") or tmp_path)
    artefacts.mkdir(parents=True, exist_ok=True)
    shot = artefacts / "batch-dashboard.png"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'chrome'}", f"--screenshot={shot}",
                    "--window-size=1200,1600", path.as_uri()], capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 20_000  # a blank page is a few KB


def test_data_package_validates_and_amounts_are_exact(records, tmp_path):
    pytest.importorskip("pyarrow")
    frictionless = pytest.importorskip("frictionless")
    import csv
    from decimal import Decimal

    import pyarrow.parquet as pq

    from juesuan.writers import datapackage

    from juesuan.batch.store import model_json

    datapackage.write(records, tmp_path / "pkg", model_json=model_json)
    report = frictionless.validate(str(tmp_path / "pkg" / "datapackage.json"))
    assert report.valid, report.flatten(["type", "message"])[:5]
    desc = json.loads((tmp_path / "pkg" / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["name"] for r in desc["resources"]} == {"documents", "cells", "claims", "findings", "performance"}
    assert desc["licenses"] and len(desc["sources"]) == len(records)
    with open(tmp_path / "pkg" / "cells.csv", encoding="utf-8") as fh:
        cells = list(csv.DictReader(fh))
    parquet = pq.read_table(tmp_path / "pkg" / "cells.parquet").to_pylist()
    assert len(cells) == len(parquet) > 100
    assert all(Decimal(c["amount"]) == p["amount"] for c, p in zip(cells, parquet))
    assert all(c["page"] for c in cells[:50])
    # the planted wrong total is in the data as printed
    docs = {d["file"]: d["document_id"] for d in csv.DictReader(open(tmp_path / "pkg" / "documents.csv", encoding="utf-8"))}
    assert any(r["status"] == "failed" for r in csv.DictReader(open(tmp_path / "pkg" / "documents.csv", encoding="utf-8")))
    assert docs and all(len(v) == 16 for v in docs.values())


def test_severity_order_matches_engine():
    from juesuan.checks.engine import SEVERITY_ORDER as ENGINE

    assert SEVERITY_ORDER == ENGINE


def test_cli_folder_with_summary_and_export_reuse_the_cache(corpus, records, cache_base, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from juesuan.cli import app

    folder, manifest = corpus
    monkeypatch.setenv("JUESUAN_CACHE_DIR", str(cache_base))
    runner = CliRunner()
    result = runner.invoke(app, ["audit", str(folder), "--summary", str(tmp_path / "sum"), "--format", "json"])
    assert result.exit_code == 1, result.output  # planted errors, and one unreadable file
    assert f"其中 {len(manifest) + 1} 份取自缓存" in result.stderr
    docs = json.loads(result.stdout)["documents"]
    assert len(docs) == len(manifest) + 1 and sum(1 for d in docs if "error" in d) == 1
    assert (tmp_path / "sum" / "audit-summary.xlsx").exists() and (tmp_path / "sum" / "audit-dashboard.html").exists()
    assert "broken.pdf" in result.stderr and "无法核查" in result.stderr
    pytest.importorskip("pyarrow")
    result = runner.invoke(app, ["export", str(folder), "--to", str(tmp_path / "pkg")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "pkg" / "datapackage.json").exists() and (tmp_path / "pkg" / "cells.parquet").exists()
    result = runner.invoke(app, ["audit", str(tmp_path / "nothing-here"), str(tmp_path / "nor-here")])
    assert result.exit_code == 2 and "不存在" in result.stderr


def test_interrupted_batch_stops_without_finishing_the_queue(corpus, tmp_path):
    """SIGINT (Ctrl-C) ends a two-worker batch promptly, says how to continue, and exits 130."""
    generated, _ = corpus
    # Enough distinct documents that the batch is still busy when the signal lands, however fast
    # the machine: each PDF six times, told apart by a comment after %%EOF (readers ignore it,
    # the results cache keys on the bytes). Nine documents once finished between poll and signal.
    folder = tmp_path / "docs"
    folder.mkdir()
    copies = 0
    for pdf in sorted(generated.glob("*.pdf")):
        for k in range(6):
            (folder / f"{pdf.stem}-{k}.pdf").write_bytes(pdf.read_bytes() + f"\n% copy {k}\n".encode())
            copies += 1
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "JUESUAN_CACHE_DIR": str(tmp_path / "cache")}
    # Ctrl-C as at a terminal: a test run started in the background (nohup, `cmd &` in a script)
    # inherits SIGINT ignored, and Python then never raises KeyboardInterrupt.
    proc = subprocess.Popen([sys.executable, "-m", "juesuan", "audit", str(folder), "--jobs", "2", "--format", "json"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    results = tmp_path / "cache" / "audit-results"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None and not (results.exists() and any(results.rglob("*.json.z"))):
        time.sleep(0.05)
    running = proc.poll() is None
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    kept = len(list(results.rglob("*.json.z")))
    said = f"running when interrupted: {running}; exit {proc.returncode}; {kept} results kept; stderr: {err.decode()[-2000:]}"
    assert proc.returncode == 130, said
    assert "已中断" in err.decode() and kept < copies, said


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the inherited figure is Linux's getrusage behaviour")
def test_a_worker_reports_its_own_peak_memory_not_its_parents(tmp_path):
    """getrusage's ru_maxrss survives exec: a worker process started by a large parent (a benchmark
    holding hundreds of records) would report the parent's peak. The record's figure is the
    worker's own (VmHWM)."""
    big = bytearray(200 * 1024 * 1024)
    big[::4096] = b"x" * len(big[::4096])  # resident, not just reserved
    probe = "from juesuan.batch.work import peak_rss_mb; print(peak_rss_mb())"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True).stdout
    del big
    assert float(shown) < 150, shown


def test_documents_with_the_same_stem_get_their_own_reports():
    """Reports and exports of a batch share one folder: documents named alike (a.pdf and a.docx; the
    same file name in each department's folder) each get their own file name, the same every run."""
    from juesuan.atomic import unique_stems

    assert unique_stems(["d/x.pdf", "d/y.pdf"]) == ["x", "y"]
    assert unique_stems(["d/决算.html", "d/决算.docx", "d/z.pdf"]) == ["决算.html", "决算.docx", "z"]
    assert unique_stems(["r/财政局/2024年部门决算.pdf", "r/教育局/2024年部门决算.pdf"]) == ["财政局-2024年部门决算.pdf", "教育局-2024年部门决算.pdf"]
    assert unique_stems(["r/a/b/x.pdf", "r/c/b/x.pdf"]) == ["a-b-x.pdf", "c-b-x.pdf"]
    assert len(set(unique_stems(["x.pdf", "x.pdf"]))) == 2
