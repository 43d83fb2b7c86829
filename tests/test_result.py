"""The advice on screen: summary first and last, contacts as a list, and no number, address or name ever split."""

from __future__ import annotations

import io
import random
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Final

import pytest
from rich.console import Console

from samen_refer.checks.load import load_pathway, open_pathway
from samen_refer.checks.scenarios import read_scenario
from samen_refer.engine.route import Outcome, build_outcome, follow, selected_blocks
from samen_refer.format.library import Library
from samen_refer.format.pathway import Pathway
from samen_refer.render.direction import isolated, shown_len
from samen_refer.render.result import (
    CALL_ROLES,
    Line,
    all_steps_lines,
    contact_lines,
    result_lines,
    role_text,
    to_call,
    wrap_lines,
)
from samen_refer.render.show import print_outcome
from tests.conftest import REPO

WIDTHS = (30, 40, 80, 120)
SAMPLE = 5000


@pytest.mark.parametrize(
    ("text", "width", "first", "rest", "keep", "lines"),
    [
        ("a b c", 3, "1. ", "   ", (), ["1. a", "   b", "   c"]),
        ("Bel 033 448 11 86 nu", 8, "", "", (), ["Bel", "033 448 11 86", "nu"]),
        ("Bel +31 247 247 247.", 10, "", "", (), ["Bel", "+31 247 247 247."]),
        (
            "Bel Centrum Seksueel Geweld nu",
            25,
            "",
            "",
            ("Centrum Seksueel Geweld",),
            ["Bel", "Centrum Seksueel Geweld", "nu"],
        ),
        # a name wider than the room after the indent wraps with the hanging indent (UX U7)
        (
            "Centrum Seksueel Geweld (CSG)",
            20,
            "4. ",
            "   ",
            ("Centrum Seksueel Geweld (CSG)",),
            ["4. Centrum Seksueel", "   Geweld (CSG)"],
        ),
        (
            "https://www.veiligthuis.nl/een/lange/weg",
            10,
            "  ",
            "  ",
            (),
            ["  https://www.veiligthuis.nl/een/lange/weg"],
        ),
        ("112 · Alarmnummer 112", 6, "", "", (), ["112 ·", "Alarmnummer", "112"]),
        ("", 10, "1. ", "   ", (), ["1. "]),
    ],
)
def test_wrap_keeps_numbers_and_names_whole(
    text: str, width: int, first: str, rest: str, keep: tuple[str, ...], lines: list[str]
) -> None:
    assert wrap_lines(text, width, first, rest, keep) == lines


@pytest.fixture(scope="module")
def sggg() -> Pathway:
    return open_pathway(Library.open(REPO / "pathways"), "sggg")


def random_routes(pathway: Pathway, n: int, seed: int) -> Iterator[dict[str, str]]:
    """``n`` complete routes, each walked with a random option at every question (seeded, so the same each run)."""
    chance = random.Random(seed)
    for _ in range(n):
        answers: dict[str, str] = {}
        while (route := follow(pathway, answers)).next_question is not None:
            question = route.next_question
            answers[question.id] = chance.choice(question.options).id
        yield answers


def scenario_routes() -> Iterator[dict[str, str]]:
    for path in sorted((REPO / "pathways" / "scenarios").glob("*.yaml")):
        case, _ = read_scenario(path)
        assert case is not None
        yield dict(case.given())


@pytest.fixture(scope="module")
def outcomes(sggg: Pathway) -> list[Outcome]:
    """One outcome per distinct set of blocks among 5,000 seeded random routes and every scenario."""
    distinct: dict[tuple[str, ...], Outcome] = {}
    for answers in [*scenario_routes(), *random_routes(sggg, SAMPLE, seed=10)]:
        key = tuple(b.id for b in selected_blocks(sggg, answers))
        if key not in distinct:
            distinct[key] = build_outcome(sggg, answers)
    return list(distinct.values())


ROOM: Final = 4  # the widest indent before a name: "  \u2022 " or "10. "


def split_pieces(pathway: Pathway, outcome: Outcome, lines: list[Line], lang: str, width: int) -> list[str]:
    """Numbers, web addresses and names (those that fit on a line after the indent) of the outcome's contacts that
    are missing or not whole on one line; and every line wider than ``width`` that is not a web address alone."""
    texts = [line.text for line in lines]
    screen = " ".join(" ".join(texts).split())
    broken = [text for text in texts if too_wide(text, width)]
    for advised in outcome.contacts:
        c = advised.contact
        name = c.name.get(lang) or c.name["nl"]
        wide = shown_len(name) > width - ROOM  # a long name: its words in order, over lines
        for piece, shown in (
            (name, not wide or name in screen),
            (c.phone, False),
            (c.url, (c.url or "") not in screen),
        ):
            if piece and not shown and not any(piece in text for text in texts):
                broken.append(piece)
    return broken


def too_wide(text: str, width: int) -> bool:
    """Wider than the screen, and not a web address standing alone on its line."""
    return shown_len(text) > width and not re.fullmatch(r"\s*https?://\S+", text)


