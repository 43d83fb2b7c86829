"""No shipped scenario sits on a boundary between two options (U16: s01 said "drie dagen geleden" while the options
split at 72 hours). A situation that names a time or an age the options split at has two right answers: the
situation texts may name neither a duration that equals a boundary of its pathway's options ("72 uur", "3 dagen",
"een week" against "3 tot 7 dagen") nor an age that equals one ("18" against "jonger dan 18")."""

from __future__ import annotations

import re

import pytest

from samen_refer.checks.load import load_pathway
from samen_refer.checks.scenarios import read_scenario
from samen_refer.format.pathway import Pathway
from tests.conftest import REPO

SHIPPED_IDS = sorted(p.stem for p in (REPO / "pathways" / "scenarios").glob("*.yaml"))
WORDS = {
    "a": 1, "an": 1, "een": 1, "één": 1, "one": 1, "twee": 2, "two": 2, "drie": 3, "three": 3, "vier": 4, "four": 4,
    "vijf": 5, "five": 5, "zes": 6, "six": 6, "zeven": 7, "seven": 7, "acht": 8, "eight": 8, "negen": 9, "nine": 9,
    "tien": 10, "ten": 10, "veertien": 14, "fourteen": 14,
}  # fmt: skip
HOURS = {"uur": 1, "uren": 1, "hour": 1, "hours": 1, "dag": 24, "dagen": 24, "day": 24, "days": 24}
HOURS |= {"week": 168, "weken": 168, "weeks": 168}
NUMBER = r"(\d+|" + "|".join(WORDS) + r")"
DURATION = re.compile(NUMBER + r"[\s-]+(" + "|".join(HOURS) + r")\b", re.IGNORECASE)
SPAN = re.compile(r"(\d+) (?:tot|to) (\d+) (dagen|days|uur|hours)", re.IGNORECASE)
AGE_LIMIT = re.compile(r"(?:jonger dan|younger than|under|onder de) (\d+)", re.IGNORECASE)
AGE = re.compile(r"\((\d+)\)|(\d+)[\s-]+(?:jaar|year)|(?:van|of|aged) (\d+)\b", re.IGNORECASE)


def number(text: str) -> int:
    return int(text) if text.isdigit() else WORDS[text.lower()]


def durations(text: str) -> set[int]:
    """Every duration a text names, in hours: "drie dagen" is 72, "a week" 168."""
    found = {number(n) * HOURS[unit.lower()] for n, unit in DURATION.findall(text)}
    for low, high, unit in SPAN.findall(text):  # "3 tot 7 dagen": both ends
        found |= {int(low) * HOURS[unit.lower()], int(high) * HOURS[unit.lower()]}
    return found


def ages(text: str) -> set[int]:
    return {int(next(n for n in match if n)) for match in AGE.findall(text)}


def boundaries(pathway: Pathway) -> tuple[set[int], set[int]]:
    """The durations (in hours) and the ages that the questions and options of a pathway split at."""
    texts = [
        t for q in pathway.questions for t in (*q.text.values(), *(v for o in q.options for v in o.label.values()))
    ]
    return set().union(*map(durations, texts)), {int(n) for t in texts for n in AGE_LIMIT.findall(t)}


@pytest.mark.parametrize(
    ("text", "hours", "years"),
    [
        ("Sara werd drie dagen geleden verkracht", {72}, set()),
        ("has been 'ill' for a week", {168}, set()),
        ("minder dan 3 dagen geleden (72 uur)", {72}, set()),
        ("3 tot 7 dagen geleden", {72, 168}, set()),
        ("Haar zoontje van 6 ziet het; Sara (18) is 18 jaar", set(), {6, 18}),
        ("a 17-year-old girl, married two years ago", set(), {17}),
    ],
)
def test_durations_and_ages_are_read_from_the_text(text: str, hours: set[int], years: set[int]) -> None:
    assert (durations(text), ages(text)) == (hours, years)


def test_the_shipped_pathway_splits_at_72_hours_7_days_and_age_18() -> None:
    assert boundaries(load_pathway(REPO / "pathways" / "sggg.yaml")) == ({72, 168}, {18})


@pytest.mark.parametrize("scenario_id", SHIPPED_IDS)
def test_no_situation_names_a_time_or_age_on_a_boundary_of_its_options(scenario_id: str) -> None:
    case, _ = read_scenario(REPO / "pathways" / "scenarios" / f"{scenario_id}.yaml")
    assert case is not None
    hours, years = boundaries(load_pathway(REPO / "pathways" / f"{case.pathway}.yaml"))
    for text in (*case.title.values(), *case.vignette.values()):
        assert (durations(text) & hours, ages(text) & years) == (set(), set()), text
