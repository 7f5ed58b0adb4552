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

    def __post_init__(self) -> None:
        super().__init__(self.summary())

    def summary(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    @classmethod
    def single(cls, file: str, where: str, message: str) -> "InputError":
        return cls([Problem(file, where, message)])
