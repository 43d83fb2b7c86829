"""``samen-refer graph``: a diagram of a pathway's questions, options and advice blocks."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from samen_refer.cli.options import Lang, LangOption, PathwayArgument, PathwaysOption, maintained


class GraphFormat(str, Enum):
    mermaid = "mermaid"
    dot = "dot"


def graph(
    pathway: PathwayArgument = None,
    output: Annotated[
        GraphFormat, typer.Option("--format", help="mermaid (GitHub shows it in a pull request) or dot (Graphviz).")
    ] = GraphFormat.mermaid,
    start: Annotated[
        Optional[str],
        typer.Option("--from", help="Only the part reachable from this question id.", show_default=False),
    ] = None,
    lang: LangOption = Lang.nl,
    pathways: PathwaysOption = None,
) -> None:
    """Draw the pathway: each question, the options leading on (with their conditions) and the advice blocks."""
    from samen_refer.checks.load import open_pathway
    from samen_refer.render.graph import draw

    loaded = open_pathway(maintained(pathways, lang), pathway)
    typer.echo(draw(loaded, output.value, lang.value, start), nl=False)
