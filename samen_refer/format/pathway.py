"""A referral pathway: questions with options, where each answer leads, and the outcome blocks advice is built from."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from samen_refer.format.contact import Contact, Directory, read_directory
from samen_refer.format.expectation import EXPECT, Expectation, expectation_ids
from samen_refer.format.language import Text
from samen_refer.format.shape import (
    INVALID,
    Bool,
    Choice,
    Either,
    Field,
    Id,
    ListOf,
    MapOf,
    Pos,
    Reader,
    Record,
    Str,
    Translated,
    read_languages,
)
from samen_refer.format.source import Document, paused_gc, position, read_document
from samen_refer.format.vocabulary import END, PERSON_ROLES, ROLES, URGENCIES, Role, Urgency
from samen_refer.problem import ContentError, Problem, Said, said


class Term(NamedTuple):
    """One part of a condition: the answer to ``question`` is one of ``options``."""

    question: str
    options: tuple[str, ...]
    at: Pos = (1, 1)


class Condition(NamedTuple):
    """All terms hold (and within a term, any option). A question not answered makes its term false."""

    terms: tuple[Term, ...]

    def holds(self, answers: Mapping[str, str]) -> bool:
        """Whether the answers meet every term."""
        for term in self.terms:  # noqa: SIM110 (a plain loop is twice as fast as all(); it runs per block per route)
            if answers.get(term.question) not in term.options:
                return False
        return True


def scope_holds(when: Condition | None, unless: Condition | None, answers: Mapping[str, str]) -> bool:
    """``when`` holds (no ``when``: always) and ``unless`` does not."""
    if when is not None and not when.holds(answers):
        return False
    return unless is None or not unless.holds(answers)


class Rule(NamedTuple):
    """Go ``to`` a question (or ``end``) when the condition holds; no condition means always."""

    to: str
    when: Condition | None = None
    at: Pos = (1, 1)


class Option(NamedTuple):
    """One answer a helper can choose."""

    id: str
    label: Text
    next: tuple[Rule, ...] | None = None
    at: Pos = (1, 1)


class Question(NamedTuple):
    """One question, asked of the helper, with why it is asked."""

    id: str
    text: Text
    why: Text
    options: tuple[Option, ...]
    help: Text | None = None
    next: tuple[Rule, ...] | None = None
    at: Pos = (1, 1)

    def option(self, option_id: str) -> Option | None:
        """The option with this id, if any."""
        return next((o for o in self.options if o.id == option_id), None)


class Step(NamedTuple):
    """Something the helper does or says."""

    id: str
    text: Text
    say: Text | None = None
    at: Pos = (1, 1)


class ContactUse(NamedTuple):
    """A contact in an outcome block, with the role it plays there and whether the person gets it on paper."""

    contact: str
    role: Role
    note: Text | None = None
    person: bool | None = None
    at: Pos = (1, 1)

    @property
    def for_person(self) -> bool:
        """Whether this use puts the contact on the person's handout (``person``, or else by role)."""
        return self.role in PERSON_ROLES if self.person is None else self.person


class Block(NamedTuple):
    """A reusable piece of advice, included in every outcome whose answers meet ``when`` and not ``unless``."""

    id: str
    steps: tuple[Step, ...] = ()
    contacts: tuple[ContactUse, ...] = ()
    when: Condition | None = None
    unless: Condition | None = None
    urgency: Urgency | None = None
    interrupt: bool = False
    handout: bool = True
    at: Pos = (1, 1)

    def applies(self, answers: Mapping[str, str]) -> bool:
        """Whether this block belongs in the outcome for these answers."""
        return scope_holds(self.when, self.unless, answers)


class Invariant(NamedTuple):
    """A safety rule that must hold on every route whose answers meet ``when`` and not ``unless``."""

    id: str
    description: Text
    expect: Expectation
    when: Condition | None = None
    unless: Condition | None = None
    at: Pos = (1, 1)

    def applies(self, answers: Mapping[str, str]) -> bool:
        """Whether this rule is about the route with these answers."""
        return scope_holds(self.when, self.unless, answers)


