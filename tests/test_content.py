"""The shipped content is code: the pathway loads clean, every scenario passes, and the safety rules hold on every
route (not only on examples)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

import pytest

from samen_refer.checks.load import read_directory, read_pathway
from samen_refer.checks.scenarios import load_scenarios, read_scenario, scenario_problems, scenario_region
from samen_refer.engine.advice import advice_of, route_advice
from samen_refer.engine.route import Outcome, follow
from samen_refer.format.pathway import Pathway
from samen_refer.format.scenario import Scenario
from tests.conftest import REPO, shipped_outcomes, shipped_pathway

PATHWAYS = REPO / "pathways"
# one worker builds the outcome of every route, once; without coverage, which would double the time of these loops
# (the engine's lines are covered by the other tests)
Test = TypeVar("Test", bound=Callable[..., object])


def EVERY_ROUTE(test: Test) -> Test:
    """The two marks of a test over every route: one worker, no coverage."""
    marked: Test = pytest.mark.no_cover(pytest.mark.xdist_group("every-route")(test))
    return marked


SCENARIO_FILES = sorted((PATHWAYS / "scenarios").glob("*.yaml"))
CANONICAL = {
    "danger": {"yes", "self", "both", "no", "unsure"},
    "helper": {"volunteer", "professional"},
    "violence": {"sexual", "domestic", "honour", "fgm", "trafficking", "sogiesc", "other"},
    "timing": {"ongoing", "within_72_hours", "within_7_days", "earlier"},
    "where": {"netherlands", "abroad"},
    "children": {"yes", "no", "unknown"},
    "residence": {"asylum_seeker", "status_holder", "dependent_permit", "undocumented", "other_permit", "unknown"},
    "consent": {"referral", "advice_only", "no"},
    "report": {"yes", "no", "unsure"},
    "interpreter": {"yes", "no"},
}
REQUIRED_CONTACTS = {
    "politie-112", "politie", "veilig-thuis", "centrum-seksueel-geweld", "slachtofferhulp", "113-zelfmoordpreventie",
    "comensha", "fier", "gza", "dokters-van-de-wereld", "huisarts", "arq-centrum45", "ind", "lgbt-asylum-support",
    "meld-misdaad-anoniem", "buitenlandse-zaken", "pharos", "zanzu", "huisartsenpost", "fsan", "nidos",
}  # fmt: skip
# The national line that fits each form of violence: on the person's handout on every route, whatever the person
# wants (content review C1). Checked here on the engine's outcomes, independently of the pathway's own invariants.
NATIONAL_LINE = {
    "sexual": "centrum-seksueel-geweld",
    "domestic": "veilig-thuis",
    "honour": "veilig-thuis",
    "fgm": "veilig-thuis",
    "trafficking": "comensha",
    "sogiesc": "slachtofferhulp",
    "other": "slachtofferhulp",
}


@cache
def sggg() -> Pathway:
    pathway, problems = read_pathway(PATHWAYS / "sggg.yaml")
    assert problems == [], "\n".join(map(str, problems))
    assert pathway is not None
    return pathway


@cache
def routes() -> list[tuple[dict[str, str], Outcome]]:
    return [(dict(answers), outcome) for answers, outcome in shipped_outcomes().items()]


def test_contacts_file_is_clean_and_complete() -> None:
    directory, problems = read_directory(PATHWAYS / "contacts.yaml")
    assert problems == []
    assert directory is not None
    assert {c.id for c in directory.contacts} >= REQUIRED_CONTACTS
    for contact in directory.contacts:
        assert contact.verified and contact.source.startswith("https://"), contact.id


def test_pathway_asks_the_canonical_questions_with_their_options() -> None:
    pathway = sggg()
    assert pathway.languages == ("nl", "en")
    for question_id, options in CANONICAL.items():
        question = pathway.question(question_id)
        assert question is not None, question_id
        assert options <= {o.id for o in question.options}, question_id


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=[p.stem for p in SCENARIO_FILES])
def test_scenario_passes(path: Path) -> None:
    scenario, problems = read_scenario(path)
    assert problems == []
    assert scenario is not None
    region, problems = scenario_region(scenario, REPO / "pathways")
    assert problems == []
    assert [str(p) for p in scenario_problems(sggg(), scenario, region)] == []


def test_scenarios_are_many_and_cover_every_canonical_option() -> None:
    scenarios: list[Scenario] = load_scenarios(PATHWAYS / "scenarios")
    assert len(scenarios) >= 32
    covered = {(q, o) for s in scenarios for q, o, _ in s.answers}
    missing = sorted((q, o) for q, options in CANONICAL.items() for o in options if (q, o) not in covered)
    assert missing == []
    for scenario in scenarios:
        assert 2 <= len(scenario.discussion) <= 4, scenario.id


@EVERY_ROUTE
def test_the_every_route_tests_share_one_worker(request: pytest.FixtureRequest) -> None:
    """With several workers (pytest-xdist, --dist loadgroup) the outcomes of every route are built on one only."""
    if getattr(request.config.option, "loadgroup", False):
        assert request.node.nodeid.endswith("@every-route")


@EVERY_ROUTE
def test_every_route_ends_in_advice_with_a_step_and_a_contact() -> None:
    assert len(routes()) > 1000
    for answers, outcome in routes():
        assert outcome.steps and outcome.contacts, answers
        for advised in outcome.contacts:
            assert advised.contact.verified and advised.contact.source, advised.contact.id


def roles(outcome: Outcome) -> dict[str, str]:
    return {c.contact.id: c.role for c in outcome.contacts}


@EVERY_ROUTE
def test_the_person_keeps_the_national_line_that_fits_on_every_route() -> None:
    seen: set[tuple[str, str]] = set()
    for answers, outcome in routes():
        violence = answers.get("violence")
        if violence is None:
            continue  # not safe to talk: the form of violence was not asked
        kept = {c.contact.id for c in outcome.person_contacts}
        assert NATIONAL_LINE[violence] in kept, answers
        if answers.get("recent_assault") in ("yes_72_hours", "yes", "unsure"):
            assert "centrum-seksueel-geweld" in kept, answers
        seen.add((violence, answers["consent"]))
    assert seen == {(v, c) for v in NATIONAL_LINE for c in CANONICAL["consent"]}


@EVERY_ROUTE
def test_tips_to_the_police_never_reach_someone_who_wants_no_police_on_every_route() -> None:
    for answers, outcome in routes():
        if answers.get("consent") in ("no", "advice_only") or answers.get("report") == "no":
            assert not {"meld-misdaad-anoniem", "arbeidsinspectie"} & set(roles(outcome)), answers


@EVERY_ROUTE
def test_urgency_follows_the_clock_and_the_risk_on_every_route() -> None:
    for answers, outcome in routes():
        if answers.get("violence") == "sexual" and answers.get("timing") == "within_72_hours":
            assert outcome.urgency == "emergency", answers
            assert roles(outcome)["centrum-seksueel-geweld"] == "emergency", answers
        if answers.get("violence") == "honour":
            assert outcome.urgency != "routine", answers
            if answers.get("timing") != "earlier":
                assert outcome.urgency in ("emergency", "urgent"), answers


@EVERY_ROUTE
def test_steps_that_respect_a_no_never_stand_where_safety_overrides_on_every_route() -> None:
    yielding = {"respect-no", "door-open", "anonymous-advice-call", "own-anonymous-advice"}
    for answers, outcome in routes():
        if answers.get("danger") in ("yes", "self", "both") or answers.get("children") == "yes":
            assert not yielding & {s.step.id for s in outcome.steps}, answers
        if answers.get("children") == "yes":  # reported because a child's safety comes first, not "with consent"
            assert roles(outcome)["veilig-thuis"] == "report", answers


@EVERY_ROUTE
def test_professionals_get_the_meldcode_where_it_applies_on_every_route() -> None:
    """The meldcode is about violence by the household circle and about child abuse (content review N-M1): report
    when it goes on or was recent (N-C2), weigh when it was longer ago or a child is at risk; when it is not safe to
    talk, a professional gets one step to note and consult, out of hearing."""
    for answers, outcome in routes():
        shown = {s.step.id for s in outcome.steps}
        weigh = (answers.get("household"), answers.get("timing")) == ("yes", "earlier") or answers["children"] == "yes"
        professional, safe = answers["helper"] == "professional", answers["safe_to_talk"] == "yes"
        assert ("meldcode-steps" in shown) == (professional and safe and weigh), answers
        report = answers.get("household") == "yes" and answers.get("timing") != "earlier"
        assert ("meldcode-duty-report" in shown) == (professional and report), answers
        assert ("meldcode-signals-later" in shown) == (professional and not safe), answers


@EVERY_ROUTE
def test_acute_danger_puts_112_first_on_every_route() -> None:
    for answers, outcome in routes():
        if answers.get("danger") in ("yes", "both"):
            assert outcome.contacts[0].contact.id == "politie-112", answers
            assert outcome.contacts[0].role == "emergency" and outcome.urgency == "emergency"


@EVERY_ROUTE
def test_self_harm_risk_gives_113_as_an_emergency_on_every_route() -> None:
    for answers, outcome in routes():
        if answers.get("danger") in ("self", "both"):
            assert roles(outcome).get("113-zelfmoordpreventie") == "emergency", answers


@EVERY_ROUTE
def test_no_referral_without_consent_unless_safety_overrides_on_every_route() -> None:
    for answers, outcome in routes():
        if answers.get("consent") in ("no", "advice_only"):
            assert "refer" not in roles(outcome).values(), answers


@EVERY_ROUTE
def test_police_is_a_referral_only_when_the_person_wants_to_report() -> None:
    for answers, outcome in routes():
        if roles(outcome).get("politie") == "refer":
            assert answers.get("report") == "yes", answers


@EVERY_ROUTE
def test_every_outcome_has_a_step_for_the_helpers_wellbeing() -> None:
    for answers, outcome in routes():
        assert "helper-wellbeing" in {s.step.id for s in outcome.care}, answers


@EVERY_ROUTE
@pytest.mark.parametrize(
    ("answers", "contact", "role"),
    [
        ({"violence": "sexual", "timing": "within_7_days", "consent": "referral"}, "centrum-seksueel-geweld", "refer"),
        ({"children": "yes"}, "veilig-thuis", "report"),
        ({"violence": "trafficking", "consent": "referral"}, "comensha", "refer"),
        ({"violence": "honour", "where": "abroad"}, "buitenlandse-zaken", None),
        ({"residence": "undocumented"}, "dokters-van-de-wereld", None),
        ({"residence": "asylum_seeker"}, "gza", None),
        ({"violence": "domestic", "residence": "dependent_permit"}, "ind", None),
        ({"violence": "sogiesc", "residence": "asylum_seeker"}, "lgbt-asylum-support", None),
        ({"timing": "earlier"}, "arq-centrum45", None),
    ],
)
def test_routing_rules_hold_on_every_matching_route(answers: dict[str, str], contact: str, role: str | None) -> None:
    matching = [(a, o) for a, o in routes() if all(a.get(q) == v for q, v in answers.items())]
    assert matching, f"no route has {answers}"
    for route_answers, outcome in matching:
        if route_answers.get("danger") in ("yes", "self", "both") and contact != "veilig-thuis":
            continue  # acute danger: the advice is about safety now
        found = roles(outcome)
        assert contact in found, route_answers
        if role:
            assert found[contact] == role, route_answers


PHONE_IN_TEXT = re.compile(r"(?:\+|\b0)\d[\d ]{5,}\d")  # "+31 6 82 38 77 96", "033 448 11 86": breakable spaces


def texts_of(value: object) -> list[str]:
    """Every string inside a loaded model (NamedTuples, tuples, language mappings)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in texts_of(v)]
    if isinstance(value, tuple | list):
        return [t for v in value for t in texts_of(v)]
    if hasattr(value, "_asdict"):
        return texts_of(value._asdict())
    return []


