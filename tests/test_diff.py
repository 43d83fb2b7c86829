"""``samen-refer diff``: what changed in behaviour between two versions of a pathway, route by route."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from samen_refer.checks.load import load_pathway
from samen_refer.cli.boundary import BoundaryGroup
from samen_refer.cli.diff import diff
from samen_refer.engine.advice import Advice, Change, change_of, route_advice
from samen_refer.engine.behaviour import BehaviourDiff, ChangeSet
from samen_refer.engine.region_diff import RegionChange, region_markdown
from samen_refer.engine.route import build_outcome, every_route
from samen_refer.engine.text_diff import TextChange
from samen_refer.format.pathway import Pathway
from samen_refer.render.diff import LISTED, markdown
from tests.conftest import MINI

runner = CliRunner()
app = typer.Typer(cls=BoundaryGroup)
app.command("diff")(diff)


@app.callback()
def _main() -> None:
    """The diff command alone (a single-command app would drop its name)."""


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["diff", *args, "--lang", "en"], env=env)
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


Edit = tuple[str, str]


def version(tmp_path: Path, name: str, edits: Sequence[Edit] = (), contact_edits: Sequence[Edit] = ()) -> Path:
    """A copy of the mini pathways directory with each (old, new) text replaced once."""
    folder = tmp_path / name
    folder.mkdir()
    for file, changes in (("mini.yaml", edits), ("contacts.yaml", contact_edits)):
        text = (MINI / file).read_text(encoding="utf-8")
        for old, new in changes:
            assert text.count(old) == 1, old
            text = text.replace(old, new)
        (folder / file).write_text(text, encoding="utf-8")
    return folder


# children=no now skips the consent question and goes straight to report
NEXT_CHANGED = (
    "      - {id: no, label: {nl: Nee, en: No}}\n    next: consent",
    "      - {id: no, label: {nl: Nee, en: No}, next: report}\n    next: consent",
)
ROLE_CHANGED = ("{contact: politie, role: refer,", "{contact: politie, role: advice,")
URGENCY_CHANGED = ("    urgency: soon", "    urgency: urgent")
OPTION_ADDED = (
    "        label: {nl: Weet ik niet, en: Not sure}\n",
    "        label: {nl: Weet ik niet, en: Not sure}\n      - id: maybe\n        label: {nl: Misschien, en: Maybe}\n",
)
QUESTION_TEXT = ("{nl: Is er nu gevaar?,", "{nl: Is er nu acuut gevaar?,")
HELP_EN = ("en: Ask calmly.}", 'en: "Ask calmly, and listen."}')
PHONE = ('phone: "0900-8844"', 'phone: "0900-8845"')
VERSION = ('version: "0.1"', 'version: "0.2"')
HELP_REMOVED = ("    help: {nl: Vraag rustig door., en: Ask calmly.}\n", "")
STEP_TEXT = ("{nl: Bel nu 112.,", "{nl: Bel direct 112.,")
NOTE = ("{nl: Alleen omdat de persoon", "{nl: Alleen als de persoon")
REPORT_REMOVED = [
    (
        "      - when: {consent: [referral], danger: [no, unsure]}\n        to: report\n      - to: end\n",
        "      - to: end\n",
    ),
    (
        "  - id: report\n    text: {nl: Wil de persoon aangifte doen?, en: Does the person want to report to the police?}\n    why: {nl: Alleen als de persoon dat wil., en: Only if the person wants to.}\n    options:\n      - {id: yes, label: {nl: Ja, en: Yes}}\n      - {id: no, label: {nl: Nee, en: No}}\n    next: end\n",
        "",
    ),
    (
        "  - id: police\n    when: {report: [yes]}\n    contacts:\n      - {contact: politie, role: refer, note: {nl: Alleen omdat de persoon dat wil., en: Only because the person wants it.}}\n",
        "",
    ),  # the police block names the report question
]


def advice_of(pathway: Pathway) -> dict[frozenset[tuple[str, str]], Advice]:
    """The advice on every route, worked out independently: one build_outcome per route."""
    advice = {}
    for answers in every_route(pathway):
        outcome = build_outcome(pathway, answers)
        contacts = tuple((c.contact.id, c.role) for c in outcome.contacts)
        steps = tuple(s.step.id for s in outcome.steps)
        person = tuple(c.contact.id for c in outcome.person_contacts)
        advice[frozenset(answers.items())] = Advice(outcome.urgency, contacts, steps, person)
    return advice


def routes_in(listed: list[dict[str, dict[str, str]]]) -> set[frozenset[tuple[str, str]]]:
    return {frozenset(route["answers"].items()) for route in listed}


def test_changing_one_next_target_lists_exactly_the_affected_routes(tmp_path: Path) -> None:
    new = version(tmp_path, "new", [NEXT_CHANGED])
    before, after = advice_of(load_pathway(MINI / "mini.yaml")), advice_of(load_pathway(new / "mini.yaml"))
    code, out, err = run(str(MINI), str(new), "--pathway", "mini", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert routes_in(data["changed_routes"]) == {r for r in before.keys() & after.keys() if before[r] != after[r]}
    assert routes_in(data["new_routes"]) == after.keys() - before.keys()
    assert routes_in(data["removed_routes"]) == before.keys() - after.keys()
    # danger no/unsure with children=no: 2 x report yes/no new; 2 x (consent=no, or referral x report yes/no) gone
    assert (len(data["changed_routes"]), len(data["new_routes"]), len(data["removed_routes"])) == (0, 4, 6)
    assert data["new"]["routes"] == data["old"]["routes"] - 2 == 11


HEADER = "## Behaviour diff: `mini` 0.1 → 0.1\n\n"
SAME_VERSION = "Note: `version` in `mini.yaml` is still 0.1; raise it with every change, also one to contacts.yaml or a region.\n\n"


@pytest.mark.parametrize(
    ("edits", "contact_edits", "lang", "expected"),
    [
        ([], [], "nl", HEADER + "No changes in behaviour: all 13 routes give the same advice.\n"),
        (
            [ROLE_CHANGED],
            [],
            "nl",
            HEADER + "**4 of 13 routes give different advice**\n\n" + SAME_VERSION + "### Advice changed (4 routes)\n\n"
            "**role changed: politie refer → advice; no longer on the person's handout: politie** (4 routes)\n"
            "- routes with `report` = `yes`\n"
            "- for example: `danger=no children=yes consent=referral report=yes`\n",
        ),
        (
            [URGENCY_CHANGED, VERSION],
            [],
            "nl",
            "## Behaviour diff: `mini` 0.1 → 0.2\n\n**4 of 13 routes give different advice**\n\n"
            "### Advice changed (4 routes)\n\n"
            "**urgency Soon → Today** (4 routes)\n"
            "- routes with `children` = `no` and `consent` = `referral`\n"
            "- for example: `danger=no children=no consent=referral report=yes`\n",
        ),
        (
            [OPTION_ADDED],
            [],
            "en",
            HEADER
            + "**0 of 17 routes give different advice** (13 routes before) · 4 new routes · 1 option added\n\n"
            + SAME_VERSION
            + "### New routes (4)\n\n"
            "- `danger=maybe children=yes consent=referral` → Today: veilig-thuis (refer), slachtofferhulp (refer)\n"
            "- `danger=maybe children=yes consent=no` → Today: veilig-thuis (refer), slachtofferhulp (advice)\n"
            "- `danger=maybe children=no consent=referral` → Soon: slachtofferhulp (refer), veilig-thuis (advice)\n"
            "- `danger=maybe children=no consent=no` → No rush: veilig-thuis (advice), slachtofferhulp (advice)\n\n"
            "### Questions and options\n\n- option added: `danger=maybe`\n",
        ),
        (
            [QUESTION_TEXT, HELP_EN],
            [PHONE],
            "nl",
            HEADER + "**1 phone number changed** · the urgency, contacts and steps stay the same on all 13 routes"
            " · 2 texts changed\n\n" + SAME_VERSION + "### Phone numbers, hours, costs and web addresses (1)\n\n"
            "- **Police (non-emergency)** (`politie`), phone: 0900-8844 → 0900-8845\n\n"
            "- **Check:** **Police (non-emergency)** (`politie`): its `verified` date and `source` are the same as "
            "before. Read the source again, then write today's date at `verified` (and the new address at `source` if "
            "the fact comes from elsewhere).\n\n"
            "### Texts changed (2)\n\n"
            '- question `danger` text (nl): "Is er nu gevaar?" → "Is er nu acuut gevaar?"\n'
            '- question `danger` help (en): "Ask calmly." → "Ask calmly, and listen."\n',
        ),
        (
            REPORT_REMOVED,
            [],
            "nl",
            HEADER + "**0 of 9 routes give different advice** (13 routes before) · 4 new routes · 8 removed routes"
            " · 1 question removed\n\n" + SAME_VERSION + "### New routes (4)\n\n"
            "- `danger=no children=yes consent=referral` → Today: veilig-thuis (refer), slachtofferhulp (refer)\n"
            "- `danger=no children=no consent=referral` → Soon: slachtofferhulp (refer), veilig-thuis (advice)\n"
            "- `danger=unsure children=yes consent=referral` → Today: veilig-thuis (refer), slachtofferhulp (refer)\n"
            "- `danger=unsure children=no consent=referral` → Soon: slachtofferhulp (refer), veilig-thuis (advice)\n\n"
            "### Removed routes (8)\n\n"
            "- `danger=no children=yes consent=referral report=yes` → Today: veilig-thuis (refer), slachtofferhulp (refer), politie (refer)\n"
            "- `danger=no children=yes consent=referral report=no` → Today: veilig-thuis (refer), slachtofferhulp (refer)\n"
            "- `danger=no children=no consent=referral report=yes` → Soon: slachtofferhulp (refer), politie (refer), veilig-thuis (advice)\n"
            "- `danger=no children=no consent=referral report=no` → Soon: slachtofferhulp (refer), veilig-thuis (advice)\n"
            "- `danger=unsure children=yes consent=referral report=yes` → Today: veilig-thuis (refer), slachtofferhulp (refer), politie (refer)\n"
            "- `danger=unsure children=yes consent=referral report=no` → Today: veilig-thuis (refer), slachtofferhulp (refer)\n"
            "- `danger=unsure children=no consent=referral report=yes` → Soon: slachtofferhulp (refer), politie (refer), veilig-thuis (advice)\n"
            "- `danger=unsure children=no consent=referral report=no` → Soon: slachtofferhulp (refer), veilig-thuis (advice)\n\n"
            "### Questions and options\n\n- question removed: `report`\n",
        ),
        (
            [HELP_REMOVED, STEP_TEXT, NOTE],
            [],
            "en",
            HEADER
            + "No changes in behaviour: all 13 routes give the same advice; 3 texts changed.\n\n"
            + SAME_VERSION
            + "### Texts changed (3)\n\n"
            '- question `danger` help (en): "Ask calmly." → (none)\n'
            '- step `acute/call-112` text (nl): "Bel nu 112." → "Bel direct 112."\n'
            '- contact `police/politie` note (nl): "Alleen omdat de persoon dat wil." → "Alleen als de persoon dat wil."\n',
        ),
    ],
    ids=["identical", "role", "urgency", "option-added", "texts", "question-removed", "texts-removed"],
)
def test_markdown_report(
    tmp_path: Path, edits: list[Edit], contact_edits: list[Edit], lang: str, expected: str
) -> None:
    new = version(tmp_path, "new", edits, contact_edits)
    assert run(str(MINI), str(new), "--pathway", "mini", "--lang", lang) == (0, expected, "")


def test_pathway_files_can_be_compared_directly(tmp_path: Path) -> None:
    new = version(tmp_path, "new", [ROLE_CHANGED])
    code, out, _ = run(str(MINI / "mini.yaml"), str(new / "mini.yaml"))
    assert (code, out.splitlines()[2]) == (0, "**4 of 13 routes give different advice**")


def test_json_has_the_same_data(tmp_path: Path) -> None:
    new = version(tmp_path, "new", [ROLE_CHANGED, QUESTION_TEXT])
    data = json.loads(run(str(MINI), str(new), "--pathway", "mini", "--format", "json", "--lang", "en")[1])
    assert data["behaviour_changed"] is True
    assert (data["old"], data["new"]) == ({"version": "0.1", "routes": 13}, {"version": "0.1", "routes": 13})
    assert data["changed_routes"][0] == {
        "answers": {"danger": "no", "children": "yes", "consent": "referral", "report": "yes"},
        "old": {
            "urgency": "urgent",
            "contacts": [{"id": "veilig-thuis", "role": "refer"}, {"id": "slachtofferhulp", "role": "refer"},
                         {"id": "politie", "role": "refer"}],
            "steps": ["helper-wellbeing"],
            "person": ["veilig-thuis", "slachtofferhulp", "politie"],
        },
        "new": {
            "urgency": "urgent",
            "contacts": [{"id": "veilig-thuis", "role": "refer"}, {"id": "slachtofferhulp", "role": "refer"},
                         {"id": "politie", "role": "advice"}],
            "steps": ["helper-wellbeing"],
            "person": ["veilig-thuis", "slachtofferhulp"],
        },
        "change": {
            "urgency": None,
            "contacts_added": [],
            "contacts_removed": [],
            "roles_changed": [{"id": "politie", "old": "refer", "new": "advice"}],
            "contacts_reordered": False,
            "steps_added": [],
            "steps_removed": [],
            "steps_reordered": False,
            "person_added": [],
            "person_removed": ["politie"],
        },
    }  # fmt: skip
    assert data["texts"] == [
        {"kind": "question", "id": "danger", "field": "text", "language": "nl",
         "old": "Is er nu gevaar?", "new": "Is er nu acuut gevaar?"},
    ]  # fmt: skip


def a(urgency: str = "routine", contacts: str = "", steps: str = "") -> Advice:
    """Advice written short: contacts as 'id:role id:role', steps as 'id id'."""
    pairs = tuple(tuple(c.split(":")) for c in contacts.split())
    return Advice(urgency, pairs, tuple(steps.split()))  # type: ignore[arg-type]


NONE = Change(None, (), (), (), None, (), (), False)


@pytest.mark.parametrize(
    ("old", "new", "expected", "in_words"),
    [
        (a("soon"), a("urgent"), NONE._replace(urgency=("soon", "urgent")), "urgency Soon → Today"),
        (a(contacts="x:refer"), a(contacts="x:refer y:info"), NONE._replace(contacts_added=(("y", "info"),)),
         "contacts added: y (info)"),
        (a(contacts="x:refer y:info"), a(contacts="y:info"), NONE._replace(contacts_removed=(("x", "refer"),)),
         "contacts removed: x (refer)"),
        (a(contacts="x:refer y:info"), a(contacts="x:info y:info"), NONE._replace(roles_changed=(("x", "refer", "info"),)),
         "role changed: x refer → info"),
        (a(contacts="x:info y:info"), a(contacts="y:info x:info"), NONE._replace(contacts_reordered=(("x", "y"), ("y", "x"))),
         "contacts re-ordered: x, y → y, x"),
        # only the contacts that changed sides are named: w and z kept their places relative to everything
        (a(contacts="w:refer x:info y:info z:info"), a(contacts="w:refer y:info z:info x:info"),
         NONE._replace(contacts_reordered=(("x", "y", "z"), ("y", "z", "x"))), "contacts re-ordered: x, y, z → y, z, x"),
        (a(contacts="v:info w:info x:info y:info"), a(contacts="w:info v:info x:info y:info"),
         NONE._replace(contacts_reordered=(("v", "w"), ("w", "v"))), "contacts re-ordered: v, w → w, v"),
        # a role change moves a contact, but does not re-order the others
        (a(contacts="x:refer y:advice z:advice"), a(contacts="y:advice z:advice x:info"),
         NONE._replace(roles_changed=(("x", "refer", "info"),)), "role changed: x refer → info"),
        (a(steps="s t"), a(steps="t u"), NONE._replace(steps_added=("u",), steps_removed=("s",)),
         "steps added: u; steps removed: s"),
        (a(steps="s t"), a(steps="t s"), NONE._replace(steps_reordered=True), "steps re-ordered"),
        (a(contacts="x:advice"), a(contacts="x:advice")._replace(person=("x",)), NONE._replace(person_added=("x",)),
         "on the person's handout: x"),
        (a(contacts="x:info")._replace(person=("x",)), a(contacts="x:info"), NONE._replace(person_removed=("x",)),
         "no longer on the person's handout: x"),
        (a("routine", "x:info", "s"), a("emergency", "y:emergency", "s"),
         NONE._replace(urgency=("routine", "emergency"), contacts_added=(("y", "emergency"),), contacts_removed=(("x", "info"),)),
         "urgency No rush → CALL NOW; contacts added: y (emergency); contacts removed: x (info)"),
    ],
)  # fmt: skip
def test_what_changed_on_a_route(old: Advice, new: Advice, expected: Change, in_words: str) -> None:
    assert change_of(old, new) == expected
    changes = ChangeSet(expected, 1, ((("q", ("o",)),),), ((("q", "o"),),))
    report = BehaviourDiff("p", ("1", "2"), (1, 1), (changes,), (), (), (), (), (), (), ())
    assert markdown(report).splitlines()[6:] == [
        f"**{in_words}** (1 route)",
        "- routes with `q` = `o`",
        "- for example: `q=o`",
    ]


EDGE = """\
    id: edge
    version: "1"
    title: {nl: Rand, en: Edge}
    languages: [nl, en]
    start: a
    questions:
      - id: a
        text: {nl: A?, en: A?}
        why: {nl: W., en: W.}
        options:
          - {id: x, label: {nl: X, en: X}}
          - {id: y, label: {nl: Y, en: Y}}
          - {id: z, label: {nl: Z, en: Z}, next: end}
        next: b
      - id: b
        text: {nl: B?, en: B?}
        why: {nl: W., en: W.}
        options:
          - {id: x, label: {nl: X, en: X}}
          - {id: y, label: {nl: Y, en: Y}}
        next: end
    blocks:
      - id: empty-when
        steps:
          - {id: shared, text: {nl: Gedeeld., en: Shared.}}
      - id: never
        when: {a: [x]}
        unless: {a: [x]}
        urgency: emergency
        contacts:
          - {contact: politie-112, role: emergency}
      - id: both
        when: {a: [x, y], b: [y]}
        unless: {a: [y]}
        urgency: urgent
        steps:
          - {id: first, text: {nl: Eerst., en: First.}}
          - {id: shared, text: {nl: Gedeeld., en: Shared.}}
        contacts:
          - {contact: veilig-thuis, role: advice}
      - id: stronger
        when: {b: [y, x]}
        contacts:
          - {contact: slachtofferhulp, role: info}
          - {contact: veilig-thuis, role: refer}
      - id: late
        when: {a: [z]}
        steps:
          - {id: first, text: {nl: Eerst., en: First.}}
        contacts:
          - {contact: slachtofferhulp, role: refer}
          - {contact: politie, role: refer}
