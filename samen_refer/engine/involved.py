"""Which blocks a change between two versions of a pathway involves: the blocks whose conditions decide whether the
advice on a route differs, and how (see ``behaviour``'s docstring for the method).

A change can alter the advice only where a changed block applies, and only through what it gives ("touched"): the
urgency, contacts and steps. The involved blocks are the changed ones and every block that gives something touched;
only when the change can re-order the advice do the blocks that give a contact (step) it may pass count too
(``widened_blocks``, narrowed by ``at_stake``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from samen_refer.engine.analysis import flow_questions
from samen_refer.engine.descriptions import AnswerTerm
from samen_refer.engine.endings import Endings
from samen_refer.engine.masks import union_of
from samen_refer.engine.route import place
from samen_refer.format.pathway import Block, Condition, Pathway, Rule

Touched = tuple[set[str], set[str], bool]  # the contacts and steps a change touches, and whether the urgency


Views = tuple["Endings", "Endings"]  # both versions judged on the same endings


def _condition(condition: Condition | None) -> tuple[AnswerTerm, ...] | None:
    return None if condition is None else tuple((t.question, t.options) for t in condition.terms)


def _rules(rules: tuple[Rule, ...] | None) -> object:
    return None if rules is None else tuple((r.to, _condition(r.when)) for r in rules)


def flow_of(pathway: Pathway) -> object:
    """What decides which routes a pathway has: its questions, options and rules (not their texts)."""
    return pathway.start, tuple(
        (q.id, _rules(q.next), tuple((o.id, _rules(o.next)) for o in q.options)) for q in pathway.questions
    )


def _advises(block: Block) -> tuple[object, ...]:
    """What a block adds to the advice (not its texts): each step with the list it goes in (``route.place``), so a
    step that becomes background, or a block that becomes general, is a change in the order of the advice."""
    uses = tuple((u.contact, u.role, u.for_person, u.stance) for u in block.contacts)
    steps = tuple((s.id, place(s, block)) for s in block.steps)
    return _condition(block.when), _condition(block.unless), block.urgency, steps, uses


def changed_blocks(old: Pathway, new: Pathway) -> set[str]:
    """The blocks whose advice or conditions differ, or that only one version has; all of them when the blocks
    both versions share are in another order."""
    before, after = {b.id: _advises(b) for b in old.blocks}, {b.id: _advises(b) for b in new.blocks}
    if [b for b in before if b in after] != [b for b in after if b in before]:
        return set(before) | set(after)
    return {b for b in before.keys() | after.keys() if before.get(b) != after.get(b)}


def involved_blocks(old: Pathway, new: Pathway, changed: set[str], touched: Touched) -> set[str]:
    """The blocks whose conditions decide whether the advice differs, and how: the changed ones and every block that
    gives what they give (the urgency, a contact, a step)."""
    contacts, steps, urgency = touched
    involved = set(changed)
    for block in (*old.blocks, *new.blocks):
        gives = {u.contact for u in block.contacts} & contacts or {s.id for s in block.steps} & steps
        if gives or (urgency and block.urgency):
            involved.add(block.id)
    return involved


def widened_blocks(old: Pathway, new: Pathway, changed: set[str], touched: Touched, involved: set[str]) -> set[str]:
    """The involved blocks, and every block that gives a contact (a step) when the change can move a contact (a
    step) among the others: a touched one is also given by another block, or a changed block's own order changed.
    A re-ordering lists every contact (step) of the route, so then every block that gives one decides the change."""
    blocks = [*old.blocks, *new.blocks]
    contacts, steps, _ = touched
    givers: dict[tuple[str, ...], set[str]] = {}
    for block in blocks:
        for use in block.contacts:
            givers.setdefault(("contact", use.contact, use.role), set()).add(block.id)
        for step in block.steps:
            givers.setdefault(("step", step.id), set()).add(block.id)
    reordered = reordered_kinds(old, new, changed)
    by_kind = {"contact": contacts, "step": steps}
    out = set(involved)
    for kind in ("contact", "step"):
        moves = kind in reordered or any(
            len(ids) > 1 and key[1] in by_kind[kind] for key, ids in givers.items() if key[0] == kind
        )
        if moves:
            out |= {b.id for b in blocks if (b.contacts if kind == "contact" else b.steps)}
    return out


Stake = dict[tuple[str, str], int]  # each contact (step) a moving one may pass: the ends where it may pass it


def givers_at_stake(old: Pathway, new: Pathway, stake: Stake, view: Endings, explored: Collection[str]) -> set[str]:
    """Every block that gives a contact (step) a moving one may pass (``at_stake``) and may apply where it may pass
    it: all of them decide that one's role and place there. A re-ordering names only the contacts that changed sides
    (``change_of``), so the others need not be told apart; nor need the routes where none can move (there the
    involved blocks decide the change alone), so a giver that applies on none of those ends is left out. On sggg
    that keeps a contact that moves from telling apart every answer of every route."""
    versions = [{b.id: b for b in pathway.blocks} for pathway in (old, new)]
    judged: dict[str, int] = {}
    return {
        b.id
        for b in (*old.blocks, *new.blocks)
        if _applies(b.id, view, explored, versions, judged)
        & union_of(
            stake.get(given, 0)
            for given in (*(("contact", u.contact) for u in b.contacts), *(("step", s.id) for s in b.steps))
        )
    }


def at_stake(
    old: Pathway,
    new: Pathway,
    involved: set[str],
    explored: Collection[str],
    views: Views,
    changed: set[str],
    touched: Touched,
) -> Stake | None:
    """The contacts (steps) a touched contact (step) could pass, each with the ends where it could, among those
    where a changed block applies: it is
    in both versions' advice with the same role, but first given so by another block, and a block in between (or one
    of those two) gives another contact with that role (another step) there, which may then be on either side of it.
    None when that cannot be told (a block only one version has).

    A contact's place is decided by its role and the first block that gives it that role (``build_outcome`` moves
    it there when a stronger role comes; the sort by role is stable), a step's by the first block that gives it; the
    others' places do not depend on the touched ones. So when a touched contact's role changed, or it is only in one
    version, the others keep their order; and when it keeps its role and its first block, it keeps its place. When
    its first block changed, only a contact of the same role first given in between can change sides. Only what is
    left can re-order the advice, and then only the widened exploration tells the routes apart rightly. The involved
    blocks include every block that gives a touched contact or step, so the views judge the first blocks exactly;
    a block in between is judged on the explored answers, and taken to apply where the others may make it.
    """
    contacts, steps, _ = touched
    candidates = 0
    for view in views:
        for block_id in changed:
            candidates |= view.blocks.get(block_id, 0)
    candidates &= views[1].all
    sides = [
        _first_givers([b for b in pathway.blocks if b.id in involved], view, contacts, steps)
        for pathway, view in zip((old, new), views, strict=True)
    ]
    place = {b.id: i for i, b in enumerate(new.blocks)}
    versions = [{b.id: b for b in pathway.blocks} for pathway in (old, new)]
    judged: dict[str, int] = {}
    stake: Stake = {}
    for what in [*(("contact", c) for c in contacts), *(("step", s) for s in steps)]:
        firsts = [side.get(what, {}) for side in sides]
        for role_key in firsts[0].keys() & firsts[1].keys():
            for before, was in firsts[0][role_key].items():
                for after, now in firsts[1][role_key].items():
                    moved = was & now & candidates
                    if before == after or not moved:
                        continue
                    if before not in place or after not in place:
                        return None  # a block only one version has: no place to compare
                    low, high = sorted((place[before], place[after]))
                    for block in new.blocks[low : high + 1]:
                        others = _others(what, role_key, [versions[0].get(block.id), versions[1].get(block.id)])
                        where = moved & _applies(block.id, views[1], explored, versions, judged) if others else 0
                        for other in others if where else ():
                            stake[other] = stake.get(other, 0) | where
    return stake


def _others(what: tuple[str, str], role: str, blocks: Sequence[Block | None]) -> set[tuple[str, str]]:
    """The other contacts with this role (the other steps) than ``what`` that these versions of a block give."""
    kind, name = what
    out: set[tuple[str, str]] = set()
    for block in blocks:
        if block is None:
            continue
        if kind == "contact":
            out |= {("contact", u.contact) for u in block.contacts if u.contact != name and u.role == role}
        else:
            out |= {("step", s.id) for s in block.steps if s.id != name}
    return out


def _applies(
    block_id: str,
    view: Endings,
    explored: Collection[str],
    versions: Sequence[Mapping[str, Block]],
    judged: dict[str, int],
) -> int:
    """The ends where either version of a block may apply: exactly, when its conditions look only at the explored
    answers (``view.holds``); else where the terms on those hold, whatever the others (its ``unless`` counts only
    when it looks only at them)."""
    if block_id not in judged:
        mask = 0
        for version in versions:
            block = version.get(block_id)
            if block is None:
                continue
            when = block.when and Condition(tuple(t for t in block.when.terms if t.question in explored))
            unless = block.unless if block.unless and all(t.question in explored for t in block.unless.terms) else None
            mask |= view.holds(when, True) & ~view.holds(unless, False) & view.all
        judged[block_id] = mask
    return judged[block_id]


def _first_givers(
    blocks: Sequence[Block], view: Endings, contacts: set[str], steps: set[str]
) -> dict[tuple[str, str], dict[str, dict[str, int]]]:
    """For each touched contact and role (each touched step), the ends where each block is the first to give it
    that role (give it), when that role is its role in the advice."""
    out: dict[tuple[str, str], dict[str, dict[str, int]]] = {}
    left: dict[tuple[str, str, str], int] = {}
    for block in blocks:
        mask = view.blocks[block.id]
        for use in block.contacts:
            if use.contact in contacts:
                key = ("contact", use.contact, use.role)
                remaining = left.setdefault(key, view.roles.get((use.contact, use.role), 0))
                hit = remaining & mask
                if hit:
                    out.setdefault(("contact", use.contact), {}).setdefault(use.role, {})[block.id] = hit
                    left[key] = remaining & ~hit
        for step in block.steps:
            if step.id in steps:
                remaining = left.setdefault(("step", step.id, ""), view.steps.get(step.id, 0))
                hit = remaining & mask
                if hit:
                    out.setdefault(("step", step.id), {}).setdefault("", {})[block.id] = hit
                    left["step", step.id, ""] = remaining & ~hit
    return out


def touched_by(old: Pathway, new: Pathway, changed: set[str]) -> Touched:
    """The contacts, steps and whether the urgency the changed blocks give differently: everything they give when
    a block's conditions changed (or only one version has it), else only what differs."""
    before, after = {b.id: b for b in old.blocks}, {b.id: b for b in new.blocks}
    contacts: set[str] = set()
    steps: set[str] = set()
    urgency = False
    for block_id in changed:
        was, now = before.get(block_id), after.get(block_id)
        sides = [b for b in (was, now) if b is not None]
        if was is None or now is None or _advises(was)[:2] != _advises(now)[:2]:
            contacts |= {u.contact for b in sides for u in b.contacts}
            steps |= {s.id for b in sides for s in b.steps}
            urgency = urgency or any(b.urgency for b in sides)
            continue
        uses = [{(u.contact, u.role, u.for_person) for u in b.contacts} for b in sides]
        contacts |= {c for c, _, _ in uses[0] ^ uses[1]}
        steps |= {s.id for s in was.steps} ^ {s.id for s in now.steps}
        urgency = urgency or was.urgency != now.urgency
    return contacts, steps, urgency


def reordered_kinds(old: Pathway, new: Pathway, changed: set[str]) -> set[str]:
    """ "contact" and "step" when a changed block lists, in both versions, some of the same ones in another order."""
    before = {b.id: b for b in old.blocks}
    out = set()
    for block in new.blocks:
        was = before.get(block.id)
        if block.id not in changed or was is None:
            continue
        for kind, now, then in (
            ("contact", [u.contact for u in block.contacts], [u.contact for u in was.contacts]),
            ("step", [s.id for s in block.steps], [s.id for s in was.steps]),
        ):
            if [x for x in now if x in then] != [x for x in then if x in now]:
                out.add(kind)
    return out


def relevant_to(old: Pathway, new: Pathway, involved: set[str], everything: bool) -> tuple[str, ...]:
    """The questions to tell routes apart by: those that decide the way, and those the involved blocks look at (every
    question, when routes are to be matched by all their answers)."""

    named = {*flow_questions(old), *flow_questions(new)}
    for block in (*old.blocks, *new.blocks):
        if block.id in involved:
            named |= {t.question for c in (block.when, block.unless) if c is not None for t in c.terms}
    ids = dict.fromkeys(q.id for q in (*new.questions, *old.questions))
    return tuple(q for q in ids if everything or q in named)
