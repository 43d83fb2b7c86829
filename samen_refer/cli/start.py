"""``samen-refer start``: the guided session for a key person."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from samen_refer.cli.options import (
    AskingRegionOption,
    DetailsOption,
    ForceOption,
    Lang,
    LangOption,
    PathwayArgument,
    PathwaysOption,
    PlainOption,
)


def start(
    pathway: PathwayArgument = None,
    save: Annotated[
        Optional[str],
        typer.Option(
            "--save",
            metavar="FILE",
            help="After the advice, save the chosen answers (ids only) to FILE; an existing FILE needs --force.",
            show_default=False,
        ),
    ] = None,
    force: ForceOption = False,
    lang: LangOption = Lang.nl,
    pathways: PathwaysOption = None,
    plain: PlainOption = False,
    details: DetailsOption = False,
    region: AskingRegionOption = None,
) -> int:
    """Walk through the questions, one at a time, to advice on where to refer.

    --region ID adds a region's own help; --region ask first asks in which municipality you work.

    Type the number or id of an option (ja or nee where the answer is yes or no); ? shows why a question is asked;
    b goes back; q stops; q! stops and clears the screen. After the advice, on a terminal, a menu shows every step
    or saves a handout for yourself or for the person. Nothing is written to disk unless you give --save, or type
    a file name for a handout.
    """
    from samen_refer.checks.load import open_pathway, open_regions, region_for
    from samen_refer.format.answers import answers_text
    from samen_refer.format.library import Library
    from samen_refer.i18n.messages import say
    from samen_refer.problem import Interrupted, printable
    from samen_refer.render.saving import check_target, write_private
    from samen_refer.render.session import QuickExit, Quit, Session, clear_terminal
    from samen_refer.render.show import make_console

    if save is not None:  # a name that cannot be used is said before the walk, not after it
        check_target(save, force)
    library = Library.open(pathways)
    loaded = open_pathway(library, pathway)
    console = make_console(plain)
    asking = region is not None and region.lower() == "ask"
    local = None if asking else region_for(library, region, loaded)
    menu = console.is_terminal and sys.stdin.isatty()  # never read a file name from piped answers
    session = Session(loaded, lang.value, console, console.input, plain, details=details, menu=menu, region=local)
    try:
        if asking:
            try:
                session.region = session.choose_region(open_regions(library))
            except Quit:
                console.print(say("quit", lang.value))
                return 0
        route = session.run()
        if route is None:
            return 0
        if save is not None:
            write_private(save, answers_text({a.question: a.option for a in route.answers}), force)
            console.print(say("saved", lang.value, path=printable(save)))
    except QuickExit:
        clear_terminal(console)
        return 0
    except KeyboardInterrupt:  # also a quick exit: nothing of the conversation stays on screen
        clear_terminal(console)
        raise
    if menu:
        try:
            session.end_menu(route, Path.cwd())
        except QuickExit:
            clear_terminal(console)
        except KeyboardInterrupt:  # a quick exit here too; and say truly what was saved
            clear_terminal(console)
            if save is None:
                raise
            raise Interrupted(say("interrupted_saved", lang.value, path=printable(save))) from None
    return 0
