"""A region's own social map (``pathways/regions/<id>.yaml``): local organisations, who keeps them current, and
which situations of a pathway each one serves."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from samen_refer.format.contact import CONTACT, CellText, Contact, Url
from samen_refer.format.language import Translations
from samen_refer.format.pathway import CONDITION, Condition
from samen_refer.format.shape import (
    INVALID,
    Bool,
    Choice,
    Field,
    Id,
    ListOf,
    Pos,
    Reader,
    Record,
    Str,
    read_languages,
)
from samen_refer.format.source import Document, read_document
from samen_refer.format.vocabulary import PERSON_ROLES, Role
from samen_refer.problem import Problem, said

REGIONS_FOLDER = "regions"
# A region adds local help; it never takes the place of the national lines that safety relies on, so it cannot
# give a contact to call now or to report to (those stay in the pathway, checked by its invariants).
REGIONAL_ROLES: tuple[Role, ...] = ("refer", "advice", "info")
EMAIL_PATTERN = r"""[^\s@<>"']+@[^\s@<>"']+\.[a-z]{2,}"""  # no escaped quote: JSON Schema regexes are unicode mode


class Owner(NamedTuple):
    """Who keeps a region's contacts current, and how to send them a correction."""

    name: Translations
    corrections: Translations
    url: str | None = None
    email: str | None = None


class RegionalContact(NamedTuple):
    """A local organisation, with the situations it serves (``None``: all) and its role in the advice."""

    contact: Contact
    role: Role
    serves: Condition | None = None
    person: bool | None = None
    after: str | None = None
    other_sources: tuple[str, ...] = ()

    @property
    def for_person(self) -> bool:
        """Whether it goes on the person's handout (``person``, or else by role, as in a pathway's block)."""
        return self.role in PERSON_ROLES if self.person is None else self.person

    def serves_answers(self, answers: Mapping[str, str]) -> bool:
        """Whether the answers are a situation this contact serves."""
        return self.serves is None or self.serves.holds(answers)


class Region(NamedTuple):
    """One region file."""

    id: str
    path: str
    pathway: str
    name: Translations
    municipalities: tuple[str, ...]
    owner: Owner
    contacts: tuple[RegionalContact, ...]
    languages: tuple[str, ...]
    municipalities_source: str | None = None
    at: Pos = (1, 1)

    def oldest_verified(self) -> str | None:
        """The oldest ``verified`` date of its contacts: how current the region is."""
        return min((c.contact.verified for c in self.contacts), default=None)


_CONTACT_KEYS = tuple(f.key for f in CONTACT.fields)


def _regional_contact(values: Mapping[str, Any], at: Pos) -> RegionalContact:
    facts = {k: v for k, v in values.items() if k in _CONTACT_KEYS}
    return RegionalContact(
        Contact(at=at, **facts),
        values["role"],
        values.get("serves"),
        values.get("person"),
        values.get("after"),
        tuple(values.get("other_sources", ())),
    )


REGIONAL_CONTACT = Record(
    "regional contact",
    (
        *CONTACT.fields,
        Field("other_sources", ListOf(Url, 1), doc="more pages that say the same facts as 'source'"),
        Field("role", Choice(REGIONAL_ROLES), True, "refer, advice or info: a region never replaces a national line"),
        Field(
            "serves",
            CONDITION,
            doc="{question_id: [option ids]} of the pathway: the situations it serves (default: all)",
        ),
        Field("person", Bool(), doc="on the person's handout (default: true for every role but 'advice')"),
        Field(
            "after",
            Id,
            doc="id of the national contact (contacts.yaml) it follows in the advice; default: after its role's",
        ),
    ),
    _regional_contact,
    "a local organisation, in the shape of contacts.yaml, with the situations it serves",
)
OWNER = Record(
    "owner",
    (
        Field("name", CellText, True, "the organisation that keeps this region current"),
        Field("corrections", CellText, True, "how to send a correction"),
        Field("url", Url, doc="where to send a correction (a web page)"),
        Field("email", Str(EMAIL_PATTERN, said("e-mail address"), "schema-format"), doc="or an e-mail address"),
    ),
    lambda values, at: Owner(**values),
    "who keeps the region current",
)
REGION = Record(
    "region",
    (
        Field("id", Id, True, "the same as the file name"),
        Field("pathway", Id, True, "the pathway whose question and option ids 'serves' uses"),
        Field("languages", ListOf(Str(r"[a-z]{2,3}", said("language code")), 1), True),
        Field("name", CellText, True),
        Field(
            "municipalities", ListOf(Str(what=said("municipality"), cell=True), 1), True, "the municipalities it covers"
        ),
        Field("municipalities_source", Url, doc="where the list of municipalities comes from"),
        Field("owner", OWNER, True),
        Field("contacts", ListOf(REGIONAL_CONTACT), True),
    ),
    lambda values, at: {**values, "at": at},
)


def parse_region(path: Path, read: Callable[[Path], Document] = read_document) -> tuple[Region | None, list[Problem]]:
    """Read a region file's YAML and shapes; every problem found is returned, the region only when it has no errors.
    What needs more than one value (its id against its file name, duplicate ids, the pathway's questions) is checked
    by ``checks.regions``; ``checks.load.load_region`` reads a region for use."""
    doc = read(path)
    problems = list(doc.problems)
    if doc.root is None or problems:
        if not problems:
            problems.append(Problem(doc.path, 1, 1, said("the region file is empty"), "schema-missing"))
        return None, problems
    reader = Reader(doc.path)
    read_languages(doc.root, reader)
    values = REGION.read(doc.root, reader)
    problems += reader.problems
    if values is INVALID or any(p.severity == "error" for p in problems):
        return None, problems
    return Region(path=doc.path, **{**values, "languages": tuple(values["languages"])}), problems


def region_of_municipality(regions: Sequence[Region], municipality: str) -> Region | None:
    """The region that covers a municipality (any case, surrounding spaces ignored), or ``None``."""
    wanted = " ".join(municipality.split()).casefold()
    for region in regions:
        if any(" ".join(m.split()).casefold() == wanted for m in region.municipalities):
            return region
    return None
