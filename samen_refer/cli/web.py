"""``samen-refer web``: the pathway as one offline web page for a phone, with its own copy of the decision rules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Optional

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

if TYPE_CHECKING:
    from samen_refer.format.library import Library
    from samen_refer.format.pathway import Pathway
    from samen_refer.format.region import Region


def web(
    pathway: PathwayArgument = None,
    output: Annotated[  # text, not a Path: see OutputOption
        Optional[str],
        typer.Option(
            "-o", "--output", metavar="FILE", help="Write the page to FILE instead of printing it.", show_default=False
        ),
    ] = None,
    site: Annotated[  # text, not a Path: as -o
        Optional[str],
        typer.Option(
            "--site",
            metavar="DIR",
            help=(
                "Write the guide as a website to publish: DIR/index.html with a web app manifest, two icons and a "
                "service worker, so that a phone keeps it on its home screen and opens it offline once it has been "
                "opened."
            ),
            show_default=False,
        ),
    ] = None,
    practice: Annotated[
        bool,
        typer.Option(
            "--practice",
            help=(
                "Make the practice page for trainers instead: the pathway's scenarios on the phone, as `scenarios "
                "run`. Pick a case, read the situation, answer the questions, then see your route beside the expected "
                "one and the score."
            ),
        ),
    ] = False,
    force: ForceOption = False,
    lang: LangOption = Lang.nl,
    pathways: PathwaysOption = None,
    region: RegionOption = None,
) -> int:
    """Make the phone guide: the pathway as one web page that works offline, in Dutch and English.

    The page holds the questions, the advice and the organisations, and asks nothing of the internet: open it from
    a phone's downloads, a USB stick or any web host. It stores nothing and has a quick exit: a button, Shift
    pressed three times, or Esc. With -o -, the page is printed.
    """
    from samen_refer.checks.load import open_pathway, region_for
    from samen_refer.format.library import Library
    from samen_refer.problem import SamenReferError

    if site is not None and output is not None:
        raise SamenReferError.of("web-site-and-output")
    if practice and (site is not None or region is not None):
        raise SamenReferError.of("web-practice-and", option="--site" if site is not None else "--region")
    if output == "-":  # the usual name for standard output: never a file called "-"
        output = None
    library = Library.open(pathways)
    loaded = open_pathway(library, pathway)
    if practice:
        deliver(_practice_page(library, loaded, lang.value), output, lang.value, force, private=False)
        return 0
    chosen = region_for(library, region, loaded)
    if site is not None:
        _write_site(site, loaded, lang.value, chosen, force)
        return 0
    from samen_refer.render.web.page import build_page

    deliver(build_page(loaded, lang.value, chosen), output, lang.value, force, private=False)
    return 0


def _practice_page(library: Library, pathway: Pathway, lang: str) -> str:
    """The practice page: the scenarios of ``pathway``, each in its own region, if it names one."""
    from samen_refer.checks.load import region_for
    from samen_refer.checks.scenarios import load_scenarios
    from samen_refer.problem import SamenReferError
    from samen_refer.render.web.page import build_page

    scenarios = [s for s in load_scenarios(library.root / "scenarios") if s.pathway == pathway.id]
    if not scenarios:
        raise SamenReferError.of("web-practice-none", pathway=pathway.id, folder=library.root / "scenarios")
    cases = [(s, region_for(library, s.region, pathway)) for s in scenarios]
    return build_page(pathway, lang, cases=cases)


def _write_site(folder: str, pathway: Pathway, lang: str, region: Region | None, force: bool) -> None:
    from samen_refer.i18n.translation import translate
    from samen_refer.problem import printable
    from samen_refer.render.saving import write_folder
    from samen_refer.render.web.site import build_site

    files = build_site(pathway, lang, region)
    write_folder(folder, files, force)  # public: 0644, as a page from -o (it holds no answers)
    said = translate("written_site", _WRITTEN_SITE, lang)
    typer.echo(said.format(path=printable(folder), files=", ".join(files)))


_WRITTEN_SITE = "Saved the guide in {path}: {files}. Publish the whole folder on a web host with https."
