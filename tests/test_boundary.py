"""The one error boundary: usage errors are one line first and then the hint (F15); nothing a file or a user typed
can start a new line or reorder one (F16, F17); error output is capped (F18)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samen_refer.cli.app import app
from samen_refer.problem import printable, shortened
from tests.conftest import MINI

runner = CliRunner()
MINI_ARGS = ["--pathways", str(MINI)]


@pytest.mark.parametrize(
    ("args", "env", "first"),
    [
        (["route", "mini", *MINI_ARGS, "--lang", "xx"], {}, "samen-refer: Ongeldige waarde voor '--lang' (env var: 'SAMEN_REFER_LANG'): 'xx' kan niet; kies uit 'nl', 'en'."),
        (["route", "mini", *MINI_ARGS], {"SAMEN_REFER_LANG": "xx"}, "samen-refer: Ongeldige waarde voor '--lang' (env var: 'SAMEN_REFER_LANG'): 'xx' kan niet; kies uit 'nl', 'en'."),
        (["route", "--bogus"], {}, "samen-refer: Optie --bogus bestaat niet"),
        (["nonsense"], {}, "samen-refer: Opdracht 'nonsense' bestaat niet."),
        (["regions", "export"], {}, "samen-refer: 'region' ontbreekt."),
    ],
)  # fmt: skip
def test_usage_errors_are_one_clear_line_then_the_hint(args: list[str], env: dict[str, str], first: str) -> None:
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == first
    assert len(lines) == 2 and lines[1].startswith("  Typ 'samen-refer") and lines[1].endswith("--help' voor hulp.")


def test_the_language_may_be_written_in_capitals() -> None:
    result = runner.invoke(app, ["route", "mini", *MINI_ARGS, "-a", "danger=yes"], env={"SAMEN_REFER_LANG": "EN"})
    assert result.exit_code == 0 and "Mini pathway" in result.stdout


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("no\nsamen-refer: all good", "no\\x0asamen-refer: all good"),
        ("a\r\x1b[2Jb", "a\\x0d\\x1b[2Jb"),
        ("Veilig \u2067 0002-0080 \u2069 Thuis", "Veilig \\u2067 0002-0080 \\u2069 Thuis"),
        ("\u202a\u202b\u202c\u202d\u202e\u2066\u2068", "\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2068"),
        ("café, مرحبا, 112", "café, مرحبا, 112"),
    ],
)
def test_printable_shows_line_breaks_and_direction_controls_escaped(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_a_value_in_an_answers_file_cannot_forge_an_output_line(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"  # F16
    answers.write_text('danger: "no\\nsamen-refer: all good, 0 error(s)"\n', encoding="utf-8")
    result = runner.invoke(app, ["route", "mini", *MINI_ARGS, "--answers", str(answers), "--lang", "en"])
    assert result.exit_code == 2
    assert not any(line.startswith("samen-refer: all good") for line in result.stderr.splitlines())


def test_a_file_name_with_a_newline_stays_on_its_line(tmp_path: Path) -> None:
    answers = tmp_path / "a\n" / "etc" / "passwd:1:1: error: fake.yaml"  # F16 (C8)
    answers.parent.mkdir(parents=True)
    answers.write_text("danger: [\n", encoding="utf-8")
    result = runner.invoke(app, ["route", "mini", *MINI_ARGS, "--answers", str(answers), "--lang", "en"])
    assert result.exit_code == 2
    assert not any(line.startswith("/etc/passwd") for line in result.stderr.splitlines())
    assert "a\\x0a/etc/passwd:1:1: error: fake.yaml:" in result.stderr


def test_a_bidi_control_typed_on_the_command_line_is_shown_escaped() -> None:
    result = runner.invoke(app, ["route", "mini", *MINI_ARGS, "-a", "danger=\u202eyes"])  # F17
    assert result.exit_code == 2
    assert "\u202e" not in result.stderr and "heeft geen antwoord '\\u202eyes'" in result.stderr


def test_a_long_value_is_shortened_in_an_error_line() -> None:
    result = runner.invoke(app, ["route", "mini", *MINI_ARGS, "-a", "danger=" + "n" * 120_000])  # F18
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    assert len(first) < 400
    assert first.startswith("samen-refer: vraag 'danger' heeft geen antwoord 'nnn")
    assert "characters left out]" in first
    assert shortened("x" * 10) == "x" * 10


def test_at_most_20_problems_per_file_then_how_many_more(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"  # F18: 50,000 duplicate keys gave 50,000 lines
    answers.write_text("danger: no\n" * 50_000, encoding="utf-8")
    result = runner.invoke(app, ["route", "mini", *MINI_ARGS, "--answers", str(answers), "--lang", "en"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 22
    assert lines[20] == f"{answers}: ... and 49,979 more problem(s)"


def test_validate_lists_at_most_100_problems_per_file_in_text(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "x.yaml").write_text("a: 1\n" * 500, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(folder), "--lang", "en"])
    assert result.exit_code == 1
    # 499 duplicate keys, the unknown key 'a' once (a duplicate is not read again) and 8 missing keys: 508
    assert "  ... and 407 more problem(s) in this file (--format json lists them all)" in result.stdout
    assert len(result.stdout.splitlines()) < 110


def test_a_pathway_value_cannot_forge_a_line_of_validate_output(tmp_path: Path) -> None:
    folder = tmp_path / "p"  # F16: a value made a line '/etc/passwd:1:1: error: fake'
    shutil.copytree(MINI, folder)
    pathway = folder / "mini.yaml"
    forged = '"x\\n/etc/passwd:1:1: error: fake"'
    pathway.write_text(
        pathway.read_text(encoding="utf-8").replace("start: danger", f"start: {forged}"), encoding="utf-8"
    )
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    assert "x\\x0a/etc/passwd:1:1: error: fake" in result.stdout
    assert not any(line.startswith("/etc/passwd") for line in result.stdout.splitlines())
