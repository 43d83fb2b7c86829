"""Problems found in content, and the project's one family of errors."""

from __future__ import annotations

from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]


class Problem(NamedTuple):
    """One thing wrong in a file, at a place a maintainer can jump to (1-based line and column)."""

    path: str
    line: int
    col: int
    message: str
    check: str
    severity: Severity = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.check}]"


class SamenReferError(Exception):
    """An error a user can act on; the CLI's error boundary prints it as one clear line and exits."""

    exit_code = 2

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class ContentError(SamenReferError):
    """A pathway, contacts, scenario or answers file that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem], hint: str = "") -> None:
        self.problems = sorted(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        first = errors[0] if errors else self.problems[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(
            f"{first}{more}", hint or "Fix the file and try again; `samen-refer validate` lists every problem."
        )
