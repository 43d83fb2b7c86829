"""Scenarios: each practice case against its pathway as it is now, for ``validate`` and ``scenarios check`` alike.

A scenario is checked only when its file and its pathway could both be read without errors: a broken pathway has its
own problems, and a scenario against a part of it that could not be read would only echo them.

``scenario-id``
    The scenario id differs from its file name. Failing, in ``scenarios/s01.yaml``: ``id: s1``.
``unknown-pathway``
    The scenario names a pathway that is not beside it. Failing: ``pathway: sgg``.
``unknown-question``, ``unknown-option``
    An answer names a question the pathway does not have, or an option its question does not have. Failing:
    ``answers: {danger: maybe}``.
``scenario-mismatch``
    The advice for the scenario's answers differs from its ``expect``, an answer is not asked on its route, or the
    answers stop before the advice. Failing: ``expect: {first_contact: politie}`` where the route gives
    ``politie-112`` first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Final

from samen_refer.checks.regions import read_region
from samen_refer.engine.endings import unmet
from samen_refer.engine.route import Route, follow
from samen_refer.format.expectation import Expectation
from samen_refer.format.pathway import Pathway
from samen_refer.format.region import REGIONS_FOLDER, Region
from samen_refer.format.scenario import Scenario, parse_scenario, scenario_files, scenario_paths
from samen_refer.format.shape import Pos
from samen_refer.problem import ContentError, Problem, Said, said

if TYPE_CHECKING:
    from samen_refer.engine.route import Outcome
    from samen_refer.format.library import Library


def read_scenario(path: Path) -> tuple[Scenario | None, list[Problem]]:
    """Read one scenario file; the scenario only when it has no errors (its id is that of its file, too)."""
    scenario, problems = parse_scenario(path)
    if scenario is None:
        return None, problems
    if scenario.id != path.stem:
        problems.append(
            Problem(
                scenario.path,
                *scenario.at,
                said("scenario id '{id}' differs from its file name", id=scenario.id),
                "scenario-id",
            )
        )
        return None, problems
    return scenario, problems


def load_scenarios(folder: Path) -> list[Scenario]:
    """Every scenario in a folder, sorted by id; ``ContentError`` with all problems if any file is broken."""
    scenarios: list[Scenario] = []
    problems: list[Problem] = []
    for path in scenario_paths(folder):
        scenario, found = read_scenario(path)
        problems += found
        if scenario is not None:
            scenarios.append(scenario)
    if problems:
        raise ContentError(problems)
    return scenarios


def check_scenario(
    path: Path, pathway_for: Callable[[str], Pathway | Said | None], pathways: Path | None = None
) -> list[Problem]:
    """Every problem of one scenario file. ``pathway_for`` gives the pathway a scenario names, or why there is none
    (a sentence: ``unknown-pathway``), or None when that pathway is broken (it has its own problems). A scenario
    with a ``region`` plays in that region, read from ``pathways/regions`` (default: beside its folder)."""
    scenario, problems = read_scenario(path)
    if scenario is None:
        return problems
    pathway = pathway_for(scenario.pathway)
    if isinstance(pathway, Said):
        return [*problems, Problem(scenario.path, *scenario.at, pathway, "unknown-pathway")]
    region, found = scenario_region(scenario, path.parent.parent if pathways is None else pathways)
    problems += found
    if pathway is None or (scenario.region is not None and region is None):
        return problems
    return problems + scenario_problems(pathway, scenario, region)


def scenario_region(scenario: Scenario, pathways: Path) -> tuple[Region | None, list[Problem]]:
    """The region a scenario plays in (read from ``pathways/regions``), or the problems reading it."""
    if scenario.region is None:
        return None, []
    return read_region(pathways / REGIONS_FOLDER / f"{scenario.region}.yaml")


def scenario_problems(pathway: Pathway, scenario: Scenario, region: Region | None = None) -> list[Problem]:
    """Where the advice for the scenario's answers (in its region, if any) differs from what it expects (an empty
    list: it passes)."""
    out: list[Problem] = []

    def report(at: Pos, message: Said, check: str = "scenario-mismatch") -> None:
        out.append(Problem(scenario.path, at[0], at[1], message, check))

    for question, option, at in scenario.answers:
        q = pathway.question(question)
        if q is None:
            report(
                at,
                said("pathway '{pathway}' has no question '{question}'", pathway=pathway.id, question=question),
                "unknown-question",
            )
        elif q.option(option) is None:
            report(
                at,
                said("question '{question}' has no option '{option}'", question=question, option=option),
                "unknown-option",
            )
    if out:
        return out
    route: Route = follow(pathway, scenario.given(), region)
    if route.outcome is None:
        missing = route.next_question.id if route.next_question else "?"
        report(scenario.at, said("the answers stop before the advice: '{question}' is not answered", question=missing))
        return out
    for answer in route.unused:
        report(
            scenario.at,
            said("'{question}: {option}' is not asked on this route", question=answer.question, option=answer.option),
        )
    for message in shortfalls(route.outcome, scenario.expect):
        report(scenario.expect.at, message)
    return out


# The sentences of ``endings.unmet``, recognised by their English words and told again as catalogue texts.
_SHORTFALLS: Final = tuple(
    (re.compile(pattern), sentence)
    for pattern, sentence in (
        (
            r"urgency is '(?P<urgency>[^']*)', expected (?P<expected>.+)",
            said("urgency is '{urgency}', expected {expected}"),
        ),
        (
            r"first contact is '(?P<first>[^']*)', expected '(?P<expected>[^']*)'",
            said("first contact is '{first}', expected '{expected}'"),
        ),
        (
            r"contact '(?P<contact>[^']*)' \((?P<role>[^)]*)\) is missing",
            said("contact '{contact}' ({role}) is missing"),
        ),
        (
            r"contact '(?P<contact>[^']*)' has role '(?P<role>[^']*)', expected '(?P<expected>[^']*)'",
            said("contact '{contact}' has role '{role}', expected '{expected}'"),
        ),
        (
            r"contact '(?P<contact>[^']*)' \((?P<role>[^)]*)\) should not be there",
            said("contact '{contact}' ({role}) should not be there"),
        ),
        (
            r"contact '(?P<contact>[^']*)' has role '(?P<role>[^']*)', which is not allowed here",
            said("contact '{contact}' has role '{role}', which is not allowed here"),
        ),
        (r"step '(?P<step>[^']*)' is missing", said("step '{step}' is missing")),
        (r"step '(?P<step>[^']*)' should not be there", said("step '{step}' should not be there")),
        (
            r"contact '(?P<contact>[^']*)' is not on the person's handout",
            said("contact '{contact}' is not on the person's handout"),
        ),
        (
            r"contact '(?P<contact>[^']*)' is on the person's handout, and should not be",
            said("contact '{contact}' is on the person's handout, and should not be"),
        ),
    )
)


def shortfalls(outcome: Outcome, expect: Expectation) -> list[Said]:
    """Each way the outcome falls short of the expectation (``endings.unmet``), as sentences to tell."""
    out = []
    for sentence in unmet(outcome, expect):
        for pattern, template in _SHORTFALLS:
            found = pattern.fullmatch(sentence)
            if found:
                out.append(template._replace(values=tuple(found.groupdict().items())))
                break
        else:  # a sentence of expectation.py not in the table above: told in English
            out.append(Said(sentence.replace("{", "{{").replace("}", "}}")))
    return out


def check_all(library: Library) -> tuple[list[Problem], int]:
    """Every problem of every scenario file in a library, against its pathway as it is now; and how many files.
    A broken pathway stops with ``ContentError``, as every command that uses it does."""
    from samen_refer.checks.load import load_pathway

    files = scenario_files(library.root)
    known = library.pathway_ids()
    loaded: dict[str, Pathway] = {}

    def pathway_for(pathway_id: str) -> Pathway | Said:
        if pathway_id not in known:
            return said("there is no pathway '{pathway}' in {root}", pathway=pathway_id, root=str(library.root))
        if pathway_id not in loaded:
            loaded[pathway_id] = load_pathway(library.pathway_path(pathway_id))
        return loaded[pathway_id]

    problems = [problem for path in files.values() for problem in check_scenario(path, pathway_for, library.root)]
    return problems, len(files)
