"""How the advice is composed (issue 19, the conversation to the closing): each review finding as a line of a table,
checked on routes and, where it is a safety rule, by the pathway's own invariants on every route."""

from __future__ import annotations

import re
from functools import cache
from itertools import product

import pytest
import yaml

from samen_refer.checks.invariants import invariant_problems
from samen_refer.engine.route import Outcome, follow
from samen_refer.format.pathway import Block, Condition, Pathway, Term
from tests.conftest import REPO, shipped_pathway

SGGG = REPO / "pathways" / "sggg.yaml"
FIRST_BLOCK, LAST_BLOCK = "talk-first", "closing"  # this part of the blocks list
MELDCODE = Condition((
    Term("helper", ("professional",)),
    Term("household", ("yes",)),
    Term("timing", ("ongoing", "within_72_hours", "within_7_days")),
))  # fmt: skip

CALM = {"safe_to_talk": "yes", "danger": "no", "helper": "volunteer", "recent_assault": "no", "where": "netherlands",
        "children": "no", "residence": "status_holder", "interpreter": "no"}  # fmt: skip
VOLUNTEER = {**CALM, "violence": "other", "timing": "earlier", "consent": "no"}
PROFESSIONAL = {**VOLUNTEER, "helper": "professional", "household": "no"}
PRO_AT_HOME_NO_HELP = {**CALM, "helper": "professional", "violence": "domestic", "household": "yes",
                       "timing": "ongoing", "consent": "no"}  # fmt: skip
PRO_AT_HOME_ADVICE = {**PRO_AT_HOME_NO_HELP, "consent": "advice_only", "timing": "within_7_days"}
UNDOCUMENTED_POLICE = {**CALM, "violence": "domestic", "timing": "ongoing", "residence": "undocumented",
                       "consent": "referral", "report": "yes"}  # fmt: skip
UNDOCUMENTED_NOT_SURE = {**UNDOCUMENTED_POLICE, "report": "unsure"}
WOMAN_CUT_AS_CHILD = {**CALM, "violence": "fgm", "timing": "earlier", "where": "abroad", "consent": "no"}
GIRL_AT_RISK = {**WOMAN_CUT_AS_CHILD, "children": "yes", "timing": "ongoing"}
HONOUR_NOW = {**CALM, "violence": "honour", "timing": "ongoing", "consent": "referral", "report": "no"}
ASYLUM_ADULT = {**CALM, "violence": "sexual", "timing": "within_7_days", "residence": "asylum_seeker",
                "consent": "referral", "report": "no", "interpreter": "yes"}  # fmt: skip
EU_CITIZEN = {**VOLUNTEER, "residence": "other_permit"}
TRAFFICKED_ABROAD_LONG_AGO = {**CALM, "violence": "trafficking", "timing": "earlier", "where": "abroad",
                              "consent": "no"}  # fmt: skip


@cache
def sggg() -> Pathway:
    return shipped_pathway()


@cache
def outcome(answers: tuple[tuple[str, str], ...]) -> Outcome:
    route = follow(sggg(), dict(answers))
    assert route.outcome is not None, route.next_question
    return route.outcome


def advice(answers: dict[str, str]) -> Outcome:
    return outcome(tuple(answers.items()))


def shown(answers: dict[str, str]) -> dict[str, str]:
    """Every step of the advice (to do, to say, to know, the helper's care) by id, with its Dutch text."""
    result = advice(answers)
    return {s.step.id: s.step.text["nl"] for s in (*result.steps, *result.background, *result.care)}


def my_blocks() -> list[Block]:
    ids = [b.id for b in sggg().blocks]
    return list(sggg().blocks[ids.index(FIRST_BLOCK) : ids.index(LAST_BLOCK) + 1])


# ---------- The safety rules of this part hold on every route (checked by validate, here once more) ----------

RULES = [
    ("N-C2", "meldcode-report-no-yielding"),
    ("N-M3", "anonymous-tip-only-when-police-wanted"),
    ("N-M3", "anonymous-tip-never-on-paper"),
    ("N-M3", "anonymous-tip-with-safety-check"),
    ("N-m5", "fgm-woman-care-first"),
    ("N-m5", "fgm-woman-care-first-asylum"),
    ("N-m6", "knowledge-centres-for-the-helper"),
    ("N-m6", "ind-permit-only-for-violence-at-home"),
    ("m12", "reflection-period-not-for-exploitation-abroad-long-ago"),
    ("U3", "honour-do-not-mediate-first"),
    ("U6", "coa-never-a-contact"),
    ("U6", "nidos-only-when-a-child-is-involved"),
]


