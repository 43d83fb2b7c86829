"""``samen-refer routes``: every route of a pathway with its urgency and contacts, or just how many there are."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from samen_refer.cli.options import Lang, LangOption, PathwayArgument, PathwaysOption, maintained


class RoutesFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def routes(
    pathway: PathwayArgument = None,
    count: Annotated[bool, typer.Option("--count", help="Only count the routes (fast, even for billions).")] = False,
    output: Annotated[RoutesFormat, typer.Option("--format", help="table, json or csv.")] = RoutesFormat.table,
    limit: Annotated[
        Optional[int],
        typer.Option(
            "--limit",
            min=1,
            help="List the first N routes. Without it every route is listed, and a pathway with more than 1,000,000 "
            "stops (exit 1).",
            metavar="N",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = Lang.nl,
    pathways: PathwaysOption = None,
) -> None:
    """List every route: the answers, then the urgency and the contacts with their roles."""
    from samen_refer.checks.load import open_pathway
    from samen_refer.engine.advice import list_routes
    from samen_refer.engine.analysis import ROUTE_BUDGET
    from samen_refer.engine.counting import total_routes

    loaded = open_pathway(maintained(pathways, lang), pathway)
    if count:
        typer.echo(str(total_routes(loaded)))
        return
    from samen_refer.render.report import REPORT_WORDS, routes_csv, routes_json, routes_table

    listed, total = list_routes(loaded, ROUTE_BUDGET if limit is None else limit)
    if limit is None and total > ROUTE_BUDGET:  # counted first, at once: nothing listed (R12)
        from samen_refer.engine.analysis import TooManyRoutes

        raise TooManyRoutes.of("routes-too-many", pathway=loaded.id, total=f"{total:,}", limit=f"{ROUTE_BUDGET:,}")
    written: list[int] = []  # routes are worked out as they are printed: `routes | head` returns at once
    if output is RoutesFormat.json:
        pieces = routes_json(listed, total, written)
    elif output is RoutesFormat.csv:
        pieces = routes_csv(listed, written)
    else:
        pieces = routes_table(listed, written)
    for piece in pieces:
        typer.echo(piece, nl=False)
    if total > written[0]:
        from samen_refer.i18n.translation import number

        listed_count, total_count = number(written[0], lang.value), number(total, lang.value)
        typer.echo(REPORT_WORDS("listed", lang.value, listed=listed_count, total=total_count), err=True)
