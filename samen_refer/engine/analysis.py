"""Every route of a pathway at once, without walking them one by one.

Routes that reach the same question with the same answers to the questions that conditions look at ("relevant"
answers) continue identically, so they share one *state*. Exploring states breadth-first finds every reachable
question, rule and block, the shortest route to each distinct outcome, and (by counting paths through the states)
the number of routes — even when there are billions.
"""

from __future__ import annotations

import operator
from collections import deque
from collections.abc import Callable, Collection, Iterator, Mapping
from typing import Final, NamedTuple

from samen_refer.engine.masks import set_bits
from samen_refer.engine.route import Answer
from samen_refer.format.pathway import Condition, Pathway, Rule
from samen_refer.format.source import paused_gc
from samen_refer.format.vocabulary import END
from samen_refer.problem import SamenReferError, Value, said

# The most states one exploration may visit. A state takes a few hundred bytes, so this bounds memory (~150 MB at
# most) and time (~2 s). sggg needs about 1,800; a pathway where the answers to many questions each change the
# advice (12 questions x 6 options: 2 billion combinations) needs more than any budget, and is stopped.
STATE_BUDGET: Final = 1_000_000
# The most routes ``routes`` lists and ``diff`` compares (sggg 1.2.0: 522,750). Counting them is cheap (see
# ``counting.total_routes``), so both stop before any work when a pathway has more.
ROUTE_BUDGET: Final = 1_000_000
# The answer a refined exploration (``Refinement``) does not tell apart: any option, or the question not asked. Not an
# id (ids start with a letter or digit), so no condition names it.
ANY: Final = "*"


class TooComplex(SamenReferError):
    """The answers that conditions look at combine into more states than the budget allows."""

    exit_code = 1

    def __init__(self, pathway: Pathway, questions: list[tuple[str, int]]) -> None:
        named = [said("{question} ({n} options)", question=q, n=n) for q, n in questions[:10]]
        listed: Value = named[-1] if named else ""
        for each in reversed(named[:-1]):
            listed = said("{first}, {rest}", first=each, rest=listed)
        more = (said(" and {n} more", n=len(questions) - 10),) if len(questions) > 10 else ()
        self.said = said(
            "pathway '{pathway}' is too complex to check every route: the answers to these questions together "
            "decide the advice or the route, in more than {budget} combinations: {named}{more}",
            pathway=pathway.id, budget=f"{STATE_BUDGET:,}", named=listed, more=more,
        )  # fmt: skip
        self.key, self.values = "too-complex", {"problem": self.said}
        super().__init__(*self.told("en"))
        self.questions = questions


class TooManyRoutes(SamenReferError):
    """More routes than ``routes`` lists or ``diff`` compares (``ROUTE_BUDGET``)."""

    exit_code = 1


Projection = tuple[str | None, ...]  # the relevant answers, in the order of ``Exploration.relevant``
State = tuple[str, Projection]  # the question to ask next (or END), and the relevant answers so far


class Exploration(NamedTuple):
    """What breadth-first exploration of a pathway's states found."""

    pathway: Pathway
    relevant: tuple[str, ...]
    start: State
    successors: dict[State, list[State]]  # one entry per option, so the count of routes is the count of paths
    parents: dict[State, tuple[State, Answer] | None]  # how each state was first (shortest) reached
    rules_used: set[tuple[str, str | None, int]]  # (question, option or None for the question's own, rule index)
    ends: list[State]  # end states in breadth-first order: shortest routes first

    def answers(self, state: State) -> dict[str, str]:
        """The relevant answers of a state that it tells apart, as a mapping."""
        return {q: o for q, o in zip(self.relevant, state[1], strict=True) if o is not None and o != ANY}

    def shortest_route(self, state: State) -> tuple[Answer, ...]:
        """The answers of the shortest route that reaches this state."""
        route: list[Answer] = []
        link = self.parents[state]
        while link is not None:
            state, answer = link
            route.append(answer)
            link = self.parents[state]
        return tuple(reversed(route))


