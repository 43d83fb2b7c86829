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