"""


@pytest.mark.parametrize("name", ["mini", "edge"])
def test_route_advice_agrees_with_the_engine(write: Callable[[str, str], Path], name: str) -> None:
    # route_advice (the `routes` listing) takes shortcuts for speed (bit masks, one build_outcome per set of
    # blocks); the engine decides
    pathway = load_pathway(MINI / "mini.yaml") if name == "mini" else load_pathway(write("edge.yaml", EDGE))
    found = {frozenset(answers.items()): advice for answers, advice in route_advice(pathway)}
    assert found == advice_of(pathway)


def git(repo: Path, *args: str) -> None:
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "-C", str(repo), *identity, *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git work tree with the mini pathways committed in pathways/."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    shutil.copytree(MINI, tmp_path / "repo" / "pathways")
    git(tmp_path / "repo", "init", "-q")
    git(tmp_path / "repo", "add", ".")
    git(tmp_path / "repo", "commit", "-q", "-m", "mini")
    return tmp_path / "repo"


def test_base_compares_with_the_committed_version(repo: Path) -> None:
    path = repo / "pathways" / "mini.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(*ROLE_CHANGED), encoding="utf-8")
    code, out, err = run("--base", "HEAD", str(repo / "pathways"), "--pathway", "mini")
    assert (code, err) == (0, "")
    assert out.splitlines()[2] == "**4 of 13 routes give different advice**"
    assert run("--base", "HEAD", str(path))[1] == out


def test_base_names_the_committed_file_when_it_cannot_be_read(repo: Path) -> None:
    path = repo / "pathways" / "mini.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("start: danger", "start: nowhere"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "broken")
    path.write_text(good, encoding="utf-8")
    code, out, err = run("--base", "HEAD", str(repo / "pathways"), "--pathway", "mini")
    assert (code, out) == (2, "")
    assert err == (
        "HEAD:pathways/mini.yaml:1:1: error: start question 'nowhere' does not exist [unknown-question]\n"
        "samen-refer: The version at HEAD cannot be read, so there is nothing to compare.\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--base", "nope", "{repo}/pathways", "--pathway", "mini"], "samen-refer: git does not know the commit, branch or tag 'nope'"),
        (["--base", "--help", "{repo}/pathways", "--pathway", "mini"], "samen-refer: git does not know the commit, branch or tag '--help'"),
        (["--base", "HEAD", "{repo}/pathways", "--pathway", "other"], "samen-refer: 'pathways/other.yaml' does not exist at HEAD"),
        (["--base", "HEAD", "{outside}"], "samen-refer: '{outside}' is not in a git work tree, so --base has nothing to compare with"),
        (["--base", "", "{repo}/pathways"], "samen-refer: --base needs a commit, branch or tag; it was given empty"),  # R17
        (["--base", " ", "{repo}/pathways"], "samen-refer: --base needs a commit, branch or tag; it was given empty"),
    ],
)  # fmt: skip
def test_base_errors_exit_2_with_one_clear_line(repo: Path, args: list[str], message: str) -> None:
    shutil.copy(repo / "pathways" / "mini.yaml", repo / "pathways" / "other.yaml")  # not committed
    outside = repo.parent / "outside"
    shutil.copytree(MINI, outside)
    places = {"repo": str(repo), "outside": str(outside)}
    # git must not find a repository above the temporary directory
    code, out, err = run(*(arg.format(**places) for arg in args), env={"GIT_CEILING_DIRECTORIES": str(repo.parent)})
    assert (code, out) == (2, "")
    assert err.splitlines()[0] == message.format(**places)


def test_git_refusing_the_repository_is_passed_on_in_its_own_words(repo: Path, tmp_path: Path) -> None:
    # R17: git refuses a repository owned by someone else ("dubious ownership"); that is not "not in a git folder"
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    fake = bin_folder / "git"
    fake.write_text(
        "#!/bin/sh\necho \"fatal: detected dubious ownership in repository at '$PWD'\" >&2\n"
        'echo "To add an exception for this directory, call: git config --global --add safe.directory x" >&2\n'
        "exit 128\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    code, out, err = run("--base", "HEAD", str(repo / "pathways"), env={"PATH": f"{bin_folder}:{os.environ['PATH']}"})
    assert (code, out) == (2, "")
    first = err.splitlines()[0]
    assert first.startswith(f"samen-refer: git cannot read the git work tree of '{repo / 'pathways'}': fatal: detected")
    assert "safe.directory" in first
    assert "is not in a git work tree" not in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/does/not/exist", str(MINI)], "samen-refer: '/does/not/exist' does not exist"),
        ([str(MINI)], "samen-refer: diff needs two paths, OLD and NEW; got 1"),
        ([str(MINI)] * 3, "samen-refer: diff needs two paths, OLD and NEW; got 3"),
        (["--base", "HEAD", str(MINI), str(MINI)], "samen-refer: diff needs one path (NEW) with --base; got 2"),
        ([str(MINI), str(MINI), "--pathway", "nope"], f"samen-refer: there is no pathway 'nope' in {MINI}"),
        ([str(MINI), str(MINI), "--format", "html"], "Invalid value for '--format'"),
        ([], "samen-refer: diff needs two paths, OLD and NEW; got 0"),
    ],
)
def test_bad_input_exits_2_with_one_clear_line(args: list[str], message: str) -> None:
    code, out, err = run(*args, "--lang", "en")
    assert (code, out) == (2, "")
    assert message in err
    if message.startswith("samen-refer:"):
        assert err.splitlines()[0] == message


def test_long_lists_are_capped_and_texts_cannot_become_markup() -> None:
    routes = tuple(((("q", f"o{n}"),), a()) for n in range(LISTED + 2))
    text = TextChange("option", "q=o1", "label", "nl", "Ja", "Ja <b>*nu*</b> | `x` [link](y)")
    report = BehaviourDiff("p", ("1", "2"), (LISTED + 2, LISTED + 2), (), routes, (), (), (), (), (), (text,))
    lines = markdown(report).splitlines()
    assert lines[2] == "**0 of 52 routes give different advice** · 52 new routes · 1 text changed"
    assert lines[4:7] == ["### New routes (52)", "", "- `q=o0` → No rush: no contacts"]
    assert lines[6 + LISTED :] == [
        "- … and 2 more (see --format json)",
        "",
        "### Texts changed (1)",
        "",
        '- option `q=o1` label (nl): "Ja" → "Ja \\<b\\>\\*nu\\*\\</b\\> \\| \\`x\\` \\[link\\](y)"',
    ]


# Texts from the YAML in the comment pathways.yml posts on a pull request (R19): shown as written, never markup or HTML,
# and never a working @mention. The zero width space after @ is invisible in a browser and in a terminal alike.
HOSTILE = [
    ("@samen-refer/maintainers", "@\u200bsamen-refer/maintainers"),
    ("<!-- samen-refer-stale:national -->", "\\<\\!-- samen-refer-stale:national --\\>"),
    ("![x](https://evil.example/p.png)", "\\!\\[x\\](https://evil.example/p.png)"),
    ("<img src=x>", "\\<img src=x\\>"),
    (
        "Is anyone in danger `now`? @samen-refer/maintainers <img src=https://evil.example/t.png> ](https://evil.example)",
        "Is anyone in danger \\`now\\`? @\u200bsamen-refer/maintainers \\<img src=https://evil.example/t.png\\> "
        "\\](https://evil.example)",
    ),
    ("&#64;x &commat;y", "\\&#64;x \\&commat;y"),
]


@pytest.mark.parametrize(("text", "shown"), HOSTILE)
def test_texts_in_the_pull_request_comment_cannot_mention_or_become_markup(
    tmp_path: Path, text: str, shown: str
) -> None:
    new = version(
        tmp_path,
        "new",
        [(QUESTION_TEXT[0], f"{{nl: {json.dumps(text)},"), (VERSION[0], f"version: {json.dumps(text)}")],
    )
    code, out, _ = run(str(MINI), str(new), "--pathway", "mini")
    lines = out.splitlines()
    assert (code, lines[0]) == (0, f"## Behaviour diff: `mini` 0.1 → {shown}")
    assert f'- question `danger` text (nl): "Is er nu gevaar?" → "{shown}"' in lines


def test_a_municipalitys_name_cannot_mention_or_become_markup() -> None:
    changes = [RegionChange("municipality-added", "nijmegen", text) for text, _ in HOSTILE]
    lines = region_markdown(changes).splitlines()
    assert lines[3:] == [f"- `nijmegen`: municipality {shown} added" for _, shown in HOSTILE]


@settings(max_examples=300, deadline=None)
@given(old=st.text(), new=st.text(), municipality=st.text())
def test_no_text_from_the_yaml_mentions_anyone_or_becomes_markup_in_the_diff(
    old: str, new: str, municipality: str
) -> None:
    text = TextChange("question", "danger", "text", "en", old, new)
    report = BehaviourDiff("p", (old, new), (1, 1), (), (), (), (), (), (), (), (text,))
    out = markdown(report) + region_markdown([RegionChange("municipality-added", "nijmegen", municipality)])
    for line in out.splitlines():
        assert "<!--" not in line
        assert not re.search("@[^\u200b]", line), line  # never @ followed by a name character
        if line.startswith(("## ", "- question", "- `nijmegen`")):  # the lines with texts from the YAML
            tokens = re.findall(r"\\.|.", line, re.DOTALL)  # a backslash and the character it escapes are one
            assert not {"<", ">", "[", "]", "!", "*", "_", "&", "|"} & set(tokens), line


@pytest.fixture
def no_temporary_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any temporary file or directory fails the test (F5: diff used to write the old version to TMPDIR)."""
    import tempfile

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a temporary file was made")

    for name in ("mkstemp", "mkdtemp", "TemporaryDirectory", "NamedTemporaryFile", "TemporaryFile"):
        monkeypatch.setattr(tempfile, name, refuse)


