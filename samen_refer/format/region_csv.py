"""A region's contacts as CSV, for an owner who keeps them in a spreadsheet, and back.

``regions export ID --format csv`` writes one row per contact; ``regions import FILE.csv --region ID`` reads the
rows back into that region's file (its name, municipalities and owner stay as they are). Export then import gives the
same region file; problems in the CSV are reported as ``file:row:column``.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Sequence
from typing import Any, Final

from samen_refer.format.contact import PHONE_PATTERN, URL_PATTERN
from samen_refer.format.region import REGIONAL_ROLES, Region, RegionalContact
from samen_refer.format.shape import ID_PATTERN
from samen_refer.problem import Problem, said

TEXTS: Final = ("name", "does", "hours", "cost", "after_call", "interpreters")
REQUIRED: Final = ("id", "name", "does", "verified", "source", "role")
SCHEMA_LINE: Final = "# yaml-language-server: $schema=../schema/region.schema.json\n"


def columns(languages: Sequence[str]) -> list[str]:
    """The CSV header for a region in these languages."""
    out = ["id"]
    for key in ("name", "does"):
        out += [f"{key}.{lang}" for lang in languages]
    out += ["phone", "url"]
    for key in ("hours", "cost", "after_call"):
        out += [f"{key}.{lang}" for lang in languages]
    out.append("anonymous_advice")
    out += [f"interpreters.{lang}" for lang in languages]
    return [*out, "verified", "source", "role", "serves", "person", "after"]


def _serves_text(regional: RegionalContact) -> str:
    terms = regional.serves.terms if regional.serves else ()
    return "; ".join(f"{t.question}={','.join(t.options)}" for t in terms)


def _flag(value: bool | None) -> str:
    return "" if value is None else str(value).lower()


def export_csv(region: Region) -> str:
    """The region's contacts as CSV text, one row per contact, in file order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns(region.languages))
    for regional in region.contacts:
        c = regional.contact
        row = [c.id]
        for key in ("name", "does"):
            row += [getattr(c, key)[lang] for lang in region.languages]
        row += [c.phone or "", c.url or ""]
        for key in ("hours", "cost", "after_call"):
            text = getattr(c, key)
            row += [text[lang] if text else "" for lang in region.languages]
        row.append(_flag(c.anonymous_advice))
        row += [c.interpreters[lang] if c.interpreters else "" for lang in region.languages]
        row += [
            c.verified,
            c.source,
            regional.role,
            _serves_text(regional),
            _flag(regional.person),
            regional.after or "",
        ]
        writer.writerow(row)
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
    """The region's file with its contacts replaced by the CSV's rows; or the problems, as ``file:row:column``."""
    import yaml

    rows = list(csv.reader(io.StringIO(text)))
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
    document = {
        "id": region.id,
        "pathway": region.pathway,
        "languages": list(region.languages),
        "name": dict(region.name),
        "municipalities": list(region.municipalities),
        "owner": {
            "name": dict(region.owner.name),
            "corrections": dict(region.owner.corrections),
            **({"url": region.owner.url} if region.owner.url else {}),
            **({"email": region.owner.email} if region.owner.email else {}),
        },
        "contacts": contacts,
    }
    body = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=116, default_flow_style=False)
    return SCHEMA_LINE + body, []


def region_text(region: Region) -> str:
    """The region as the file ``import`` writes (the same as importing its own export)."""
    written, problems = import_csv(export_csv(region), region.path, region)
    assert written is not None, problems
    return written
