"""Steps say what they are: the situation's own steps come first, steps of general blocks after them, and what to know
and the helper's own care are lists of their own — in the engine, the route JSON, the terminal and the handout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samen_refer.checks.load import load_pathway
from samen_refer.cli.app import app
from samen_refer.engine.route import build_outcome
from samen_refer.format.pathway import Pathway
from tests.test_validate import MINI_YAML, edit, write_case

# A general block before the situation's own in the file, a step to know and one for the helper's own care.
KINDS_YAML = edit(
    edit(
        MINI_YAML,
        "blocks:\n",
        "blocks:\n"
        "  - id: how-to-talk\n"
        "    general: true\n"
        "    steps:\n"
        "      - {id: listen, kind: say, text: {nl: Zeg dat je luistert., en: Say you are listening.}}\n"
        "      - {id: secrecy, kind: know, text: {nl: Hulpverleners zwijgen., en: Helpers keep quiet.}}\n",
    ),
    "      - {id: helper-wellbeing, text:",
    "      - {id: helper-wellbeing, kind: care, text:",
)
ANSWERS = {"danger": "no", "children": "no", "consent": "no"}


@pytest.fixture
def pathways(tmp_path: Path) -> Path:
    return write_case(tmp_path, {"mini.yaml": KINDS_YAML})


def _pathway(folder: Path) -> Pathway:
    return load_pathway(folder / "mini.yaml")


def test_the_situation_s_own_steps_come_first_and_the_rest_apart(pathways: Path) -> None:
    outcome = build_outcome(_pathway(pathways), ANSWERS)
    assert [s.step.id for s in outcome.steps] == ["door-open", "listen"]
    assert [s.step.id for s in outcome.background] == ["secrecy"]
    assert [s.step.id for s in outcome.care] == ["helper-wellbeing"]


def test_route_json_lists_the_three_apart_with_their_kinds(pathways: Path) -> None:
    args = ["route", "mini", "--pathways", str(pathways), "--format", "json", "--lang", "en"]
    result = CliRunner().invoke(app, [*args, *(f"--answer={q}={o}" for q, o in ANSWERS.items())])
    assert result.exit_code == 0, result.output
    outcome = json.loads(result.stdout)["outcome"]
    assert [(s["id"], s["kind"]) for s in outcome["steps"]] == [("door-open", "act"), ("listen", "say")]
    assert [(s["id"], s["kind"]) for s in outcome["background"]] == [("secrecy", "know")]
    assert [(s["id"], s["kind"]) for s in outcome["care"]] == [("helper-wellbeing", "care")]


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["route", "--details", "--plain"], ["Good to know", "\u2022 Helpers keep quiet.", "For yourself"]),
        (["handout", "--format", "txt"], ["GOOD TO KNOW", "  - Helpers keep quiet.", "FOR YOURSELF"]),
        (["handout", "--format", "md"], ["## Good to know", "- Helpers keep quiet.", "## For yourself"]),
    ],
)
def test_what_to_know_is_shown_under_its_own_heading(
    pathways: Path, tmp_path: Path, command: list[str], expected: list[str]
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("".join(f"{q}: {o}\n" for q, o in ANSWERS.items()), encoding="utf-8")
    given = ["--answers", str(answers)]
    result = CliRunner().invoke(
        app, [command[0], "mini", *given, *command[1:], "--pathways", str(pathways), "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    for line in expected:
        assert line in lines, (line, lines)
    steps_end = lines.index(expected[0])
    assert "Helpers keep quiet." not in "\n".join(lines[:steps_end])  # not among the steps


def test_diff_tells_a_step_that_moves_to_what_to_know(tmp_path: Path, pathways: Path) -> None:
    from samen_refer.engine.behaviour import compare
    from samen_refer.render.diff import markdown

    old = _pathway(pathways)
    moved = write_case(tmp_path / "new", {"mini.yaml": KINDS_YAML.replace("kind: say, text", "kind: know, text")})
    report = markdown(compare(old, _pathway(moved), "en"))
    assert "**steps added: listen (know); steps removed: listen** (" in report
