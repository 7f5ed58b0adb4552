"""Terminal helpers shared by the commands (cli, audit): the consoles and the waiting spinner.

A small module of its own so that command modules below the CLI need not import it. rich is
imported only when something is printed through it (~30 ms a run): ``console`` and
``err_console`` are made on first use, and :class:`LazyConsole` stands in for a console that a
quiet run (``audit --format json -o FILE``) never prints to.
"""
from __future__ import annotations

import os
import sys


def _make(stderr: bool):
    from rich.console import Console

    # soft_wrap: a status line is never broken inside a path or a figure (rich would wrap at the
    # terminal width, or at 80 columns when piped); the terminal wraps it if it must.
    # emoji=False: a ``:name:`` in a document's text (a department, a quotation) is printed as it
    # is, not turned into an emoji, and plain lines print the same through rich or without it.
    return Console(stderr=stderr, soft_wrap=True, emoji=False)


def __getattr__(name: str):
    """``console`` (stdout) and ``err_console`` (stderr), made on first use (PEP 562)."""
    if name in ("console", "err_console"):
        value = _make(stderr=name == "err_console")
        globals()[name] = value
        return value
    raise AttributeError(name)


class LazyConsole:
    """A rich ``Console(stderr=…, soft_wrap=True)`` made the first time anything but its file or
    whether it is a terminal is asked: printing, a spinner, its width."""

    def __init__(self, *, stderr: bool = False):
        self._stderr = stderr
        self._real = None

    @property
    def real(self):
        if self._real is None:
            self._real = _make(self._stderr)
        return self._real

    @property
    def file(self):
        if self._real is not None:
            return self._real.file
        return sys.stderr if self._stderr else sys.stdout

    @property
    def is_terminal(self) -> bool:
        # rich's answer, asked only where it can be yes: a tty, or the environment forcing one
        if self._real is None and not any(os.environ.get(k) is not None for k in ("TTY_COMPATIBLE", "FORCE_COLOR")):
            isatty = getattr(self.file, "isatty", None)
            try:
                if isatty is None or not isatty():
                    return False
            except ValueError:  # a closed file
                return False
        return self.real.is_terminal

    def print(self, *objects, sep: str = " ", end: str = "\n", markup=None, **options) -> None:
        """rich's ``print``; except that plain strings said where there is no terminal (a pipe, a
        file) are written as they are, without making rich's console (~30 ms of a cold audit):
        soft-wrapped and uncoloured, rich prints such a string unchanged but for markup (a string
        with ``[`` goes through rich unless markup is off), tabs (expanded by display width: rich's)
        and the control codes it drops."""
        if self._real is None and all(type(o) is str for o in objects) and set(options) <= {"highlight"} and not self.is_terminal:
            text = sep.join(objects)
            if (markup is False or "[" not in text) and "\t" not in text:
                self.file.write(text.translate(_DROPPED_CONTROLS) + end)
                return
        self.real.print(*objects, sep=sep, end=end, markup=markup, **options)

    def __getattr__(self, name: str):
        return getattr(self.real, name)


# what rich's Text drops from a string (rich.control.STRIP_CONTROL_CODES): bell, backspace,
# vertical tab, form feed, carriage return
_DROPPED_CONTROLS = dict.fromkeys((7, 8, 11, 12, 13))


def working(text: str, console=None):
    """A spinner on stderr while someone waits at a terminal; nothing when stderr is not one
    (no live-display thread to start and stop)."""
    if console is None:
        console = globals().get("err_console") or __getattr__("err_console")
    if not console.is_terminal:
        from contextlib import nullcontext

        return nullcontext()
    return console.status(text)
