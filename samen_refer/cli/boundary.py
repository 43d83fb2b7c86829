"""The one place where errors become output and exit statuses.

Exit statuses: 0 done (also when the reader of the output went away: a broken pipe); 1 problems found (validate,
scenarios check), a pathway too complex to analyse within the budget, or a person's handout refused because the
advice says a paper is not safe; 2 bad input (usage, unknown id, unreadable or
invalid file, a file that cannot be written, output that cannot be written); 3 incomplete (answers do not reach an
outcome, input ended or closed); 70 a bug in samen-refer; 130 interrupted; 129 and 143 stopped by SIGHUP or SIGTERM
while saving.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

import typer
from typer.core import TyperGroup

from samen_refer.i18n.translation import Words, requested_language
from samen_refer.problem import ContentError, SamenReferError, Stopped, printable, shortened
from samen_refer.render.direction import ISOLATES

EXIT_BUG = 70
EXIT_INTERRUPTED = 130
EXIT_BAD_INPUT = 2
EXIT_PROBLEMS = 1  # the files have errors (or warnings, with --strict), or a scenario fails
INTERRUPTED = "samen-refer: gestopt (Ctrl-C), er is niets opgeslagen / stopped (Ctrl-C), nothing was saved."
PROBLEMS_PER_FILE_ON_STOP: Final = 20  # problems listed per file when a command stops; `validate` lists them all
# The boundary's own sentences (context "boundary.KEY" in the gettext catalogue).
_BOUNDARY_WORDS: Final = Words(
    "boundary",
    {
        "stopped": "samen-refer: stopped by signal {signal} while saving; the file was not written.",
        "more-problems": "{path}: ... and {rest} more problem(s)",
        "os-file": "samen-refer: '{path}': {reason}",
        "os-output": "samen-refer: cannot write the output: {reason}",
        "os-refused": "samen-refer: the operating system refused: {reason}",
        "stdout-closed": "samen-refer: the standard output is closed, so nothing can be shown; nothing was done. "
        "Run it again with the output going to the screen, a file or /dev/null.",
    },
)


class _OutputClosed(Exception):
    """The reader of the output went away (a broken pipe, as in ``samen-refer routes | head``)."""


def _debug(args: list[str] | None) -> bool:
    return "--debug" in (args if args is not None else sys.argv[1:]) or os.environ.get("SAMEN_REFER_DEBUG") == "1"


def _error(line: str) -> None:
    """One line on stderr, never more: newlines, control and bidi characters are shown escaped; long lines shortened.
    When stderr itself cannot be written (a full disk), nothing more can be said: it is pointed at /dev/null so that
    Python's last flush at exit does not fail too and turn the documented status into 120."""
    try:
        typer.echo(printable(shortened(line)), err=True)
    except (OSError, ValueError):
        _silence(sys.stderr)


def _interrupted_line() -> None:
    with contextlib.suppress(OSError, ValueError):
        typer.echo("", err=True)  # the prompt line may not have ended


def _interrupted() -> None:
    _interrupted_line()
    _error(INTERRUPTED)


def _problem_lines(exc: ContentError, lang: str) -> list[str]:
    """The problems of a file that stops a command: at most PROBLEMS_PER_FILE_ON_STOP per file, then how many more."""
    lines: list[str] = []
    shown: dict[str, int] = {}
    for problem in exc.problems:
        shown[problem.path] = shown.get(problem.path, 0) + 1
        if shown[problem.path] <= PROBLEMS_PER_FILE_ON_STOP:
            lines.append(problem.told(lang))
    for path, count in shown.items():
        if count > PROBLEMS_PER_FILE_ON_STOP:
            rest = f"{count - PROBLEMS_PER_FILE_ON_STOP:,}"
            lines.append(_BOUNDARY_WORDS("more-problems", lang, path=printable(shortened(path)), rest=rest))
    return lines


_UNSHOWN: Final = "samen-refer-unshown"


def _unshown(error: UnicodeError) -> tuple[str, int]:
    """What to write for characters the output encoding lacks: nothing for the isolates around a phone number
    (invisible anyway: a '?' would stand beside the number), '?' for the others; undecodable input as U+FFFD."""
    if not isinstance(error, UnicodeEncodeError):
        replacement, end = codecs.replace_errors(error)  # decoding: a str, U+FFFD
        return str(replacement), end
    lacking = error.object[error.start : error.end]
    return "".join("" if ch in ISOLATES else "?" for ch in lacking), error.end


codecs.register_error(_UNSHOWN, _unshown)


