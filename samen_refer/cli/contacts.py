"""``samen-refer contacts``: the directory of organisations (the sociale kaart)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from samen_refer.cli.options import Lang, LangOption, PathwaysOption, PlainOption


class ContactsFormat(str, Enum):
    text = "text"
    json = "json"


def contacts(
    search: Annotated[
        Optional[str],
        typer.Option(
            "--search", "-s", help="Only contacts whose id, name or description contains TEXT.", show_default=False
        ),
    ] = None,
    output: Annotated[ContactsFormat, typer.Option("--format", help="text or json.")] = ContactsFormat.text,
    lang: LangOption = Lang.nl,
    pathways: PathwaysOption = None,
    plain: PlainOption = False,
) -> None:
    """List the organisations, with the date each was checked and the source."""
    from samen_refer.checks.load import open_contacts
    from samen_refer.format.library import Library

    directory = open_contacts(Library.open(pathways))
    found = directory.search(search) if search else directory.contacts
    if output is ContactsFormat.json:
        import json

        from samen_refer.render.report import contact_data

        typer.echo(json.dumps([contact_data(c, lang.value) for c in found], ensure_ascii=False, indent=2))
        return
    from samen_refer.render.show import make_console, print_contacts

    print_contacts(make_console(plain), found, lang.value, plain)
