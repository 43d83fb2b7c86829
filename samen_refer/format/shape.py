"""Declarative shapes of the YAML files: one description serves both reading (with line:col problems) and the JSON
Schema that editors use, so the two cannot drift apart.

A shape reads a node and returns a value, or ``INVALID`` after recording a problem. Reading never raises. A record
that cannot be built is left out, and reading goes on with the next one; what was lost is kept as ``Damage``, so
that the checks after reading (``samen_refer.checks``) skip it rather than report it again.

The checks of the shapes (the second family of ``samen-refer validate``), on every file that could be parsed:

``schema-unknown-key``
    A key the format does not have, often a typo. Failing: ``hepl:`` in a question ("did you mean 'help'?").
``schema-missing``
    A required key is missing. Failing: a pathway without ``start``.
``schema-type``
    A value has the wrong form. Failing: ``role: maybe``; ``options: yes`` (a list is needed).
``schema-format``
    A text value does not have the required form. Failing: ``languages: [nl, en, English]``.
``text-control-char``
    A text contains a control character, a tab, an invisible direction control (U+202E, U+200F, U+061C ...) or
    another invisible character (U+200B zero width space, U+2060 word joiner, U+00AD soft hyphen, U+FEFF ...). The
    zero width joiner and non-joiner (U+200D, U+200C) are allowed: Persian, Arabic and emoji need them. Failing:
    ``{nl: "Ja\\a", en: Yes}``; ``{nl: "Bel \\u061c2000-0800", en: Call}``.
``text-formula``
    A text of a contacts or region file (a contact's name, what it does, its hours ...; a region's name, owner,
    municipalities) starts with ``=``, ``+`` or ``@``: a spreadsheet runs such a cell as a formula ("CSV injection"),
    and no name or sentence starts so. Failing: ``name: {nl: '=HYPERLINK("https://evil.example","Zorgcafé")', en:
    Cafe}``. A leading ``-`` is allowed (``- 24/7`` may be meant); ``regions export`` neutralises it, and these.
``id-format``
    An id has characters other than a-z, 0-9, ``-`` and ``_``. Failing: ``id: Acute!``.
``lang-missing``
    A text that people read lacks one of the file's languages. Failing: ``{nl: Veiligheid gaat voor.}``.
``lang-unknown``
    A text has a language the file does not declare, often because a comma ended a text early. Failing:
    ``{nl: Veilig, en: Safe, fr: Sûr}``; ``{nl: Bel 112, ook 's nachts}`` (put it in quotes).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Final, NamedTuple

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from samen_refer.format.source import position
from samen_refer.problem import DIRECTION_CONTROLS, Problem, Said, Severity, first_invisible, said

Pos = tuple[int, int]


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"


INVALID: Final = _Invalid()
DEFAULT_LANGUAGES: Final = ("nl", "en")


class Damage(NamedTuple):
    """What reading a document could not understand, so that later checks skip it instead of echoing it.

    ``written`` holds ``(record, id)`` for every record whose id could be read, built or not: a reference to such an
    id is not "unknown", even when the record itself was broken. ``damaged`` holds ``(record, id or None)`` for every
    record that lost something while it was read (a value or an item that was wrong, a key that looks like a typo of
    one of its keys): the model has it in part, or not at all. ``lost`` holds ``(record, key)`` for every key that was
    written wrongly or is missing. Problems in texts alone (a language missing, a control character) damage nothing:
    no check but the texts' own reads them.
    """

    written: frozenset[tuple[str, str]] = frozenset()
    damaged: frozenset[tuple[str, str | None]] = frozenset()
    lost: frozenset[tuple[str, str]] = frozenset()

    def __or__(self, other: object) -> Damage:
        if not isinstance(other, Damage):
            return NotImplemented
        return Damage(self.written | other.written, self.damaged | other.damaged, self.lost | other.lost)

    def hurt(self, record: str, id: str | None = None) -> bool:
        """Whether this record (any record of this kind, when ``id`` is None) lost something."""
        if id is None:
            return any(kind == record for kind, _ in self.damaged)
        return (record, id) in self.damaged

    def seen(self, record: str, id: str) -> bool:
        """Whether a record of this kind with this id may have been written, whether or not it could be read: it
        was, or a record of this kind was written with an id that could not be read."""
        return (record, id) in self.written or (record, None) in self.damaged


NO_DAMAGE: Final = Damage()


class Reader:
    """Collects problems while shapes read one document, and what they could not understand (see ``Damage``)."""

    def __init__(self, path: str, languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> None:
        self.path = path
        self.languages = languages
        self.problems: list[Problem] = []
        self.harm = 0  # problems so far that lost something the checks read; texts' problems do not count
        self._in_text = 0
        self._written: set[tuple[str, str]] = set()
        self._damaged: set[tuple[str, str | None]] = set()
        self._lost: set[tuple[str, str]] = set()

    def report(self, node: Node | Pos, message: Said, check: str, severity: Severity = "error") -> None:
        line, col = node if isinstance(node, tuple) else position(node)
        self.problems.append(Problem(self.path, line, col, message, check, severity))
        if severity == "error" and not self._in_text:
            self.harm += 1

    @contextmanager
    def texts(self) -> Iterator[None]:
        """Problems reported inside are about a text only: they do not count as harm."""
        self._in_text += 1
        try:
            yield
        finally:
            self._in_text -= 1

    def note(self, record: str, record_id: str | None, harmed: bool, lost: Iterable[str]) -> None:
        """Remember a record read: its id (if readable), and whether it lost something, and which keys."""
        if record_id is not None:
            self._written.add((record, record_id))
        if harmed:
            self.harm += 1  # the record around this one is harmed too
            self._damaged.add((record, record_id))
            self._lost.update((record, key) for key in lost)

    @property
    def damage(self) -> Damage:
        """What this reader could not understand so far."""
        return Damage(frozenset(self._written), frozenset(self._damaged), frozenset(self._lost))


def kind_of(node: Node) -> Said:
    """How a node reads to a maintainer: 'a list', 'a mapping' or 'a single value'."""
    if isinstance(node, MappingNode):
        return said("a mapping (key: value)")
    if isinstance(node, SequenceNode):
        return said("a list (- item)")
    return said("a single value")


def _plain_null(node: ScalarNode) -> bool:
    return not node.style and node.value in ("", "~", "null", "Null", "NULL")


_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # Unicode category Cc, and tabs; newlines are fine


def _has_control(text: str) -> bool:
    return _CONTROL.search(text) is not None


def _invisible_said(what: Said, ch: str) -> Said:
    code = f"{ord(ch):04X}"
    if ch in DIRECTION_CONTROLS:
        return said(
            "{what} contains an invisible direction control (U+{code}), which can make "
            "text read differently than it is written; remove it",
            what=what,
            code=code,
        )
    return said(
        "{what} contains an invisible character (U+{code}), which can hide what the text says; remove it",
        what=what,
        code=code,
    )


def _place(node: ScalarNode, value: str, index: int) -> Pos:
    """Where the character ``value[index]`` is in the file, when the text stands on one line as it is written
    (plain or quoted, no escapes); else where the text starts. An invisible character cannot be seen: the column
    points at it."""
    line, col = position(node)
    start, end = node.start_mark, node.end_mark
    quotes = 2 if node.style in ("'", '"') else 0 if not node.style else -1
    if quotes >= 0 and start.line == end.line and end.column - start.column == len(value) + quotes:
        return line, col + quotes // 2 + index
    return line, col


# What no text a spreadsheet may hold starts with: =, + and @ make a formula of the cell. Of OWASP's list ("CSV
# injection"), a tab and a CR are control characters already, and a leading '-' may be prose ("- 24/7", "-50%"):
# ``regions export`` neutralises every one of them (format/region_csv.py).
_FORMULA_START: Final = ("=", "+", "@")


def text_trouble(text: str, what: Said, cell: bool = False) -> tuple[Said, str] | None:
    """What is wrong in a text, with the id of its check, or None: a control character or tab, an invisible character
    (a direction control, a zero width space ...), and for a ``cell`` (a text of a contacts or region file, which a
    spreadsheet may hold) a start that makes a formula. ``Str`` reads every text with it, ``regions import`` every
    cell."""
    if _has_control(text):
        return said("{what} contains a control character or tab; remove it", what=what), "text-control-char"
    hidden = first_invisible(text)
    if hidden is not None:
        return _invisible_said(what, text[hidden]), "text-control-char"
    start = text.lstrip()[:1]
    if cell and start in _FORMULA_START:
        message = said(
            "{what} starts with '{start}', so a spreadsheet would run it as a formula; begin it with a word",
            what=what,
            start=start,
        )
        return message, "text-formula"
    return None


class Shape:
    """How one kind of value is written in YAML."""

    def read(self, node: Node, reader: Reader) -> Any:
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError


TEXT: Final = said("text")


class Str(Shape):
    """A single text value, optionally matching a pattern (ids, phone numbers, urls, dates)."""

    def __init__(
        self,
        pattern: str | None = None,
        what: Said = TEXT,
        check: str = "schema-format",
        extra: Callable[[str], Said | None] | None = None,
        cell: bool = False,
    ) -> None:
        self.pattern = pattern
        self.what = what
        self.check = check
        self.extra = extra
        self.cell = cell  # a text a spreadsheet may hold: it must not start as a formula (see text_trouble)

    def read(self, node: Node, reader: Reader) -> Any:
        if not isinstance(node, ScalarNode) or _plain_null(node):
            found = kind_of(node) if not isinstance(node, ScalarNode) else said("nothing")
            reader.report(node, said("expected {what}, found {found}", what=self.what, found=found), "schema-type")
            return INVALID
        value = str(node.value)
        trouble = text_trouble(value, self.what, self.cell)
        if trouble is not None:
            hidden = None if _has_control(value) else first_invisible(value)
            reader.report(node if hidden is None else _place(node, value, hidden), *trouble)
            if trouble[1] == "text-control-char":
                return INVALID  # a formula is still a readable text: no "text is missing" after it
        if self.pattern and not re.fullmatch(self.pattern, value):
            reader.report(node, said("'{value}' is not a valid {what}", value=value, what=self.what), self.check)
            return INVALID
        if self.extra and (wrong := self.extra(value)):
            reader.report(node, wrong, self.check)
            return INVALID
        return value

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string", "description": self.what.text}
        if self.pattern:
            out["pattern"] = f"^(?:{self.pattern})$"
        return out


ID_PATTERN = r"[a-z0-9][a-z0-9_-]*"
Id = Str(ID_PATTERN, said("id (lowercase letters, digits, - and _)"), "id-format")


class Bool(Shape):
    """true or false (YAML 1.2: yes/no/on/off are text, not booleans)."""

    def read(self, node: Node, reader: Reader) -> Any:
        if isinstance(node, ScalarNode) and not node.style and node.value in ("true", "false"):
            return node.value == "true"
        reader.report(node, said("expected true or false"), "schema-type")
        return INVALID

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


class Choice(Shape):
    """One of a fixed set of words."""

    def __init__(self, values: tuple[str, ...]) -> None:
        self.values = values

    def read(self, node: Node, reader: Reader) -> Any:
        if isinstance(node, ScalarNode) and node.value in self.values:
            return node.value
        shown: str | Said = node.value if isinstance(node, ScalarNode) else kind_of(node)
        reader.report(
            node, said("'{value}' is not one of: {known}", value=shown, known=", ".join(self.values)), "schema-type"
        )
        return INVALID

    def schema(self) -> dict[str, Any]:
        return {"enum": list(self.values)}


class Translated(Shape):
    """A user-visible text in every declared language: ``{nl: ..., en: ...}``; a ``cell`` is a text a spreadsheet may
    hold (see ``text_trouble``)."""

    def __init__(self, cell: bool = False) -> None:
        self.cell = cell

    def read(self, node: Node, reader: Reader) -> Any:
        with reader.texts():  # a text's problems lose nothing the checks after reading use
            return self._read(node, reader)

    def _read(self, node: Node, reader: Reader) -> Any:
        if not isinstance(node, MappingNode):
            langs = ", ".join(f"{lang}: ..." for lang in reader.languages)
            reader.report(node, said("expected a text per language, like {{{langs}}}", langs=langs), "schema-type")
            return INVALID
        texts: dict[str, str] = {}
        written: set[str] = set()
        for key, value in node.value:
            lang = key.value if isinstance(key, ScalarNode) else None
            if lang not in reader.languages:
                hint: tuple[Said, ...] = ()
                if isinstance(value, ScalarNode) and _plain_null(value):
                    hint = (said("a comma inside {{...}} ends a text early: put the text in quotes"),)
                langs = ", ".join(reader.languages)
                message = said("'{lang}' is not a language of this file ({langs})", lang=str(lang), langs=langs)
                reader.report(
                    key, said("{problem}; {hint}", problem=message, hint=hint) if hint else message, "lang-unknown"
                )
                continue
            written.add(lang)
            text = Str(what=said("text ({lang})", lang=lang), cell=self.cell).read(value, reader)
            if text is not INVALID:
                texts[lang] = text.strip()
        missing = [lang for lang in reader.languages if lang not in written]  # a refused text has its own problem
        if missing:
            reader.report(node, said("text is missing in: {langs}", langs=", ".join(missing)), "lang-missing")
            return texts or INVALID
        return texts

    def schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "description": "text per language",
            "patternProperties": {"^[a-z]{2,3}$": {"type": "string"}},
            "additionalProperties": False,
            "minProperties": 1,
        }


class ListOf(Shape):
    """A list of items of one shape."""

    def __init__(self, item: Shape, min_items: int = 0) -> None:
        self.item = item
        self.min_items = min_items

    def read(self, node: Node, reader: Reader) -> Any:
        if not isinstance(node, SequenceNode):
            reader.report(node, said("expected a list (- item), found {found}", found=kind_of(node)), "schema-type")
            return INVALID
        if len(node.value) < self.min_items:
            reader.report(node, said("expected at least {n} item(s)", n=self.min_items), "schema-type")
            return INVALID
        values = [self.item.read(child, reader) for child in node.value]
        return tuple(v for v in values if v is not INVALID)

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            out["minItems"] = self.min_items
        return out


class MapOf(Shape):
    """A mapping from ids to values of one shape; builds ``(key, value, position)`` triples."""

    def __init__(self, value: Shape, key: Shape | None = None, min_entries: int = 0, empty: Said | None = None) -> None:
        self.value = value
        self.key = key or Id
        self.min_entries = min_entries  # read() and schema() both hold it, so the loader and the schema agree
        self.empty = empty or said("an empty mapping {{}} is not allowed here: write at least one entry")

    def read(self, node: Node, reader: Reader) -> Any:
        if not isinstance(node, MappingNode):
            reader.report(
                node, said("expected a mapping (key: value), found {found}", found=kind_of(node)), "schema-type"
            )
            return INVALID
        if len(node.value) < self.min_entries:
            reader.report(node, self.empty, "schema-type")
            return INVALID
        items = []
        for key_node, value_node in node.value:
            key = self.key.read(key_node, reader)
            value = self.value.read(value_node, reader)
            if key is not INVALID and value is not INVALID:
                items.append((key, value, position(key_node)))
        return tuple(items)

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "object", "additionalProperties": self.value.schema()}
        if self.min_entries:
            out["minProperties"] = self.min_entries
        return out


class Either(Shape):
    """A single value or a list, chosen by what is written."""

    def __init__(self, single: Shape, many: Shape) -> None:
        self.single = single
        self.many = many

    def read(self, node: Node, reader: Reader) -> Any:
        return (self.many if isinstance(node, SequenceNode) else self.single).read(node, reader)

    def schema(self) -> dict[str, Any]:
        return {"oneOf": [self.single.schema(), self.many.schema()]}


class Field(NamedTuple):
    """One key of a record."""

    key: str
    shape: Shape
    required: bool = False
    doc: str = ""


class Record(Shape):
    """A mapping with known keys; ``build`` turns the values read into a typed object."""

    def __init__(
        self,
        name: str,
        fields: tuple[Field, ...],
        build: Callable[[Mapping[str, Any], Pos], Any],
        doc: str = "",
        partial: bool = False,
    ) -> None:
        self.name = name
        self.fields = fields
        self.build = build
        self.doc = doc
        self.partial = partial  # build from what could be read even when a required key is broken (a whole file)

    def read(self, node: Node, reader: Reader) -> Any:
        if not isinstance(node, MappingNode):
            message = said(
                "expected {record} as a mapping (key: value), found {found}", record=self.name, found=kind_of(node)
            )
            reader.report(node, message, "schema-type")
            return INVALID
        known = {f.key: f for f in self.fields}
        values: dict[str, Any] = {}
        broken = False
        harm = reader.harm
        lost: list[str] = []
        repeated: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if isinstance(key, str):
                if key in repeated:  # a duplicate key, reported with the YAML: not read (nor reported) again
                    continue
                repeated.add(key)
            spec = known.get(key) if isinstance(key, str) else None
            if spec is None:
                message, meant = _unknown_key(str(key), self.name, known)
                if meant is None or isinstance(known[meant].shape, Translated):  # at most a text is lost
                    with reader.texts():
                        reader.report(key_node, message, "schema-unknown-key")
                else:
                    reader.report(key_node, message, "schema-unknown-key")
                    lost.append(meant)
                continue
            value = spec.shape.read(value_node, reader)
            if value is INVALID:
                broken = broken or spec.required
                lost.append(spec.key)
                if spec.required:
                    reader.harm += 1  # a broken required text loses the whole record
            else:
                values[spec.key] = value
        written = {k.value for k, _ in node.value if isinstance(k, ScalarNode)}
        for spec in self.fields:
            if spec.required and spec.key not in values and spec.key not in written:
                reader.report(node, said("{record} needs '{key}'", record=self.name, key=spec.key), "schema-missing")
                broken = True
                lost.append(spec.key)
        record_id = values["id"] if isinstance(values.get("id"), str) else _written_id(node)
        reader.note(self.name, record_id, reader.harm > harm, lost)
        if broken and not self.partial:
            return INVALID
        return self.build(values, position(node))

    def schema(self) -> dict[str, Any]:
        props = {}
        for spec in self.fields:
            props[spec.key] = {**spec.shape.schema(), **({"description": spec.doc} if spec.doc else {})}
        out: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
        required = [spec.key for spec in self.fields if spec.required]
        if required:
            out["required"] = required
        if self.doc:
            out["description"] = self.doc
        return out


def _unknown_key(key: str, record: str, known: Mapping[str, Field]) -> tuple[Said, str | None]:
    """The problem, and the key it is most likely a typo of (None: it looks like none of them)."""
    import difflib  # only when a key is wrong: keeps start-up fast

    close = difflib.get_close_matches(key, list(known), n=1)
    if close:
        message = said(
            "unknown key '{key}' in {record}; did you mean '{close}'?", key=key, record=record, close=close[0]
        )
        return message, close[0]
    message = said(
        "unknown key '{key}' in {record}; known keys: {known}", key=key, record=record, known=", ".join(known)
    )
    return message, None


def _written_id(node: MappingNode) -> str | None:
    """The id a broken record was written with, when it reads as one: references to it are not 'unknown'."""
    for key, value in node.value:
        if isinstance(key, ScalarNode) and key.value == "id" and isinstance(value, ScalarNode):
            return str(value.value) if re.fullmatch(ID_PATTERN, str(value.value)) else None
    return None


def read_languages(root: Node, reader: Reader, key: str = "languages") -> None:
    """Set the reader's languages from a document's top-level ``languages`` list, before texts are read."""
    if not isinstance(root, MappingNode):
        return
    for key_node, value_node in root.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key and isinstance(value_node, SequenceNode):
            langs = [
                n.value for n in value_node.value if isinstance(n, ScalarNode) and re.fullmatch(r"[a-z]{2,3}", n.value)
            ]
            if langs:
                reader.languages = tuple(dict.fromkeys(langs))