def _calm_streams() -> None:
    """Streams that cannot fail on text: characters the output encoding lacks (ASCII, Latin-1, LC_ALL=C) are replaced
    by '?' (the isolates around a phone number are left out) rather than raising, undecodable input is replaced, and
    a closed stdin reads as empty (end of input)."""
    if sys.stdin is None:
        sys.stdin = Path(os.devnull).open(encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        errors = getattr(stream, "errors", "strict")
        utf8 = (getattr(stream, "encoding", "") or "").lower().replace("-", "") == "utf8"
        # C locale without UTF-8 mode: ASCII with surrogateescape, which still fails on 'é'; ascii:replace would
        # print a '?' for each isolate
        if reconfigure is not None and (errors == "strict" or (not utf8 and errors in ("surrogateescape", "replace"))):
            with contextlib.suppress(ValueError, io.UnsupportedOperation):
                reconfigure(errors=_UNSHOWN)


def _silence(stream: Any) -> None:
    """Point a stream that failed at /dev/null, so that the final flush at exit does not fail a second time
    ("Exception ignored ... BrokenPipeError", or exit status 120)."""
    with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


def _silence_stdout() -> None:
    """After the reader went away or the disk filled up: see ``_silence``."""
    _silence(sys.stdout)


_OUTPUT_ERRORS: Final = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def _os_error_line(exc: OSError, lang: str) -> str:
    reason = exc.strerror or str(exc)
    if exc.filename is not None:
        return _BOUNDARY_WORDS("os-file", lang, path=exc.filename, reason=reason)
    if exc.errno in _OUTPUT_ERRORS:  # raised while writing stdout, which has no file name
        return _BOUNDARY_WORDS("os-output", lang, reason=reason)
    return _BOUNDARY_WORDS("os-refused", lang, reason=reason)


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
        if sys.stdout is None:  # started with stdout closed (`>&-`): nothing can be shown, so nothing is done
            _error(_BOUNDARY_WORDS("stdout-closed", lang))
            if standalone_mode:
                sys.exit(EXIT_BAD_INPUT)
            return EXIT_BAD_INPUT
        _calm_streams()
        try:
            result = super().main(argv, prog_name or "samen-refer", complete_var, standalone_mode=False, **extra)
            code = result if isinstance(result, int) else 0
            if code == EXIT_INTERRUPTED:  # Typer returns Ctrl-C as status 130; no command returns it itself
                _interrupted()
            sys.stdout.flush()  # here, not at exit: a full disk or a closed pipe is still reported calmly
        except ContentError as exc:
            for line in _problem_lines(exc, lang):
                _error(line)
            _error(f"samen-refer: {exc.told(lang)[1]}")
            code = exc.exit_code
        except SamenReferError as exc:
            if exc.exit_code == EXIT_INTERRUPTED:
                _interrupted_line()
            message, hint = exc.told(lang)
            _error(f"samen-refer: {message}")
            if hint:
                _error(f"  {hint}")
            code = exc.exit_code
        except typer.Exit as exc:
            code = exc.exit_code
            if isinstance(exc.__cause__, KeyboardInterrupt):  # Typer turns Ctrl-C into Exit(130)
                _interrupted()
                code = EXIT_INTERRUPTED
        except typer.TyperException as exc:  # usage errors: unknown option, bad --lang, ...
            context = getattr(exc, "ctx", None)
            message, hint = usage_error(exc.format_message(), context.command_path if context else "samen-refer", lang)
            _error(f"samen-refer: {message}")
            _error(f"  {hint}")
            code = exc.exit_code
        except (typer.Abort, KeyboardInterrupt):
            _interrupted()
            code = EXIT_INTERRUPTED
        except Stopped as exc:
            _error(_BOUNDARY_WORDS("stopped", lang, signal=exc.signum))
            code = 128 + exc.signum
        except (_OutputClosed, BrokenPipeError):
            _silence_stdout()
            code = 0
        except OSError as exc:  # the operating system said no (a full disk on stdout, ...): not a bug
            if debug:
                traceback.print_exc()
            if exc.errno == errno.EPIPE:
                code = 0
            else:
                _error(_os_error_line(exc, lang))
                code = EXIT_BAD_INPUT
            _silence_stdout()
        except Exception:  # the last line of defence: a bug must still not show a traceback by default
            if debug:
                traceback.print_exc()
            message, hint = SamenReferError.of("bug").told(lang)
            _error(f"samen-refer: {message}")
            _error(f"  {hint}")
            code = EXIT_BUG
        if standalone_mode:
            sys.exit(code)
        return code

    def invoke(self, ctx: Any) -> Any:
        """Run the command; a broken pipe is raised past Typer, which would otherwise exit with status 1."""
        try:
            return super().invoke(ctx)
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise _OutputClosed from exc
            raise
        except SystemExit as exc:  # Rich answers a broken pipe with SystemExit(1)
            if isinstance(exc.__context__, BrokenPipeError):
                raise _OutputClosed from exc
            raise
