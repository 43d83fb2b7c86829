"""Exercises for trainers: a trainee's route beside a scenario's, and what the scenarios together leave untested.

Pure functions over the engine (``route.follow`` and ``route.build_outcome``): no I/O.

The score (0 to 100) is a guide for a trainee, not a grade::

    score = 40 x answers + 40 x contacts + 20 x urgency, rounded half up

* answers: the share of the expected route's questions the trainee answered as expected;
* contacts: each contact of the expected advice counts 1 when the trainee's advice has it with the same role and
  1/2 with another role; the sum is divided by the number of expected contacts plus the contacts the trainee's
  advice adds (so adding contacts costs as much as missing them);
* urgency: 1 when equal, 1/2 when one level apart (``urgent`` and ``soon``), 0 otherwise.

The expected route scores 100.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any, Final, NamedTuple

from samen_refer.engine.route import AdvisedContact, Outcome, Route, follow
from samen_refer.format.contact import Contact
from samen_refer.format.pathway import Pathway
from samen_refer.format.region import Region
from samen_refer.format.scenario import Scenario
from samen_refer.format.vocabulary import URGENCIES, Role, Urgency
from samen_refer.i18n.translation import Words
from samen_refer.problem import SamenReferError

TOPIC_QUESTIONS = ("violence", "residence", "consent")  # what a trainer picks an exercise by
WEIGHTS = {"answers": 40, "contacts": 40, "urgency": 20}


class AnswerDifference(NamedTuple):
    """A question answered differently; ``None`` where that route does not ask it."""

    question: str
    expected: str | None
    chosen: str | None


class RoleDifference(NamedTuple):
    """A contact in both advices, with another role."""

    contact: Contact
    expected: Role
    chosen: Role


class Comparison(NamedTuple):
    """A trainee's route beside the expected one, and what the differences lead to."""

    expected: Route
    trainee: Route
    answers: tuple[AnswerDifference, ...]
    missed: tuple[AdvisedContact, ...]
    added: tuple[AdvisedContact, ...]
    roles: tuple[RoleDifference, ...]
    score: int

    @property
    def urgency(self) -> tuple[Urgency, Urgency]:
        """The expected urgency and the trainee's."""
        return _outcome(self.expected).urgency, _outcome(self.trainee).urgency

    @property
    def same_advice(self) -> bool:
        """Whether the trainee's advice has the same contacts, roles and urgency as the expected advice."""
        expected, chosen = self.urgency
        return not (self.missed or self.added or self.roles) and expected == chosen


class Coverage(NamedTuple):
    """What no scenario of a pathway reaches: options chosen, blocks of advice included, contacts advised (the
    national ones, and each region's own, as ``(region, contact)``, reached only by a scenario in that region)."""

    pathway: str
    scenarios: tuple[str, ...]
    skipped: tuple[str, ...]
    options: tuple[tuple[str, str], ...]
    blocks: tuple[str, ...]
    contacts: tuple[str, ...]
    regional: tuple[tuple[str, str], ...] = ()
    regional_reached: tuple[tuple[str, str], ...] = ()

    @property
    def complete(self) -> bool:
        """Whether the scenarios reach every option, block and contact, regional ones included."""
        return not (self.options or self.blocks or self.contacts or self.regional)


def topics(scenario: Scenario) -> dict[str, str]:
    """The answers a trainer picks an exercise by (violence, residence, consent), where the scenario gives them."""
    given = scenario.given()
    return {question: given[question] for question in TOPIC_QUESTIONS if question in given}


def expected_route(pathway: Pathway, scenario: Scenario, region: Region | None = None) -> Route:
    """The route of the scenario's own answers (in its region, if any); an error when they do not fit the pathway."""
    try:
        route = follow(pathway, scenario.given(), region)
    except SamenReferError as exc:
        raise SamenReferError.of("scenario-answer", scenario=scenario.id, error=exc) from None
    if route.outcome is None or route.unused:
        raise SamenReferError.of("scenario-misfit", scenario=scenario.id, pathway=pathway.id)
    return route


def mark(pathway: Pathway, scenario: Scenario, trainee: Route, region: Region | None = None) -> Comparison:
    """Mark a trainee's complete route against the scenario's: where it differs, what that changes in the advice,
    and the score (the trainee's route is walked in the same region)."""
    expected = expected_route(pathway, scenario, region)
    expected_outcome, trainee_outcome = _outcome(expected), _outcome(trainee)
    ours = {c.contact.id: c for c in expected_outcome.contacts}
    theirs = {c.contact.id: c for c in trainee_outcome.contacts}
    missed = tuple(c for c in expected_outcome.contacts if c.contact.id not in theirs)
    added = tuple(c for c in trainee_outcome.contacts if c.contact.id not in ours)
    roles = tuple(
        RoleDifference(c.contact, c.role, theirs[c.contact.id].role)
        for c in expected_outcome.contacts
        if c.contact.id in theirs and theirs[c.contact.id].role != c.role
    )
    differences = answer_differences(pathway, expected, trainee)
    shares = {
        "answers": _answer_share(expected, trainee),
        "contacts": _contact_share(len(ours), len(missed), len(roles), len(added)),
        "urgency": _urgency_share(expected_outcome.urgency, trainee_outcome.urgency),
    }
    score = math.floor(sum(WEIGHTS[part] * share for part, share in shares.items()) + 0.5)
    return Comparison(expected, trainee, differences, missed, added, roles, score)