def test_no_phone_number_in_a_text_can_be_split_over_two_lines() -> None:
    pathway = sggg()
    texts = texts_of([pathway.questions, pathway.blocks, list(pathway.contacts.values())])
    assert len(texts) > 500
    phones = {c.phone for c in pathway.contacts.values()}  # the phone field itself: renderers keep it whole (below)
    breakable = [
        m.group() for text in texts if text not in phones for m in PHONE_IN_TEXT.finditer(text) if " " in m.group()
    ]
    assert breakable == []  # write them with no-break spaces (U+00A0) or hyphens: "0800-0188"


def test_phone_numbers_stay_whole_in_every_handout_line() -> None:
    from samen_refer.engine.route import handout_safe
    from samen_refer.render.handout import handout_data, render

    pathway = sggg()
    for scenario in load_scenarios(PATHWAYS / "scenarios"):
        route = follow(pathway, scenario.given())
        outcome = route.outcome
        assert outcome is not None
        for audience in ("helper", "person") if handout_safe(pathway, dict(route.answers)) else ("helper",):
            data = handout_data(pathway, route, "nl", audience)
            lines = render(f"handout/{audience}.txt.j2", data).splitlines()
            assert not [line for line in lines if re.search(r"\d-$", line)], (scenario.id, audience)
            for advised in outcome.contacts:
                phone = advised.contact.phone
                if phone and (audience == "helper" or advised.person):
                    assert any(phone in line for line in lines), (scenario.id, audience, phone)


