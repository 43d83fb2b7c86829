"""Every route of a pathway as one Boolean formula, decided by a SAT solver instead of walked.

One variable per (question, option): the answer given. ``asked(q)`` follows from the flow, question by question in
an order where every rule leads further on (the pathway has no loops): the start is asked, and another question is
asked when an asked question's chosen option selects a rule that leads to it (the first rule whose ``when`` holds on
the answers given so far). An asked question has exactly one option; a question not asked has none. So every model
of the formula is exactly one route, and every route one model.

On top of that, the facts ``engine.endings`` computes as bitsets over explored end states, as literals: a block
applies, a contact has exactly this role, comes first, a step is shown or comes first, the urgency, the handout, the
positions taken. "Is there a route where X?" is one call to the solver, and it never needs more states than the
formula has variables: a pathway where 20 questions of 6 options each change the advice (6**20 routes) is decided in
seconds, where exploring states stops at ``analysis.STATE_BUDGET``.

The route ``shortest`` gives is the one the explicit exploration shows: the fewest answers, and among those the first
in option order (breadth-first exploration finds it first). The solver (``python-sat``, CaDiCaL) is imported only
when a ``Symbolic`` is made: the commands that do not check routes never load it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from samen_refer.engine.route import GENERAL, SITUATION, Answer, leads_to, place
from samen_refer.format.expectation import Expectation
from samen_refer.format.pathway import Condition, Pathway, Question
from samen_refer.format.vocabulary import END, POSITION_ROLES, POSITIONS, ROLES, URGENCIES, Position, Role, Urgency

if TYPE_CHECKING:
    from samen_refer.format.pathway import Block

SOLVER = "cadical195"


class Facts:
    """What the advice of a route contains, each fact a literal of the formula (as ``endings.Endings``, bit by bit)."""

    def __init__(self) -> None:
        self.blocks: dict[str, int] = {}
        self.steps: dict[str, int] = {}
        self.roles: dict[tuple[str, str], int] = {}  # the contact's role in the outcome is exactly this one
        self.present: dict[str, int] = {}
        self.person: dict[str, int] = {}
        self.urgency: dict[Urgency, int] = {}
        self.first: dict[str, int] = {}
        self.first_step: dict[str, int] = {}
        self.positions: dict[Position, int] = {}
        self.misfits: dict[str, tuple[str, int]] = {}  # step -> (the contact, where its role does not fit)


class Symbolic:
    """The routes of a pathway without loops (``analysis.find_cycle``), as a formula with a solver ready to answer."""

    def __init__(self, pathway: Pathway) -> None:
        from pysat.solvers import Solver

        self.pathway = pathway
        self._top = 1
        self._clauses: list[list[int]] = [[1]]  # variable 1 is true
        self._gates: dict[tuple[str, tuple[int, ...]], int] = {}
        self.rank = _ranks(pathway)
        self.options: dict[tuple[str, str], int] = {}
        self.asked: dict[str, int] = {}
        # where each ``next`` rule is taken: (question, option or None for the question's own rules, rule index)
        self.taken: dict[tuple[str, str | None, int], int] = {}
        self._encode_flow()
        self._solver: Any = Solver(name=SOLVER)
        self._sent = 0
        self._length: tuple[int, list[int], Any] | None = None  # always asked, the others, their totalizer
        self._facts: Facts | None = None

    # --- the formula ---------------------------------------------------------------------------------------------

    TRUE = 1
    FALSE = -1

    def _new(self) -> int:
        self._top += 1
        return self._top

    def all_of(self, lits: Iterable[int]) -> int:
        """A literal true exactly when every one of ``lits`` is (true for none)."""
        kept = sorted({lit for lit in lits if lit != self.TRUE})
        if self.FALSE in kept or any(-lit in kept for lit in kept if lit > 0):
            return self.FALSE
        if not kept:
            return self.TRUE
        if len(kept) == 1:
            return kept[0]
        key = ("and", tuple(kept))
        out = self._gates.get(key)
        if out is None:
            out = self._gates[key] = self._new()
            self._clauses += [[-out, lit] for lit in kept]
            self._clauses.append([out, *(-lit for lit in kept)])
        return out

    def any_of(self, lits: Iterable[int]) -> int:
        """A literal true exactly when some one of ``lits`` is (false for none)."""
        return -self.all_of(-lit for lit in lits)

    def _encode_flow(self) -> None:
        pathway = self.pathway
        incoming: dict[str, list[int]] = {q.id: [] for q in pathway.questions}
        incoming.setdefault(pathway.start, []).append(self.TRUE)
        for question in sorted(pathway.questions, key=lambda q: self.rank[q.id]):
            asked = self.asked[question.id] = self.any_of(incoming[question.id])
            chosen = [self._option(question.id, option.id) for option in question.options]
            self._clauses += [[-x, asked] for x in chosen]  # an answer only to a question asked
            self._clauses.append([-asked, *chosen])  # and one to every question asked
            self._clauses += [[-a, -b] for i, a in enumerate(chosen) for b in chosen[i + 1 :]]
            taking: dict[tuple[str, str | None, int], list[int]] = {}
            for option, x in zip(question.options, chosen, strict=True):
                earlier = self.TRUE  # no earlier rule of this option holds
                for index, rule in enumerate(option.next or question.next or ()):
                    holds = self.TRUE if rule.when is None else self._before(question, rule.when)
                    taken = self.all_of((x, earlier, holds))
                    taking.setdefault((question.id, option.id if option.next else None, index), []).append(taken)
                    earlier = self.all_of((earlier, -holds))
                    if rule.to == END:
                        continue
                    if rule.to in incoming:
                        incoming[rule.to].append(taken)
                    else:  # a rule to a question the pathway does not have: no route goes on there
                        self._clauses.append([-taken])
            self.taken.update((key, self.any_of(lits)) for key, lits in taking.items())

    def _option(self, question: str, option: str) -> int:
        x = self.options.get((question, option))
        if x is None:
            x = self.options[question, option] = self._new()
        return x

    def _before(self, asking: Question, condition: Condition) -> int:
        """A rule's condition, on the answers given when ``asking`` has been answered: a question that can only come
        later on a route (ranked after it) is not answered yet."""
        mine = self.rank[asking.id]
        return self.all_of(
            self.any_of(self.options.get((t.question, o), self.FALSE) for o in t.options)
            if self.rank.get(t.question, mine + 1) <= mine
            else self.FALSE
            for t in condition.terms
        )

    def holds(self, condition: Condition | None, absent: bool) -> int:
        """Where a condition holds on a route's answers (``absent``: what no condition means)."""
        if condition is None:
            return self.TRUE if absent else self.FALSE
        return self.all_of(self.any_of(self.options.get((t.question, o), self.FALSE) for o in t.options)
                           for t in condition.terms)  # fmt: skip

    def scope(self, when: Condition | None, unless: Condition | None) -> int:
        """Where ``when`` holds (no ``when``: always) and ``unless`` does not."""
        return self.all_of((self.holds(when, True), -self.holds(unless, False)))

    # --- the advice ----------------------------------------------------------------------------------------------

    @property
    def facts(self) -> Facts:
        """What each route's advice contains (worked out once, on first use)."""
        if self._facts is None:
            self._facts = self._advice(self.pathway.blocks)
        return self._facts

    def _advice(self, blocks: Sequence[Block]) -> Facts:
        facts = Facts()
        applies = facts.blocks
        for block in blocks:
            applies[block.id] = self.scope(block.when, block.unless)
        given: dict[tuple[str, Role], list[int]] = {}
        steps: dict[str, list[int]] = {}
        person: dict[str, list[int]] = {}
        urgency: dict[Urgency, list[int]] = {u: [] for u in URGENCIES}
        positions: dict[Position, list[int]] = {p: [] for p in POSITIONS}
        for block in blocks:
            b = applies[block.id]
            for step in block.steps:
                steps.setdefault(step.id, []).append(b)
                if step.position:
                    positions[step.position].append(b)
            for use in block.contacts:
                given.setdefault((use.contact, use.role), []).append(b)
                if use.for_person:
                    person.setdefault(use.contact, []).append(b)
                if use.stance:
                    positions[use.stance].append(b)
            if block.urgency:
                urgency[block.urgency].append(b)
        facts.steps = {s: self.any_of(lits) for s, lits in steps.items()}
        facts.person = {c: self.any_of(lits) for c, lits in person.items()}
        facts.positions = {p: self.any_of(lits) for p, lits in positions.items()}
        has = {key: self.any_of(lits) for key, lits in given.items()}
        for contact in dict.fromkeys(c for c, _ in given):
            stronger: list[int] = []
            for role in ROLES:
                if (contact, role) in has:
                    facts.roles[contact, role] = self.all_of((has[contact, role], *(-s for s in stronger)))
                    stronger.append(has[contact, role])
            facts.present[contact] = self.any_of(stronger)
        stronger = []
        for level in URGENCIES:
            mine = self.any_of(urgency[level])
            facts.urgency[level] = self.all_of((mine, *(-s for s in stronger)))
            stronger.append(mine)
        facts.urgency["routine"] = self.any_of((facts.urgency["routine"], self.all_of(-s for s in stronger)))
        # the first contact: of the strongest role given, the first use of it in block order (Endings._first_contacts)
        first: dict[str, list[int]] = {}
        stronger = []
        for role in ROLES:
            uses = [(use.contact, applies[block.id]) for block in blocks for use in block.contacts if use.role == role]
            if not uses:
                continue
            strongest = self.all_of((self.any_of(b for _, b in uses), *(-s for s in stronger)))
            for contact, b in self._firsts(uses):
                first.setdefault(contact, []).append(self.all_of((strongest, b)))
            stronger.append(self.any_of(b for _, b in uses))
        facts.first = {c: self.any_of(lits) for c, lits in first.items()}
        candidates = [
            (step.id, applies[block.id])
            for tier in (SITUATION, GENERAL)
            for block in blocks
            for step in [next((s for s in block.steps if place(s, block) == tier), None)]
            if step is not None
        ]
        first_step: dict[str, list[int]] = {}
        for step_id, b in self._firsts(candidates):
            first_step.setdefault(step_id, []).append(b)
        facts.first_step = {s: self.any_of(lits) for s, lits in first_step.items()}
        for block in blocks:
            for step in block.steps:
                if step.position and step.contact:
                    fitting = self.any_of(
                        facts.roles.get((step.contact, r), self.FALSE) for r in POSITION_ROLES[step.position]
                    )
                    misfit = self.all_of((applies[block.id], -fitting))
                    contact, earlier = facts.misfits.get(step.id, (step.contact, self.FALSE))
                    facts.misfits[step.id] = (contact, self.any_of((earlier, misfit)))
        return facts

    def _firsts(self, candidates: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
        """For each candidate in order, where it is the first whose literal holds."""
        out = []
        none_before = self.TRUE
        for key, lit in candidates:
            out.append((key, self.all_of((none_before, lit))))
            none_before = self.all_of((none_before, -lit))
        return out

    def failing(self, expect: Expectation) -> int:
        """Where the advice does not meet the expectation (every key of ``Expectation``, as ``Endings.failing``)."""
        facts = self.facts
        bad: list[int] = []
        allowed = expect.urgencies()
        if len(allowed) < len(URGENCIES):
            bad.append(-self.any_of(facts.urgency[u] for u in allowed))
        if expect.first_contact:
            bad.append(-facts.first.get(expect.first_contact, self.FALSE))
        bad += [-facts.roles.get((contact, role), self.FALSE) for contact, role in expect.contacts]
        bad += [facts.present.get(contact, self.FALSE) for contact in expect.absent]
        bad += [lit for (_, role), lit in facts.roles.items() if role in expect.roles_absent]
        bad += [-facts.steps.get(step, self.FALSE) for step in expect.steps]
        bad += [facts.steps.get(step, self.FALSE) for step in expect.steps_absent]
        if expect.first_step:
            bad.append(-facts.first_step.get(expect.first_step, self.FALSE))
        bad += [-facts.person.get(contact, self.FALSE) for contact in expect.person_contacts]
        bad += [facts.person.get(contact, self.FALSE) for contact in expect.person_absent]
        return self.any_of(bad)

    def meeting(self) -> int:
        """Where the person's choice meets a position that overrides it (safety or a duty to report)."""
        positions = self.facts.positions
        return self.all_of((positions["choice"], self.any_of((positions["safety"], positions["duty"]))))

    def without_steps(self) -> int:
        """Where the advice has no step."""
        return -self.any_of(self.facts.steps.values())

    def without_contacts(self) -> int:
        """Where the advice has no contact."""
        return -self.any_of(self.facts.present.values())

    # --- asking the solver ---------------------------------------------------------------------------------------

    def _solve(self, assumptions: Sequence[int]) -> bool:
        if self._sent < len(self._clauses):
            self._solver.append_formula(self._clauses[self._sent :])
            self._sent = len(self._clauses)
        return bool(self._solver.solve(assumptions=list(assumptions)))

    def possible(self, *goals: int) -> bool:
        """Whether some route meets every goal."""
        if self.FALSE in goals:
            return False
        return self._solve([g for g in goals if g != self.TRUE])

    def possible_each(self, lits: Iterable[int]) -> set[int]:
        """Which of ``lits`` some route makes true, each on its own: one route found shows every one it makes true,
        so thousands of questions take a few calls to the solver, not one each."""
        pending = list(dict.fromkeys(lits))
        found = {lit for lit in pending if lit == self.TRUE}
        for lit in pending:
            if lit not in found and lit != self.FALSE and self._solve([lit]):
                model = set(self._solver.get_model())
                found.update(other for other in pending if other in model)
        return found

    def shortest(self, *goals: int) -> tuple[Answer, ...] | None:
        """The route that meets every goal with the fewest answers, the first in option order among those (the route
        breadth-first exploration finds first); None when no route does."""
        if not self.possible(*goals):
            return None
        wanted = [g for g in goals if g != self.TRUE]
        wanted += self._at_most(self._answers_in(self._solver.get_model()), wanted)
        route: list[Answer] = []
        given: dict[str, str] = {}
        current = self.pathway.start
        while current != END:
            question = self.pathway.question(current)
            assert question is not None
            option = next(o for o in question.options if self._solve([*wanted, self.options[question.id, o.id]]))
            wanted.append(self.options[question.id, option.id])
            route.append(Answer(question.id, option.id))
            given[question.id] = option.id
            current = leads_to(question, option.id, given)
        return tuple(route)

    def _answers_in(self, model: Sequence[int]) -> int:
        true = set(model)  # each variable, as the literal that is true
        return sum(1 for asked in self.asked.values() if asked in true)

    def _at_most(self, found: int, wanted: list[int]) -> list[int]:
        """The assumption that keeps routes at the fewest answers any route meeting ``wanted`` has (``found``: the
        answers of one that does)."""
        from pysat.card import ITotalizer

        if self._length is None:
            always = self._always_asked()
            varying = [lit for q, lit in self.asked.items() if q not in always and lit != self.FALSE]
            self._length = (len(always), varying, None)
        fixed, varying, totalizer = self._length
        if not varying:  # every route asks the same questions
            return []
        if totalizer is None or len(totalizer.rhs) < min(found - fixed + 1, len(varying)):
            totalizer = ITotalizer(lits=varying, ubound=found - fixed + 1, top_id=self._top)  # rhs[k]: more than k
            self._top = totalizer.top_id
            self._clauses += totalizer.cnf.clauses
            self._length = (fixed, varying, totalizer)
        low, high = fixed - 1, found  # a route meeting ``wanted`` has more than ``low`` answers and at most ``high``
        while high - low > 1:
            middle = (low + high) // 2
            if self._solve([*wanted, -totalizer.rhs[middle - fixed]]):
                high = middle
            else:
                low = middle
        return [-totalizer.rhs[high - fixed]] if high - fixed < len(totalizer.rhs) else []  # else: any route will do

    def _always_asked(self) -> set[str]:
        """Questions on every way from the start to the end, whatever the conditions: every route asks them (found
        by counting the ways through each, so a chain of 10,000 questions adds nothing to count)."""
        pathway = self.pathway
        order = sorted(pathway.questions, key=lambda q: self.rank[q.id])
        targets: dict[str, set[str]] = {}
        for question in order:
            mine = targets[question.id] = set()
            for option in question.options:
                rules = option.next or question.next or ()
                mine.update(r.to for r in rules)
                if not rules or rules[-1].when is not None:  # no rule may hold: the route ends here
                    mine.add(END)
        into: dict[str, int] = {pathway.start: 1}
        for question in order:
            here = into.get(question.id, 0)
            for target in targets[question.id]:
                into[target] = into.get(target, 0) + here
        out_of: dict[str, int] = {END: 1}
        for question in reversed(order):
            out_of[question.id] = sum(out_of.get(t, 0) for t in targets[question.id])
        total = out_of.get(pathway.start, 0)
        return {q.id for q in order if total and into.get(q.id, 0) * out_of[q.id] == total}


def _ranks(pathway: Pathway) -> dict[str, int]:
    """Each question's place in an order where every rule leads to a later question (the pathway has no loops)."""
    from samen_refer.engine.analysis import _question_ranks

    return _question_ranks(pathway)
