"""Options shared by the commands, written after the command name (``samen-refer route --lang en``)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer


class Lang(str, Enum):
    """Languages of the tool and of the shipped pathway."""

    nl = "nl"
    en = "en"


LangOption = Annotated[
    Lang, typer.Option("--lang", envvar="SAMEN_REFER_LANG", help="Language: nl (default) or en.", show_default=False)
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
PlainOption = Annotated[
    bool, typer.Option("--plain", help="No colour, boxes or tables: plain numbered lines (for screen readers).")
]
PathwayArgument = Annotated[
    Optional[str],
    typer.Argument(help="Pathway id (default: sggg).", show_default=False),
]
TemplatesOption = Annotated[
    Optional[Path],
    typer.Option(
        "--templates",
        help="Directory with your own templates; it is searched first, then the built-in one.",
        metavar="DIR",
        exists=True,
        file_okay=False,
        show_default=False,
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


def deliver(text: str, output: str | None, lang: str, force: bool = False) -> None:
    """Print the text, or write it privately (0600, in one step) to ``output`` and say so."""
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    from samen_refer.language import pick
    from samen_refer.problem import printable
    from samen_refer.saving import write_private

    write_private(output, text, force)
    typer.echo(pick(_WRITTEN, lang).format(path=printable(output)))


_WRITTEN = {"nl": "Opgeslagen in {path} (alleen jij kunt het lezen).", "en": "Saved to {path} (readable by you only)."}
