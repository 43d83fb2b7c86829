"""The checks as a whole: ``validate`` reports every problem of a file in one run, without echoes; the registry names
every check and the module of its family documents it; the interactive commands still refuse a broken pathway."""

from __future__ import annotations

import datetime
import importlib
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samen_refer.checks.registry import CHECKS, FAMILIES
from samen_refer.checks.validate import validate
from samen_refer.cli.app import app
from tests.conftest import MINI, REPO

TODAY = datetime.date(2026, 12, 5)  # the day the regional facts were read (shared/facts/regions.md)
SGGG = (REPO / "pathways" / "sggg.yaml").read_text(encoding="utf-8")
MINI_YAML = (MINI / "mini.yaml").read_text(encoding="utf-8")
CONTACTS_YAML = (MINI / "contacts.yaml").read_text(encoding="utf-8")

# The case: in the shipped pathway, a typo'd key and two broken references, each at its line:col.
TYPO_AND_TWO_REFERENCES = [
    ("    help:\n      nl: >-\n        Bij acuut gevaar", "    hepl:\n      nl: >-\n        Bij acuut gevaar"),
    ("    next: helper\n", "    next: helpr\n"),
    ("      - contact: politie-112\n", "      - contact: politie-113\n"),
]
EXPECTED = [
    (87, 5, "schema-unknown-key", "unknown key 'hepl' in question; did you mean 'help'?"),
    (119, 11, "unknown-question", "'next' goes to unknown question 'helpr'"),
    (572, 9, "unknown-contact", "unknown contact 'politie-113' (not in contacts.yaml)"),
]


def edited(text: str, edits: list[tuple[str, str]]) -> str:
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def shipped_copy(root: Path, edits: list[tuple[str, str]]) -> Path:
    target = root / "pathways"
    shutil.copytree(REPO / "pathways", target)
    (target / "sggg.yaml").write_text(edited(SGGG, edits), encoding="utf-8")
    return target


def mini_copy(root: Path, edits: list[tuple[str, str]], contacts: list[tuple[str, str]] | None = None) -> Path:
    target = root / "pathways"
    shutil.copytree(MINI, target)
    (target / "mini.yaml").write_text(edited(MINI_YAML, edits), encoding="utf-8")
    (target / "contacts.yaml").write_text(edited(CONTACTS_YAML, contacts or []), encoding="utf-8")
    return target


def test_a_typo_no_longer_hides_two_broken_references(tmp_path: Path) -> None:
    folder = shipped_copy(tmp_path, TYPO_AND_TWO_REFERENCES)
    report = validate([folder], TODAY)
    assert [(p.path, p.line, p.col, p.check, p.message) for p in report.problems] == [
        (str(folder / "sggg.yaml"), *expected) for expected in EXPECTED
    ]


def test_the_command_reports_all_three_with_their_place_and_id_and_exits_1(tmp_path: Path) -> None:
    folder = shipped_copy(tmp_path, TYPO_AND_TWO_REFERENCES)
    result = CliRunner().invoke(app, ["validate", str(folder), "--lang", "en"])
    assert result.exit_code == 1
    for line, col, check, message in EXPECTED:
        assert f"  {folder / 'sggg.yaml'}:{line}:{col}: error: {message} [{check}]\n" in result.stdout
    data = json.loads(CliRunner().invoke(app, ["validate", str(folder), "--format", "json"]).stdout)
    assert data["summary"]["errors"] == 3


