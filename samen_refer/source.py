"""Read a YAML file into a node tree that remembers line and column, refusing what PyYAML would silently accept.

Scalars are never given YAML 1.1 types here (``no`` stays the text ``no``): the shape of each field decides how a
scalar is read, see ``shape.py``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import yaml
from yaml.constructor import BaseConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from samen_refer.problem import Problem, Said, said

try:  # LibYAML ships in PyYAML's wheels and parses ~7x faster
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - only without LibYAML
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32
_TAG = "tag:yaml.org,2002:str"


class _Composer(_Parser, BaseConstructor, BaseResolver):
    """Composes nodes only; every implicit tag is plain text, typing happens per field later."""

    def __init__(self, text: str) -> None:
        _Parser.__init__(self, text)
        BaseConstructor.__init__(self)
        BaseResolver.__init__(self)

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return _TAG

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        """No path-based resolvers: skip the bookkeeping (it runs for every node)."""

    def ascend_resolver(self) -> None:
        """See ``descend_resolver``."""


class Document(NamedTuple):
    """A parsed YAML file: its root node (None when empty) and the problems found while reading it."""

    path: str
    root: Node | None
    problems: tuple[Problem, ...]


def position(node: Node) -> tuple[int, int]:
    """1-based line and column of a node."""
    return node.start_mark.line + 1, node.start_mark.column + 1


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building large trees of objects that have no cycles to collect:
    on a 2,000-question pathway its repeated full scans double the time. Reference counting still frees memory."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_document(path: Path, display: str | None = None) -> Document:
    """Read and compose one YAML file; never raises for bad content, only reports problems."""
    name = display or str(path)
    try:
        if path.is_dir():
            return _failed(name, said("is a directory, not a YAML file"), "file-unreadable")
        size = path.stat().st_size
        if size > MAX_BYTES:
            return _failed(name, _too_large(size), "file-too-large")
        data = path.read_bytes()
    except FileNotFoundError:
        return _failed(name, said("file not found"), "file-unreadable")
    except OSError as exc:
        return _failed(name, said("cannot read file: {reason}", reason=str(exc.strerror or exc)), "file-unreadable")
    return parse_document(data, name)


def parse_document(data: bytes, name: str) -> Document:
    """Parse bytes already read; see ``read_document``."""
    if len(data) > MAX_BYTES:
        return _failed(name, _too_large(len(data)), "file-too-large")
    if b"\x00" in data:
        return _failed(name, said("this is a binary file, not YAML text"), "yaml-encoding")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _offset_position(data, exc.start)
        problem = Problem(name, line, col, said("text is not UTF-8; save the file as UTF-8"), "yaml-encoding")
        return Document(name, None, (problem,))
    text = text.removeprefix("\ufeff")
    try:
        composer = _Composer(text)
        try:
            with paused_gc():
                root = composer.get_single_node()
        finally:
            composer.dispose()
    except yaml.MarkedYAMLError as exc:
        return Document(name, None, (_syntax_problem(name, text, exc),))
    except (yaml.YAMLError, RecursionError) as exc:
        return _failed(name, said("YAML cannot be read: {reason}", reason=str(exc)), "yaml-syntax")
    if root is None:
        return Document(name, None, ())
    return Document(name, root, tuple(_structure_problems(name, root)))


def _too_large(size: int) -> Said:
    return said("file is {size} bytes; the limit is {limit} (1 MiB)", size=f"{size:,}", limit=f"{MAX_BYTES:,}")


def _failed(name: str, message: Said, check: str) -> Document:
    return Document(name, None, (Problem(name, 1, 1, message, check),))


def _offset_position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    col = len(before) - (before.rfind(b"\n") + 1) + 1
    return line, col


def _syntax_problem(name: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines()
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in source_line[: max(col, 1)] or source_line.lstrip(" ").startswith("\t"):
        return Problem(name, line, col, said("a tab is used for indentation; YAML needs spaces"), "yaml-tabs")
    if "nesting depth" in str(exc):
        return Problem(name, line, col, _too_deep(), "yaml-depth")
    what = " ".join(part for part in (exc.context, exc.problem) if part)
    return Problem(name, line, col, said("YAML syntax: {what}", what=what), "yaml-syntax")


def _too_deep() -> Said:
    return said("nesting is too deep (more than {depth} levels)", depth=MAX_DEPTH)


def _structure_problems(name: str, root: Node) -> list[Problem]:
    """Aliases, duplicate keys and depth, found in one walk that never visits a node twice."""
    problems: list[Problem] = []
    seen: set[int] = set()
    aliased: set[int] = set()
    stack: list[tuple[Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            if id(node) not in aliased:
                aliased.add(id(node))
                line, col = position(node)
                problems.append(
                    Problem(
                        name, line, col, said("anchors and aliases (&, *) are not allowed; write it out"), "yaml-alias"
                    )
                )
            continue
        seen.add(id(node))
        if depth > MAX_DEPTH:
            line, col = position(node)
            problems.append(Problem(name, line, col, _too_deep(), "yaml-depth"))
            continue
        if isinstance(node, MappingNode):
            first: dict[str, Node] = {}
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    if key.value in first:
                        line, col = position(key)
                        was, _ = position(first[key.value])
                        problems.append(
                            Problem(
                                name,
                                line,
                                col,
                                said("duplicate key '{key}' (first on line {line})", key=key.value, line=was),
                                "yaml-duplicate-key",
                            )
                        )
                    else:
                        first[key.value] = key
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
        elif isinstance(node, SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)
    return problems
