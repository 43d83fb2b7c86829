"""``pathways/README.md`` shows what a pull request shows: its examples are a real run of the pull-request
workflow's own commands (``tests/readme_examples.py``), compared here block by block."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import missing
from tests.readme_examples import DIFF_STEP, README, VALIDATE_STEP, examples, readme_blocks, updated, workflow_commands


@pytest.fixture(scope="module")
def run_now() -> dict[str, str]:
    if shutil.which("git") is None:
        missing("git is not installed")
    if not (Path(sys.executable).parent / "samen-refer").exists():
        missing("samen-refer is not installed beside this Python (pip install -e .)")
    return examples()


def test_the_examples_are_made_by_the_workflows_own_commands() -> None:
    commands = workflow_commands()
    assert commands[VALIDATE_STEP].startswith("samen-refer validate --format github")
    assert commands[DIFF_STEP].startswith("samen-refer diff --base ")
    assert "--lang en" not in "".join(commands.values())  # what a pull request shows is Dutch, the default


def test_the_readme_shows_what_the_workflow_gives_now(run_now: dict[str, str]) -> None:
    """When this fails, refresh the examples: ``.venv/bin/python -m tests.readme_examples``."""
    assert readme_blocks(README.read_text(encoding="utf-8")) == run_now


def test_the_examples_show_a_phone_change_first_and_a_red_check_in_dutch(run_now: dict[str, str]) -> None:
    comment = run_now["comment"].splitlines()
    assert comment[2].startswith("> **1 telefoonnummer veranderd** · ")
    assert comment[4] == "> ### Telefoonnummers, openingstijden, kosten en websites (1)"
    assert comment[6] == "> - **Politie (geen spoed)** (`politie`), telefoonnummer: 0900-8844 → 0900 8844"
    assert comment[8].startswith("> - **Kijk na:** **Politie (geen spoed)**")
    red = run_now["red-check"].splitlines()
    assert red[1] == (
        "::error file=pathways/contacts.yaml,line=28,col=12,title=contact-phone::"
        "'0900-88A4' is geen goed(e) telefoonnummer (cijfers, spaties, -)"
    )
    assert red[-2] == "(exit status 1)"
    assert run_now["green-check"].splitlines()[-2] == "(exit status 0)"


def test_refreshing_replaces_only_the_blocks() -> None:
    text = "a\n<!-- example:x -->\nold\n<!-- /example:x -->\nb\n<!-- example:y -->\n<!-- /example:y -->\n"
    new = updated(text, {"x": "new\n", "y": "more\n"})
    assert new == "a\n<!-- example:x -->\nnew\n<!-- /example:x -->\nb\n<!-- example:y -->\nmore\n<!-- /example:y -->\n"
    assert readme_blocks(new) == {"x": "new\n", "y": "more\n"}