# One line per case: edits of the mini pathway (and its contacts) -> every problem validate reports, and no other.
# A broken part is reported once, where it is; what refers to it is not reported again.
AT_ONCE = {
    "a broken question's id is not an unknown reference": (
        [("    options:\n      - {id: referral", "    optoins:\n      - {id: referral")],
        [],
        [(29, 5, "schema-missing"), (32, 5, "schema-unknown-key")],
    ),
    "a broken option is not an unknown option in conditions": (
        [("      - {id: referral, label: {nl: Hulp, en: Help}}", "      - {id: referral}")],
        [],
        [(33, 9, "schema-missing")],
    ),
    "a lost 'next' is not a dead end": (
        [("    next: children\n", "    next: [children]\n")],
        [],
        [(21, 12, "schema-type")],
    ),
    "a broken block 'when' is no failing route check": (
        [("    when: {children: [yes]}", "    when: {children: [Yes!]}")],
        [],
        [(55, 23, "id-format")],
    ),
    "a broken contact's id is not an unknown contact": (
        [],
        [("verified: 2026-11-28", "verified: soon")],
        [(8, 15, "contact-verified")],
    ),
    "a contact with an unreadable id: references to contacts wait": (
        [],
        [("id: politie-112", "id: Politie-112")],
        [(4, 9, "id-format")],
    ),
    "a missing start is not an unknown start question": ([("start: danger\n", "")], [], [(2, 1, "schema-missing")]),
    "an unreadable contacts file name: contacts are not checked": (
        [("start: danger\n", "start: danger\ncontacts: other.txt\n"), ("contact: politie-112", "contact: x")],
        [],
        [(8, 11, "schema-format")],
    ),
    "a typo and a broken reference": (
        [("    help: {nl:", "    hepl: {nl:"), ("    next: consent", "    next: consnet")],
        [],
        [(12, 5, "schema-unknown-key"), (28, 11, "unknown-question")],
    ),
    "a typo of a text key and a loop": (
        [("    help: {nl:", "    hepl: {nl:"), ("    next: consent", "    next: danger")],
        [],
        [(9, 5, "cycle"), (12, 5, "schema-unknown-key")],
    ),
    "a missing language and a block no route includes": (
        [
            ("{nl: Veiligheid gaat voor., en: Safety comes first.}", "{nl: Veiligheid gaat voor.}"),
            ("when: {report: [yes]}", "when: {report: [yes], danger: [yes]}"),
        ],
        [],
        [(11, 10, "lang-missing"), (74, 5, "unreachable-block")],
    ),
    "a duplicate key and an unknown contact": (
        [("start: danger\n", "start: danger\nstart: danger\n"), ("contact: politie-112", "contact: politie-113")],
        [],
        [(8, 1, "yaml-duplicate-key"), (54, 9, "unknown-contact")],
    ),
    "a duplicate unknown key is not read again": (
        [("    help: {nl:", "    hepl: 1\n    hepl: {nl:")],
        [],
        [(12, 5, "schema-unknown-key"), (13, 5, "yaml-duplicate-key")],
    ),
    "only YAML that cannot be parsed stops at one problem": (
        [("start: danger\n", "start: [danger\n"), ("contact: politie-112", "contact: politie-113")],
        [],
        [(8, 10, "yaml-syntax")],
    ),
}


@pytest.mark.parametrize("case", AT_ONCE)
def test_validate_reports_every_problem_once(tmp_path: Path, case: str) -> None:
    edits, contact_edits, expected = AT_ONCE[case]
    report = validate([mini_copy(tmp_path, edits, contact_edits)], TODAY)
    assert [(p.line, p.col, p.check) for p in report.problems] == expected, [str(p) for p in report.problems]


@pytest.mark.parametrize("command", [["route", "sggg", "-a", "danger=yes"], ["start", "sggg"]])
def test_the_interactive_commands_still_refuse_the_broken_pathway(tmp_path: Path, command: list[str]) -> None:
    folder = shipped_copy(tmp_path, TYPO_AND_TWO_REFERENCES)
    result = CliRunner().invoke(app, [*command, "--pathways", str(folder), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stdout == ""
    line, col, check, message = EXPECTED[0]  # as before: the references wait until every part could be read
    assert result.stderr.splitlines()[0] == f"{folder / 'sggg.yaml'}:{line}:{col}: error: {message} [{check}]"


def test_every_check_belongs_to_a_family_and_each_family_documents_its_checks() -> None:
    assert sorted({check for checks in FAMILIES.values() for check in checks}) == sorted(CHECKS)
    for module, checks in FAMILIES.items():
        doc = importlib.import_module(module).__doc__ or ""
        assert [c for c in checks if f"``{c}``" not in doc] == [], module
