"""Positions: what the advice says about the person's own choice never contradicts itself.

A step or a contact use may take a position on the person's choice: ``choice`` (the person decides: "respect the
no"), ``safety`` (safety comes first: a report made whatever the person chose) or ``duty`` (a professional's duty to
report under the meldcode). A contact use with the role ``report`` takes ``safety`` unless it says ``duty``. Checked
on every route at once, like the invariants, with the shortest route that breaks each rule.

``position-meet``
    On some route the person's choice meets a position that overrides it: one voice tells the helper to respect the
    no, another to report anyway. Failing: a block ``when: {consent: [no]}`` with a step ``position: choice``, and a
    block ``when: {children: [yes]}`` giving ``veilig-thuis`` the role ``report``: the route with consent no and
    children yes has both. Passing: the first block also says ``unless: {children: [yes]}``.

``position-role``
    A contact's role does not fit the position taken about it. Failing: a step ``position: duty`` with ``contact:
    veilig-thuis`` on a route where Veilig Thuis is only ``advice`` (a duty to report next to "ask advice"); or a
    contact use ``role: report`` that declares ``position: choice``. Passing: on every route with that step, Veilig
    Thuis has the role ``report``.

``step-place``
    A step shared by blocks is listed in different places by them: one block makes it a step to do, another
    background to know, or one block is ``general`` and the other not. Where it is shown would then depend on which
    block comes first on the route. Failing: ``- {id: listen, kind: say, ...}`` in one block and ``- {id: listen,
    kind: know, ...}`` in another. Passing: the same ``kind``, in blocks that are both general or both not.
"""

from __future__ import annotations

from samen_refer.checks.structure import Explored, route_text
from samen_refer.engine import analysis
from samen_refer.engine.endings import Endings
from samen_refer.engine.route import build_outcome, place, selected_blocks
from samen_refer.format.pathway import Block, Pathway
from samen_refer.format.vocabulary import POSITION_ROLES, Position
from samen_refer.problem import Problem, Said, said


def use_problems(pathway: Pathway) -> list[Problem]:
    """Each contact use whose declared position does not fit its own role (no route needed)."""
    out = []
    for block in pathway.blocks:
        for use in block.contacts:
            if use.position and use.role not in POSITION_ROLES[use.position]:
                message = said(
                    "contact '{contact}' takes the position '{position}' with the role '{role}', which does not fit "
                    "it: use one of {roles}",
                    contact=use.contact,
                    position=use.position,
                    role=use.role,
                    roles=", ".join(sorted(POSITION_ROLES[use.position])),
                )
                out.append(Problem(pathway.path, *use.at, message, "position-role"))
    return out


def place_problems(pathway: Pathway) -> list[Problem]:
    """Each step shared by blocks that they would list in different places (``route.place``)."""
    first: dict[str, tuple[int, str]] = {}
    out = []
    for block in pathway.blocks:
        for step in block.steps:
            where = place(step, block)
            earlier = first.setdefault(step.id, (where, block.id))
            if earlier[0] != where:
                message = said(
                    "step '{step}' is listed in another place here than in block '{block}' (its kind, or whether "
                    "the block is general, differs): give it the same kind, in blocks alike",
                    step=step.id,
                    block=earlier[1],
                )
                out.append(Problem(pathway.path, *step.at, message, "step-place"))
    return out


def position_problems(pathway: Pathway, explored: Explored) -> list[Problem]:
    """Every way positions meet or misfit on some route, each with the shortest such route."""
    symbolic = explored.symbolic
    out = []
    meeting = symbolic.meeting()
    route = symbolic.shortest(meeting)
    if route is not None:
        answers = {a.question: a.option for a in route}
        choice = _takers(pathway, answers, ("choice",))
        overriding = _takers(pathway, answers, ("safety", "duty"))
        first = next(
            b for b in pathway.blocks if _takes(b, "choice") and symbolic.possible(meeting, symbolic.facts.blocks[b.id])
        )
        ends = _ends_meeting(pathway)
        if ends is None:  # too many to explore, and so to count
            message = said(
                "the person's choice ({choice}) meets a position that overrides it ({overriding}). Shortest route: "
                "{route}",
                choice=choice,
                overriding=overriding,
                route=route_text(route),
            )
        else:
            message = said(
                "the person's choice ({choice}) meets a position that overrides it ({overriding}) on {n} route "
                "end(s). Shortest route: {route}",
                choice=choice,
                overriding=overriding,
                n=ends,
                route=route_text(route),
            )
        out.append(Problem(pathway.path, *first.at, message, "position-meet"))
    at = {s.id: s.at for b in pathway.blocks for s in b.steps}
    for step, (contact, misfit) in symbolic.facts.misfits.items():
        route = symbolic.shortest(misfit)
        if route is None:
            continue
        roles = {c.contact.id: c.role for c in build_outcome(pathway, {a.question: a.option for a in route}).contacts}
        message = said(
            "step '{step}' takes a position about '{contact}' that its role there does not fit ({role}). "
            "Shortest route: {route}",
            step=step,
            contact=contact,
            role=roles.get(contact, "-"),
            route=route_text(route),
        )
        out.append(Problem(pathway.path, *at[step], message, "position-role"))
    return out


def _ends_meeting(pathway: Pathway) -> int | None:
    """On how many explored route ends the positions meet (None: too many states to explore)."""
    try:
        return bin(Endings(analysis.explore(pathway, budget=analysis.STATE_BUDGET)).meeting()).count("1")
    except analysis.TooComplex:
        return None


def _takes(block: Block, position: Position) -> bool:
    return any(s.position == position for s in block.steps) or any(u.stance == position for u in block.contacts)


def _takers(pathway: Pathway, answers: dict[str, str], positions: tuple[Position, ...]) -> tuple[Said, ...]:
    """The steps and contact uses on this route that take one of these positions, in words."""
    out: dict[Said, None] = {}
    for block in selected_blocks(pathway, answers):
        for step in block.steps:
            if step.position in positions:
                out[said("step '{id}' ({position})", id=step.id, position=step.position)] = None
        for use in block.contacts:
            if use.stance in positions:
                taker = said(
                    "contact '{id}' as {role} ({position})", id=use.contact, role=use.role, position=use.stance
                )
                out[taker] = None
    return tuple(out)
