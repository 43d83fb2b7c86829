"""Property-based tests: whatever documents the loader and validator get, and whatever a helper types, the tool
answers with its own errors or a valid result, never with a crash."""

from __future__ import annotations

import datetime
import io
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from samen_refer.checks.load import load_pathway, read_pathway
from samen_refer.checks.scenarios import read_scenario
from samen_refer.checks.validate import validate
from samen_refer.engine.route import Route
from samen_refer.format.source import parse_document
from samen_refer.render.session import InputEnded, QuickExit, Session
from tests.conftest import MINI

MINI_LINES = (MINI / "mini.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
YAMLISH = st.lists(
    st.sampled_from([*"abcdeyn:{}[]-,&*!|>'\"#%@\t\n ", "yes", "no", "id", "\u00e9", "\x1b"]), max_size=120
).map("".join)


@st.composite
def mutated_pathway(draw: st.DrawFn) -> str:
    """The mini pathway with lines deleted, duplicated, swapped or cut, and junk inserted."""
    lines = list(MINI_LINES)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "cut", "junk", "indent"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "cut":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))] + "\n"
        elif action == "junk":
            lines.insert(i, draw(YAMLISH) + "\n")
        else:
            lines[i] = "  " + lines[i]
    return "".join(lines)


@SETTINGS
@given(st.binary(max_size=400) | YAMLISH.map(str.encode))
def test_any_bytes_are_read_into_problems_never_an_exception(data: bytes) -> None:
    document = parse_document(data, "f.yaml")
    assert all(p.path == "f.yaml" and p.line >= 1 and p.col >= 1 for p in document.problems)


@SETTINGS
@given(mutated_pathway())
def test_mutated_pathways_load_or_report_problems_and_validate(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(MINI / "contacts.yaml", folder / "contacts.yaml")
        (folder / "mini.yaml").write_text(text, encoding="utf-8")
        pathway, problems = read_pathway(folder / "mini.yaml")
        assert (pathway is None) == any(p.severity == "error" for p in problems)
        report = validate([folder], datetime.date(2026, 11, 28))
        assert all(p.check for p in report.problems)
        scenario, found = read_scenario(folder / "mini.yaml")  # a pathway read as a scenario: problems only
        assert scenario is None and found


KEYS = st.sampled_from(["1", "2", "3", "4", "0", "?", "b", "back", "yes", "no", "unsure", "referral", "", "x", "Q"])


@SETTINGS
@given(st.lists(KEYS, max_size=30), st.sampled_from(["nl", "en"]))
def test_any_typing_ends_in_advice_a_quit_or_end_of_input(keys: list[str], lang: str) -> None:
    pathway = load_pathway(MINI / "mini.yaml")
    typed = iter(keys)

    def ask(prompt: str) -> str:
        try:
            return next(typed)
        except StopIteration:
            raise EOFError from None

    screen = io.StringIO()
    session = Session(pathway, lang, Console(file=screen, width=60), ask, plain=True)
    try:
        route = session.run()
    except InputEnded:
        return
    except QuickExit:  # pragma: no cover - q! is not in the alphabet
        raise AssertionError("unexpected quick exit") from None
    assert route is None or (isinstance(route, Route) and route.outcome is not None and route.outcome.contacts)
