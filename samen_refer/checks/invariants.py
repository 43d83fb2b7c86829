"""Invariants: the safety rules a pathway restates under ``invariants``, checked on every route at once.

They run when the route checks of ``checks.structure`` run (every question, block and invariant read, no reference
problem), decided on the formula of every route (``engine.symbolic``), so however many routes there are; a broken
rule is reported with the shortest route that breaks it.

``invariant``
    A safety invariant fails on some route. Failing: ``when: {danger: [yes]}`` with
    ``expect: {first_contact: politie-112}``, where a block puts another contact first when there is danger.
    Passing: the same rule where every route with ``danger=yes`` gives ``politie-112`` first.
"""

from __future__ import annotations

from samen_refer.checks.scenarios import shortfalls
from samen_refer.checks.structure import Explored, route_text, structure_problems
from samen_refer.engine.route import build_outcome
from samen_refer.format.pathway import Pathway
from samen_refer.problem import Problem, said


def invariant_problems(pathway: Pathway, explored: Explored | None = None) -> list[Problem]:
    """Each invariant that fails on some route, with the shortest such route; ``explored`` is what
    ``structure_problems`` found (worked out here when not given; nothing to check when there is a loop)."""
    if explored is None:
        explored = structure_problems(pathway)[1]
        if explored is None:
            return []
    symbolic = explored.symbolic
    out = []
    for invariant in pathway.invariants:
        route = symbolic.shortest(symbolic.scope(invariant.when, invariant.unless), symbolic.failing(invariant.expect))
        if route is not None:
            answers = {a.question: a.option for a in route}
            trouble = tuple(shortfalls(build_outcome(pathway, answers), invariant.expect))
            message = said(
                "invariant '{id}' fails: {trouble}. Shortest route: {route}",
                id=invariant.id,
                trouble=trouble,
                route=route_text(route),
            )
            out.append(Problem(pathway.path, *invariant.at, message, "invariant"))
    return out
