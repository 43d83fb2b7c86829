"""Reading YAML: every problem PyYAML would hide or turn into a traceback becomes a located problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from samen_refer.source import MAX_BYTES, parse_document, read_document


def problems_of(data: bytes) -> list[tuple[int, int, str]]:
    return [(p.line, p.col, p.check) for p in parse_document(data, "f.yaml").problems]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"a: 1\nb: [\n", [(3, 1, "yaml-syntax")]),
        (b"a:\n\tb: 1\n", [(2, 1, "yaml-tabs")]),
        (b"a: 1\nb: 2\na: 3\n", [(3, 1, "yaml-duplicate-key")]),
        (b"a: &x [1]\nb: *x\n", [(1, 4, "yaml-alias")]),
        (b"a: 1\nb: caf\xe9\n", [(2, 7, "yaml-encoding")]),
        (b"\x00\x01binary", [(1, 1, "yaml-encoding")]),
        (b"[" * 40 + b"]" * 40, [(1, 33, "yaml-depth")]),
        (b"[" * 5000 + b"]" * 5000, [(1, 1001, "yaml-depth")]),
        (b"a: 1\n", []),
        (b"", []),
    ],
)
def test_reading_problems(data: bytes, expected: list[tuple[int, int, str]]) -> None:
    assert problems_of(data) == expected


def test_duplicate_key_names_the_first_line() -> None:
    (problem,) = parse_document(b"a: 1\nb: 2\na: 3\n", "f.yaml").problems
    assert problem.message == "duplicate key 'a' (first on line 1)"


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    doc = parse_document("\n".join(lines).encode(), "bomb.yaml")
    assert {p.check for p in doc.problems} == {"yaml-alias"}
    assert len(doc.problems) == 9


def test_yes_and_no_stay_text() -> None:
    doc = parse_document(b"id: no\nother: yes\ndate: 2026-11-28\nn: 0201234567\n", "f.yaml")
    assert doc.root is not None
    assert [v.value for _, v in doc.root.value] == ["no", "yes", "2026-11-28", "0201234567"]


@pytest.mark.parametrize(
    ("make", "check", "message"),
    [
        (lambda p: p, "file-unreadable", "file not found"),
        (lambda p: (p.mkdir(), p)[1], "file-unreadable", "is a directory, not a YAML file"),
        (lambda p: (p.write_bytes(b"a" * (MAX_BYTES + 1)), p)[1], "file-too-large", None),
    ],
)
def test_unreadable_files(tmp_path: Path, make: object, check: str, message: str | None) -> None:
    path = make(tmp_path / "x.yaml")  # type: ignore[operator]
    (problem,) = read_document(path).problems
    assert (problem.line, problem.col, problem.check) == (1, 1, check)
    if message:
        assert problem.message == message
