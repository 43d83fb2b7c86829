"""The safety interrupt: what to do at once when an answer means danger, composed here once for every front end.

When an answer makes blocks marked ``interrupt`` newly apply (``route.new_interrupts``), ``samen-refer start`` and the
phone guide stop the questions and show those blocks' steps and the numbers to call; ``route --format json`` lists
the same screens. None of them composes the screen itself: they show an ``Interrupt``. The phone guide's copy of this
rule (``interruptAfter`` in ``render/web/engine.js``) is proven equal to this one on every route by
``tests/test_web_engine.py``.

Which note a number gets is said by the data, not by the order of the blocks or of a dict's writes: when several
blocks of one interrupt give the same contact, it is shown once, with the note of the most urgent of them (their
``urgency``: emergency, urgent, soon, routine, then a block that gives none); only between equally urgent blocks does
the first in the file win. A pathway that wants one note to win over another says so with the blocks' urgency. (A
dict's last write once made the terminal say of 112, for danger "both", "only when life is in danger", the self-harm
block's note, where the acute-danger block, as urgent and first in the file, says "call now".)

The numbers come in the order of the strongest role a block gives each (as in the advice), then by the urgency of the
block whose note it gets, then by where each first appears.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple

from samen_refer.engine.route import Answer, new_interrupts
from samen_refer.format.contact import Contact
from samen_refer.format.language import Translations
from samen_refer.format.pathway import Block, Pathway, Step
from samen_refer.format.vocabulary import ROLES, URGENCIES, Role, Urgency


class Call(NamedTuple):
    """A number to call now: a contact once, with the note of the most urgent interrupt block that gives it."""

    contact: Contact
    role: Role  # the strongest role any block of the interrupt gives it: the calls are ranked by it
    note: Translations | None  # that block's note, also when it has none (a calmer block's note would mislead)
    block: str  # the block the note comes from


class Interrupt(NamedTuple):
    """The safety screen for one answer: the blocks that set it off, their steps and the numbers to call."""

    blocks: tuple[Block, ...]  # in file order
    steps: tuple[Step, ...]  # in block order; a step in two blocks once, at its first place
    calls: tuple[Call, ...]


class Fired(NamedTuple):
    """An interrupt on a route, with the answer that set it off."""

    after: Answer
    interrupt: Interrupt


def _rank(urgency: Urgency | None) -> int:
    """How urgent a block is, most urgent first (0); a block that gives no urgency ranks after ``routine``."""
    return len(URGENCIES) if urgency is None else URGENCIES.index(urgency)


def interrupt_after(pathway: Pathway, before: Mapping[str, str], after: Mapping[str, str]) -> Interrupt | None:
    """The safety screen an answer sets off (the answers ``before`` it and ``after`` it), or None when it sets off
    none."""
    blocks = new_interrupts(pathway, before, after)
    return _compose(pathway, blocks) if blocks else None


def interrupt_of_answer(pathway: Pathway, answers: Mapping[str, str], question: str) -> Interrupt | None:
    """The safety screen the answer to ``question``, the last of the ``answers``, sets off, or None."""
    return interrupt_after(pathway, _Without(answers, question), answers)


class _Without(Mapping[str, str]):
    """The answers but one, without copying them: a copy per answer made a walk of n answers cost n * n (R13)."""

    def __init__(self, answers: Mapping[str, str], left_out: str) -> None:
        self._answers, self._left_out = answers, left_out

    def __getitem__(self, question: str) -> str:
        if question == self._left_out:
            raise KeyError(question)
        return self._answers[question]

    def __iter__(self) -> Iterator[str]:
        return (question for question in self._answers if question != self._left_out)

    def __len__(self) -> int:
        return len(self._answers) - (self._left_out in self._answers)


def route_interrupts(pathway: Pathway, answers: Sequence[Answer]) -> tuple[Fired, ...]:
    """Every interrupt the answers set off, in the order asked (a route's ``answers``)."""
    fired: list[Fired] = []
    given: dict[str, str] = {}
    for answer in answers:
        given[answer.question] = answer.option
        interrupt = interrupt_after(pathway, _Without(given, answer.question), given)
        if interrupt is not None:
            fired.append(Fired(answer, interrupt))
    return tuple(fired)


def _compose(pathway: Pathway, blocks: tuple[Block, ...]) -> Interrupt:
    steps: dict[str, Step] = {}
    first: dict[str, int] = {}  # contact id -> where it first appears
    strongest: dict[str, Role] = {}
    chosen: dict[str, tuple[int, Block, Translations | None]] = {}  # contact id -> (urgency rank, block, note)
    for block in blocks:
        for step in block.steps:
            steps.setdefault(step.id, step)
        rank = _rank(block.urgency)
        for use in block.contacts:
            if use.contact not in pathway.contacts:
                continue  # a loaded pathway has no unknown contacts; see checks.references
            first.setdefault(use.contact, len(first))
            if use.contact not in strongest or ROLES.index(use.role) < ROLES.index(strongest[use.contact]):
                strongest[use.contact] = use.role
            if use.contact not in chosen or rank < chosen[use.contact][0]:  # equally urgent: the first block stays
                chosen[use.contact] = (rank, block, use.note)
    order = sorted(first, key=lambda c: (ROLES.index(strongest[c]), chosen[c][0], first[c]))
    calls = tuple(Call(pathway.contacts[c], strongest[c], chosen[c][2], chosen[c][1].id) for c in order)
    return Interrupt(blocks, tuple(steps.values()), calls)
