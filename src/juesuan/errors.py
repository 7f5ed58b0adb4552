"""Errors meant for users: Chinese, located, never a traceback."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One problem in the user's input, located in the file the user edits."""

    file: str
    where: str  # sheet!cell, YAML path, page/line
    message: str

    def __str__(self) -> str:
        loc = f"{self.file}" + (f"：{self.where}" if self.where else "")
        return f"{loc}：{self.message}"


@dataclass
class InputError(Exception):
    """Unusable input. The CLI prints every problem and exits with code 2."""

    problems: list[Problem] = field(default_factory=list)
    # What the user must fix: the input, or where the output goes (a read-only folder is not
    # a mistake in the input, and saying so sends the user to the wrong file).
    heading: str = "输入有误"

    def __post_init__(self) -> None:
        super().__init__(self.summary())

    def summary(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    @classmethod
    def single(cls, file: str, where: str, message: str) -> "InputError":
        return cls([Problem(file, where, message)])

    @classmethod
    def output(cls, file: str, message: str) -> "InputError":
        """The output location is unusable (read-only, a folder where a file goes, …)."""
        return cls([Problem(file, "", message)], heading="输出位置有误")
