"""An interpreter of exactly the Harlowe 3 that ``samen_refer/render/twee.py`` writes, and nothing more, for
``tests/test_twee.py``: it reads a Twee 3 story and plays every way through it by following its links.

It refuses, with ``HarloweError``, anything outside that subset, so the exporter cannot write Harlowe this test does
not understand. The subset, with Harlowe's meaning:

* markup: text, ``''bold''``, ``//italic//``, ``<br>``, ``&#NN;``, ``{ ... }`` (collapsed whitespace) on lines of
  their own, ``[[label->passage]]``; no other markup character in text, none of ``#=-+:>`` at a line's start;
* macros: ``(set: $v to E)``, ``(set: $v's "key" to E)``, ``(if: E)[...]`` then any ``(else-if: E)[...]`` and one
  ``(else:)[...]`` straight after it, ``(go-to: "passage")`` (the passage stops there),
  ``(link: "label")[(restart:)]``;
* expressions: ``"string"`` (no quote or backslash inside), whole numbers, ``true``, ``$v``, ``E's "key"`` (a
  datamap's value; a missing key is an error, as in Harlowe), ``(a: E, ...)``, ``(dm: "key", E, ...)``,
  ``(min: E, E)``, ``it`` (in ``(set:)``: the value being set), ``E + E`` (arrays), ``E is E``, ``E is in E``,
  ``E contains E``, ``not (E)``, ``E and E`` (both sides true or false: no elided comparison).

Each passage is translated to a JavaScript function whose every operation is one of the helpers in
``tests/harlowe.js``, which check types as Harlowe does; Node walks every way through the story (522,750 for
``sggg``) in seconds, where Python would take minutes. Values are strings, whole numbers, true or false, arrays and
datamaps; ``(set:)`` stores a copy, as Harlowe's data are values.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RUNTIME = Path(__file__).with_suffix(".js")


class HarloweError(Exception):
    """The story uses Harlowe this interpreter does not accept, or its Harlowe fails as it would in Harlowe."""


# --- the story -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ending:
    """What a passage with nothing to follow shows (plain text, a line each), and the variables it set."""

    lines: tuple[str, ...]
    after: Mapping[str, Any]


@dataclass(frozen=True)
class Way:
    """One way through the story: each passage where a link was chosen, with the link's target; variables as the
    last passage begins; and its ending (the same object for the same ending)."""

    choices: tuple[tuple[str, str], ...]
    before: Mapping[str, Any]
    ending: Ending


_HEADER = re.compile(r"^:: ([^\[\n]+?)(?: \[([^\]\n]*)\])?$", re.MULTILINE)
_SPECIAL = {"StoryTitle", "StoryData"}


class Story:
    """A Twee 3 story read with this subset of Harlowe, translated to JavaScript for ``tests/harlowe.js``."""

    def __init__(self, twee: str) -> None:
        parts = _HEADER.split(twee)
        if parts[0].strip():
            raise HarloweError(f"text before the first passage: {parts[0][:40]!r}")
        self.program: list[str] = []
        self.startup: list[str] = []
        self.start = ""
        names: set[str] = set()
        for name, tags, body in zip(parts[1::3], parts[2::3], parts[3::3], strict=True):
            if name in names:
                raise HarloweError(f"two passages named {name!r}")
            names.add(name)
            if name == "StoryData":
                self.start = _story_start(body)
            if name in _SPECIAL:
                continue
            if tags and tags != "startup":
                raise HarloweError(f"passage {name!r}: unknown tags {tags!r}")
            if tags:
                self.startup.append(name)
            parser = _Parser(body.strip("\n"), name)
            # a function per statement: V8 optimises small functions only
            statements = [
                "\n".join(["function (v, out, links) {", *lines, "return null;", "}"]) for lines in parser.passage()
            ]
            reads = json.dumps(parser.reads())
            self.program.append(f"passages.set({_js(name)}, {{ statements: [{', '.join(statements)}], ...{reads} }});")
        if self.start not in names - _SPECIAL:
            raise HarloweError(f"the start passage {self.start!r} does not exist")

    def ways(self, node: str, before: Sequence[str] = (), after: Sequence[str] = ()) -> Iterator[Way]:
        """Every way through the story from its start passage, following each passage's links in order, with the
        variables named ``before`` as the last passage begins and ``after`` it (run by Node, ``node``)."""
        call = (
            f"try {{ walk({_js(self.start)}, {json.dumps(self.startup)}, {json.dumps(before)}, {json.dumps(after)}); }}"
            " catch (error) { process.stderr.write(error.message + '\\n'); process.exit(1); }"
        )
        program = "\n".join([RUNTIME.read_text(encoding="utf-8"), *self.program, call])
        endings: dict[int, Ending] = {}
        texts: list[str] = []
        with subprocess.Popen(
            [node, "-"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        ) as walker:
            assert walker.stdin is not None and walker.stdout is not None and walker.stderr is not None
            walker.stdin.write(program)
            walker.stdin.close()
            for line in walker.stdout:
                data = json.loads(line)
                if isinstance(data, dict) and "line" in data:
                    texts.append(data["text"])
                    continue
                if isinstance(data, dict):
                    endings[data["ending"]] = Ending(tuple(texts[n] for n in data["lines"]), data["after"])
                    continue
                choices, variables, number = data
                yield Way(tuple((passage, target) for passage, target in choices), variables, endings[number])
            error = walker.stderr.read()
        if walker.returncode != 0:
            raise HarloweError(error.strip().splitlines()[-1] if error.strip() else f"node exited {walker.returncode}")


def _js(text: str) -> str:
    """A JavaScript string literal (also Harlowe's, for the strings of the subset: no quote or backslash)."""
    return json.dumps(text, ensure_ascii=False)


def _story_start(body: str) -> str:
    start = json.loads(body).get("start")
    if not isinstance(start, str):
        raise HarloweError("StoryData has no start passage")
    return start


# --- reading markup -------------------------------------------------------------------------------------------------

_TEXT = re.compile(r"(?:[^\[\]()<>{}$_`\\*|&'/\n^~]|'(?!')|/(?!/)|\^(?!\^)|~(?!~)|&#\d+;)+")
_LINE_START = re.compile(r"[#=\-+:>]")
_LINK = re.compile(r"\[\[([^\]]*?)->([^\]]+?)\]\]")
_MACRO = re.compile(r"\(([a-z-]+):")


class _Parser:
    """Reads one passage's body into lines of JavaScript, refusing anything outside the subset."""

    def __init__(self, src: str, passage: str) -> None:
        self.src = src
        self.pos = 0
        self.name = passage
        # how the passage uses variables: read only as ``$v's "key"``, read otherwise, set (see harlowe.js, memo)
        self.keys: dict[str, set[str]] = {}
        self.whole: set[str] = set()
        self.sets: set[str] = set()

    def reads(self) -> dict[str, object]:
        keys = {var: sorted(keys) for var, keys in sorted(self.keys.items())}
        return {"keys": keys, "whole": sorted(self.whole), "sets": sorted(self.sets)}

    def fail(self, what: str) -> HarloweError:
        line = self.src.count("\n", 0, self.pos) + 1
        return HarloweError(f"passage {self.name!r}, line {line}: {what}: {self.src[self.pos : self.pos + 50]!r}")

    def passage(self) -> list[list[str]]:
        """The passage's statements, each as lines of JavaScript."""
        lines = self.body(in_hook=False, collapsed=False)
        if self.pos != len(self.src):
            raise self.fail("unexpected")
        return lines

    def body(self, in_hook: bool, collapsed: bool) -> list[list[str]]:
        lines: list[list[str]] = []
        bold = italic = False
        while self.pos < len(self.src):
            src, pos = self.src, self.pos
            at_line_start = pos == 0 or src[pos - 1] == "\n"
            if src.startswith("]", pos) and in_hook:
                break
            if at_line_start and not in_hook and not collapsed and src.startswith("{\n", pos):
                self.pos += 2
                lines += self.body(in_hook=False, collapsed=True)
                if not self.src.startswith("}", self.pos) or not self.at_line_end(self.pos + 1):
                    raise self.fail("a { without its } on a line of its own")
                self.pos += 1
                continue
            if at_line_start and collapsed and not in_hook and src.startswith("}", pos):
                break
            if src.startswith("\n", pos):
                lines.append([_show(" " if collapsed else "\n")])
                self.pos += 1
            elif src.startswith("''", pos):
                bold = not bold
                self.pos += 2
            elif src.startswith("//", pos):
                italic = not italic
                self.pos += 2
            elif src.startswith("<br>", pos):
                lines.append([_show("\n")])
                self.pos += 4
            elif src.startswith("[[", pos):
                lines.append(self.link())
            elif src.startswith("(", pos):
                lines.append(self.macro(collapsed))
            elif (text := _TEXT.match(src, pos)) is not None:
                if at_line_start and _LINE_START.match(text.group(0)):
                    raise self.fail("markup at the start of a line")
                lines.append([_show(html.unescape(text.group(0)))])
                self.pos = text.end()
            else:
                raise self.fail("markup outside the subset")
            if (bold or italic) and self.src.startswith("\n", self.pos - 1):
                raise self.fail("bold or italic not closed on its line")
        if bold or italic:
            raise self.fail("bold or italic not closed")
        return lines

    def at_line_end(self, pos: int) -> bool:
        return pos == len(self.src) or self.src[pos] == "\n"

    def link(self) -> list[str]:
        match = _LINK.match(self.src, self.pos)
        if match is None:
            raise self.fail("a link that is not [[label->passage]]")
        label, target = match.groups()
        if not _TEXT.fullmatch(label) or "->" in label:
            raise self.fail("a link whose label has markup")
        self.pos = match.end()
        return [_show(html.unescape(label)), f"links.push({_js(target)});"]

    def macro(self, collapsed: bool) -> list[str]:
        match = _MACRO.match(self.src, self.pos)
        if match is None:
            raise self.fail("a ( that does not start a macro")
        name = match.group(1)
        self.pos = match.end()
        expr = _Expressions(self)
        if name == "set":
            return expr.assignment()
        if name == "if":
            return self.chain(expr.condition(), collapsed)
        if name == "go-to":
            passage = expr.string()
            expr.close()
            return [f"return {_js(passage)};"]
        if name == "link":
            label = expr.string()
            expr.close()
            if not self.src.startswith("[(restart:)]", self.pos):
                raise self.fail("a (link:) that does not (restart:)")
            self.pos += len("[(restart:)]")
            return [_show(label)]
        raise self.fail(f"the macro ({name}:) here")  # (else-if:) and (else:) are read with their (if:), in chain

    def chain(self, condition: str, collapsed: bool) -> list[str]:
        """``(if: E)[...]`` with the ``(else-if: E)[...]`` and ``(else:)[...]`` that follow it at once."""
        lines = [f"if (h.if({condition})) {{", *self.hook(collapsed)]
        while self.src.startswith("(else-if:", self.pos):
            self.pos += len("(else-if:")
            lines += [f"}} else if (h.if({_Expressions(self).condition()})) {{", *self.hook(collapsed)]
        if self.src.startswith("(else:)", self.pos):
            self.pos += len("(else:)")
            lines += ["} else {", *self.hook(collapsed)]
        return [*lines, "}"]

    def hook(self, collapsed: bool) -> list[str]:
        if not self.src.startswith("[", self.pos) or self.src.startswith("[[", self.pos):
            raise self.fail("a macro without its hook")
        self.pos += 1
        lines = self.body(in_hook=True, collapsed=collapsed)
        if not self.src.startswith("]", self.pos):
            raise self.fail("a hook without its ]")
        self.pos += 1
        return [f"  {line}" for statement in lines for line in statement]


def _show(text: str) -> str:
    return f"out.push({_js(text)});"


# --- reading expressions --------------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""[ ]*(?:
      (?P<string>"[^"\\\n]*")
    | (?P<number>\d+)\b
    | (?P<var>\$[a-z]+)\b
    | (?P<call>\((?:a|dm|min):)
    | (?P<word>'s\b|is[ ]in\b|is\b|and\b|not\b|contains\b|to\b|it\b|true\b|[+(),])
    )""",
    re.VERBOSE,
)


class _Expressions:
    """Reads the arguments of one macro, up to its closing ``)``, into a JavaScript expression of the helpers."""

    def __init__(self, parser: _Parser) -> None:
        self.parser = parser
        self.uses_it = False

    def peek(self) -> tuple[str, str]:
        match = _TOKEN.match(self.parser.src, self.parser.pos)
        if match is None or match.lastgroup is None:
            raise self.parser.fail("an expression outside the subset")
        kind = match.lastgroup
        return (match.group(kind) if kind == "word" else kind), match.group(kind)

    def take(self, expected: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if expected is not None and token[0] != expected:
            raise self.parser.fail(f"expected {expected}")
        match = _TOKEN.match(self.parser.src, self.parser.pos)
        assert match is not None
        self.parser.pos = match.end()
        return token

    def close(self) -> None:
        self.take(")")

    def string(self) -> str:
        return self.take("string")[1][1:-1]

    def condition(self) -> str:
        value = self.expression()
        self.close()
        return value

    def assignment(self) -> list[str]:
        """``$v to E`` or ``$v's "key" to E``, then ``)``."""
        var = self.take("var")[1][1:]
        key = None
        if self.peek()[0] == "'s":
            self.take()
            key = self.string()
        self.take("to")
        value = self.expression()
        self.close()
        self.parser.sets.add(var)
        target = f"h.variable(v, {_js(var)})"
        it = f"const it = {target if key is None else f'h.get({target}, {_js(key)})'}; " if self.uses_it else ""
        if key is None:
            return [f"{{ {it}v.set({_js(var)}, h.copy({value})); }}"]
        return [f"{{ {it}h.put({target}, {_js(key)}, {value}); }}"]

    def expression(self) -> str:
        """``and`` binds loosest; then ``is``, ``is in``, ``contains``; then ``+``; then ``not``; then ``'s``."""
        left = self.comparison()
        while self.peek()[0] == "and":
            self.take()
            left = f"h.and({left}, {self.comparison()})"
        return left

    def comparison(self) -> str:
        left = self.sum()
        kind = self.peek()[0]
        if kind == "is":
            self.take()
            return f"h.is({left}, {self.sum()})"
        if kind == "is in":
            self.take()
            return f"h.isIn({left}, {self.sum()})"
        if kind == "contains":
            self.take()
            right = self.sum()
            return f"h.isIn({right}, {left})"
        return left

    def sum(self) -> str:
        left = self.unary()
        while self.peek()[0] == "+":
            self.take()
            left = f"h.plus({left}, {self.unary()})"
        return left

    def unary(self) -> str:
        if self.peek()[0] != "not":
            return self.postfix()
        self.take()
        if self.peek()[0] != "(":
            raise self.parser.fail("not without parentheses")  # its precedence is above ``is``: never rely on it
        return f"h.not({self.postfix()})"

    def postfix(self) -> str:
        kind, text = self.peek()
        value = self.atom()
        if kind == "var" and self.peek()[0] != "'s":
            self.parser.whole.add(text[1:])
        while self.peek()[0] == "'s":
            self.take()
            key = self.string()
            if kind == "var":
                self.parser.keys.setdefault(text[1:], set()).add(key)
                kind = ""
            value = f"h.get({value}, {_js(key)})"
        return value

    def atom(self) -> str:
        kind, text = self.take()
        if kind in ("string", "number"):
            return text  # a Harlowe string of the subset is the same JavaScript string
        if kind == "true":
            return "true"
        if kind == "var":
            return f"h.variable(v, {_js(text[1:])})"
        if kind == "it":
            self.uses_it = True
            return "it"
        if kind == "(":
            inner = self.expression()
            self.close()
            return f"({inner})"
        if kind == "call":
            return self.call(text[1:-1])
        raise self.parser.fail(f"{text!r} where a value belongs")

    def call(self, name: str) -> str:
        items: list[str] = []
        if self.peek()[0] != ")":
            items.append(self.expression())
            while self.peek()[0] == ",":
                self.take()
                items.append(self.expression())
        self.close()
        if name == "a":
            return f"[{', '.join(items)}]"
        if name == "dm":
            if len(items) % 2:
                raise self.parser.fail("(dm:) with a key and no value")
            return f"h.dm([{', '.join(items)}])"
        if len(items) != 2:
            raise self.parser.fail("(min:) of other than two values")
        return f"h.min({items[0]}, {items[1]})"
