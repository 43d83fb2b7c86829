"""Loading for use: a pathway or contacts file that every command may trust, because it passed the checks that
need no routes (its YAML, its shapes, its references, its contacts' ids).

The interactive commands (``start``, ``route``, ``web`` ...) load through here and refuse a file with any error, as
before: unlike ``validate``, they stop at the first kind of trouble (YAML that cannot be trusted is not read further,
and references are checked only when every part could be read), so their messages stay short.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from samen_refer.checks.contacts import duplicate_problems
from samen_refer.checks.references import reference_problems
from samen_refer.format.contact import Directory, parse_directory
from samen_refer.format.library import CONTACTS_FILE, Library
from samen_refer.format.pathway import Pathway, parse_pathway
from samen_refer.format.region import REGIONS_FOLDER, Region
from samen_refer.format.shape import NO_DAMAGE, Damage
from samen_refer.format.source import Document, read_document
from samen_refer.problem import ContentError, Problem


def _errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


def read_directory(
    path: Path, read: Callable[[Path], Document] = read_document
) -> tuple[Directory | None, list[Problem]]:
    """Read a contacts file; every problem found is returned, the directory only when it has no errors."""
    directory, problems, _ = parse_directory(path, read, trusting=True)
    if directory is None or problems:
        return None, problems
    problems = duplicate_problems(directory)
    return (None if _errors(problems) else directory), problems


def read_pathway(
    path: Path, directory: Directory | None = None, read: Callable[[Path], Document] = read_document
) -> tuple[Pathway | None, list[Problem]]:
    """Read a pathway and its contacts file; all problems are returned, the pathway only if it has no errors.
    ``read`` reads each file (``diff --base`` reads them from git, in memory)."""
    parsed = parse_pathway(path, directory, read, trusting=True)
    pathway, problems = parsed.pathway, list(parsed.problems)
    if pathway is None:
        return None, problems
    contacts_unknown = NO_DAMAGE
    if pathway.directory is not None and directory is None:
        duplicates = duplicate_problems(pathway.directory)
        if duplicates:  # contacts that cannot be told apart: references to them are not checked
            problems += duplicates
            contacts_unknown = Damage(lost=frozenset({("contacts file", "contacts")}))
    if not any(p.path == pathway.path for p in problems):  # a broken question or block would only echo
        problems += reference_problems(pathway, path.stem, contacts_unknown)
    if _errors(problems):
        return None, problems
    return pathway, problems


def load_pathway(
    path: Path, directory: Directory | None = None, read: Callable[[Path], Document] = read_document
) -> Pathway:
    """Read a pathway or raise ``ContentError`` with every problem."""
    pathway, problems = read_pathway(path, directory, read)
    if pathway is None:
        raise ContentError(problems)
    return pathway


def load_directory(path: Path) -> Directory:
    """Read a contacts file or raise ``ContentError`` with every problem."""
    directory, problems = read_directory(path)
    if directory is None:
        raise ContentError(problems)
    return directory


def open_pathway(library: Library, pathway_id: str | None) -> Pathway:
    """Load and check one pathway of a library (without an id, its default one) with its contacts."""
    return load_pathway(library.pathway_path(pathway_id))


def open_contacts(library: Library) -> Directory:
    """Load the contacts file of a library."""
    return load_directory(library.root / CONTACTS_FILE)


def load_region(path: Path) -> Region:
    """Read a region file or raise ``ContentError`` with every problem of the file alone."""
    from samen_refer.checks.regions import read_region  # only with a region: `route` without one stays lean

    region, problems = read_region(path)
    if region is None:
        raise ContentError(problems)
    return region


def open_region(library: Library, region_id: str) -> Region:
    """Load one region of a library."""
    return load_region(library.region_path(region_id))


def open_regions(library: Library) -> list[Region]:
    """Load every region of a library, in id order."""
    return [open_region(library, region_id) for region_id in library.region_ids()]


def region_for(library: Library, region_id: str | None, pathway: Pathway) -> Region | None:
    """The region to add to this pathway's advice (``None`` without one), checked against the pathway."""
    if region_id is None:
        return None
    from samen_refer.checks.regions import region_reference_problems

    region = open_region(library, region_id)
    problems = region_reference_problems(region, pathway)
    if problems:
        raise ContentError(problems)
    return region


def load_version(path: Path, pathway_id: str | None) -> Pathway:
    """Load the pathway a path stands for (a file, or the pathway ``pathway_id`` in a directory)."""
    from samen_refer.format.revision import pathway_file  # only diff needs it

    return load_pathway(pathway_file(path, pathway_id))


def load_at_commit(ref: str, new: Path, pathway_id: str | None) -> Pathway:
    """The pathway as it was in git commit ``ref``, with its contacts file, read from git in memory."""
    from samen_refer.format.revision import at_commit

    path, read = at_commit(ref, new, pathway_id)
    try:
        return load_pathway(path, read=read)
    except ContentError as exc:
        raise ContentError(exc.problems, "base-unreadable", ref=ref) from None


def regions_of(path: Path, pathway_id: str | None) -> list[Region]:
    """The regions beside the pathway a path stands for (none when there is no regions folder)."""
    from samen_refer.format.revision import pathway_file

    folder = pathway_file(path, pathway_id).parent
    return open_regions(Library(folder)) if (folder / REGIONS_FOLDER).is_dir() else []


def regions_at_commit(ref: str, new: Path, pathway_id: str | None) -> list[Region]:
    """The regions as they were in git commit ``ref``, read from git in memory; a file that cannot be read then is
    left out (the pathway's own diff already says when the commit cannot be read)."""
    from samen_refer.checks.regions import read_region
    from samen_refer.format.revision import regions_at_commit_files

    out = []
    for path, read in regions_at_commit_files(ref, new, pathway_id):
        region, _ = read_region(path, read)
        if region is not None:
            out.append(region)
    return out
