"""The decision engine: from a pathway and answers to the next question or the outcome. Pure functions, no I/O."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple

from samen_refer.format.contact import Contact
from samen_refer.format.language import Translations
from samen_refer.format.pathway import Block, Pathway, Question, Rule, Step
from samen_refer.format.region import Region, RegionalContact
from samen_refer.format.vocabulary import DOING_KINDS, END, ROLES, URGENCIES, Position, Role, Urgency
from samen_refer.problem import SamenReferError


class Answer(NamedTuple):
    """The option chosen for one question."""

    question: str
    option: str


class AdvisedStep(NamedTuple):
    """A step in an outcome, with the answers that put it there."""

    step: Step
    because: tuple[Answer, ...]


class AdvisedContact(NamedTuple):
    """A contact in an outcome, with its role and the answers that put it there."""

    contact: Contact
    role: Role
    because: tuple[Answer, ...]
    note: Translations | None = None
    person: bool = False  # also on the person's handout: some block that gives it says so (see ContactUse.for_person)
    regional: bool = False  # from the region's own social map, not from the pathway's national contacts
    position: Position | None = None  # the stance of the use that gave its role (ContactUse.stance)


class Outcome(NamedTuple):
    """What to do: urgency, the steps to do or say (the situation's own first), contacts in priority order, and apart
    from the steps: what to know (``background``) and the helper's own care (``care``)."""

    urgency: Urgency
    steps: tuple[AdvisedStep, ...]
    contacts: tuple[AdvisedContact, ...]
    blocks: tuple[str, ...]
    background: tuple[AdvisedStep, ...] = ()
    care: tuple[AdvisedStep, ...] = ()

    @property
    def person_contacts(self) -> tuple[AdvisedContact, ...]:
        """The contacts the person may keep (the person's handout), in the order of the advice."""
        return tuple(c for c in self.contacts if c.person)


class Route(NamedTuple):
    """Where the answers lead: the answers used in the order asked, then either a question or the outcome."""

    answers: tuple[Answer, ...]
    unused: tuple[Answer, ...]
    next_question: Question | None
    outcome: Outcome | None

    @property
    def complete(self) -> bool:
        """Whether the answers reach an outcome."""
        return self.outcome is not None


class AnswerError(SamenReferError):
    """An answer names a question or option the pathway does not have."""


def check_answer(pathway: Pathway, question_id: str, option_id: str) -> None:
    """Raise ``AnswerError`` unless the pathway has this question and option."""
    question = pathway.question(question_id)
    if question is None:
        known = ", ".join(q.id for q in pathway.questions)
        raise AnswerError.of("no-question", pathway=pathway.id, question=question_id, known=known)
    if question.option(option_id) is None:
        known = ", ".join(o.id for o in question.options)
        raise AnswerError.of("no-option", question=question_id, option=option_id, known=known)


def next_target(rules: Iterable[Rule], answers: Mapping[str, str]) -> str:
    """Where the first matching rule leads."""
    for rule in rules:
        if rule.when is None or rule.when.holds(answers):
            return rule.to
    return END  # a validated pathway always ends its rules with an unconditional one


def follow(pathway: Pathway, given: Mapping[str, str], region: Region | None = None) -> Route:
    """Walk the pathway from its start with the given answers, as far as they reach; a region adds its contacts."""
    for question_id, option_id in given.items():
        check_answer(pathway, question_id, option_id)
    asked: dict[str, str] = {}
    current = pathway.start
    while current != END:
        question = pathway.question(current)
        if question is None or current in asked:
            raise SamenReferError.of("pathway-loop-at", pathway=pathway.id, question=current)
        chosen = given.get(current)
        if chosen is None:
            return Route(_pairs(asked), _unused(given, asked), question, None)
        asked[current] = chosen
        current = leads_to(question, chosen, asked)
    return Route(_pairs(asked), _unused(given, asked), None, build_outcome(pathway, asked, region=region))


def leads_to(question: Question, option_id: str, asked: Mapping[str, str]) -> str:
    """The question (or ``END``) that answering ``question`` with ``option_id`` leads to; ``asked`` holds every answer
    so far, this one included."""
    option = question.option(option_id)
    return next_target((option.next if option else None) or question.next or (), asked)


class Walk:
    """A walk through a pathway one answer at a time, as ``start`` asks: each answer and each step back costs the
    same however long the pathway is (``follow`` walks from the start again: a piped walk over a chain of 2,000
    questions took 34 s, R13). ``route()`` gives the same ``Route`` as ``follow`` with these answers."""

    def __init__(self, pathway: Pathway) -> None:
        self.pathway = pathway
        self.answers: dict[str, str] = {}  # in the order asked: every one is on the route
        self.current = pathway.start  # the question to ask next, or END

    @property
    def question(self) -> Question | None:
        """The question to ask next; None when the answers reach the advice."""
        if self.current == END:
            return None
        question = self.pathway.question(self.current)
        if question is None or self.current in self.answers:
            raise SamenReferError.of("pathway-loop-at", pathway=self.pathway.id, question=self.current)
        return question

    def answer(self, option_id: str) -> None:
        """Answer the next question with this option (one of its own)."""
        question = self.question
        assert question is not None and question.option(option_id) is not None
        self.answers[question.id] = option_id
        self.current = leads_to(question, option_id, self.answers)

    def back(self) -> Answer | None:
        """Take back the last answer (None when there is none): its question is asked next again."""
        if not self.answers:
            return None
        question, option = self.answers.popitem()
        self.current = question
        return Answer(question, option)

    def route(self, region: Region | None = None) -> Route:
        """Where the answers lead, with the outcome once they reach it."""
        if self.current != END:
            return Route(_pairs(self.answers), (), self.question, None)
        return Route(_pairs(self.answers), (), None, build_outcome(self.pathway, self.answers, region=region))


def _pairs(answers: Mapping[str, str]) -> tuple[Answer, ...]:
    return tuple(Answer(q, o) for q, o in answers.items())


def _unused(given: Mapping[str, str], asked: Mapping[str, str]) -> tuple[Answer, ...]:
    return tuple(Answer(q, o) for q, o in given.items() if q not in asked)


def selected_blocks(pathway: Pathway, answers: Mapping[str, str]) -> tuple[Block, ...]:
    """The blocks whose conditions the answers meet, in file order."""
    return tuple(b for b in pathway.blocks if b.applies(answers))


def new_interrupts(pathway: Pathway, before: Mapping[str, str], after: Mapping[str, str]) -> tuple[Block, ...]:
    """The blocks marked ``interrupt`` that apply after an answer and did not before it, in file order."""
    return tuple(b for b in pathway.blocks if b.interrupt and b.applies(after) and not b.applies(before))


def handout_safe(pathway: Pathway, answers: Mapping[str, str]) -> bool:
    """Whether a handout may be offered: no block that applies says ``handout: false`` (a paper can be found)."""
    return all(b.handout for b in selected_blocks(pathway, answers))


# Where a step is listed (``place``): the situation's own steps to do or say, then those of general blocks (on nearly
# every route), then what to know, then the helper's own care.
SITUATION, GENERAL, BACKGROUND, CARE = range(4)


def place(step: Step, block: Block) -> int:
    """Which list, and where in it, a step goes: decided by its kind and its block, never by file order alone."""
    if step.kind in DOING_KINDS:
        return GENERAL if block.general else SITUATION
    return BACKGROUND if step.kind == "know" else CARE


def arranged(blocks: Iterable[Block]) -> list[tuple[Step, Block]]:
    """Each step of these blocks once (a step shared by blocks keeps its first block and text), in the order shown:
    by ``place``, then by block order."""
    first: dict[str, tuple[Step, Block]] = {}
    for block in blocks:
        for step in block.steps:
            first.setdefault(step.id, (step, block))
    return sorted(first.values(), key=lambda pair: place(*pair))


def build_outcome(
    pathway: Pathway,
    answers: Mapping[str, str],
    blocks: tuple[Block, ...] | None = None,
    region: Region | None = None,
) -> Outcome:
    """Compose the outcome from every block that applies (``blocks``: those, already known to apply).

    A region's contacts that serve these answers come after the national ones of the same role: the national line
    that fits stays first, and the local help follows it."""
    blocks = selected_blocks(pathway, answers) if blocks is None else blocks
    urgency = urgency_of(blocks)
    because_of: dict[str, tuple[Answer, ...]] = {}
    contacts: dict[str, AdvisedContact] = {}
    directory = pathway.contacts
    for block in blocks:
        because = tuple(Answer(t.question, answers[t.question]) for t in block.when.terms) if block.when else ()
        for step in block.steps:
            because_of[step.id] = _merge(because_of.get(step.id, ()), because)
        for use in block.contacts:
            contact = directory.get(use.contact)
            if contact is None:
                continue  # a loaded pathway has no unknown contacts; see checks.references
            earlier_contact = contacts.get(use.contact)
            if earlier_contact is None:
                contacts[use.contact] = AdvisedContact(
                    contact, use.role, because, use.note, use.for_person, position=use.stance
                )
            elif ROLES.index(use.role) < ROLES.index(earlier_contact.role):
                del contacts[use.contact]  # it now ranks where its strongest role was given
                contacts[use.contact] = AdvisedContact(
                    contact,
                    use.role,
                    _merge(because, earlier_contact.because),
                    use.note or earlier_contact.note,
                    use.for_person or earlier_contact.person,
                    position=use.stance,
                )
            else:
                contacts[use.contact] = earlier_contact._replace(
                    because=_merge(earlier_contact.because, because),
                    person=earlier_contact.person or use.for_person,
                )
    ordered = sorted(contacts.values(), key=lambda c: ROLES.index(c.role))
    lists: tuple[list[AdvisedStep], ...] = ([], [], [], [])
    for step, block in arranged(blocks):
        lists[place(step, block)].append(AdvisedStep(step, because_of[step.id]))
    return Outcome(
        urgency,
        (*lists[SITUATION], *lists[GENERAL]),
        tuple(_with_region(ordered, region, answers)),
        tuple(b.id for b in blocks),
        tuple(lists[BACKGROUND]),
        tuple(lists[CARE]),
    )


def urgency_of(blocks: Iterable[Block]) -> Urgency:
    """How urgent the advice of these blocks is: the most urgent any of them gives, else ``routine``."""
    return min((b.urgency for b in blocks if b.urgency), key=URGENCIES.index, default="routine")


def _with_region(
    national: list[AdvisedContact], region: Region | None, answers: Mapping[str, str]
) -> list[AdvisedContact]:
    """The national contacts with the region's own that serve these answers: each right after the national contact
    it names in ``after`` (several after the same one in file order), else after the last contact of its role."""
    if region is None:
        return national
    out = list(national)
    given = {c.contact.id for c in national}
    serving = [r for r in region.contacts if r.serves_answers(answers) and r.contact.id not in given]
    by_role = [r for r in serving if r.after not in given]
    anchored = [r for r in serving if r.after in given]
    for regional in by_role:  # first, so that the anchored ones stay right behind their national contact
        rank = ROLES.index(regional.role)
        place = max((i + 1 for i, c in enumerate(out) if ROLES.index(c.role) <= rank), default=0)
        out.insert(place, _advised(regional, answers))
    for regional in reversed(anchored):  # each inserted right after its anchor: file order in the end
        place = next(i for i, c in enumerate(out) if c.contact.id == regional.after) + 1
        out.insert(place, _advised(regional, answers))
    return out


def _advised(regional: RegionalContact, answers: Mapping[str, str]) -> AdvisedContact:
    terms = regional.serves.terms if regional.serves else ()
    because = tuple(Answer(t.question, answers[t.question]) for t in terms)
    return AdvisedContact(regional.contact, regional.role, because, None, regional.for_person, regional=True)


def _merge(first: tuple[Answer, ...], second: tuple[Answer, ...]) -> tuple[Answer, ...]:
    return tuple(dict.fromkeys(first + second))


def questions_left(pathway: Pathway, question_id: str) -> int:
    """The most questions any route can still ask from this one on (this one included), for showing progress."""
    return questions_ahead(pathway).get(question_id, 0)


def questions_ahead(pathway: Pathway) -> dict[str, int]:
    """For every question, the most questions any route can still ask from it on (itself included): worked out for
    all questions in one pass, so that ``start`` shows "question N of at most M" at no cost per answer (R13).

    Iterative (a pathway may be a chain of thousands of questions); a rule back to a question on the current path
    (a loop, which validate reports) counts as the end."""
    memo: dict[str, int] = {}
    on_path: set[str] = set()
    stack: list[tuple[str, list[str]]] = []

    def enter(qid: str) -> None:
        question = pathway.question(qid)
        if question is None:
            memo[qid] = 0
            return
        rules = [*(question.next or ()), *(r for o in question.options for r in (o.next or ()))]
        on_path.add(qid)
        stack.append((qid, [r.to for r in rules if r.to != END]))

    for root in pathway.questions:
        if root.id in memo:
            continue
        enter(root.id)
        while stack:
            qid, targets = stack[-1]
            while targets and (targets[-1] in memo or targets[-1] in on_path):
                targets.pop()
            if targets:
                enter(targets.pop())
                continue
            stack.pop()
            on_path.discard(qid)
            question = pathway.question(qid)
            assert question is not None
            rules = [*(question.next or ()), *(r for o in question.options for r in (o.next or ()))]
            memo[qid] = 1 + max((memo.get(r.to, 0) for r in rules if r.to != END), default=0)
    return memo


def every_route(pathway: Pathway) -> Iterator[dict[str, str]]:
    """Every complete set of answers the pathway can be walked with, in option order, one by one (a generator: the
    caller may stop at any time). One dict of answers is extended and taken back as the walk goes, so a route of
    thousands of questions costs no more than its length; each route yielded is a copy."""
    answers: dict[str, str] = {}
    stack: list[tuple[Question, int]] = []  # the questions on the current route, and the option tried at each
    current = pathway.start
    while True:
        if current == END:
            yield dict(answers)
        else:
            question = pathway.question(current)
            if question is None or current in answers:
                raise SamenReferError.of("pathway-loop-at", pathway=pathway.id, question=current)
            stack.append((question, -1))
        current = ""
        while stack and not current:  # the next option of the deepest question that has one left
            question, index = stack.pop()
            answers.pop(question.id, None)
            if index + 1 < len(question.options):
                option = question.options[index + 1]
                stack.append((question, index + 1))
                answers[question.id] = option.id
                current = next_target(option.next or question.next or (), answers)
        if not current:
            return
