"""Organisations a helper can call or point to (the 'sociale kaart'), read from ``contacts.yaml``.

The shapes of the facts check their form when the file is read (the rest of the contacts' checks, duplicate ids and
dates against today, are in ``checks.contacts``):

``contact-phone``
    A malformed phone number. Failing: ``phone: "call 0800"``. Passing: ``phone: "0800-2000"``.
``contact-url``
    A malformed web address (``url`` or ``source``). Failing: ``url: www.politie.nl``. Passing:
    ``url: https://www.politie.nl``.
``contact-verified``
    (Here: the form; a date in the future is found by ``checks.contacts``.) ``verified`` is not a date written
    YYYY-MM-DD, or ``source_date`` not one written YYYY, YYYY-MM or YYYY-MM-DD. Failing: ``verified: 28-11-2026``,
    ``source_date: 2018-13``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NamedTuple

from samen_refer.format.language import Translations
from samen_refer.format.shape import (
    INVALID,
    NO_DAMAGE,
    Bool,
    Damage,
    Field,
    Id,
    ListOf,
    Pos,
    Reader,
    Record,
    Str,
    Translated,
    read_languages,
)
from samen_refer.format.source import Document, read_document
from samen_refer.problem import Problem, Said, said

PHONE_PATTERN = r"\+?[0-9][0-9 -]{1,18}[0-9]"
SOURCE_DATE_PATTERN = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
# A page dated before this year is an old source (the facts file's rule): the helper sees it marked as such.
OLD_SOURCE_BEFORE = 2021
URL_PATTERN = r"""https?://[^\s<>"']+\.[^\s<>"']+"""  # no escaped quote: JSON Schema regexes are unicode mode


def _date_trouble(value: str) -> Said | None:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return said("'{value}' is not a date written as YYYY-MM-DD", value=value)
    return None


def source_date_trouble(value: str) -> Said | None:
    """What is wrong with a `source_date` of the right form: a month or day that does not exist."""
    year, _, rest = value.partition("-")
    month, _, day = rest.partition("-")
    try:
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return said("'{value}' is not a date written as YYYY, YYYY-MM or YYYY-MM-DD", value=value)
    return None


class Contact(NamedTuple):
    """One organisation, with where each fact about it was checked."""

    id: str
    name: Translations
    does: Translations
    verified: str
    source: str
    phone: str | None = None
    url: str | None = None
    hours: Translations | None = None
    cost: Translations | None = None
    after_call: Translations | None = None
    anonymous_advice: bool | None = None
    interpreters: Translations | None = None
    source_date: str | None = None
    at: Pos = (1, 1)

    def old_source(self) -> str | None:
        """The date of its oldest source page when that is before ``OLD_SOURCE_BEFORE``: an old source."""
        if self.source_date is not None and int(self.source_date[:4]) < OLD_SOURCE_BEFORE:
            return self.source_date
        return None


class Directory(NamedTuple):
    """All contacts of one ``contacts.yaml``, in file order."""

    path: str
    languages: tuple[str, ...]
    contacts: tuple[Contact, ...]

    def by_id(self) -> Mapping[str, Contact]:
        """Contacts keyed by id."""
        return {c.id: c for c in self.contacts}

    def search(self, needle: str) -> tuple[Contact, ...]:
        """Contacts whose id, name or description contains ``needle`` (any language, any case)."""
        wanted = needle.casefold().strip()
        return tuple(
            c for c in self.contacts if wanted in " ".join([c.id, *c.name.values(), *c.does.values()]).casefold()
        )


# The texts of a contact: a region's are kept in a spreadsheet too (``regions export``), so none may start as a formula.
CellText = Translated(cell=True)
Url = Str(URL_PATTERN, said("web address (https://...)"), "contact-url")
CONTACT = Record(
    "contact",
    (
        Field("id", Id, True, "stable id, used by pathways and answer files"),
        Field("name", CellText, True),
        Field("does", CellText, True, "what the organisation does"),
        Field(
            "verified", Str(r"\d{4}-\d{2}-\d{2}", said("date (YYYY-MM-DD)"), "contact-verified", _date_trouble), True
        ),
        Field("source", Url, True, "where the facts were checked"),
        Field(
            "source_date",
            Str(
                SOURCE_DATE_PATTERN, said("date (YYYY, YYYY-MM or YYYY-MM-DD)"), "contact-verified", source_date_trouble
            ),
            doc="the date (YYYY, YYYY-MM or YYYY-MM-DD) of the oldest page in source and other_sources, as the page or "
            "what it says shows it; left out when no page is dated; before 2021 the helper sees it as an old source",
        ),
        Field("phone", Str(PHONE_PATTERN, said("phone number (digits, spaces, -)"), "contact-phone")),
        Field("url", Url),
        Field("hours", CellText),
        Field("cost", CellText),
        Field("after_call", CellText, doc="what happens after calling"),
        Field("anonymous_advice", Bool(), doc="can a helper ask advice without giving names"),
        Field("interpreters", CellText),
    ),
    lambda values, at: Contact(at=at, **values),
    "an organisation",
)
DIRECTORY = Record(  # the shape of a contacts file, read into a Directory
    "contacts file",
    (
        Field("languages", ListOf(Str(r"[a-z]{2,3}", said("language code")), 1), True),
        Field("contacts", ListOf(CONTACT, 1), True),
    ),
    lambda values, at: values,
    partial=True,
)


def parse_directory(
    path: Path, read: Callable[[Path], Document] = read_document, trusting: bool = False
) -> tuple[Directory | None, list[Problem], Damage]:
    """Read a contacts file as far as it can be read: the YAML and shape problems, the contacts that could be read
    (None when the file cannot be parsed at all, or is empty), and what could not be understood. The checks of the
    contacts themselves (duplicate ids, dates) are in ``checks.contacts``; ``trusting`` as in ``parse_pathway``."""
    doc = read(path)
    problems = list(doc.problems)
    if doc.root is None or (trusting and problems):
        if not problems:
            problems.append(Problem(doc.path, 1, 1, said("the contacts file is empty"), "schema-missing"))
        return None, problems, NO_DAMAGE
    reader = Reader(doc.path)
    read_languages(doc.root, reader)
    values = DIRECTORY.read(doc.root, reader)
    problems += reader.problems
    if values is INVALID:
        return None, problems, reader.damage
    return Directory(doc.path, reader.languages, values.get("contacts", ())), problems, reader.damage
