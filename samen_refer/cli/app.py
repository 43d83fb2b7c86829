"""The Typer application: each command parses its options and calls one function of its own module.

A run of ``samen-refer COMMAND`` builds an application with only that command, so start-up does not pay for
importing and building the others; ``--help`` and the tests get the whole application (``app``).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable
from typing import Any, Final

import typer

from samen_refer import __version__
from samen_refer.cli.boundary import BoundaryGroup

# command name -> (module in samen_refer.cli, function or Typer sub-application), in the order --help lists them
COMMANDS: Final[dict[str, tuple[str, str]]] = {
    "start": ("start", "start"),
    "route": ("route", "route"),
    "contacts": ("contacts", "contacts"),
    "pathways": ("pathways", "pathways"),
    "regions": ("regions", "regions_app"),
    "handout": ("handout", "handout"),
    "web": ("web", "web"),
    "scenarios": ("scenarios", "scenarios_app"),
    "validate": ("validate", "validate"),
    "routes": ("routes", "routes"),
    "graph": ("graph", "graph"),
    "diff": ("diff", "diff"),
    "schema": ("schema", "schema"),
}
HELP: Final = (
    "Work out, calmly and offline, where to refer someone after sexual or gender-based violence.\n\n"
    "Nothing is stored or sent. Add --debug anywhere to see details of an internal error."
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"samen-refer {__version__}")
        raise typer.Exit()


def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """Work out, calmly and offline, where to refer someone after sexual or gender-based violence."""


def make_app(names: Iterable[str] = COMMANDS) -> typer.Typer:
    """The application with these commands."""
    application = typer.Typer(
        cls=BoundaryGroup,
        name="samen-refer",
        help=HELP,
        no_args_is_help=True,
        add_completion=True,  # --install-completion, --show-completion; the sub-applications add none of their own
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    application.callback()(main_options)
    for name in names:
        module, attribute = COMMANDS[name]
        target = getattr(importlib.import_module(f"samen_refer.cli.{module}"), attribute)
        if isinstance(target, typer.Typer):
            application.add_typer(target, name=name)
        else:
            application.command(name)(target)
    return application


def __getattr__(name: str) -> Any:
    """``app``: the whole application, built when first asked for."""
    if name == "app":
        whole = make_app()
        globals()["app"] = whole
        return whole
    raise AttributeError(name)


def main() -> None:
    """Entry point of the ``samen-refer`` script."""
    chosen = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), None)
    application = make_app([chosen]) if chosen in COMMANDS else make_app()
    typer.main.get_command(application).main(prog_name="samen-refer")
