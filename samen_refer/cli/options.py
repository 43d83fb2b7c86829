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
OutputOption = Annotated[
    Optional[Path],
    typer.Option(
        "-o",
        "--output",
        metavar="FILE",
        help="Write to FILE (readable by you only) instead of printing.",
        show_default=False,
    ),
]


def deliver(text: str, output: Path | None, lang: str, *, replace: bool = True, private: bool = True) -> None:
    """Print the text, or write it in one step to ``output`` and say so: privately (0600) unless ``private`` is
    False (a page to publish or hand out, holding no answers); an existing file only when ``replace``."""
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    from samen_refer.answers import write_private
    from samen_refer.i18n import translate

    write_private(output, text, replace=replace, mode=0o600 if private else 0o644)
    said = translate("written", _WRITTEN, lang) if private else translate("written_public", _WRITTEN_PUBLIC, lang)
    typer.echo(said.format(path=output))


_WRITTEN = "Saved to {path} (readable by you only)."
_WRITTEN_PUBLIC = "Saved to {path}."
