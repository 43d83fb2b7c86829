"""Scenarios: realistic cases with the answers a trainer expects and the advice they must lead to.

They are exercises for trainers and, at the same time, the regression tests of a pathway.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Final, NamedTuple

from samen_refer.engine.route import Route, follow
from samen_refer.format.expectation import EXPECT, Expectation, unmet
from samen_refer.format.language import Text
from samen_refer.format.library import Library
from samen_refer.format.pathway import Pathway
from samen_refer.format.region import REGIONS_FOLDER, Region, read_region
from samen_refer.format.shape import INVALID, Choice, Field, Id, ListOf, MapOf, Pos, Reader, Record, Translated
from samen_refer.format.source import read_document
from samen_refer.problem import ContentError, Problem, Said, said

if TYPE_CHECKING:
    from samen_refer.engine.route import Outcome

DIFFICULTIES = ("basic", "intermediate", "advanced")


class Scenario(NamedTuple):
    """One case: a vignette, the answers on its route, what is expected, and points to discuss."""

    id: str
    pathway: str
    title: Text
    difficulty: str
    vignette: Text
    answers: tuple[tuple[str, str, Pos], ...]
    expect: Expectation
    discussion: tuple[Text, ...]
    region: str | None = None
    path: str = ""
    at: Pos = (1, 1)

    def given(self) -> dict[str, str]:
        """The answers as question id to option id."""
        return {question: option for question, option, _ in self.answers}


SCENARIO = Record(
    "scenario",
    (
        Field("id", Id, True, "the same as the file name"),
        Field("pathway", Id, True),
        Field("title", Translated(), True),
        Field("difficulty", Choice(DIFFICULTIES), True),
        Field("vignette", Translated(), True, "the case, as the key person hears it"),
        Field("answers", MapOf(Id), True, "question id: option id, for every question on the route"),
        Field("expect", EXPECT, True),
        Field("discussion", ListOf(Translated(), 1), True, "points for the trainer to discuss"),
        Field("region", Id, doc="a region (regions/ID.yaml beside the pathway) whose own contacts the advice has"),
    ),
    lambda v, at: Scenario(at=at, **v),
)


def read_scenario(path: Path) -> tuple[Scenario | None, list[Problem]]:
    """Read one scenario file; the scenario only when it has no errors."""
    doc = read_document(path)
    problems = list(doc.problems)
    if doc.root is None or problems:  # YAML that cannot be trusted is not read further
        return None, problems or [Problem(doc.path, 1, 1, said("the scenario file is empty"), "schema-missing")]
    reader = Reader(doc.path)
    value = SCENARIO.read(doc.root, reader)
    problems += reader.problems
    if value is INVALID or problems:
        return None, problems
    scenario: Scenario = value._replace(path=doc.path)
    if scenario.id != path.stem:
        problems.append(
            Problem(
                doc.path,
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
    for path in _yaml_files(folder):
        scenario, found = read_scenario(path)
        problems += found
        if scenario is not None:
            scenarios.append(scenario)
    if problems:
        raise ContentError(problems)
    return scenarios


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


# The sentences of ``expectation.unmet``, recognised by their English words and told again as catalogue texts.
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
    """Each way the outcome falls short of the expectation (``expectation.unmet``), as sentences to tell."""
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


def scenario_files(pathways: Path) -> dict[str, Path]:
    """The scenario files of a pathways directory, by id, sorted."""
    return {path.stem: path for path in _yaml_files(pathways / "scenarios")}


def _yaml_files(folder: Path) -> list[Path]:
    """The *.yaml files of a scenarios folder, sorted; none when there is no folder; an error when it cannot be read
    (glob would silently find nothing)."""
    import os

    from samen_refer.problem import SamenReferError

    try:
        with os.scandir(folder) as entries:
            return sorted(Path(e.path) for e in entries if e.name.endswith(".yaml"))
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise SamenReferError.of("folder-unreadable", folder=folder, reason=str(exc.strerror or exc)) from None


def check_all(library: Library) -> tuple[list[Problem], int]:
    """Every problem of every scenario file in a library, against its pathway as it is now; and how many files."""
    problems: list[Problem] = []
    files = scenario_files(library.root)
    known = library.pathway_ids()
    loaded: dict[str, Pathway] = {}
    for path in files.values():
        scenario, found = read_scenario(path)
        problems += found
        if scenario is None:
            continue
        if scenario.pathway not in known:
            message = said(
                "there is no pathway '{pathway}' in {root}", pathway=scenario.pathway, root=str(library.root)
            )
            problems.append(Problem(scenario.path, *scenario.at, message, "unknown-pathway"))
            continue
        if scenario.pathway not in loaded:
            loaded[scenario.pathway] = library.load(scenario.pathway)
        region, found = scenario_region(scenario, library.root)
        problems += found
        if scenario.region is None or region is not None:
            problems += scenario_problems(loaded[scenario.pathway], scenario, region)
    return problems, len(files)
