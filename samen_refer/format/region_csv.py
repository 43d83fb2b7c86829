"""A region's contacts as CSV, for an owner who keeps them in a spreadsheet, and back.

``regions export ID --format csv`` writes one row per contact; ``regions import FILE.csv --region ID`` reads the
rows back into that region's file (its name, municipalities and owner stay as they are), written in the one layout of
``region_layout``. Export then import gives the same region file; problems in the CSV are reported as
``file:row:column``.

No cell reads as a formula in a spreadsheet ("CSV injection", OWASP): export writes an apostrophe before a cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (a phone number ``+31 ...`` too), and import takes
exactly that apostrophe away again (``neutralised``, ``restored``). What import reads is checked here cell by cell
(its form, and ``text_trouble``, as ``validate`` reads a text); ``checks.region_import`` checks the region it gives.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Mapping, Sequence
from typing import Any, Final, NamedTuple

from samen_refer.format.contact import PHONE_PATTERN, SOURCE_DATE_PATTERN, URL_PATTERN, source_date_trouble
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
from samen_refer.format.shape import ID_PATTERN, text_trouble
from samen_refer.format.source import MAX_BYTES
from samen_refer.problem import Problem, Said, said

TEXTS: Final = TEXT_KEYS
REQUIRED: Final = ("id", "name", "does", "verified", "source", "role")
# A cell a spreadsheet would read as a formula: one that starts with =, +, -, @, a tab or a CR (OWASP), also after
# apostrophes, so that export can add one apostrophe to each such cell and import take exactly one away.
_FORMULA_LIKE: Final = re.compile("'*[=+\\-@\t\r]")


def neutralised(cell: str) -> str:
    """The cell as a spreadsheet shows it as text: with an apostrophe before it when it would start a formula."""
    return f"'{cell}" if _FORMULA_LIKE.match(cell) else cell


def restored(cell: str) -> str:
    """The cell as it was before ``neutralised``: ``restored(neutralised(cell)) == cell`` for every cell."""
    return cell[1:] if cell.startswith("'") and _FORMULA_LIKE.match(cell, 1) else cell


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
        writer.writerow([neutralised(cells.get(column, "")) for column in header])
    return out.getvalue()


class _Row:
    """Reads the cells of one CSV row, recording problems as ``file:row:column``: the first one of each cell."""

    def __init__(self, path: str, number: int, header: list[str], cells: list[str], problems: list[Problem]) -> None:
        self.path, self.number, self.header, self.cells, self.problems = path, number, header, cells, problems
        self.reported: set[int] = set()

    def cell(self, name: str) -> str:
        index = self.header.index(name)
        return restored(self.cells[index].strip()) if index < len(self.cells) else ""

    def report(self, name: str, message: Said, check: str = "csv-cell") -> None:
        column = self.header.index(name) + 1
        if column not in self.reported:
            self.reported.add(column)
            self.problems.append(Problem(self.path, self.number, column, message, check))

    def checked(self, name: str, pattern: str, what: str) -> str:
        value = self.cell(name)
        if value and not re.fullmatch(pattern, value):
            self.report(name, said("'{value}' is not a valid {what}", value=value, what=what))
        return value


_CELL: Final = said("this cell")


def _contact_data(row: _Row, languages: Sequence[str]) -> dict[str, Any]:
    for name in row.header:  # as validate reads a text: no control character, and no formula in a text
        trouble = text_trouble(row.cell(name), _CELL, cell=name.partition(".")[0] in TEXTS)
        if trouble is not None:
            row.report(name, *trouble)
    extra = [n for n, cell in enumerate(row.cells[len(row.header) :], len(row.header) + 1) if cell.strip()]
    if extra:
        message = said(
            "this cell is beyond the last column ({column}), so its text would be lost; move it into a column, or "
            "remove it",
            column=row.header[-1],
        )
        row.problems.append(Problem(row.path, row.number, extra[0], message, "csv-cell"))
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
    if source_date := row.checked("source_date", SOURCE_DATE_PATTERN, "date (YYYY, YYYY-MM or YYYY-MM-DD)"):
        if (wrong := source_date_trouble(source_date)) is not None:
            row.report("source_date", wrong)
        data["source_date"] = source_date
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


class Row(NamedTuple):
    """A contact read from a CSV row: its row number, and its values in the layout's key order."""

    number: int
    data: dict[str, Data]


