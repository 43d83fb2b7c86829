"""What two versions of a pathway do differently: the advice on every route, the questions and options, the texts.

Routes are matched by their answers. Advice is compared as a helper acts on it: the urgency, the contacts with their
roles in the order shown, and the steps. Pure functions: two loaded pathways in, data and Markdown out.

The method (``compare``), not route by route: advice can differ only where a changed block applies, and how only
through the urgency, contacts and steps it gives ("touched"). So the routes are told apart only by the answers that
the flow and the *involved* blocks look at: the changed ones and every block that gives something touched. One
exploration of the new version by those answers (``analysis.explore``) has endings that each stand for many routes;
``endings.Endings`` judges both versions' involved blocks on them, and the engine's ``build_outcome`` gives each
side's advice once per set of blocks that apply. That is exact unless the change re-orders the advice, for a
re-ordering lists every contact (step) of the route, which blocks outside the involved ones decide. In
``build_outcome`` a contact's place is its role and the first block that gives it that role, a step's the first
block that gives it, whatever the other contacts do; so a touched contact can move among the others only where it
keeps its role but another block gives it first, with another contact of that role given in between
(``_at_stake``, judged on the same endings). Only then are routes told apart by more blocks: those that give a
contact (step) it may pass (a re-ordering names only the contacts that changed sides, see ``change_of``), which can
take seconds on ``sggg``. Each set of changed routes is described by the answers that single it out (``describe``),
with examples, on the endings of the exploration that was needed: the condition is exact either way, but which of
two equally exact conditions is chosen may depend on the shortcut taken.

One source for the rules: ``Endings`` is proven equal to the engine on every ending of the shipped pathway by
``tests/test_validate.py``; the advice on each ending comes from the engine itself. ``tests/test_diff_sets.py``
checks the result against both versions' engine on every route, also for contacts and steps that move.
``route_advice`` is the ``routes`` listing's shortcut (bit masks, streamed); ``tests/test_diff.py`` proves it equal
to the engine on every route.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import Any, Final, NamedTuple

from samen_refer.engine.analysis import ROUTE_BUDGET, Exploration, TooManyRoutes
from samen_refer.engine.contact_diff import FACTS, NO_FACTS, FactChanges, facts_headline, facts_markdown
from samen_refer.engine.endings import Endings
from samen_refer.engine.markdown import markdown_text
from samen_refer.engine.route import (
    BACKGROUND,
    CARE,
    Outcome,
    arranged,
    build_outcome,
    every_route,
    place,
    urgency_of,
)
from samen_refer.format.language import Translations
from samen_refer.format.pathway import Block, Condition, Pathway, Rule
from samen_refer.format.source import paused_gc
from samen_refer.format.vocabulary import Role, Urgency
from samen_refer.i18n.translation import Words, number

MAX_ROUTES: Final = ROUTE_BUDGET  # beyond this, comparing route by route takes minutes and gigabytes (sggg: 522,750)
# The most different sets of applying blocks (among those a change involves) whose advice diff works out, twice each
# with ``build_outcome`` (about 0.1 ms a set). One-line changes to sggg need at most a few thousand; a pathway where
# every answer changes the advice needs one per route (8 questions x 5 options: 390,625, 35 s and 1 GB), and stops.
JUDGED_BUDGET: Final = 50_000
_CACHED: Final = 100_000  # pieces of advice kept for routes still to come
LISTED: Final = 50  # lines per list in the Markdown report
LISTED_ROUTES: Final = 1_000  # changed routes the JSON lists one by one (the change sets count and describe them all)

Answers = tuple[tuple[str, str], ...]  # (question, option) in the order asked
Touched = tuple[set[str], set[str], bool]  # the contacts and steps a change touches, and whether the urgency
Views = tuple["Endings", "Endings"]  # both versions judged on the same endings


class Advice(NamedTuple):
    """The outcome of one route as compared: urgency, contacts with roles (in order), step ids (in order)."""

    urgency: Urgency
    contacts: tuple[tuple[str, Role], ...]
    steps: tuple[str, ...]
    person: tuple[str, ...] = ()  # the contacts on the person's handout


class Change(NamedTuple):
    """How the advice on a route changed; routes with equal changes are reported together."""

    urgency: tuple[Urgency, Urgency] | None
    contacts_added: tuple[tuple[str, Role], ...]
    contacts_removed: tuple[tuple[str, Role], ...]
    roles_changed: tuple[tuple[str, Role, Role], ...]
    contacts_reordered: tuple[tuple[str, ...], tuple[str, ...]] | None  # those that changed sides: old, new order
    steps_added: tuple[str, ...]
    steps_removed: tuple[str, ...]
    steps_reordered: bool
    person_added: tuple[str, ...] = ()
    person_removed: tuple[str, ...] = ()


class ChangedRoute(NamedTuple):
    """A route that both versions have, with different advice."""

    answers: Answers
    old: Advice
    new: Advice
    change: Change


AnswerTerm = tuple[str, tuple[str, ...]]  # the answer to a question is one of these options
Description = tuple[tuple[AnswerTerm, ...], ...]  # any one of these alternatives, each all of its terms


class ChangeSet(NamedTuple):
    """The routes whose advice changed in the same way, described by a condition over the answers."""

    change: Change
    total: int  # how many routes
    condition: Description | None  # exactly these routes; None when no short description (at most 3 alternatives)
    examples: tuple[Answers, ...]  # the shortest routes in the set (at most 3)
    # When there is no short condition: the fewest terms that hold on every route of the set (none when no term
    # narrows it), how many routes they hold on, and, among those, exactly the routes that are NOT in the set (at
    # most 3 alternatives; None when no short description): "routes with W, but not those with E".
    within: tuple[AnswerTerm, ...] = ()
    within_total: int = 0
    exceptions: Description | None = None


def _no_routes() -> Iterator[ChangedRoute]:
    return iter(())


class TextChange(NamedTuple):
    """A text a helper reads, changed; ``old`` and ``new`` are in ``lang`` ("" for a phone number or web address)."""

    kind: str
    id: str
    field: str
    lang: str
    old: str | None
    new: str | None


class BehaviourDiff(NamedTuple):
    """Everything that differs between two versions of a pathway."""

    pathway: str
    versions: tuple[str, str]
    routes: tuple[int, int]
    changed: tuple[ChangeSet, ...]
    new_routes: tuple[tuple[Answers, Advice], ...]
    removed_routes: tuple[tuple[Answers, Advice], ...]
    questions_added: tuple[str, ...]
    questions_removed: tuple[str, ...]
    options_added: tuple[tuple[str, str], ...]
    options_removed: tuple[tuple[str, str], ...]
    texts: tuple[TextChange, ...]
    listing: Callable[[], Iterator[ChangedRoute]] = _no_routes  # every changed route, in option order

    @property
    def behaviour_changed(self) -> bool:
        """Whether any route, question or option differs (text changes alone do not count)."""
        routes = (self.changed, self.new_routes, self.removed_routes)
        return any((*routes, self.questions_added, self.questions_removed, self.options_added, self.options_removed))

    @property
    def changed_count(self) -> int:
        """How many routes both versions have, with different advice."""
        return sum(s.total for s in self.changed)


def compare(old: Pathway, new: Pathway, lang: str) -> BehaviourDiff:
    """Compare two versions of a pathway on every route; texts are shown in ``lang``.

    Not route by route (see the module's docstring): one exploration of the new version by the answers the involved
    blocks look at serves both versions, widened to every block that gives a contact or step only when the change
    can re-order the advice. When the questions or where they lead changed, every answer counts, and the old version
    is explored too to match routes.
    """
    from samen_refer.engine.analysis import explore, total_routes

    totals = (total_routes(old), total_routes(new))
    for pathway, total in zip((old, new), totals, strict=True):
        if total > MAX_ROUTES:
            raise TooManyRoutes.of("too-many-routes", pathway=pathway.id, total=f"{total:,}", limit=f"{MAX_ROUTES:,}")
    questions_added, options_added = _only_in(new, old)
    questions_removed, options_removed = _only_in(old, new)
    same_flow = _flow(old) == _flow(new)
    changed = _changed_blocks(old, new)
    sets: tuple[ChangeSet, ...] = ()
    listing: Callable[[], Iterator[ChangedRoute]] = _no_routes
    new_routes: tuple[tuple[Answers, Advice], ...] = ()
    removed_routes: tuple[tuple[Answers, Advice], ...] = ()
    if changed or not same_flow:
        touched = _touched(old, new, changed)
        involved = _involved(old, new, changed, touched)
        wider = _widened(old, new, changed, touched, involved)
        with paused_gc():
            after, views = _judged(old, new, involved, everything=not same_flow)
            if wider != involved:
                stake = (
                    None
                    if _reordered(old, new, changed)
                    else _at_stake(old, new, involved, set(after.relevant), views, changed, touched)
                )
                widened = wider if stake is None else involved | _givers_at_stake(old, new, stake)
                if widened != involved:
                    involved = widened
                    after, views = _judged(old, new, involved, everything=not same_flow)
            common = views[1].all
            if not same_flow:
                before = explore(old, after.relevant)
                in_old = {end[1] for end in before.ends}
                in_new = {end[1] for end in after.ends}
                common = _mask(i for i, end in enumerate(after.ends) if end[1] in in_old)
                new_routes = _listed(new, after, (i for i, end in enumerate(after.ends) if end[1] not in in_old))
                removed_routes = _listed(old, before, (i for i, end in enumerate(before.ends) if end[1] not in in_new))
            sets, listing = _change_sets(old, new, after, views, common, involved, changed)
    return BehaviourDiff(
        new.id,
        (old.version, new.version),
        totals,
        sets,
        new_routes,
        removed_routes,
        questions_added,
        questions_removed,
        options_added,
        options_removed,
        tuple(text_changes(old, new, lang)),
        listing,
    )


def _condition(condition: Condition | None) -> tuple[AnswerTerm, ...] | None:
    return None if condition is None else tuple((t.question, t.options) for t in condition.terms)


def _rules(rules: tuple[Rule, ...] | None) -> object:
    return None if rules is None else tuple((r.to, _condition(r.when)) for r in rules)


def _flow(pathway: Pathway) -> object:
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


def _changed_blocks(old: Pathway, new: Pathway) -> set[str]:
    """The blocks whose advice or conditions differ, or that only one version has; all of them when the blocks
    both versions share are in another order."""
    before, after = {b.id: _advises(b) for b in old.blocks}, {b.id: _advises(b) for b in new.blocks}
    if [b for b in before if b in after] != [b for b in after if b in before]:
        return set(before) | set(after)
    return {b for b in before.keys() | after.keys() if before.get(b) != after.get(b)}


def _judged(old: Pathway, new: Pathway, involved: set[str], everything: bool) -> tuple[Exploration, Views]:
    """The new version explored by the answers the involved blocks and the flow look at, and both versions' involved
    blocks judged on its endings."""
    from samen_refer.engine.analysis import explore

    after = explore(new, _relevant(old, new, involved, everything))
    views = (
        Endings(after, [b for b in old.blocks if b.id in involved]),
        Endings(after, [b for b in new.blocks if b.id in involved]),
    )
    return after, views


def _involved(old: Pathway, new: Pathway, changed: set[str], touched: Touched) -> set[str]:
    """The blocks whose conditions decide whether the advice differs, and how: the changed ones and every block that
    gives what they give (the urgency, a contact, a step)."""
    contacts, steps, urgency = touched
    involved = set(changed)
    for block in (*old.blocks, *new.blocks):
        gives = {u.contact for u in block.contacts} & contacts or {s.id for s in block.steps} & steps
        if gives or (urgency and block.urgency):
            involved.add(block.id)
    return involved


def _widened(old: Pathway, new: Pathway, changed: set[str], touched: Touched, involved: set[str]) -> set[str]:
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
    reordered = _reordered(old, new, changed)
    by_kind = {"contact": contacts, "step": steps}
    out = set(involved)
    for kind in ("contact", "step"):
        moves = kind in reordered or any(
            len(ids) > 1 and key[1] in by_kind[kind] for key, ids in givers.items() if key[0] == kind
        )
        if moves:
            out |= {b.id for b in blocks if (b.contacts if kind == "contact" else b.steps)}
    return out


def _givers_at_stake(old: Pathway, new: Pathway, stake: set[tuple[str, str]]) -> set[str]:
    """Every block that gives a contact (step) a moving one may pass (``_at_stake``): all of them decide that one's
    role and place. A re-ordering names only the contacts that changed sides (``change_of``), so the others need
    not be told apart."""
    return {
        b.id
        for b in (*old.blocks, *new.blocks)
        if any(("contact", u.contact) in stake for u in b.contacts) or any(("step", s.id) in stake for s in b.steps)
    }


def _at_stake(
    old: Pathway,
    new: Pathway,
    involved: set[str],
    explored: Collection[str],
    views: Views,
    changed: set[str],
    touched: Touched,
) -> set[tuple[str, str]] | None:
    """The contacts (steps) a touched contact (step) could pass, on some ending where a changed block applies: it is
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
    a block in between is judged when its conditions look only at the explored answers, else taken to apply.
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
    stake: set[tuple[str, str]] = set()
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
                        if others and moved & _applies(block.id, views[1], explored, versions, judged):
                            stake |= others
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
    answers (``view.holds``), else everywhere."""
    if block_id not in judged:
        mask = 0
        for version in versions:
            block = version.get(block_id)
            if block is None:
                continue
            terms = [t for c in (block.when, block.unless) if c is not None for t in c.terms]
            if any(t.question not in explored for t in terms):
                mask = view.all
                break
            mask |= view.holds(block.when, True) & ~view.holds(block.unless, False) & view.all
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


def _touched(old: Pathway, new: Pathway, changed: set[str]) -> Touched:
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


def _reordered(old: Pathway, new: Pathway, changed: set[str]) -> set[str]:
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


def _relevant(old: Pathway, new: Pathway, involved: set[str], everything: bool) -> tuple[str, ...]:
    """The questions to tell routes apart by: those that decide the way, and those the involved blocks look at (every
    question, when routes are to be matched by all their answers)."""
    from samen_refer.engine.analysis import flow_questions

    named = {*flow_questions(old), *flow_questions(new)}
    for block in (*old.blocks, *new.blocks):
        if block.id in involved:
            named |= {t.question for c in (block.when, block.unless) if c is not None for t in c.terms}
    ids = dict.fromkeys(q.id for q in (*new.questions, *old.questions))
    return tuple(q for q in ids if everything or q in named)


def _mask_union(masks: Iterable[int]) -> int:
    out = 0
    for mask in masks:
        out |= mask
    return out


def _mask(indices: Iterable[int]) -> int:
    out = 0
    for index in indices:
        out |= 1 << index
    return out


def _members(mask: int) -> Iterator[int]:
    """The set bits of a mask, lowest first (byte by byte: fast on masks of a million bits)."""
    for byte_index, byte in enumerate(mask.to_bytes((mask.bit_length() + 7) // 8, "little")):
        while byte:
            low = byte & -byte
            yield byte_index * 8 + low.bit_length() - 1
            byte ^= low


def advice(pathway: Pathway, answers: Mapping[str, str], blocks: tuple[Block, ...] | None = None) -> Advice:
    """The advice the engine gives (``build_outcome``), as compared."""
    return advice_of(build_outcome(pathway, answers, blocks))


def advice_of(outcome: Outcome) -> Advice:
    """The engine's outcome as compared."""
    return Advice(
        outcome.urgency,
        tuple((c.contact.id, c.role) for c in outcome.contacts),
        (
            *(s.step.id for s in outcome.steps),
            *(_step_key(s.step.id, BACKGROUND) for s in outcome.background),
            *(_step_key(s.step.id, CARE) for s in outcome.care),
        ),
        tuple(c.contact.id for c in outcome.person_contacts),
    )


def _composed(
    pathway: Pathway,
    answers: Mapping[str, str],
    blocks: tuple[Block, ...],
    decided: dict[tuple[str, ...], Advice],
) -> Advice:
    """The engine's advice (``advice``) from the blocks that apply, the urgency and contacts worked out once per set
    of the blocks among them that give either: when every block that gives a contact counts, thousands of sets of
    blocks share a few hundred of those. The steps are listed as ``build_outcome`` does (first place kept), as in
    ``route_advice``."""
    deciding = tuple(b for b in blocks if b.contacts or b.urgency)
    key = tuple(b.id for b in deciding)
    known = decided.get(key)
    if known is None:
        known = decided[key] = advice(pathway, answers, deciding)
    return known._replace(steps=_step_ids(blocks))


def _step_ids(blocks: Iterable[Block]) -> tuple[str, ...]:
    """Every step of the advice in the order shown: the steps, then what to know, then care (``route.arranged``);
    what to know and care are named with their kind, so a step that moves to another list is a change."""
    return tuple(_step_key(step.id, place(step, block)) for step, block in arranged(blocks))


def _step_key(step: str, where: int) -> str:
    return f"{step} ({'know' if where == BACKGROUND else 'care'})" if where in (BACKGROUND, CARE) else step


class _Judge:
    """The engine's advice on route after route of one pathway (``advice``), worked out once per set of blocks that
    apply: the advice compared depends only on those (the answers only say why), and listing tens of thousands of
    changed routes with ``build_outcome`` on each took seconds. Which blocks apply comes from bit masks
    (``_block_tests``), as in ``route_advice``; the cache is bounded like its own."""

    def __init__(self, pathway: Pathway) -> None:
        self.pathway = pathway
        self.bits, self.tests = _block_tests(pathway)
        self.known: dict[int, Advice] = {}

    def advice(self, pairs: Answers) -> Advice:
        """The advice on the route with these answers."""
        mask = 0
        for pair in pairs:
            mask |= self.bits.get(pair, 0)
        chosen = 0
        for i, (when, unless) in enumerate(self.tests):
            if mask & when == when and (unless is None or mask & unless != unless):
                chosen |= 1 << i
        found = self.known.get(chosen)
        if found is None:
            if len(self.known) > _CACHED:
                self.known.clear()
            blocks = tuple(b for i, b in enumerate(self.pathway.blocks) if chosen >> i & 1)
            found = self.known[chosen] = advice(self.pathway, dict(pairs), blocks)
        return found


def _listed(pathway: Pathway, exploration: Exploration, ends: Iterable[int]) -> tuple[tuple[Answers, Advice], ...]:
    from samen_refer.engine.analysis import routes_through

    out = []
    for route in routes_through(exploration, list(ends)):
        pairs = tuple((a.question, a.option) for a in route)
        out.append((pairs, advice(pathway, dict(pairs))))
    return tuple(out)


def _change_sets(
    old: Pathway,
    new: Pathway,
    exploration: Exploration,
    views: tuple[Endings, Endings],
    common: int,
    involved: set[str],
    changed: set[str],
) -> tuple[tuple[ChangeSet, ...], Callable[[], Iterator[ChangedRoute]]]:
    """The changed routes among ``common`` ends, grouped by what changed (largest first), each described by a
    condition on the answers (or by what its routes share), and a way to list every one of them with its advice."""
    from samen_refer.engine.analysis import routes_per_end, routes_through

    candidates = 0
    for view in views:
        for block_id in changed:
            candidates |= view.blocks.get(block_id, 0)
    sides = ([b for b in old.blocks if b.id in involved], [b for b in new.blocks if b.id in involved])
    scope = candidates & common
    applying: dict[int, int] = dict.fromkeys(_members(scope), 0)  # per end: bit j, the j-th involved block applies
    for j, (view, block) in enumerate((v, b) for v, side in zip(views, sides, strict=True) for b in side):
        bit = 1 << j
        for index in _members(view.blocks[block.id] & scope):  # the views' bit masks: no Block.applies per end
            applying[index] |= bit
    ways = len(set(applying.values()))
    if ways > JUDGED_BUDGET:
        raise TooManyRoutes.of("diff-too-complex", pathway=new.id, ways=f"{ways:,}", limit=f"{JUDGED_BUDGET:,}")
    seen: dict[int, Change | None] = {}
    decided: tuple[dict[tuple[str, ...], Advice], ...] = ({}, {})  # per version
    groups: dict[Change, list[int]] = {}
    for index, key in applying.items():
        if key not in seen:
            answers = exploration.answers(exploration.ends[index])
            was_blocks = tuple(b for j, b in enumerate(sides[0]) if key >> j & 1)
            now_blocks = tuple(b for j, b in enumerate(sides[1], len(sides[0])) if key >> j & 1)
            was, now = _composed(old, answers, was_blocks, decided[0]), _composed(new, answers, now_blocks, decided[1])
            seen[key] = change_of(was, now) if was != now else None
        change = seen[key]
        if change is not None:
            groups.setdefault(change, []).append(index)
    if not groups:
        return (), _no_routes
    counts = routes_per_end(exploration)
    hint = {
        t.question
        for b in (*old.blocks, *new.blocks)
        if b.id in changed
        for c in (b.when, b.unless)
        if c is not None
        for t in c.terms
    }

    def listing() -> Iterator[ChangedRoute]:
        judges = (_Judge(old), _Judge(new))
        changes: dict[tuple[Advice, Advice], Change] = {}
        for route in routes_through(exploration, [i for ends in groups.values() for i in ends]):
            pairs = tuple((a.question, a.option) for a in route)
            was, now = (judge.advice(pairs) for judge in judges)
            change = changes.get((was, now))
            if change is None:
                change = changes[was, now] = change_of(was, now)
            yield ChangedRoute(pairs, was, now, change)

    endings, out = views[1], []
    for change, ends in groups.items():
        examples = tuple(
            tuple((a.question, a.option) for a in exploration.shortest_route(exploration.ends[i])) for i in ends[:3]
        )
        members = _mask(ends)
        condition = describe(members, endings, exploration, new, hint)
        changes = ChangeSet(change, sum(counts[i] for i in ends), condition, examples)
        if condition is None:
            within, cover = narrowest(members, endings, exploration, new, hint)
            if within:
                exceptions = describe(cover & ~members, endings, exploration, new, hint, universe=cover)
                shared = sum(counts[i] for i in _members(cover))
                changes = changes._replace(within=within, within_total=shared, exceptions=exceptions)
        out.append((ends[0], changes))
    out.sort(key=lambda item: (-item[1].total, item[0]))
    return tuple(changes for _, changes in out), listing


ALTERNATIVES: Final = 3  # the most alternatives a description may have


def describe(
    members: int,
    endings: Endings,
    exploration: Exploration,
    pathway: Pathway,
    hint: Collection[str] = (),
    universe: int | None = None,
) -> Description | None:
    """The shortest condition over the answers that holds on exactly these ends (among the ``universe`` ends: all by
    default): one conjunction of ``question in {options}`` terms if one fits, else at most ``ALTERNATIVES`` of them,
    else None. Of two equally short ones, the one about the ``hint`` questions (those the changed blocks look at) is
    kept."""
    universe = endings.all if universe is None else universe
    options = _options(exploration, pathway)
    given = {q: [(o, endings.answered(q, (o,))) for o in ids] for q, ids in options.items()}  # looked up once
    alone = _conjunction(members, universe, given, hint)
    if alone is not None:
        return (alone,)
    best: Description | None = None
    for question, pairs in given.items():
        parts = [mask & members for _, mask in pairs]
        parts.append(members & ~_mask_union(mask for _, mask in pairs))  # routes that do not ask this question
        found = [_conjunction(part, universe, given, hint) for part in parts if part]
        if any(f is None for f in found):
            continue
        merged = _merged([f for f in found if f is not None], question, list(options))
        if len(merged) <= ALTERNATIVES and (best is None or _size(merged) < _size(best)):
            best = merged
    return best


def narrowest(
    members: int, endings: Endings, exploration: Exploration, pathway: Pathway, hint: Collection[str] = ()
) -> tuple[tuple[AnswerTerm, ...], int]:
    """The fewest terms that hold on every one of these ends and on as few others as terms can, and the ends they
    hold on: what a set of routes has in common when no short condition singles it out ("routes with danger = yes").
    No terms when every question's answers vary within the set."""
    terms: list[tuple[AnswerTerm, int]] = []
    for question, ids in _options(exploration, pathway).items():
        chosen = tuple(o for o in ids if endings.answered(question, (o,)) & members)
        mask = endings.answered(question, chosen)
        if chosen and len(chosen) < len(ids) and not members & ~mask:
            terms.append(((question, chosen), mask))
    cover = _all_of(endings.all, terms)
    for term in sorted(terms, key=lambda t: (t[0][0] in hint, -t[1].bit_count())):
        rest = [t for t in terms if t is not term]
        if _all_of(endings.all, rest) == cover:
            terms = rest
    return tuple(t for t, _ in terms), cover


def _options(exploration: Exploration, pathway: Pathway) -> dict[str, tuple[str, ...]]:
    """The options of each question the exploration tells routes apart by, in pathway order."""
    questions = [(q, pathway.question(q)) for q in exploration.relevant]
    return {q: tuple(o.id for o in question.options) for q, question in questions if question is not None}


def _size(description: Description) -> tuple[int, int]:
    return len(description), sum(len(terms) for terms in description)


def _merged(found: list[tuple[AnswerTerm, ...]], question: str, order: list[str]) -> Description:
    """Alternatives that differ only in the options of ``question``, as one."""
    out: dict[tuple[AnswerTerm, ...], list[str]] = {}
    loose: list[tuple[AnswerTerm, ...]] = []
    for terms in found:
        own = [t for t in terms if t[0] == question]
        rest = tuple(t for t in terms if t[0] != question)
        if len(own) == 1:
            out.setdefault(rest, []).extend(own[0][1])
        else:
            loose.append(terms)
    merged = []
    for rest, chosen in out.items():
        term = (question, tuple(dict.fromkeys(chosen)))
        merged.append(tuple(sorted((*rest, term), key=lambda t: order.index(t[0]))))
    return (*merged, *loose)


def _conjunction(
    members: int, universe: int, given: Mapping[str, Sequence[tuple[str, int]]], hint: Collection[str]
) -> tuple[AnswerTerm, ...] | None:
    """Few terms that hold on exactly ``members`` among the ``universe`` ends (``given``: the ends where each answer
    was given), or None when no conjunction does (none can be left out). Terms are left out greedily: those on
    questions outside ``hint`` first, then the least telling."""
    terms: list[tuple[AnswerTerm, int]] = []
    for question, pairs in given.items():
        chosen = tuple(o for o, given_o in pairs if given_o & members)
        mask = _mask_union(given_o for _, given_o in pairs if given_o & members)
        if chosen and not members & ~mask:
            terms.append(((question, chosen), mask))
    if _all_of(universe, terms) != members:
        return None
    for term in sorted(terms, key=lambda t: (t[0][0] in hint, -t[1].bit_count())):
        rest = [t for t in terms if t is not term]
        if _all_of(universe, rest) == members:
            terms = rest
    return tuple(t for t, _ in terms)


def _all_of(universe: int, terms: Sequence[tuple[AnswerTerm, int]]) -> int:
    for _, mask in terms:
        universe &= mask
    return universe


def _only_in(first: Pathway, second: Pathway) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Questions of ``first`` that ``second`` lacks, and the options it lacks on questions both have."""
    questions: list[str] = []
    options: list[tuple[str, str]] = []
    for question in first.questions:
        other = second.question(question.id)
        if other is None:
            questions.append(question.id)
        else:
            options += [(question.id, o.id) for o in question.options if other.option(o.id) is None]
    return tuple(questions), tuple(options)


def route_advice(pathway: Pathway) -> Iterator[tuple[dict[str, str], Advice]]:
    """Every route with its advice, in option order, one at a time (a generator: nothing is held but caches).

    A route's answers give a mask of the condition terms they meet; the mask gives the set of blocks that apply
    (``_Applying``); the steps are listed once per such set (``_Steps``), the urgency (``urgency_of``) once per set
    of the blocks among them that give one, and the contacts, which depend only on the blocks that give contacts,
    are composed by ``build_outcome`` once per set of those (tens of thousands on sggg), not once per route."""
    bits, tests = _block_tests(pathway)
    applying, steps_of = _Applying(tests), _Steps(pathway)
    blocks = pathway.blocks
    giving = [b._replace(steps=(), urgency=None) for b in blocks]  # what decides the contacts, and nothing else
    with_contacts = _mask(i for i, b in enumerate(blocks) if b.contacts)
    with_urgency = _mask(i for i, b in enumerate(blocks) if b.urgency)
    by_blocks: dict[int, Advice] = {}
    urgencies: dict[int, Urgency] = {}
    decided: dict[int, tuple[tuple[tuple[str, Role], ...], tuple[str, ...]]] = {}
    for answers in every_route(pathway):
        mask = 0
        for pair in answers.items():
            mask |= bits.get(pair, 0)
        chosen = applying(mask)
        advice = by_blocks.get(chosen)
        if advice is None:
            key = chosen & with_contacts
            contacts_person = decided.get(key)
            if contacts_person is None:
                outcome = build_outcome(pathway, answers, tuple(giving[i] for i in _members(key)))
                contacts = tuple((c.contact.id, c.role) for c in outcome.contacts)
                if len(decided) > _CACHED:  # caches, not records: memory stays bounded on any number of routes
                    decided.clear()
                contacts_person = decided[key] = (contacts, tuple(c.contact.id for c in outcome.person_contacts))
            urgency = urgencies.get(chosen & with_urgency)
            if urgency is None:
                urgency = urgencies[chosen & with_urgency] = urgency_of(blocks[i] for i in _members(chosen))
            if len(by_blocks) > _CACHED:
                by_blocks.clear()
                urgencies.clear()
            contacts, person = contacts_person
            advice = by_blocks[chosen] = Advice(urgency, contacts, steps_of(chosen), person)
        yield answers, advice


class _Applying:
    """Which blocks apply on a route, from its mask of condition terms (``_block_tests``): a table look-up per byte of
    the mask instead of a test per block, for a listing of every route. Per byte position and value, the tables hold
    the blocks whose ``when`` misses a term there, and those whose ``unless`` does: a block applies when its
    ``when`` misses none, and it has no ``unless`` or its ``unless`` misses one (``scope_holds``)."""

    def __init__(self, tests: Sequence[tuple[int, int | None]]) -> None:
        width = max((t.bit_length() for when, unless in tests for t in (when, unless or 0)), default=0)
        self.size = (width + 7) // 8
        self.every = (1 << len(tests)) - 1
        self.free = _mask(i for i, (_, unless) in enumerate(tests) if unless is None)
        needs_when, needs_unless = [0] * (self.size * 8), [0] * (self.size * 8)
        for i, (when, unless) in enumerate(tests):
            for term in _members(when):
                needs_when[term] |= 1 << i
            for term in _members(unless or 0):
                needs_unless[term] |= 1 << i
        self.tables: list[tuple[list[int], list[int]]] = []
        for at in range(0, self.size * 8, 8):
            missing_when, missing_unless = [0] * 256, [0] * 256
            for value in range(256):
                for bit in range(8):
                    if not value >> bit & 1:
                        missing_when[value] |= needs_when[at + bit]
                        missing_unless[value] |= needs_unless[at + bit]
            self.tables.append((missing_when, missing_unless))

    def __call__(self, mask: int) -> int:
        """The blocks that apply (bit i: block i)."""
        not_when = not_unless = 0
        for (missing_when, missing_unless), value in zip(self.tables, mask.to_bytes(self.size, "little"), strict=True):
            not_when |= missing_when[value]
            not_unless |= missing_unless[value]
        return self.every & ~not_when & (self.free | not_unless)


class _Steps:
    """Every step of the advice of a set of blocks, in the order shown, as ``_step_ids`` (``route.arranged``) lists
    them: each step once, in the list of the first block that gives it, by block order within its list. Each
    block's steps and their lists are worked out once, not once per set."""

    def __init__(self, pathway: Pathway) -> None:
        self.given = [
            tuple((step.id, where, _step_key(step.id, where)) for step in block.steps for where in [place(step, block)])
            for block in pathway.blocks
        ]

    def __call__(self, chosen: int) -> tuple[str, ...]:
        """The steps of the blocks in ``chosen`` (bit i: block i)."""
        lists: tuple[list[str], ...] = ([], [], [], [])
        seen: set[str] = set()
        for i in _members(chosen):
            for step, where, key in self.given[i]:
                if step not in seen:
                    seen.add(step)
                    lists[where].append(key)
        return (*lists[0], *lists[1], *lists[2], *lists[3])


def _block_tests(pathway: Pathway) -> tuple[dict[tuple[str, str], int], list[tuple[int, int | None]]]:
    """Bit masks for ``Block.applies``, which is too slow for millions of (route, block) pairs.

    Each condition term gets a bit, and each answer the bits of the terms it meets. A condition holds on a route when
    the route's mask (its answers' bits together) has every bit of the condition's terms.
    """
    bits: dict[tuple[str, str], int] = {}
    terms = itertools.count()

    def mask_of(condition: Condition | None) -> int | None:
        if condition is None:
            return None
        mask = 0
        for term in condition.terms:
            bit = 1 << next(terms)
            for option in term.options:
                bits[term.question, option] = bits.get((term.question, option), 0) | bit
            mask |= bit
        return mask

    tests = [(mask_of(b.when) or 0, mask_of(b.unless)) for b in pathway.blocks]
    return bits, tests


def change_of(old: Advice, new: Advice) -> Change:
    """What differs between two pieces of advice."""
    old_roles, new_roles = dict(old.contacts), dict(new.contacts)
    kept = [c for c in new_roles if old_roles.get(c) == new_roles[c]]
    kept_before = [c for c in old_roles if c in kept]
    moved = _passed(kept_before, kept)
    kept_before, kept = [c for c in kept_before if c in moved], [c for c in kept if c in moved]
    return Change(
        (old.urgency, new.urgency) if old.urgency != new.urgency else None,
        tuple(c for c in new.contacts if c[0] not in old_roles),
        tuple(c for c in old.contacts if c[0] not in new_roles),
        tuple((c, old_roles[c], role) for c, role in new.contacts if c in old_roles and old_roles[c] != role),
        (tuple(kept_before), tuple(kept)) if kept != kept_before else None,
        tuple(s for s in new.steps if s not in old.steps),
        tuple(s for s in old.steps if s not in new.steps),
        [s for s in new.steps if s in old.steps] != [s for s in old.steps if s in new.steps],
        tuple(c for c in new.person if c not in old.person),
        tuple(c for c in old.person if c not in new.person),
    )


def _passed(before: Sequence[str], after: Sequence[str]) -> set[str]:
    """The items of two orders of the same items that changed sides with another: what a re-ordering moved, and what
    it moved past (the others kept their places relative to everything)."""
    where = {item: i for i, item in enumerate(after)}
    out: set[str] = set()
    for i, first in enumerate(before):
        for second in before[i + 1 :]:
            if where[first] > where[second]:
                out |= {first, second}
    return out


def text_changes(old: Pathway, new: Pathway, lang: str) -> Iterator[TextChange]:
    """Texts a helper reads that differ in any language, shown in ``lang`` (or in the language that changed)."""
    for kind, where, field, before, after in _texts(old, new):
        if before == after:
            continue
        if isinstance(before, str | None) and isinstance(after, str | None):
            yield TextChange(kind, where, field, "", before, after)
            continue
        was: Translations = before if isinstance(before, Mapping) else {}
        now: Translations = after if isinstance(after, Mapping) else {}
        differ = [code for code in (lang, *was, *now) if was.get(code) != now.get(code)]
        yield TextChange(kind, where, field, differ[0], was.get(differ[0]), now.get(differ[0]))


FieldValue = Translations | str | None


def _texts(old: Pathway, new: Pathway) -> Iterator[tuple[str, str, str, FieldValue, FieldValue]]:
    yield "pathway", new.id, "title", old.title, new.title
    yield "pathway", new.id, "reminder", old.reminder, new.reminder
    for q in new.questions:
        was = old.question(q.id)
        if was is None:
            continue
        yield "question", q.id, "text", was.text, q.text
        yield "question", q.id, "why", was.why, q.why
        yield "question", q.id, "help", was.help, q.help
        for option in q.options:
            before = was.option(option.id)
            if before is not None:
                yield "option", f"{q.id}={option.id}", "label", before.label, option.label
    old_blocks = {b.id: b for b in old.blocks}
    for block in new.blocks:
        if block.id not in old_blocks:
            continue
        old_steps = {s.id: s for s in old_blocks[block.id].steps}
        old_uses = {u.contact: u for u in old_blocks[block.id].contacts}
        for step in (s for s in block.steps if s.id in old_steps):
            yield "step", f"{block.id}/{step.id}", "text", old_steps[step.id].text, step.text
            yield "step", f"{block.id}/{step.id}", "say", old_steps[step.id].say, step.say
        for use in (u for u in block.contacts if u.contact in old_uses):
            yield "contact", f"{block.id}/{use.contact}", "note", old_uses[use.contact].note, use.note
    old_contacts = old.contacts
    for contact in new.contacts.values():
        was_contact = old_contacts.get(contact.id)
        if was_contact is not None:
            yield "contact", contact.id, "name", was_contact.name, contact.name
            yield "contact", contact.id, "phone", was_contact.phone, contact.phone
            yield "contact", contact.id, "url", was_contact.url, contact.url


# The version of the ``diff --format json`` format (``render/contract.py`` holds its schema): raised when a change would
# break a script that reads it.
DIFF_FORMAT: Final = 1


def diff_data(diff: BehaviourDiff) -> dict[str, Any]:
    """The diff as JSON-ready data: every change set, and the first ``LISTED_ROUTES`` changed routes one by one with
    the count of them all (listing 390,625 routes took a gigabyte and minutes, R14)."""
    return {
        "format": DIFF_FORMAT,
        "pathway": diff.pathway,
        "old": {"version": diff.versions[0], "routes": diff.routes[0]},
        "new": {"version": diff.versions[1], "routes": diff.routes[1]},
        "behaviour_changed": diff.behaviour_changed,
        "changed_routes_total": diff.changed_count,
        "changed_routes": [
            {
                "answers": dict(r.answers),
                "old": _advice_data(r.old),
                "new": _advice_data(r.new),
                "change": _change_data(r.change),
            }
            for r in itertools.islice(diff.listing(), LISTED_ROUTES)
        ],
        "change_sets": [
            {
                "change": _change_data(c.change),
                "routes": c.total,
                "condition": None if c.condition is None else [_terms_data(terms) for terms in c.condition],
                "within": _within_data(c),
                "examples": [dict(answers) for answers in c.examples],
            }
            for c in diff.changed
        ],
        "new_routes": [{"answers": dict(answers), "advice": _advice_data(a)} for answers, a in diff.new_routes],
        "removed_routes": [{"answers": dict(answers), "advice": _advice_data(a)} for answers, a in diff.removed_routes],
        "questions": {"added": list(diff.questions_added), "removed": list(diff.questions_removed)},
        "options": {
            "added": [f"{q}={o}" for q, o in diff.options_added],
            "removed": [f"{q}={o}" for q, o in diff.options_removed],
        },
        "texts": [
            {"kind": t.kind, "id": t.id, "field": t.field, "language": t.lang or None, "old": t.old, "new": t.new}
            for t in diff.texts
        ],
    }


def _within_data(changes: ChangeSet) -> dict[str, Any] | None:
    """Without a condition, what the routes have in common: ``condition`` holds on ``routes`` routes, of which exactly
    those in ``except`` (alternatives, or null when no short description) are not in the set."""
    if not changes.within:
        return None
    return {
        "condition": _terms_data(changes.within),
        "routes": changes.within_total,
        "except": None if changes.exceptions is None else [_terms_data(terms) for terms in changes.exceptions],
    }


def _terms_data(terms: tuple[AnswerTerm, ...]) -> list[dict[str, Any]]:
    return [{"question": question, "options": list(options)} for question, options in terms]


def _advice_data(advice: Advice) -> dict[str, Any]:
    return {
        "urgency": advice.urgency,
        "contacts": [{"id": c, "role": role} for c, role in advice.contacts],
        "steps": list(advice.steps),
        "person": list(advice.person),
    }


def _change_data(change: Change) -> dict[str, Any]:
    return {
        "urgency": None if change.urgency is None else {"old": change.urgency[0], "new": change.urgency[1]},
        "contacts_added": [{"id": c, "role": role} for c, role in change.contacts_added],
        "contacts_removed": [{"id": c, "role": role} for c, role in change.contacts_removed],
        "roles_changed": [{"id": c, "old": was, "new": now} for c, was, now in change.roles_changed],
        "contacts_reordered": change.contacts_reordered is not None,
        "steps_added": list(change.steps_added),
        "steps_removed": list(change.steps_removed),
        "steps_reordered": change.steps_reordered,
        "person_added": list(change.person_added),
        "person_removed": list(change.person_removed),
    }


# The Markdown report's own words (the JSON keys stay as they are); "KEY.one" / "KEY.many" are singular and plural.
_DIFF_TEXTS: Final[dict[str, str]] = {
    "title": "Behaviour diff",
    "version-same": "Note: `version` in {file} is still {version}; raise it with every change, also one to "
    "contacts.yaml or a region.",
    "new-routes": "New routes",
    "removed-routes": "Removed routes",
    "question-added": "question added: {id}",
    "question-removed": "question removed: {id}",
    "option-added": "option added: {id}",
    "option-removed": "option removed: {id}",
    "structure": "Questions and options",
    "texts-changed": "Texts changed",
    "no-change": "No changes in behaviour: all {routes} give the same advice.",
    "no-change-texts": "No changes in behaviour: all {routes} give the same advice; {texts} changed.",
    "same-advice": "the urgency, contacts and steps stay the same on all {routes}",
    "changed": "{n} of {routes} give different advice",
    "before": "{routes} before",
    "advice-changed": "Advice changed",
    "more-kinds": "… and {n} more kinds of change, on {routes} (see --format json)",
    "more": "… and {n} more (see --format json)",
    "where": "routes with {condition}",
    "or-where": "or with {condition}",
    "every-route": "every route, whatever the answers",
    "except-where": "but not those with {condition}",
    "nor-where": "nor those with {condition}",
    "some-where": "{n} of the {routes} with {condition}, for example:",
    "both": "{first} and {second}",
    "either": "{first} or {second}",
    "example": "for example: {route}",
    "examples": "{routes}, for example:",
    "no-contacts": "no contacts",
    "urgency": "urgency {old} → {new}",
    "contacts-added": "contacts added: {contacts}",
    "contacts-removed": "contacts removed: {contacts}",
    "role-changed": "role changed: {roles}",
    "contacts-reordered": "contacts re-ordered: {old} → {new}",
    "steps-added": "steps added: {steps}",
    "steps-removed": "steps removed: {steps}",
    "steps-reordered": "steps re-ordered",
    "person-added": "on the person's handout: {contacts}",
    "person-removed": "no longer on the person's handout: {contacts}",
    "none": "(none)",
    "route.one": "{n} route",
    "route.many": "{n} routes",
    "text.one": "{n} text",
    "text.many": "{n} texts",
    "new-route.one": "{n} new route",
    "new-route.many": "{n} new routes",
    "removed-route.one": "{n} removed route",
    "removed-route.many": "{n} removed routes",
    "question-added.one": "{n} question added",
    "question-added.many": "{n} questions added",
    "question-removed.one": "{n} question removed",
    "question-removed.many": "{n} questions removed",
    "option-added.one": "{n} option added",
    "option-added.many": "{n} options added",
    "option-removed.one": "{n} option removed",
    "option-removed.many": "{n} options removed",
    "text-changed.one": "{n} text changed",
    "text-changed.many": "{n} texts changed",
}
_DIFF_WORDS: Final = Words("diff", _DIFF_TEXTS)


class _Words:
    """The report's words in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, **values: object) -> str:
        return _DIFF_WORDS(key, self.lang, **values)

    def n(self, count: int, key: str) -> str:
        """``count`` things, in the singular or the plural."""
        return self(f"{key}.{'one' if count == 1 else 'many'}", n=self.number(count))

    def number(self, count: int) -> str:
        """A number as written in this language (267.870 in Dutch)."""
        return number(count, self.lang)

    def urgency(self, urgency: Urgency) -> str:
        """An urgency by the label the helper reads, up to its colon ("Today" of "Today: do not wait until
        tomorrow"): the same words, short enough for a list."""
        from samen_refer.i18n.messages import say

        return say(f"urgency.{urgency}", self.lang).partition(":")[0]


def markdown(diff: BehaviourDiff, lang: str = "en", facts: FactChanges = NO_FACTS) -> str:
    """The diff as Markdown for a pull-request comment: a summary line, then the changed phone numbers, hours, costs
    and web addresses (``contact_diff``), then one section per kind of change."""
    w = _Words(lang)
    old_version, new_version = diff.versions
    texts = [t for t in diff.texts if not (t.kind == "contact" and t.field in FACTS)]  # said with the facts
    lines = [f"## {w('title')}: `{diff.pathway}` {_md(old_version)} → {_md(new_version)}", ""]
    lines.append(_summary(diff, w, len(texts), facts_headline(facts, lang)))
    if (diff.behaviour_changed or texts or facts.changes) and old_version == new_version:
        lines += ["", w("version-same", file=f"`{diff.pathway}.yaml`", version=_md(new_version))]
    lines += facts_markdown(facts, lang)
    lines += _changed_section(diff.changed, w)
    for title, routes in ((w("new-routes"), diff.new_routes), (w("removed-routes"), diff.removed_routes)):
        if routes:
            lines += ["", f"### {title} ({w.number(len(routes))})", ""]
            lines += _capped([f"- {_answers(a)} → {_advice(advice, w)}" for a, advice in routes], LISTED, w)
    structure = [
        *(f"- {w('question-added', id=f'`{q}`')}" for q in diff.questions_added),
        *(f"- {w('question-removed', id=f'`{q}`')}" for q in diff.questions_removed),
        *(f"- {w('option-added', id=f'`{q}={o}`')}" for q, o in diff.options_added),
        *(f"- {w('option-removed', id=f'`{q}={o}`')}" for q, o in diff.options_removed),
    ]
    if structure:
        lines += ["", f"### {w('structure')}", "", *_capped(structure, LISTED, w)]
    if texts:
        lines += [
            "",
            f"### {w('texts-changed')} ({w.number(len(texts))})",
            "",
            *_capped([_text_line(t, w) for t in texts], LISTED, w),
        ]
    return "\n".join(lines) + "\n"


def _summary(diff: BehaviourDiff, w: _Words, texts: int, facts: str) -> str:
    """The first line: the facts a caller needs first, then what the advice does; never "no changes" when a phone
    number, hours, cost or web address changed (U21)."""
    routes = w.n(diff.routes[1], "route")
    if not diff.behaviour_changed:
        if facts:
            same = [f"**{facts}**", w("same-advice", routes=routes)]
            return " · ".join(same + ([w.n(texts, "text-changed")] if texts else []))
        if texts:
            return w("no-change-texts", routes=routes, texts=w.n(texts, "text"))
        return w("no-change", routes=routes)
    before = f" ({w('before', routes=w.n(diff.routes[0], 'route'))})" if diff.routes[0] != diff.routes[1] else ""
    parts = ([f"**{facts}**"] if facts else []) + [
        f"**{w('changed', n=w.number(diff.changed_count), routes=routes)}**{before}"
    ]
    for count, key in (
        (len(diff.new_routes), "new-route"),
        (len(diff.removed_routes), "removed-route"),
        (len(diff.questions_added), "question-added"),
        (len(diff.questions_removed), "question-removed"),
        (len(diff.options_added), "option-added"),
        (len(diff.options_removed), "option-removed"),
        (texts, "text-changed"),
    ):
        if count:
            parts.append(w.n(count, key))
    return " · ".join(parts)


def _changed_section(changed: Sequence[ChangeSet], w: _Words) -> list[str]:
    """Routes with different advice, grouped by what changed (the largest groups first), each described by the
    answers that single it out, then an example."""
    if not changed:
        return []
    lines = ["", f"### {w('advice-changed')} ({w.n(sum(c.total for c in changed), 'route')})"]
    for each in changed[:LISTED]:
        lines += ["", f"**{_describe(each.change, w)}** ({w.n(each.total, 'route')})"]
        if each.condition is None and each.within and each.exceptions is not None:
            lines.append(f"- {w('where', condition=_condition_words(each.within, w))}")
            first, *rest = each.exceptions
            lines.append(f"- {w('except-where', condition=_condition_words(first, w))}")
            lines += [f"- {w('nor-where', condition=_condition_words(terms, w))}" for terms in rest]
            lines.append(f"- {w('example', route=_answers(each.examples[0]))}")
            continue
        if each.condition is None:
            if each.within:
                among, shared = w.n(each.within_total, "route"), _condition_words(each.within, w)
                lines.append(f"- {w('some-where', n=w.number(each.total), routes=among, condition=shared)}")
            else:
                lines.append(f"- {w('examples', routes=w.n(each.total, 'route'))}")
            lines += [f"  - {_answers(a)}" for a in each.examples]
            continue
        first, *rest = each.condition
        if not first:  # no term: the advice changed the same way on every route there is
            lines += [f"- {w('every-route')}", f"- {w('example', route=_answers(each.examples[0]))}"]
            continue
        lines.append(f"- {w('where', condition=_condition_words(first, w))}")
        lines += [f"- {w('or-where', condition=_condition_words(terms, w))}" for terms in rest]
        lines.append(f"- {w('example', route=_answers(each.examples[0]))}")
    if len(changed) > LISTED:
        rest_count = w.n(sum(c.total for c in changed[LISTED:]), "route")
        lines += ["", w("more-kinds", n=w.number(len(changed) - LISTED), routes=rest_count)]
    return lines


def _condition_words(terms: tuple[AnswerTerm, ...], w: _Words) -> str:
    """``question`` = option (or option ...) and ...: the ids, as in the routes listed."""
    said = [
        f"`{question}` = "
        + functools.reduce(lambda first, second: w("either", first=first, second=second), (f"`{o}`" for o in options))
        for question, options in terms
    ]
    return functools.reduce(lambda first, second: w("both", first=first, second=second), said)


def _capped(lines: Sequence[str], limit: int, w: _Words) -> list[str]:
    if len(lines) <= limit:
        return list(lines)
    return [*lines[:limit], f"- {w('more', n=w.number(len(lines) - limit))}"]


def _answers(answers: Answers) -> str:
    return "`" + " ".join(f"{q}={o}" for q, o in answers) + "`"


def _contacts(contacts: Sequence[tuple[str, Role]]) -> str:
    return ", ".join(f"{c} ({role})" for c, role in contacts)


def _advice(advice: Advice, w: _Words) -> str:
    return f"{w.urgency(advice.urgency)}: {_contacts(advice.contacts) or w('no-contacts')}"


def _describe(change: Change, w: _Words) -> str:
    parts = []
    if change.urgency:
        parts.append(w("urgency", old=w.urgency(change.urgency[0]), new=w.urgency(change.urgency[1])))
    if change.contacts_added:
        parts.append(w("contacts-added", contacts=_contacts(change.contacts_added)))
    if change.contacts_removed:
        parts.append(w("contacts-removed", contacts=_contacts(change.contacts_removed)))
    if change.roles_changed:
        parts.append(w("role-changed", roles=", ".join(f"{c} {was} → {now}" for c, was, now in change.roles_changed)))
    if change.contacts_reordered:
        was, now = change.contacts_reordered
        parts.append(w("contacts-reordered", old=", ".join(was), new=", ".join(now)))
    if change.steps_added:
        parts.append(w("steps-added", steps=", ".join(change.steps_added)))
    if change.steps_removed:
        parts.append(w("steps-removed", steps=", ".join(change.steps_removed)))
    if change.steps_reordered:
        parts.append(w("steps-reordered"))
    if change.person_added:
        parts.append(w("person-added", contacts=", ".join(change.person_added)))
    if change.person_removed:
        parts.append(w("person-removed", contacts=", ".join(change.person_removed)))
    return "; ".join(parts)


def _text_line(change: TextChange, w: _Words) -> str:
    language = f" ({change.lang})" if change.lang else ""
    old, new = _quoted(change.old, w), _quoted(change.new, w)
    return f"- {change.kind} `{change.id}` {change.field}{language}: {old} → {new}"


def _quoted(text: str | None, w: _Words) -> str:
    return w("none") if text is None else f'"{_md(text)}"'


def _md(text: str) -> str:
    """Pathway text inside Markdown: on one line, never read as markup, a link or HTML, and never an @mention."""
    return markdown_text(text)
