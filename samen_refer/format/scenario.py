"""Scenarios: realistic cases with the answers a trainer expects and the advice they must lead to.

They are exercises for trainers and, at the same time, the regression tests of a pathway.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from samen_refer.format.expectation import EXPECT, Expectation
from samen_refer.format.language import Translations
from samen_refer.format.shape import INVALID, Choice, Field, Id, ListOf, MapOf, Pos, Reader, Record, Translated
from samen_refer.format.source import read_document
from samen_refer.problem import Problem, said

DIFFICULTIES = ("basic", "intermediate", "advanced")


class Scenario(NamedTuple):
    """One case: a vignette, the answers on its route, what is expected, and points to discuss."""

    id: str
    pathway: str
    title: Translations
    difficulty: str
    vignette: Translations
    answers: tuple[tuple[str, str, Pos], ...]
    expect: Expectation
    discussion: tuple[Translations, ...]
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


def parse_scenario(path: Path) -> tuple[Scenario | None, list[Problem]]:
    """Read one scenario file: its YAML and shape problems, and the scenario when it has none. Whether it fits its
    file name and its pathway is checked in ``checks.scenarios``."""
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
    return scenario, problems


def scenario_files(pathways: Path) -> dict[str, Path]:
    """The scenario files of a pathways directory, by id, sorted."""
    return {path.stem: path for path in scenario_paths(pathways / "scenarios")}


def scenario_paths(folder: Path) -> list[Path]:
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


_NUMBERED = re.compile(r"[a-z]+0*(\d+)(?:-|$)")


def scenario_number(scenario_id: str) -> str | None:
    """The number a trainer calls a scenario by: ``17`` for ``s17-child-witness``; None for an id without one."""
    found = _NUMBERED.match(scenario_id)
    return found.group(1) if found else None


def find_scenario(given: str, ids: Iterable[str]) -> str | None:
    """The id a trainer means: the full id, its first part (``s17``) or its number (``17``, ``017``); None when no
    scenario, or more than one, fits."""
    known = list(ids)
    wanted = given.strip().lower()
    if wanted in known:
        return wanted
    short = [i for i in known if i.split("-", 1)[0] == wanted]
    number = wanted.lstrip("0") or "0"
    numbered = [i for i in known if wanted.isdigit() and scenario_number(i) == number]
    fits = short or numbered
    return fits[0] if len(fits) == 1 else None