class Pathway:
    """A whole pathway, with the contacts it refers to."""

    __slots__ = (
        "_contacts",
        "_index",
        "blocks",
        "contacts_file",
        "description",
        "directory",
        "id",
        "invariants",
        "languages",
        "path",
        "questions",
        "reminder",
        "start",
        "title",
        "version",
    )

    def __init__(
        self,
        id: str,
        version: str,
        title: Text,
        languages: tuple[str, ...],
        start: str,
        questions: tuple[Question, ...],
        blocks: tuple[Block, ...],
        description: Text | None = None,
        reminder: Text | None = None,
        contacts_file: str = "contacts.yaml",
        path: str = "",
        directory: Directory | None = None,
        invariants: tuple[Invariant, ...] = (),
    ) -> None:
        self.id = id
        self.version = version
        self.title = title
        self.languages = languages
        self.start = start
        self.questions = questions
        self.blocks = blocks
        self.description = description
        self.reminder = reminder
        self.contacts_file = contacts_file
        self.path = path
        self.directory = directory
        self.invariants = invariants
        self._index = {q.id: q for q in questions}
        self._contacts = directory.by_id() if directory else {}

    def __repr__(self) -> str:
        return f"Pathway(id={self.id!r}, version={self.version!r}, path={self.path!r})"

    def question(self, question_id: str) -> Question | None:
        """The question with this id, if any."""
        return self._index.get(question_id)

    @property
    def contacts(self) -> Mapping[str, Contact]:
        """The contacts this pathway can refer to, by id."""
        return self._contacts


class _ConditionShape(MapOf):
    """``{question_id: [option ids]}``; a single option id may stand without brackets."""

    def read(self, node: Any, reader: Reader) -> Any:
        items = super().read(node, reader)
        if items is INVALID:
            return INVALID
        return Condition(tuple(Term(q, opts if isinstance(opts, tuple) else (opts,), at) for q, opts, at in items))


CONDITION = _ConditionShape(
    Either(Id, ListOf(Id, 1)),
    min_entries=1,
    empty=said("an empty condition {{}} always or never holds: name a question and options"),
)
RULE = Record(
    "rule",
    (
        Field("to", Id, True, "question id, or 'end' for the outcome"),
        Field("when", CONDITION, doc="{question_id: [option ids]}; all must hold"),
    ),
    lambda v, at: Rule(v["to"], v.get("when"), at),
    "go to a question when a condition holds",
)


class _NextShape(Either):
    def read(self, node: Any, reader: Reader) -> Any:
        value = super().read(node, reader)
        if isinstance(value, str):
            return (Rule(value, None, position(node)),)
        return value


