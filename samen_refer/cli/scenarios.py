"""``samen-refer scenarios``: exercises for trainers, which are also the regression tests of a pathway."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from samen_refer.cli.boundary import EXIT_PROBLEMS
from samen_refer.cli.options import (
    ForceOption,
    Lang,
    LangOption,
    OutputOption,
    PathwayArgument,
    PathwaysOption,
    PlainOption,
    TemplatesOption,
    deliver,
    maintained,
    render_within_bounds,
)

if TYPE_CHECKING:
    from samen_refer.format.library import Library
    from samen_refer.format.pathway import Pathway
    from samen_refer.format.scenario import Scenario


scenarios_app = typer.Typer(
    name="scenarios",
    help="Exercises for trainers: list, run and check the scenarios, print sheets, export a Twine story.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


class ListFormat(str, Enum):
    text = "text"
    json = "json"


class SheetFormat(str, Enum):
    md = "md"
    html = "html"


class SheetCopy(str, Enum):
    """Whose copy of an exercise sheet (``--audience``): without the answers, or with them."""

    participant = "participant"
    trainer = "trainer"


class ExportFormat(str, Enum):
    twee = "twee"


def _read(library: Library, given: str) -> Scenario:
    """The scenario a trainer means (``17``, ``s17`` or the full id), or an error saying how to find the numbers."""
    from samen_refer.checks.scenarios import read_scenario
    from samen_refer.format.scenario import find_scenario, scenario_files
    from samen_refer.problem import ContentError, SamenReferError

    files = scenario_files(library.root)
    if not files:
        raise SamenReferError.of("no-scenarios", folder=library.root / "scenarios")
    scenario_id = find_scenario(given, files)
    if scenario_id is None:
        raise SamenReferError.of("no-scenario", scenario=given)
    scenario, problems = read_scenario(files[scenario_id])
    if scenario is None:
        raise ContentError(problems)
    return scenario


def _pathway_of(library: Library, scenario: Scenario) -> Pathway:
    from samen_refer.problem import SamenReferError

    if scenario.pathway not in library.pathway_ids():
        raise SamenReferError.of("scenario-pathway", scenario=scenario.id, pathway=scenario.pathway, root=library.root)
    from samen_refer.checks.load import open_pathway

    return open_pathway(library, scenario.pathway)


@scenarios_app.command("list")
def list_scenarios(
    output: Annotated[ListFormat, typer.Option("--format", help="text or json.")] = ListFormat.text,
    lang: LangOption = Lang.nl,
    pathways: PathwaysOption = None,
) -> None:
    """List the exercises: number, level and title. The JSON also has the id, the pathway and the topics."""
    from samen_refer.checks.scenarios import load_scenarios
    from samen_refer.render.exercises import listing_data, listing_text

    library = maintained(pathways, lang)
    scenarios = load_scenarios(library.root / "scenarios")
    if output is ListFormat.json:
        import json

        typer.echo(json.dumps(listing_data(scenarios, lang.value), ensure_ascii=False, indent=2))
    elif scenarios:
        import shutil

        typer.echo(listing_text(scenarios, lang.value, min(shutil.get_terminal_size().columns, 80)))


@scenarios_app.command("run")
def run(
    scenario_id: Annotated[
        str,
        typer.Argument(
            help="The scenario: its number (17), short id (s17) or full id; `scenarios list` shows them.",
            show_default=False,
        ),
    ],
    reveal: Annotated[
        bool,
        typer.Option(
            "--reveal", help="Walk a group through the expected route: each question, then its answer after Enter."
        ),
    ] = False,
    lang: LangOption = Lang.nl,
    pathways: PathwaysOption = None,
    plain: PlainOption = False,
) -> int:
    """Practise a scenario: read the situation, answer the questions, then see your route beside the expected one.

    You see where you chose differently, which contacts you missed or added, the urgency and a score; then points
    to discuss and your own advice in full. Keys as in `start`: a number or id; ? why; b back; q stop; q! stop and
    clear the screen.
    """
    from samen_refer.checks.load import region_for
    from samen_refer.engine.exercise import expected_route, mark
    from samen_refer.render.practice import print_comparison, print_situation, print_walk_intro
    from samen_refer.render.practice import reveal as reveal_route
    from samen_refer.render.session import QuickExit, Session, clear_terminal
    from samen_refer.render.show import make_console

    library = maintained(pathways, lang)
    scenario = _read(library, scenario_id)
    pathway = _pathway_of(library, scenario)
    region = region_for(library, scenario.region, pathway)
    expected = expected_route(pathway, scenario, region)
    console = make_console(plain)
    print_situation(console, scenario, lang.value, plain)
    if reveal:
        import contextlib

        with contextlib.suppress(EOFError):  # Ctrl-D (or the end of piped input) at a pause: the group is done
            reveal_route(console, pathway, scenario, expected, lang.value, plain, lambda: console.input(""))
        return 0
    print_walk_intro(console, lang.value)
    try:
        route = Session(pathway, lang.value, console, console.input, plain, show_outcome=False, region=region).run()
    except QuickExit:
        clear_terminal(console)
        return 0
    if route is None:
        return 0
    print_comparison(console, pathway, scenario, mark(pathway, scenario, route, region), lang.value, plain)
    return 0


@scenarios_app.command("check")
def check(lang: LangOption = Lang.nl, pathways: PathwaysOption = None) -> int:
    """Check every scenario against its pathway as it is now. Exit 1, listing each difference, if any fails."""
    from samen_refer.checks.scenarios import check_all
    from samen_refer.render.report import REPORT_WORDS

    library = maintained(pathways, lang)
    problems, count = check_all(library)
    for problem in problems:
        typer.echo(problem.told(lang.value))
    failed = len({p.path for p in problems})
    if problems:
        typer.echo(REPORT_WORDS("scenarios-fail", lang.value, failed=failed, count=count))
        return EXIT_PROBLEMS
    if count:
        typer.echo(REPORT_WORDS("scenarios-pass", lang.value, count=count))
    else:
        typer.echo(REPORT_WORDS("no-scenarios", lang.value, folder=library.root / "scenarios"))
    return 0


@scenarios_app.command("coverage")
def coverage(
    pathway: PathwayArgument = None,
    output: Annotated[ListFormat, typer.Option("--format", help="text or json.")] = ListFormat.text,
    lang: LangOption = Lang.nl,
    pathways: PathwaysOption = None,
) -> None:
    """Show which options, blocks of advice and contacts no scenario reaches: where a new scenario would help."""
    from samen_refer.checks.load import open_pathway, open_regions
    from samen_refer.checks.scenarios import read_scenario
    from samen_refer.engine.exercise import coverage as find_coverage
    from samen_refer.engine.exercise import coverage_data, coverage_text
    from samen_refer.format.scenario import scenario_files

    library = maintained(pathways, lang)
    loaded = open_pathway(library, pathway)
    scenarios = [s for s in (read_scenario(path)[0] for path in scenario_files(library.root).values()) if s is not None]
    result = find_coverage(loaded, scenarios, open_regions(library))
    if output is ListFormat.json:
        import json

        typer.echo(json.dumps(coverage_data(result), ensure_ascii=False, indent=2))
    else:
        typer.echo(coverage_text(result, lang.value))


@scenarios_app.command("sheet")
def sheet(
    scenario_id: Annotated[
        Optional[str], typer.Argument(help="The scenario (17, s17 or the full id); or --all.", show_default=False)
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="One sheet per scenario, in one document.")] = False,
    output_format: Annotated[SheetFormat, typer.Option("--format", help="md or html.")] = SheetFormat.html,
    audience: Annotated[
        SheetCopy,
        typer.Option("--audience", help="participant: situation and questions; trainer: also the answers."),
    ] = SheetCopy.participant,
    output: OutputOption = None,
    force: ForceOption = False,
    lang: LangOption = Lang.nl,
    templates: TemplatesOption = None,
    pathways: PathwaysOption = None,
) -> int:
    """Make printable exercise sheets: the participant's copy (without answers) or the trainer's copy."""
    from samen_refer.checks.load import region_for
    from samen_refer.checks.scenarios import load_scenarios
    from samen_refer.problem import SamenReferError
    from samen_refer.render.handout import sheets_data

    if every == (scenario_id is not None):
        raise SamenReferError.of("sheet-which")
    library = maintained(pathways, lang)
    chosen = load_scenarios(library.root / "scenarios") if every else [_read(library, scenario_id or "")]
    if not chosen:
        raise SamenReferError.of("no-scenarios", folder=library.root / "scenarios")
    cases = [(_pathway_of(library, scenario), scenario) for scenario in chosen]
    regions = {s.id: r for p, s in cases if (r := region_for(library, s.region, p)) is not None}
    data = sheets_data(cases, lang.value, audience.value, regions)
    deliver(
        render_within_bounds(f"sheet/{audience.value}.{output_format.value}.j2", data, templates),
        output,
        lang.value,
        force,
    )
    return 0


@scenarios_app.command("export")
def export(
    pathway: PathwayArgument = None,
    output_format: Annotated[
        ExportFormat, typer.Option("--format", help="twee (Twine 2, Harlowe).")
    ] = ExportFormat.twee,
    output: OutputOption = None,
    force: ForceOption = False,
    lang: LangOption = Lang.nl,
    pathways: PathwaysOption = None,
) -> int:
    """Export the pathway as a Twine story (Twee 3), to build a clickable exercise in Twine."""
    from samen_refer.checks.load import open_pathway
    from samen_refer.render.twee import story_twee

    deliver(story_twee(open_pathway(maintained(pathways, lang), pathway), lang.value), output, lang.value, force)
    return 0
