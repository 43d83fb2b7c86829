"""A region's contacts as CSV, for an owner who keeps them in a spreadsheet, and back.

``regions export ID --format csv`` writes one row per contact; ``regions import FILE.csv --region ID`` reads the
rows back into that region's file (its name, municipalities and owner stay as they are), written in the one layout of
``region_layout``. Export then import gives the same region file; problems in the CSV are reported as
``file:row:column``.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Mapping, Sequence
from typing import Any, Final

from samen_refer.format.contact import PHONE_PATTERN, URL_PATTERN
from samen_refer.format.region import REGIONAL_ROLES, Region
from samen_refer.format.region_layout import (
    CONTACT_KEYS,
    TEXT_KEYS,
    Data,
    layout,
    ordered_contact,
    region_data,
    regional_contact_fields,
)
from samen_refer.format.shape import ID_PATTERN
from samen_refer.problem import Problem, said

TEXTS: Final = TEXT_KEYS
REQUIRED: Final = ("id", "name", "does", "verified", "source", "role")


def columns(languages: Sequence[str]) -> list[str]:
    """The CSV header for a region in these languages: the keys of the region file's layout, a text per language."""
    out: list[str] = []
    for key in CONTACT_KEYS:
        out += [f"{key}.{lang}" for lang in languages] if key in TEXTS else [key]
    return out


def _cell(value: Data, separator: str = ",") -> str:
    """One cell: a list as its items with ``separator``, ``serves`` as ``question=option,option; question=option``."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return "; ".join(f"{question}={_cell(options)}" for question, options in value.items())
    return separator.join(_cell(item) for item in value)


def _cells(data: Mapping[str, Data]) -> dict[str, str]:
    """One row's cells by column: a text per language; web addresses in ``other_sources`` apart by a space."""
    cells: dict[str, str] = {}
    for key, value in data.items():
        if key in TEXTS and isinstance(value, Mapping):
            cells.update({f"{key}.{lang}": _cell(text) for lang, text in value.items()})
        else:
            cells[key] = _cell(value, " " if key == "other_sources" else ",")
    return cells


def export_csv(region: Region) -> str:
    """The region's contacts as CSV text, one row per contact, in file order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = columns(region.languages)
    writer.writerow(header)
    for regional in region.contacts:
        cells = _cells(regional_contact_fields(regional, region.languages))
        writer.writerow([cells.get(column, "") for column in header])
    return out.getvalue()


class _Row:
    """Reads the cells of one CSV row, recording problems as ``file:row:column``."""

    def __init__(self, path: str, number: int, header: list[str], cells: list[str], problems: list[Problem]) -> None:
        self.path, self.number, self.header, self.cells, self.problems = path, number, header, cells, problems

    def cell(self, name: str) -> str:
        index = self.header.index(name)
        return self.cells[index].strip() if index < len(self.cells) else ""

    def report(self, name: str, message: Any) -> None:
        self.problems.append(Problem(self.path, self.number, self.header.index(name) + 1, message, "csv-cell"))

    def checked(self, name: str, pattern: str, what: str) -> str:
        value = self.cell(name)
        if value and not re.fullmatch(pattern, value):
            self.report(name, said("'{value}' is not a valid {what}", value=value, what=what))
        return value


def _contact_data(row: _Row, languages: Sequence[str]) -> dict[str, Any]:
    data: dict[str, Any] = {"id": row.checked("id", ID_PATTERN, "id")}
    for key in TEXTS:
        texts = {lang: row.cell(f"{key}.{lang}") for lang in languages}
        if any(texts.values()):
            for lang, text in texts.items():
                if not text:
                    row.report(f"{key}.{lang}", said("text is missing in: {langs}", langs=lang))
            data[key] = texts
        if key == "does":
            for field in ("phone", "url"):
                pattern = PHONE_PATTERN if field == "phone" else URL_PATTERN
                if value := row.checked(field, pattern, field):
                    data[field] = value
    for key in ("name", "does"):
        if key not in data:
            row.report(f"{key}.{languages[0]}", said("this cell is required"))
    flag = row.cell("anonymous_advice")
    if flag:
        if flag not in ("true", "false"):
            row.report("anonymous_advice", said("expected true or false"))
        data["anonymous_advice"] = flag == "true"
    verified = row.cell("verified")
    try:
        datetime.date.fromisoformat(verified)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", verified):
            raise ValueError
    except ValueError:
        row.report("verified", said("'{value}' is not a date written as YYYY-MM-DD", value=verified))
    data["verified"] = verified
    data["source"] = row.checked("source", URL_PATTERN, "web address")
    if others := row.cell("other_sources").split():
        for other in others:
            if not re.fullmatch(URL_PATTERN, other):
                row.report("other_sources", said("'{value}' is not a valid {what}", value=other, what="web address"))
        data["other_sources"] = others
    data["role"] = row.cell("role")
    if data["role"] not in REGIONAL_ROLES:
        known = ", ".join(REGIONAL_ROLES)
        row.report("role", said("'{value}' is not one of: {known}", value=data["role"], known=known))
    serves = row.cell("serves")
    if serves:
        data["serves"] = {}
        for term in serves.split(";"):
            question, _, options = term.partition("=")
            ids = [o.strip() for o in options.split(",")]
            if not re.fullmatch(ID_PATTERN, question.strip()) or not all(re.fullmatch(ID_PATTERN, o) for o in ids):
                row.report("serves", said("write 'serves' as question=option,option; question=option"))
                break
            if question.strip() in data["serves"]:
                row.report("serves", said("question '{question}' is named twice", question=question.strip()))
            data["serves"][question.strip()] = ids
    person = row.cell("person")
    if person:
        if person not in ("true", "false"):
            row.report("person", said("expected true or false"))
        data["person"] = person == "true"
    if after := row.checked("after", ID_PATTERN, "id"):
        data["after"] = after
    for key in ("id", "verified", "source", "role"):
        if not row.cell(key):
            row.report(key, said("this cell is required"))
    return data


def import_csv(text: str, path: str, region: Region) -> tuple[str | None, list[Problem]]:
    """The region's file with its contacts replaced by the CSV's rows; or the problems, as ``file:row:column``.
    Cells apart by commas, or by semicolons (how a spreadsheet set to Dutch saves a CSV file)."""
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    problems: list[Problem] = []
    wanted = columns(region.languages)
    if not rows or rows[0] != wanted:
        message = said("the first row must name the columns: {columns}", columns=", ".join(wanted))
        return None, [Problem(path, 1, 1, message, "csv-header")]
    contacts = []
    for number, cells in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in cells):
            continue
        contacts.append(_contact_data(_Row(path, number, wanted, cells, problems), region.languages))
    if problems:
        return None, problems
    return layout(region_data(region, [ordered_contact(c) for c in contacts])), []