def _conditions(pathway: Pathway) -> Iterator[Condition]:
    for question in pathway.questions:
        for rules in (question.next, *(o.next for o in question.options)):
            yield from (rule.when for rule in rules or () if rule.when is not None)
    for block in pathway.blocks:
        yield from (c for c in (block.when, block.unless) if c is not None)
    for invariant in pathway.invariants:
        yield from (c for c in (invariant.when, invariant.unless) if c is not None)


def relevant_questions(pathway: Pathway) -> tuple[str, ...]:
    """Questions whose answers some condition looks at, in pathway order."""
    named = {term.question for condition in _conditions(pathway) for term in condition.terms}
    return tuple(q.id for q in pathway.questions if q.id in named)


def flow_questions(pathway: Pathway) -> tuple[str, ...]:
    """Questions whose answers a ``next`` rule looks at: all that decides which questions are asked, so exploring
    with only these finds every route (to count them) and every question and rule used, whatever the blocks say."""
    named = {
        term.question
        for question in pathway.questions
        for rules in (question.next, *(o.next for o in question.options))
        for rule in rules or ()
        if rule.when is not None
        for term in rule.when.terms
    }
    return tuple(q.id for q in pathway.questions if q.id in named)


def _targets(pathway: Pathway, qid: str) -> list[str]:
    question = pathway.question(qid)
    if question is None:
        return []
    rules = [*(question.next or ()), *(r for o in question.options for r in o.next or ())]
    return [t for t in dict.fromkeys(r.to for r in rules) if t != END and pathway.question(t) is not None]


def find_cycle(pathway: Pathway) -> list[str] | None:
    """A loop of questions (ignoring conditions), or None. A pathway with a loop cannot be explored."""
    done: set[str] = set()
    for root in (q.id for q in pathway.questions):
        if root in done:
            continue
        path = [root]
        on_path = {root}
        stack = [iter(_targets(pathway, root))]
        while stack:
            target = next(stack[-1], None)
            if target is None:
                done.add(path[-1])
                on_path.discard(path.pop())
                stack.pop()
            elif target in on_path:
                return [*path[path.index(target) :], target]
            elif target not in done:
                path.append(target)
                on_path.add(target)
                stack.append(iter(_targets(pathway, target)))
    return None


class Refinement(NamedTuple):
    """Where an exploration tells routes apart by more answers than a ``coarse`` one of the same pathway: only on the
    routes to its ends in ``region`` (a bit mask over ``coarse.ends``). On every other route the answers to the
    questions only the finer exploration has are ``ANY``, so its ends there are the coarse ones (``diff``: a contact
    that may move among others needs more answers told apart, but only where it may move)."""

    coarse: Exploration
    region: int


def explore(
    pathway: Pathway,
    relevant: tuple[str, ...] | None = None,
    budget: int = STATE_BUDGET,
    within: Refinement | None = None,
) -> Exploration:
    """Explore every state reachable from the start, telling states apart by the answers to ``relevant`` questions
    (default: all that any condition looks at), those the ``within`` refinement's coarse exploration does not look
    at only in its region. The pathway must have no loops (see ``find_cycle``). Raises ``TooComplex`` past ``budget``
    states, before memory or time run away."""
    relevant = relevant_questions(pathway) if relevant is None else relevant
    with paused_gc():
        return _explore(pathway, relevant, budget, None if within is None else _blur(relevant, within))


class _Blur(NamedTuple):
    """A refinement worked out for one exploration: the slots of the finer answers, and the coarse states (question,
    coarse answers) from which a route leads to the region."""

    finer: frozenset[int]
    coarse_answers: Callable[[Projection], object]  # a projection's coarse answers, as ``leads`` holds them
    leads: set[tuple[str, object]]

    def blurred(self, state: State) -> State:
        """The state as the refined exploration keeps it: unchanged where its coarse answers lead to the region, else
        with every finer answer ``ANY`` (see ``Refinement``)."""
        qid, projection = state
        if (qid, self.coarse_answers(projection)) in self.leads:
            return state
        return qid, tuple(ANY if i in self.finer else o for i, o in enumerate(projection))


