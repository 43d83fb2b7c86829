"""Safety first on screen: an answer that means danger shows what to do and whom to call at once, then asks to go on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samen_refer.checks.load import load_pathway
from samen_refer.cli.app import app
from samen_refer.engine.route import new_interrupts
from samen_refer.format.pathway import Pathway
from tests.conftest import REPO

runner = CliRunner()

DANGER = """\
id: danger
version: "1"
title: {nl: Gevaar, en: Danger}
languages: [nl, en]
start: danger
questions:
  - id: danger
    text: {nl: Is er gevaar?, en: Is there danger?}
    why: {nl: Veiligheid eerst., en: Safety first.}
    options:
      - {id: yes, label: {nl: Ja, en: Yes}}
      - {id: self, label: {nl: "Ja, voor zichzelf", en: "Yes, to themselves"}}
      - {id: no, label: {nl: Nee, en: No}}
    next: children
  - id: children
    text: {nl: Zijn er kinderen?, en: Are there children?}
    why: {nl: Kinderen eerst., en: Children first.}
    options:
      - {id: yes, label: {nl: Ja, en: Yes}}
      - {id: no, label: {nl: Nee, en: No}}
    next: end
blocks:
  - id: acute
    when: {danger: [yes]}
    urgency: emergency
    interrupt: true
    steps:
      - {id: call-112, text: {nl: Bel nu 112., en: Call 112 now.}}
    contacts:
      - {contact: politie-112, role: emergency, note: {nl: Eerst 112., en: 112 first.}}
  - id: kids
    when: {children: [yes], danger: [no]}
    interrupt: true
    steps:
      - {id: kids-first, text: {nl: Bel Veilig Thuis., en: Call Veilig Thuis.}}
    contacts:
      - {contact: veilig-thuis, role: refer}
  - id: always
    steps:
      - {id: care, text: {nl: Zorg voor jezelf., en: Take care of yourself.}}
    contacts:
      - {contact: slachtofferhulp, role: advice}
"""


@pytest.fixture
def danger(write: Callable[[str, str], Path]) -> Path:
    return write("danger.yaml", DANGER)


@pytest.mark.parametrize(
    ("before", "after", "shown"),
    [
        ({}, {"danger": "yes"}, ["acute"]),
        ({}, {"danger": "self"}, []),
        ({}, {"danger": "no"}, []),
        ({"danger": "yes"}, {"danger": "yes", "children": "no"}, []),  # only when it newly holds
        ({"danger": "no"}, {"danger": "no", "children": "yes"}, ["kids"]),
    ],
)
def test_interrupts_are_the_blocks_an_answer_newly_meets(
    danger: Path, before: dict[str, str], after: dict[str, str], shown: list[str]
) -> None:
    pathway = load_pathway(danger)
    assert [b.id for b in new_interrupts(pathway, before, after)] == shown


def start(folder: Path, typed: str, lang: str = "en") -> tuple[int, str]:
    args = ["start", "danger", "--pathways", str(folder), "--lang", lang, "--plain"]
    result = runner.invoke(app, args, input=typed)
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout


def test_danger_shows_112_before_the_next_question_then_goes_on(danger: Path) -> None:
    code, out = start(danger.parent, "1\n1\n2\n")
    assert code == 0
    screen = out[out.index("  \u2192 Yes") : out.index("Are there children?")]
    assert screen.splitlines()[1:6] == [
        "!! SAFETY FIRST: do this now !!",
        "1. Call 112 now.",
        "To call:",
        "  \u2022 112 \u00b7 Emergency number 112",
        "    112 first.",
    ]
    assert screen.splitlines()[6].startswith("Go on with the questions? 1 = yes, 2 = no (stop): ---")
    assert "Summary: CALL NOW: do not wait" in out


def test_no_at_the_safety_screen_stops_and_leaves_it_on_screen(danger: Path) -> None:
    code, out = start(danger.parent, "1\n2\n", lang="nl")
    assert code == 0
    assert out.endswith(
        "  \u2022 112 \u00b7 Alarmnummer 112\n    Eerst 112.\n"
        "Verder met de vragen? 1 = ja, 2 = nee (stoppen): "
        "Gestopt. Het advies hierboven blijft staan. Er is niets opgeslagen.\n"
    )
    assert "Zijn er kinderen?" not in out


def test_back_at_the_safety_screen_returns_to_the_answer_and_shows_it(danger: Path) -> None:
    code, out = start(danger.parent, "1\nb\n3\n2\n")
    assert code == 0
    assert out.count("Is there danger?") == 2
    assert "Chosen before: Yes" in out
    assert "Summary: No rush: plan together, calmly" in out


def test_a_later_answer_can_interrupt_too(danger: Path) -> None:
    code, out = start(danger.parent, "3\n1\n")
    assert code == 0
    assert "SAFETY FIRST" not in out  # the advice follows at once: it comes first anyway


@pytest.mark.parametrize(("answer", "number"), [("1", "112"), ("2", "113")])
def test_the_shipped_pathway_interrupts_for_danger_and_suicide_risk(answer: str, number: str) -> None:
    result = runner.invoke(app, ["start", "--plain", "--lang", "nl"], input=f"1\n{answer}\n2\n")
    out = result.stdout
    assert result.exit_code == 0
    screen = out[out.index("!! EERST VEILIGHEID") :]
    assert "Vraag 3" not in out
    assert f"  \u2022 {number} \u00b7 " in screen


def test_the_shipped_pathway_says_which_blocks_interrupt() -> None:
    pathway: Pathway = load_pathway(REPO / "pathways" / "sggg.yaml")
    assert [b.id for b in pathway.blocks if b.interrupt] == [
        "acute-danger", "acute-danger-not-safe", "self-harm", "self-harm-not-safe", "sexual-72h", "sexual-72h-also"
    ]  # fmt: skip
