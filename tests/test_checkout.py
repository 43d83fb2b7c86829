"""A maintainer's checkout: ``validate``, ``diff``, ``graph``, ``routes`` and ``scenarios`` read its own
``pathways/``, found from the working directory upwards, and say which folder they read (U20)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samen_refer.cli.app import app
from samen_refer.format.library import builtin_directory, checkout_directory
from tests.conftest import MINI, REPO

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--lang", "en"])
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A checkout with the shipped pathways and a typo in one contact's phone number, entered in a subfolder."""
    shutil.copytree(REPO / "pathways", tmp_path / "pathways")
    contacts = tmp_path / "pathways" / "contacts.yaml"
    text = contacts.read_text(encoding="utf-8")
    assert 'phone: "0900-0101"' in text
    contacts.write_text(text.replace('phone: "0900-0101"', 'phone: "0900-01O1"', 1), encoding="utf-8")
    (tmp_path / "docs" / "notes").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "docs" / "notes")
    return tmp_path


@pytest.fixture
def mini_checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A checkout whose only pathway is the small test pathway, entered in its regions folder."""
    shutil.copytree(MINI, tmp_path / "pathways")
    (tmp_path / "pathways" / "regions").mkdir()
    monkeypatch.chdir(tmp_path / "pathways" / "regions")
    return tmp_path / "pathways"


def test_validate_in_a_checkout_checks_its_files_and_names_the_folder(checkout: Path) -> None:
    code, out, _ = run("validate")
    assert code == 1
    assert f"{checkout / 'pathways' / 'contacts.yaml'}:" in out
    assert "'0900-01O1' is not a valid phone number" in out
    assert out.splitlines()[-1] == f"Checked the pathways folder of this checkout: {checkout / 'pathways'}"


def test_validate_says_so_in_dutch(checkout: Path) -> None:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 1
    summary, folder = result.stdout.splitlines()[-2:]
    assert summary.startswith("1 fout(en), 0 waarschuwing(en) in ")
    assert folder == f"Gecontroleerd: de map pathways van dit project: {checkout / 'pathways'}"


def test_an_explicit_pathways_folder_wins_over_the_checkout(checkout: Path) -> None:
    code, out, _ = run("validate", "--pathways", str(MINI))
    assert code == 0
    assert out.splitlines()[-1] == f"Checked the folder given with --pathways: {MINI}"


def test_outside_a_checkout_the_installed_copy_is_read_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("validate")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == f"Checked the built-in pathways (not a checkout): {builtin_directory()}"
    assert run("routes", "--count")[1:] == (run("routes", "--count", "--pathways", str(builtin_directory()))[1], "")


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["routes", "--count"], "13\n"),
        (["graph"], "flowchart"),
        (["scenarios", "check"], "no scenarios in"),
    ],
    ids=["routes", "graph", "scenarios"],
)
def test_the_other_maintainer_commands_read_the_checkout_and_say_so_on_stderr(
    mini_checkout: Path, args: list[str], shown: str
) -> None:
    code, out, err = run(*args)
    assert code == 0
    assert shown in out
    assert err == f"Read the pathways folder of this checkout: {mini_checkout}\n"


def test_diff_with_base_compares_the_checkout_without_a_path(mini_checkout: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = mini_checkout.parent
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "mini"]):
        subprocess.run(["git", "-C", str(root), *identity, *args], check=True, capture_output=True)
    code, out, err = run("diff", "--base", "HEAD")
    assert code == 0
    assert out.startswith("## Behaviour diff: `mini`")
    assert err == f"Read the pathways folder of this checkout: {mini_checkout}\n"


@pytest.mark.parametrize(
    ("files", "start", "found"),
    [
        (["pathways/contacts.yaml", "pathways/mini.yaml"], "a/b", "pathways"),
        (["pathways/contacts.yaml", "pathways/mini.yaml"], "pathways/regions", "pathways"),
        (["pathways/contacts.yaml", "pathways/mini.yaml"], ".", "pathways"),
        (["pathways/mini.yaml"], "a", None),  # no contacts.yaml: not a pathways folder
        (["pathways/contacts.yaml"], "a", None),  # no pathway file
        (["pathways/contacts.yaml", "pathways/Not An Id.yaml"], "a", None),
        (
            ["pathways/contacts.yaml", "pathways/mini.yaml", "a/pathways/contacts.yaml", "a/pathways/x.yaml"],
            "a/b",
            "a/pathways",
        ),
    ],
)
def test_a_checkout_is_a_pathways_folder_with_contacts_and_a_pathway(
    tmp_path: Path, files: list[str], start: str, found: str | None
) -> None:
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / start).mkdir(parents=True, exist_ok=True)
    assert checkout_directory(tmp_path / start) == (None if found is None else tmp_path / found)
