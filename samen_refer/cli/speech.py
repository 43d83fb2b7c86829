"""The command line in the user's language: our --help texts, and Typer's own words (headings, usage, defaults).

Help texts are written in English in the command modules; before a run, ``speak`` replaces each by its translation
from the gettext catalogue (context ``help``). Typer's own few words ("Usage", "Options", "default", ...) are
translated under the context ``cli``. Only the command line does this; the rest of the package never sees Typer.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final

import typer.core
from typer import _click

from samen_refer.i18n.translation import translate

# Typer's own words, as typer.core and its click copy write them; translated under the context "cli"
TYPER_WORDS: Final[dict[str, str]] = {
    "usage": "Usage: ",
    "arguments": "Arguments",
    "options": "Options",
    "commands": "Commands",
    "default": "default: {default}",
    "required": "required",
    "env-var": "env var: {var}",
    "dynamic": "(dynamic)",
    "help-option": "Show this message and exit.",
    "aborted": "Aborted!",
}
_CONTEXT_OF: Final = {english: key for key, english in TYPER_WORDS.items()}


def commands(command: Any) -> Iterator[Any]:
    """The command and every command below it."""
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from commands(sub)


def help_texts(command: Any) -> Iterator[str]:
    """Every help text written for the command line (what translators get under the context ``help``)."""
    for each in commands(command):
        for text in (each.help, *(getattr(p, "help", None) for p in each.params)):
            if text:
                yield text


def speak(root: Any, lang: str) -> None:
    """Make ``root`` and its commands say their help, and Typer its own words, in ``lang``."""

    def typer_word(english: str) -> str:
        key = _CONTEXT_OF.get(english)
        return translate(f"cli.{key}", english, lang) if key else english

    class Formatter(_click.HelpFormatter):
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, typer_word("Usage: ") if prefix is None else prefix)

        def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
            super().write_dl([(a, typer_word(b)) for a, b in rows], col_max, col_spacing)

    setattr(typer.core, "_", typer_word)  # noqa: B010 - typer.core takes its words from gettext.gettext, English only
    _click.Context.formatter_class = Formatter
    for each in commands(root):
        each.help = translate("help", each.help, lang) if each.help else each.help
        for param in each.params:
            if getattr(param, "help", None):
                param.help = translate("help", param.help, lang)


# Typer's usage errors, recognised by their English text and told again from the catalogue (context "cli.error.KEY")
USAGE_ERRORS: Final[dict[str, tuple[str, str]]] = {
    "choice": (
        r"Invalid value for (?P<param>.+?): '(?P<value>.*)' is not one of (?P<choices>.+)\.",
        "Invalid value for {param}: '{value}' is not one of {choices}.",
    ),
    "no-path": (
        r"Invalid value for (?P<param>.+?): (?:File|Directory|Path) '(?P<path>.*)' does not exist\.",
        "Invalid value for {param}: '{path}' does not exist.",
    ),
    "not-a-number": (
        r"Invalid value for (?P<param>.+?): '(?P<value>.*)' is not a valid integer(?: range)?\.",
        "Invalid value for {param}: '{value}' is not a whole number.",
    ),
    "no-option-like": (
        r"No such option: (?P<option>\S+) \(Possible options: (?P<known>.*)\)",
        "No such option: {option} (Possible options: {known})",
    ),
    "no-option": (r"No such option: (?P<option>\S+)", "No such option: {option}"),
    "missing-argument": (r"Missing argument '(?P<name>.+)'\.", "Missing argument '{name}'."),
    "missing-option": (r"Missing option '(?P<name>.+)'\.", "Missing option '{name}'."),
    "needs-value": (r"Option '(?P<option>.+)' requires an argument\.", "Option '{option}' requires an argument."),
    "no-command": (r"No such command '(?P<name>.+)'\.", "No such command '{name}'."),
    "extra": (r"Got unexpected extra arguments?(?:\(s\))? \((?P<args>.*)\)", "Got unexpected extra arguments ({args})"),
    "help-hint": (r"", "Try '{command} --help' for help."),
}


def usage_error(message: str, command: str, lang: str) -> tuple[str, str]:
    """A usage error of Typer and what to do, in ``lang`` (the message stays as it is when it is not known)."""
    import re

    told = message
    for key, (pattern, english) in USAGE_ERRORS.items():
        found = re.fullmatch(pattern, message) if pattern else None
        if found:
            told = translate(f"cli.error.{key}", english, lang).format(**found.groupdict())
            break
    pattern, english = USAGE_ERRORS["help-hint"]
    return told, translate("cli.error.help-hint", english, lang).format(command=command)
