"""Terminal helpers shared by the commands (cli, audit): the consoles and the waiting spinner.

A small module of its own so that command modules below the CLI need not import it.
"""
from __future__ import annotations

from rich.console import Console

# soft_wrap: a status line is never broken inside a path or a figure (rich would wrap at the
# terminal width, or at 80 columns when piped); the terminal wraps it if it must.
console = Console(stderr=False, soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)


def working(text: str, console: Console = err_console):
    """A spinner on stderr while someone waits at a terminal; nothing when stderr is not one
    (no live-display thread to start and stop)."""
    if not console.is_terminal:
        from contextlib import nullcontext

        return nullcontext()
    return console.status(text)
