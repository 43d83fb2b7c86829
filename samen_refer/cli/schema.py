"""``samen-refer schema``: JSON Schema for editors, generated from the loader's own model."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from samen_refer.cli.options import ForceOption, Lang, LangOption, OutputOption, deliver


class SchemaKind(str, Enum):
    pathway = "pathway"
    contacts = "contacts"
    scenario = "scenario"
    region = "region"


def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="pathway, contacts, scenario or region.")] = SchemaKind.pathway,
    output: OutputOption = None,
    force: ForceOption = False,
    lang: LangOption = Lang.nl,
) -> None:
    """Print the JSON Schema of a pathway, contacts, scenario or region file (for yaml-language-server in editors)."""
    from samen_refer.format.schema import schema_text

    deliver(schema_text(kind.value), output, lang.value, force)
