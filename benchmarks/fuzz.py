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

Each mutated file is run through the CLI with an address-space cap (``--memory``, default
2048 MB), a CPU-time limit and a timeout (default 20 s), in one of two modes that classify alike
(``--mode compare`` runs each case both ways and lists any difference):
- ``fork`` (default): a server process that has imported what a run of this kind imports forks
  one child per case, which runs the CLI's entry point in-process with the same argv — the same
  code path as ``python -m juesuan`` without ~0.3–0.5 s of interpreter start and imports a run;
- ``subprocess``: ``python -m juesuan`` per case, as a user runs it.
A run is
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
import signal
import statistics
import subprocess
import sys
import time
import zipfile
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


# ---- running one case -------------------------------------------------------------------------
#
# Two ways to run the CLI on a case, which must classify alike (``--mode compare`` checks it):
# - subprocess: fork + exec ``python -m juesuan ARGS`` (what a user runs; ~0.3–0.5 s of imports
#   a run);
# - fork (default): a server that has already imported what a run of this kind imports forks one
#   child per case; the child sets the same limits and runs the CLI's entry point in-process with
#   the same argv. Children start in milliseconds; nothing a child does reaches the server.
# In both, the child leads its own process group (a timeout kills the group), stdout and stderr
# go to files, and ``wait4`` gives the exit status and that child's own peak RSS.


def _limit_child(memory_mb: int, cpu_seconds: float) -> None:
    import resource

    os.setpgid(0, 0)
    cap = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    cpu = int(cpu_seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))  # a runaway past the timeout's kill


def _redirect_child(cwd: Path, stdout: Path, stderr: Path) -> None:
    for fd, path in ((1, stdout), (2, stderr)):
        f = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(f, fd)
        os.close(f)
    os.chdir(cwd)


def _run_in_child(args: list[str], debug: bool) -> int:
    """In the forked child: the CLI's entry point, as ``python -m juesuan`` would run it."""
    import traceback

    from juesuan import cli

    sys.argv = ["juesuan", *args]
    if debug:
        cli._debug = True
    code = 0
    try:
        cli.main()
    except SystemExit as exc:
        if exc.code is None:
            code = 0
        elif isinstance(exc.code, int):
            code = exc.code
        else:  # sys.exit("text"): the interpreter prints it and exits 1
            print(exc.code, file=sys.stderr)
            code = 1
    except BaseException:  # noqa: BLE001 - as the interpreter would: traceback, exit 1
        traceback.print_exc()
        code = 1
    return code


def start_case(mode: str, args: list[str], cwd: Path, timeout: float, memory_mb: int, debug: bool = False) -> dict:
    """Start the CLI on one case; returns the running case (see ``reap``)."""
    out, err = cwd / ".stdout", cwd / ".stderr"
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 1
        try:
            _limit_child(memory_mb, timeout)
            _redirect_child(cwd, out, err)
            if mode == "subprocess":
                env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
                if debug:
                    env["JUESUAN_DEBUG"] = "1"
                os.execve(sys.executable, [sys.executable, "-m", "juesuan", *args], env)
            code = _run_in_child(args, debug)
        except BaseException:  # noqa: BLE001 - a failure to start is reported as rc 127
            import traceback

            traceback.print_exc()
            code = 127
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)
    return {"pid": pid, "start": time.monotonic(), "timeout": timeout, "stderr": err, "hung": False}


def reap(running: dict, status: int, usage) -> dict:
    text = Path(running["stderr"]).read_bytes().decode("utf-8", "replace") if Path(running["stderr"]).exists() else ""
    return {"rc": os.waitstatus_to_exitcode(status), "stderr": text, "seconds": time.monotonic() - running["start"],
            "hung": running["hung"], "peak_mb": usage.ru_maxrss / 1024}


_main_pid = 0  # the harness's main process: a kind server whose parent has gone (``timeout``, ^C) stops


