"""Problems found in content, and the project's one family of errors."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Final, Literal, NamedTuple, TypeVar, Union

Severity = Literal["error", "warning"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning")
Value = Union[str, "Said", "tuple[Said, ...]"]

# The direction controls: the explicit embeddings, overrides and isolates of the "Trojan source" attack
# (CVE-2021-42574), and the marks that act as an invisible letter of one direction (ALM, LRM, RLM). Each reorders
# how a line reads: an ALM before "2000-0800" shows it as "0800-2000" (probe R9).
DIRECTION_CONTROLS: Final = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\u200e\u200f")
# The invisible characters that are meant in real text: Persian, Arabic and emoji need the zero width non-joiner
# and joiner to be written correctly.
MEANT_INVISIBLES: Final = frozenset("\u200c\u200d")
MESSAGE_LIMIT: Final = 300  # characters of a message on one line; a longer one is shortened


def invisible(ch: str) -> bool:
    """Whether ``ch`` is a character nobody reading can see that can still change what a text says: a direction
    control, or another format character (Unicode category Cf: a zero width space, a word joiner, a soft hyphen,
    U+FEFF inside a text, tag characters ...) or a line or paragraph separator (U+2028, U+2029); the zero width
    joiner and non-joiner are not (``MEANT_INVISIBLES``)."""
    return ch not in MEANT_INVISIBLES and unicodedata.category(ch) in ("Cf", "Zl", "Zp")


def first_invisible(text: str) -> int | None:
    """Where the first invisible character (``invisible``) in ``text`` is, or None."""
    if text.isprintable():  # fast: every invisible character is not printable
        return None
    return next((i for i, ch in enumerate(text) if invisible(ch)), None)


def printable(text: str) -> str:
    """Text safe for one line of a terminal: control characters (newlines too) and invisible characters (direction
    controls and the others of ``invisible``) are shown as ``\\x1b`` and ``\\u202e`` instead of acted on, so no
    value can start a line, reorder one or hide a part of it."""
    if text.isprintable():
        return text
    return "".join(
        f"\\x{ord(ch):02x}" if unicodedata.category(ch) == "Cc" else f"\\u{ord(ch):04x}" if invisible(ch) else ch
        for ch in text
    )


def shortened(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """``text``, or, when it is longer than ``limit``, its beginning and end with how much was left out between."""
    if len(text) <= limit:
        return text
    head, tail = limit * 2 // 3, limit // 5
    return f"{text[:head]}…[{len(text) - head - tail:,} characters left out]…{text[-tail:]}"


class Said(NamedTuple):
    """A sentence as data: its English text with ``{name}`` placeholders, and the values to fill in.

    The English text is also its key in the gettext catalogue (context ``problem``), so the sentence can be told in
    any language when it is shown; ``python -m samen_refer.i18n.catalogues`` finds every ``said("...")`` in the
    package. A value may itself be a sentence, told in the same language; a tuple of sentences is told joined by "; ".
    """

    text: str
    values: tuple[tuple[str, Value], ...] = ()

    def told(self, lang: str = "en") -> str:
        """The sentence in ``lang`` (English for "en" and for a text not in the catalogue)."""
        text = self.text
        if lang != "en":
            from samen_refer.i18n.translation import translate

            text = translate("problem", text, lang)
        return text.format(**{key: _fill(value, lang) for key, value in self.values})


def _fill(value: Value, lang: str) -> str:
    if isinstance(value, Said):
        return value.told(lang)
    return value if isinstance(value, str) else "; ".join(each.told(lang) for each in value)


def said(text: str, **values: Value | int) -> Said:
    """A sentence to tell later: ``text`` must be a literal, so that the catalogue tool can find it."""
    return Said(text, tuple((k, str(v) if isinstance(v, int) else v) for k, v in values.items()))


class Problem(NamedTuple):
    """One thing wrong in a file, at a place a maintainer can jump to (1-based line and column)."""

    path: str
    line: int
    col: int
    said: Said
    check: str
    severity: Severity = "error"

    @property
    def message(self) -> str:
        """The message in English, as ``--format json`` and ``--format github`` give it."""
        return self.said.told("en")

    def told(self, lang: str = "en") -> str:
        """The problem as one line, ``file:line:col: level: message [check-id]``, in ``lang``."""
        level: str = self.severity
        if lang != "en":
            from samen_refer.i18n.translation import translate

            level = translate("problem.level", level, lang)
        where, message = printable(shortened(self.path)), printable(shortened(self.said.told(lang)))
        return f"{where}:{self.line}:{self.col}: {level}: {message} [{self.check}]"

    def __str__(self) -> str:
        return self.told("en")


E = TypeVar("E", bound="SamenReferError")


class SamenReferError(Exception):
    """An error a user can act on; the CLI's error boundary prints it as one clear line and exits.

    Made with ``of(key, **values)`` it is told in the user's language: the words come from ``messages`` (and so from
    the gettext catalogue), the values are filled in when it is printed. A value that is itself an error or a problem
    is told in the same language.
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
        from samen_refer.i18n.messages import error_text

        error = cls(*error_text(key, "en", _told(values, "en")))
        error.key, error.values = key, values
        return error

    def told(self, lang: str) -> tuple[str, str]:
        """The message and hint in ``lang`` (English for errors not made with ``of``)."""
        if not self.key:
            return self.message, self.hint
        from samen_refer.i18n.messages import error_text

        return error_text(self.key, lang, _told(self.values, lang))


def _told(values: Mapping[str, object], lang: str) -> dict[str, object]:
    def tell(value: object) -> object:
        if isinstance(value, SamenReferError):
            return value.told(lang)[0]
        if isinstance(value, (Problem, Said)):
            return value.told(lang)
        if isinstance(value, tuple) and all(isinstance(each, Said) for each in value):
            return "; ".join(each.told(lang) for each in value)
        return value

    return {key: tell(value) for key, value in values.items()}


class ContentError(SamenReferError):
    """A pathway, contacts, scenario or answers file that cannot be used; carries every problem found.

    ``key`` names the hint in ``messages`` (default: fix the file and run validate), filled in with ``values``.
    """

    def __init__(self, problems: list[Problem], key: str = "content", **values: object) -> None:
        self.problems = sorted(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        first = errors[0] if errors else self.problems[0]
        more = (said(" (and {n} more)", n=len(errors) - 1),) if len(errors) > 1 else ()
        self.key, self.values = key, {"problem": first, "more": more, **values}
        super().__init__(*self.told("en"))


class Interrupted(SamenReferError):
    """Ctrl-C after something was already saved: the message says what was."""

    exit_code = 130


class Stopped(BaseException):
    """SIGTERM or SIGHUP arrived while a file was being saved; raised so that clean-up runs, like KeyboardInterrupt."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
