"""A referral pathway: questions with options, where each answer leads, and the outcome blocks advice is built from."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from samen_refer.format.contact import Contact, Directory, parse_directory
from samen_refer.format.expectation import EXPECT, Expectation
from samen_refer.format.language import Translations
from samen_refer.format.shape import (
    INVALID,
    NO_DAMAGE,
    Bool,
    Choice,
    Damage,
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
from samen_refer.format.vocabulary import (
    PERSON_ROLES,
    POSITIONS,
    ROLES,
    STEP_KINDS,
    URGENCIES,
    Kind,
    Position,
    Role,
    Urgency,
)
from samen_refer.problem import Problem, said


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
    label: Translations
    next: tuple[Rule, ...] | None = None
    at: Pos = (1, 1)


class Question(NamedTuple):
    """One question, asked of the helper, with why it is asked."""

    id: str
    text: Translations
    why: Translations
    options: tuple[Option, ...]
    help: Translations | None = None
    next: tuple[Rule, ...] | None = None
    at: Pos = (1, 1)

    def option(self, option_id: str) -> Option | None:
        """The option with this id, if any."""
        return next((o for o in self.options if o.id == option_id), None)


class Step(NamedTuple):
    """Something the helper does or says (``kind``), with the position it takes on the person's choice, if any, and
    the contact it is about (whose role must fit that position)."""

    id: str
    text: Translations
    say: Translations | None = None
    kind: Kind = "act"
    position: Position | None = None
    contact: str | None = None
    at: Pos = (1, 1)


class ContactUse(NamedTuple):
    """A contact in an outcome block, with the role it plays there and whether the person gets it on paper."""

    contact: str
    role: Role
    note: Translations | None = None
    person: bool | None = None
    position: Position | None = None
    at: Pos = (1, 1)

    @property
    def for_person(self) -> bool:
        """Whether this use puts the contact on the person's handout (``person``, or else by role)."""
        return self.role in PERSON_ROLES if self.person is None else self.person

    @property
    def stance(self) -> Position | None:
        """The position this use takes: the one it declares; a report without one puts safety first (it is made
        whatever the person chose)."""
        return self.position or ("safety" if self.role == "report" else None)


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
    general: bool = False
    at: Pos = (1, 1)

    def applies(self, answers: Mapping[str, str]) -> bool:
        """Whether this block belongs in the outcome for these answers."""
        return scope_holds(self.when, self.unless, answers)


class Invariant(NamedTuple):
    """A safety rule that must hold on every route whose answers meet ``when`` and not ``unless``."""

    id: str
    description: Translations
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
        title: Translations,
        languages: tuple[str, ...],
        start: str,
        questions: tuple[Question, ...],
        blocks: tuple[Block, ...],
        description: Translations | None = None,
        reminder: Translations | None = None,
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
        Field(
            "kind",
            Choice(STEP_KINDS),
            doc="act: do this now; say: words to say; know: background to know (listed apart); care: the helper's own"
            " care (listed apart). Default: act",
        ),
        Field(
            "position",
            Choice(POSITIONS),
            doc="the position the step takes on the person's choice: choice (the person decides), safety (safety"
            " comes first) or duty (a professional's duty to report); choice never meets the others on a route",
        ),
        Field("contact", Id, doc="the contact the step is about: its role on the route must fit the step's position"),
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
        Field(
            "position",
            Choice(POSITIONS),
            doc="the position this use takes on the person's choice (default: safety for the role 'report', else none)",
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
        Field(
            "general",
            Bool(),
            doc="true: advice for (nearly) every route, such as how to talk; its steps come after the situation's own",
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
    partial=True,
)


class Parsed(NamedTuple):
    """A pathway file as far as it could be read: the model built from the parts that could (None when the file
    cannot be parsed at all), every problem of the YAML and of the shapes, and what could not be understood."""

    pathway: Pathway | None
    problems: list[Problem]
    damage: Damage = NO_DAMAGE


def parse_pathway(
    path: Path,
    directory: Directory | None = None,
    read: Callable[[Path], Document] = read_document,
    trusting: bool = False,
) -> Parsed:
    """Read a pathway and its contacts file as far as they can be read: the YAML and shape problems, and a model of
    what could be understood (a broken question or block is left out, and named in the damage). Only a file that
    cannot be parsed at all, or is empty, gives no model. ``read`` reads each file (``diff --base`` reads them from
    git, in memory). The model may be incomplete: it is for the checks, never for the engine; see ``checks.load``.
    ``trusting``: as a loader wants, YAML with a problem (a duplicate key, an alias, a tag) is not read further, a
    pathway without one of its required keys gives no model, and contacts with a problem are left out."""
    doc = read(path)
    problems = list(doc.problems)
    if doc.root is None or (trusting and problems):
        if not problems:
            problems.append(Problem(doc.path, 1, 1, said("the pathway file is empty"), "schema-missing"))
        return Parsed(None, problems)
    reader = Reader(doc.path)
    read_languages(doc.root, reader)
    with paused_gc():
        values = PATHWAY.read(doc.root, reader)
    problems += reader.problems
    if values is INVALID:  # not a mapping: nothing to understand
        return Parsed(None, problems, reader.damage)
    if trusting and not all(f.key in values for f in PATHWAY.fields if f.required):
        return Parsed(None, problems, reader.damage)
    contacts_name = values.pop("contacts", "contacts.yaml")
    damage = reader.damage
    if directory is None and not trusting and ("pathway", "contacts") in damage.lost:
        pass  # which contacts file is meant is not known: references to contacts are not checked
    elif directory is None:
        directory, contact_problems, contact_damage = parse_directory(path.parent / contacts_name, read, trusting)
        problems += contact_problems
        damage |= contact_damage
        if trusting and contact_problems:
            directory = None
    pathway = Pathway(
        id=values.get("id", ""),
        version=values.get("version", ""),
        title=values.get("title", {}),
        languages=tuple(values.get("languages", reader.languages)),
        start=values.get("start", ""),
        questions=values.get("questions", ()),
        blocks=values.get("blocks", ()),
        description=values.get("description"),
        reminder=values.get("reminder"),
        invariants=values.get("invariants", ()),
        contacts_file=contacts_name,
        path=doc.path,
        directory=directory,
    )
    return Parsed(pathway, problems, damage)