def _blur(relevant: tuple[str, ...], within: Refinement) -> _Blur | None:
    """The refinement of an exploration by ``relevant`` (which has every question the coarse one has); None when there
    is nothing finer to tell apart."""
    coarse = within.coarse
    slot = {q: i for i, q in enumerate(relevant)}
    finer = frozenset(i for i, q in enumerate(relevant) if q not in coarse.relevant)
    if not finer:
        return None
    keep = [slot[q] for q in coarse.relevant]
    leads = _leading(coarse, {coarse.ends[i] for i in set_bits(within.region)})
    pick = operator.itemgetter(*keep) if keep else (lambda _: ())
    # the coarse projections as ``pick`` returns them (a single answer is not a tuple)
    lead_keys: set[tuple[str, object]] = {(qid, p[0] if len(keep) == 1 else p) for qid, p in leads}
    return _Blur(finer, pick, lead_keys)


def _explore(pathway: Pathway, relevant: tuple[str, ...], budget: int, blur: _Blur | None = None) -> Exploration:
    slot = {q: i for i, q in enumerate(relevant)}
    start: State = (pathway.start, (None,) * len(relevant))
    if blur is not None:
        start = blur.blurred(start)
    finer = blur.finer if blur is not None else frozenset()
    any_slot = min(finer, default=-1)  # a state outside the region has ANY there
    successors: dict[State, list[State]] = {}
    parents: dict[State, tuple[State, Answer] | None] = {start: None}
    rules_used: set[tuple[str, str | None, int]] = set()
    ends: list[State] = []
    queue = deque([start])
    # What each question's options do, worked out once per question (a pathway's hundreds of thousands of states
    # ask the same few dozen questions): the answer, and where it leads when no condition decides.
    plans: dict[str, tuple[int | None, list[tuple[str, Answer, str | None, tuple[Rule, ...], str | None]]]] = {}
    while queue:
        state = queue.popleft()
        qid, projection = state
        if qid == END:
            ends.append(state)
            continue
        plan = plans.get(qid)
        if plan is None:
            question = pathway.question(qid)
            if question is None:
                continue
            options = []
            for option in question.options:
                rules = option.next or question.next or ()
                fixed = rules[0].to if rules and rules[0].when is None else None
                where = option.id if option.next else None
                if fixed is not None:
                    rules_used.add((qid, where, 0))
                options.append((option.id, Answer(qid, option.id), fixed, rules, where))
            plan = plans[qid] = (slot.get(qid), options)
        at, options = plan
        nexts: list[State] = []
        # a state outside a refinement's region leads only to others outside it, which tell no finer answer apart
        outside = any_slot >= 0 and projection[any_slot] == ANY
        if outside and at in finer:
            at = None
        for option_id, answer, fixed, rules, where in options:
            answered = projection if at is None else (*projection[:at], option_id, *projection[at + 1 :])
            if fixed is not None:  # the common case: no condition to look at
                target = fixed
            else:
                answers = {q: o for q, o in zip(relevant, answered, strict=True) if o is not None}
                index = next((i for i, r in enumerate(rules) if r.when is None or r.when.holds(answers)), -1)
                target = rules[index].to if index >= 0 else END
                rules_used.add((qid, where, index))
            following: State = (target, answered)
            if blur is not None and not outside:
                following = blur.blurred(following)
            nexts.append(following)
            if following not in parents:
                parents[following] = (state, answer)
                queue.append(following)
                if len(parents) > budget:
                    raise TooComplex(pathway, _exploding(pathway, relevant, answered))
        successors[state] = nexts
    return Exploration(pathway, relevant, start, successors, parents, rules_used, ends)


