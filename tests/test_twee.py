"""The Twee export compiles with a real Twee compiler (extwee, npm) and its passages and links are the pathway's
questions and options (issue 12). CI installs extwee (`.ci/run`); elsewhere the test says how to.

And its rules are the engine's: ``tests/harlowe.py`` plays the story's own Harlowe (in Node) along every route of the
test pathway and of ``sggg``, and the answers it records, the urgency it shows, the steps in order and the contacts
with their roles in order are ``route.build_outcome``'s."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pytest

from samen_refer.checks.load import load_pathway
from samen_refer.engine.route import Outcome, build_outcome, every_route
from samen_refer.format.pathway import Pathway
from samen_refer.format.vocabulary import ROLES, URGENCIES
from samen_refer.i18n.messages import say
from samen_refer.render.twee import story_twee
from tests.conftest import MINI, REPO, differences, missing, shipped_outcomes, shipped_pathway
from tests.harlowe import Ending, HarloweError, Story

EXTWEE = os.environ.get("SAMEN_REFER_EXTWEE_DIR", "")
NODE = shutil.which("node")


@pytest.fixture
def node() -> str:
    if NODE is None:
        missing("needs Node.js (`node`) to play the story's Harlowe")
    return NODE


# Parse the Twee 3 source, compile it to Twine 2 HTML, read that back, and list each passage with its links.
COMPILE = """
const extwee = require("extwee");
const source = require("fs").readFileSync(process.argv[1], "utf8");
const compiled = extwee.parseTwee(source).toTwine2HTML();
const story = extwee.parseTwine2HTML(compiled);
const links = (text) => [...text.matchAll(/\\[\\[(?:[^\\]]*?->)?([^\\]]+?)\\]\\]/g)].map((m) => m[1]);
console.log(JSON.stringify({
  name: story.name,
  passages: Object.fromEntries(story.passages.map((p) => [p.name, links(p.text)])),
}));
"""


def compiled(pathway: Pathway, tmp_path: Path) -> dict[str, object]:
    if not EXTWEE or shutil.which("node") is None:
        missing("set SAMEN_REFER_EXTWEE_DIR to .ci after `npm ci --prefix .ci`")
    source = tmp_path / "story.twee"
    source.write_text(story_twee(pathway, "nl"), encoding="utf-8")
    env = {**os.environ, "NODE_PATH": str(Path(EXTWEE) / "node_modules")}
    result = subprocess.run(
        ["node", "-e", COMPILE, str(source)], capture_output=True, text=True, env=env, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


@pytest.mark.parametrize("which", ["mini", "sggg"])
def test_the_twee_export_compiles_and_links_every_option(tmp_path: Path, which: str) -> None:
    path = MINI / "mini.yaml" if which == "mini" else REPO / "pathways" / "sggg.yaml"
    pathway = load_pathway(path)
    story = compiled(pathway, tmp_path)
    passages = story["passages"]
    assert isinstance(passages, dict)
    for question in pathway.questions:
        assert question.id in passages, question.id
        expected = [f"{question.id}={option.id}" for option in question.options]
        assert [link for link in passages[question.id] if link.startswith(f"{question.id}=")] == expected
        for target in expected:
            assert target in passages, target  # every link leads to a passage that exists
    assert "end" in passages


# --- the story's rules are the engine's: every route played through the story's own Harlowe ------------------------


def _labels(prefix: str, ids: Sequence[str], lang: str) -> dict[str, str]:
    return {" ".join(say(f"{prefix}.{i}", lang).split()): i for i in ids}


def story_lines(pathway: Pathway, lang: str) -> Iterator[str]:
    """A line per way through the exported story, in link order, as ``tests/harlowe.py`` plays its Harlowe: the
    answers it recorded, and what its ending shows: the urgency, the steps and the contacts with their roles."""
    urgencies, roles = _labels("urgency", URGENCIES, lang), _labels("role", ROLES, lang)
    story = Story(story_twee(pathway, lang))
    assert NODE is not None
    shows: dict[int, str] = {}  # an ending is one object for all the ways that end in it
    for way in story.ways(NODE, before=["answers"], after=["shown"]):
        answers = way.before["answers"]
        show = shows.get(id(way.ending))
        if show is None:
            show = shows[id(way.ending)] = _shows(way.ending, urgencies, roles)
        yield f"{','.join(f'{question}={answers[question]}' for question, _ in way.choices)}|{show}"


def _shows(ending: Ending, urgencies: Mapping[str, str], roles: Mapping[str, str]) -> str:
    """The urgency, the step ids and the contacts with their roles that an ending shows, in order."""
    lines, shown = ending.lines, ending.after["shown"]
    steps = [key.removeprefix("step:") for key in shown if key.startswith("step:")]
    contacts = [key.removeprefix("contact:") for key in shown if key.startswith("contact:")]
    # the urgency, the steps' heading, a line per step, the contacts' heading, a line per contact, the restart link
    assert len(lines) == 4 + len(steps) + len(contacts), lines
    assert all(line.startswith("• ") for line in lines[2 : 2 + len(steps)] + lines[3 + len(steps) : -1]), lines
    given = [
        roles[max((label for label in roles if line.endswith(f"({label})")), key=len)]
        for line in lines[3 + len(steps) : -1]
    ]
    return "|".join(
        (
            urgencies.get(lines[0], lines[0]),
            ",".join(steps),
            ",".join(f"{c}:{r}" for c, r in zip(contacts, given, strict=True)),
        )
    )


def engine_lines(pathway: Pathway, known: Mapping[frozenset[tuple[str, str]], Outcome]) -> Iterator[str]:
    """The same line from ``route.build_outcome``, for every route in ``every_route``'s order (an outcome is built
    once per distinct set of the answers that block conditions look at, or taken from ``known``)."""
    looked_at = tuple(
        dict.fromkeys(t.question for b in pathway.blocks for c in (b.when, b.unless) if c for t in c.terms)
    )
    outcomes: dict[tuple[str | None, ...], str] = {}
    for answers in every_route(pathway):
        key = tuple(answers.get(q) for q in looked_at)
        outcome = outcomes.get(key)
        if outcome is None:
            built = known.get(frozenset(answers.items())) or build_outcome(pathway, answers)
            outcome = outcomes[key] = "|".join(
                (
                    built.urgency,
                    ",".join(s.step.id for s in built.steps),
                    ",".join(f"{c.contact.id}:{c.role}" for c in built.contacts),
                )
            )
        yield f"{','.join(f'{q}={o}' for q, o in answers.items())}|{outcome}"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_route_of_the_test_pathway_gives_the_engine_outcome_in_the_story(
    mini: Pathway, lang: str, node: str
) -> None:
    assert differences(engine_lines(mini, {}), story_lines(mini, lang)) == (13, 0, [])


@pytest.mark.xdist_group("every-route")
@pytest.mark.no_cover  # a loop over every route: coverage would double its time
def test_every_route_of_sggg_gives_the_engine_outcome_in_the_story(node: str) -> None:
    pathway = shipped_pathway()
    assert differences(engine_lines(pathway, shipped_outcomes()), story_lines(pathway, "nl")) == (522_750, 0, [])


STORY = ':: StoryData\n{"start": "a"}\n\n:: a\n'


@pytest.mark.parametrize(
    "body",
    [
        "(print: 1)",  # a macro outside the subset
        "(if: $x is 1 or 2)[y]",  # `or`, and an elided comparison
        "(if: not $x)[y]",  # `not` without parentheses: its precedence is not relied on
        "(else:)[y]",  # an (else:) without its (if:)
        "(if: true)",  # a changer without its hook
        "(set: _x to 1)",  # a temporary variable
        "costs $5",  # a variable in text
        "a |name>[hook]",  # a named hook
        "# heading",  # markup at a line's start
        "''bold",  # emphasis not closed
        '(go-to: "b\\"c")',  # a backslash in a string
        '(link: "x")[(go-to: "b")]',  # a (link:) that does other than (restart:)
    ],
)
def test_the_interpreter_refuses_harlowe_outside_the_subset(body: str) -> None:
    with pytest.raises(HarloweError):
        Story(STORY + body + "\n")
