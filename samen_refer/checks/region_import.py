"""``regions import``: the region file a CSV gives, checked as ``validate`` checks a region file, before anything is
written.

The cells are read and checked by ``format/region_csv.py``: the form of each (an id, a phone number, a date ...),
and each text as ``validate`` reads it (``text-control-char``, ``text-formula``). The region file they give is then
read back, as a file is, and checked with the checks of ``checks.regions`` and ``checks.contacts``: ids that two
contacts share or that a national contact has (``duplicate-id``), a ``verified`` date in the future or too old
(``contact-verified``, ``contact-stale``), ``serves`` and ``after`` against the pathway and ``contacts.yaml``
(``unknown-question``, ``unknown-option``, ``unknown-contact``), and the size limit of a file (``file-too-large``).
Each contact is read at its CSV row, so a problem is told as ``file:row:column`` of the cell it comes from.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final, NamedTuple

from samen_refer.checks.regions import own_problems, region_use_problems
from samen_refer.format.pathway import Condition, Pathway
from samen_refer.format.region import Region, parse_region
from samen_refer.format.region_csv import Row, columns, read_rows
from samen_refer.format.region_layout import layout, region_data
from samen_refer.format.source import MAX_BYTES, parse_document
from samen_refer.problem import Problem, said

# The column a contact's problem is about, by its check; the others are about its id (the first column).
_COLUMN_OF_CHECK: Final = {"contact-verified": "verified", "contact-stale": "verified", "unknown-contact": "after"}


class Imported(NamedTuple):
    """What a CSV gives: the text of the region file (None when it has an error), how many contacts it has, and
    every problem found (warnings too, such as a source read more than a year ago)."""

    text: str | None
    contacts: int
    problems: list[Problem]


def import_region(
    csv_text: str, path: str, region: Region, today: datetime.date, pathway_for: Callable[[Path], Pathway | None]
) -> Imported:
    """The region file with its contacts replaced by the CSV's rows, and every problem ``validate`` would find in it,
    told at the CSV's rows and columns (``pathway_for`` gives the pathway beside the region's folder)."""
    rows, problems = read_rows(csv_text, path, region.languages)
    if problems:
        return Imported(None, len(rows), problems)
    text = layout(region_data(region, [row.data for row in rows]))
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        limit = f"{MAX_BYTES:,} ({MAX_BYTES / 2**20:g} MiB)"
        message = said(
            "the region file from this CSV would be {size} bytes; the limit is {limit}: shorten texts, or split "
            "the region",
            size=f"{size:,}",
            limit=limit,
        )
        return Imported(None, len(rows), [Problem(path, 1, 1, message, "file-too-large")])
    document = parse_document(text.encode("utf-8"), region.path)
    again, problems = parse_region(Path(region.path), lambda _: document)
    if again is None:  # pragma: no cover - the cells were checked as the file's shapes read them
        return Imported(None, len(rows), [p._replace(path=path, line=1, col=1) for p in problems])
    placed = _at_rows(again, rows, path)
    problems += own_problems(placed, Path(region.path).stem)
    problems += region_use_problems(placed, Path(region.path), today, pathway_for)
    header = columns(region.languages)
    problems = [
        p._replace(col=header.index(_COLUMN_OF_CHECK[p.check]) + 1) if p.check in _COLUMN_OF_CHECK else p
        for p in problems
    ]
    errors = any(p.severity == "error" for p in problems)
    return Imported(None if errors else text, len(rows), sorted(problems))


def _at_rows(region: Region, rows: Sequence[Row], path: str) -> Region:
    """The region as if it were the CSV: each contact at its row (its ``serves`` in that column), so that the checks
    of a region file tell their problems (and a message such as "first on line 3") in the CSV's rows."""
    serves = columns(region.languages).index("serves") + 1
    contacts = tuple(
        regional._replace(
            contact=regional.contact._replace(at=(row.number, 1)),
            serves=Condition(tuple(t._replace(at=(row.number, serves)) for t in regional.serves.terms))
            if regional.serves
            else None,
        )
        for regional, row in zip(region.contacts, rows, strict=True)
    )
    return region._replace(path=path, contacts=contacts, at=(1, 1))