def read_rows(text: str, path: str, languages: Sequence[str]) -> tuple[list[Row], list[Problem]]:
    """The contacts of a CSV, one per row that is not blank; or the problems, as ``file:row:column``. Cells apart by
    commas, or by semicolons (how a spreadsheet set to Dutch saves a CSV file)."""
    # Line breaks as any system writes them (CR LF, and CR alone: Excel's "CSV (Macintosh)"); a NUL as another control
    # character, which every cell refuses alike (the csv module of Python 3.10 stops at a NUL without saying where).
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\x01")
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    rows, trouble = _records(text, path, delimiter)
    wanted = columns(languages)
    if not rows or rows[0] != wanted:
        message = said("the first row must name the columns: {columns}", columns=", ".join(wanted))
        return [], [Problem(path, 1, 1, message, "csv-header")]
    if trouble is not None:
        return [], [trouble]
    problems: list[Problem] = []
    contacts = []
    for number, cells in enumerate(rows[1:], 2):
        if any(cell.strip() for cell in cells):
            data = _contact_data(_Row(path, number, wanted, cells, problems), languages)
            contacts.append(Row(number, ordered_contact(data)))
    return ([], problems) if problems else (contacts, [])


def _records(text: str, path: str, delimiter: str) -> tuple[list[list[str]], Problem | None]:
    """The CSV's rows, and the problem that stopped reading them (a quote that goes wrong), if any."""
    lines = list(io.StringIO(text))
    reader = csv.reader(lines, delimiter=delimiter, strict=True)  # strict: a broken quote is an error, not lost text
    rows: list[list[str]] = []
    limit = csv.field_size_limit(MAX_BYTES)  # any cell of a file that may be read: a long text is no bug
    try:
        while True:
            start = reader.line_num
            try:
                rows.append(next(reader))
            except StopIteration:
                return rows, None
            except csv.Error:  # with line breaks and NULs made plain (read_rows), only a quote can go wrong
                column, message = _broken_cell("".join(lines[start : reader.line_num]), delimiter)
                return rows, Problem(path, len(rows) + 1, column, message, "csv-cell")
    finally:
        csv.field_size_limit(limit)


def _broken_cell(record: str, delimiter: str) -> tuple[int, Said]:
    """The column where the quotes of a row the csv module refused go wrong, and how: text after a closing quote, or
    else a quote that is never closed."""
    column, state = 1, "start"  # at the start of a cell, in a cell without quotes, in quotes, after a closing quote
    for char in record:
        if state == "quoted":
            state = "closed" if char == '"' else state
        elif state == "closed" and char == '"':
            state = "quoted"  # "" in quotes: a quote in the text
        elif state == "closed" and char not in (delimiter, "\n"):
            message = said(
                'text follows the closing quote (") of this cell; put the whole cell in quotes, and write a quote '
                'in it as two ("")'
            )
            return column, message
        elif char == delimiter:
            column, state = column + 1, "start"
        elif state == "start":
            state = "quoted" if char == '"' else "plain"
    return column, said('a quote (") opens this cell and is never closed; close it, or write a quote as two ("")')


def import_csv(text: str, path: str, region: Region) -> tuple[str | None, list[Problem]]:
    """The region's file with its contacts replaced by the CSV's rows; or the problems, as ``file:row:column``. The
    region it gives is checked by ``checks.region_import``."""
    rows, problems = read_rows(text, path, region.languages)
    if problems:
        return None, problems
    return layout(region_data(region, [row.data for row in rows])), []
