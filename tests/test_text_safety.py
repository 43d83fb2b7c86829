"""Text from YAML is shown literally on every output channel: Rich markup is not interpreted, control characters
never reach the terminal, and machine formats carry the text unchanged."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from samen_refer.cli.app import app
from tests.conftest import MINI

runner = CliRunner()
MARKUP = "[red]rood[/red] [link=https://evil.example]klik[/link] <script>alert(1)</script> [bold]"


@pytest.fixture
def marked_up(tmp_path: Path) -> Path:
    """The mini pathway with markup in a question, a step, an option label and a contact's name."""
    folder = tmp_path / "pathways"
    shutil.copytree(MINI, folder)
    pathway = folder / "mini.yaml"
    text = pathway.read_text(encoding="utf-8")
    for old in ("Is anyone in danger now?", "Call 112 now.", "label: {nl: Ja, en: Yes}\n        next: end"):
        new = old.replace("Is anyone in danger now?", f'"Danger? {MARKUP}"').replace(
            "Call 112 now.", f'"Call 112. {MARKUP}"'
        )
        new = new.replace("{nl: Ja, en: Yes}", f'{{nl: Ja, en: "Yes {MARKUP}"}}')
        text = text.replace(old, new)
    pathway.write_text(text, encoding="utf-8")
    contacts = folder / "contacts.yaml"
    contacts.write_text(
        contacts.read_text(encoding="utf-8").replace("en: Emergency number 112}", f'en: "112 {MARKUP}"}}'),
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize("plain", [False, True])
def test_route_text_shows_markup_literally(marked_up: Path, plain: bool) -> None:
    args = ["route", "mini", "--pathways", str(marked_up), "-a", "danger=yes", "--lang", "en", "--format", "text"]
    result = runner.invoke(app, args + (["--plain"] if plain else []), env={"COLUMNS": "400"})
    assert result.exit_code == 0
    assert f"Call 112. {MARKUP}" in result.stdout
    assert f"112 {MARKUP}" in result.stdout
    assert "\x1b" not in result.stdout


def test_start_shows_question_and_option_markup_literally(marked_up: Path) -> None:
    result = runner.invoke(
        app, ["start", "mini", "--pathways", str(marked_up), "--lang", "en"], input="1\n", env={"COLUMNS": "400"}
    )
    assert result.exit_code == 0
    assert f"Danger? {MARKUP}" in result.stdout
    assert f"1. Yes {MARKUP}" in result.stdout


def test_contacts_text_shows_markup_literally(marked_up: Path) -> None:
    result = runner.invoke(
        app, ["contacts", "--pathways", str(marked_up), "--lang", "en", "--search", "112"], env={"COLUMNS": "400"}
    )
    assert f"112 {MARKUP}" in result.stdout


def test_json_and_yaml_carry_the_text_unchanged(marked_up: Path) -> None:
    base = ["route", "mini", "--pathways", str(marked_up), "-a", "danger=yes", "--lang", "en"]
    data = json.loads(runner.invoke(app, [*base, "--format", "json"]).stdout)
    assert data["outcome"]["steps"][0]["text"] == f"Call 112. {MARKUP}"
    loaded = yaml.safe_load(runner.invoke(app, [*base, "--format", "yaml"]).stdout)
    assert loaded["outcome"]["contacts"][0]["name"] == f"112 {MARKUP}"


@pytest.mark.parametrize("escape", ["\\e[31m", "\\a", "\\x9b2J", "\\u0007"])
def test_control_characters_in_pathway_text_are_refused(marked_up: Path, escape: str) -> None:
    pathway = marked_up / "mini.yaml"
    pathway.write_text(
        pathway.read_text(encoding="utf-8").replace("{nl: Bel nu 112., en:", f'{{nl: "Bel {escape} 112", en:'),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["route", "mini", "--pathways", str(marked_up), "-a", "danger=yes", "--lang", "en"])
    assert result.exit_code == 2
    assert "contains a control character or tab; remove it [text-control-char]" in result.stderr
    assert "\x1b" not in result.output and "\x07" not in result.output and "\x9b" not in result.output


def test_narrow_terminal_no_colour_and_accents() -> None:
    args = ["route", "mini", "--pathways", str(MINI), "-a", "danger=no", "-a", "children=yes", "-a", "consent=no"]
    result = runner.invoke(app, args, env={"COLUMNS": "40", "NO_COLOR": "1"})
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 40
    assert "\x1b" not in result.stdout
    accented = runner.invoke(app, ["contacts", "--search", "café"])
    assert accented.exit_code == 0


@pytest.mark.parametrize("control", ["\\u202e", "\\u2066", "\\u2067", "\\u2068", "\\u2069", "\\u202a", "\\u202d"])
def test_bidi_controls_in_pathway_and_contact_texts_are_refused(marked_up: Path, control: str) -> None:
    contacts = marked_up / "contacts.yaml"  # F17: 'Trojan source' reordering reached the helper's screen
    contacts.write_text(
        contacts.read_text(encoding="utf-8").replace("nl: Alarmnummer 112,", f'nl: "Veilig {control} 0002 Thuis",'),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["contacts", "--pathways", str(marked_up), "--lang", "en"])
    assert result.exit_code == 2
    code = control.removeprefix("\\u").upper()
    assert f"contains an invisible direction control (U+{code}), which can make text read" in result.stderr
    assert chr(int(code, 16)) not in result.output
