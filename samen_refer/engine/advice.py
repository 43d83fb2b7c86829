"""The advice on a route as ``diff`` and ``routes`` compare it, and how it changed.

``Advice`` is what a helper acts on: the urgency, the contacts with their roles in the order shown, the steps, and
the contacts on the person's handout; ``advice`` takes it from the engine's ``build_outcome``. ``route_advice`` is the
``routes`` listing's shortcut (bit masks, streamed); ``tests/test_diff.py`` proves it equal to the engine on every
route. ``change_of`` says what differs between two pieces of advice.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Final, NamedTuple

from samen_refer.engine.counting import total_routes
from samen_refer.engine.masks import mask_of, set_bits
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
from samen_refer.format.pathway import Block, Condition, Pathway
from samen_refer.format.vocabulary import Role, Urgency

_CACHED: Final = 100_000  # pieces of advice kept for routes still to come


Answers = tuple[tuple[str, str], ...]  # (question, option) in the order asked


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


def step_ids(blocks: Iterable[Block]) -> tuple[str, ...]:
    """Every step of the advice in the order shown: the steps, then what to know, then care (``route.arranged``);
    what to know and care are named with their kind, so a step that moves to another list is a change."""
    return tuple(_step_key(step.id, place(step, block)) for step, block in arranged(blocks))


def _step_key(step: str, where: int) -> str:
    return f"{step} ({'know' if where == BACKGROUND else 'care'})" if where in (BACKGROUND, CARE) else step


class Judge:
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
    with_contacts = mask_of(i for i, b in enumerate(blocks) if b.contacts)
    with_urgency = mask_of(i for i, b in enumerate(blocks) if b.urgency)
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
                outcome = build_outcome(pathway, answers, tuple(giving[i] for i in set_bits(key)))
                contacts = tuple((c.contact.id, c.role) for c in outcome.contacts)
                if len(decided) > _CACHED:  # caches, not records: memory stays bounded on any number of routes
                    decided.clear()
                contacts_person = decided[key] = (contacts, tuple(c.contact.id for c in outcome.person_contacts))
            urgency = urgencies.get(chosen & with_urgency)
            if urgency is None:
                urgency = urgencies[chosen & with_urgency] = urgency_of(blocks[i] for i in set_bits(chosen))
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
        self.free = mask_of(i for i, (_, unless) in enumerate(tests) if unless is None)
        needs_when, needs_unless = [0] * (self.size * 8), [0] * (self.size * 8)
        for i, (when, unless) in enumerate(tests):
            for term in set_bits(when):
                needs_when[term] |= 1 << i
            for term in set_bits(unless or 0):
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
    """Every step of the advice of a set of blocks, in the order shown, as ``step_ids`` (``route.arranged``) lists
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
        for i in set_bits(chosen):
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


class Listing(NamedTuple):
    """The first routes of a pathway with their advice (a stream: they are worked out as they are read), and how
    many routes there are in all."""

    routes: Iterator[tuple[dict[str, str], Advice]]
    total: int


def list_routes(pathway: Pathway, limit: int) -> Listing:
    """Up to ``limit`` routes with their advice, as a stream, and the total; refuses a pathway with a loop."""
    total = total_routes(pathway)
    return Listing(islice(route_advice(pathway), limit), total)
