"""Contacts: the organisations of ``contacts.yaml`` as a whole, and how old their facts are (a region's own contacts'
too: ``checks.regions``).

The form of each fact (``contact-phone``, ``contact-url``, a ``verified`` that is not a date) is checked when the file
is read, by the shapes in ``format/contact.py``; this module checks what needs more than one value, or today's date.

``duplicate-id``
    Two contacts share an id. Failing: two entries ``- id: veilig-thuis``.
``contact-verified``
    (Here: the date in the future; its form is checked by the shape.) ``verified`` is a day still to come, so the
    contact would never go stale. Failing, on 2026-11-28: ``verified: 2027-01-01``. Also a ``source_date`` (the date
    the oldest source page carries) after ``verified``: a page cannot be dated after it was read. Failing:
    ``source_date: 2026-12`` with ``verified: 2026-11-28``.
``contact-stale``
    A warning: the contact was last verified more than 365 days ago; an error after 730 days (facts this old are not
    to be shown to a person in need). Failing, on 2026-11-28: ``verified: 2025-06-01`` (a warning),
    ``verified: 2024-01-01`` (an error). Passing: a date within the last year.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from samen_refer.format.contact import Contact, Directory
from samen_refer.problem import Problem, said

STALE_AFTER_DAYS = 365  # a warning: check the facts again
STALE_ERROR_DAYS = 730  # an error: facts this old are not to be shown to a person in need


def duplicate_problems(directory: Directory) -> list[Problem]:
    """Contacts that share an id."""
    return duplicate_contact_problems(directory.path, directory.contacts)


def duplicate_contact_problems(path: str, contacts: Iterable[Contact]) -> list[Problem]:
    """Contacts of one file (contacts.yaml or a region) that share an id."""
    out = []
    seen: dict[str, Contact] = {}
    for contact in contacts:
        if contact.id in seen:
            out.append(
                Problem(
                    path,
                    *contact.at,
                    said(
                        "duplicate contact id '{id}' (first on line {line})", id=contact.id, line=seen[contact.id].at[0]
                    ),
                    "duplicate-id",
                )
            )
        seen.setdefault(contact.id, contact)
    return out


def stale_problems(directory: Directory, today: datetime.date) -> list[Problem]:
    """Contacts not verified in the last year (warnings) or two years (errors), or 'verified' on a day still to
    come (errors: such a contact would never go stale)."""
    return contact_age_problems(directory.path, directory.contacts, today)


def contact_age_problems(path: str, contacts: Iterable[Contact], today: datetime.date) -> list[Problem]:
    """The age checks of ``stale_problems``, for the contacts of any file (contacts.yaml or a region)."""
    out = []
    for contact in contacts:
        age = (today - datetime.date.fromisoformat(contact.verified)).days
        if age < -1:  # a day of slack for time zones
            out.append(
                Problem(
                    path, *contact.at,
                    said(
                        "contact '{id}' was verified on {date}, which is in the future; "
                        "write the date its facts were checked",
                        id=contact.id, date=contact.verified,
                    ),
                    "contact-verified",
                )
            )  # fmt: skip
            continue
        if contact.source_date is not None and contact.source_date > contact.verified[: len(contact.source_date)]:
            out.append(
                Problem(
                    path, *contact.at,
                    said(
                        "contact '{id}' has a source page dated {source_date}, after its source was read on {date}; "
                        "write the date the page itself carries",
                        id=contact.id, source_date=contact.source_date, date=contact.verified,
                    ),
                    "contact-verified",
                )
            )  # fmt: skip
        if age > STALE_AFTER_DAYS:
            out.append(
                Problem(
                    path, *contact.at,
                    said(
                        "contact '{id}' was verified {age} days ago ({date}); check its facts again",
                        id=contact.id, age=age, date=contact.verified,
                    ),
                    "contact-stale", "error" if age > STALE_ERROR_DAYS else "warning",
                )
            )  # fmt: skip
    return out
