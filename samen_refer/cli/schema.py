"""``samen-refer schema``: JSON Schema for editors, generated from the loader's own model."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from samen_refer.cli.options import Lang, LangOption, deliver


class SchemaKind(str, Enum):
    pathway = "pathway"
    contacts = "contacts"
    scenario = "scenario"


def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="pathway, contacts or scenario.")] = SchemaKind.pathway,
    output: Annotated[
        Optional[Path],
        typer.Option("-o", "--output", help="Write to FILE instead of printing.", show_default=False),
    ] = None,
    lang: LangOption = Lang.nl,
) -> None:
    """Print the JSON Schema of a pathway, contacts or scenario file (for yaml-language-server in editors)."""
    from samen_refer.schema import schema_text

    deliver(schema_text(kind.value), output, lang.value)
