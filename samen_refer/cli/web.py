"""``samen-refer web``: the pathway as one offline web page for a phone, with its own copy of the decision rules."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from samen_refer.cli.options import (
    ForceOption,
    Lang,
    LangOption,
    PathwayArgument,
    PathwaysOption,
    RegionOption,
    deliver,
)


def web(
    pathway: PathwayArgument = None,
    output: Annotated[  # text, not a Path: see OutputOption
        Optional[str],
        typer.Option(
            "-o", "--output", metavar="FILE", help="Write the page to FILE instead of printing it.", show_default=False
        ),
    ] = None,
    force: ForceOption = False,
    lang: LangOption = Lang.nl,
    pathways: PathwaysOption = None,
    region: RegionOption = None,
) -> int:
    """Make the phone guide: the pathway as one web page that works offline, in Dutch and English.

    The page holds the questions, the advice and the organisations, and asks nothing of the internet: open it from
    a phone's downloads, a USB stick or any web host. It stores nothing and has a quick-exit button (or Esc).
    """
    from samen_refer.checks.load import open_pathway, region_for
    from samen_refer.format.library import Library
    from samen_refer.render.web.page import build_page

    library = Library.open(pathways)
    loaded = open_pathway(library, pathway)
    page = build_page(loaded, lang.value, region_for(library, region, loaded))
    deliver(page, output, lang.value, force, private=False)
    return 0
