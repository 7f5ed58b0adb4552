"""Progress of a batch on stderr: documents done, failures, rate and time left.

At a terminal, a live bar (rich); otherwise (a log, CI) a plain line about every tenth of the
batch, so a long run still shows that it moves without filling the log.
"""
from __future__ import annotations

import time


class BatchProgress:
    def __init__(self, total: int, console, *, cached: int = 0, cached_failed: int = 0):
        self.total = total
        self.console = console
        self.done = cached
        self.failed = cached_failed
        self.cached = cached
        self.start = time.perf_counter()
        self._bar = None
        self._task = None
        self._next_line = 0

    def __enter__(self) -> "BatchProgress":
        if self.console.is_terminal and self.total:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._bar = Progress(TextColumn("核查"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                                 console=self.console, transient=True)
            self._bar.__enter__()
            self._task = self._bar.add_task(self._describe(), total=self.total, completed=self.done)
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)
        elapsed = time.perf_counter() - self.start
        fresh = self.done - self.cached
        self.console.print(
            f"核查完成：{self.done}/{self.total} 份，失败 {self.failed} 份，"
            f"其中 {self.cached} 份取自缓存；用时 {elapsed:.1f} 秒" + (f"（{fresh / elapsed:.2f} 份/秒）" if fresh and elapsed else ""),
            highlight=False,
        )

    def rate(self) -> float:
        elapsed = time.perf_counter() - self.start
        fresh = self.done - self.cached
        return fresh / elapsed if elapsed > 0 and fresh > 0 else 0.0

    def _describe(self) -> str:
        rate = self.rate()
        left = self.total - self.done
        eta = f"{int(left / rate) // 60:02d}:{int(left / rate) % 60:02d}" if rate else "--:--"
        return f"失败 {self.failed}  {rate:.2f} 份/秒  剩余约 {eta}"

    def advance(self, record: dict) -> None:
        self.done += 1
        if not record.get("ok"):
            self.failed += 1
        if self._bar is not None:
            self._bar.update(self._task, completed=self.done, description=self._describe())
        elif self.done >= self._next_line or self.done == self.total:
            step = max(1, self.total // 10)
            self._next_line = self.done + step
            self.console.print(f"核查 {self.done}/{self.total}，{self._describe()}", highlight=False)
