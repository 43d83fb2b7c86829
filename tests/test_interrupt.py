"""Safety first on screen: an answer that means danger shows what to do and whom to call at once, then asks to go on."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samen_refer.checks.load import load_pathway
from samen_refer.cli.app import app
from samen_refer.engine.interrupt import interrupt_after, route_interrupts
from samen_refer.engine.route import Answer, new_interrupts
from samen_refer.format.language import pick
from samen_refer.format.pathway import Pathway
from tests.conftest import REPO, shipped_pathway

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
        "  \u2022 \u2066112\u2069 \u00b7 Emergency number 112",  # the number in isolates (render.direction)
        "    112 first.",
    ]
    assert screen.splitlines()[6].startswith("Go on with the questions? 1 = yes, 2 = no (stop): ---")
    assert "Summary: CALL NOW: do not wait" in out


@pytest.mark.parametrize(
    ("lang", "why"),
    [
        ("nl", "Waarom deze vraag? Dit is dringend. Bel eerst. Daarna kun je verder met de vragen."),
        ("en", "Why this question? This is urgent. Call first. Then you can go on with the questions."),
    ],
)
def test_why_at_the_safety_screen_says_it_is_urgent(danger: Path, lang: str, why: str) -> None:
    code, out = start(danger.parent, "1\n?\n1\n2\n", lang)  # also shown for the CSG call within 72 hours: no "danger"
    assert code == 0
    assert why in " ".join(out.split())


def test_no_at_the_safety_screen_stops_and_leaves_it_on_screen(danger: Path) -> None:
    code, out = start(danger.parent, "1\n2\n", lang="nl")
    assert code == 0
    assert out.endswith(
        "  \u2022 \u2066112\u2069 \u00b7 Alarmnummer 112\n    Eerst 112.\n"
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
    assert f"  \u2022 \u2066{number}\u2069 \u00b7 " in screen


def test_the_shipped_pathway_says_which_blocks_interrupt() -> None:
    pathway: Pathway = load_pathway(REPO / "pathways" / "sggg.yaml")
    assert [b.id for b in pathway.blocks if b.interrupt] == [
        "acute-danger", "acute-danger-not-safe", "self-harm-112", "self-harm", "self-harm-not-safe", "sexual-72h",
        "sexual-72h-also",
    ]  # fmt: skip


# Which note a number gets, when two interrupt blocks give it: the most urgent block's, whatever the file order. Each
# block is written once; a test puts them in the order it needs (and ``calm`` at the urgency it needs).
NOTES = """\
id: notes
version: "1"
title: {nl: Noten, en: Notes}
languages: [nl, en]
start: danger
questions:
  - id: danger
    text: {nl: Is er gevaar?, en: Is there danger?}
    why: {nl: Veiligheid eerst., en: Safety first.}
    options:
      - {id: other, label: {nl: Door een ander, en: From someone else}}
      - {id: self, label: {nl: Voor zichzelf, en: To themselves}}
      - {id: both, label: {nl: Allebei, en: Both}}
    next: end
blocks:
"""
NOTES_BLOCKS = {
    "calm": """\
  - id: calm
    when: {danger: [self, both]}
    urgency: CALM
    interrupt: true
    steps:
      - {id: ask, text: {nl: Vraag rustig., en: Ask calmly.}}
    contacts:
      - {contact: politie-112, role: emergency, note: {nl: Alleen bij levensgevaar., en: Only when life is in danger.}}
      - {contact: veilig-thuis, role: advice, note: {nl: Rustig., en: Calm.}}
""",
    "acute": """\
  - id: acute
    when: {danger: [other, both]}
    urgency: emergency
    interrupt: true
    steps:
      - {id: call-112, text: {nl: Bel nu 112., en: Call 112 now.}}
    contacts:
      - {contact: politie-112, role: emergency, note: {nl: Eerst 112., en: 112 first.}}
""",
    "none": """\
  - id: none
    when: {danger: [both]}
    interrupt: true
    steps:
      - {id: call-112, text: {nl: Bel 112., en: Call 112.}}
    contacts:
      - {contact: veilig-thuis, role: refer, note: {nl: Zonder urgentie., en: No urgency.}}
      - {contact: slachtofferhulp, role: info, note: {nl: Zonder urgentie., en: No urgency.}}
""",
    "routine": """\
  - id: routine
    when: {danger: [both]}
    urgency: routine
    interrupt: true
    contacts:
      - {contact: slachtofferhulp, role: advice, note: {nl: Gewoon., en: Routine.}}
