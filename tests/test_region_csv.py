"""A region's contacts as CSV and back: export then import gives the same file; problems as file:row:column."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from samen_refer.cli.app import app
from samen_refer.format.contact import Contact
from samen_refer.format.library import Library
from samen_refer.format.pathway import Condition, Term
from samen_refer.format.region import RegionalContact, read_region
from samen_refer.format.region_csv import export_csv, import_csv, region_text
from tests.conftest import REPO

LIBRARY = Library.open(REPO / "pathways")
REGIONS = LIBRARY.region_ids()


@pytest.mark.parametrize("region_id", REGIONS)
def test_export_then_import_gives_the_same_file(tmp_path: Path, region_id: str) -> None:
    region = LIBRARY.region(region_id)
    exported = export_csv(region)
    written, problems = import_csv(exported, f"{region_id}.csv", region)
    assert problems == [] and written is not None
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
    assert imported.output == region_text(LIBRARY.region("amsterdam"))
    target = tmp_path / "out.yaml"
    assert runner.invoke(app, ["regions", "import", str(csv_file), "-o", str(target)]).exit_code == 0
    assert target.read_text(encoding="utf-8") == imported.output
    refused = runner.invoke(app, ["regions", "import", str(csv_file), "-o", str(target)])
    assert refused.exit_code == 2  # never replaced without --force
    assert runner.invoke(app, ["regions", "import", str(csv_file), "-o", str(target), "--force"]).exit_code == 0


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("role", "emergency", "x.csv:2:19:"),
        ("verified", "28-11-2026", "x.csv:2:17:"),
        ("source", "www.example.org", "x.csv:2:18:"),
        ("phone", "call us", "x.csv:2:6:"),
        ("serves", "violence", "x.csv:2:20:"),
        ("id", "", "x.csv:2:1:"),
    ],
)
def test_a_broken_cell_is_reported_as_file_row_column(column: str, value: str, expected: str) -> None:
    region = LIBRARY.region("nijmegen")
    header, row = export_csv(region).splitlines()[:2]
    import csv
    import io

    cells = next(csv.reader(io.StringIO(row)))
    cells[header.split(",").index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)
    written, problems = import_csv(f"{header}\n{out.getvalue()}", "x.csv", region)
    assert written is None
    assert [str(p).split(" ", 1)[0] for p in problems] == [expected]


def test_a_wrong_header_is_row_one() -> None:
    written, problems = import_csv("naam,telefoon\n", "x.csv", LIBRARY.region("nijmegen"))
    assert written is None and [(p.line, p.col, p.check) for p in problems] == [(1, 1, "csv-header")]


_text = (
    st.text(alphabet=string.ascii_letters + string.digits + " ,;\"'é-", min_size=1, max_size=30)
    .map(str.strip)
    .filter(bool)
)
_id = st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)


@st.composite
def _contacts(draw: st.DrawFn) -> RegionalContact:
    def texts() -> dict[str, str]:
        return {"nl": draw(_text), "en": draw(_text)}

    contact = Contact(
        draw(_id),
        texts(),
        texts(),
        draw(st.dates().map(lambda d: d.isoformat()).filter(lambda d: len(d) == 10)),
        "https://example.org/" + draw(_id),
        phone=draw(st.none() | st.from_regex(r"0[0-9]{3}-[0-9]{4}", fullmatch=True)),
        hours=draw(st.none() | st.builds(texts)),
        anonymous_advice=draw(st.none() | st.booleans()),
    )
    serves = draw(
        st.none()
        | st.builds(lambda q, o: Condition((Term(q, tuple(o), (1, 1)),)), _id, st.lists(_id, min_size=1, max_size=3))
    )
    return RegionalContact(
        contact, draw(st.sampled_from(["refer", "advice", "info"])), serves, draw(st.none() | st.booleans())
    )


@settings(max_examples=40, deadline=None)
@given(contacts=st.lists(_contacts(), max_size=4, unique_by=lambda c: c.contact.id))
def test_any_contacts_survive_the_round_trip(contacts: list[RegionalContact]) -> None:
    region = LIBRARY.region("utrecht")._replace(contacts=tuple(contacts))
    exported = export_csv(region)
    written, problems = import_csv(exported, "x.csv", region)
    assert problems == [] and written is not None
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "utrecht.yaml"
        path.write_text(written, encoding="utf-8")
        again, problems = read_region(path)
    assert problems == [] and again is not None
    assert export_csv(again) == exported