@cache
def broken_rules() -> str:
    return "\n".join(p.message for p in invariant_problems(sggg()))


@pytest.mark.parametrize(("finding", "rule"), RULES, ids=[r for _, r in RULES])
def test_each_finding_is_a_safety_rule_that_holds_on_every_route(finding: str, rule: str) -> None:
    invariant = next((i for i in sggg().invariants if i.id == rule), None)
    assert invariant is not None, f"{finding}: no invariant '{rule}'"
    assert f"({finding})" in invariant.description["en"]
    assert f"'{rule}'" not in broken_rules()


# ---------- Steps that must or must not be there, route by route ----------

STEPS = [
    # finding, answers, steps that must be there, steps that must not
    ("N-C2", PRO_AT_HOME_NO_HELP, ["info-to-keep"], ["respect-no", "door-open", "own-anonymous-advice"]),
    ("N-C2", PRO_AT_HOME_ADVICE, [], ["anonymous-advice-call", "door-open"]),
    ("N-C2", VOLUNTEER, ["respect-no", "door-open", "own-anonymous-advice"], []),
    ("N-C2", PROFESSIONAL, ["respect-no", "door-open"], []),  # not violence at home: the person decides
    ("N-M3", UNDOCUMENTED_POLICE, ["anonymous-tip", "no-anonymous-aangifte"], []),
    ("N-M3", UNDOCUMENTED_NOT_SURE, ["no-anonymous-aangifte"], ["anonymous-tip"]),
    ("N-m5", WOMAN_CUT_AS_CHILD, ["fgm-health", "fgm-community-support"], ["fgm-report", "fgm-youth-health"]),
    ("N-m5", GIRL_AT_RISK, ["fgm-report", "fgm-youth-health"], []),
    ("U6", ASYLUM_ADULT, ["asylum-fear", "unsafe-in-reception"], ["minor-guardian"]),
    ("U6", {**ASYLUM_ADULT, "children": "yes"}, ["minor-guardian"], []),
    ("m12", TRAFFICKED_ABROAD_LONG_AGO, ["comensha-advice"], ["reflection-period"]),
    ("m12", {**TRAFFICKED_ABROAD_LONG_AGO, "where": "netherlands"}, ["reflection-period"], []),
]


@pytest.mark.parametrize(("finding", "answers", "present", "absent"), STEPS)
def test_the_steps_fit_the_situation(
    finding: str, answers: dict[str, str], present: list[str], absent: list[str]
) -> None:
    steps = shown(answers)
    assert [s for s in present if s not in steps] == [], finding
    assert [s for s in absent if s in steps] == [], finding


# ---------- What the helper reads (Dutch, B1) ----------

TEXTS = [
    # finding, answers, step, words it has, words it must not have
    ("N-C2", PROFESSIONAL, "explain-confidentiality", "Als professional werk je met de meldcode.", "Jij vertelt niets"),
    ("N-C2", PROFESSIONAL, "explain-confidentiality", "kun je moeten melden", "geheimhoudingsplicht"),
    ("N-C2", VOLUNTEER, "explain-confidentiality", "Jij vertelt niets door zonder toestemming", "meldcode"),
    ("U §6", VOLUNTEER, "explain-confidentiality",
     "Hulpverleners in Nederland mogen niets doorvertellen zonder toestemming.", "geheimhoudingsplicht"),
    ("N-M3", UNDOCUMENTED_POLICE, "anonymous-tip", "Bespreek eerst samen of dat veilig is", None),
    ("N-M3", UNDOCUMENTED_POLICE, "no-anonymous-aangifte", "Beloof ook geen anonieme aangifte.", "M. stuurt"),
    ("N-m5", GIRL_AT_RISK, "fgm-report", "Doe dan een melding bij Veilig Thuis", "vertrouwensarts"),  # not in facts
    ("N-m5", WOMAN_CUT_AS_CHILD, "fgm-community-support", "FSAN geeft advies en steun", "Somalische verenigingen"),
    ("N-m5", WOMAN_CUT_AS_CHILD, "fgm-community-support", "De persoon kiest zelf", None),
    ("N-m8", HONOUR_NOW, "shelter-and-huisverbod", "Bij eergerelateerd geweld: overleg eerst met Veilig Thuis.",
     "De burgemeester kan"),
    ("N-m8", {**HONOUR_NOW, "violence": "domestic"}, "shelter-and-huisverbod", "De burgemeester kan", None),
    ("m3", VOLUNTEER, "local-help", "de sociale kaart (een lijst met hulp in de buurt) op de website van je gemeente",
     None),
    ("m3", VOLUNTEER, "helper-wellbeing", "in een intervisie (een gesprek met collega's over moeilijke situaties)",
     None),
    ("§5", HONOUR_NOW, "honour-vt-route", "die niet bij een Veilig Thuis in hun regio terecht kunnen", "zonder link"),
    ("§5", ASYLUM_ADULT, "asylum-claim-lawyer", "Dat kan via de advocaat. De IND probeert dat, maar belooft het niet.",
     None),
    ("N-m4", EU_CITIZEN, "eu-uninsured", "Vraag Dokters van de Wereld welke zorg mogelijk is en wat die kost.",
     "Er zijn andere regelingen"),
]  # fmt: skip