NEXT = _NextShape(Id, ListOf(RULE, 1))
OPTION = Record(
    "option",
    (
        Field("id", Id, True, "stable id, used in answer files"),
        Field("label", Translated(), True),
        Field("next", NEXT, doc="where this answer leads; defaults to the question's next"),
    ),
    lambda v, at: Option(at=at, **v),
)
QUESTION = Record(
    "question",
    (
        Field("id", Id, True, "stable id, used in answer files"),
        Field("text", Translated(), True, "the question, as the helper reads it"),
        Field("why", Translated(), True, "what the helper can say about why this is asked"),
        Field("help", Translated(), doc="what to say and what to avoid"),
        Field("options", ListOf(OPTION, 1), True),
        Field("next", NEXT, doc="where answers lead unless an option says otherwise"),
    ),
    lambda v, at: Question(at=at, **v),
)
STEP = Record(
    "step",
    (
        Field("id", Id, True),
        Field("text", Translated(), True),
        Field("say", Translated(), doc="words the helper can use"),
    ),
    lambda v, at: Step(at=at, **v),
)
CONTACT_USE = Record(
    "contact in a block",
    (
        Field("contact", Id, True, "id from contacts.yaml"),
        Field("role", Choice(ROLES), True),
        Field("note", Translated(), doc="why this contact, here"),
        Field(
            "person",
            Bool(),
            doc="also on the person's handout (default: true for every role but 'advice', which is for the helper)",
        ),
    ),
    lambda v, at: ContactUse(at=at, **v),
)
BLOCK = Record(
    "block",
    (
        Field("id", Id, True),
        Field("when", CONDITION, doc="included when these answers were given"),
        Field("unless", CONDITION, doc="left out when these answers were given"),
        Field("urgency", Choice(URGENCIES)),
        Field(
            "interrupt",
            Bool(),
            doc="true: as soon as the answers meet 'when', stop the questions and show this block's steps and contacts",
        ),
        Field(
            "handout",
            Bool(),
            doc="false: when this block applies, no handout is offered (e.g. a paper can put the person in danger)",
        ),
        Field("steps", ListOf(STEP)),
        Field("contacts", ListOf(CONTACT_USE)),
    ),
    lambda v, at: Block(at=at, **v),
    "advice included in outcomes whose answers meet its condition",
)
INVARIANT = Record(
    "invariant",
    (
        Field("id", Id, True),
        Field("description", Translated(), True, "the rule, in words"),
        Field("when", CONDITION, doc="the routes this rule is about (default: all)"),
        Field("unless", CONDITION, doc="routes left out of this rule"),
        Field("expect", EXPECT, True, "what the advice must contain on those routes"),
    ),
    lambda v, at: Invariant(at=at, **v),
    "a safety rule checked on every route by `samen-refer validate`",
)
PATHWAY = Record(
    "pathway",
    (
        Field("id", Id, True),
        Field("version", Str(what=said("version")), True),
        Field("title", Translated(), True),
        Field("description", Translated()),
        Field("languages", ListOf(Str(r"[a-z]{2,3}", said("language code")), 1), True),
        Field("reminder", Translated(), doc="one line always shown, e.g. 'Acute danger? Call 112'"),
        Field("contacts", Str(r"[A-Za-z0-9_.-]+\.yaml", said("file name")), doc="contacts file beside this one"),
        Field("start", Id, True, "id of the first question"),
        Field("questions", ListOf(QUESTION, 1), True),
        Field("blocks", ListOf(BLOCK, 1), True),
        Field("invariants", ListOf(INVARIANT), doc="safety rules that must hold on every route"),
    ),
    lambda v, at: v,
)


def read_pathway(
    path: Path, directory: Directory | None = None, read: Callable[[Path], Document] = read_document
) -> tuple[Pathway | None, list[Problem]]:
    """Read a pathway and its contacts file; all problems are returned, the pathway only if it has no errors.
    ``read`` reads each file (``diff --base`` reads them from git, in memory)."""
    doc = read(path)
    problems = list(doc.problems)
    if doc.root is None or problems:  # YAML that cannot be trusted is not read further
        if not problems:
            problems.append(Problem(doc.path, 1, 1, said("the pathway file is empty"), "schema-missing"))
        return None, problems
    reader = Reader(doc.path)
    read_languages(doc.root, reader)
    with paused_gc():
        values = PATHWAY.read(doc.root, reader)
    problems += reader.problems
    if values is INVALID:
        return None, problems
    contacts_name = values.pop("contacts", "contacts.yaml")
    if directory is None:
        directory, contact_problems = read_directory(path.parent / contacts_name, read)
        problems += contact_problems
    languages = tuple(values.pop("languages"))
    pathway = Pathway(
        **values,
        languages=languages,
        contacts_file=contacts_name,
        path=doc.path,
        directory=directory,
    )
    if not reader.problems:  # a broken question or block would only echo as unknown references
        problems += reference_problems(pathway, path.stem)
    if any(p.severity == "error" for p in problems):
        return None, problems
    return pathway, problems


def load_pathway(
    path: Path, directory: Directory | None = None, read: Callable[[Path], Document] = read_document
) -> Pathway:
    """Read a pathway or raise ``ContentError`` with every problem."""
    pathway, problems = read_pathway(path, directory, read)
    if pathway is None:
        raise ContentError(problems)
    return pathway


