"""What every ending of a pathway contains, computed for all endings at once.

Each fact ("block X applies", "contact C has role R", "step S is shown") is a bitset over the exploration's end
states (bit k: the k-th end, in breadth-first order, so the lowest set bit is the shortest route). The rules follow
``route.build_outcome`` exactly; a test checks both agree on every ending of the shipped pathway. ``unmet`` tells
in words how one outcome falls short of an expectation (``Endings.failing`` finds every ending that does).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence

from samen_refer.engine.analysis import Exploration
from samen_refer.engine.route import GENERAL, SITUATION, Outcome, place
from samen_refer.format.expectation import Expectation
from samen_refer.format.pathway import Block, Condition
from samen_refer.format.vocabulary import POSITION_ROLES, POSITIONS, ROLES, URGENCIES, Position


def lowest(mask: int) -> int:
    """Index of the lowest set bit (mask must be non-zero)."""
    return (mask & -mask).bit_length() - 1


def _union(masks: Iterable[int]) -> int:
    out = 0
    for mask in masks:
        out |= mask
    return out


def _answered(exploration: Exploration) -> dict[tuple[str, str], int]:
    """For each answer given on some end, the ends where it was given.

    Column by column, in C: each question's answers become one byte per end, each option a string of "0" and "1"
    read as a binary number (the last end first, so that bit k is the k-th end). A loop over ends and questions in
    Python took most of the time of ``diff`` on ``sggg`` once it explores 100,000 ends."""
    projections = [projection for _, projection in exploration.ends]
    out: dict[tuple[str, str], int] = {}
    for slot, question in enumerate(exploration.relevant):
        column = list(map(operator.itemgetter(slot), projections))
        options = sorted(set(column) - {None}, key=str)
        if len(options) > 250:  # more than a byte holds: one option at a time
            for option in options:
                out[question, option] = sum(1 << i for i, given in enumerate(column) if given == option)
            continue
        code: dict[str | None, int] = {None: 0} | {option: i + 1 for i, option in enumerate(options)}
        coded = bytes(map(code.__getitem__, column))
        for option in options:
            table = bytearray(b"0" * 256)
            table[code[option]] = ord("1")
            out[question, option] = int(coded.translate(table)[::-1], 2)
    return out


class Endings:
    """Bitsets of facts over every end state of an exploration.

    ``blocks`` (default: the explored pathway's) may be another version's, or only some of them: their conditions must
    look only at the exploration's relevant questions. ``diff`` uses that to judge two versions on the same endings.
    """

    def __init__(self, exploration: Exploration, blocks: Sequence[Block] | None = None) -> None:
        blocks = exploration.pathway.blocks if blocks is None else blocks
        count = len(exploration.ends)
        self.all = (1 << count) - 1
        self._answered = _answered(exploration)
        self.blocks = {b.id: self.holds(b.when, True) & ~self.holds(b.unless, False) & self.all for b in blocks}
        self.steps: dict[str, int] = {}
        given: dict[tuple[str, str], int] = {}
        self.person: dict[str, int] = {}  # the contact is on the person's handout
        urgency_given = dict.fromkeys(URGENCIES, 0)
        for block in blocks:
            mask = self.blocks[block.id]
            for step in block.steps:
                self.steps[step.id] = self.steps.get(step.id, 0) | mask
            for use in block.contacts:
                given[use.contact, use.role] = given.get((use.contact, use.role), 0) | mask
                if use.for_person:
                    self.person[use.contact] = self.person.get(use.contact, 0) | mask
            if block.urgency:
                urgency_given[block.urgency] |= mask
        contacts = list(dict.fromkeys(c for c, _ in given))
        self.roles: dict[tuple[str, str], int] = {}  # the contact's role in the outcome is exactly this one
        for contact in contacts:
            stronger = 0
            for role in ROLES:
                mine = given.get((contact, role), 0)
                self.roles[contact, role] = mine & ~stronger
                stronger |= mine
        self.present = {c: _union(given.get((c, r), 0) for r in ROLES) for c in contacts}
        self.urgency: dict[str, int] = {}
        stronger = 0
        for urgency in URGENCIES:
            self.urgency[urgency] = urgency_given[urgency] & ~stronger
            stronger |= urgency_given[urgency]
        self.urgency["routine"] |= self.all & ~stronger
        self.first = self._first_contacts(blocks, given)
        self.first_step = self._first_steps(blocks)
        # the ends where some step or contact use takes each position, and where a step with a position is about a
        # contact whose role there does not fit it (the step, the contact, the ends)
        self.positions: dict[Position, int] = dict.fromkeys(POSITIONS, 0)
        self.misfits: list[tuple[str, str, int]] = []
        for block in blocks:
            mask = self.blocks[block.id]
            for step in block.steps:
                if step.position:
                    self.positions[step.position] |= mask
                    if step.contact:
                        fitting = _union(self.roles.get((step.contact, r), 0) for r in POSITION_ROLES[step.position])
                        if mask & ~fitting:
                            self.misfits.append((step.id, step.contact, mask & ~fitting))
            for use in block.contacts:
                if use.stance:
                    self.positions[use.stance] |= mask

    def meeting(self) -> int:
        """The ends where the person's choice meets a position that overrides it (safety or a duty to report)."""
        return self.positions["choice"] & (self.positions["safety"] | self.positions["duty"])

    def holds(self, condition: Condition | None, absent: bool) -> int:
        """The ends where a condition holds (``absent``: what no condition means)."""
        if condition is None:
            return self.all if absent else 0
        mask = self.all
        for term in condition.terms:
            mask &= _union(self._answered.get((term.question, option), 0) for option in term.options)
        return mask

    def answered(self, question: str, options: Iterable[str]) -> int:
        """The ends where ``question`` was answered with one of ``options``."""
        return _union(self._answered.get((question, option), 0) for option in options)

    def _first_contacts(self, blocks: Sequence[Block], given: dict[tuple[str, str], int]) -> dict[str, int]:
        """The ends where each contact comes first: the earliest contact given the strongest role present."""
        first: dict[str, int] = {}
        decided = 0
        for role in ROLES:
            remaining = _union(mask for (_, r), mask in given.items() if r == role) & ~decided
            decided |= remaining
            for block in blocks:
                for use in block.contacts:
                    if use.role == role and remaining:
                        hit = remaining & self.blocks[block.id]
                        first[use.contact] = first.get(use.contact, 0) | hit
                        remaining &= ~hit
        return first

    def _first_steps(self, blocks: Sequence[Block]) -> dict[str, int]:
        """The ends where each step is the first one shown: the first step to do or say of the situation's own, else of
        the general blocks (``route.arranged``)."""
        first: dict[str, int] = {}
        remaining = self.all
        for tier in (SITUATION, GENERAL):
            for block in blocks:
                step = next((s for s in block.steps if place(s, block) == tier), None)
                if step is not None and remaining:
                    hit = remaining & self.blocks[block.id]
                    first[step.id] = first.get(step.id, 0) | hit
                    remaining &= ~hit
        return first

    def failing(self, expect: Expectation) -> int:
        """The ends whose outcome does not meet the expectation."""
        bad = 0
        allowed = expect.urgencies()
        if len(allowed) < len(URGENCIES):
            bad |= self.all & ~_union(self.urgency[u] for u in allowed)
        if expect.first_contact:
            bad |= self.all & ~self.first.get(expect.first_contact, 0)
        for contact, role in expect.contacts:
            bad |= self.all & ~self.roles.get((contact, role), 0)
        for contact in expect.absent:
            bad |= self.present.get(contact, 0)
        for role in expect.roles_absent:
            bad |= _union(mask for (_, r), mask in self.roles.items() if r == role)
        for step in expect.steps:
            bad |= self.all & ~self.steps.get(step, 0)
        for step in expect.steps_absent:
            bad |= self.steps.get(step, 0)
        if expect.first_step:
            bad |= self.all & ~self.first_step.get(expect.first_step, 0)
        for contact in expect.person_contacts:
            bad |= self.all & ~self.person.get(contact, 0)
        for contact in expect.person_absent:
            bad |= self.person.get(contact, 0)
        return bad

    def without_steps(self) -> int:
        """The ends whose advice has no step."""
        return self.all & ~_union(self.steps.values())

    def without_contacts(self) -> int:
        """The ends whose advice has no contact."""
        return self.all & ~_union(self.present.values())


def unmet(outcome: Outcome, expect: Expectation) -> list[str]:
    """Each way the outcome falls short of the expectation, in words (empty: it holds)."""
    out: list[str] = []
    roles = {c.contact.id: c.role for c in outcome.contacts}
    allowed = expect.urgencies()
    if outcome.urgency not in allowed:
        out.append(f"urgency is '{outcome.urgency}', expected {' or '.join(repr(u) for u in allowed)}")
    first = outcome.contacts[0].contact.id if outcome.contacts else None
    if expect.first_contact and first != expect.first_contact:
        out.append(f"first contact is '{first}', expected '{expect.first_contact}'")
    for contact, role in expect.contacts:
        if contact not in roles:
            out.append(f"contact '{contact}' ({role}) is missing")
        elif roles[contact] != role:
            out.append(f"contact '{contact}' has role '{roles[contact]}', expected '{role}'")
    out += [f"contact '{c}' ({roles[c]}) should not be there" for c in expect.absent if c in roles]
    out += [
        f"contact '{c}' has role '{r}', which is not allowed here" for c, r in roles.items() if r in expect.roles_absent
    ]
    shown = {s.step.id for s in (*outcome.steps, *outcome.background, *outcome.care)}
    out += [f"step '{step}' is missing" for step in expect.steps if step not in shown]
    first_step = outcome.steps[0].step.id if outcome.steps else None
    if expect.first_step and first_step != expect.first_step:
        out.append(f"first step is '{first_step}', expected '{expect.first_step}'")
    out += [f"step '{step}' should not be there" for step in expect.steps_absent if step in shown]
    kept = {c.contact.id for c in outcome.person_contacts}
    out += [f"contact '{c}' is not on the person's handout" for c in expect.person_contacts if c not in kept]
    out += [f"contact '{c}' is on the person's handout, and should not be" for c in expect.person_absent if c in kept]
    return out
