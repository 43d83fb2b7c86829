"""The formula of every route (``engine.symbolic``) against the explicit exploration (``engine.analysis`` with
``engine.endings``): the same verdicts and the same shortest route, on the mini and shipped pathways and on generated
ones (issue 24). The explicit exploration stays as this oracle, and to count routes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samen_refer.checks.invariants import invariant_problems
from samen_refer.checks.structure import structure_problems
from samen_refer.engine.analysis import count_routes, explore, flow_questions
from samen_refer.engine.counting import counted_routes as counted
from samen_refer.engine.endings import Endings, lowest
from samen_refer.engine.route import Answer, every_route
from samen_refer.engine.symbolic import Symbolic
from samen_refer.format.expectation import Expectation
from samen_refer.format.pathway import (
    Block,
    Condition,
    ContactUse,
    Invariant,
    Option,
    Pathway,
    Question,
    Rule,
    Step,
    Term,
)
from samen_refer.format.vocabulary import POSITIONS, ROLES, STEP_KINDS, URGENCIES
from tests.conftest import MINI, shipped_pathway
from tests.generated import adversarial_pathway

CONTACTS = ("politie-112", "veilig-thuis", "slachtofferhulp", "politie")
STEPS = ("s0", "s1", "s2", "s3")
LABEL = {"en": "x"}
Route = tuple[Answer, ...] | None
T = TypeVar("T")


def explicit(pathway: Pathway) -> dict[str, Any]:
    """Every verdict of the route checks, from the explored states: each with its shortest route (None: none)."""
    exploration = explore(pathway)
    endings = Endings(exploration)

    def first(mask: int) -> Route:
        return exploration.shortest_route(exploration.ends[lowest(mask)]) if mask else None

    misfits: dict[str, int] = {}
    for step, _, ends in endings.misfits:
        misfits[step] = misfits.get(step, 0) | ends
    conditional = {(q.id, o, i) for q, o, i, rule in _rules(pathway) if rule.when is not None}
    return {
        "asked": {state[0] for state in exploration.parents} & {q.id for q in pathway.questions},
        "rules": exploration.rules_used & conditional,
        "blocks": {b for b, mask in endings.blocks.items() if mask},
        "invariants": {
            i.id: first(endings.failing(i.expect) & endings.holds(i.when, True) & ~endings.holds(i.unless, False))
            for i in pathway.invariants
        },
        "meeting": first(endings.meeting()),
        "misfits": {step: first(ends) for step, ends in misfits.items()},
        "without": (first(endings.without_steps()), first(endings.without_contacts())),
    }


def symbolic(pathway: Pathway) -> dict[str, Any]:
    """The same verdicts, from the formula."""
    s = Symbolic(pathway)
    conditional = {(q.id, o, i) for q, o, i, rule in _rules(pathway) if rule.when is not None}
    misfits = {step: s.shortest(lit) for step, (_, lit) in s.facts.misfits.items()}
    possible = s.possible_each([*s.asked.values(), *s.taken.values(), *s.facts.blocks.values()])
    assert possible == {
        lit for lit in [*s.asked.values(), *s.taken.values(), *s.facts.blocks.values()] if s.possible(lit)
    }
    return {
        "asked": {q.id for q in pathway.questions if s.asked[q.id] in possible},
        "rules": {key for key in conditional if s.taken.get(key, s.FALSE) in possible},
        "blocks": {b for b, lit in s.facts.blocks.items() if lit in possible},
        "invariants": {i.id: s.shortest(s.scope(i.when, i.unless), s.failing(i.expect)) for i in pathway.invariants},
        "meeting": s.shortest(s.meeting()),
        "misfits": {step: route for step, route in misfits.items() if route is not None},
        "without": (s.shortest(s.without_steps()), s.shortest(s.without_contacts())),
    }


def _rules(pathway: Pathway) -> list[tuple[Question, str | None, int, Rule]]:
    return [
        (q, where, i, rule)
        for q in pathway.questions
        for where, rules in [(None, q.next), *((o.id, o.next) for o in q.options)]
        for i, rule in enumerate(rules or ())
    ]


@pytest.fixture(scope="module")
def sggg() -> Pathway:
    return shipped_pathway()


def test_the_mini_pathway_gets_the_same_verdicts(mini: Pathway) -> None:
    assert symbolic(mini) == explicit(mini)


@pytest.mark.xdist_group("every-route")
@pytest.mark.no_cover  # every state of the shipped pathway: coverage would double its time
def test_the_shipped_pathway_gets_the_same_verdicts(sggg: Pathway) -> None:
    found = symbolic(sggg)
    assert found == explicit(sggg)
    assert len(found["invariants"]) >= 50 and not any(found["invariants"].values())


# --- generated pathways --------------------------------------------------------------------------------------------


def _maybe(draw: st.DrawFn, strategy: st.SearchStrategy[T]) -> T | None:
    return draw(strategy) if draw(st.booleans()) else None


def _condition(draw: st.DrawFn, options: dict[str, tuple[str, ...]]) -> Condition:
    asked = draw(st.lists(st.sampled_from(sorted(options)), min_size=1, max_size=2, unique=True))
    return Condition(
        tuple(
            Term(q, tuple(draw(st.lists(st.sampled_from(options[q]), min_size=1, max_size=2, unique=True))))
            for q in asked
        )
    )


def _rules_to(draw: st.DrawFn, options: dict[str, tuple[str, ...]], later: list[str]) -> tuple[Rule, ...]:
    conditional = [
        Rule(draw(st.sampled_from(later)), _condition(draw, options)) for _ in range(draw(st.integers(0, 2)))
    ]
    if not conditional or draw(st.integers(0, 4)):  # mostly an unconditional rule last; else no rule may hold
        conditional.append(Rule(draw(st.sampled_from(later))))
    return tuple(conditional)


contacts = st.sampled_from(CONTACTS)
steps = st.sampled_from(STEPS)
roles = st.sampled_from(ROLES)
urgencies = st.sampled_from(URGENCIES)
# Every key an ``expect`` may have, each with the values a generated invariant draws from.
EXPECT_KEYS: dict[str, st.SearchStrategy[Any]] = {
    "urgency": st.lists(urgencies, min_size=1, max_size=2, unique=True).map(tuple),
    "first_contact": contacts,
    "contacts": st.lists(st.tuples(contacts, roles), min_size=1, max_size=2, unique_by=lambda p: p[0]).map(tuple),
    "absent": st.lists(contacts, min_size=1, max_size=2, unique=True).map(tuple),
    "roles_absent": st.lists(roles, min_size=1, max_size=2, unique=True).map(tuple),
    "steps": st.lists(steps, min_size=1, max_size=2, unique=True).map(tuple),
    "urgency_at_least": urgencies,
    "urgency_at_most": urgencies,
    "person_contacts": st.lists(contacts, min_size=1, max_size=2, unique=True).map(tuple),
    "person_absent": st.lists(contacts, min_size=1, max_size=2, unique=True).map(tuple),
    "steps_absent": st.lists(steps, min_size=1, max_size=2, unique=True).map(tuple),
    "first_step": steps,
}


def test_generated_invariants_use_every_key_an_expectation_has() -> None:
    """The formula encodes every key (``Symbolic.failing``): none falls back to exploring, so each is cross-checked."""
    assert sorted(EXPECT_KEYS) == sorted(f for f in Expectation._fields if f != "at")


@st.composite
def pathways(draw: st.DrawFn, directory: Any) -> Pathway:
    """A small pathway: skips, rules that look at answers given before (or not yet), blocks with ``when`` and
    ``unless``, shared steps, positions, and invariants with any keys."""
    count = draw(st.integers(2, 5))
    options = {f"q{i}": tuple(f"o{k}" for k in range(draw(st.integers(1, 3)))) for i in range(count)}
    questions = []
    for i, (qid, mine) in enumerate(options.items()):
        later = [*list(options)[i + 1 :], "end"]
        own = [_rules_to(draw, options, later) if draw(st.integers(0, 3)) == 0 else None for _ in mine]
        shared = _rules_to(draw, options, later) if None in own else None
        questions.append(
            Question(qid, LABEL, LABEL, tuple(Option(o, LABEL, r) for o, r in zip(mine, own, strict=True)), next=shared)
        )
    blocks = []
    for b in range(draw(st.integers(1, 5))):
        block_steps = tuple(
            Step(
                s,
                LABEL,
                kind=draw(st.sampled_from(STEP_KINDS)),
                position=_maybe(draw, st.sampled_from(POSITIONS)),
                contact=_maybe(draw, contacts),
            )
            for s in draw(st.lists(steps, max_size=2, unique=True))
        )
        uses = tuple(
            ContactUse(
                c, draw(roles), person=_maybe(draw, st.booleans()), position=_maybe(draw, st.sampled_from(POSITIONS))
            )
            for c in draw(st.lists(contacts, max_size=2, unique=True))
        )
        blocks.append(
            Block(
                f"b{b}",
                block_steps,
                uses,
                _condition(draw, options) if draw(st.integers(0, 3)) else None,
                _condition(draw, options) if draw(st.integers(0, 3)) == 0 else None,
                _maybe(draw, urgencies),
                general=draw(st.booleans()),
            )
        )
    invariants = []
    for n in range(draw(st.integers(1, 3))):
        keys = draw(st.lists(st.sampled_from(sorted(EXPECT_KEYS)), min_size=1, max_size=2, unique=True))
        expect = Expectation(**{key: draw(EXPECT_KEYS[key]) for key in keys})
        when = _condition(draw, options) if draw(st.booleans()) else None
        unless = _condition(draw, options) if draw(st.integers(0, 3)) == 0 else None
        invariants.append(Invariant(f"i{n}", LABEL, expect, when, unless))
    return Pathway(
        "generated",
        "1",
        LABEL,
        ("en",),
        "q0",
        tuple(questions),
        tuple(blocks),
        directory=directory,
        invariants=tuple(invariants),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_pathways_get_the_same_verdicts_and_shortest_routes(data: st.DataObject, mini: Pathway) -> None:
    pathway = data.draw(pathways(mini.directory))
    assert symbolic(pathway) == explicit(pathway)


# --- where exploring stops: 20 questions x 6 options, every answer changing the advice -----------------------------


def test_every_invariant_of_20_questions_of_6_options_gets_a_verdict(write: Callable[[str, str], Any]) -> None:
    """6**20 routes, each with its own advice, and rules that look at the answer before: far past any state budget.
    One invariant holds, one is made to fail: both decided, the failing one with the shortest route."""
    text = adversarial_pathway(20, 6, rules=True) + (
        "  - id: no-police-first\n"
        "    description: {nl: x, en: x}\n"
        "    when: {q3: [o2], q7: [o5]}\n"
        "    unless: {q0: [o0]}\n"
        "    expect: {first_contact: veilig-thuis}\n"
    )
    pathway = _loaded(write("adversarial.yaml", text))
    problems = invariant_problems(pathway)
    assert [p.message.split(":")[0] for p in problems] == ["invariant 'no-police-first' fails"]
    shown = dict(pair.split("=") for pair in problems[0].message.split("Shortest route: ")[1].split(", "))
    assert (len(shown), shown["q3"], shown["q7"]) == (20, "o2", "o5")
    assert shown["q0"] != "o0"
    assert structure_problems(pathway)[0] == []


def _loaded(path: Any) -> Pathway:
    from samen_refer.checks.load import load_pathway

    return load_pathway(path)


def test_mini_contacts_are_the_generated_ones(mini: Pathway) -> None:
    assert set(CONTACTS) <= set(mini.contacts)
    assert MINI.is_dir()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_pathways_count_the_same_routes(data: st.DataObject, mini: Pathway) -> None:
    pathway = data.draw(pathways(mini.directory))
    assert (
        counted(pathway) == count_routes(explore(pathway, flow_questions(pathway))) == len(list(every_route(pathway)))
    )


def test_an_answer_is_kept_while_a_rule_further_on_looks_at_it(mini: Pathway) -> None:
    """q2 goes on to q3 only when q0 was o0: q1, between them, looks at nothing, and must keep q0's answer."""
    two = (Option("o0", LABEL), Option("o1", LABEL))
    questions = (
        Question("q0", LABEL, LABEL, two, next=(Rule("q1"),)),
        Question("q1", LABEL, LABEL, two, next=(Rule("q2"),)),
        Question("q2", LABEL, LABEL, two, next=(Rule("q3", Condition((Term("q0", ("o0",)),))), Rule("end"))),
        Question("q3", LABEL, LABEL, two, next=(Rule("end"),)),
    )
    pathway = Pathway("kept", "1", LABEL, ("en",), "q0", questions, (), directory=mini.directory)
    assert counted(pathway) == 2 * 2 * 2 + 2 * 2 == len(list(every_route(pathway)))