@pytest.mark.no_cover  # a loop over code other tests cover: coverage would add seconds and no line
@pytest.mark.parametrize("width", WIDTHS)
def test_every_name_number_and_address_is_whole_at_every_width(
    sggg: Pathway, outcomes: list[Outcome], width: int
) -> None:
    for outcome in outcomes:
        lines = result_lines(sggg, outcome, "nl", width, True, False)
        assert split_pieces(sggg, outcome, lines, "nl", width) == [], (width, outcome.blocks)


@pytest.mark.no_cover  # a loop over code other tests cover: coverage would add seconds and no line
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("details", [False, True])
def test_every_scenario_shows_names_numbers_and_addresses_whole(
    sggg: Pathway, width: int, lang: str, details: bool
) -> None:
    for answers in scenario_routes():
        outcome = build_outcome(sggg, answers)
        lines = result_lines(sggg, outcome, lang, width, True, details)
        assert split_pieces(sggg, outcome, lines, lang, width) == [], (width, outcome.blocks)


def test_the_sample_is_large_and_varied(outcomes: list[Outcome]) -> None:
    assert len(outcomes) > 1000
    assert {o.urgency for o in outcomes} == {"emergency", "urgent", "soon", "routine"}


@pytest.mark.no_cover  # a loop over code other tests cover: coverage would add seconds and no line
@pytest.mark.parametrize("plain", [False, True])
@pytest.mark.parametrize("width", WIDTHS)
def test_rich_prints_exactly_the_laid_out_lines(sggg: Pathway, width: int, plain: bool) -> None:
    for answers in scenario_routes():
        outcome = build_outcome(sggg, answers)
        for details in (False, True):
            screen = io.StringIO()
            console = Console(file=screen, width=width, color_system=None, markup=False, highlight=False)
            print_outcome(console, sggg, outcome, "nl", plain, details)
            printed = screen.getvalue().splitlines()
            lines = result_lines(sggg, outcome, "nl", width, plain, details)
            assert len(printed) == len(lines)
            for shown, line in zip(printed, lines, strict=True):
                if line.style == "rule":
                    assert line.text in shown and len(shown) == width
                else:
                    assert shown.rstrip() == line.text.rstrip()
            assert not any(box in screen.getvalue() for box in "│┃┏┌╭")  # a list, never a table


def test_the_summary_comes_first_and_last_with_up_to_three_numbers(sggg: Pathway, outcomes: list[Outcome]) -> None:
    for outcome in outcomes:
        lines = [line.text for line in result_lines(sggg, outcome, "nl", 80, True, False)]
        first = lines[: lines.index("")]
        last = lines[len(lines) - lines[::-1].index("") :]
        assert last == [first[0].replace("Advies:", "Samenvatting:"), *first[1:]]
        calls = to_call(outcome)
        # routine advice with only information to keep (an adult cut in childhood who wants no help) has no call
        assert 1 <= len(calls) <= 3 or not any(c.contact.phone and c.role in CALL_ROLES for c in outcome.contacts)
        bullets = [line for line in first if line.startswith("  \u2022 ")]
        assert [b.split(" \u00b7 ")[0] for b in bullets] == [
            f"  \u2022 {isolated(c.contact.phone or '')}" for c in calls
        ]


def test_an_emergency_summary_names_the_emergency_numbers_first(sggg: Pathway) -> None:
    answers = {"safe_to_talk": "yes", "danger": "self", "violence": "sexual", "timing": "earlier"}
    answers |= {"where": "netherlands", "children": "no", "residence": "status_holder", "consent": "no"}
    answers |= {"interpreter": "no"}
    outcome = build_outcome(sggg, answers)
    lines = [line.text for line in result_lines(sggg, outcome, "nl", 80, True, False)]
    assert lines[:4] == [
        "Advies: NU BELLEN: wacht niet",
        "Om te bellen:",
        "  \u2022 \u2066113\u2069 \u00b7 113 Zelfmoordpreventie \u00b7 nu bellen",
        "  \u2022 \u2066112\u2069 \u00b7 Alarmnummer 112 \u00b7 nu bellen",
    ]


