"""``samen-refer routes``: every route of a pathway with its urgency and contacts, or just how many there are."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from samen_refer.cli.options import Lang, LangOption, PathwayArgument, PathwaysOption


class RoutesFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def routes(
    pathway: PathwayArgument = None,
    count: Annotated[bool, typer.Option("--count", help="Only count the routes (fast, even for billions).")] = False,
    output: Annotated[RoutesFormat, typer.Option("--format", help="table, json or csv.")] = RoutesFormat.table,
    limit: Annotated[int, typer.Option("--limit", min=1, help="List at most this many routes.")] = 100_000,
    lang: LangOption = Lang.nl,
    pathways: PathwaysOption = None,
) -> None:
    """List every route: the answers, then the urgency and the contacts with their roles."""
    from samen_refer.analysis import list_routes
    from samen_refer.library import Library

    loaded = Library.open(pathways).load(pathway)
    listing = list_routes(loaded, 0 if count else limit)
    if count:
        typer.echo(str(listing.total))
        return
    from samen_refer.report import routes_csv, routes_data, routes_table, say

    listed, total = listing
    if output is RoutesFormat.json:
        import json

        typer.echo(json.dumps(routes_data(listed, total), ensure_ascii=False, indent=1))
    elif output is RoutesFormat.csv:
        typer.echo(routes_csv(listed), nl=False)
    else:
        typer.echo(routes_table(listed))
    if total > len(listed):
        typer.echo(say("listed", lang.value, listed=f"{len(listed):,}", total=f"{total:,}"), err=True)
