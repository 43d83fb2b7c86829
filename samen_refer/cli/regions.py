"""``samen-refer regions``: the regional social maps, who keeps them, and their contacts as CSV and back."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from samen_refer.cli.options import ForceOption, Lang, LangOption, OutputOption, PathwaysOption, deliver

regions_app = typer.Typer(
    name="regions",
    help="The regions: their owners, municipalities and how current they are; export and import their contacts.",
    invoke_without_command=True,
    add_completion=False,
    rich_markup_mode=None,
)


class TableFormat(str, Enum):
    csv = "csv"


@regions_app.callback()
def regions(ctx: typer.Context, lang: LangOption = Lang.nl, pathways: PathwaysOption = None) -> None:
    """List the regions: owner, municipalities, and the oldest date a source was read (how current it is)."""
    if ctx.invoked_subcommand is not None:
        return
    from samen_refer.checks.load import open_regions
    from samen_refer.format.library import Library
    from samen_refer.render.social_map import region_lines

    typer.echo("\n".join(region_lines(open_regions(Library.open(pathways)), lang.value)))


@regions_app.command("export")
def export(
    region: Annotated[str, typer.Argument(help="Region id.", show_default=False)],
    output_format: Annotated[TableFormat, typer.Option("--format", help="csv.")] = TableFormat.csv,
    output: OutputOption = None,
    force: ForceOption = False,
    lang: LangOption = Lang.nl,
    pathways: PathwaysOption = None,
) -> None:
    """Write a region's contacts as CSV (one row per contact), to keep in a spreadsheet."""
    from samen_refer.checks.load import open_region
    from samen_refer.format.library import Library
    from samen_refer.format.region_csv import export_csv

    deliver(export_csv(open_region(Library.open(pathways), region)), output, lang.value, force, private=False)


@regions_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="The CSV file, as written by `regions export`.", show_default=False)],
    region: Annotated[
        Optional[str],
        typer.Option(
            "--region", metavar="ID", help="The region it belongs to (default: the file's name).", show_default=False
        ),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    allow_empty: Annotated[
        bool, typer.Option("--allow-empty", help="Accept a CSV without contacts: the region then has none of its own.")
    ] = False,
    lang: LangOption = Lang.nl,
    pathways: PathwaysOption = None,
) -> None:
    """Read a CSV of contacts back into its region file: printed, or written with -o FILE (--force to replace).
    Checked first as validate checks a region file: on any problem nothing is written."""
    import datetime

    from samen_refer.checks.load import load_pathway, open_region
    from samen_refer.checks.region_import import import_region
    from samen_refer.format.library import Library
    from samen_refer.format.source import read_capped
    from samen_refer.problem import ContentError, Problem, SamenReferError, said

    known = open_region(Library.open(pathways), region or file.stem)
    data = read_capped(file, str(file))
    if isinstance(data, Problem):
        raise ContentError([data], "region-import")
    try:
        csv_text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        problem = Problem(str(file), 1, 1, said("save the file as UTF-8"), "yaml-encoding")
        raise ContentError([problem], "region-import") from None
    imported = import_region(csv_text, str(file), known, datetime.date.today(), load_pathway)
    if imported.text is None:
        raise ContentError(imported.problems, "region-import")
    if imported.contacts == 0 and known.contacts and not allow_empty:
        raise SamenReferError.of("region-import-empty", file=str(file), region=known.id, n=len(known.contacts))
    for warning in imported.problems:
        typer.echo(warning.told(lang.value), err=True)
    deliver(imported.text, output, lang.value, force, private=False)
