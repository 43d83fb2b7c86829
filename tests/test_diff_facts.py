"""``diff``: a changed phone number, hours, cost or web address comes first, old → new with the contact's name, with a
check when ``verified`` or ``source`` did not change with it (U21); numbers as written in the language."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from samen_refer.cli.app import app
from samen_refer.engine.contact_diff import FactChange, FactChanges, Unconfirmed, compare_facts, facts_markdown
from samen_refer.format.contact import Contact
from samen_refer.format.region import Region, RegionalContact
from samen_refer.i18n.translation import number
from tests.conftest import REPO

runner = CliRunner()
SHIPPED_PHONE = 'phone: "0900-0101"'  # Slachtofferhulp Nederland, in the shipped contacts.yaml


def git(repo: Path, *args: str) -> None:
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "-C", str(repo), *identity, *args], check=True, capture_output=True)


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository with the shipped pathways, then a commit that changes one phone number and nothing else."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path_factory.mktemp("history")
    shutil.copytree(REPO / "pathways", repo / "pathways")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "as shipped")
    contacts = repo / "pathways" / "contacts.yaml"
    text = contacts.read_text(encoding="utf-8")
    assert text.count(SHIPPED_PHONE) == 1
    contacts.write_text(text.replace(SHIPPED_PHONE, 'phone: "0900-0102"'), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "new number")
    return repo


def diff_of(repo: Path, *args: str) -> list[str]:
    result = runner.invoke(app, ["diff", "--base", "HEAD~1", str(repo / "pathways"), *args])
    assert (result.exit_code, result.stderr) == (0, "")
    return result.stdout.splitlines()


def test_a_phone_number_change_comes_first_with_the_contacts_name_and_a_check(history: Path) -> None:
    lines = diff_of(history, "--lang", "en")
    assert lines[2].startswith("**1 phone number changed** · the urgency, contacts and steps stay the same on all ")
    assert "No changes" not in lines[2]
    assert lines[4].startswith("Note: `version` in `sggg.yaml` is still ")
    assert lines[6:11] == [
        "### Phone numbers, hours, costs and web addresses (1)",
        "",
        "- **Victim Support Netherlands (Slachtofferhulp)** (`slachtofferhulp`), phone: 0900-0101 → 0900-0102",
        "",
        "- **Check:** **Victim Support Netherlands (Slachtofferhulp)** (`slachtofferhulp`): its `verified` date and `source` are the "
        "same as before. Read the source again, then write today's date at `verified` (and the new address at "
        "`source` if the fact comes from elsewhere).",
    ]
    assert len(lines) == 11  # the phone number is not said again as a text


def test_in_dutch_the_headline_never_says_the_advice_did_not_change(history: Path) -> None:
    lines = diff_of(history)
    assert lines[2].startswith("**1 telefoonnummer veranderd** · ")
    assert "niet veranderd" not in lines[2]
    routes = lines[2].rpartition(" alle ")[2]
    assert routes.endswith(" routes") and "." in routes and "," not in routes  # 522.750 routes
    assert lines[8] == "- **Slachtofferhulp Nederland** (`slachtofferhulp`), telefoonnummer: 0900-0101 → 0900-0102"


def test_json_keeps_its_fields_and_adds_the_facts(history: Path) -> None:
    import json

    data = json.loads("\n".join(diff_of(history, "--format", "json")))
    assert data["behaviour_changed"] is False
    assert data["contact_facts"] == [
        {
            "region": None,
            "contact": "slachtofferhulp",
            "fact": "phone",
            "old": "0900-0101",
            "new": "0900-0102",
            "verified_changed": False,
            "source_changed": False,
        }
    ]
    assert {k: v for k, v in data["texts"][0].items() if k in ("kind", "id", "field", "language")} == {
        "kind": "contact",
        "id": "slachtofferhulp",
        "field": "phone",
        "language": None,
    }


def contact(**facts: object) -> Contact:
    fields: dict[str, object] = {"verified": "2026-11-28", "source": "https://example.org/a", "phone": "0800-1111"}
    fields.update(facts)
    return Contact("help", {"nl": "Hulp", "en": "Help"}, {"nl": "D", "en": "D"}, **fields)  # type: ignore[arg-type]


NEW_PHONE = {"phone": "0800-2222"}
NEW_DATE = {"verified": "2026-12-05"}
NEW_SOURCE = {"source": "https://example.org/b"}


@pytest.mark.parametrize(
    ("after", "changed", "unconfirmed"),
    [
        ({}, [], []),
        (NEW_DATE, [], []),  # re-checked, nothing else: no fact changed
        (NEW_PHONE, [("phone", "0800-1111", "0800-2222")], [(True, True)]),
        (NEW_PHONE | NEW_DATE, [("phone", "0800-1111", "0800-2222")], [(False, True)]),
        (NEW_PHONE | NEW_SOURCE, [("phone", "0800-1111", "0800-2222")], [(True, False)]),
        (NEW_PHONE | NEW_DATE | NEW_SOURCE, [("phone", "0800-1111", "0800-2222")], []),
        ({"phone": None, "url": "https://example.org"}, [("phone", "0800-1111", None), ("url", None, "https://example.org")], [(True, True)]),
        ({"hours": {"nl": "ma-vr", "en": "Mon-Fri"}} | NEW_DATE | NEW_SOURCE, [("hours", None, {"nl": "ma-vr", "en": "Mon-Fri"})], []),
        ({"cost": {"nl": "gratis", "en": "free"}} | NEW_DATE | NEW_SOURCE, [("cost", None, {"nl": "gratis", "en": "free"})], []),
    ],
)  # fmt: skip
def test_which_facts_changed_and_whether_verified_and_source_came_along(
    after: dict[str, object], changed: list[tuple[str, object, object]], unconfirmed: list[tuple[bool, bool]]
) -> None:
    facts = compare_facts({"help": contact()}, {"help": contact(**after)})
    assert [(c.fact, c.old, c.new) for c in facts.changes] == changed
    assert [(u.verified, u.source) for u in facts.unconfirmed] == unconfirmed


def region(*contacts: Contact) -> Region:
    regional = tuple(RegionalContact(c, "refer") for c in contacts)
    return Region("here", "here.yaml", "mini", {"nl": "Hier"}, ("Hier",), None, regional, ("nl", "en"))  # type: ignore[arg-type]


def test_a_regional_contacts_phone_number_is_named_with_its_region() -> None:
    facts = compare_facts({}, {}, [region(contact())], [region(contact(**NEW_PHONE))])
    assert facts.changes == (
        FactChange("here", "help", {"nl": "Hulp", "en": "Help"}, "phone", "0800-1111", "0800-2222"),
    )
    assert facts.unconfirmed == (Unconfirmed("here", "help", {"nl": "Hulp", "en": "Help"}, True, True),)
    assert facts_markdown(facts, "en")[3] == "- `here`: **Help** (`help`), phone: 0800-1111 → 0800-2222"


def test_hours_changed_only_in_another_language_are_shown_in_that_one() -> None:
    old = contact(hours={"nl": "ma-vr", "en": "Mon-Fri"})
    new = contact(hours={"nl": "ma-vr", "en": "Mon to Fri"}, **NEW_DATE, **NEW_SOURCE)
    lines = facts_markdown(compare_facts({"help": old}, {"help": new}), "nl")
    assert lines[3] == "- **Hulp** (`help`), openingstijden (en): Mon-Fri → Mon to Fri"
    assert facts_markdown(FactChanges(), "nl") == []


@given(st.integers(min_value=0, max_value=10**12))
def test_numbers_are_written_as_in_the_language(n: int) -> None:
    dutch, english = number(n, "nl"), number(n, "en")
    assert dutch.replace(".", "") == english.replace(",", "") == str(n)
    assert dutch == english.replace(",", ".")
    assert all(len(group) == 3 for group in dutch.split(".")[1:])
