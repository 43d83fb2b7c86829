"""``validate``: every check on pathways, contacts and scenarios, collected as problems (never raised)."""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from samen_refer.engine.analysis import Exploration, TooComplex, explore, find_cycle, flow_questions
from samen_refer.engine.endings import Endings, lowest
from samen_refer.engine.route import Answer, build_outcome
from samen_refer.format.contact import Contact, Directory, read_directory
from samen_refer.format.language import pick
from samen_refer.format.pathway import Pathway, read_pathway
from samen_refer.format.region import REGIONS_FOLDER, Region, overlap_problems, read_region, reference_problems
from samen_refer.format.scenario import read_scenario, scenario_problems, scenario_region, shortfalls
from samen_refer.problem import Problem, Said, said

STALE_AFTER_DAYS = 365  # a warning: check the facts again
STALE_ERROR_DAYS = 730  # an error: facts this old are not to be shown to a person in need
CONTACTS_FILE = "contacts.yaml"
# What a key person must never be asked to type or record about the person they help.
IDENTIFYING = re.compile(
    r"\b(naam|name|adres|address|woonplaats|geboortedatum|date of birth|birthday|bsn|burgerservicenummer|"
    r"v-nummer|telefoonnummer|phone number|e-?mail)\b",
    re.IGNORECASE,
)


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


def _route_text(route: Iterable[Answer]) -> str | Said:
    return ", ".join(f"{a.question}={a.option}" for a in route) or said("(no answers)")


def structure_problems(pathway: Pathway) -> tuple[list[Problem], Exploration | None]:
    """Loops, unreachable questions and blocks, rules never taken, empty advice and failed invariants."""
    out: list[Problem] = []

    def report(at: tuple[int, int], message: Said, check: str) -> None:
        out.append(Problem(pathway.path, at[0], at[1], message, check))

    cycle = find_cycle(pathway)
    if cycle:
        first = pathway.question(cycle[0])
        report(
            first.at if first else (1, 1),
            said("questions lead back in a loop: {cycle}", cycle=" -> ".join(cycle)),
            "cycle",
        )
        return out, None
    try:
        flow = explore(pathway, flow_questions(pathway))  # which questions and rules are used: few states, mostly
        exploration = explore(pathway)  # what every ending advises: the blocks' and invariants' answers too
    except TooComplex as exc:
        first = pathway.question(exc.questions[0][0]) if exc.questions else None
        report(first.at if first else (1, 1), exc.said, "too-complex")
        return out, None
    asked = {state[0] for state in flow.parents}
    for question in pathway.questions:
        if question.id not in asked:
            report(
                question.at, said("no route asks question '{question}'", question=question.id), "unreachable-question"
            )
            continue
        for option_id, rules in [(None, question.next), *((o.id, o.next) for o in question.options)]:
            for index, rule in enumerate(rules or ()):
                if rule.when is not None and (question.id, option_id, index) not in flow.rules_used:
                    report(
                        rule.at,
                        said(
                            "this rule to '{question}' is never taken: its condition cannot hold here", question=rule.to
                        ),
                        "never-true-condition",
                    )
    endings = Endings(exploration)
    for block in pathway.blocks:
        if not endings.blocks[block.id]:
            report(block.at, said("no route includes block '{block}'", block=block.id), "unreachable-block")
    for missing, mask in (
        (said("a route ends in advice without any step: {route}"), endings.without_steps()),
        (said("a route ends in advice without any contact: {route}"), endings.without_contacts()),
    ):
        if mask:
            route = _route_text(exploration.shortest_route(exploration.ends[lowest(mask)]))
            report((1, 1), missing._replace(values=(("route", route),)), "empty-outcome")
    for invariant in pathway.invariants:
        scope = endings.holds(invariant.when, True) & ~endings.holds(invariant.unless, False)
        failing = endings.failing(invariant.expect) & scope
        if failing:
            end = exploration.ends[lowest(failing)]
            trouble = tuple(shortfalls(build_outcome(pathway, exploration.answers(end)), invariant.expect))
            route = _route_text(exploration.shortest_route(end))
            message = said(
                "invariant '{id}' fails: {trouble}. Shortest route: {route}",
                id=invariant.id,
                trouble=trouble,
                route=route,
            )
            report(invariant.at, message, "invariant")
    return out, exploration


