"""``samen-refer contacts``: the directory of organisations (the sociale kaart)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from samen_refer.cli.options import Lang, LangOption, PathwaysOption, PlainOption, RegionOption


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
    region: RegionOption = None,
    stale: Annotated[
        bool,
        typer.Option("--stale", help="Only contacts whose source was read --days ago or longer, grouped by owner."),
    ] = False,
    days: Annotated[int, typer.Option("--days", min=0, help="With --stale: how many days is too old.")] = 365,
) -> None:
    """List the organisations, with the date each was checked and the source.

    --region ID adds that region's own contacts; --stale lists what needs checking again, national and regional,
    grouped by who keeps it."""
    from samen_refer.checks.load import open_contacts, open_region, open_regions
    from samen_refer.format.library import Library

    library = Library.open(pathways)
    directory = open_contacts(library)
    if stale:
        import datetime

        from samen_refer.checks.stale import stale_groups
        from samen_refer.render.social_map import stale_lines

        regions = [open_region(library, region)] if region else open_regions(library)
        groups = stale_groups(directory, regions, datetime.date.today(), days, lang.value)
        typer.echo("\n".join(stale_lines(groups, days, lang.value)))
        return
    everyone = directory.contacts
    regional = open_region(library, region).contacts if region else ()
    local = {c.contact.id for c in regional}
    everyone += tuple(c.contact for c in regional)
    found = directory._replace(contacts=everyone).search(search) if search else everyone
    if output is ContactsFormat.json:
        import json

        from samen_refer.render.report import contact_data

        data = [{**contact_data(c, lang.value), "regional": c.id in local} for c in found]
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from samen_refer.render.show import make_console, print_contacts

    print_contacts(make_console(plain), found, lang.value, plain)