@pytest.mark.parametrize(("finding", "answers", "step", "has", "lacks"), TEXTS)
def test_the_helper_reads_plain_and_fitting_words(
    finding: str, answers: dict[str, str], step: str, has: str, lacks: str | None
) -> None:
    text = " ".join(shown(answers)[step].split())
    assert has in text, finding
    if lacks:
        assert lacks not in text, finding


def test_sentences_in_this_part_stay_short() -> None:
    """B1: no sentence of more than 25 words in the steps of this part (the IND sentence had 29: §5)."""
    long = [
        (step.id, sentence)
        for block in my_blocks()
        for step in block.steps
        for sentence in re.split(r"(?<=[.?!:])\s+", " ".join(step.text["nl"].split()))
        if len(sentence.split()) > 25 and "https://" not in sentence
    ]
    assert long == []


# ---------- Contacts: who is on the person's paper, in which order ----------

FIRST_FOR_PERSON = [
    # finding, answers, the first contact on the person's handout
    ("N-m5", WOMAN_CUT_AS_CHILD, "huisarts"),
    ("N-m5", {**WOMAN_CUT_AS_CHILD, "consent": "advice_only"}, "huisarts"),
    ("N-m5", {**WOMAN_CUT_AS_CHILD, "consent": "referral"}, "huisarts"),
    ("N-m5", {**WOMAN_CUT_AS_CHILD, "residence": "asylum_seeker"}, "gza"),
    ("N-m5", GIRL_AT_RISK, "veilig-thuis"),
]


@pytest.mark.parametrize(("finding", "answers", "first"), FIRST_FOR_PERSON)
def test_the_first_help_for_the_person_fits(finding: str, answers: dict[str, str], first: str) -> None:
    assert advice(answers).person_contacts[0].contact.id == first, finding


NOT_FOR_PERSON = [
    # finding, answers, contacts the helper sees but the person does not take home
    ("N-M3", UNDOCUMENTED_POLICE, ["meld-misdaad-anoniem"]),
    ("N-m6", WOMAN_CUT_AS_CHILD, ["pharos"]),
    ("N-m6", VOLUNTEER, ["pharos"]),
    ("U6", ASYLUM_ADULT, ["politie"]),
]


@pytest.mark.parametrize(("finding", "answers", "contacts"), NOT_FOR_PERSON)
def test_some_contacts_are_for_the_helper_only(finding: str, answers: dict[str, str], contacts: list[str]) -> None:
    result = advice(answers)
    assert set(contacts) <= {c.contact.id for c in result.contacts}, finding
    assert not set(contacts) & {c.contact.id for c in result.person_contacts}, finding


ABSENT = [
    ("U6", ASYLUM_ADULT, ["nidos", "coa"]),
    ("N-M3", UNDOCUMENTED_NOT_SURE, ["meld-misdaad-anoniem"]),
    ("N-m6", {**CALM, "violence": "sexual", "timing": "earlier", "residence": "dependent_permit", "consent": "no"},
     ["ind"]),
]  # fmt: skip


@pytest.mark.parametrize(("finding", "answers", "contacts"), ABSENT)
def test_contacts_that_do_not_fit_are_left_out(finding: str, answers: dict[str, str], contacts: list[str]) -> None:
    assert not set(contacts) & {c.contact.id for c in advice(answers).contacts}, finding


# ---------- The format: what each step is, and where it goes (U3, N-C2) ----------


def test_every_step_in_this_part_says_what_it_is() -> None:
    raw = yaml.safe_load(SGGG.read_text(encoding="utf-8"))["blocks"]
    ids = [b["id"] for b in raw]
    part = raw[ids.index(FIRST_BLOCK) : ids.index(LAST_BLOCK) + 1]
    assert [(b["id"], s["id"]) for b in part for s in b.get("steps", []) if "kind" not in s] == []


