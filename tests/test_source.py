"""Reading YAML: every problem PyYAML would hide or turn into a traceback becomes a located problem."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from samen_refer.format.source import (
    MAX_BYTES,
    _anchor_and_tag_problems,
    may_have_anchor_or_tag,
    parse_document,
    read_capped,
    read_document,
)
from samen_refer.problem import Problem


def problems_of(data: bytes) -> list[tuple[int, int, str]]:
    return [(p.line, p.col, p.check) for p in parse_document(data, "f.yaml").problems]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"a: 1\nb: [\n", [(3, 1, "yaml-syntax")]),
        (b"a:\n\tb: 1\n", [(2, 1, "yaml-tabs")]),
        (b"a: 1\nb: 2\na: 3\n", [(3, 1, "yaml-duplicate-key")]),
        (b"a: &x [1]\nb: *x\n", [(1, 4, "yaml-alias")]),
        (b"a: &x 1\nb: 2\n", [(1, 4, "yaml-alias")]),  # F20: an anchor without an alias
        (b"a: !!binary aGk=\n", [(1, 4, "yaml-tag")]),  # F20: tags were dropped silently
        (b"a: !!python/name:os.system no\n", [(1, 4, "yaml-tag")]),
        (b"- !include other.yaml\n", [(1, 3, "yaml-tag")]),
        (b"a: !!str 1\n", [(1, 4, "yaml-tag")]),
        (b"%TAG !e! tag:example.com,2000:\n---\na: !e!foo 1\n", [(3, 4, "yaml-tag")]),
        (b"a: Veilig & snel!\n", []),
        ("danger: no\n".encode("utf-16"), [(1, 1, "yaml-encoding")]),  # F19
        ("danger: no\n".encode("utf-16-le"), [(1, 1, "yaml-encoding")]),
        ("danger: no\n".encode("utf-16-be"), [(1, 1, "yaml-encoding")]),
        ("danger: no\n".encode("utf-32"), [(1, 1, "yaml-encoding")]),
        ("danger: no\n".encode("utf-32-le"), [(1, 1, "yaml-encoding")]),
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
    assert len(doc.problems) == 10  # every anchor, also a9 that nothing names


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


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-32", "UTF-32"), ("utf-32-be", "UTF-32")],
)
def test_utf16_and_utf32_files_get_save_as_utf8(encoding: str, name: str) -> None:
    (problem,) = parse_document("danger: no\nchildren: no\n".encode(encoding), "a.yaml").problems
    assert str(problem) == f"a.yaml:1:1: error: this is {name} text; save the file as UTF-8 [yaml-encoding]"


NOT_A_FILE = "is not a regular file (a pipe, device or socket); give a file"


def test_a_fifo_is_refused_at_once_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "f.yaml"  # F7: it used to block forever
    os.mkfifo(fifo)
    (problem,) = read_document(fifo).problems
    assert (problem.check, problem.message) == ("file-unreadable", NOT_A_FILE)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused_without_reading(device: str) -> None:
    (problem,) = read_document(Path(device)).problems  # F7: /dev/zero grew memory by 1.4 GB/s
    assert (problem.check, problem.message) == ("file-unreadable", NOT_A_FILE)


def test_an_endless_pipe_is_refused(tmp_path: Path) -> None:
    reader, writer = os.pipe()
    try:
        os.write(writer, b"danger: no\n" * 100)
        (problem,) = read_document(Path(f"/dev/fd/{reader}")).problems  # as `yes | ... --answers /dev/stdin`
    finally:
        os.close(reader)
        os.close(writer)
    assert problem.message == NOT_A_FILE


def test_a_symlink_to_dev_zero_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "contacts.yaml"
    link.symlink_to("/dev/zero")
    (problem,) = read_document(link).problems
    assert problem.message == NOT_A_FILE


def test_no_more_than_the_limit_is_read_even_when_the_size_says_0() -> None:
    status = Path("/proc/self/status")  # a regular file whose st_size is 0
    assert status.stat().st_size == 0
    problem = read_capped(status, "status", limit=10)
    assert isinstance(problem, Problem)
    assert (problem.check, problem.message) == (
        "file-too-large",
        "file is larger than the limit; the limit is 10 bytes",
    )


# Pieces of YAML that put anchors and tags in the places a node can start, among texts with "&" and "!" in them.
NODE_STARTS = ["[", "{", "a", ":", ": ", ",", "- ", "? ", "\n", "  ", '"a"', "]", "}", "--- "]
ANCHORS_AND_TAGS = ["&x ", "&x", "!!str ", "! ", "!e "]
TEXTS = ["Bel 112!", "Q&A", "x!y", "a&b", "# !&", "'!'", "%TAG !e! tag:e,2000:\n---\n"]
PIECE = st.one_of(st.sampled_from(NODE_STARTS), st.sampled_from(ANCHORS_AND_TAGS), st.sampled_from(TEXTS))


@settings(max_examples=1000, deadline=None)
@given(st.lists(PIECE, max_size=8).map("".join))
def test_the_quick_check_never_misses_an_anchor_or_a_tag(text: str) -> None:
    """Parsing a second time for anchors and tags is skipped when the quick check says there can be none: it must
    never say so of a text where the parser finds one."""
    try:
        found = _anchor_and_tag_problems("f.yaml", text)
    except yaml.YAMLError:  # pragma: no cover - caught inside; the text is not YAML
        return
    if found:
        assert may_have_anchor_or_tag(text)


@pytest.mark.parametrize("text", ["text: Bel 112!\n", "text: Q&A, ook 's nachts\nurl: https://x.nl/?a=1&b=2\n"])
def test_an_exclamation_or_ampersand_in_a_text_needs_no_second_pass(text: str) -> None:
    assert not may_have_anchor_or_tag(text)
