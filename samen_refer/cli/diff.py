"""``samen-refer diff``: what changed in behaviour between two versions of a pathway, for pull requests."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from samen_refer.cli.options import Lang, LangOption, maintained


class DiffFormat(str, Enum):
    markdown = "markdown"
    json = "json"


def diff(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(
            metavar="OLD NEW",
            help="Two pathway files or two pathways directories; with --base, only NEW (default: inside a checkout, "
            "its pathways folder).",
            show_default=False,
        ),
    ] = None,
    base: Annotated[
        Optional[str],
        typer.Option(
            "--base", help="Compare NEW with its version in this git commit, branch or tag.", show_default=False
        ),
    ] = None,
    pathway: Annotated[
        Optional[str],
        typer.Option("--pathway", help="The pathway id to compare in directories (default: sggg).", show_default=False),
    ] = None,
    lang: LangOption = Lang.nl,
    output: Annotated[DiffFormat, typer.Option("--format", help="markdown or json.")] = DiffFormat.markdown,
) -> None:
    """Show what changed in behaviour between two versions of a pathway: the advice on every route, questions and
    options, and the texts helpers read. Exit 0 whether or not anything changed."""
    from samen_refer.checks.load import load_at_commit, load_version, regions_at_commit, regions_of
    from samen_refer.engine.behaviour import compare
    from samen_refer.engine.contact_diff import compare_facts
    from samen_refer.engine.region_diff import compare_regions
    from samen_refer.problem import SamenReferError

    if base is not None and not base.strip():
        raise SamenReferError.of("diff-base-empty")
    if base and not paths:
        paths = [maintained(None, lang).root]
    paths = paths or []
    if len(paths) != (1 if base else 2):
        raise SamenReferError.of("diff-base-paths" if base else "diff-paths", n=len(paths))
    old = load_at_commit(base, paths[0], pathway) if base else load_version(paths[0], pathway)
    new = load_version(paths[-1], pathway)
    result = compare(old, new, lang.value)
    old_regions = regions_at_commit(base, paths[0], pathway) if base else regions_of(paths[0], pathway)
    new_regions = regions_of(paths[-1], pathway)
    regional = compare_regions(old_regions, new_regions)
    facts = compare_facts(old.contacts, new.contacts, old_regions, new_regions)
    if output is DiffFormat.json:
        import json

        from samen_refer.engine.region_diff import region_changes_data
        from samen_refer.render.diff import diff_data

        data = diff_data(result)
        if regional:  # only when there are: the contract of a pathway's diff stays as it was
            data["regions"] = region_changes_data(regional)
        if facts.changes:  # the same
            from samen_refer.engine.contact_diff import facts_data

            data["contact_facts"] = facts_data(facts)
        typer.echo(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        from samen_refer.engine.region_diff import region_markdown
        from samen_refer.render.diff import markdown

        typer.echo(markdown(result, lang.value, facts) + region_markdown(regional, lang.value), nl=False)
