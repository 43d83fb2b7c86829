"""Options shared by the commands, written after the command name (``samen-refer route --lang en``)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

if TYPE_CHECKING:
    from samen_refer.format.library import Library


class Lang(str, Enum):
    """Languages of the tool and of the shipped pathway."""

    nl = "nl"
    en = "en"


LangOption = Annotated[
    Lang,
    typer.Option(
        "--lang",
        envvar="SAMEN_REFER_LANG",
        help="Language: nl (default) or en.",
        show_default=False,
        case_sensitive=False,  # SAMEN_REFER_LANG=EN
    ),
]
PathwaysOption = Annotated[
    Optional[Path],
    typer.Option(
        "--pathways",
        envvar="SAMEN_REFER_PATHWAYS",
        help="Directory with pathway files and contacts.yaml, instead of the built-in copy.",
        file_okay=False,
        show_default=False,
    ),
]


def maintained(pathways: Path | None, lang: Lang) -> Library:
    """The pathways a maintainers' command reads (``Library.find``): inside a checkout its own ``pathways/``, and
    then, when that is not what the package reads by itself, it says so on stderr (stdout stays the output)."""
    from samen_refer.format.library import Library
    from samen_refer.render.report import folder_line

    library = Library.find(pathways)
    if library.is_other_than_builtin():
        typer.echo(folder_line(library.root, library.origin, lang.value, read=True), err=True)
    return library


ASK = "ask"  # --region ask: `start` asks in which municipality the helper works


def _not_asking(ctx: typer.Context, param: typer.CallbackParam, value: Optional[str]) -> Optional[str]:
    """--region for the commands that do not ask: ``ask`` from SAMEN_REFER_REGION (set once, for `start`) means the
    national contacts only; typed as ``--region ask`` it is said to work only with `start`."""
    if value is None or value.lower() != ASK:
        return value
    source = ctx.get_parameter_source(param.name) if param.name is not None else None
    if source is not None and source.name == "ENVIRONMENT":  # Typer may bring its own copy of click's enum
        return None
    from samen_refer.problem import SamenReferError

    raise SamenReferError.of("region-ask-start")


_REGION_HELP = "Add a region's own contacts (pathways/regions/ID.yaml); `samen-refer regions` lists them."
RegionOption = Annotated[
    Optional[str],
    typer.Option(
        "--region",
        envvar="SAMEN_REFER_REGION",
        metavar="ID",
        help=_REGION_HELP,
        show_default=False,
        callback=_not_asking,
    ),
]
AskingRegionOption = Annotated[
    Optional[str],
    typer.Option(
        "--region",
        envvar="SAMEN_REFER_REGION",
        metavar="ID",
        help=_REGION_HELP + " `ask`: ask in which municipality you work.",
        show_default=False,
    ),
]
PlainOption = Annotated[
    bool, typer.Option("--plain", help="No colour, boxes or tables: plain numbered lines (for screen readers).")
]
DetailsOption = Annotated[
    bool,
    typer.Option(
        "--details", help="The whole advice: what to say, why each step is there, every fact of each contact."
    ),
]
PathwayArgument = Annotated[
    Optional[str],
    typer.Argument(help="Pathway id (default: sggg).", show_default=False),
]
TEMPLATE_MAX_BYTES = 1024 * 1024  # per template file
TEMPLATE_MAX_FILES = 1000
TEMPLATE_MEMORY = 512 * 1024 * 1024  # what rendering a maintainer's templates may add to the process
TEMPLATE_SECONDS = 2.0  # of processor time for rendering a maintainer's templates; the shipped ones take 0.05 s


def _checked_templates(folder: Optional[Path]) -> Optional[Path]:
    """A --templates folder whose files are all regular files under the size limit: Jinja2 would block on a FIFO
    and read a device or a huge file without end."""
    if folder is None:
        return None
    import os
    import stat

    from samen_refer.problem import SamenReferError

    count = 0
    for root, _, names in os.walk(folder):
        for name in names:
            path = Path(root) / name
            count += 1
            try:
                info = path.stat()
            except OSError as exc:
                raise SamenReferError.of("template-unreadable", path=path, reason=exc.strerror) from None
            if not stat.S_ISREG(info.st_mode):
                raise SamenReferError.of("template-not-regular", path=path)
            limits = {"max_bytes": f"{TEMPLATE_MAX_BYTES:,}", "max_files": f"{TEMPLATE_MAX_FILES:,}"}
            if info.st_size > TEMPLATE_MAX_BYTES:
                raise SamenReferError.of("template-too-large", path=path, size=f"{info.st_size:,}", **limits)
            if count > TEMPLATE_MAX_FILES:
                raise SamenReferError.of("templates-too-many", folder=folder, **limits)
    return folder


TemplatesOption = Annotated[
    Optional[Path],
    typer.Option(
        "--templates",
        help="Directory with your own templates; it is searched first, then the built-in one.",
        metavar="DIR",
        exists=True,
        file_okay=False,
        show_default=False,
        callback=_checked_templates,
    ),
]
OutputOption = Annotated[  # text, not a Path: a Path would drop the '/' that shows 'nodir/' is meant as a folder
    Optional[str],
    typer.Option(
        "-o",
        "--output",
        metavar="FILE",
        help="Write to FILE (readable by you only) instead of printing; an existing FILE needs --force.",
        show_default=False,
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")]


def render_within_bounds(template: str, data: Mapping[str, Any], templates: Path | None) -> str:
    """``handout.render``, with a maintainer's templates kept within bounds: a template that includes itself, a loop
    that writes without end or one that only works (nested loops, recursive macros) stops with one clear line
    instead of a crash after gigabytes or a run without end (F14)."""
    from samen_refer.render.handout import render

    if templates is None:
        return render(template, data)
    from samen_refer.problem import SamenReferError

    try:
        with _memory_limit(TEMPLATE_MEMORY), _time_limit(TEMPLATE_SECONDS):
            return render(template, data, templates)
    except RecursionError:
        raise SamenReferError.of("template-recursion", template=template) from None
    except MemoryError:
        raise SamenReferError.of("template-memory", template=template, mib=TEMPLATE_MEMORY // 2**20) from None


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Stop a render that works more than ``seconds`` of processor time (where the OS has interval timers, in the
    main thread): a timer raises ``Overtime`` in the template's own code, with its line, and again every 0.1 s
    until the render stops. Any loop, over ``range``, a string, a list or a recursive macro, is stopped so; one step
    of C code in between is bounded by the memory limit, and whole numbers by the sandbox."""
    import signal
    import sys
    import threading

    from samen_refer.render.handout import Overtime, in_template_code, running_template

    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        if in_template_code(frame):
            file, line = running_template(frame) or ("?", 0)
            raise Overtime(file, line, seconds)

    hook = sys.unraisablehook  # an Overtime raised while a generator closes is printed, not raised: say nothing
    previous = signal.signal(signal.SIGPROF, stop)
    sys.unraisablehook = lambda unraisable: None
    signal.setitimer(signal.ITIMER_PROF, seconds, 0.1)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
        sys.unraisablehook = hook


@contextmanager
def _memory_limit(extra: int) -> Iterator[None]:
    """Let the process grow by at most ``extra`` bytes of address space meanwhile (where the OS allows it)."""
    try:
        import resource

        pages = int(Path("/proc/self/statm").read_text(encoding="ascii").split()[0])
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = pages * resource.getpagesize() + extra
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        if soft != resource.RLIM_INFINITY:
            limit = min(limit, soft)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, OSError, ValueError):  # not Linux, or not allowed: no limit
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def deliver(text: str, output: str | None, lang: str, force: bool = False, *, private: bool = True) -> None:
    """Print the text, or write it in one step to ``output`` and say so: privately (0600) unless ``private`` is
    False (a page to publish or hand out, holding no answers); an existing file only with ``force``."""
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    from samen_refer.i18n.translation import translate
    from samen_refer.problem import printable
    from samen_refer.render.saving import write_private

    write_private(output, text, force, mode=0o600 if private else 0o644)
    said = translate("written", _WRITTEN, lang) if private else translate("written_public", _WRITTEN_PUBLIC, lang)
    typer.echo(said.format(path=printable(output)))


_WRITTEN = "Saved to {path} (readable by you only)."
_WRITTEN_PUBLIC = "Saved to {path}."
