"""The ``juesuan`` command's entry point: a plain one-document ``audit`` runs without typer.

A cold ``juesuan audit FILE`` pays for every import; typer and rich are ~0.1 s of it, while the
audit of a 25-page PDF is ~0.3 s. So the common shape — ``audit`` of one file (not a folder)
with only ``--format``, ``-o/--output``, ``--export``, ``--profile`` (``--no-cache`` is accepted
and, for one file, means nothing) — is parsed here and run by the same ``audit_command``, rich
imported only when something is printed through it. Anything else (help, ``--version``,
another command, a batch option, a folder, a value that looks like an option, a usage
mistake) goes to the typer application in :mod:`juesuan.cli` unchanged, which also words every
failure here (``cli.handle_failure``): the behaviour, messages and exit codes are the same.
"""
from __future__ import annotations

import sys

# audit's options this path takes, as click spells them; their values are single tokens
_VALUES = {"--format": "fmt", "-o": "output", "--output": "output", "--export": "export", "--profile": "profile"}
_FLAGS = {"--no-cache"}


def plain_audit(args: list[str]) -> dict | None:
    """The keyword arguments of ``audit_command`` for ``args`` (after ``--debug`` is taken out),
    or None when the command line is anything but a plain one-document audit."""
    if not args or args[0] != "audit":
        return None
    opts: dict = {"fmt": "table", "output": None, "export": None, "profile": None}
    files: list[str] = []
    rest = iter(args[1:])
    only_args = False
    for token in rest:
        if only_args or token == "-" or not token.startswith("-"):
            files.append(token)
            continue
        if token == "--":
            only_args = True
            continue
        if token in _FLAGS:
            continue
        name, eq, value = token.partition("=") if token.startswith("--") else (token[:2], "", token[2:])
        if name not in _VALUES:
            return None  # help, a batch option, a mistake: typer's
        if eq or (value and not token.startswith("--")):
            if not value:
                return None
        else:
            value = next(rest, None)
            if value is None or value.startswith("-"):
                return None  # click's own message for a missing value
        opts[_VALUES[name]] = value
    if len(files) != 1 or not files[0] or files[0] == "-" or any(v == "" for v in opts.values()):
        return None
    from pathlib import Path

    path = Path(files[0])
    try:
        if path.is_dir():
            return None  # a folder is a batch
    except OSError:
        return None
    for key in ("output", "export"):
        if opts[key] is not None:
            opts[key] = Path(opts[key])
    return {"files": [path], **opts}


def main() -> None:
    import gc
    import os

    # as cli.main: one short run allocating many objects (see there)
    gc.set_threshold(10_000, 20, 20)
    # pydantic looks for plugins (validation observability hooks) by scanning every installed
    # package's entry points when the first model is validated (~15 ms); juesuan validates only
    # its own data and has none. A value the user set is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    args = sys.argv[1:]
    debug = "--debug" in args
    plain = plain_audit([a for a in args if a != "--debug"])
    if plain is None:
        from .cli import main as full

        full()
        return
    if debug:
        sys.argv.remove("--debug")
    global _plain_run
    _plain_run = True
    from . import classcode

    classcode.install()  # a short process of its own: the classes' generated methods from the cache
    # Nor does it need the cycle collector: what reading and checking one document makes lives
    # to the end, and what becomes cyclic garbage is small (600-5,400 objects on the corpus, a
    # few hundred KB), not worth the collector's passes over everything young (~4 ms); peak
    # memory measured the same, and the memory cap bounds the process either way.
    gc.disable()
    from . import guard

    guard.use_process_limits()  # our own process: a timer signal and a memory cap while reading
    try:
        from .audit import audit_command
        from .ui import LazyConsole

        code = audit_command(LazyConsole(), **plain)
    except (Exception, KeyboardInterrupt, MemoryError, RecursionError) as exc:  # noqa: BLE001 - worded as the CLI words it
        code = _failed(exc, debug)
    sys.exit(code)


def run() -> None:
    """The console script and ``python -m juesuan``: :func:`main`; after a plain one-document
    audit, out of the process at once.

    Python's own shutdown frees every object the run made, one by one, and tears down every
    module: ~50 ms of a ~0.6 s audit, measured. By then the report is written and closed (see
    ``juesuan.atomic``), nothing else runs on this path (no thread, no child process), and the rest
    is the operating system's to free; exit handlers still run first. Every other command ends
    as Python ends it (a batch's pools, the web server's threads). ``main`` itself stays an
    ordinary function that ends in ``SystemExit``, for callers that embed it.
    """
    try:
        main()
    except SystemExit as done:
        if not _plain_run or not isinstance(done.code, int):
            raise
        _quick_exit(done.code)
    else:
        if _plain_run:
            _quick_exit(0)


_plain_run = False  # set by main() when it took the plain one-document audit path


def _quick_exit(code: int) -> None:
    import atexit
    import os

    atexit._run_exitfuncs()  # noqa: SLF001 - what interpreter shutdown would have run first
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # the reader went away, or the stream is closed
        code = code or 1
    os._exit(code)


def _failed(exc: BaseException, debug: bool) -> int:
    from . import cli

    cli._debug = cli._debug or debug
    try:
        cli.handle_failure(exc)
    except cli.typer.Exit as done:
        return done.exit_code
    return cli.EXIT_INTERNAL  # pragma: no cover - handle_failure always exits


if __name__ == "__main__":
    run()
