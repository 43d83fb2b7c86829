"""A region's contacts as CSV and back: export then import gives the same file; problems as file:row:column."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path

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
from samen_refer.format.region_csv import export_csv, import_csv
from samen_refer.format.region_layout import region_data, region_text
from tests.conftest import REPO

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


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("role", "emergency", "x.csv:2:20:"),
        ("verified", "28-11-2026", "x.csv:2:17:"),
        ("source", "www.example.org", "x.csv:2:18:"),
        ("phone", "call us", "x.csv:2:6:"),
        ("serves", "violence", "x.csv:2:21:"),
        ("serves", "residence=undocumented; residence=asylum_seeker", "x.csv:2:21:"),
        ("other_sources", "https://example.org www.example.org", "x.csv:2:19:"),
        ("id", "", "x.csv:2:1:"),
    ],
)
def test_a_broken_cell_is_reported_as_file_row_column(column: str, value: str, expected: str) -> None:
    region = open_region(LIBRARY, "nijmegen")
    header, row = export_csv(region).splitlines()[:2]
    cells = next(csv.reader(io.StringIO(row)))
    cells[header.split(",").index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)
    written, problems = import_csv(f"{header}\n{out.getvalue()}", "x.csv", region)
    assert written is None
    assert [str(p).split(" ", 1)[0] for p in problems] == [expected]


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
_text = (
    st.text(
        alphabet=st.characters(categories=["L", "M", "N", "P", "S", "Zs"], exclude_characters="\t"),
        min_size=1,
        max_size=160,
    )
    .map(str.strip)
    .filter(bool)
)
_id = st.from_regex(r"[a-z][a-z0-9_-]{0,10}", fullmatch=True)
_url = _id.map(lambda path: f"https://example.org/{path}")


@st.composite
def _contacts(draw: st.DrawFn) -> RegionalContact:
    def texts() -> dict[str, str]:
        return {"nl": draw(_text), "en": draw(_text)}

    contact = Contact(
        draw(_id),
        texts(),
        texts(),
        draw(st.dates().map(lambda d: d.isoformat()).filter(lambda d: len(d) == 10)),
        draw(_url),
        phone=draw(st.none() | st.from_regex(r"0[0-9]{3}-[0-9]{4}", fullmatch=True)),
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
def _regions(draw: st.DrawFn) -> Region:
    def texts() -> dict[str, str]:
        return {"nl": draw(_text), "en": draw(_text)}

    return open_region(LIBRARY, "utrecht")._replace(
        name=texts(),
        municipalities=tuple(draw(st.lists(_text, min_size=1, max_size=8))),
        municipalities_source=draw(st.none() | _url),
        owner=Owner(texts(), texts(), draw(st.none() | _url), draw(st.none() | st.just("kaart@example.org"))),
        contacts=tuple(draw(st.lists(_contacts(), max_size=4, unique_by=lambda c: c.contact.id))),
    )


def _read(text: str) -> Region:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "utrecht.yaml"
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
