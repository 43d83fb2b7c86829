"""Invariants: the safety rules a pathway restates under ``invariants``, checked on every route at once.

They run when the route checks of ``checks.structure`` run (every question, block and invariant read, no reference
problem); a broken rule is reported with the shortest route that breaks it.

``invariant``
    A safety invariant fails on some route. Failing: ``when: {danger: [yes]}`` with
    ``expect: {first_contact: politie-112}``, where a block puts another contact first when there is danger.
    Passing: the same rule where every route with ``danger=yes`` gives ``politie-112`` first.
"""

from __future__ import annotations

from samen_refer.checks.scenarios import shortfalls
from samen_refer.checks.structure import Explored, route_text, structure_problems
from samen_refer.engine.endings import lowest
from samen_refer.engine.route import build_outcome
from samen_refer.format.pathway import Pathway
from samen_refer.problem import Problem, said


def invariant_problems(pathway: Pathway, explored: Explored | None = None) -> list[Problem]:
    """Each invariant that fails on some route, with the shortest such route; ``explored`` is what
    ``structure_problems`` found (explored here when not given; nothing to check when it cannot be)."""
    if explored is None:
        explored = structure_problems(pathway)[1]
        if explored is None:
            return []
    exploration, endings = explored
    out = []
    for invariant in pathway.invariants:
        scope = endings.holds(invariant.when, True) & ~endings.holds(invariant.unless, False)
        failing = endings.failing(invariant.expect) & scope
        if failing:
            end = exploration.ends[lowest(failing)]
            trouble = tuple(shortfalls(build_outcome(pathway, exploration.answers(end)), invariant.expect))
            route = route_text(exploration.shortest_route(end))
            message = said(
                "invariant '{id}' fails: {trouble}. Shortest route: {route}",
                id=invariant.id,
                trouble=trouble,
                route=route,
            )
            out.append(Problem(pathway.path, *invariant.at, message, "invariant"))
    return out
