"""Shared fixtures: the small test pathway, and pathways written from inline YAML."""

from __future__ import annotations

import gc
import os
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from itertools import zip_longest
from pathlib import Path
from typing import NoReturn

import pytest

from samen_refer.checks.load import load_pathway
from samen_refer.engine.route import Outcome, build_outcome, every_route, selected_blocks
from samen_refer.format.pathway import Pathway
from samen_refer.format.source import paused_gc

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini"
REPO = Path(__file__).parent.parent

# .ci/run sets this: there a missing client (Chromium, axe-core, Node.js, Graphviz, Mermaid, the Nu HTML Checker,
# extwee, LibreOffice Calc) fails the tests that need it instead of skipping them.
REQUIRE_CLIENTS = os.environ.get("SAMEN_REFER_REQUIRE_CLIENTS") == "1"


def missing(reason: str) -> NoReturn:
    """A program a test needs is not installed: skip here, fail in CI."""
    if REQUIRE_CLIENTS:
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def mini() -> Pathway:
    """The small pathway in tests/data/mini, which uses every flow feature once."""
    return load_pathway(MINI / "mini.yaml")


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    """A writable copy of tests/data/mini."""
    target = tmp_path / "pathways"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write dedented YAML to a file in a temporary directory (with the mini contacts beside it)."""
    shutil.copy(MINI / "contacts.yaml", tmp_path / "contacts.yaml")

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return _write


@cache
def shipped_pathway() -> Pathway:
    """The shipped sggg pathway, loaded once per test run."""
    return load_pathway(REPO / "pathways" / "sggg.yaml")


@cache
def shipped_outcomes() -> dict[frozenset[tuple[str, str]], Outcome]:
    """The engine's outcome on every route of the shipped pathway, by its answers: built once per test run, because
    several tests check every route (content rules, the bitset analysis, the phone guide's interpreter).

    Which blocks apply is asked of the engine on every route (``selected_blocks``); the outcome is built from them
    once per set of blocks (``build_outcome``), for all it holds but the answers that say why (``because``) follows
    from the blocks alone. The reasons are left out (empty), as they differ from route to route: on sggg every answer
    counts somewhere, so building an outcome per route took most of a minute and 4 GB."""
    pathway = shipped_pathway()
    by_blocks: dict[tuple[str, ...], Outcome] = {}
    built: dict[frozenset[tuple[str, str]], Outcome] = {}
    with paused_gc():  # millions of objects without cycles: repeated full scans would add a minute
        for answers in every_route(pathway):
            blocks = selected_blocks(pathway, answers)
            key = tuple(b.id for b in blocks)
            outcome = by_blocks.get(key)
            if outcome is None:
                outcome = by_blocks[key] = without_reasons(build_outcome(pathway, answers, blocks))
            built[frozenset(answers.items())] = outcome
    gc.freeze()  # they live for the whole run: later collections need not scan them again
    return built


def without_reasons(outcome: Outcome) -> Outcome:
    """The outcome without the answers that say why each step and contact is there."""
    return outcome._replace(
        steps=tuple(s._replace(because=()) for s in outcome.steps),
        contacts=tuple(c._replace(because=()) for c in outcome.contacts),
        background=tuple(s._replace(because=()) for s in outcome.background),
        care=tuple(s._replace(because=()) for s in outcome.care),
    )


def differences(ours: Iterable[str], theirs: Iterable[str]) -> tuple[int, int, list[tuple[str | None, str | None]]]:
    """Two copies of the engine, line by line, one line per route: (routes compared, differences, the first few
    differing pairs: our line, theirs)."""
    compared = differ = 0
    first: list[tuple[str | None, str | None]] = []
    for line, their_line in zip_longest(ours, theirs):
        compared += 1
        if line != their_line:
            differ += 1
            if len(first) < 5:
                first.append((line, their_line))
    return compared, differ, first


@pytest.hookimpl(hookwrapper=True, trylast=True)  # inside pytest-cov's own wrapper
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """A ``no_cover`` test runs with no trace function in its thread. pytest-cov pauses coverage for it, but in a
    pytest-xdist worker the tracer of the thread that runs the tests stays on (measured: the advice-shape test over
    every route took 221 s instead of 61 s), so the every-route loops take it off themselves and put it back."""
    if item.get_closest_marker("no_cover") is None:
        yield
        return
    tracer = sys.gettrace()
    sys.settrace(None)
    try:
        yield
    finally:
        sys.settrace(tracer)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without coverage (``--no-cov``), drop the ``no_cover`` marks of the every-route loops: pytest-cov would still
    try to pause the coverage it is not measuring, and fail ('NoneType' object has no attribute 'pause')."""
    if not config.getoption("no_cov", default=False):
        return
    for item in items:
        item.own_markers[:] = [mark for mark in item.own_markers if mark.name != "no_cover"]
