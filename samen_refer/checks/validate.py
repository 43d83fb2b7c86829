"""``validate``: every check on pathways, contacts, regions and scenarios, collected as problems (never raised).

Every file that can be parsed is checked as far as it can be understood, so one run reports every problem: the
shapes (``format/shape.py``), the references (``checks.references``), the structure and the safety invariants on
every route when nothing they depend on is broken (``checks.structure``, ``checks.invariants``), privacy, contacts,
regions (``checks.regions``) and scenarios. Only a file that cannot be parsed at all (YAML syntax, encoding, size)
stops at that one problem.

``nothing-to-check``
    A directory given to validate holds no pathway, or a folder cannot be read: a typo in a CI path must not pass
    as "0 errors". Failing: ``samen-refer validate pathway/`` (the folder is ``pathways/``).
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from samen_refer.checks.contacts import duplicate_problems, stale_problems
from samen_refer.checks.invariants import invariant_problems
from samen_refer.checks.positions import place_problems, position_problems, use_problems
from samen_refer.checks.privacy import privacy_problems
from samen_refer.checks.references import reference_problems
from samen_refer.checks.regions import overlap_problems, region_problems
from samen_refer.checks.scenarios import check_scenario
from samen_refer.checks.structure import structure_problems
from samen_refer.format.contact import parse_directory
from samen_refer.format.library import CONTACTS_FILE
from samen_refer.format.pathway import Parsed, Pathway, parse_pathway
from samen_refer.format.region import REGIONS_FOLDER, Region
from samen_refer.problem import Problem, Said, said

# Reference problems after which the routes cannot be followed, or would only echo them.
_ROUTE_BREAKERS = frozenset({"duplicate-id", "unknown-question", "unknown-option", "unknown-contact", "unknown-step",
                             "id-reserved", "dead-end"})  # fmt: skip
# The parts of a pathway the routes depend on: when one of them lost something, the routes are not followed.
_ROUTE_PARTS = ("question", "option", "rule", "block", "step", "contact in a block", "invariant", "expect")


class Report(NamedTuple):
    """All problems found, and which files were read."""

    problems: tuple[Problem, ...]
    files: tuple[str, ...]

    @property
    def errors(self) -> int:
        """How many problems are errors."""
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        """How many problems are warnings."""
        return sum(p.severity == "warning" for p in self.problems)


def pathway_problems(path: Path, parsed: Parsed) -> list[Problem]:
    """Every check on a pathway as far as it could be read: its references, privacy, and, when nothing the routes
    depend on is broken, its structure and invariants (only its loops, when every question could be read)."""
    pathway, damage = parsed.pathway, parsed.damage
    if pathway is None:
        return []
    problems = reference_problems(pathway, path.stem, damage) + privacy_problems(pathway)
    lost = {key for record, key in damage.lost if record == "pathway"}
    if damage.hurt("question") or "questions" in lost:
        return problems
    contacts = pathway.directory.by_id() if pathway.directory else {}
    dropped_contacts = damage.hurt("contact", None) or any(
        record == "contact" and contact_id not in contacts for record, contact_id in damage.written
    )
    routes = not (
        any(damage.hurt(part) for part in _ROUTE_PARTS)
        or dropped_contacts
        or ("contacts file", "contacts") in damage.lost
        or lost & {"start", "blocks", "invariants"}
        or any(p.check in _ROUTE_BREAKERS for p in problems)
    )
    problems += use_problems(pathway) + place_problems(pathway)
    structure, explored = structure_problems(pathway, routes)
    if explored is None:
        return problems + structure
    return problems + structure + invariant_problems(pathway, explored) + position_problems(pathway, explored)


def files_to_check(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """The files a list of files and directories stands for (a directory means its pathways, contacts, scenarios and
    regions), and a problem for each directory where nothing can be checked: no pathway in it, or a folder that
    cannot be read. A typo in a CI path must not pass as '0 errors'."""
    out: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if not path.is_dir():
            out.append(path)
            continue
        found, trouble = yaml_files(path)
        if trouble:
            problems.append(Problem(str(path), 1, 1, trouble, "nothing-to-check"))
        elif not any(p.name != CONTACTS_FILE for p in found):
            problems.append(
                Problem(
                    str(path), 1, 1, said("no pathway file (*.yaml) here, so nothing was checked"), "nothing-to-check"
                )
            )
        scenarios, trouble = yaml_files(path / "scenarios")
        if trouble:
            problems.append(Problem(str(path / "scenarios"), 1, 1, trouble, "nothing-to-check"))
        regions, trouble = yaml_files(path / REGIONS_FOLDER)
        if trouble:
            problems.append(Problem(str(path / REGIONS_FOLDER), 1, 1, trouble, "nothing-to-check"))
        out += found + scenarios + regions
    return list(dict.fromkeys(out)), problems


def yaml_files(folder: Path) -> tuple[list[Path], Said | None]:
    """The *.yaml files in a folder, sorted; or why the folder cannot be read (a missing folder has none)."""
    try:
        with os.scandir(folder) as entries:
            return sorted(Path(e.path) for e in entries if e.name.endswith(".yaml")), None
    except FileNotFoundError:
        return [], None
    except OSError as exc:
        return [], said(
            "cannot read this folder ({reason}), so its files were not checked", reason=str(exc.strerror or exc)
        )


def _kind(path: Path) -> str:
    if path.name == CONTACTS_FILE:
        return "contacts"
    if path.parent.name == "scenarios":
        return "scenario"
    if path.parent.name == REGIONS_FOLDER:
        return "region"
    return "pathway"


def validate(paths: Iterable[Path], today: datetime.date) -> Report:
    """Run every check on the given files and directories."""
    files, unchecked = files_to_check(paths)
    problems: set[Problem] = set(unchecked)
    pathways: dict[Path, Pathway | None] = {}

    def pathway_for(path: Path) -> Pathway | None:
        """The pathway, checked once; None when it has an error (scenarios are not checked against it then)."""
        if path not in pathways:
            parsed = parse_pathway(path)
            found = parsed.problems + pathway_problems(path, parsed)
            if parsed.pathway is not None and parsed.pathway.directory is not None:
                found += duplicate_problems(parsed.pathway.directory)
            problems.update(found)
            pathways[path] = None if any(p.severity == "error" for p in found) else parsed.pathway
        return pathways[path]

    def scenario_pathway(folder: Path) -> Callable[[str], Pathway | Said | None]:
        def named(pathway_id: str) -> Pathway | Said | None:
            pathway_path = folder / f"{pathway_id}.yaml"
            if not pathway_path.is_file():
                return said("there is no pathway '{pathway}' beside this scenario", pathway=pathway_id)
            return pathway_for(pathway_path)

        return named

    regions: list[Region] = []
    for path in files:
        kind = _kind(path)
        if kind == "region":
            region, found = region_problems(path, today, pathway_for)
            problems.update(found)
            if region is not None:
                regions.append(region)
        elif kind == "contacts":
            directory, found, _ = parse_directory(path)
            problems.update(found)
            if directory is not None:
                problems.update(duplicate_problems(directory))
                problems.update(stale_problems(directory, today))
        elif kind == "pathway":
            pathway_for(path)
        else:
            problems.update(check_scenario(path, scenario_pathway(path.parent.parent)))
    problems.update(overlap_problems(regions))
    return Report(tuple(sorted(problems)), tuple(str(f) for f in files))
