"""Answers given on the command line: the same question twice with different options is an error naming both (F21)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from samen_refer.cli.app import app
from samen_refer.format.answers import parse_answer_args
from samen_refer.problem import SamenReferError
from tests.conftest import MINI

runner = CliRunner()


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        (["danger=no", "children=no"], {"danger": "no", "children": "no"}),
        (["danger=no", "danger=no"], {"danger": "no"}),  # the same answer twice is no contradiction
        ([" danger = no "], {"danger": "no"}),
    ],
)
def test_answer_arguments(pairs: list[str], expected: dict[str, str]) -> None:
    assert parse_answer_args(pairs) == expected


def test_contradicting_answers_are_refused_naming_both() -> None:
    with pytest.raises(SamenReferError, match="two different answers to 'danger': yes and no"):
        parse_answer_args(["danger=yes", "children=no", "danger=no"])


def test_the_112_advice_cannot_disappear_behind_a_second_answer() -> None:
    args = ["route", "mini", "--pathways", str(MINI), "-a", "danger=yes", "-a", "danger=no", "-a", "children=no"]
    result = runner.invoke(app, [*args, "-a", "consent=no"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "samen-refer: twee verschillende antwoorden op 'danger': yes en no",
        "  Geef één antwoord per vraag.",
    ]
