"""Loading a pathway: typed values, and every mistake reported with its line, column and check id."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from samen_refer.checks.load import read_pathway
from samen_refer.format.pathway import Pathway, Rule

HEAD = """\
id: p
version: "1"
title: {nl: T, en: T}
languages: [nl, en]
start: q1
"""
QUESTION = """\
questions:
  - id: q1
    text: {nl: Vraag, en: Question}
    why: {nl: Waarom, en: Why}
    options:
      - {id: yes, label: {nl: Ja, en: Yes}}
      - {id: no, label: {nl: Nee, en: No}}
    next: end
"""
BLOCK = """\
blocks:
  - id: b1
    steps: [{id: s1, text: {nl: Stap, en: Step}}]
    contacts: [{contact: veilig-thuis, role: advice}]
"""


def problems_of(write: Callable[[str, str], Path], text: str) -> list[tuple[int, int, str]]:
    _pathway, problems = read_pathway(write("p.yaml", text))
    return [(p.line, p.col, p.check) for p in problems]


def test_a_valid_pathway_loads(write: Callable[[str, str], Path]) -> None:
    pathway, problems = read_pathway(write("p.yaml", HEAD + QUESTION + BLOCK))
    assert problems == []
    assert isinstance(pathway, Pathway)
    question = pathway.question("q1")
    assert question is not None
    assert [o.id for o in question.options] == ["yes", "no"]
    assert question.next == (Rule("end", None, (13, 11)),)
    assert pathway.contacts["veilig-thuis"].phone == "0800-2000"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HEAD + QUESTION.replace("why:", "hepl:") + BLOCK, [(9, 5, "schema-unknown-key"), (7, 5, "schema-missing")]),
        (HEAD + QUESTION.replace("{nl: Waarom, en: Why}", "{nl: Waarom}") + BLOCK, [(9, 10, "lang-missing")]),
        (HEAD + QUESTION.replace("{nl: Waarom, en: Why}", "Why") + BLOCK, [(9, 10, "schema-type")]),
        (HEAD + QUESTION.replace("id: q1", "id: Q 1") + BLOCK, [(7, 9, "id-format")]),
        (HEAD + QUESTION.replace("next: end", "next: q9") + BLOCK, [(13, 11, "unknown-question")]),
        (HEAD + QUESTION.replace("    next: end\n", "") + BLOCK, [(11, 9, "dead-end"), (12, 9, "dead-end")]),
        (HEAD + QUESTION + BLOCK.replace("veilig-thuis", "nobody"), [(17, 16, "unknown-contact")]),
        (HEAD + QUESTION + BLOCK.replace("role: advice", "role: maybe"), [(17, 46, "schema-type")]),
        (
            HEAD + QUESTION + BLOCK.replace("  - id: b1\n", "  - id: b1\n    when: {q1: [maybe]}\n"),
            [(16, 12, "unknown-option")],
        ),
        (
            HEAD + QUESTION + BLOCK.replace("  - id: b1\n", "  - id: b1\n    when: {q7: [yes]}\n"),
            [(16, 12, "unknown-question")],
        ),
        (HEAD + QUESTION + BLOCK + BLOCK.replace("blocks:\n", ""), [(18, 5, "duplicate-id")]),
        (HEAD + QUESTION + BLOCK.replace("  - id: b1\n", "  - id: b1\n    unless: {}\n"), [(16, 13, "schema-type")]),
        (HEAD.replace("id: p", "id: other") + QUESTION + BLOCK, [(1, 1, "pathway-id")]),
        (HEAD + QUESTION.replace("id: no,", "id: yes,") + BLOCK, [(12, 9, "duplicate-id")]),
    ],
)
def test_pathway_problems(write: Callable[[str, str], Path], text: str, expected: list[tuple[int, int, str]]) -> None:
    assert sorted(problems_of(write, text)) == sorted(expected)


def test_a_typo_suggests_the_key(write: Callable[[str, str], Path]) -> None:
    _, problems = read_pathway(write("p.yaml", HEAD + QUESTION.replace("why:", "hwy:") + BLOCK))
    assert problems[0].message == "unknown key 'hwy' in question; did you mean 'why'?"


def test_a_comma_in_a_flow_text_is_explained(write: Callable[[str, str], Path]) -> None:
    text = HEAD + QUESTION.replace("{nl: Waarom, en: Why}", "{nl: Waarom, zo, en: Why}") + BLOCK
    _, problems = read_pathway(write("p.yaml", text))
    assert [p.check for p in problems] == ["lang-unknown"]
    assert "put the text in quotes" in problems[0].message


def test_conditional_next_and_single_option_conditions(mini: Pathway) -> None:
    consent = mini.question("consent")
    assert consent is not None and consent.next is not None
    first, last = consent.next
    assert first.when is not None
    assert [(t.question, t.options) for t in first.when.terms] == [
        ("consent", ("referral",)),
        ("danger", ("no", "unsure")),
    ]
    assert last.when is None
    acute = mini.blocks[0]
    assert acute.when is not None and acute.when.terms[0].options == ("yes",)


def test_contacts_file_problems_are_reported_with_the_pathway(write: Callable[[str, str], Path]) -> None:
    contacts = """\
    languages: [nl, en]
    contacts:
      - id: veilig-thuis
        name: {nl: Veilig Thuis, en: Veilig Thuis}
        does: {nl: Advies, en: Advice}
        phone: "call us"
        verified: 2026-13-01
        source: not-a-url
    """
    write("contacts.yaml", contacts)
    _, problems = read_pathway(write("p.yaml", HEAD + QUESTION + BLOCK))
    assert sorted((p.path.rsplit("/", 1)[-1], p.line, p.check) for p in problems) == [
        ("contacts.yaml", 6, "contact-phone"),
        ("contacts.yaml", 7, "contact-verified"),
        ("contacts.yaml", 8, "contact-url"),
    ]