def wait_any(running: dict[int, dict]) -> tuple[int, dict]:
    """Wait for one of the running cases to end (killing any past its timeout); (pid, result)."""
    while True:
        if _main_pid and os.getppid() != _main_pid:  # orphaned: end the cases and ourselves
            for case in running.values():
                try:
                    os.killpg(case["pid"], signal.SIGKILL)
                except ProcessLookupError:
                    pass
            os._exit(1)
        for pid in list(running):  # only our own cases: a nested run must not reap another's child
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                return pid, reap(running[pid], status, usage)
        now = time.monotonic()
        for case in running.values():
            if not case["hung"] and now - case["start"] > case["timeout"]:
                case["hung"] = True
                try:
                    os.killpg(case["pid"], signal.SIGKILL)
                except ProcessLookupError:
                    pass
        time.sleep(0.005)


def run_measured(mode: str, args: list[str], cwd: Path, timeout: float, memory_mb: int, debug: bool = False) -> dict:
    """One case, start to end."""
    case = start_case(mode, args, cwd, timeout, memory_mb, debug)
    while True:
        pid, result = wait_any({case["pid"]: case})
        if pid == case["pid"]:
            return result


def preload(kind: str, out: Path) -> None:
    """Import in the fork server what a run of this kind imports (listed by a subprocess running
    the kind's first seed), so children start with them loaded and no module they don't need."""
    listing = out / "_seeds" / f"modules-{kind}.json"
    if not listing.exists():
        work = out / "_work" / f"preload-{kind}"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        target, _ = make_case(kind, seeds(kind, out)[:1], random.Random(0), work, mutate=False)
        script = ("import sys, json, runpy\nsys.argv = ['juesuan', *json.loads(sys.argv[1])]\ntry:\n"
                  "    runpy.run_module('juesuan', run_name='__main__')\nexcept SystemExit:\n    pass\n"
                  "finally:\n    open(%r, 'w').write(json.dumps(sorted(sys.modules)))\n") % str(listing)
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
        subprocess.run([sys.executable, "-c", script, json.dumps(command(kind, target, work))], cwd=work, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, timeout=300)
        shutil.rmtree(work, ignore_errors=True)
    import importlib

    sys.path.insert(0, str(ROOT / "src"))
    for name in json.loads(listing.read_text()):
        if name.startswith(("juesuan.web", "__main__", "__mp_main__")) or name == "juesuan.__main__":
            continue
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a module that imports only in its own context
            pass
    import juesuan.cli  # noqa: F401 - the entry point itself, whatever the listing said


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


def make_case(kind: str, seed_files: list[Path], rng: random.Random, work: Path, mutate: bool = True) -> tuple[Path, Path]:
    """(what to run, the mutated file to keep as a reproducer)."""
    seed = rng.choice(seed_files)
    data = seed.read_bytes()
    if kind == "yaml":
        folder = work / "dept"
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(EXAMPLE, folder)
        mutated = mutate_bytes(data, rng) if mutate else data
        (folder / seed.name).write_bytes(mutated)
        return folder, folder / seed.name
    if not mutate:
        mutated = data
    elif kind in ("xlsx", "docx", "workbook"):
        mutated = mutate_zip(data, rng, work)
    elif kind in ("html", "json", "text"):
        mutated = mutate_xml(data, rng) if kind == "html" else mutate_bytes(data, rng)
    else:
        mutated = mutate_bytes(data, rng)
    suffix = {"text": seed.suffix, "workbook": ".xlsx"}.get(kind, "." + kind)
    target = work / f"case{suffix}"
    target.write_bytes(mutated)
    return target, target


