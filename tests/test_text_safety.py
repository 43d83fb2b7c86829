"""Text from YAML is shown literally on every output channel: Rich markup is not interpreted, control characters
never reach the terminal, and machine formats carry the text unchanged."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from samen_refer.cli.app import app
from samen_refer.format.shape import INVALID, Reader, Str
from samen_refer.format.source import parse_document
from samen_refer.problem import printable
from tests.conftest import MINI
from tests.test_validate import CONTACTS_YAML, MINI_YAML, REGION, SCENARIO

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


# R9: every character nobody can see that can still change what a text says, and why it is refused
INVISIBLE = {
    "\u061c": "direction control",  # ARABIC LETTER MARK: "bel \u061c2000-0800" was drawn as 0800-2000
    "\u200e": "direction control",  # LEFT-TO-RIGHT MARK
    "\u200f": "direction control",  # RIGHT-TO-LEFT MARK
    "\u202e": "direction control",  # RIGHT-TO-LEFT OVERRIDE (F17)
    "\u2067": "direction control",  # RIGHT-TO-LEFT ISOLATE (F17)
    "\u200b": "character",  # ZERO WIDTH SPACE
    "\u2060": "character",  # WORD JOINER
    "\ufeff": "character",  # ZERO WIDTH NO-BREAK SPACE (a byte order mark inside a text)
    "\u180e": "character",  # MONGOLIAN VOWEL SEPARATOR
    "\u00ad": "character",  # SOFT HYPHEN
    "\u2064": "character",  # INVISIBLE PLUS
    "\u206e": "character",  # NATIONAL DIGIT SHAPES
    "\u2028": "character",  # LINE SEPARATOR
    "\U000e0041": "character",  # TAG LATIN CAPITAL LETTER A ("ASCII smuggling")
}
MEANT = ["\u200c", "\u200d"]  # ZWNJ and ZWJ: Persian, Arabic and emoji are written with them
# each kind of file, with ``§`` where a text is written (in single quotes, as it stands in the file)
KINDS = {
    "pathway": ("mini.yaml", MINI_YAML.replace("{nl: Bel nu 112., en:", "{nl: 'Bel § nu 112.', en:")),
    "contacts": ("contacts.yaml", CONTACTS_YAML.replace("nl: Alarmnummer 112,", "nl: 'Alarmnummer § 112',")),
    "region": ("regions/here.yaml", REGION.replace("{nl: Helpt., en: Helps.}", "{nl: 'Helpt § hier.', en: Helps.}")),
    "scenario": ("scenarios/s1.yaml", SCENARIO.replace("vignette: {nl: V, en: V}", "vignette: {nl: 'Vi § V', en: V}")),
}


def _place(text: str, ch: str) -> tuple[int, int]:
    """Where the invisible character is; for a line separator, which YAML reads as a line break, where its text is."""
    at = text.index("§")
    before = text[: text.rindex("'", 0, at) if ch in "\u2028\u2029" else at]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("ch", INVISIBLE)
def test_an_invisible_character_is_refused_in_every_kind_of_file_at_its_place(
    tmp_path: Path, kind: str, ch: str
) -> None:
    folder = tmp_path / "p"
    shutil.copytree(MINI, folder)
    name, text = KINDS[kind]
    (folder / name).parent.mkdir(exist_ok=True)
    (folder / name).write_text(text.replace("§", ch), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(folder), "--format", "json"])
    found = [
        (p["path"], p["line"], p["col"], p["message"])
        for p in json.loads(result.stdout)["problems"]
        if p["severity"] == "error"
    ]
    code = f"{ord(ch):04X}"
    assert found == [
        (str(folder / name), *_place(text, ch), f"text (nl) contains an invisible {INVISIBLE[ch]} (U+{code}), "
        + ("which can make text read differently than it is written" if INVISIBLE[ch] == "direction control"
           else "which can hide what the text says") + "; remove it")
    ]  # fmt: skip
    assert result.exit_code == 1


@pytest.mark.parametrize("ch", INVISIBLE)
def test_an_invisible_character_is_refused_in_an_answers_file_and_shown_escaped(tmp_path: Path, ch: str) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(f"danger: 'y{ch}es'\n", encoding="utf-8")
    result = runner.invoke(app, ["route", "mini", "--pathways", str(MINI), "--answers", str(answers), "--lang", "en"])
    assert result.exit_code == 2
    where = "1:9" if ch == "\u2028" else "1:11"
    assert f"a.yaml:{where}: error: id (lowercase letters, digits, - and _) contains an invisible {INVISIBLE[ch]} " in (
        result.stderr
    )
    assert ch not in result.output


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("ch", MEANT)
def test_the_zero_width_joiner_and_non_joiner_are_allowed(tmp_path: Path, kind: str, ch: str) -> None:
    folder = tmp_path / "p"
    shutil.copytree(MINI, folder)
    name, text = KINDS[kind]
    (folder / name).parent.mkdir(exist_ok=True)
    (folder / name).write_text(text.replace("§", f"\u0645\u06cc{ch}\u062e\u0648\u0627\u0647\u0645"), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(folder), "--format", "json"])
    assert [p for p in json.loads(result.stdout)["problems"] if p["severity"] == "error"] == []


@pytest.mark.parametrize(
    ("typed", "shown"),
    [(f"ja{ch}", f"ja\\u{ord(ch):04x}") for ch in INVISIBLE] + [("\u0645\u06cc\u200c", "\u0645\u06cc\u200c")],
)
def test_printable_shows_every_invisible_character_escaped(typed: str, shown: str) -> None:
    assert printable(typed) == shown


VISIBLE_TEXT = st.text(
    st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"), blacklist_characters="'")
    | st.sampled_from(MEANT),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(
    before=VISIBLE_TEXT,
    after=VISIBLE_TEXT,
    ch=st.sampled_from(sorted(INVISIBLE))
    | st.characters(whitelist_categories=("Cf", "Zl", "Zp")).filter(lambda c: c not in MEANT),
    indent=st.integers(0, 8),
)
def test_any_text_with_an_invisible_character_is_refused_at_its_line_and_column(
    before: str, after: str, ch: str, indent: int
) -> None:
    line = f"{' ' * indent}text: '{before}{ch}{after}'"
    document = parse_document(f"# a comment\n{line}\n".encode(), "f.yaml")
    assert document.root is not None and not document.problems
    reader = Reader("f.yaml")
    ((_, node),) = document.root.value
    assert Str().read(node, reader) is INVALID
    ((where, check),) = [((p.line, p.col), p.check) for p in reader.problems]
    column = indent + 7 if ch in "\u2028\u2029" else indent + 8 + len(before)  # YAML reads U+2028 as a line break
    assert (where, check) == ((2, column), "text-control-char")


@settings(max_examples=200, deadline=None)
@given(text=VISIBLE_TEXT)
def test_a_text_without_invisible_characters_is_read_as_it_is(text: str) -> None:
    document = parse_document(f"text: '{text}'\n".encode(), "f.yaml")
    assume(document.root is not None and not document.problems)
    assert document.root is not None
    ((_, node),) = document.root.value
    reader = Reader("f.yaml")
    assert (Str().read(node, reader), reader.problems) == (text, [])
