"""Keeping the social map current: which contacts were last verified too long ago, grouped by who keeps them.

``contacts --stale`` prints the groups; ``.github/workflows/stale-contacts.yml`` turns each group into one issue for
its owner (``issue_body``). National contacts are kept by the maintainers of samen-refer.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final, NamedTuple

from samen_refer.format.contact import Contact, Directory
from samen_refer.format.language import pick
from samen_refer.format.region import Region

STALE_DAYS: Final = 365
MAINTAINERS: Final = {"nl": "De makers van samen-refer", "en": "The samen-refer maintainers"}


class StaleContact(NamedTuple):
    """A contact whose facts were read ``age`` days ago, in ``file``."""

    contact: Contact
    file: str
    age: int


class OwnerGroup(NamedTuple):
    """The stale contacts one owner keeps, and how to reach that owner."""

    owner: str
    region: str | None  # None: the national contacts
    corrections: str
    contacts: tuple[StaleContact, ...]


def _stale(contacts: Iterable[Contact], file: str, today: datetime.date, days: int) -> tuple[StaleContact, ...]:
    out = []
    for contact in contacts:
        age = (today - datetime.date.fromisoformat(contact.verified)).days
        if age >= days:
            out.append(StaleContact(contact, file, age))
    return tuple(sorted(out, key=lambda s: (-s.age, s.contact.id)))


def stale_groups(
    directory: Directory, regions: Sequence[Region], today: datetime.date, days: int = STALE_DAYS, lang: str = "en"
) -> list[OwnerGroup]:
    """Every contact verified ``days`` or more days ago, national first, then per region; empty groups left out."""
    groups = [
        OwnerGroup(
            MAINTAINERS.get(lang, MAINTAINERS["en"]), None, "", _stale(directory.contacts, directory.path, today, days)
        )
    ]
    for region in regions:
        owner = region.owner
        reach = " ".join(x for x in (pick(owner.corrections, lang), owner.url or "", owner.email or "") if x)
        contacts = _stale((c.contact for c in region.contacts), region.path, today, days)
        groups.append(OwnerGroup(pick(owner.name, lang), region.id, reach, contacts))
    return [g for g in groups if g.contacts]


def issue_title(group: OwnerGroup) -> str:
    """The title of the issue for one owner."""
    where = f"region {group.region}" if group.region else "national contacts"
    return f"Check {len(group.contacts)} contact(s) of {where} (kept by {group.owner})"


def issue_body(group: OwnerGroup, days: int = STALE_DAYS) -> str:
    """The body of the issue for one owner: each contact with its age, source and file (Markdown, English)."""
    lines = [
        f"These contacts were last verified {days} or more days ago. Please read each source again, correct what "
        "changed, and write today's date in `verified`. Never guess a phone number or opening hours: leave out what "
        "you cannot verify.",
        "",
        f"Kept by: {group.owner}" + (f" ({group.corrections})" if group.corrections else ""),
        "",
        "| contact | verified | days ago | source | file |",
        "| --- | --- | --- | --- | --- |",
    ]
    for item in group.contacts:
        c = item.contact
        lines.append(f"| `{c.id}` {pick(c.name, 'en')} | {c.verified} | {item.age} | {c.source} | `{item.file}` |")
    return "\n".join(lines) + "\n"


def issues(root: Path | None, today: datetime.date, days: int = STALE_DAYS) -> list[dict[str, str]]:
    """One issue (title and body) per owner with stale contacts, for the monthly workflow."""
    from samen_refer.checks.load import open_contacts
    from samen_refer.format.library import Library

    library = Library.open(root)
    groups = stale_groups(open_contacts(library), library.regions(), today, days)
    return [{"owner": g.owner, "title": issue_title(g), "body": issue_body(g, days)} for g in groups]


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m samen_refer.checks.stale [--pathways DIR] [--days N]``: the issues as JSON on stdout."""
    import argparse
    import json

    parser = argparse.ArgumentParser(prog="python -m samen_refer.checks.stale", description=main.__doc__)
    parser.add_argument("--pathways", type=Path, default=None)
    parser.add_argument("--days", type=int, default=STALE_DAYS)
    args = parser.parse_args(argv)
    print(json.dumps(issues(args.pathways, datetime.date.today(), args.days), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
