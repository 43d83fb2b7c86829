"""Problems found in content, and the project's one family of errors."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Final, Literal, NamedTuple, TypeVar

Severity = Literal["error", "warning"]
# The explicit bidirectional controls of the "Trojan source" attack (CVE-2021-42574): they reorder how text reads.
BIDI_CONTROLS: Final = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
MESSAGE_LIMIT: Final = 300  # characters of a message on one line; a longer one is shortened


def printable(text: str) -> str:
    """Text safe for one line of a terminal: control characters (newlines too) and bidirectional controls are
    shown as ``\\x1b`` and ``\\u202e`` instead of acted on, so no value can start a line or reorder one."""
    if text.isprintable():
        return text
    return "".join(
        f"\\x{ord(ch):02x}" if unicodedata.category(ch) == "Cc" else f"\\u{ord(ch):04x}" if ch in BIDI_CONTROLS else ch
        for ch in text
    )


def shortened(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """``text``, or, when it is longer than ``limit``, its beginning and end with how much was left out between."""
    if len(text) <= limit:
        return text
    head, tail = limit * 2 // 3, limit // 5
    return f"{text[:head]}…[{len(text) - head - tail:,} characters left out]…{text[-tail:]}"


class Problem(NamedTuple):
    """One thing wrong in a file, at a place a maintainer can jump to (1-based line and column)."""

    path: str
    line: int
    col: int
    message: str
    check: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = printable(shortened(self.path))
        return f"{where}:{self.line}:{self.col}: {self.severity}: {printable(shortened(self.message))} [{self.check}]"


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


class Interrupted(SamenReferError):
    """Ctrl-C after something was already saved: the message says what was."""

    exit_code = 130


class Stopped(BaseException):
    """SIGTERM or SIGHUP arrived while a file was being saved; raised so that clean-up runs, like KeyboardInterrupt."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
