"""What two versions of a pathway do differently: the advice on every route, the questions and options, the texts.

Routes are matched by their answers. Advice is compared as a helper acts on it: the urgency, the contacts with their
roles in the order shown, and the steps (``advice``). Pure functions: two loaded pathways in, a ``BehaviourDiff``
out; ``render.diff`` turns it into JSON and Markdown.

The method (``compare``), not route by route: advice can differ only where a changed block applies, and how only through
the urgency, contacts and steps it gives ("touched"). So the routes are told apart only by the answers that the flow and
the *involved* blocks look at (``involved``): the changed ones and every block that gives something touched. One
exploration of the new version by those answers (``analysis.explore``) has endings that each stand for many routes;
``endings.Endings`` judges both versions' involved blocks on them, and the engine's ``build_outcome`` gives each side's
advice once per set of blocks that apply. That is exact unless the change re-orders the advice, for a re-ordering lists
every contact (step) of the route, which blocks outside the involved ones decide. In ``build_outcome`` a contact's place
is its role and the first block that gives it that role, a step's the first block that gives it, whatever the other
contacts do; so a touched contact can move among the others only where it keeps its role but another block gives it
first, with another contact of that role given in between (``at_stake``, judged on the same endings). Only then are
routes told apart by more blocks: those that give a contact (step) it may pass (a re-ordering names only the contacts
that changed sides, see ``change_of``), and only on the routes to the endings where it may pass one
(``analysis.Refinement``): elsewhere the involved blocks decide the change alone, whatever those blocks do. Telling
every route apart by their answers took seconds on ``sggg``; this takes a fraction of one. Each set of changed routes
is described by the answers that single it out (``describe``), with examples, on the endings of the exploration that
was needed: the condition is exact either way, but which of two equally exact conditions is chosen may depend on the
shortcut taken.

One source for the rules: ``Endings`` is proven equal to the engine on every ending of the shipped pathway by
``tests/test_validate.py``; the advice on each ending comes from the engine itself. ``tests/test_diff_sets.py``
checks the result against both versions' engine on every route, also for contacts and steps that move.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Final, NamedTuple

from samen_refer.engine.advice import Advice, Answers, Change, Judge, advice, change_of, step_ids
from samen_refer.engine.analysis import (
    ANY,
    ROUTE_BUDGET,
    Exploration,
    Refinement,
    TooManyRoutes,
    explore,
    flow_questions,
    routes_per_end,
    routes_through,
)
from samen_refer.engine.counting import total_routes
from samen_refer.engine.descriptions import AnswerTerm, Description, describe, narrowest
from samen_refer.engine.endings import Endings
from samen_refer.engine.involved import (
    Views,
    at_stake,
    changed_blocks,
    flow_of,
    givers_at_stake,
    involved_blocks,
    relevant_to,
    reordered_kinds,
    touched_by,
    widened_blocks,
)
from samen_refer.engine.masks import mask_of, set_bits, union_of
from samen_refer.engine.text_diff import TextChange, text_changes
from samen_refer.format.pathway import Block, Pathway
from samen_refer.format.source import paused_gc

MAX_ROUTES: Final = ROUTE_BUDGET  # beyond this, comparing route by route takes minutes and gigabytes (sggg: 522,750)
# The most different sets of applying blocks (among those a change involves) whose advice diff works out, twice each
# with ``build_outcome`` (about 0.1 ms a set). One-line changes to sggg need at most a few thousand; a pathway where
# every answer changes the advice needs one per route (8 questions x 5 options: 390,625, 35 s and 1 GB), and stops.
JUDGED_BUDGET: Final = 50_000


class ChangedRoute(NamedTuple):
    """A route that both versions have, with different advice."""

    answers: Answers
    old: Advice
    new: Advice
    change: Change


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
    totals = (total_routes(old), total_routes(new))
    for pathway, total in zip((old, new), totals, strict=True):
        if total > MAX_ROUTES:
            raise TooManyRoutes.of("too-many-routes", pathway=pathway.id, total=f"{total:,}", limit=f"{MAX_ROUTES:,}")
    questions_added, options_added = _only_in(new, old)
    questions_removed, options_removed = _only_in(old, new)
    same_flow = flow_of(old) == flow_of(new)
    changed = changed_blocks(old, new)
    sets: tuple[ChangeSet, ...] = ()
    listing: Callable[[], Iterator[ChangedRoute]] = _no_routes
    new_routes: tuple[tuple[Answers, Advice], ...] = ()
    removed_routes: tuple[tuple[Answers, Advice], ...] = ()
    if changed or not same_flow:
        touched = touched_by(old, new, changed)
        involved = involved_blocks(old, new, changed, touched)
        wider = widened_blocks(old, new, changed, touched, involved)
        with paused_gc():
            after, views = _judged(old, new, involved, everything=not same_flow)
            coarse = after
            if wider != involved:
                explored = set(after.relevant)
                stake = (
                    None
                    if reordered_kinds(old, new, changed)
                    else at_stake(old, new, involved, explored, views, changed, touched)
                )
                widened = wider if stake is None else involved | givers_at_stake(old, new, stake, views[1], explored)
                if widened != involved:
                    involved = widened
                    within = None if stake is None else Refinement(coarse, union_of(stake.values()))
                    after, views = _judged(old, new, involved, not same_flow, within)
            common = views[1].all
            if not same_flow:
                before = explore(old, after.relevant)
                in_old = {end[1] for end in before.ends}
                in_new = {end[1] for end in after.ends}
                common = mask_of(i for i, end in enumerate(after.ends) if end[1] in in_old)
                new_routes = _listed(new, after, (i for i, end in enumerate(after.ends) if end[1] not in in_old))
                removed_routes = _listed(old, before, (i for i, end in enumerate(before.ends) if end[1] not in in_new))
            counts = route_counts(after, coarse)
            sets, listing = _change_sets(old, new, after, views, common, involved, changed, counts)
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


def _judged(
    old: Pathway, new: Pathway, involved: set[str], everything: bool, within: Refinement | None = None
) -> tuple[Exploration, Views]:
    """The new version explored by the answers the involved blocks and the flow look at (those only the blocks
    added by ``at_stake`` look at, only where a contact or step may move: ``within``), and both versions' involved
    blocks judged on its endings. Where the exploration does not tell an answer apart, a block that looks at it is
    judged not to apply, or to apply when only its ``unless`` does: there the blocks ``givers_at_stake`` added
    cannot change the change, whichever they do."""
    after = explore(new, relevant_to(old, new, involved, everything), within=within)
    views = (
        Endings(after, [b for b in old.blocks if b.id in involved]),
        Endings(after, [b for b in new.blocks if b.id in involved]),
    )
    return after, views


def _composed(
    pathway: Pathway,
    answers: Mapping[str, str],
    blocks: tuple[Block, ...],
    bare: Mapping[str, Block],
    decided: dict[tuple[str, ...], Advice],
) -> Advice:
    """The engine's advice (``advice``) from the blocks that apply, the urgency and contacts worked out once per set
    of the blocks among them that give either: when every block that gives a contact counts, thousands of sets of
    blocks share a few hundred of those. The steps are listed as ``build_outcome`` does (first place kept), as in
    ``route_advice``. The engine composes the urgency and contacts from ``bare`` blocks, without their steps and
    conditions: the steps do not decide them (``route_advice`` leaves them out too), the conditions only say why
    (the blocks are known to apply), and arranging the steps took half of the time."""
    deciding = tuple(b for b in blocks if b.contacts or b.urgency)
    key = tuple(b.id for b in deciding)
    known = decided.get(key)
    if known is None:
        known = decided[key] = advice(pathway, answers, tuple(bare[b.id] for b in deciding))
    return known._replace(steps=step_ids(blocks))


def _listed(pathway: Pathway, exploration: Exploration, ends: Iterable[int]) -> tuple[tuple[Answers, Advice], ...]:

    out = []
    for route in routes_through(exploration, list(ends)):
        pairs = tuple((a.question, a.option) for a in route)
        out.append((pairs, advice(pathway, dict(pairs))))
    return tuple(out)


def _applying(scope: int, masks: Sequence[int]) -> dict[int, int] | None:
    """Per end in ``scope``, the set of blocks that apply there (bit j: the j-th mask has the end), from the views'
    bit masks (no ``Block.applies`` per end); None past ``JUDGED_BUDGET`` different sets. The ends are taken a slice
    at a time, so a pathway where every route has a set of its own stops after the first slice (R14: 390,625 sets
    took 4 s to count)."""
    applying: dict[int, int] = {}
    ways: set[int] = set()
    for low in range(0, scope.bit_length(), _SLICE):
        window = (1 << _SLICE) - 1
        part = dict.fromkeys((low + i for i in set_bits(scope >> low & window)), 0)
        for j, mask in enumerate(masks):
            bit = 1 << j
            for i in set_bits(mask >> low & window):
                part[low + i] |= bit
        ways.update(part.values())
        if len(ways) > JUDGED_BUDGET:
            return None
        applying |= part
    return applying


_SLICE: Final = 1 << 16  # ends at a time: more than JUDGED_BUDGET, few enough that a slice takes a fraction of a second


def _change_sets(
    old: Pathway,
    new: Pathway,
    exploration: Exploration,
    views: tuple[Endings, Endings],
    common: int,
    involved: set[str],
    changed: set[str],
    counts: Callable[[Iterable[int]], int],
) -> tuple[tuple[ChangeSet, ...], Callable[[], Iterator[ChangedRoute]]]:
    """The changed routes among ``common`` ends, grouped by what changed (largest first), each described by a
    condition on the answers (or by what its routes share), and a way to list every one of them with its advice."""
    candidates = 0
    for view in views:
        for block_id in changed:
            candidates |= view.blocks.get(block_id, 0)
    sides = ([b for b in old.blocks if b.id in involved], [b for b in new.blocks if b.id in involved])
    scope = candidates & common
    applying = _applying(scope, [v.blocks[b.id] & scope for v, side in zip(views, sides, strict=True) for b in side])
    if applying is None:
        raise TooManyRoutes.of("diff-too-complex", pathway=new.id, limit=f"{JUDGED_BUDGET:,}")
    bares = [{b.id: b._replace(steps=(), when=None, unless=None) for b in side} for side in sides]
    seen: dict[int, Change | None] = {}
    decided: tuple[dict[tuple[str, ...], Advice], ...] = ({}, {})  # per version
    groups: dict[Change, list[int]] = {}
    for index, key in applying.items():
        if key not in seen:
            answers = exploration.answers(exploration.ends[index])
            was_blocks = tuple(b for j, b in enumerate(sides[0]) if key >> j & 1)
            now_blocks = tuple(b for j, b in enumerate(sides[1], len(sides[0])) if key >> j & 1)
            was = _composed(old, answers, was_blocks, bares[0], decided[0])
            now = _composed(new, answers, now_blocks, bares[1], decided[1])
            seen[key] = change_of(was, now) if was != now else None
        change = seen[key]
        if change is not None:
            groups.setdefault(change, []).append(index)
    if not groups:
        return (), _no_routes
    hint = {
        t.question
        for b in (*old.blocks, *new.blocks)
        if b.id in changed
        for c in (b.when, b.unless)
        if c is not None
        for t in c.terms
    }

    def listing() -> Iterator[ChangedRoute]:
        judges = (Judge(old), Judge(new))
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
        members = mask_of(ends)
        condition = describe(members, endings, exploration, new, hint)
        changes = ChangeSet(change, counts(ends), condition, examples)
        if condition is None:
            within, cover = narrowest(members, endings, exploration, new, hint)
            if within:
                exceptions = describe(cover & ~members, endings, exploration, new, hint, universe=cover)
                shared = counts(set_bits(cover))
                changes = changes._replace(within=within, within_total=shared, exceptions=exceptions)
        out.append((ends[0], changes))
    out.sort(key=lambda item: (-item[1].total, item[0]))
    return tuple(changes for _, changes in out), listing


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


def route_counts(exploration: Exploration, coarse: Exploration) -> Callable[[Iterable[int]], int]:
    """How many routes reach these ends of ``exploration``, worked out from the ends of a ``coarse`` exploration of
    the same pathway, which tells routes apart by fewer answers.

    When the coarse one tells routes apart by every answer that decides where they lead (a ``next`` rule's
    condition, or an option with a way of its own), every route that reaches a coarse end asks the same questions,
    and an end of the finer exploration stands for those of them with its answers to the questions only it tells
    apart: the coarse end's routes divided by the options of each such question it answered. Counting the paths
    through the finer one's states took as long as exploring them (640,000 states for a contact that can move on
    sggg); ``tests/test_diff_sets.py`` checks both agree.
    """
    pathway = exploration.pathway
    leading = {q.id for q in pathway.questions if len({o.next or q.next for o in q.options}) > 1}
    if coarse is exploration or not {*flow_questions(pathway), *leading} <= set(coarse.relevant):
        per_end = routes_per_end(exploration)
        return lambda ends: sum(per_end[i] for i in ends)
    coarse_counts = dict(zip(coarse.ends, routes_per_end(coarse), strict=True))
    keep = [exploration.relevant.index(q) for q in coarse.relevant]
    extra = [
        (slot, len(question.options))
        for slot, q in enumerate(exploration.relevant)
        if q not in coarse.relevant and (question := pathway.question(q)) is not None
    ]

    known: dict[int, int] = {}  # worked out once per end, as sets of ends are counted

    def routes_at(i: int) -> int:
        qid, projection = exploration.ends[i]
        routes = coarse_counts[qid, tuple([projection[k] for k in keep])]
        for slot, options in extra:
            if projection[slot] not in (None, ANY):
                routes //= options
        known[i] = routes
        return routes

    def count(ends: Iterable[int]) -> int:
        return sum([known[i] if i in known else routes_at(i) for i in ends])

    return count
