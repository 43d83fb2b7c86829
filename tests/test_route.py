"""The engine on the mini pathway: each branch of the flow, conditions, going back, and how outcomes are composed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samen_refer.checks.load import load_pathway
from samen_refer.engine.route import Answer, AnswerError, follow, questions_left
from samen_refer.format.pathway import Pathway
from samen_refer.problem import SamenReferError


def contacts_of(pathway: Pathway, answers: dict[str, str]) -> list[tuple[str, str]]:
    outcome = follow(pathway, answers).outcome
    assert outcome is not None
    return [(c.contact.id, c.role) for c in outcome.contacts]


@pytest.mark.parametrize(
    ("answers", "asked", "next_question"),
    [
        ({}, [], "danger"),
        ({"danger": "yes"}, ["danger"], None),
        ({"danger": "no"}, ["danger"], "children"),
        ({"danger": "unsure", "children": "no"}, ["danger", "children"], "consent"),
        ({"danger": "no", "children": "no", "consent": "referral"}, ["danger", "children", "consent"], "report"),
        ({"danger": "no", "children": "no", "consent": "no"}, ["danger", "children", "consent"], None),
        (
            {"danger": "no", "children": "yes", "consent": "referral", "report": "no"},
            ["danger", "children", "consent", "report"],
            None,
        ),
    ],
)
def test_flow(mini: Pathway, answers: dict[str, str], asked: list[str], next_question: str | None) -> None:
    route = follow(mini, answers)
    assert [a.question for a in route.answers] == asked
    assert (route.next_question.id if route.next_question else None) == next_question
    assert route.complete == (next_question is None)


def test_answers_off_the_route_are_listed_not_used(mini: Pathway) -> None:
    route = follow(mini, {"report": "yes", "danger": "yes", "children": "no"})
    assert route.answers == (Answer("danger", "yes"),)
    assert route.unused == (Answer("report", "yes"), Answer("children", "no"))


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"nothing": "yes"}, "pathway 'mini' has no question 'nothing'"),
        ({"danger": "maybe"}, "question 'danger' has no option 'maybe'"),
    ],
)
def test_unknown_ids_are_errors(mini: Pathway, answers: dict[str, str], message: str) -> None:
    with pytest.raises(AnswerError) as info:
        follow(mini, answers)
    assert info.value.message == message
    assert info.value.exit_code == 2


@pytest.mark.parametrize(
    ("answers", "urgency", "contacts"),
    [
        ({"danger": "yes"}, "emergency", [("politie-112", "emergency"), ("slachtofferhulp", "advice")]),
        (
            {"danger": "no", "children": "no", "consent": "no"},
            "routine",
            [("veilig-thuis", "advice"), ("slachtofferhulp", "advice")],
        ),
        (  # unless: children at risk override the person's "no"
            {"danger": "no", "children": "yes", "consent": "no"},
            "urgent",
            [("veilig-thuis", "refer"), ("slachtofferhulp", "advice")],
        ),
        (  # the strongest role wins and refer sorts before advice
            {"danger": "no", "children": "no", "consent": "referral", "report": "yes"},
            "soon",
            [("slachtofferhulp", "refer"), ("politie", "refer"), ("veilig-thuis", "advice")],
        ),
    ],
)
def test_outcomes(mini: Pathway, answers: dict[str, str], urgency: str, contacts: list[tuple[str, str]]) -> None:
    outcome = follow(mini, answers).outcome
    assert outcome is not None
    assert outcome.urgency == urgency
    assert contacts_of(mini, answers) == contacts


def test_each_step_and_contact_says_because(mini: Pathway) -> None:
    outcome = follow(mini, {"danger": "no", "children": "yes", "consent": "referral", "report": "no"}).outcome
    assert outcome is not None
    because = {c.contact.id: c.because for c in outcome.contacts}
    assert because["veilig-thuis"] == (Answer("children", "yes"), Answer("consent", "referral"))
    assert because["slachtofferhulp"] == (Answer("consent", "referral"),)
    assert [(s.step.id, s.because) for s in outcome.steps] == [("helper-wellbeing", ())]


def test_going_back_is_dropping_the_last_answer(mini: Pathway) -> None:
    history = {"danger": "no", "children": "yes"}
    history.popitem()
    route = follow(mini, history)
    assert route.next_question is not None and route.next_question.id == "children"


def test_a_loop_is_an_error_not_a_hang(mini_dir: Path) -> None:
    path = mini_dir / "mini.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("    next: consent\n", "    next: danger\n"), encoding="utf-8"
    )
    looping = load_pathway(path)
    with pytest.raises(SamenReferError, match="loops back"):
        follow(looping, {"danger": "no", "children": "no"})


@pytest.mark.parametrize(("question", "left"), [("danger", 4), ("children", 3), ("consent", 2), ("report", 1)])
def test_questions_left(mini: Pathway, question: str, left: int) -> None:
    assert questions_left(mini, question) == left


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["danger", "children", "consent", "report"]),
            st.sampled_from(["yes", "no", "unsure", "referral"]),
        )
    )
)
def test_any_valid_answers_end_in_a_question_or_a_valid_outcome(mini: Pathway, pairs: list[tuple[str, str]]) -> None:
    answers = {}
    for question_id, option_id in pairs:
        question = mini.question(question_id)
        assert question is not None
        if question.option(option_id) is not None:
            answers[question_id] = option_id
    route = follow(mini, answers)
    assert (route.next_question is None) == (route.outcome is not None)
    assert {a.question for a in route.answers} | {a.question for a in route.unused} == set(answers)
    if route.outcome is not None:
        assert route.outcome.steps and route.outcome.contacts
        roles = [c.role for c in route.outcome.contacts]
        assert roles == sorted(roles, key=["emergency", "refer", "advice", "info"].index)