def test_the_result_fits_a_conversation(sggg: Pathway, outcomes: list[Outcome]) -> None:
    """The target for every route is measured by benchmarks/result_length.py; here: none of the sample is long."""
    lengths = sorted(len(result_lines(sggg, o, "nl", 80, False, False)) for o in outcomes)
    assert lengths[-1] <= 120
    assert lengths[len(lengths) // 2] <= 60


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_contact_without_phone_or_website_has_no_empty_see_website(sggg: Pathway, lang: str) -> None:
    empty = re.compile(r"(zie|see) website:(?! https?://)")
    shown = {
        c.contact.id: " ".join(" ".join(line.text for line in contact_lines(sggg, c, lang, 80, 1, True)).split())
        for answers in scenario_routes()
        if (outcome := follow(sggg, answers).outcome)
        for c in outcome.contacts
    }
    unreachable = {cid for cid in shown if not sggg.contacts[cid].phone and not sggg.contacts[cid].url}
    assert {"huisarts", "huisartsenpost", "nidos"} <= unreachable
    assert [cid for cid, text in shown.items() if empty.search(text)] == []


INFO = """\
id: info
version: "1"
title: {nl: Informatie, en: Information}
languages: [nl, en]
start: q
questions:
  - id: q
    text: {nl: Vraag?, en: Question?}
    why: {nl: Daarom., en: Because.}
    options:
      - {id: a, label: {nl: A, en: A}}
      - {id: b, label: {nl: B, en: B}}
    next: end
blocks:
  - id: info
    contacts:
      - {contact: slachtofferhulp, role: info}
      - {contact: politie, role: info, person: false}
"""


@pytest.mark.parametrize(
    ("contact", "lang", "label"),
    [
        ("slachtofferhulp", "nl", "informatie om mee te geven"),  # on the person's handout
        ("politie", "nl", "informatie voor jou"),  # person: false, so not on it (U6)
        ("slachtofferhulp", "en", "information to pass on"),
        ("politie", "en", "information for you"),
    ],
)
def test_information_the_person_does_not_get_is_for_the_helper(
    write: Callable[[str, str], Path], contact: str, lang: str, label: str
) -> None:
    pathway = load_pathway(write("info.yaml", INFO))
    outcome = follow(pathway, {"q": "a"}).outcome
    assert outcome is not None
    advised = {c.contact.id: c for c in outcome.contacts}[contact]
    assert role_text(advised, lang) == label


# A pathway with 6 or 7 steps: 5 are shown, and the rest is counted in words (also in the phone guide, see
# tests/test_web_browser.py).
STEPS = """\
id: steps
version: "1"
title: {nl: Stappen, en: Steps}
languages: [nl, en]
start: many
questions:
  - id: many
    text: {nl: Hoeveel stappen?, en: How many steps?}
    why: {nl: Om te tellen., en: To count.}
    options:
      - {id: six, label: {nl: Zes, en: Six}}
      - {id: seven, label: {nl: Zeven, en: Seven}}
    next: end
blocks:
  - id: six
    steps:
      - {id: s1, text: {nl: Stap 1., en: Step 1.}}
      - {id: s2, text: {nl: Stap 2., en: Step 2.}}
      - {id: s3, text: {nl: Stap 3., en: Step 3.}}
      - {id: s4, text: {nl: Stap 4., en: Step 4.}}
      - {id: s5, text: {nl: Stap 5., en: Step 5.}}
      - {id: s6, text: {nl: Stap 6., en: Step 6.}}
    contacts:
      - {contact: slachtofferhulp, role: advice}
  - id: seven
    when: {many: [seven]}
    steps:
      - {id: s7, text: {nl: Stap 7., en: Step 7.}}
"""


@pytest.mark.parametrize(
    ("many", "lang", "menu", "said"),
    [
        ("six", "nl", False, "   Er is nog 1 stap. Zie --details of de handout voor jezelf."),
        ("seven", "nl", False, "   Er zijn nog 2 stappen. Zie --details of de handout voor jezelf."),
        ("six", "en", False, "   There is 1 more step. See --details or the handout for yourself."),
        ("seven", "en", False, "   There are 2 more steps. See --details or the handout for yourself."),
        # start on a terminal: the menu after the advice reads them (UX U4)
        ("six", "nl", True, "   Er is nog 1 stap. Typ 1 om die te lezen."),
        ("seven", "nl", True, "   Er zijn nog 2 stappen. Typ 1 om ze te lezen."),
        ("seven", "en", True, "   There are 2 more steps. Type 1 to read them."),
    ],
)
def test_the_steps_left_out_are_counted_in_words(
    write: Callable[[str, str], Path], many: str, lang: str, menu: bool, said: str
) -> None:
    pathway = load_pathway(write("steps.yaml", STEPS))
    outcome = follow(pathway, {"many": many}).outcome
    assert outcome is not None
    lines = [line.text for line in result_lines(pathway, outcome, lang, 80, True, False, menu)]
    assert lines[lines.index("5. " + ("Stap 5." if lang == "nl" else "Step 5.")) + 1] == said
    assert any("--details" in line for line in lines) is not menu


def test_all_steps_shows_every_step_with_why_and_ends_with_the_numbers(write: Callable[[str, str], Path]) -> None:
    pathway = load_pathway(write("steps.yaml", STEPS))
    outcome = follow(pathway, {"many": "seven"}).outcome
    assert outcome is not None
    lines = [line.text for line in all_steps_lines(pathway, outcome, "nl", 40, True)]
    assert lines[0] == "Alle stappen"
    assert [line for line in lines if line[:1].isdigit()] == [f"{n}. Stap {n}." for n in range(1, 8)]
    assert "   (omdat: Hoeveel stappen? \u2192 Zeven)" in lines
    assert lines[-6:] == [  # the summary again, wrapped at 40 columns (--plain), the number whole
        "Samenvatting: Geen haast: in rust samen",
        "plannen",
        "Om te bellen:",
        "  \u2022 \u20660900-0101\u2069 \u00b7",
        "    Slachtofferhulp Nederland \u00b7 advies",
        "    voor jou",
    ]