def privacy_problems(pathway: Pathway) -> list[Problem]:
    """Questions whose text asks for something that identifies the person."""
    out = []
    for question in pathway.questions:
        for lang in pathway.languages:
            found = IDENTIFYING.search(pick(question.text, lang))
            if found:
                out.append(
                    Problem(
                        pathway.path, *question.at,
                        said(
                            "question '{question}' asks about '{found}': "
                            "never ask for details that identify the person",
                            question=question.id, found=found.group(0),
                        ),
                        "privacy-identifying",
                    )
                )  # fmt: skip
                break
    return out


def stale_problems(directory: Directory, today: datetime.date) -> list[Problem]:
    """Contacts not verified in the last year (warnings) or two years (errors), or 'verified' on a day still to
    come (errors: such a contact would never go stale)."""
    return contact_age_problems(directory.path, directory.contacts, today)


def contact_age_problems(path: str, contacts: Iterable[Contact], today: datetime.date) -> list[Problem]:
    """The age checks of ``stale_problems``, for the contacts of any file (contacts.yaml or a region)."""
    out = []
    for contact in contacts:
        age = (today - datetime.date.fromisoformat(contact.verified)).days
        if age < -1:  # a day of slack for time zones
            out.append(
                Problem(
                    path, *contact.at,
                    said(
                        "contact '{id}' was verified on {date}, which is in the future; "
                        "write the date its facts were checked",
                        id=contact.id, date=contact.verified,
                    ),
                    "contact-verified",
                )
            )  # fmt: skip
            continue
        if age > STALE_AFTER_DAYS:
            out.append(
                Problem(
                    path, *contact.at,
                    said(
                        "contact '{id}' was verified {age} days ago ({date}); check its facts again",
                        id=contact.id, age=age, date=contact.verified,
                    ),
                    "contact-stale", "error" if age > STALE_ERROR_DAYS else "warning",
                )
            )  # fmt: skip
    return out


def _kind(path: Path) -> str:
    if path.name == CONTACTS_FILE:
        return "contacts"
    if path.parent.name == "scenarios":
        return "scenario"
    if path.parent.name == REGIONS_FOLDER:
        return "region"
    return "pathway"


def files_to_check(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """The files a list of files and directories stands for (a directory means its pathways, contacts and
    scenarios), and a problem for each directory where nothing can be checked: no pathway in it, or a folder that
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


def validate(paths: Iterable[Path], today: datetime.date) -> Report:
    """Run every check on the given files and directories."""
    files, unchecked = files_to_check(paths)
    problems: set[Problem] = set(unchecked)
    pathways: dict[Path, Pathway | None] = {}

    def pathway_for(path: Path) -> Pathway | None:
        if path not in pathways:
            pathway, found = read_pathway(path)
            problems.update(found)
            if pathway is not None:
                problems.update(privacy_problems(pathway))
                problems.update(structure_problems(pathway)[0])
            pathways[path] = pathway
        return pathways[path]

    regions: list[Region] = []
    for path in files:
        kind = _kind(path)
        if kind == "region":
            region, found = read_region(path)
            problems.update(found)
            if region is None:
                continue
            regions.append(region)
            problems.update(contact_age_problems(region.path, (c.contact for c in region.contacts), today))
            pathway_path = path.parent.parent / f"{region.pathway}.yaml"
            pathway = pathway_for(pathway_path) if pathway_path.is_file() else None
            if pathway is not None:
                problems.update(reference_problems(region, pathway))
            elif not pathway_path.is_file():
                problems.add(
                    Problem(
                        region.path, *region.at,
                        said("there is no pathway '{pathway}' beside this region's folder", pathway=region.pathway),
                        "unknown-pathway",
                    )
                )  # fmt: skip
        elif kind == "contacts":
            directory, found = read_directory(path)
            problems.update(found)
            if directory is not None:
                problems.update(stale_problems(directory, today))
        elif kind == "pathway":
            pathway_for(path)
        else:
            scenario, found = read_scenario(path)
            problems.update(found)
            if scenario is None:
                continue
            pathway_path = path.parent.parent / f"{scenario.pathway}.yaml"
            if not pathway_path.is_file():
                problems.add(
                    Problem(
                        str(path),
                        *scenario.at,
                        said("there is no pathway '{pathway}' beside this scenario", pathway=scenario.pathway),
                        "unknown-pathway",
                    )
                )
                continue
            pathway = pathway_for(pathway_path)
            region, found = scenario_region(scenario, path.parent.parent)
            problems.update(found)
            if pathway is not None and (scenario.region is None or region is not None):
                problems.update(scenario_problems(pathway, scenario, region))
    problems.update(overlap_problems(regions))
    return Report(tuple(sorted(problems)), tuple(str(f) for f in files))
