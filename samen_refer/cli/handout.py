"""``samen-refer handout``: the advice for a set of answers as a page to print or send, for the helper or the person."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from samen_refer.cli.options import (
    ForceOption,
    Lang,
    LangOption,
    OutputOption,
    PathwayArgument,
    PathwaysOption,
    RegionOption,
    TemplatesOption,
    deliver,
    render_within_bounds,
)


class HandoutFormat(str, Enum):
    txt = "txt"
    md = "md"
    html = "html"


class Audience(str, Enum):
    helper = "helper"
    person = "person"


def handout(
    pathway: PathwayArgument = None,
    answers: Annotated[
        Optional[Path],
        typer.Option(
            "--answers",
            metavar="FILE",
            help="The answers (question: option), e.g. saved by start --save.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[HandoutFormat, typer.Option("--format", help="txt, md or html.")] = HandoutFormat.txt,
    audience: Annotated[
        Audience,
        typer.Option("--audience", help="helper: steps, words to say and why; person: only the organisations."),
    ] = Audience.helper,
    output: OutputOption = None,
    force: ForceOption = False,
    lang: LangOption = Lang.nl,
    templates: TemplatesOption = None,
    pathways: PathwaysOption = None,
    region: RegionOption = None,
) -> int:
    """Make a handout of the advice for the answers in --answers FILE, to print or to pass on.

    The helper's version has the steps, words to say, why, and every fact about each contact. The person's version
    has only the organisations, in plain words: what they do, cost, interpreters, what happens when you call. It
    holds no answers and no personal data. When the advice says a paper is not safe (it is not safe to talk), there
    is no person's version: exit 1, and nothing is written. Nothing is written to disk unless you give -o FILE
    (--force to replace one).
    """
    from samen_refer.checks.load import open_pathway, region_for
    from samen_refer.engine.route import follow
    from samen_refer.format.answers import load_answers
    from samen_refer.format.library import Library
    from samen_refer.problem import SamenReferError
    from samen_refer.render.handout import handout_data

    if answers is None:
        raise SamenReferError.of("handout-needs-answers")
    library = Library.open(pathways)
    loaded = open_pathway(library, pathway)
    route = follow(loaded, load_answers(answers), region_for(library, region, loaded))
    data = handout_data(loaded, route, lang.value, audience.value)
    text = render_within_bounds(f"handout/{audience.value}.{output_format.value}.j2", data, templates)
    deliver(text, output, lang.value, force)
    return 0