GENERAL = ["talk-first", "talk-first-professional", "talk-next-steps", "interpreter-yes", "interpreter-no", "closing"]


@pytest.mark.parametrize("block_id", GENERAL)
def test_the_always_true_advice_is_general(block_id: str) -> None:
    assert next(b for b in sggg().blocks if b.id == block_id).general


KINDS = [
    # U3: the helper's own care and background facts are listed apart; what to say is marked as such
    ("helper-wellbeing", "care"),
    ("local-help", "know"),
    ("explain-confidentiality", "say"),
    ("explain-role", "know"),
    ("explain-next-steps", "know"),
    ("forced-marriage-law", "know"),
    ("honour-danger-grows", "know"),
    ("fgm-law", "know"),
    ("trafficking-signs", "know"),
    ("reflection-period", "know"),
    ("gza-free-care", "know"),
    ("right-to-care", "know"),
    ("police-own-choice", "know"),
    ("respect-no", "say"),
    ("honour-extra-secret", "act"),
]


@pytest.mark.parametrize(("step_id", "kind"), KINDS)
def test_each_step_is_listed_as_what_it_is(step_id: str, kind: str) -> None:
    kinds = {s.kind for b in sggg().blocks for s in b.steps if s.id == step_id}
    assert kinds == {kind}


CHOICE = [
    # N-C2, C6: every "the person decides" step is tagged, and its block is left out where safety or the meldcode
    # comes first
    ("respect-no", "no-help-now-respect"),
    ("door-open", "no-help-now-respect"),
    ("own-anonymous-advice", "no-help-now-respect"),
    ("anonymous-advice-call", "advice-only-anonymous"),
    ("door-open", "advice-only-anonymous"),
]


@pytest.mark.parametrize(("step_id", "block_id"), CHOICE)
def test_the_persons_choice_gives_way_to_safety_and_the_meldcode(step_id: str, block_id: str) -> None:
    block = next(b for b in sggg().blocks if b.id == block_id)
    assert next(s for s in block.steps if s.id == step_id).position == "choice"
    unless = {(t.question, t.options) for t in block.unless.terms} if block.unless else set()
    assert unless == {(t.question, t.options) for t in MELDCODE.terms}
    when = {t.question: set(t.options) for t in block.when.terms} if block.when else {}
    assert when["danger"] <= {"no", "unsure"} and when["children"] <= {"no", "unknown"}


ADVICE_FROM_VEILIG_THUIS = re.compile(r"Veilig Thuis om advies|advies aan Veilig Thuis|contact op met Veilig Thuis")


def test_veilig_thuis_is_asked_for_advice_only_where_it_is_never_a_report() -> None:
    """U5: one instruction about Veilig Thuis per route. A step that says "ask Veilig Thuis for advice" stands only in
    a block for a child that may be at risk (children: unknown), where Veilig Thuis is never a report; elsewhere the
    steps say "bel Veilig Thuis" and the contact line says whether it is advice or a report."""
    asking = [
        (block.id, step.id)
        for block in my_blocks()
        for step in block.steps
        if ADVICE_FROM_VEILIG_THUIS.search(" ".join(step.text["nl"].split()))
        and not (block.when and any(t.question == "children" and t.options == ("unknown",) for t in block.when.terms))
    ]
    assert asking == []


def honour_routes() -> list[dict[str, str]]:
    """Honour-related violence told to a volunteer, without acute danger, a child at risk or recent sexual violence."""
    routes = []
    for danger, timing, children, residence, consent in product(
        ("no", "unsure"),
        ("ongoing", "within_72_hours", "within_7_days", "earlier"),
        ("no", "unknown"),
        ("asylum_seeker", "status_holder", "dependent_permit", "undocumented", "other_permit", "unknown"),
        ("referral", "advice_only", "no"),
    ):
        routes.append({**CALM, "danger": danger, "violence": "honour", "timing": timing, "children": children,
                       "residence": residence, "consent": consent, "report": "no"})  # fmt: skip
    return routes


def test_do_not_mediate_is_among_the_first_five_steps_on_every_honour_route() -> None:
    """U3: the honour-specific warning is not hidden behind steps that are on every route."""
    late = [
        answers
        for answers in honour_routes()
        if "honour-extra-secret" not in [s.step.id for s in advice(answers).steps[:5]]
    ]
    assert late == []
