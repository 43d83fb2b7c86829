"""What an outcome must (and must not) contain: shared by scenarios and by a pathway's safety invariants."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from samen_refer.shape import Choice, Either, Field, Id, ListOf, MapOf, Pos, Record
from samen_refer.vocabulary import ROLES, URGENCIES, Role, Urgency

if TYPE_CHECKING:
    from samen_refer.route import Outcome


class Expectation(NamedTuple):
    """Every field that is set must hold for the outcome."""

    urgency: tuple[Urgency, ...] = ()
    first_contact: str | None = None
    contacts: tuple[tuple[str, Role], ...] = ()
    absent: tuple[str, ...] = ()
    roles_absent: tuple[Role, ...] = ()
    steps: tuple[str, ...] = ()
    at: Pos = (1, 1)


def _expectation(values: Mapping[str, Any], at: Pos) -> Expectation:
    urgency = values.get("urgency", ())
    return Expectation(
        urgency if isinstance(urgency, tuple) else (urgency,),
        values.get("first_contact"),
        tuple((contact, role) for contact, role, _ in values.get("contacts", ())),
        values.get("absent", ()),
        values.get("roles_absent", ()),
        values.get("steps", ()),
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
    ),
    _expectation,
    "what the advice must contain",
)


def unmet(outcome: Outcome, expect: Expectation) -> list[str]:
    """Each way the outcome falls short of the expectation, in words (empty: it holds)."""
    out: list[str] = []
    roles = {c.contact.id: c.role for c in outcome.contacts}
    if expect.urgency and outcome.urgency not in expect.urgency:
        out.append(f"urgency is '{outcome.urgency}', expected {' or '.join(repr(u) for u in expect.urgency)}")
    first = outcome.contacts[0].contact.id if outcome.contacts else None
    if expect.first_contact and first != expect.first_contact:
        out.append(f"first contact is '{first}', expected '{expect.first_contact}'")
    for contact, role in expect.contacts:
        if contact not in roles:
            out.append(f"contact '{contact}' ({role}) is missing")
        elif roles[contact] != role:
            out.append(f"contact '{contact}' has role '{roles[contact]}', expected '{role}'")
    out += [f"contact '{c}' ({roles[c]}) should not be there" for c in expect.absent if c in roles]
    out += [
        f"contact '{c}' has role '{r}', which is not allowed here" for c, r in roles.items() if r in expect.roles_absent
    ]
    shown = {s.step.id for s in outcome.steps}
    out += [f"step '{step}' is missing" for step in expect.steps if step not in shown]
    return out


def expectation_ids(expect: Expectation) -> tuple[set[str], set[str]]:
    """The contact ids and step ids an expectation names, to check they exist."""
    contacts = {c for c, _ in expect.contacts} | set(expect.absent)
    if expect.first_contact:
        contacts.add(expect.first_contact)
    return contacts, set(expect.steps)
