"""Keeping the social map current: which contacts were last verified too long ago, grouped by who keeps them.

``contacts --stale`` prints the groups; ``.github/workflows/stale-contacts.yml`` turns each group into one issue for
its owner (``issue_title``, ``issue_body``). National contacts are kept by the maintainers of samen-refer. The owners
are Dutch municipalities and organisations, so an issue says it in Dutch first, then in English; its words are in the
gettext catalogues (context ``issue.*``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final, NamedTuple

from samen_refer.format.contact import Contact, Directory
from samen_refer.format.language import pick
from samen_refer.format.region import Region
from samen_refer.i18n.translation import Words

STALE_DAYS: Final = 365
ISSUE_LANGUAGES: Final = ("nl", "en")  # Dutch first: the owners are Dutch municipalities and organisations

_STALE_WORDS: Final = Words(
    "issue",
    {
        "maintainers": "The samen-refer maintainers",
        "title": "Check {n} contact(s) of {where}",
        "region": "region {region}",
        "national": "national contacts",
        "ask": "The sources of these contacts were last read {days} or more days ago. Is everything still right? "
        "Please read each source again, correct what changed, and write today's date in `verified`. Never guess a "
        "phone number or opening hours: leave out what you cannot verify. Thank you: this is how people find the "
        "right help.",
        "kept": "Kept by",
        "table": "| contact | source read on | days ago | source | file |",
        "other": "English below.",
    },
)


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
        OwnerGroup(_STALE_WORDS("maintainers", lang), None, "", _stale(directory.contacts, directory.path, today, days))
    ]
    for region in regions:
        owner = region.owner
        reach = " ".join(x for x in (pick(owner.corrections, lang), owner.url or "", owner.email or "") if x)
        contacts = _stale((c.contact for c in region.contacts), region.path, today, days)
        groups.append(OwnerGroup(pick(owner.name, lang), region.id, reach, contacts))
    return [g for g in groups if g.contacts]


def issue_title(group: OwnerGroup) -> str:
    """The title of the issue for one owner, in Dutch, then in English."""

    def title(lang: str) -> str:
        where = _STALE_WORDS("region", lang, region=group.region) if group.region else _STALE_WORDS("national", lang)
        return _STALE_WORDS("title", lang, n=len(group.contacts), where=where)

    return " / ".join(title(lang) for lang in ISSUE_LANGUAGES)


def issue_body(groups: Sequence[OwnerGroup], days: int = STALE_DAYS) -> str:
    """The body of the issue for one owner (Markdown): what to do and each contact with its age, source and file,
    in Dutch, then in English. ``groups`` is that owner's group in each of ``ISSUE_LANGUAGES``, in that order."""
    sections = []
    for lang, group in zip(ISSUE_LANGUAGES, groups, strict=True):
        lines = [f"_{_STALE_WORDS('other', lang)}_", ""] if lang == ISSUE_LANGUAGES[0] else []
        lines += [
            _STALE_WORDS("ask", lang, days=days),
            "",
            f"{_STALE_WORDS('kept', lang)}: {group.owner}" + (f" ({group.corrections})" if group.corrections else ""),
            "",
            _STALE_WORDS("table", lang),
            "| --- | --- | --- | --- | --- |",
        ]
        for item in group.contacts:
            c = item.contact
            name = pick(c.name, lang).replace("|", "\\|")  # a bar would end the table's cell
            lines.append(f"| `{c.id}` {name} | {c.verified} | {item.age} | {c.source} | `{item.file}` |")
        sections.append("\n".join(lines) + "\n")
    return "\n---\n\n".join(sections)


def issues(root: Path | None, today: datetime.date, days: int = STALE_DAYS) -> list[dict[str, str]]:
    """One issue (title and body) per owner with stale contacts, for the monthly workflow; ``key`` is a marker at the
    end of the body by which the workflow finds that owner's open issue, to update it instead of opening another."""
    from samen_refer.checks.load import open_contacts, open_regions
    from samen_refer.format.library import Library

    library = Library.open(root)
    directory, regions = open_contacts(library), open_regions(library)
    per_lang = [stale_groups(directory, regions, today, days, lang) for lang in ISSUE_LANGUAGES]
    out = []
    for groups in zip(*per_lang, strict=True):
        key = f"samen-refer-stale:{groups[0].region or 'national'}"  # finds this owner's open issue next month
        body = f"{issue_body(groups, days)}\n<!-- {key} -->\n"
        out.append({"key": key, "owner": groups[0].owner, "title": issue_title(groups[0]), "body": body})
    return out


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