def reference_problems(pathway: Pathway, stem: str) -> list[Problem]:
    """Ids that are duplicated or point nowhere."""
    out: list[Problem] = []

    def report(at: Pos, message: Said, check: str) -> None:
        out.append(Problem(pathway.path, at[0], at[1], message, check))

    if pathway.id != stem:
        report(
            (1, 1),
            said("pathway id '{id}' differs from its file name '{stem}.yaml'", id=pathway.id, stem=stem),
            "pathway-id",
        )
    questions: dict[str, Question] = {}
    for q in pathway.questions:
        if q.id == END:
            report(
                q.at, said("'{end}' is reserved for 'the outcome'; choose another question id", end=END), "id-reserved"
            )
        if q.id in questions:
            report(
                q.at,
                said("duplicate question id '{id}' (first on line {line})", id=q.id, line=questions[q.id].at[0]),
                "duplicate-id",
            )
        questions.setdefault(q.id, q)
        seen_options: dict[str, Option] = {}
        for o in q.options:
            if o.id in seen_options:
                report(
                    o.at,
                    said("duplicate option id '{id}' in question '{question}'", id=o.id, question=q.id),
                    "duplicate-id",
                )
            seen_options.setdefault(o.id, o)
            if o.next is None and q.next is None:
                message = said(
                    "option '{id}' of '{question}' leads nowhere: add 'next' to it or to the question",
                    id=o.id,
                    question=q.id,
                )
                report(o.at, message, "dead-end")
    if pathway.start not in questions:
        report((1, 1), said("start question '{question}' does not exist", question=pathway.start), "unknown-question")

    def check_condition(cond: Condition | None) -> None:
        for term in cond.terms if cond else ():
            target = questions.get(term.question)
            if target is None:
                report(
                    term.at,
                    said("unknown question '{question}' in condition", question=term.question),
                    "unknown-question",
                )
                continue
            for option in term.options:
                if target.option(option) is None:
                    known = ", ".join(o.id for o in target.options)
                    report(
                        term.at,
                        said(
                            "question '{question}' has no option '{option}' (it has: {known})",
                            question=term.question,
                            option=option,
                            known=known,
                        ),
                        "unknown-option",
                    )

    for q in pathway.questions:
        for rules in [q.next, *(o.next for o in q.options)]:
            for rule in rules or ():
                if rule.to != END and rule.to not in questions:
                    report(
                        rule.at,
                        said("'next' goes to unknown question '{question}'", question=rule.to),
                        "unknown-question",
                    )
                check_condition(rule.when)
            if rules and rules[-1].when is not None:
                report(
                    rules[-1].at,
                    said("the last rule of a 'next' list needs no 'when', so every answer leads somewhere"),
                    "dead-end",
                )
    blocks: dict[str, Block] = {}
    contacts = pathway.contacts
    for b in pathway.blocks:
        if b.id in blocks:
            report(
                b.at,
                said("duplicate block id '{id}' (first on line {line})", id=b.id, line=blocks[b.id].at[0]),
                "duplicate-id",
            )
        blocks.setdefault(b.id, b)
        check_condition(b.when)
        check_condition(b.unless)
        if b.interrupt and b.when is None:
            report(
                b.at,
                said("block '{id}' has 'interrupt: true' but no 'when' to say which answer interrupts", id=b.id),
                "interrupt-when",
            )
        for use in b.contacts:
            if pathway.directory is not None and use.contact not in contacts:
                message = said(
                    "unknown contact '{contact}' (not in {file})", contact=use.contact, file=pathway.contacts_file
                )
                report(use.at, message, "unknown-contact")
    steps = {step.id for b in pathway.blocks for step in b.steps}
    seen_invariants: set[str] = set()
    for invariant in pathway.invariants:
        if invariant.id in seen_invariants:
            report(invariant.at, said("duplicate invariant id '{id}'", id=invariant.id), "duplicate-id")
        seen_invariants.add(invariant.id)
        check_condition(invariant.when)
        check_condition(invariant.unless)
        named_contacts, named_steps = expectation_ids(invariant.expect)
        for contact in sorted(named_contacts - set(contacts) if pathway.directory is not None else ()):
            message = said("invariant '{id}' names unknown contact '{contact}'", id=invariant.id, contact=contact)
            report(invariant.at, message, "unknown-contact")
        for step in sorted(named_steps - steps):
            report(
                invariant.at,
                said("invariant '{id}' names unknown step '{step}'", id=invariant.id, step=step),
                "unknown-step",
            )
    return out