def fuzz_kind(kind: str, n: int, seed: int, jobs: int, timeout: float, memory_mb: int, out: Path, mode: str) -> dict:
    seed_files = seeds(kind, out)
    if not seed_files:
        print(f"{kind}: no seeds (corpus absent?)")
        return {}
    if mode in ("fork", "compare"):
        preload(kind, out)
    counts = {"clean": 0, "crash": 0, "hang": 0, "memory": 0}
    peaks: list[float] = []
    times: list[float] = []
    disagree: list[str] = []
    keep = out / kind
    keep.mkdir(parents=True, exist_ok=True)
    verdicts = open(keep / f"verdicts-{mode}-{seed}.tsv", "w", encoding="utf-8")

    def prepare(i: int, which: str):
        rng = random.Random(f"{seed}-{kind}-{i}")
        work = out / "_work" / f"{kind}-{i}-{which}-{os.getpid()}"
        if work.exists():
            shutil.rmtree(work)
        work.mkdir(parents=True)
        target, mutated = make_case(kind, seed_files, rng, work)
        return work, mutated, command(kind, target, work)

    def finish(i: int, which: str, work: Path, mutated: Path, args: list[str], result: dict) -> str:
        verdict = classify(result)
        if verdict == "crash":  # again with --debug, for the traceback in the log
            result["stderr"] = run_measured(which, args, work, timeout, memory_mb, debug=True)["stderr"]
        verdicts.write(f"{i}\t{verdict}\t{result['rc']}\t{result['peak_mb']:.0f}\t{result['seconds']:.2f}\n")
        if verdict != "clean":
            name = f"{kind}-{seed}-{i}{mutated.suffix}"
            shutil.copyfile(mutated, keep / name)
            (keep / f"{name}.log").write_text(
                json.dumps({"verdict": verdict, "rc": result["rc"], "peak_mb": round(result["peak_mb"], 1), "seconds": round(result["seconds"], 2),
                            "mode": which, "command": ["juesuan", *args], "mutated": mutated.name}, ensure_ascii=False) + "\n" + result["stderr"][-6000:],
                encoding="utf-8")
        shutil.rmtree(work, ignore_errors=True)
        counts[verdict] += 1
        peaks.append(result["peak_mb"])
        times.append(result["seconds"])
        return verdict

    if mode == "compare":  # each case in both modes, one after the other: their verdicts and exit codes agree
        for i in range(n):
            seen = []
            for which in ("subprocess", "fork"):
                work, mutated, args = prepare(i, which)
                result = run_measured(which, args, work, timeout, memory_mb)
                seen.append((finish(i, which, work, mutated, args, result), result["rc"]))
            if seen[0] != seen[1]:
                disagree.append(f"{i}: subprocess {seen[0]} fork {seen[1]}")
        n *= 2
    else:
        running: dict[int, dict] = {}
        pending = iter(range(n))
        exhausted = False
        while running or not exhausted:
            while not exhausted and len(running) < max(jobs, 1):
                i = next(pending, None)
                if i is None:
                    exhausted = True
                    break
                work, mutated, args = prepare(i, mode)
                case = start_case(mode, args, work, timeout, memory_mb)
                case.update(i=i, work=work, mutated=mutated, args=args)
                running[case["pid"]] = case
            if running:
                pid, result = wait_any(running)
                case = running.pop(pid)
                finish(case["i"], mode, case["work"], case["mutated"], case["args"], result)
    verdicts.close()
    line = (f"{kind:9s} runs {n:5d}  clean {counts['clean']:5d}  crash {counts['crash']:4d}  hang {counts['hang']:3d}  "
            f"memory {counts['memory']:3d}  peak RSS {max(peaks):6.0f} MB  median {statistics.median(times):5.2f} s")
    print(line, flush=True)
    if mode == "compare":
        print(f"          modes agree on {n // 2 - len(disagree)} of {n // 2} cases" + "".join(f"\n          differ: {d}" for d in disagree), flush=True)
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
    ap.add_argument("--mode", choices=("fork", "subprocess", "compare"), default="fork",
                    help="fork: a server with the imports done forks a child per case (fast); subprocess: python -m juesuan per case; "
                         "compare: each case both ways, reporting where they differ")
    ap.add_argument("--out", type=Path, default=Path("/tmp/juesuan-fuzz"))
    args = ap.parse_args()
    kinds = KINDS if args.kind == "all" else (args.kind,)
    args.out.mkdir(parents=True, exist_ok=True)
    global _main_pid
    _main_pid = os.getpid()
    print(f"# fuzz.py {args.kind} --n {args.n} --seed {args.seed} --jobs {args.jobs} --timeout {args.timeout:g} --memory {args.memory} --mode {args.mode}",
          flush=True)
    for kind in kinds:
        # Each kind in its own server process: it imports only what that kind's runs import.
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                fuzz_kind(kind, args.n, args.seed, args.jobs, args.timeout, args.memory, args.out, args.mode)
            except BaseException:  # noqa: BLE001
                import traceback

                traceback.print_exc()
                code = 1
            finally:
                sys.stdout.flush()
                os._exit(code)
        os.waitpid(pid, 0)


if __name__ == "__main__":
    main()
