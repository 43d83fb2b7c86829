"""Helpers for the trainers' tests: the commands mounted as in samen_refer/cli/app.py, scenarios, HTML checks."""

from __future__ import annotations

import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samen_refer.cli.app import app

runner = CliRunner()
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def run(*args: str, input: str | None = None, columns: int | None = None) -> tuple[int, str, str]:
    """Exit status, stdout and stderr (on a terminal ``columns`` wide, when given); never a traceback."""
    env = {"COLUMNS": str(columns)} if columns else None
    result = runner.invoke(app, list(args), input=input, env=env)
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def write_scenario(folder: Path, scenario_id: str, answers: str, expect: str, vignette: str = "Een situatie.") -> Path:
    """A scenario file for the mini pathway in ``folder/scenarios``; answers and expect as YAML flow mappings."""
    (folder / "scenarios").mkdir(exist_ok=True)
    path = folder / "scenarios" / f"{scenario_id}.yaml"
    path.write_text(
        textwrap.dedent(f"""\
            id: {scenario_id}
            pathway: mini
            title: {{nl: Titel {scenario_id}, en: Title {scenario_id}}}
            difficulty: basic
            vignette: {{nl: '{vignette}', en: '{vignette}'}}
            answers: {answers}
            expect: {expect}
            discussion:
              - {{nl: Wat doe je eerst?, en: What do you do first?}}
            """),
        encoding="utf-8",
    )
    return path


class Balance(HTMLParser):
    """Every element closed in order (void elements excepted), and nothing that runs code."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problems: list[str] = []
        self.seen: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.add(tag)
        if any(name.startswith("on") for name, _ in attrs):
            self.problems.append(f"event handler on <{tag}>")
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open.pop() != tag:
            self.problems.append(f"</{tag}> does not close the last open element")


def html_problems(page: str) -> list[str]:
    """What is wrong with a page: elements not closed in order, event handlers, scripts or outside resources."""
    checker = Balance()
    checker.feed(page)
    checker.close()
    problems = checker.problems + [f"<{tag}> never closed" for tag in checker.open]
    problems += [f"<{tag}> present" for tag in {"script", "link", "img", "iframe"} & checker.seen]
    return problems


def strict_html5(page: str) -> None:
    """Parse with html5lib in strict mode (it raises on the first parse error); skipped without html5lib."""
    html5lib = pytest.importorskip("html5lib")
    html5lib.HTMLParser(strict=True).parse(page)  # raises ParseError on the first error
