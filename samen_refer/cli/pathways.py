"""``samen-refer pathways``."""

from __future__ import annotations

from samen_refer.cli.options import Lang, LangOption, PathwaysOption


def pathways(lang: LangOption = Lang.nl, pathways: PathwaysOption = None) -> None:
    """List the pathways available (built in, or in --pathways DIR)."""
    from samen_refer.checks.load import open_pathway
    from samen_refer.format.library import Library
    from samen_refer.render.show import make_console, print_pathways

    library = Library.open(pathways)
    loaded = [open_pathway(library, pathway_id) for pathway_id in library.pathway_ids()]
    print_pathways(make_console(), loaded, lang.value)
