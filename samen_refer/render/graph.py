"""A pathway as a diagram: questions, the options that lead from one to the next, and the advice blocks.

Two formats: Mermaid ``flowchart TD`` (rendered by GitHub in a pull request) and Graphviz DOT. Pure functions: the
pathway goes in, the diagram's text comes out.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final, Literal, NamedTuple

from samen_refer.format.language import pick
from samen_refer.format.pathway import Block, Condition, Pathway, Question, Term
from samen_refer.format.vocabulary import END
from samen_refer.i18n.translation import Words
from samen_refer.problem import SamenReferError

Notation = Literal["mermaid", "dot"]  # the language the diagram is written in

# Mermaid refuses larger diagrams (its maxEdges and maxTextSize settings; GitHub keeps the defaults).
MERMAID_MAX_EDGES: Final = 500
MERMAID_MAX_CHARS: Final = 50_000

_GRAPH_WORDS: Final = Words(
    "graph",
    {
        "if": "if",
        "and": "and",
        "unless": "unless",
        "otherwise": "otherwise",
        "always": "always",
        "advice": "Advice",
    },
)


# Inside a quoted Mermaid label these would end the string, be read as HTML or as an entity code, or start Markdown.
_MERMAID_ESCAPES: Final = str.maketrans(
    {"#": "#35;", '"': "#quot;", "&": "#amp;", "<": "#lt;", ">": "#gt;", "`": "#96;", "\r": None}
)


class Edge(NamedTuple):
    """An arrow from a question to the next question (or the outcome), labelled with the option and condition."""

    source: str
    target: str
    label: str


class Diagram(NamedTuple):
    """What is drawn, in one language, before it is written in a format. Labels may hold line breaks."""

    questions: tuple[tuple[str, str], ...]  # (question id, label), in pathway order
    edges: tuple[Edge, ...]
    outcome: str  # the label of the outcome node
    blocks: str  # one line per block with its condition; empty when the outcome cannot be reached


def draw(pathway: Pathway, output: Notation, lang: str, start: str | None = None) -> str:
    """The diagram of a pathway, or of the part reachable from question ``start``, as Mermaid or DOT text."""
    layout = diagram(pathway, lang, start)
    if output == "dot":
        return dot(layout, pathway.id)
    text = mermaid(layout)
    edges = len(layout.edges) + (1 if layout.blocks else 0)
    if edges > MERMAID_MAX_EDGES or len(text) > MERMAID_MAX_CHARS:
        raise SamenReferError.of(
            "mermaid-too-large",
            pathway=pathway.id,
            edges=edges,
            chars=f"{len(text):,}",
            max_edges=MERMAID_MAX_EDGES,
            max_chars=f"{MERMAID_MAX_CHARS:,}",
        )
    return text


def diagram(pathway: Pathway, lang: str, start: str | None = None) -> Diagram:
    """The questions reachable from ``start`` (default: the pathway's start), their edges, and the blocks."""
    first = start or pathway.start
    if pathway.question(first) is None:
        known = ", ".join(q.id for q in pathway.questions)
        raise SamenReferError.of("no-question", pathway=pathway.id, question=first, known=known)
    reachable = _reachable(pathway, first)
    questions = [q for q in pathway.questions if q.id in reachable]
    edges = tuple(edge for q in questions for edge in _edges(q, lang))
    ends = any(edge.target == END for edge in edges)
    return Diagram(
        tuple((q.id, f"{pick(q.text, lang)}\n({q.id})") for q in questions),
        edges,
        _GRAPH_WORDS("advice", lang),
        "\n".join(_block_line(b, lang) for b in pathway.blocks) if ends else "",
    )


def _reachable(pathway: Pathway, first: str) -> set[str]:
    seen = {first}
    todo = [first]
    while todo:
        question = pathway.question(todo.pop())
        if question is None:
            continue  # a loaded pathway has no such targets; see checks.references
        targets = {rule.to for o in question.options for rule in o.next or question.next or ()}
        for target in targets - seen - {END}:
            seen.add(target)
            todo.append(target)
    return seen


def _edges(question: Question, lang: str) -> Iterator[Edge]:
    """One edge per rule an option can follow; rules that cannot hold for that option are left out."""
    for option in question.options:
        drawn = False
        for rule in option.next or question.next or ():
            terms = _given(rule.when, question.id, option.id)
            if terms is None:
                continue
            label = pick(option.label, lang)
            if terms:
                label += f" [{_GRAPH_WORDS('if', lang)} {_condition(terms, lang)}]"
            elif drawn:
                label += f" [{_GRAPH_WORDS('otherwise', lang)}]"
            yield Edge(question.id, rule.to, label)
            drawn = True
            if not terms:
                break  # the rules after an unconditional one are never used


def _given(when: Condition | None, question: str, option: str) -> tuple[Term, ...] | None:
    """The terms still open once ``question`` is answered with ``option``; None if the condition cannot hold."""
    if when is None:
        return ()
    open_terms = []
    for term in when.terms:
        if term.question != question:
            open_terms.append(term)
        elif option not in term.options:
            return None
    return tuple(open_terms)


def _condition(terms: tuple[Term, ...], lang: str) -> str:
    if not terms:  # written as {}: holds on every route
        return _GRAPH_WORDS("always", lang)
    return f" {_GRAPH_WORDS('and', lang)} ".join(f"{t.question} = {'/'.join(t.options)}" for t in terms)


def _block_line(block: Block, lang: str) -> str:
    parts = [f"{block.id}:"]
    if block.when and block.when.terms:
        parts.append(f"{_GRAPH_WORDS('if', lang)} {_condition(block.when.terms, lang)}")
    else:
        parts.append(_GRAPH_WORDS("always", lang))
    if block.unless is not None:
        parts[-1] += ","
        parts.append(f"{_GRAPH_WORDS('unless', lang)} {_condition(block.unless.terms, lang)}")
    if block.urgency:
        parts.append(f"({block.urgency})")
    return " ".join(parts)


def mermaid(layout: Diagram) -> str:
    """Mermaid ``flowchart TD`` text; every label quoted and escaped, every node id prefixed (``end`` is a keyword)."""
    ids = _mermaid_ids(qid for qid, _ in layout.questions)
    ids[END] = "outcome"
    lines = ["flowchart TD"]
    lines += [f'  {ids[qid]}["{_mermaid_label(label)}"]' for qid, label in layout.questions]
    if END in {edge.target for edge in layout.edges}:
        lines.append(f'  outcome(["{_mermaid_label(layout.outcome)}"])')
    lines += [f'  {ids[e.source]} -->|"{_mermaid_label(e.label)}"| {ids[e.target]}' for e in layout.edges]
    if layout.blocks:
        lines.append(f'  outcome --- blocks["{_mermaid_label(layout.blocks)}"]')
    return "\n".join(lines) + "\n"


def _mermaid_ids(question_ids: Iterator[str]) -> dict[str, str]:
    # A '-' in a node id can be read as part of an arrow ('a--b', 'x-o'), so it becomes '_', kept unique.
    ids: dict[str, str] = {}
    taken = {"outcome", "blocks"}
    for qid in question_ids:
        base = node = "q_" + qid.replace("-", "_")
        n = 1
        while node in taken:
            n += 1
            node = f"{base}_{n}"
        taken.add(node)
        ids[qid] = node
    return ids


def _mermaid_label(text: str) -> str:
    return text.translate(_MERMAID_ESCAPES).replace("\n", "<br/>")


def dot(layout: Diagram, name: str) -> str:
    """Graphviz DOT text (UTF-8); ids and labels are quoted strings."""
    lines = [
        f"digraph {_dot_string(name)} {{",
        '  node [shape=box, style=rounded, fontname="sans-serif"];',
        '  edge [fontname="sans-serif", fontsize=10];',
    ]
    lines += [f"  {_dot_string('q_' + qid)} [label={_dot_string(label)}];" for qid, label in layout.questions]
    if END in {edge.target for edge in layout.edges}:
        lines.append(f'  "outcome" [label={_dot_string(layout.outcome)}, shape=doubleoctagon];')
    lines += [f"  {_dot_node(e.source)} -> {_dot_node(e.target)} [label={_dot_string(e.label)}];" for e in layout.edges]
    if layout.blocks:
        left_aligned = "".join(_dot_escape(line) + "\\l" for line in layout.blocks.split("\n"))  # \l: align left
        lines.append(f'  "blocks" [label="{left_aligned}", shape=note];')
        lines.append('  "outcome" -> "blocks" [arrowhead=none, style=dashed];')
    return "\n".join([*lines, "}"]) + "\n"


def _dot_node(target: str) -> str:
    return '"outcome"' if target == END else _dot_string("q_" + target)


def _dot_string(text: str) -> str:
    return f'"{_dot_escape(text)}"'


def _dot_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "\\n")
