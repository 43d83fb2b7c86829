"""Read a YAML file into a node tree that remembers line and column, refusing what PyYAML would silently accept.

Scalars are never given YAML 1.1 types here (``no`` stays the text ``no``): the shape of each field decides how a
scalar is read, see ``shape.py``.

The checks of the YAML itself (the first family of ``samen-refer validate``). A file that cannot be parsed (the
first five) stops at that one problem; the others leave a node tree, which the shapes go on to read.

``file-unreadable``
    The file is missing, a directory, a pipe or device, or cannot be read.
``file-too-large``
    The file is over 1 MiB.
``yaml-encoding``
    The file is not UTF-8 text: UTF-16 or UTF-32 (Notepad's "Unicode"), another encoding, or binary.
``yaml-syntax``
    The YAML cannot be parsed. Failing: ``oops: [`` (a list never closed).
``yaml-tabs``
    A tab is used for indentation. Failing: a line that starts with a tab before ``- id: danger``.
``yaml-duplicate-key``
    The same key twice in one mapping: PyYAML would silently keep the last. Failing: ``start: danger`` twice.
``yaml-alias``
    An anchor or alias is used, even an anchor no alias names. Failing: ``title: &t {nl: M, en: M}``.
``yaml-tag``
    An explicit tag is used: PyYAML would silently drop it. Failing: ``title: !!map {nl: M, en: M}``.
``yaml-depth``
    Nesting is deeper than the format ever needs (32 levels). Failing: ``deep: [[[[...]]]]``, 40 deep.
"""

from __future__ import annotations

import codecs
import gc
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final, NamedTuple

import yaml
from yaml.constructor import BaseConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from samen_refer.problem import Problem, Said, said

try:  # LibYAML ships in PyYAML's wheels and parses ~7x faster
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - only without LibYAML
    import yaml.composer
    import yaml.parser
    import yaml.reader  # its Reader is not the format's (shape.Reader): named with its module
    import yaml.scanner

    class _Parser(  # type: ignore[no-redef]
        yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)


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
    data = read_capped(path, name)
    if isinstance(data, Problem):
        return Document(name, None, (data,))
    return parse_document(data, name)


def read_capped(path: Path, name: str, limit: int = MAX_BYTES) -> bytes | Problem:
    """The bytes of a regular file of at most ``limit`` bytes, or the problem why not.

    The file is opened without blocking and checked with fstat before anything is read: a FIFO, a device
    (/dev/zero), a socket or an endless pipe (/dev/stdin) is refused at once, and no more than ``limit`` + 1 bytes
    are ever read, whatever the file claims its size is (/proc files say 0)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return Problem(name, 1, 1, said("file not found"), "file-unreadable")
    except IsADirectoryError:
        return Problem(name, 1, 1, said("is a directory, not a YAML file"), "file-unreadable")
    except OSError as exc:
        return Problem(
            name, 1, 1, said("cannot read file: {reason}", reason=str(exc.strerror or exc)), "file-unreadable"
        )
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            return Problem(name, 1, 1, said("is a directory, not a YAML file"), "file-unreadable")
        if not stat.S_ISREG(info.st_mode):
            not_regular = said("is not a regular file (a pipe, device or socket); give a file")
            return Problem(name, 1, 1, not_regular, "file-unreadable")
        if info.st_size > limit:
            return _too_large(name, info.st_size, limit)
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
    except OSError as exc:
        return Problem(
            name, 1, 1, said("cannot read file: {reason}", reason=str(exc.strerror or exc)), "file-unreadable"
        )
    finally:
        os.close(fd)
    if len(data) > limit:
        return _too_large(name, None, limit)
    return data


def _too_large(name: str, size: int | None, limit: int) -> Problem:
    shown = f"{limit:,} ({limit / 2**20:g} MiB)" if limit >= 2**20 else said("{n} bytes", n=f"{limit:,}")
    if size is None:
        message = said("file is larger than the limit; the limit is {limit}", limit=shown)
    else:
        message = said("file is {size} bytes; the limit is {limit}", size=f"{size:,}", limit=shown)
    return Problem(name, 1, 1, message, "file-too-large")


def parse_document(data: bytes, name: str) -> Document:
    """Parse bytes already read; see ``read_document``."""
    if len(data) > MAX_BYTES:
        return Document(name, None, (_too_large(name, len(data), MAX_BYTES),))
    wide = _wide_encoding(data)
    if wide:
        return _failed(name, said("this is {encoding} text; save the file as UTF-8", encoding=wide), "yaml-encoding")
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
    problems = _structure_problems(name, root)
    if may_have_anchor_or_tag(text):  # most files need no second pass ("Bel 112!", "Q&A" are no anchor or tag)
        problems += _anchor_and_tag_problems(name, text)
    return Document(name, root, tuple(dict.fromkeys(problems)))


def _wide_encoding(data: bytes) -> str | None:
    """'UTF-16' or 'UTF-32' when the bytes look like text in those encodings (Notepad's "Unicode"), else None."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "UTF-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    head = data[:64]
    if len(head) >= 4 and head.count(0) >= len(head) * 3 // 4 - 1 and (head[1:4] == b"\0\0\0" or head[:3] == b"\0\0\0"):
        return "UTF-32"
    if len(head) >= 2 and (head[1::2].count(0) == len(head[1::2]) or head[0::2].count(0) == len(head[0::2])):
        return "UTF-16"
    return None


# An anchor or a tag starts a node: at the start of a line or after a space, a flow bracket, a comma or a colon.
_ANCHOR_OR_TAG: Final = re.compile(r"(?:^|[\s\[{,:])[&!]", re.MULTILINE)


def may_have_anchor_or_tag(text: str) -> bool:
    """Whether the text may have an anchor or a tag, so that ``_anchor_and_tag_problems`` must parse it again: never
    False for a text that has one (a property test checks it), rarely True for one that has none."""
    return _ANCHOR_OR_TAG.search(text) is not None


def _anchor_and_tag_problems(name: str, text: str) -> list[Problem]:
    """Anchors (``&x``, also without an alias) and explicit tags (``!!binary``, ``!include``, ``%TAG``), which the
    format does not have: PyYAML would drop a tag silently and read the value as text."""
    problems: list[Problem] = []
    parser = _Parser(text)
    try:
        while parser.check_event():
            event = parser.get_event()
            if event is None:  # pragma: no cover - check_event said there is one
                break
            mark = event.start_mark
            line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            if getattr(event, "anchor", None) is not None and not isinstance(event, yaml.AliasEvent):
                no_anchor = said("anchors and aliases (&, *) are not allowed; write it out")
                problems.append(Problem(name, line, col, no_anchor, "yaml-alias"))
            tag = getattr(event, "tag", None)
            if tag is not None:
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                problems.append(
                    Problem(
                        name,
                        line,
                        col,
                        said("tags such as '{tag}' are not allowed; remove it and write the value", tag=shown),
                        "yaml-tag",
                    )
                )
    except yaml.YAMLError:  # pragma: no cover - the same text was composed without error just now
        pass
    finally:
        parser.dispose()
    return problems


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
