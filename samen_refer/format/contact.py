"""Organisations a helper can call or point to (the 'sociale kaart'), read from ``contacts.yaml``."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NamedTuple

from samen_refer.format.language import Text
from samen_refer.format.shape import (
    INVALID,
    Bool,
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
from samen_refer.problem import ContentError, Problem, Said, said

PHONE_PATTERN = r"\+?[0-9][0-9 -]{1,18}[0-9]"
URL_PATTERN = r"""https?://[^\s<>"']+\.[^\s<>"']+"""  # no escaped quote: JSON Schema regexes are unicode mode


def _date_trouble(value: str) -> Said | None:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return said("'{value}' is not a date written as YYYY-MM-DD", value=value)
    return None


class Contact(NamedTuple):
    """One organisation, with where each fact about it was checked."""

    id: str
    name: Text
    does: Text
    verified: str
    source: str
    phone: str | None = None
    url: str | None = None
    hours: Text | None = None
    cost: Text | None = None
    after_call: Text | None = None
    anonymous_advice: bool | None = None
    interpreters: Text | None = None
    at: Pos = (1, 1)


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


Url = Str(URL_PATTERN, said("web address (https://...)"), "contact-url")
CONTACT = Record(
    "contact",
    (
        Field("id", Id, True, "stable id, used by pathways and answer files"),
        Field("name", Translated(), True),
        Field("does", Translated(), True, "what the organisation does"),
        Field(
            "verified", Str(r"\d{4}-\d{2}-\d{2}", said("date (YYYY-MM-DD)"), "contact-verified", _date_trouble), True
        ),
        Field("source", Url, True, "where the facts were checked"),
        Field("phone", Str(PHONE_PATTERN, said("phone number (digits, spaces, -)"), "contact-phone")),
        Field("url", Url),
        Field("hours", Translated()),
        Field("cost", Translated()),
        Field("after_call", Translated(), doc="what happens after calling"),
        Field("anonymous_advice", Bool(), doc="can a helper ask advice without giving names"),
        Field("interpreters", Translated()),
    ),
    lambda values, at: Contact(at=at, **values),
    "an organisation",
)
CONTACTS_FILE = Record(
    "contacts file",
    (
        Field("languages", ListOf(Str(r"[a-z]{2,3}", said("language code")), 1), True),
        Field("contacts", ListOf(CONTACT, 1), True),
    ),
    lambda values, at: values,
)


def read_directory(
    path: Path, read: Callable[[Path], Document] = read_document
) -> tuple[Directory | None, list[Problem]]:
    """Read a contacts file; every problem found is returned, the directory only when it has no errors."""
    doc = read(path)
    problems = list(doc.problems)
    if doc.root is None or problems:  # YAML that cannot be trusted is not read further
        if not problems:
            problems.append(Problem(doc.path, 1, 1, said("the contacts file is empty"), "schema-missing"))
        return None, problems
    reader = Reader(doc.path)
    read_languages(doc.root, reader)
    values = CONTACTS_FILE.read(doc.root, reader)
    problems += reader.problems
    if values is INVALID:
        return None, problems
    contacts: tuple[Contact, ...] = values["contacts"]
    seen: dict[str, Contact] = {}
    for contact in contacts:
        if contact.id in seen:
            problems.append(
                Problem(
                    doc.path,
                    *contact.at,
                    said(
                        "duplicate contact id '{id}' (first on line {line})", id=contact.id, line=seen[contact.id].at[0]
                    ),
                    "duplicate-id",
                )
            )
        seen.setdefault(contact.id, contact)
    if any(p.severity == "error" for p in problems):
        return None, problems
    return Directory(doc.path, reader.languages, contacts), problems


def load_directory(path: Path) -> Directory:
    """Read a contacts file or raise ``ContentError`` with every problem."""
    directory, problems = read_directory(path)
    if directory is None:
        raise ContentError(problems)
    return directory