""",
}


def notes_pathway(order: str, calm: str = "urgent") -> str:
    """The NOTES pathway with its blocks in ``order`` (ids separated by spaces), ``calm`` at urgency ``calm``."""
    return NOTES + "".join(NOTES_BLOCKS[b] for b in order.split()).replace("CALM", calm)


def calls_after(pathway: Pathway, answer: str) -> list[tuple[str, str, str | None]]:
    interrupt = interrupt_after(pathway, {}, {"danger": answer})
    assert interrupt is not None
    return [(c.contact.id, c.role, pick(c.note, "en") if c.note else None) for c in interrupt.calls]


@pytest.mark.parametrize("order", ["calm acute none routine", "routine none acute calm", "none calm routine acute"])
def test_a_number_given_twice_gets_the_note_of_the_most_urgent_block_in_any_file_order(
    write: Callable[[str, str], Path], order: str
) -> None:
    pathway = load_pathway(write("notes.yaml", notes_pathway(order)))
    assert calls_after(pathway, "both") == [
        ("politie-112", "emergency", "112 first."),  # emergency over urgent
        ("veilig-thuis", "refer", "Calm."),  # urgent over a block without urgency; ranked by its strongest role
        ("slachtofferhulp", "advice", "Routine."),  # routine over a block without urgency
    ]
    assert calls_after(pathway, "self")[0] == ("politie-112", "emergency", "Only when life is in danger.")
    assert calls_after(pathway, "other") == [("politie-112", "emergency", "112 first.")]


@pytest.mark.parametrize(
    ("order", "note"),
    [
        ("calm acute", "Only when life is in danger."),
        ("acute calm", "112 first."),
    ],
)
def test_between_equally_urgent_blocks_the_first_in_the_file_gives_the_note(
    write: Callable[[str, str], Path], order: str, note: str
) -> None:
    pathway = load_pathway(write("notes.yaml", notes_pathway(order, calm="emergency")))
    assert calls_after(pathway, "both")[0] == ("politie-112", "emergency", note)


def test_a_step_in_two_blocks_is_shown_once_at_its_first_place(write: Callable[[str, str], Path]) -> None:
    pathway = load_pathway(write("notes.yaml", notes_pathway("calm acute none routine")))
    interrupt = interrupt_after(pathway, {}, {"danger": "both"})
    assert interrupt is not None
    assert [b.id for b in interrupt.blocks] == ["calm", "acute", "none", "routine"]
    assert [(s.id, pick(s.text, "en")) for s in interrupt.steps] == [
        ("ask", "Ask calmly."),
        ("call-112", "Call 112 now."),
    ]
    assert interrupt_after(pathway, {"danger": "both"}, {"danger": "both"}) is None


def _note_for(pathway: Pathway, block_id: str, contact: str) -> dict[str, str]:
    block = next(b for b in pathway.blocks if b.id == block_id)
    note = next(u.note for u in block.contacts if u.contact == contact)
    assert note is not None
    return dict(note)


@pytest.mark.parametrize(
    ("safe", "danger", "acute"),
    [
        ("yes", "yes", "acute-danger"),
        ("yes", "both", "acute-danger"),
        ("no", "yes", "acute-danger-not-safe"),
        ("no", "both", "acute-danger-not-safe"),
    ],
)
def test_in_the_shipped_pathway_112_keeps_the_acute_danger_note(safe: str, danger: str, acute: str) -> None:
    pathway = shipped_pathway()
    interrupt = interrupt_after(pathway, {"safe_to_talk": safe}, {"safe_to_talk": safe, "danger": danger})
    assert interrupt is not None
    call = next(c for c in interrupt.calls if c.contact.id == "politie-112")
    assert (call.block, dict(call.note or {})) == (acute, _note_for(pathway, acute, "politie-112"))
    assert call.note != _note_for(pathway, "self-harm", "politie-112")
    assert pick(call.note or {}, "nl") != "Alleen als het leven nu in gevaar is."
    assert interrupt.calls[0] == call  # the first number on the screen


def test_the_terminal_shows_112_with_the_acute_danger_note_for_danger_both() -> None:
    note = pick(_note_for(shipped_pathway(), "acute-danger", "politie-112"), "nl")
    result = runner.invoke(app, ["start", "--plain", "--lang", "nl"], input="1\n3\n2\n")
    assert result.exit_code == 0
    screen = result.stdout[result.stdout.index("!! EERST VEILIGHEID") :].splitlines()
    at = screen.index("  \u2022 \u2066112\u2069 \u00b7 Alarmnummer 112")
    assert screen[at + 1] == f"    {note}"
    assert "Alleen als het leven nu in gevaar is." not in result.stdout


def test_route_json_lists_the_interrupts_the_route_passed_through() -> None:
    pathway = shipped_pathway()
    args = ["route", "sggg", "-a", "safe_to_talk=yes", "-a", "danger=both", "--format", "json", "--lang", "en"]
    result = runner.invoke(app, args)
    assert result.exit_code == 3  # more answers needed: the interrupts so far are listed all the same
    (shown,) = json.loads(result.stdout)["interrupts"]
    assert shown["after"] == "danger"
    assert shown["blocks"] == ["acute-danger", "self-harm"]
    assert shown["steps"][0] == {
        "id": "call-112-now",
        "text": "Call 112 now. Say there is acute danger. Also mind your own safety.",
    }
    assert [c["contact"] for c in shown["call"]] == ["politie-112", "113-zelfmoordpreventie", "huisartsenpost", "gza"]
    assert shown["call"][0] == {
        "contact": "politie-112",
        "phone": "112",
        "note": _note_for(pathway, "acute-danger", "politie-112")["en"],
    }


def test_route_interrupts_follow_the_answers_in_the_order_asked(danger: Path) -> None:
    pathway = load_pathway(danger)
    fired = route_interrupts(pathway, (Answer("danger", "no"), Answer("children", "yes")))
    assert [(f.after, [b.id for b in f.interrupt.blocks]) for f in fired] == [(Answer("children", "yes"), ["kids"])]
    assert route_interrupts(pathway, (Answer("danger", "yes"), Answer("children", "no")))[0].after.question == "danger"
