"""Regions: ``pathways/regions/<id>.yaml``, a region's own social map, checked against the pathway it serves and
against the other regions. Its shapes are read by ``format/region.py``; its contacts' dates are checked as those of
``contacts.yaml`` (``checks.contacts``: ``contact-stale`` after 365 days, an error after 730).

``region-id``
    The region id differs from its file name. Failing, in ``regions/nijmegen.yaml``: ``id: nijmwegen``.
``duplicate-id``
    Two contacts of the region share an id, or a regional contact has the id of a national one. Failing: a regional
    ``- id: veilig-thuis``.
``unknown-pathway``
    The region names a pathway that is not beside its folder, or another one than it is used with. Failing:
    ``pathway: sgg``.
``unknown-contact``
    ``after`` names a contact that is not in ``contacts.yaml``. Failing: ``after: huisart``.
``unknown-question``, ``unknown-option``
    ``serves`` names a question the pathway does not have, or an option its question does not have. Failing:
    ``serves: {status: maybe}``.
``region-overlap``
    A municipality is in two regions: a key person there would not know whose map is current. Failing:
    ``municipalities: [Nijmegen]`` in both ``nijmegen.yaml`` and ``arnhem.yaml``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from pathlib import Path

from samen_refer.checks.contacts import contact_age_problems, duplicate_contact_problems
from samen_refer.checks.references import condition_problems
from samen_refer.format.pathway import Pathway
from samen_refer.format.region import Region, parse_region
from samen_refer.format.shape import Pos
from samen_refer.format.source import Document, read_document
from samen_refer.problem import Problem, Said, said


def read_region(path: Path, read: Callable[[Path], Document] = read_document) -> tuple[Region | None, list[Problem]]:
    """Read a region file with the checks of the file alone (its id, duplicate contact ids); every problem found is
    returned, the region only when it has no errors."""
    region, problems = parse_region(path, read)
    if region is None:
        return None, problems
    problems += own_problems(region, path.stem)
    return (None if any(p.severity == "error" for p in problems) else region), problems


def own_problems(region: Region, stem: str) -> list[Problem]:
    """What is wrong in a region file alone: an id that is not its file name, contacts that share an id."""
    out = duplicate_contact_problems(region.path, (c.contact for c in region.contacts))
    if region.id != stem:
        message = said("region id '{id}' differs from its file name '{stem}.yaml'", id=region.id, stem=stem)
        out.insert(0, Problem(region.path, 1, 1, message, "region-id"))
    return out


def region_reference_problems(region: Region, pathway: Pathway) -> list[Problem]:
    """What a region says about its pathway that the pathway does not have: the pathway itself, questions and
    options in ``serves`` (the same check as a block's ``when``), and contact ids that are already national ones."""
    out: list[Problem] = []

    def report(at: Pos, message: Said, check: str) -> None:
        out.append(Problem(region.path, at[0], at[1], message, check))

    if region.pathway != pathway.id:
        report(
            region.at,
            said("region '{id}' is for pathway '{pathway}', not '{used}'", id=region.id, pathway=region.pathway,
                 used=pathway.id),
            "unknown-pathway",
        )  # fmt: skip
        return out
    questions = {q.id: q for q in pathway.questions}
    for regional in region.contacts:
        if regional.contact.id in pathway.contacts:
            report(
                regional.contact.at,
                said("contact id '{id}' is already a national contact: choose another id", id=regional.contact.id),
                "duplicate-id",
            )
        if regional.after is not None and regional.after not in pathway.contacts:
            report(
                regional.contact.at,
                said("unknown contact '{contact}' (not in {file})", contact=regional.after, file=pathway.contacts_file),
                "unknown-contact",
            )
        out += condition_problems(region.path, regional.serves, questions)
    return out


def region_problems(
    path: Path, today: datetime.date, pathway_for: Callable[[Path], Pathway | None]
) -> tuple[Region | None, list[Problem]]:
    """Every problem of one region file: its shapes and id, its contacts' dates, and its references to the pathway
    beside its folder (``pathway_for`` gives it, or None when it is broken: it has its own problems)."""
    region, problems = read_region(path)
    if region is None:
        return None, problems
    return region, problems + region_use_problems(region, path, today, pathway_for)


def region_use_problems(
    region: Region, path: Path, today: datetime.date, pathway_for: Callable[[Path], Pathway | None]
) -> list[Problem]:
    """The problems of a region that could be read (``path`` is where its file is): its contacts' dates against
    today, and its references to the pathway beside its folder. ``regions import`` runs them too, before it writes."""
    problems = contact_age_problems(region.path, (c.contact for c in region.contacts), today)
    pathway_path = path.parent.parent / f"{region.pathway}.yaml"
    if not pathway_path.is_file():
        problems.append(
            Problem(
                region.path, *region.at,
                said("there is no pathway '{pathway}' beside this region's folder", pathway=region.pathway),
                "unknown-pathway",
            )
        )  # fmt: skip
        return problems
    pathway = pathway_for(pathway_path)
    if pathway is not None:
        problems += region_reference_problems(region, pathway)
    return problems


def overlap_problems(regions: Sequence[Region]) -> list[Problem]:
    """A municipality claimed by two regions: a key person there would not know whose map is current."""
    out = []
    first: dict[str, Region] = {}
    for region in regions:
        for municipality in region.municipalities:
            key = municipality.casefold().strip()
            earlier = first.setdefault(key, region)
            if earlier is not region:
                out.append(
                    Problem(
                        region.path, *region.at,
                        said(
                            "municipality '{municipality}' is also in region '{other}': give it to one region",
                            municipality=municipality, other=earlier.id,
                        ),
                        "region-overlap",
                    )
                )  # fmt: skip
    return out
