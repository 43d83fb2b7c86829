"""Exercises: a trainee's route beside a scenario's, the score, and what no scenario reaches (mini pathway)."""

from __future__ import annotations

import pytest

from samen_refer.engine.exercise import coverage, mark, topics
from samen_refer.engine.route import follow
from samen_refer.format.expectation import Expectation
from samen_refer.format.pathway import Pathway
from samen_refer.format.scenario import Scenario
from samen_refer.problem import SamenReferError

HELP_NO_CHILDREN = {"danger": "no", "children": "no", "consent": "referral", "report": "no"}


def scenario(answers: dict[str, str], scenario_id: str = "case", pathway: str = "mini") -> Scenario:
    text = {"nl": "x", "en": "x"}
    given = tuple((q, o, (1, 1)) for q, o in answers.items())
    return Scenario(scenario_id, pathway, text, "basic", text, given, Expectation(), (text,))


def differences(mini: Pathway, trainee: dict[str, str]) -> tuple[object, ...]:
    result = mark(mini, scenario(HELP_NO_CHILDREN), follow(mini, trainee))
    return (
        result.score,
        [(d.question, d.expected, d.chosen) for d in result.answers],
        [c.contact.id for c in result.missed],
        [c.contact.id for c in result.added],
        [(r.contact.id, r.expected, r.chosen) for r in result.roles],
        result.urgency,
    )


@pytest.mark.parametrize(
    ("trainee", "expected"),
    [
        (HELP_NO_CHILDREN, (100, [], [], [], [], ("soon", "soon"))),
        # 3 of 4 answers; veilig-thuis as refer instead of advice (1.5 of 2); urgent, one level from soon
        (
            {**HELP_NO_CHILDREN, "children": "yes"},
            (70, [("children", "no", "yes")], [], [], [("veilig-thuis", "advice", "refer")], ("soon", "urgent")),
        ),
        # 3 of 4 answers; the police added: 2 of (2 + 1) for contacts
        (
            {**HELP_NO_CHILDREN, "report": "yes"},
            (77, [("report", "no", "yes")], [], ["politie"], [], ("soon", "soon")),
        ),
        # no answer alike; veilig-thuis missed, slachtofferhulp as advice, 112 added: (2 - 1 - 1/2) of (2 + 1);
        # emergency is two levels from soon
        (
            {"danger": "yes"},
            (
                7,
                [
                    ("danger", "no", "yes"),
                    ("children", "no", None),
                    ("consent", "referral", None),
                    ("report", "no", None),
                ],
                ["veilig-thuis"],
                ["politie-112"],
                [("slachtofferhulp", "refer", "advice")],
                ("soon", "emergency"),
            ),
        ),
    ],
)
def test_compare_shows_differences_consequences_and_score(
    mini: Pathway, trainee: dict[str, str], expected: tuple[object, ...]
) -> None:
    assert differences(mini, trainee) == expected


def test_compare_needs_a_complete_route(mini: Pathway) -> None:
    with pytest.raises(SamenReferError, match="does not reach advice"):
        mark(mini, scenario(HELP_NO_CHILDREN), follow(mini, {"danger": "no"}))


def test_a_scenario_that_does_not_fit_its_pathway_is_an_error(mini: Pathway) -> None:
    with pytest.raises(SamenReferError, match="do not fit pathway 'mini'"):
        mark(mini, scenario({"danger": "no"}), follow(mini, {"danger": "yes"}))


def test_coverage_names_what_no_scenario_reaches(mini: Pathway) -> None:
    result = coverage(
        mini,
        [
            scenario({"danger": "yes"}, "m1"),
            scenario(HELP_NO_CHILDREN, "m2"),
            scenario({"danger": "maybe"}, "broken"),
            scenario({"danger": "unsure"}, "other", pathway="sggg"),
        ],
    )
    assert result.scenarios == ("m1", "m2")
    assert result.skipped == ("broken",)
    assert result.options == (("danger", "unsure"), ("children", "yes"), ("consent", "no"), ("report", "yes"))
    assert result.blocks == ("kids", "advice-only", "police")
    assert result.contacts == ("politie",)
    assert not result.complete


def test_coverage_is_complete_when_every_option_block_and_contact_is_reached(mini: Pathway) -> None:
    cases = [
        {"danger": "yes"},
        {"danger": "unsure", "children": "yes", "consent": "referral", "report": "yes"},
        {"danger": "no", "children": "no", "consent": "no"},
        HELP_NO_CHILDREN,
    ]
    assert coverage(mini, [scenario(c, f"c{n}") for n, c in enumerate(cases)]).complete


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"danger": "no", "consent": "no"}, {"consent": "no"}),
        ({"violence": "sexual", "residence": "undocumented", "consent": "referral"}, {
            "violence": "sexual", "residence": "undocumented", "consent": "referral"}),
        ({"danger": "yes"}, {}),
    ],
)  # fmt: skip
def test_topics_are_violence_residence_and_consent(answers: dict[str, str], expected: dict[str, str]) -> None:
    assert topics(scenario(answers)) == expected
