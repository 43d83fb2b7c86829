"""Shell completion on the root command, and the CLI reference in README.md generated from the commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samen_refer.cli.app import app
from samen_refer.cli.reference import REFERENCE_END, REFERENCE_START, main, reference, with_reference
from tests.conftest import REPO


def complete(words: str) -> list[str]:
    """What Tab offers after ``words`` in bash, asked of the real entry point as the installed script asks it."""
    env = {**os.environ, "COMP_WORDS": words, "COMP_CWORD": str(len(words.split(" ")) - 1)}
    env["_SAMEN_REFER_COMPLETE"] = "complete_bash"
    done = subprocess.run(
        [sys.executable, "-m", "samen_refer"], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert (done.returncode, done.stderr) == (0, "")
    return done.stdout.split()


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("samen-refer sc", ["schema", "scenarios"]),
        (
            "samen-refer schema ",
            ["pathway", "contacts", "scenario", "region", "route-output", "validate-output", "diff-output"],
        ),
        ("samen-refer route --form", ["--format"]),
    ],
)
def test_tab_completes_commands_options_and_their_values(words: str, offered: list[str]) -> None:
    assert complete(words) == offered


def test_the_completion_script_is_shown_for_the_shell_asked() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "samen_refer", "--show-completion", "bash"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "_SAMEN_REFER_COMPLETE=complete_bash" in done.stdout
    assert done.stdout.rstrip().endswith("complete -o default -F _samen_refer_completion samen-refer")


def test_the_completion_options_are_on_the_root_only_and_say_their_help_in_dutch() -> None:
    runner = CliRunner()
    root = runner.invoke(app, ["--help"], env={"SAMEN_REFER_LANG": "nl"}).stdout
    assert "--install-completion  Zet het aanvullen met Tab aan voor deze shell." in root
    assert "Install completion" not in root and "Show completion" not in root
    for command in (["route"], ["regions"], ["scenarios", "run"]):
        assert "completion" not in runner.invoke(app, [*command, "--help"]).stdout


def test_the_readme_holds_the_reference_as_the_commands_give_it_now() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert with_reference(readme, reference()) == readme, "run: python -m samen_refer.cli.reference --update"
    assert (
        readme.index("<details>")
        < readme.index(REFERENCE_START)
        < readme.index(REFERENCE_END)
        < readme.index("</details>")
    )


def test_the_reference_has_every_command_and_its_options_in_english() -> None:
    CliRunner().invoke(app, ["route", "--help"], env={"SAMEN_REFER_LANG": "nl"})  # Dutch help earlier in this process
    generated = reference()
    for path in ("samen-refer", "samen-refer route", "samen-refer regions export", "samen-refer scenarios sheet"):
        assert f"#### `{path}`\n\n```text\nUsage: {path} " in generated
    assert "--format <text|json|yaml>" in generated and "Gebruik" not in generated and "Opties" not in generated


def test_update_rewrites_only_the_reference_and_check_finds_a_stale_one(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n\nbefore\n\n{REFERENCE_START}\nold text\n{REFERENCE_END}\n\nafter\n", encoding="utf-8")
    assert main(["--check", str(readme)]) == 1
    assert main(["--update", str(readme)]) == 0
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Title\n\nbefore\n\n") and text.endswith(f"{REFERENCE_END}\n\nafter\n")
    assert "old text" not in text and "#### `samen-refer validate`" in text
    assert main(["--check", str(readme)]) == 0
