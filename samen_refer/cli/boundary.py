"""The one place where errors become output and exit statuses.

Exit statuses: 0 done; 1 problems found (validate, scenarios check); 2 bad input (usage, unknown id, unreadable or
invalid file); 3 incomplete (answers do not reach an outcome, input ended); 70 a bug in samen-refer; 130 interrupted.
"""

from __future__ import annotations

import os
import sys
import traceback
import unicodedata
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperGroup

from samen_refer.i18n import requested_language
from samen_refer.problem import ContentError, SamenReferError

EXIT_BUG = 70
EXIT_INTERRUPTED = 130
INTERRUPTED = "\nsamen-refer: gestopt (Ctrl-C), er is niets opgeslagen / stopped (Ctrl-C), nothing was saved."


def printable(text: str) -> str:
    """Text safe for a terminal: control characters shown as \\xNN instead of acted on."""
    return "".join(ch if ch == "\n" or unicodedata.category(ch) != "Cc" else f"\\x{ord(ch):02x}" for ch in text)


def _debug(args: list[str] | None) -> bool:
    return "--debug" in (args if args is not None else sys.argv[1:]) or os.environ.get("SAMEN_REFER_DEBUG") == "1"


def _error(line: str) -> None:
    typer.echo(printable(line), err=True)


class BoundaryGroup(TyperGroup):
    """Runs every command inside the error boundary."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command; turn every error into one clear message and an exit status."""
        argv = list(args) if args is not None else sys.argv[1:]
        debug = _debug(argv)
        lang = requested_language(argv)
        from samen_refer.cli.speech import speak, usage_error

        speak(self, lang)
        argv = [a for a in argv if a != "--debug"]
        try:
            result = super().main(argv, prog_name or "samen-refer", complete_var, standalone_mode=False, **extra)
            code = result if isinstance(result, int) else 0
            if code == EXIT_INTERRUPTED:  # Typer returns Ctrl-C as status 130; no command returns it itself
                _error(INTERRUPTED)
        except ContentError as exc:
            for problem in exc.problems:
                _error(problem.told(lang))
            _error(f"samen-refer: {exc.told(lang)[1]}")
            code = exc.exit_code
        except SamenReferError as exc:
            message, hint = exc.told(lang)
            _error(f"samen-refer: {message}" + (f"\n  {hint}" if hint else ""))
            code = exc.exit_code
        except typer.Exit as exc:
            code = exc.exit_code
            if isinstance(exc.__cause__, KeyboardInterrupt):  # Typer turns Ctrl-C into Exit(130)
                _error(INTERRUPTED)
                code = EXIT_INTERRUPTED
        except typer.TyperException as exc:  # usage errors: unknown option, bad --lang, ...
            context = getattr(exc, "ctx", None)
            message, hint = usage_error(exc.format_message(), context.command_path if context else "samen-refer", lang)
            _error(f"samen-refer: {message}\n  {hint}")
            code = exc.exit_code
        except (typer.Abort, KeyboardInterrupt):
            _error(INTERRUPTED)
            code = EXIT_INTERRUPTED
        except BrokenPipeError:
            code = 0
        except Exception:  # the last line of defence: a bug must still not show a traceback by default
            if debug:
                traceback.print_exc()
            message, hint = SamenReferError.of("bug").told(lang)
            _error(f"samen-refer: {message}\n  {hint}")
            code = EXIT_BUG
        if standalone_mode:
            sys.exit(code)
        return code