def test_diff_writes_no_temporary_files(repo: Path, no_temporary_files: None) -> None:
    path = repo / "pathways" / "mini.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(*ROLE_CHANGED), encoding="utf-8")
    assert run("--base", "HEAD", str(repo / "pathways"), "--pathway", "mini")[0] == 0
    assert run(str(MINI), str(repo / "pathways"), "--pathway", "mini")[0] == 0


def test_base_skips_names_that_are_not_utf8_and_never_reads_other_large_files(repo: Path) -> None:
    folder = repo / "pathways"
    (folder / os.fsdecode(b"\xff\xfe.yaml")).write_bytes(b"a: 1\n")  # F13: was a UnicodeDecodeError, exit 70
    (folder / "huge.yaml").write_bytes(b"# " + b"x" * (3 * 1024 * 1024) + b"\n")  # J2: was read whole
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "odd files")
    code, out, err = run("--base", "HEAD", str(folder), "--pathway", "mini")
    assert (code, err) == (0, "")
    assert "No changes in behaviour" in out


def test_base_refuses_a_committed_contacts_file_over_the_limit_without_reading_it(repo: Path) -> None:
    contacts = repo / "pathways" / "contacts.yaml"
    good = contacts.read_bytes()
    contacts.write_bytes(good + b"# " + b"x" * (2 * 1024 * 1024) + b"\n")
    git(repo, "commit", "-q", "-am", "large")
    contacts.write_bytes(good)
    code, _, err = run("--base", "HEAD", str(repo / "pathways"), "--pathway", "mini")
    assert code == 2
    size = len(good) + 2 * 1024 * 1024 + 3
    assert err.startswith(f"HEAD:pathways/contacts.yaml:1:1: error: file is {size:,} bytes; the limit is 1,048,576")


def test_a_device_is_not_called_missing() -> None:
    code, _, err = run(str(MINI / "mini.yaml"), "/dev/zero")  # F26: it said "'/dev/zero' does not exist"
    assert code == 2
    assert "/dev/zero:1:1: error: is not a regular file (a pipe, device or socket); give a file" in err