@pytest.mark.parametrize("width", range(12, 40))
@pytest.mark.parametrize("number", ["0800-0188", "+31\u00a06\u00a082\u00a038\u00a077\u00a096", "088-1122112"])
def test_wrapping_a_text_never_splits_a_phone_number(number: str, width: int) -> None:
    from samen_refer.render.handout import wrap

    lines = wrap(f"Bel nu het nummer {number} en zeg dat het dringend is.", 2, width).splitlines()
    assert any(number.replace("\u00a0", " ") in line.replace("\u00a0", " ") for line in lines), lines


@pytest.mark.no_cover  # a loop over every route: coverage would double its time
@EVERY_ROUTE
def test_no_handout_is_offered_when_it_is_not_safe_to_talk_on_every_route() -> None:
    """A handout is offered exactly where no block that applies says ``handout: false`` (``handout_safe``): read off
    the blocks of each route's outcome, and ``handout_safe`` itself asked on every 97th route."""
    from samen_refer.engine.route import handout_safe

    handout = {block.id: block.handout for block in sggg().blocks}
    for n, (answers, outcome) in enumerate(routes()):
        safe = all(handout[block] for block in outcome.blocks)
        assert safe == (answers["safe_to_talk"] == "yes"), answers
        if n % 97 == 0:
            assert handout_safe(sggg(), answers) == safe, answers


@EVERY_ROUTE
def test_the_routes_listing_gives_the_engines_advice_on_every_route() -> None:
    """``routes`` takes shortcuts (bit-mask tables, the steps and contacts composed once per set of blocks); on every
    route of the shipped pathway its advice is the engine's."""
    outcomes = shipped_outcomes()
    listed = 0
    for answers, advice in route_advice(shipped_pathway()):
        assert advice == advice_of(outcomes[frozenset(answers.items())]), answers
        listed += 1
    assert listed == len(outcomes)
