"""Structure: how the questions lead to the advice, checked on every route at once (``engine.symbolic``).

``cycle`` runs whenever every question could be read (a loop among them is real, whatever else is broken). The
other checks follow the routes, so they run only when nothing a route depends on is broken or unknown: every
question, block and invariant read, and no reference problem (``checks.references``). Otherwise they would only echo
the problem that broke the route; they run again once it is fixed. They are decided on one formula of every route,
so they need no budget: a pathway where every answer of 20 questions changes the advice is checked in seconds.

``cycle``
    Questions lead back to themselves. Failing: ``consent`` has ``next: danger`` and ``danger`` leads to ``consent``.
``unreachable-question``
    No route asks the question. Failing: a question no ``start`` or ``next`` names.
``never-true-condition``
    A ``next`` rule is never taken: its ``when`` cannot hold where it is, because the answers it needs are not given
    on any route there. Failing: ``- when: {report: [yes]}`` on a question asked before ``report``.
``unreachable-block``
    No route includes the block: its ``when`` and ``unless`` cannot hold together on any route. Failing:
    ``when: {report: [yes], danger: [yes]}`` where no route answers both.
``empty-outcome``
    A route ends in advice without any step, or without any contact. Failing: the only block with steps has
    ``when: {danger: [yes]}``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from samen_refer.engine.analysis import find_cycle
from samen_refer.engine.route import Answer
from samen_refer.engine.symbolic import Symbolic
from samen_refer.format.pathway import Pathway
from samen_refer.format.shape import Pos
from samen_refer.problem import Problem, Said, said


class Explored(NamedTuple):
    """Every route of a pathway as one formula, with a solver: what the invariants and positions are decided on."""

    symbolic: Symbolic


def route_text(route: Iterable[Answer]) -> str | Said:
    """A route as ``question=option, ...`` (the shortest one a problem shows)."""
    return ", ".join(f"{a.question}={a.option}" for a in route) or said("(no answers)")


def structure_problems(pathway: Pathway, routes: bool = True) -> tuple[list[Problem], Explored | None]:
    """Loops, and (with ``routes``) unreachable questions and blocks, rules never taken and empty advice; and every
    route as a formula, for the invariants and positions (None when there is a loop or ``routes`` is false)."""
    out: list[Problem] = []

    def report(at: Pos, message: Said, check: str) -> None:
        out.append(Problem(pathway.path, at[0], at[1], message, check))

    cycle = find_cycle(pathway)
    if cycle:
        first = pathway.question(cycle[0])
        report(
            first.at if first else (1, 1),
            said("questions lead back in a loop: {cycle}", cycle=" -> ".join(cycle)),
            "cycle",
        )
        return out, None
    if not routes:
        return out, None
    symbolic = Symbolic(pathway)
    taken = symbolic.taken
    possible = symbolic.possible_each(
        [*symbolic.asked.values(), *taken.values(), *(symbolic.facts.blocks[b.id] for b in pathway.blocks)]
    )
    for question in pathway.questions:
        if symbolic.asked[question.id] not in possible:
            report(
                question.at, said("no route asks question '{question}'", question=question.id), "unreachable-question"
            )
            continue
        for option_id, rules in [(None, question.next), *((o.id, o.next) for o in question.options)]:
            for index, rule in enumerate(rules or ()):
                if rule.when is not None and taken.get((question.id, option_id, index), symbolic.FALSE) not in possible:
                    report(
                        rule.at,
                        said(
                            "this rule to '{question}' is never taken: its condition cannot hold here", question=rule.to
                        ),
                        "never-true-condition",
                    )
    for block in pathway.blocks:
        if symbolic.facts.blocks[block.id] not in possible:
            report(block.at, said("no route includes block '{block}'", block=block.id), "unreachable-block")
    for missing, lacking in (
        (said("a route ends in advice without any step: {route}"), symbolic.without_steps()),
        (said("a route ends in advice without any contact: {route}"), symbolic.without_contacts()),
    ):
        shortest = symbolic.shortest(lacking)
        if shortest is not None:
            report((1, 1), missing._replace(values=(("route", route_text(shortest)),)), "empty-outcome")
    return out, Explored(symbolic)
