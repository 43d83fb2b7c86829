"""The safety rules of the content review of 2026-12-05 (the danger, not-safe, children, sexual-violence and meldcode
blocks of sggg): each flaw the review found, put back into the shipped pathway, is caught by the invariant written for
it (so every route is checked, not only examples); and a few routes said directly, as a key person would walk them."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import pytest
import yaml

from samen_refer.checks.invariants import invariant_problems
from samen_refer.checks.positions import position_problems
from samen_refer.checks.structure import structure_problems
from samen_refer.engine.route import Outcome, follow, new_interrupts
from samen_refer.format.language import pick
from samen_refer.format.pathway import Block, Condition, ContactUse, Pathway, Term
from tests.conftest import REPO, shipped_pathway

PATHWAYS = REPO / "pathways"
FIRST_BLOCK, AFTER_LAST_BLOCK = "acute-danger", "talk-first"  # the blocks this file is about: safety to the meldcode
MELDCODE = ("meldcode-steps", "meldcode-norm", "meldcode-duty-report")
SAFE_PRO = {"safe_to_talk": "yes", "danger": "no", "helper": "professional"}
SAFE_VOLUNTEER = {"safe_to_talk": "yes", "danger": "no", "helper": "volunteer"}
THEN = {"where": "netherlands", "children": "no", "residence": "other_permit", "consent": "no", "interpreter": "no"}


def outcome(**answers: str) -> Outcome:
    route = follow(shipped_pathway(), answers)
    assert route.outcome is not None, f"the route stops at '{route.next_question and route.next_question.id}'"
    return route.outcome


def steps(o: Outcome) -> list[str]:
    return [s.step.id for s in o.steps]


def shown(o: Outcome) -> set[str]:
    return {s.step.id for s in (*o.steps, *o.background, *o.care)}


def roles(o: Outcome) -> dict[str, str]:
    return {c.contact.id: c.role for c in o.contacts}


def block(pathway: Pathway, block_id: str) -> Block:
    return next(b for b in pathway.blocks if b.id == block_id)


def when(**terms: list[str]) -> Condition:
    return Condition(tuple(Term(q, tuple(options)) for q, options in terms.items()))


# --- every route: the invariants hold, and each catches the flaw it was written for --------------------------------


def with_blocks(pathway: Pathway, blocks: list[Block]) -> Pathway:
    p = pathway
    return Pathway(
        p.id, p.version, p.title, p.languages, p.start, p.questions, tuple(blocks), p.description, p.reminder,
        p.contacts_file, p.path, p.directory, p.invariants,
    )  # fmt: skip


def changed(block_id: str, **changes: Any) -> Callable[[Pathway], Pathway]:
    return lambda p: with_blocks(p, [b._replace(**changes) if b.id == block_id else b for b in p.blocks])


def moved_before(block_id: str, before: str) -> Callable[[Pathway], Pathway]:
    def move(p: Pathway) -> Pathway:
        moving = block(p, block_id)
        rest = [b for b in p.blocks if b.id != block_id]
        at = next(i for i, b in enumerate(rest) if b.id == before)
        return with_blocks(p, [*rest[:at], moving, *rest[at:]])

    return move


def without(block_id: str) -> Callable[[Pathway], Pathway]:
    return lambda p: with_blocks(p, [b for b in p.blocks if b.id != block_id])


@cache
def failing(pathway: Pathway) -> frozenset[str]:
    """The ids of the invariants that fail on some route, and 'position-*' for positions that meet or misfit."""
    structure, explored = structure_problems(pathway)
    assert explored is not None, structure
    found = {p.message.split("'")[1] for p in invariant_problems(pathway, explored)}
    return frozenset(found | {p.check for p in position_problems(pathway, explored)})


def test_the_shipped_pathway_keeps_every_safety_rule_and_no_positions_meet() -> None:
    assert failing(shipped_pathway()) == frozenset()


@pytest.mark.parametrize(
    ("finding", "flaw", "caught_by"),
    [
        ("N-M2", moved_before("meldcode-report", "sexual-72h"), "csg-call-now-first"),
        ("N-M2", moved_before("danger-unsure-home", "sexual-72h"), "csg-call-now-first-other-forms"),
        ("N-m1", changed("recent-sexual-days", when=when(violence=["sexual"], timing=["within_72_hours", "within_7_days"])), "call-now-not-today"),
        ("N-C2", changed("meldcode-report", contacts=(ContactUse("veilig-thuis", "advice"),)), "meldcode-report-duty"),
        ("N-C2", changed("meldcode-report", steps=()), "meldcode-report-duty"),
        ("N-M1", changed("meldcode", when=when(helper=["professional"])), "meldcode-only-in-scope"),
        ("N-M1", without("meldcode-out-of-scope"), "meldcode-out-of-scope-said"),
        ("N-M1", changed("meldcode-not-safe", when=None), "meldcode-not-for-volunteers"),
        ("N-M4", changed("children-at-risk", unless=None), "not-safe-to-talk-no-conversation"),
        ("N-M4", changed("children-unknown", unless=None), "not-safe-to-talk-no-conversation"),
        ("N-M4", changed("self-harm", unless=None), "not-safe-to-talk-no-conversation"),
        ("N-M4", without("children-at-risk-not-safe"), "not-safe-children-out-of-hearing"),
        ("N-M8", changed("recent-violence-not-sexual", urgency=None), "recent-violence-not-routine"),
        ("N-M8", without("recent-violence-not-sexual"), "recent-violence-injuries"),
    ],
)  # fmt: skip
def test_the_flaw_put_back_is_caught_on_every_route(
    finding: str, flaw: Callable[[Pathway], Pathway], caught_by: str
) -> None:
    assert caught_by in failing(flaw(shipped_pathway())), finding


def test_a_respect_the_no_on_a_meldcode_report_route_is_a_position_meeting() -> None:
    """N-C2: where a professional must report, "the person decides" cannot stand beside it (position-meet)."""
    pathway = shipped_pathway()
    out_of_scope = block(pathway, "meldcode-out-of-scope")
    flaw = with_blocks(pathway, [*pathway.blocks, out_of_scope._replace(id="x", when=when(household=["yes"]))])
    assert "position-meet" in failing(flaw)


# --- routes, as a key person or a professional walks them --------------------------------------------------------------


@pytest.mark.parametrize("safe", ["yes", "no"])
@pytest.mark.parametrize("danger", ["yes", "self", "both"])
def test_112_on_the_safety_screen_means_call_in_acute_danger(safe: str, danger: str) -> None:
    """N-C1: no 112 note on the safety screen says "only when life is in danger" (with danger from another person
    too, the self-harm note may win); the self-harm screen names the GZA Praktijklijn with its number (N-m2)."""
    pathway = shipped_pathway()
    screen = new_interrupts(pathway, {"safe_to_talk": safe}, {"safe_to_talk": safe, "danger": danger})
    notes = [pick(u.note, "nl") for b in screen for u in b.contacts if u.contact == "politie-112" and u.note]
    assert notes and all("acuut gevaar" in n.lower() for n in notes), notes
    assert not any("alleen" in n.lower() for n in notes), notes
    assert ("gza" in {u.contact for b in screen for u in b.contacts}) == (danger != "yes")
    assert pathway.contacts["gza"].phone


@pytest.mark.parametrize("consent", ["referral", "advice_only", "no"])
@pytest.mark.parametrize("timing", ["ongoing", "within_72_hours", "within_7_days"])
def test_a_professional_reports_partner_violence_that_goes_on_whatever_the_person_chose(
    consent: str, timing: str
) -> None:
    """N-C2: Veilig Thuis is a report out of duty, with the step that a 'no' is a reason to report."""
    answers = {**SAFE_PRO, "violence": "domestic", "household": "yes", "timing": timing, "recent_assault": "no"}
    o = outcome(**{**answers, **THEN, "consent": consent, **({"report": "no"} if consent == "referral" else {})})
    vt = next(c for c in o.contacts if c.contact.id == "veilig-thuis")
    assert (vt.role, vt.position) == ("report", "duty")
    assert {"meldcode-duty-report", "meldcode-norm"} <= shown(o)
    assert "meldcode-steps" not in shown(o)  # one step to do: report (U3); the weighing is done
    duty = next(s.step for s in o.steps if s.step.id == "meldcode-duty-report")
    assert (duty.position, duty.contact) == ("duty", "veilig-thuis")
    assert "reden om te melden, niet om af te sluiten" in pick(duty.text, "nl")


@pytest.mark.parametrize(
    ("violence", "household", "children", "meldcode", "scope_said"),
    [
        ("sexual", "no", "no", False, True),  # a stranger raped an adult: the person decides
        ("trafficking", "no", "unknown", False, True),
        ("sexual", "yes", "no", True, False),  # by her partner: domestic violence too
        ("sexual", "no", "yes", True, False),  # a child at risk: child abuse
        ("other", "unsure", "no", False, False),  # not known: ask (meldcode-check-scope)
    ],
)
def test_the_meldcode_only_where_it_applies(
    violence: str, household: str, children: str, meldcode: bool, scope_said: bool
) -> None:
    """N-M1: the meldcode is about violence by the household circle and about child abuse."""
    answers = {**SAFE_PRO, "violence": violence, "household": household, "timing": "earlier", "where": "netherlands"}
    o = outcome(**{**THEN, **answers, "children": children})
    assert ("meldcode-steps" in shown(o)) == meldcode
    assert ("meldcode-not-applicable" in shown(o)) == scope_said
    assert ("meldcode-check-scope" in shown(o)) == (household == "unsure")
    assert "meldcode-duty-report" not in shown(o)  # longer ago: weigh, no duty by itself


@pytest.mark.parametrize(
    "answers",
    [
        {**SAFE_PRO, "violence": "sexual", "household": "yes", "timing": "within_72_hours"},
        {**SAFE_PRO, "violence": "sexual", "household": "yes", "timing": "within_72_hours", "danger": "unsure"},
        {**SAFE_PRO, "violence": "domestic", "household": "yes", "timing": "ongoing", "recent_assault": "yes_72_hours"},
        {**SAFE_VOLUNTEER, "violence": "sexual", "timing": "within_72_hours", "children": "yes"},
    ],
)
def test_call_the_csg_now_is_the_first_step_and_says_it_once(answers: dict[str, str]) -> None:
    """N-M2, N-m1, U3: "Bel nu het CSG" first, before the meldcode, a doubt about danger or the children; one
    message about time, and PEP and the morning-after pill as background."""
    o = outcome(**{**THEN, **answers})
    assert steps(o)[0] == "csg-call-now" and o.urgency == "emergency"
    assert "csg-time-critical" not in shown(o)
    assert "hiv-pep-72h" in {s.step.id for s in o.background}
    again = [s.step.id for s in o.steps[1:] if {"PEP", "morning-afterpil"} & set(pick(s.step.text, "nl").split())]
    assert again == []  # one message: the call now says why; the details are background


def test_maybe_recent_sexual_violence_says_call_now_if_less_than_3_days() -> None:
    """N-m1: "was it less than 3 days ago? then call now", and the not-safe advice: a safe moment, preferably today."""
    pathway = shipped_pathway()
    assert "bel nu" in pick(block(pathway, "recent-sexual-maybe").steps[0].text, "nl")
    not_safe = next(s for s in block(pathway, "not-safe-now").steps if s.id == "recent-sexual-not-safe")
    assert "liefst vandaag" in pick(not_safe.text, "nl") and "binnen een dag" not in pick(not_safe.text, "nl")


@pytest.mark.parametrize("danger", ["no", "yes", "self", "both"])
@pytest.mark.parametrize("children", ["yes", "unknown"])
def test_not_safe_to_talk_gives_no_words_to_say_aloud(danger: str, children: str) -> None:
    """N-M4: when someone may listen, nothing about the children (or suicide) is said aloud; the helper calls Veilig
    Thuis out of hearing, and the Kindertelefoon is for the helper only."""
    o = outcome(safe_to_talk="no", danger=danger, helper="volunteer", children=children)
    loud = [s.step.id for s in o.steps if s.step.kind == "say" or (s.step.say and s.step.id != "find-safe-moment")]
    assert loud == []
    assert not {"child-safety-first", "check-children", "ask-about-suicide"} & shown(o)
    assert "kindertelefoon" not in {c.contact.id for c in o.person_contacts}
    if children == "yes":
        assert "child-safety-out-of-hearing" in steps(o) and roles(o)["veilig-thuis"] == "report"


@pytest.mark.parametrize("violence", ["sogiesc", "other", "trafficking"])
@pytest.mark.parametrize("timing", ["within_72_hours", "within_7_days"])
def test_recent_violence_is_never_no_rush_and_injuries_are_seen(violence: str, timing: str) -> None:
    """N-M8: an LGBTIQ+ asylum seeker beaten two days ago is not "Geen haast"."""
    o = outcome(**{**SAFE_VOLUNTEER, "violence": violence, "timing": timing, "recent_assault": "no", **THEN})
    assert o.urgency != "routine"
    assert "injuries-seen" in steps(o)


def test_one_way_to_say_veilig_thuis_about_a_child() -> None:
    """U5: "Bel Veilig Thuis over de veiligheid van het kind", and the tip at the question does not say "advice"."""
    pathway = shipped_pathway()
    first = block(pathway, "children-at-risk").steps[0]
    assert (first.id, first.kind, first.position, first.contact) == (
        "child-safety-first",
        "act",
        "safety",
        "veilig-thuis",
    )
    assert "Bel Veilig Thuis over de veiligheid van het kind" in pick(first.text, "nl")
    question = pathway.question("children")
    assert question is not None and question.help is not None
    assert "vraag ik advies" not in pick(question.help, "nl")


# --- the questions -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "asked"),
    [
        ({**SAFE_PRO, "violence": "sexual"}, "household"),
        ({**SAFE_PRO, "violence": "domestic"}, "household"),
        ({**SAFE_PRO, "violence": "fgm"}, "timing"),
        ({**SAFE_VOLUNTEER, "violence": "domestic"}, "timing"),
        ({"safe_to_talk": "no", "danger": "no", "helper": "professional"}, "children"),
    ],
)
def test_the_household_question_is_only_for_professionals_who_can_talk(answers: dict[str, str], asked: str) -> None:
    route = follow(shipped_pathway(), answers)
    assert route.next_question is not None and route.next_question.id == asked


def test_the_time_options_do_not_overlap() -> None:
    """U16: "Minder dan 3 dagen geleden" and "3 tot 7 dagen geleden", with the ids kept; and s01 is not on the line."""
    pathway = shipped_pathway()
    for question_id, short, week in (
        ("timing", "within_72_hours", "within_7_days"),
        ("recent_assault", "yes_72_hours", "yes"),
    ):
        question = pathway.question(question_id)
        assert question is not None
        labels = {o.id: pick(o.label, "nl") for o in question.options}
        assert "minder dan 3 dagen geleden" in labels[short].lower() and "3 tot 7 dagen geleden" in labels[week]
        assert "afgelopen 3 dagen" not in labels[short]
    s01 = yaml.safe_load((PATHWAYS / "scenarios" / "s01-recent-assault-azc.yaml").read_text(encoding="utf-8"))
    assert "drie dagen" not in s01["vignette"]["nl"] and s01["answers"]["timing"] == "within_7_days"  # fmt: skip


@pytest.mark.parametrize(
    ("question_id", "text"),
    [
        ("safe_to_talk", "Kunnen jullie nu praten zonder dat iemand meeluistert of meeleest?"),
        ("helper", "Hoe help jij? Als vrijwilliger (sleutelpersoon), of in je werk, met de meldcode?"),
        ("residence", "Welke verblijfspapieren heeft de persoon?"),
        ("household", "Is de pleger een partner, ex-partner, familielid of huisgenoot?"),
    ],
)
def test_questions_in_plain_dutch(question_id: str, text: str) -> None:
    question = shipped_pathway().question(question_id)
    assert question is not None and pick(question.text, "nl") == text


def test_the_helper_question_says_why_in_the_third_person_and_names_justice() -> None:
    question = shipped_pathway().question("helper")
    assert question is not None and question.help is not None
    assert (
        pick(question.why, "nl")
        == "Een professional heeft andere regels dan een vrijwilliger. Daarom vraagt de gids dit."
    )
    assert "justitie" in pick(question.help, "nl")


# --- the format: every step says what it is ---------------------------------------------------------------------------


@cache
def raw_blocks() -> list[dict[str, Any]]:
    """The blocks as written (a step without ``kind`` is read as ``act``: only the file shows it was not said)."""
    blocks: list[dict[str, Any]] = yaml.safe_load((PATHWAYS / "sggg.yaml").read_text(encoding="utf-8"))["blocks"]
    ids = [b["id"] for b in blocks]
    return blocks[ids.index(FIRST_BLOCK) : ids.index(AFTER_LAST_BLOCK)]


def test_every_step_in_the_safety_and_meldcode_blocks_says_its_kind() -> None:
    untagged = [s["id"] for b in raw_blocks() for s in b.get("steps", []) if "kind" not in s]
    assert untagged == []


def test_the_meldcode_blocks_come_after_the_sexual_violence_blocks() -> None:
    """N-M2: the order in the file (steps are shown in block order) puts the CSG before the meldcode."""
    ids = [b["id"] for b in raw_blocks()]
    assert max(ids.index(b) for b in ids if str(b).startswith("recent-sexual")) < min(
        ids.index(b) for b in ids if str(b).startswith("meldcode")
    )
    assert ids.index("sexual-72h") < ids.index("danger-unsure") < ids.index("children-at-risk")


def test_a_step_that_names_a_contact_takes_a_position_about_it() -> None:
    pathway = shipped_pathway()
    ids = {str(r["id"]) for r in raw_blocks()}
    mine = [b for b in pathway.blocks if b.id in ids]
    assert mine and all(s.position for b in mine for s in b.steps if s.contact)


def test_the_facts_in_these_blocks_are_in_the_facts_file() -> None:
    """Numbers said in the steps are the contacts' own (facts file): 0800-0188 (CSG), 0800-2000 (Veilig Thuis)."""
    pathway = shipped_pathway()
    phones = {c.phone for c in pathway.contacts.values() if c.phone}
    numbers = ("0800-0188", "0800-2000", "088-1122112", "112", "113")
    said = {n for b in raw_blocks() for s in b.get("steps", []) for n in numbers if n in str(s)}
    assert {"0800-0188", "0800-2000"} <= said <= phones
