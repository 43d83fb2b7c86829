"""``samen-refer validate``: every check, on every route, for maintainers and pull requests."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from samen_refer.cli.boundary import EXIT_PROBLEMS
from samen_refer.cli.options import Lang, LangOption, PathwaysOption


class ProblemFormat(str, Enum):
    text = "text"
    github = "github"
    json = "json"


def validate(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(
            help="Files or directories (default: --pathways DIR; else, inside a checkout, its pathways folder; else "
            "the built-in one).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        ProblemFormat, typer.Option("--format", help="text, github (annotations) or json.")
    ] = ProblemFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings too.")] = False,
    lang: LangOption = Lang.nl,
    pathways: PathwaysOption = None,
) -> int:
    """Check pathways, contacts and scenarios: YAML, schema, references, structure, safety invariants on every
    route, languages, contacts, scenarios and privacy. Exit 1 when errors are found (or warnings, with --strict)."""
    import datetime

    from samen_refer.checks.validate import validate as run_checks
    from samen_refer.format.library import Library
    from samen_refer.render.report import folder_line, problems_data, problems_github, problems_text, summary_line

    library = None if paths else Library.find(pathways)
    targets = [library.root] if library is not None else list(paths or [])
    report = run_checks(targets, datetime.date.today())
    if output is ProblemFormat.json:
        import json

        typer.echo(json.dumps(problems_data(report.problems, len(report.files)), ensure_ascii=False, indent=2))
    elif output is ProblemFormat.github:
        if report.problems:
            typer.echo(problems_github(report.problems, lang.value))
        typer.echo(summary_line(report.problems, len(report.files), lang.value))
    else:
        typer.echo(problems_text(report.problems, len(report.files), lang.value))
    if library is not None and output is not ProblemFormat.json:  # which folder, when none was named
        typer.echo(folder_line(library.root, library.origin, lang.value))
    return EXIT_PROBLEMS if report.errors or (strict and report.warnings) else 0