def answer_differences(pathway: Pathway, expected: Route, trainee: Route) -> tuple[AnswerDifference, ...]:
    """Every question asked on either route and not answered alike, in the pathway's order."""
    ours = {a.question: a.option for a in expected.answers}
    theirs = {a.question: a.option for a in trainee.answers}
    order = {q.id: n for n, q in enumerate(pathway.questions)}
    asked = sorted(ours.keys() | theirs.keys(), key=lambda q: order.get(q, len(order)))
    return tuple(AnswerDifference(q, ours.get(q), theirs.get(q)) for q in asked if ours.get(q) != theirs.get(q))


def _outcome(route: Route) -> Outcome:
    if route.outcome is None:
        raise SamenReferError.of("no-advice-yet")
    return route.outcome


def _answer_share(expected: Route, trainee: Route) -> float:
    theirs = {a.question: a.option for a in trainee.answers}
    return sum(theirs.get(a.question) == a.option for a in expected.answers) / len(expected.answers)


def _contact_share(expected: int, missed: int, other_role: int, added: int) -> float:
    if expected + added == 0:
        return 1.0
    return (expected - missed - other_role / 2) / (expected + added)


def _urgency_share(expected: Urgency, chosen: Urgency) -> float:
    return {0: 1.0, 1: 0.5}.get(abs(URGENCIES.index(expected) - URGENCIES.index(chosen)), 0.0)


def coverage(pathway: Pathway, scenarios: Iterable[Scenario], regions: Sequence[Region] = ()) -> Coverage:
    """The options, blocks and contacts of the pathway, and the contacts of its ``regions``, that none of its
    scenarios reaches.

    A scenario counts for what its answers reach on the pathway as it is now (also when its expectations fail), in
    its region if it names one; one whose answers name questions or options the pathway does not have, or whose
    region is not among ``regions``, is skipped.
    """
    mine = {r.id: r for r in regions if r.pathway == pathway.id}
    counted: list[str] = []
    skipped: list[str] = []
    chosen: set[tuple[str, str]] = set()
    blocks: set[str] = set()
    contacts: set[str] = set()
    regional: set[tuple[str, str]] = set()
    for scenario in scenarios:
        if scenario.pathway != pathway.id:
            continue
        region = mine.get(scenario.region) if scenario.region else None
        if scenario.region is not None and region is None:
            skipped.append(scenario.id)
            continue
        try:
            route = follow(pathway, scenario.given(), region)
        except SamenReferError:
            skipped.append(scenario.id)
            continue
        counted.append(scenario.id)
        chosen.update((a.question, a.option) for a in route.answers)
        if route.outcome is not None:
            blocks.update(route.outcome.blocks)
            contacts.update(c.contact.id for c in route.outcome.contacts if not c.regional)
            if region is not None:
                regional.update((region.id, c.contact.id) for c in route.outcome.contacts if c.regional)
    every_regional = [(r.id, c.contact.id) for r in mine.values() for c in r.contacts]
    return Coverage(
        pathway.id,
        tuple(counted),
        tuple(skipped),
        tuple((q.id, o.id) for q in pathway.questions for o in q.options if (q.id, o.id) not in chosen),
        tuple(b.id for b in pathway.blocks if b.id not in blocks),
        tuple(c for c in _contacts_in_blocks(pathway) if c not in contacts),
        tuple(pair for pair in every_regional if pair not in regional),
        tuple(pair for pair in every_regional if pair in regional),
    )


def _contacts_in_blocks(pathway: Pathway) -> list[str]:
    return list(dict.fromkeys(use.contact for block in pathway.blocks for use in block.contacts))


# --- as plain data and text, for `scenarios coverage` (`scenarios list`: render.exercises) --------------------


def coverage_data(result: Coverage) -> dict[str, Any]:
    """Coverage as JSON-ready data."""
    return {
        "pathway": result.pathway,
        "scenarios": len(result.scenarios),
        "skipped": list(result.skipped),
        "complete": result.complete,
        "options": [{"question": q, "option": o} for q, o in result.options],
        "blocks": list(result.blocks),
        "contacts": list(result.contacts),
        "regional_contacts": [{"region": r, "contact": c} for r, c in result.regional],
        "regional_reached": len(result.regional_reached),
    }


_COVERAGE_WORDS: Final = Words(
    "coverage",
    {
        "pathway": "pathway {pathway}: {n} scenario(s)",
        "skipped": "skipped, their answers do not fit the pathway: {ids}",
        "options": "options no scenario chooses: {n}",
        "blocks": "blocks no scenario's advice includes: {n}",
        "contacts": "contacts no scenario's advice includes: {n}",
        "regional_reached": "regional contacts a scenario in its region reaches: {n} of {total}",
        "regional": "regional contacts no scenario's advice includes: {n}",
        "none": "none",
        "complete": "every option, block and contact is reached by a scenario",
    },
)


def coverage_text(result: Coverage, lang: str = "en") -> str:
    """Coverage for people: what no scenario reaches, one id per line."""

    def w(key: str, **values: object) -> str:
        return _COVERAGE_WORDS(key, lang, **values)

    lines = [w("pathway", pathway=result.pathway, n=len(result.scenarios))]
    if result.skipped:
        lines.append(w("skipped", ids=", ".join(result.skipped)))
    for key, ids in (
        ("options", [f"{q}: {o}" for q, o in result.options]),
        ("blocks", list(result.blocks)),
        ("contacts", list(result.contacts)),
    ):
        lines.append(w(key, n=len(ids) or w("none")))
        lines += [f"  {item}" for item in ids]
    total = len(result.regional) + len(result.regional_reached)
    if total:
        lines.append(w("regional_reached", n=len(result.regional_reached), total=total))
        lines.append(w("regional", n=len(result.regional) or w("none")))
        lines += [f"  {region}: {contact}" for region, contact in result.regional]
    if result.complete:
        lines.append(w("complete"))
    return "\n".join(lines)
