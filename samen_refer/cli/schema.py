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
    route_output = "route-output"
    validate_output = "validate-output"
    diff_output = "diff-output"


def schema(
    kind: Annotated[
        SchemaKind,
        typer.Argument(help="pathway, contacts, scenario or region; or route-output, validate-output or diff-output."),
    ] = SchemaKind.pathway,
    output: OutputOption = None,
    force: ForceOption = False,
    lang: LangOption = Lang.nl,
) -> None:
    """Print the JSON Schema of a pathway, contacts, scenario or region file (for yaml-language-server in editors),
    or of the JSON output of route, validate or diff."""
    if kind.value.endswith("-output"):
        from samen_refer.render.contract import output_schema_text

        text = output_schema_text(kind.value)
    else:
        from samen_refer.format.schema import schema_text

        text = schema_text(kind.value)
    deliver(text, output, lang.value, force)
