"""The Typer application: each command parses its options and calls one function of its own module."""

from __future__ import annotations

import typer

from samen_refer import __version__
from samen_refer.cli import contacts, diff, graph, handout, pathways, route, routes, schema, start, validate
from samen_refer.cli.boundary import BoundaryGroup
from samen_refer.cli.scenarios import scenarios_app

app = typer.Typer(
    cls=BoundaryGroup,
    name="samen-refer",
    help=(
        "Work out, calmly and offline, where to refer someone after sexual or gender-based violence.\n\n"
        "Nothing is stored or sent. Add --debug anywhere to see details of an internal error."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"samen-refer {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """Work out, calmly and offline, where to refer someone after sexual or gender-based violence."""


app.command("start")(start.start)
app.command("route")(route.route)
app.command("contacts")(contacts.contacts)
app.command("pathways")(pathways.pathways)
app.command("validate")(validate.validate)
app.command("routes")(routes.routes)
app.command("schema")(schema.schema)
app.command("graph")(graph.graph)
app.command("diff")(diff.diff)
app.command("handout")(handout.handout)
app.add_typer(scenarios_app, name="scenarios")


def main() -> None:
    """Entry point of the ``samen-refer`` script."""
    typer.main.get_command(app).main(prog_name="samen-refer")
