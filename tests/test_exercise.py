"""Exercises: a trainee's route beside a scenario's, the score, and what no scenario reaches (mini pathway)."""

from __future__ import annotations

import pytest

from samen_refer.engine.exercise import coverage, mark, topics
from samen_refer.engine.route import follow
from samen_refer.format.contact import Contact
from samen_refer.format.expectation import Expectation
from samen_refer.format.pathway import Condition, Pathway, Term
from samen_refer.format.region import Owner, Region, RegionalContact
from samen_refer.format.scenario import Scenario
from samen_refer.problem import SamenReferError

HELP_NO_CHILDREN = {"danger": "no", "children": "no", "consent": "referral", "report": "no"}


def scenario(
    answers: dict[str, str], scenario_id: str = "case", pathway: str = "mini", region: str | None = None
) -> Scenario:
    text = {"nl": "x", "en": "x"}
    given = tuple((q, o, (1, 1)) for q, o in answers.items())
    return Scenario(scenario_id, pathway, text, "basic", text, given, Expectation(), (text,), region=region)


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


def region(region_id: str, pathway: str = "mini") -> Region:
    """A region of the mini pathway with a local contact for every route and one only where there are children."""
    text = {"nl": "x", "en": "x"}

    def local(contact_id: str, serves: Condition | None = None) -> RegionalContact:
        return RegionalContact(Contact(contact_id, text, text, "2026-11-28", "https://example.org"), "info", serves)

    kids = Condition((Term("children", ("yes",)),))
    contacts = (local(f"{region_id}-inloop"), local(f"{region_id}-kids", kids))
    return Region(region_id, f"{region_id}.yaml", pathway, text, ("Stad",), Owner(text, text), contacts, ("nl", "en"))


@pytest.mark.parametrize(
    ("cases", "unreached", "reached", "skipped"),
    [
        # no scenario plays in a region: no regional contact is reached
        ([({"danger": "yes"}, None)], [("noord", "noord-inloop"), ("noord", "noord-kids"), ("zuid", "zuid-inloop"),
                                       ("zuid", "zuid-kids")], [], []),
        # in noord without children: its contact for every route, not the one for children; zuid is not played
        ([(HELP_NO_CHILDREN, "noord")], [("noord", "noord-kids"), ("zuid", "zuid-inloop"), ("zuid", "zuid-kids")],
         [("noord", "noord-inloop")], []),
        ([(HELP_NO_CHILDREN, "noord"), ({**HELP_NO_CHILDREN, "children": "yes"}, "noord"), (HELP_NO_CHILDREN, "zuid")],
         [("zuid", "zuid-kids")], [("noord", "noord-inloop"), ("noord", "noord-kids"), ("zuid", "zuid-inloop")], []),
        # a region that is not one of this pathway's: the scenario is skipped
        ([(HELP_NO_CHILDREN, "elders")], [("noord", "noord-inloop"), ("noord", "noord-kids"), ("zuid", "zuid-inloop"),
                                         ("zuid", "zuid-kids")], [], ["c0"]),
    ],
)  # fmt: skip
def test_coverage_counts_regional_contacts_only_in_their_region(
    mini: Pathway,
    cases: list[tuple[dict[str, str], str | None]],
    unreached: list[tuple[str, str]],
    reached: list[tuple[str, str]],
    skipped: list[str],
) -> None:
    regions = [region("noord"), region("zuid"), region("elders", pathway="sggg")]
    result = coverage(mini, [scenario(a, f"c{n}", region=r) for n, (a, r) in enumerate(cases)], regions)
    assert (list(result.regional), list(result.regional_reached), list(result.skipped)) == (unreached, reached, skipped)
    played = [scenario(a) for n, (a, _) in enumerate(cases) if f"c{n}" not in skipped]
    assert result.contacts == coverage(mini, played).contacts  # the national contacts: as without regions
    assert not result.complete


def test_coverage_is_not_complete_while_a_regional_contact_is_unreached(mini: Pathway) -> None:
    cases = [
        {"danger": "yes"},
        {"danger": "unsure", "children": "yes", "consent": "referral", "report": "yes"},
        {"danger": "no", "children": "no", "consent": "no"},
        HELP_NO_CHILDREN,
    ]
    played = [scenario(c, f"c{n}") for n, c in enumerate(cases)]
    assert not coverage(mini, played, [region("noord")]).complete
    in_noord = [scenario(cases[1], "n1", region="noord")]
    assert coverage(mini, [*played, *in_noord], [region("noord")]).complete


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
