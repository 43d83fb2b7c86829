"""Answer files: a YAML mapping of question id to option id, and nothing else."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from samen_refer.format.shape import INVALID, Id, MapOf, Reader
from samen_refer.format.source import read_document
from samen_refer.problem import ContentError, Problem, SamenReferError, said

ANSWERS = MapOf(Id)


def load_answers(path: Path) -> dict[str, str]:
    """Read an answers file, or raise ``ContentError`` naming the line of each problem."""
    doc = read_document(path)
    problems = list(doc.problems)
    if doc.root is None or problems:  # YAML that cannot be trusted is not read further
        if problems:
            raise ContentError(problems, "answers-file")
        return {}
    reader = Reader(doc.path)
    items = ANSWERS.read(doc.root, reader)
    problems += reader.problems
    if problems or items is INVALID:
        raise ContentError(
            problems or [Problem(doc.path, 1, 1, said("not an answers file"), "schema-type")], "answers-file"
        )
    return {question: option for question, option, _ in items}


def parse_answer_args(pairs: Iterable[str]) -> dict[str, str]:
    """``QUESTION=OPTION`` arguments as a mapping."""
    out: dict[str, str] = {}
    for pair in pairs:
        question, sep, option = pair.partition("=")
        if not sep or not question.strip() or not option.strip():
            raise SamenReferError.of("answer-form", pair=pair)
        question, option = question.strip(), option.strip()
        if out.get(question, option) != option:  # never last-wins: the answers might hide a danger
            raise SamenReferError.of("answer-conflict", question=question, first=out[question], second=option)
        out[question] = option
    return out


def answers_text(answers: Mapping[str, str]) -> str:
    """The YAML text of an answers file."""
    return "".join(f"{question}: {option}\n" for question, option in answers.items())
