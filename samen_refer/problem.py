"""Problems found in content, and the project's one family of errors."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, NamedTuple, TypeVar

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


E = TypeVar("E", bound="SamenReferError")


class SamenReferError(Exception):
    """An error a user can act on; the CLI's error boundary prints it as one clear line and exits.

    Made with ``of(key, **values)`` it is told in the user's language: the words come from ``messages`` (and so from
    the gettext catalogue), the values are filled in when it is printed.
    """

    exit_code = 2
    key = ""
    values: Mapping[str, object] = {}

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    @classmethod
    def of(cls: type[E], key: str, **values: object) -> E:
        """The error named ``key`` in ``messages``, with these values."""
        from samen_refer.messages import error_text

        error = cls(*error_text(key, "en", values))
        error.key, error.values = key, values
        return error

    def told(self, lang: str) -> tuple[str, str]:
        """The message and hint in ``lang`` (English for errors not made with ``of``)."""
        if not self.key:
            return self.message, self.hint
        from samen_refer.messages import error_text

        return error_text(self.key, lang, self.values)


class ContentError(SamenReferError):
    """A pathway, contacts, scenario or answers file that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem], hint: str = "") -> None:
        self.problems = sorted(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        first = errors[0] if errors else self.problems[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"{first}{more}", hint)
        if not hint:
            self.key = "content"
            self.values = {"problem": f"{first}{more}"}
            self.hint = "Fix the file and try again; `samen-refer validate` lists every problem."
