"""Mutation fuzzing of every input kind: whatever the bytes, the CLI ends cleanly.

    python benchmarks/fuzz.py KIND [--n N] [--seed S] [--jobs J] [--timeout T] [--memory MB] [--out DIR]
    python benchmarks/fuzz.py all --n 200

KIND is one of: xlsx (audit of a published-table workbook), html, workbook (build of the
preparer's workbook), yaml (build of an example folder with one file mutated), pdf, text, json
(check of a model JSON), docx. Seeds come from ``../shared/corpus/`` (when present) and from
outputs built from the bundled example (made once, kept in the out folder).

Mutations: byte flips, truncation, chunk deletion and duplication, random bytes, number swaps
(1e400, NaN, 40 digits, −0, …), and for zip packages (xlsx, docx, workbook) a mutated member:
its XML cut, a tag removed, a row number or span made huge, an entity bomb, or the member's
compressed bytes damaged.

Each mutated file is run through ``python -m juesuan`` in a subprocess with an address-space cap
(``--memory``, default 2048 MB) and a timeout (default 20 s). A run is
- clean: exit 0, 1 or 2 with no traceback;
- crash: a traceback, exit 3 (an internal failure), or death by a signal;
- hang: still running at the timeout;
- memory: peak RSS above 500 MB, or out of memory.
Every non-clean input is kept as a reproducer in ``OUT/KIND/`` with the command and its stderr.
Prints one line per kind: runs, clean, crash, hang, memory, peak RSS, median seconds.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
if not CORPUS.exists():
    CORPUS = ROOT / ".." / "shared" / "corpus"
EXAMPLE = ROOT / "examples" / "datong-housing-2024"
KINDS = ("xlsx", "html", "workbook", "yaml", "pdf", "text", "json", "docx")
PEAK_LIMIT_MB = 500

NUMBERS = [b"1e400", b"NaN", b"-0", b"Infinity", b"9" * 40, b"0.0000000000000000000000000000001", b"-1", b"99999999999999999",
           b"1.0e+400", b".inf", b".nan", b"4294967296", b"999999999", b"1" * 5000]
XML_BOMB = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol">'
            + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
            + b"]>")


# The peak RSS of one child is not available once subprocess has reaped it; a tiny wrapper
# process runs the CLI and reports its child's ru_maxrss on its last stderr line.
WRAPPER = r"""
import os, resource, subprocess, sys
proc = subprocess.run(sys.argv[1:])
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stderr.write("\n@@peak_kb=%d rc=%d\n" % (peak, proc.returncode))
sys.exit(proc.returncode if proc.returncode >= 0 else 128 - proc.returncode)
"""


def run_measured(args: list[str], cwd: Path, timeout: float, memory_mb: int, debug: bool = False) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    if debug:
        env["JUESUAN_DEBUG"] = "1"

    def limit():
        import resource

        cap = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", WRAPPER, sys.executable, "-m", "juesuan", *args], cwd=cwd, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=limit, start_new_session=True)
    hung = False
    try:
        _, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        hung = True
        os.killpg(proc.pid, 9)
        _, stderr = proc.communicate()
    text = stderr.decode("utf-8", "replace")
    m = re.search(r"@@peak_kb=(\d+) rc=(-?\d+)\s*$", text)
    peak = int(m.group(1)) / 1024 if m else 0.0
    rc = int(m.group(2)) if m else proc.returncode
    if m:
        text = text[: m.start()]
    return {"rc": rc, "stderr": text, "seconds": time.monotonic() - start, "hung": hung, "peak_mb": peak}


def classify(result: dict) -> str:
    err = result["stderr"]
    if result["hung"]:
        return "hang"
    if "MemoryError" in err or "memory allocation" in err or result["peak_mb"] > PEAK_LIMIT_MB or "内存不足" in err:
        return "memory"
    if "Traceback" in err or result["rc"] not in (0, 1, 2):
        return "crash"
    return "clean"


# ---- seeds -----------------------------------------------------------------------------------


def seeds(kind: str, out: Path) -> list[Path]:
    built = out / "_seeds"
    if not (built / "done").exists():
        if built.exists():
            shutil.rmtree(built)
        built.mkdir(parents=True)
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
        subprocess.run([sys.executable, "-m", "juesuan", "build", str(EXAMPLE), "-o", str(built), "--force"], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        subprocess.run([sys.executable, "-m", "juesuan", "init", str(built / "workbook.xlsx"), "--example", str(EXAMPLE)], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        (built / "done").write_text("")
    stem = EXAMPLE.name
    corpus = CORPUS if CORPUS.exists() else None
    found: list[Path] = []
    if kind == "xlsx":
        found = [built / f"{stem}.xlsx"]
    elif kind == "html":
        found = [built / f"{stem}.html"]
    elif kind == "docx":
        found = [built / f"{stem}.docx"]
    elif kind == "json":
        found = [built / f"{stem}.json"]
    elif kind == "workbook":
        found = [built / "workbook.xlsx"]
    elif kind == "yaml":
        found = sorted(EXAMPLE.glob("*.yaml"))
    elif kind == "pdf":
        found = [built / f"{stem}.pdf"] + (sorted(corpus.glob("*.pdf")) if corpus else [])
    elif kind == "text":
        found = (sorted(corpus.glob("*.txt")) + sorted((corpus / "variants").glob("*.txt"))) if corpus else []
        if not found:
            found = [p for p in EXAMPLE.glob("*.yaml")]  # text of some kind
    return [p for p in found if p.exists()]


# ---- mutations -------------------------------------------------------------------------------


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64)))
    b = bytearray(data)
    op = rng.choice(["flip", "flip", "truncate", "delete", "duplicate", "random", "insert", "numbers", "numbers"])
    n = len(b)
    if op == "flip":
        for _ in range(rng.choice([1, 1, 2, 8, 64])):
            i = rng.randrange(n)
            b[i] ^= 1 << rng.randrange(8)
    elif op == "truncate":
        b = b[: rng.randrange(n)]
    elif op == "delete":
        i = rng.randrange(n)
        del b[i : i + rng.choice([1, 16, 256, 4096])]
    elif op == "duplicate":
        i = rng.randrange(n)
        chunk = b[i : i + rng.choice([16, 256, 4096])]
        j = rng.randrange(n)
        b[j:j] = chunk * rng.choice([1, 2, 10])
    elif op == "random":
        i = rng.randrange(n)
        k = rng.choice([1, 16, 256])
        b[i : i + k] = bytes(rng.randrange(256) for _ in range(k))
    elif op == "insert":
        i = rng.randrange(n)
        b[i:i] = rng.choice([b"\x00", b"\xff\xfe", b"<", b"&", b"\"", b"'", b"\n", b"\t", b"*a", b"&a ", b"!!python/object:os.system ", b"\xe4\xb8"])
    else:  # number swaps
        spots = [m.span() for m in re.finditer(rb"\d+(?:\.\d+)?", bytes(b[:2_000_000]))]
        for _ in range(min(len(spots), rng.choice([1, 1, 3, 20]))):
            s, e = rng.choice(spots)
            b[s:e] = rng.choice(NUMBERS)
            spots = [m.span() for m in re.finditer(rb"\d+(?:\.\d+)?", bytes(b[:2_000_000]))] or [(0, 0)]
    return bytes(b)


def mutate_xml(data: bytes, rng: random.Random) -> bytes:
    op = rng.choice(["bytes", "bytes", "cut", "tag", "rownum", "bomb", "attr"])
    if op == "bytes":
        return mutate_bytes(data, rng)
    if op == "cut":
        return data[: rng.randrange(max(1, len(data)))]
    if op == "tag":
        tags = [m.span() for m in re.finditer(rb"<[^>]{1,200}>", data[:1_000_000])]
        if tags:
            s, e = rng.choice(tags)
            return data[:s] + data[e:]
        return data
    if op == "rownum":
        return re.sub(rb'\br="([A-Z]*)(\d+)"', lambda m: b'r="%s%d"' % (m.group(1), rng.choice([999999999, 1048577, 100001])) if rng.random() < 0.05 else m.group(0), data)
    if op == "bomb":
        body = data.split(b"?>", 1)[-1] if data.startswith(b"<?xml") else data
        return XML_BOMB + body.replace(b">", b">&lol9;", 1)
    # attr: huge values in attributes
    return re.sub(rb'(colspan|rowspan|count|ref|s|t)="([^"]*)"', lambda m: m.group(1) + b'="' + rng.choice(NUMBERS[:6] + [b"A1:XFD1048576", b"x"]) + b'"' if rng.random() < 0.05 else m.group(0), data)


def mutate_zip(data: bytes, rng: random.Random, tmp: Path) -> bytes:
    if rng.random() < 0.3:
        return mutate_bytes(data, rng)
    src = tmp / "in.zip"
    src.write_bytes(data)
    try:
        with zipfile.ZipFile(src) as z:
            members = [(i, z.read(i.filename)) for i in z.infolist()]
    except Exception:  # noqa: BLE001
        return mutate_bytes(data, rng)
    k = rng.randrange(len(members))
    info, content = members[k]
    if rng.random() < 0.15:
        content = b"0" * rng.choice([10, 200]) * 1024 * 1024  # highly compressible: a small bomb
    else:
        content = mutate_xml(content, rng)
    members[k] = (info, content)
    dst = tmp / "out.zip"
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for i, c in members:
            z.writestr(i.filename, c)
    return dst.read_bytes()


# ---- one kind --------------------------------------------------------------------------------


def command(kind: str, target: Path, work: Path) -> list[str]:
    if kind in ("xlsx", "html", "pdf", "text", "docx"):
        return ["audit", str(target), "--format", "json"]
    if kind == "json":
        return ["check", str(target), "--format", "json"]
    if kind == "workbook":
        return ["build", str(target), "-o", str(work / "out"), "-f", "json"]
    return ["build", str(target), "-o", str(work / "out"), "-f", "json"]  # yaml: the folder


def make_case(kind: str, seed_files: list[Path], rng: random.Random, work: Path) -> tuple[Path, Path]:
    """(what to run, the mutated file to keep as a reproducer)."""
    seed = rng.choice(seed_files)
    data = seed.read_bytes()
    if kind == "yaml":
        folder = work / "dept"
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(EXAMPLE, folder)
        mutated = mutate_bytes(data, rng)
        (folder / seed.name).write_bytes(mutated)
        return folder, folder / seed.name
    if kind in ("xlsx", "docx", "workbook"):
        mutated = mutate_zip(data, rng, work)
    elif kind in ("html", "json", "text"):
        mutated = mutate_xml(data, rng) if kind == "html" else mutate_bytes(data, rng)
    else:
        mutated = mutate_bytes(data, rng)
    suffix = {"text": seed.suffix, "workbook": ".xlsx"}.get(kind, "." + kind)
    target = work / f"case{suffix}"
    target.write_bytes(mutated)
    return target, target


def fuzz_kind(kind: str, n: int, seed: int, jobs: int, timeout: float, memory_mb: int, out: Path) -> dict:
    seed_files = seeds(kind, out)
    if not seed_files:
        print(f"{kind}: no seeds (corpus absent?)")
        return {}
    counts = {"clean": 0, "crash": 0, "hang": 0, "memory": 0}
    peaks: list[float] = []
    times: list[float] = []
    keep = out / kind
    keep.mkdir(parents=True, exist_ok=True)

    def one(i: int):
        rng = random.Random(f"{seed}-{kind}-{i}")
        work = out / "_work" / f"{kind}-{i}-{os.getpid()}"
        if work.exists():
            shutil.rmtree(work)
        work.mkdir(parents=True)
        target, mutated = make_case(kind, seed_files, rng, work)
        args = command(kind, target, work)
        result = run_measured(args, work, timeout, memory_mb)
        verdict = classify(result)
        if verdict == "crash":  # again with --debug, for the traceback in the log
            result["stderr"] = run_measured(args, work, timeout, memory_mb, debug=True)["stderr"]
        if verdict != "clean":
            name = f"{kind}-{seed}-{i}{mutated.suffix}"
            shutil.copyfile(mutated, keep / name)
            (keep / f"{name}.log").write_text(
                json.dumps({"verdict": verdict, "rc": result["rc"], "peak_mb": round(result["peak_mb"], 1), "seconds": round(result["seconds"], 2),
                            "command": ["juesuan", *args], "mutated": mutated.name}, ensure_ascii=False) + "\n" + result["stderr"][-6000:],
                encoding="utf-8")
        shutil.rmtree(work, ignore_errors=True)
        return verdict, result

    with ThreadPoolExecutor(max_workers=max(jobs, 1)) as pool:
        for verdict, result in pool.map(one, range(n)):
            counts[verdict] += 1
            peaks.append(result["peak_mb"])
            times.append(result["seconds"])
    line = (f"{kind:9s} runs {n:5d}  clean {counts['clean']:5d}  crash {counts['crash']:4d}  hang {counts['hang']:3d}  "
            f"memory {counts['memory']:3d}  peak RSS {max(peaks):6.0f} MB  median {statistics.median(times):5.2f} s")
    print(line, flush=True)
    if sum(counts.values()) != counts["clean"]:
        print(f"          reproducers: {keep}", flush=True)
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("kind", choices=KINDS + ("all",))
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=20.0)
    ap.add_argument("--memory", type=int, default=2048, help="address-space cap per run, MB")
    ap.add_argument("--out", type=Path, default=Path("/tmp/juesuan-fuzz"))
    args = ap.parse_args()
    kinds = KINDS if args.kind == "all" else (args.kind,)
    args.out.mkdir(parents=True, exist_ok=True)
    for kind in kinds:
        fuzz_kind(kind, args.n, args.seed, args.jobs, args.timeout, args.memory, args.out)


if __name__ == "__main__":
    main()
