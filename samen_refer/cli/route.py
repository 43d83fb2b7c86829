"""``samen-refer route``: the outcome for given answers, without questions asked."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from samen_refer.cli.options import (
    DetailsOption,
    Lang,
    LangOption,
    PathwayArgument,
    PathwaysOption,
    PlainOption,
    RegionOption,
)

EXIT_INCOMPLETE = 3


class RouteFormat(str, Enum):
    text = "text"
    json = "json"
    yaml = "yaml"


def route(
    pathway: PathwayArgument = None,
    answer: Annotated[
        Optional[list[str]],
        typer.Option("--answer", "-a", help="An answer as QUESTION=OPTION; repeat for more.", show_default=False),
    ] = None,
    answers: Annotated[
        Optional[Path],
        typer.Option(
            "--answers", help="A YAML answers file (question: option); --answer adds to it.", show_default=False
        ),
    ] = None,
    output: Annotated[RouteFormat, typer.Option("--format", help="text, json or yaml.")] = RouteFormat.text,
    lang: LangOption = Lang.nl,
    pathways: PathwaysOption = None,
    plain: PlainOption = False,
    details: DetailsOption = False,
    region: RegionOption = None,
) -> int:
    """Show where the given answers lead. Exit 0: complete; 3: more answers needed; 2: bad input."""
    from samen_refer.checks.load import open_pathway, region_for
    from samen_refer.engine.route import follow
    from samen_refer.format.answers import load_answers, parse_answer_args
    from samen_refer.format.library import Library

    library = Library.open(pathways)
    loaded = open_pathway(library, pathway)
    local = region_for(library, region, loaded)
    given = load_answers(answers) if answers else {}
    given.update(parse_answer_args(answer or ()))
    result = follow(loaded, given, local)
    if output is RouteFormat.text:
        from samen_refer.render.show import make_console, print_route

        print_route(make_console(plain), loaded, result, lang.value, plain, details)
    else:
        from samen_refer.render.report import route_data

        data = route_data(loaded, result, lang.value, local.id if local else None)
        if output is RouteFormat.json:
            import json

            typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            import yaml

            typer.echo(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), nl=False)
    return 0 if result.complete else EXIT_INCOMPLETE