def count_routes(exploration: Exploration) -> int:
    """How many different routes (complete sets of answers) the pathway has."""
    counts: dict[State, int] = {}
    stack: list[State] = [exploration.start]
    while stack:
        state = stack[-1]
        if state in counts:
            stack.pop()
            continue
        if state[0] == END:
            counts[state] = 1
            stack.pop()
            continue
        waiting = [s for s in exploration.successors.get(state, ()) if s not in counts]
        if waiting:
            stack.extend(waiting)
            continue
        counts[state] = sum(counts[s] for s in exploration.successors.get(state, ()))
        stack.pop()
    return counts[exploration.start]


def _topological(exploration: Exploration) -> list[State]:
    """The states reachable from the start, each after every state that leads to it: ordered by their question, in
    an order of the questions where every rule leads further on (the breadth-first order is not one when routes of
    different lengths meet). Sorting by question is much faster than ordering a million links one by one."""
    rank = _question_ranks(exploration.pathway)
    last = len(rank)
    return sorted(exploration.parents, key=lambda state: rank.get(state[0], last))


def _question_ranks(pathway: Pathway) -> dict[str, int]:
    """Each question's place in an order where every rule leads to a later question (the pathway has no loops)."""
    finished: list[str] = []
    seen: set[str] = set()
    for root in (q.id for q in pathway.questions):
        if root in seen:
            continue
        seen.add(root)
        stack = [(root, iter(_targets(pathway, root)))]
        while stack:
            qid, targets = stack[-1]
            following = next((t for t in targets if t not in seen), None)
            if following is None:
                finished.append(qid)
                stack.pop()
            else:
                seen.add(following)
                stack.append((following, iter(_targets(pathway, following))))
    return {qid: i for i, qid in enumerate(reversed(finished))}


def routes_per_end(exploration: Exploration) -> list[int]:
    """How many routes reach each end state (in the order of ``Exploration.ends``): an end stands for every route
    that agrees on the relevant answers."""
    ways = {exploration.start: 1}
    for state in _topological(exploration):
        here = ways[state]
        for following in exploration.successors.get(state, ()):
            ways[following] = ways.get(following, 0) + here
    return [ways[end] for end in exploration.ends]


def routes_through(exploration: Exploration, ends: Collection[int]) -> Iterator[tuple[Answer, ...]]:
    """Every route that reaches one of these end states (indices in ``Exploration.ends``), in option order, one at a
    time; states that lead to none of them are not walked."""
    leads = _leading(exploration, {exploration.ends[i] for i in ends})
    pathway = exploration.pathway
    stack: list[tuple[State, tuple[Answer, ...]]] = [(exploration.start, ())] if exploration.start in leads else []
    while stack:
        state, route = stack.pop()
        if state[0] == END:
            yield route
            continue
        question = pathway.question(state[0])
        assert question is not None
        pairs = zip(question.options, exploration.successors.get(state, ()), strict=True)
        for option, following in reversed(list(pairs)):
            if following in leads:
                stack.append((following, (*route, Answer(question.id, option.id))))


def _leading(exploration: Exploration, targets: Collection[State]) -> set[State]:
    """The states from which some route reaches one of the ``targets``, the targets too."""
    leads: set[State] = set()
    for state in reversed(_topological(exploration)):
        if state in targets or any(s in leads for s in exploration.successors.get(state, ())):
            leads.add(state)
    return leads


def _exploding(pathway: Pathway, relevant: tuple[str, ...], projection: Projection) -> list[tuple[str, int]]:
    """The questions answered on the route where the budget ran out, with their number of options: their answers
    multiply into the states."""
    out = []
    for qid, option in zip(relevant, projection, strict=True):
        question = pathway.question(qid)
        if option is not None and question is not None and len(question.options) > 1:
            out.append((qid, len(question.options)))
    return out


def answered_mapping(route: tuple[Answer, ...]) -> Mapping[str, str]:
    """A route's answers as question id to option id."""
    return {a.question: a.option for a in route}
