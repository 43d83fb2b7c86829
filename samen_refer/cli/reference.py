"""The CLI reference in README.md, generated from the commands themselves: every command's ``--help`` in English.

``python -m samen_refer.cli.reference --update`` rewrites the part of README.md between the markers;
``--check`` exits 1 when that part is not what the commands say now (the tests and ``.ci/run`` check it).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Final

import typer

REFERENCE_START: Final = "<!-- cli-reference:start -->"
REFERENCE_END: Final = "<!-- cli-reference:end -->"
REFERENCE_WIDTH: Final = 100  # columns of the help text in the reference, whatever the terminal
README_PATH: Final = Path(__file__).resolve().parents[2] / "README.md"


def _help_pages(command: Any, ctx: Any) -> Iterator[tuple[str, str]]:
    """(the command's full name, its ``--help``) for the command and every command below it, in --help's order."""
    yield ctx.command_path, command.get_help(ctx).rstrip()
    for name in command.list_commands(ctx) if hasattr(command, "list_commands") else ():
        sub = command.get_command(ctx, name)
        with typer.Context(
            sub, info_name=name, parent=ctx, terminal_width=REFERENCE_WIDTH, max_content_width=REFERENCE_WIDTH
        ) as inner:
            yield from _help_pages(sub, inner)


def reference() -> str:
    """The reference as Markdown: one section per command, its help as the terminal shows it (in English)."""
    from samen_refer.cli.app import make_app
    from samen_refer.cli.speech import speak

    root = typer.main.get_command(make_app())
    speak(root, "en")  # Typer's own words in English, also after a run in another language in this process
    parts = []
    with typer.Context(
        root, info_name="samen-refer", terminal_width=REFERENCE_WIDTH, max_content_width=REFERENCE_WIDTH
    ) as ctx:
        for path, page in _help_pages(root, ctx):
            parts.append(f"#### `{path}`\n\n```text\n{page}\n```\n")
    return "\n".join(parts)


def with_reference(readme: str, generated: str) -> str:
    """The README with the part between the markers replaced by ``generated``."""
    head, start, rest = readme.partition(REFERENCE_START)
    _, end, tail = rest.partition(REFERENCE_END)
    if not start or not end:
        raise ValueError(f"README.md needs the markers {REFERENCE_START} and {REFERENCE_END}")
    return f"{head}{REFERENCE_START}\n\n{generated}\n{REFERENCE_END}{tail}"


def main(argv: Sequence[str] | None = None) -> int:
    """``--update`` writes the reference into README.md; ``--check`` says whether it is current (exit 1 if not)."""
    argv = sys.argv[1:] if argv is None else argv
    path = Path(argv[1]) if len(argv) > 1 else README_PATH
    readme = path.read_text(encoding="utf-8")
    current = with_reference(readme, reference())
    if argv[:1] == ["--update"]:
        if current != readme:
            path.write_text(current, encoding="utf-8")
        return 0
    if argv[:1] == ["--check"]:
        if current == readme:
            return 0
        print(f"{path}: the CLI reference is out of date; run: python -m samen_refer.cli.reference --update")
        return 1
    print("usage: python -m samen_refer.cli.reference --update|--check [README.md]")
    return 2


if __name__ == "__main__":
    sys.exit(main())
