"""What an outcome must (and must not) contain: shared by scenarios and by a pathway's safety invariants."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from samen_refer.format.shape import Choice, Either, Field, Id, ListOf, MapOf, Pos, Record
from samen_refer.format.vocabulary import ROLES, URGENCIES, Role, Urgency


class Expectation(NamedTuple):
    """Every field that is set must hold for the outcome."""

    urgency: tuple[Urgency, ...] = ()
    first_contact: str | None = None
    contacts: tuple[tuple[str, Role], ...] = ()
    absent: tuple[str, ...] = ()
    roles_absent: tuple[Role, ...] = ()
    steps: tuple[str, ...] = ()
    urgency_at_least: Urgency | None = None
    urgency_at_most: Urgency | None = None
    person_contacts: tuple[str, ...] = ()
    person_absent: tuple[str, ...] = ()
    steps_absent: tuple[str, ...] = ()
    first_step: str | None = None
    at: Pos = (1, 1)

    def urgencies(self) -> tuple[Urgency, ...]:
        """The urgencies this expectation allows (all of them when it says nothing about urgency)."""
        allowed = self.urgency or URGENCIES
        if self.urgency_at_least:
            allowed = tuple(u for u in allowed if URGENCIES.index(u) <= URGENCIES.index(self.urgency_at_least))
        if self.urgency_at_most:
            allowed = tuple(u for u in allowed if URGENCIES.index(u) >= URGENCIES.index(self.urgency_at_most))
        return allowed


def _expectation(values: Mapping[str, Any], at: Pos) -> Expectation:
    urgency = values.get("urgency", ())
    return Expectation(
        urgency if isinstance(urgency, tuple) else (urgency,),
        values.get("first_contact"),
        tuple((contact, role) for contact, role, _ in values.get("contacts", ())),
        values.get("absent", ()),
        values.get("roles_absent", ()),
        values.get("steps", ()),
        values.get("urgency_at_least"),
        values.get("urgency_at_most"),
        values.get("person_contacts", ()),
        values.get("person_absent", ()),
        values.get("steps_absent", ()),
        values.get("first_step"),
        at,
    )


EXPECT = Record(
    "expect",
    (
        Field("urgency", Either(Choice(URGENCIES), ListOf(Choice(URGENCIES), 1)), doc="the urgency, or any of a list"),
        Field("first_contact", Id, doc="the contact that must come first"),
        Field("contacts", MapOf(Choice(ROLES)), doc="contacts that must appear, with their role"),
        Field("absent", ListOf(Id), doc="contacts that must not appear"),
        Field("roles_absent", ListOf(Choice(ROLES)), doc="roles no contact may have"),
        Field("steps", ListOf(Id), doc="step ids that must appear"),
        Field("urgency_at_least", Choice(URGENCIES), doc="the urgency is this one or more urgent"),
        Field("urgency_at_most", Choice(URGENCIES), doc="the urgency is this one or less urgent"),
        Field("person_contacts", ListOf(Id), doc="contacts that must be on the person's handout"),
        Field("person_absent", ListOf(Id), doc="contacts that must not be on the person's handout"),
        Field("steps_absent", ListOf(Id), doc="step ids that must not appear"),
        Field("first_step", Id, doc="the step that must come first (of the steps to do or say)"),
    ),
    _expectation,
    "what the advice must contain",
)


def expectation_ids(expect: Expectation) -> tuple[set[str], set[str]]:
    """The contact ids and step ids an expectation names, to check they exist."""
    contacts = {c for c, _ in expect.contacts} | set(expect.absent) | set(expect.person_contacts)
    contacts |= set(expect.person_absent)
    if expect.first_contact:
        contacts.add(expect.first_contact)
    steps = set(expect.steps) | set(expect.steps_absent) | ({expect.first_step} if expect.first_step else set())
    return contacts, steps
