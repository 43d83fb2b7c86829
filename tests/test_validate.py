"""``validate``: one broken file per check id, safety invariants caught with their shortest counterexample, and the
bitset evaluation of all endings agreeing with the engine route by route."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samen_refer.checks.invariants import invariant_problems
from samen_refer.checks.load import load_pathway
from samen_refer.checks.registry import CHECKS
from samen_refer.checks.structure import structure_problems
from samen_refer.checks.validate import validate
from samen_refer.cli.app import app
from samen_refer.engine.analysis import count_routes, explore
from samen_refer.engine.endings import Endings, unmet
from samen_refer.engine.route import build_outcome, every_route, follow
from samen_refer.format.pathway import Block, ContactUse, Invariant, Pathway, Step
from tests.conftest import MINI, REPO, shipped_outcomes, shipped_pathway

TODAY = datetime.date(2026, 11, 28)
MINI_YAML = (MINI / "mini.yaml").read_text(encoding="utf-8")
CONTACTS_YAML = (MINI / "contacts.yaml").read_text(encoding="utf-8")
SCENARIO = """\
id: s1
pathway: mini
title: {nl: T, en: T}
difficulty: basic
vignette: {nl: V, en: V}
answers: {danger: yes}
expect: {first_contact: politie-112, urgency: emergency}
discussion:
  - {nl: D, en: D}
"""
INVARIANT = """\
invariants:
  - id: danger-112-first
    description: {nl: Bij gevaar eerst 112., en: In danger 112 first.}
    when: {danger: [yes]}
    expect: {first_contact: politie-112}
"""
REGION = """\
id: here
pathway: mini
languages: [nl, en]
name: {nl: Hier, en: Here}
municipalities: [Hier]
owner:
  name: {nl: Wij, en: Us}
  corrections: {nl: Mail ons., en: Mail us.}
  email: kaart@example.org
contacts:
  - id: local-help
    name: {nl: Lokale hulp, en: Local help}
    does: {nl: Helpt., en: Helps.}
    verified: 2026-11-28
    source: https://example.org/hulp
    role: info
    serves: {consent: [referral]}
"""
QUESTION_EXTRA = """\
  - id: extra
    text: {nl: Extra?, en: Extra?}
    why: {nl: Waarom, en: Why}
    options:
      - {id: yes, label: {nl: Ja, en: Yes}}
    next: end
"""


def edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# check id -> files to write over a copy of tests/data/mini (name -> text, or bytes)
# "Respect the no" (the person's choice) on every route with consent no, also where a child is at risk and Veilig Thuis
# is called whatever the person chose: the shortest route where they meet is no danger, children yes, consent no.
CONTRADICTING = edit(
    edit(MINI_YAML, "{contact: veilig-thuis, role: refer}", "{contact: veilig-thuis, role: report}"),
    "    unless: {children: [yes]}\n    steps:\n      - id: door-open\n",
    "    steps:\n      - id: door-open\n        position: choice\n",
)

CASES: dict[str, dict[str, str | bytes | None]] = {
    "nothing-to-check": {"mini.yaml": None},
    "file-unreadable": {"contacts.yaml": None},
    "file-too-large": {"mini.yaml": b"# " + b"x" * (1024 * 1024)},
    "yaml-encoding": {"mini.yaml": MINI_YAML.encode().replace(b"Mini-route", b"Mini-rout\xe9")},
    "yaml-syntax": {"mini.yaml": MINI_YAML + "oops: [\n"},
    "yaml-tabs": {"mini.yaml": edit(MINI_YAML, "  - id: danger", "\t- id: danger")},
    "yaml-duplicate-key": {"mini.yaml": edit(MINI_YAML, "start: danger\n", "start: danger\nstart: danger\n")},
    "yaml-alias": {
        "mini.yaml": edit(
            MINI_YAML, "title: {nl: Mini-route, en: Mini pathway}", "title: &t {nl: M, en: M}\ndescription: *t"
        )
    },
    "yaml-tag": {
        "mini.yaml": edit(MINI_YAML, "title: {nl: Mini-route, en: Mini pathway}", "title: !!map {nl: M, en: M}")
    },
    "yaml-depth": {"mini.yaml": MINI_YAML + "deep: " + "[" * 40 + "]" * 40 + "\n"},
    "schema-unknown-key": {"mini.yaml": edit(MINI_YAML, "    help: {nl:", "    hepl: {nl:")},
    "schema-missing": {"mini.yaml": edit(MINI_YAML, "start: danger\n", "")},
    "schema-type": {"mini.yaml": edit(MINI_YAML, "role: emergency", "role: maybe")},
    "schema-format": {"mini.yaml": edit(MINI_YAML, "languages: [nl, en]", "languages: [nl, en, English]")},
    "text-control-char": {"mini.yaml": edit(MINI_YAML, "{nl: Ja, en: Yes}", '{nl: "Ja\\a", en: Yes}')},
    "text-formula": {
        "regions/here.yaml": edit(
            REGION, "{nl: Lokale hulp, en: Local help}", """{nl: '=HYPERLINK("https://evil.example","x")', en: Help}"""
        )
    },
    "id-format": {"mini.yaml": edit(MINI_YAML, "id: acute", "id: Acute!")},
    "lang-missing": {
        "mini.yaml": edit(
            MINI_YAML, "{nl: Veiligheid gaat voor., en: Safety comes first.}", "{nl: Veiligheid gaat voor.}"
        )
    },
    "lang-unknown": {
        "mini.yaml": edit(
            MINI_YAML, "{nl: Veiligheid gaat voor., en: Safety comes first.}", "{nl: Veilig, en: Safe, fr: Sûr}"
        )
    },
    "pathway-id": {"mini.yaml": edit(MINI_YAML, "id: mini", "id: maxi")},
    "scenario-id": {"scenarios/other-name.yaml": SCENARIO},
    "id-reserved": {
        "mini.yaml": edit(edit(MINI_YAML, "  - id: report", "  - id: end"), "        to: report", "        to: end")
    },
    "duplicate-id": {"mini.yaml": edit(MINI_YAML, "  - id: kids", "  - id: acute")},
    "unknown-question": {"mini.yaml": edit(MINI_YAML, "    next: consent", "    next: consnet")},
    "unknown-option": {"mini.yaml": edit(MINI_YAML, "when: {report: [yes]}", "when: {report: [ja]}")},
    "unknown-contact": {"mini.yaml": edit(MINI_YAML, "contact: politie-112", "contact: politie-113")},
    "unknown-step": {"mini.yaml": MINI_YAML + INVARIANT.replace("{first_contact: politie-112}", "{steps: [nope]}")},
    "unknown-pathway": {"scenarios/s1.yaml": SCENARIO.replace("pathway: mini", "pathway: nope")},
    "interrupt-when": {"mini.yaml": edit(MINI_YAML, "  - id: always\n", "  - id: always\n    interrupt: true\n")},
    "dead-end": {"mini.yaml": edit(MINI_YAML, "    next: consent\n", "")},
    "cycle": {"mini.yaml": edit(MINI_YAML, "    next: consent", "    next: danger")},
    "unreachable-question": {"mini.yaml": edit(MINI_YAML, "blocks:\n", QUESTION_EXTRA + "blocks:\n")},
    "unreachable-block": {
        "mini.yaml": edit(MINI_YAML, "when: {report: [yes]}", "when: {report: [yes], danger: [yes]}")
    },
    "never-true-condition": {
        "mini.yaml": edit(
            MINI_YAML,
            "    next:\n      - when:",
            "    next:\n      - when: {report: [yes]}\n        to: report\n      - when:",
        )
    },
    "empty-outcome": {"mini.yaml": edit(MINI_YAML, "  - id: always\n", "  - id: always\n    when: {danger: [yes]}\n")},
    "invariant": {
        "mini.yaml": MINI_YAML + INVARIANT.replace("first_contact: politie-112", "first_contact: veilig-thuis")
    },
    "position-meet": {"mini.yaml": CONTRADICTING},
    "position-role": {
        "mini.yaml": edit(
            MINI_YAML, "{contact: veilig-thuis, role: refer}", "{contact: veilig-thuis, role: refer, position: duty}"
        )
    },
    "step-place": {
        "mini.yaml": edit(
            MINI_YAML,
            "    contacts:\n      - {contact: veilig-thuis, role: refer}",
            "    steps:\n      - {id: helper-wellbeing, kind: know, text: {nl: Zorg voor jezelf., en: Care for yourself.}}"
            "\n    contacts:\n      - {contact: veilig-thuis, role: refer}",
        )
    },
    "contact-phone": {"contacts.yaml": edit(CONTACTS_YAML, '"0800-2000"', '"call 0800"')},
    "contact-url": {"contacts.yaml": edit(CONTACTS_YAML, "url: https://www.politie.nl", "url: www.politie.nl")},
    "contact-verified": {"contacts.yaml": edit(CONTACTS_YAML, "verified: 2026-11-28", "verified: 28-11-2026")},
    "contact-stale": {"contacts.yaml": edit(CONTACTS_YAML, "verified: 2026-11-28", "verified: 2025-06-01")},
    "region-id": {"regions/elsewhere.yaml": REGION},
    "region-overlap": {"regions/here.yaml": REGION, "regions/there.yaml": REGION.replace("id: here", "id: there")},
    "scenario-mismatch": {
        "scenarios/s1.yaml": SCENARIO.replace("first_contact: politie-112", "first_contact: politie")
    },
    "privacy-identifying": {
        "mini.yaml": edit(
            MINI_YAML,
            "{nl: Is er nu gevaar?, en: Is anyone in danger now?}",
            "{nl: Wat is de naam?, en: What is the name?}",
        )
    },
}


def write_case(root: Path, files: dict[str, str | bytes | None]) -> Path:
    target = root / "pathways"
    shutil.copytree(MINI, target)
    for name, content in files.items():
        path = target / name
        path.parent.mkdir(exist_ok=True)
        if content is None:
            path.unlink()
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return target


def test_every_check_has_a_broken_file() -> None:
    assert sorted(CASES) == sorted(CHECKS)


def test_the_mini_pathway_validates_clean(tmp_path: Path) -> None:
    report = validate([write_case(tmp_path, {"scenarios/s1.yaml": SCENARIO})], TODAY)
    assert report.problems == ()


@pytest.mark.parametrize("check", sorted(CASES))
def test_each_check_catches_its_broken_file(tmp_path: Path, check: str) -> None:
    report = validate([write_case(tmp_path, CASES[check])], TODAY)
    found = {p.check for p in report.problems}
    assert check in found, [str(p) for p in report.problems]
    severity = "warning" if check == "contact-stale" else "error"
    assert {p.severity for p in report.problems if p.check == check} == {severity}


def test_the_shipped_pathways_validate_clean() -> None:
    report = validate([REPO / "pathways"], datetime.date(2026, 12, 5))  # the day the regional facts were read
    assert [str(p) for p in report.problems] == []


# --- invariants ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sggg() -> Pathway:
    return load_pathway(REPO / "pathways" / "sggg.yaml")


def violate(pathway: Pathway, invariant_id: str) -> Pathway:
    """The pathway changed so that exactly this invariant is broken wherever it applies."""
    (invariant,) = [i for i in pathway.invariants if i.id == invariant_id]
    expect = invariant.expect
    blocks = list(pathway.blocks)
    intruder = next(c for c in pathway.contacts if c not in {expect.first_contact, *(c for c, _ in expect.contacts)})
    if expect.first_contact or expect.roles_absent:
        role = "emergency" if expect.first_contact else expect.roles_absent[0]
        blocks.insert(0, Block("injected", (), (ContactUse(intruder, role),), invariant.when))
    if expect.absent or expect.person_absent:
        shown = (*expect.absent, *expect.person_absent)[0]
        blocks.insert(0, Block("injected", (), (ContactUse(shown, "info"),), invariant.when))
    if expect.steps_absent:
        step = next(s for b in blocks for s in b.steps if s.id == expect.steps_absent[0])
        blocks.insert(0, Block("injected-step", (step,), (), invariant.when))
    if expect.urgency_at_most and expect.urgency_at_most != "emergency":
        blocks.insert(0, Block("injected-urgency", (), (), invariant.when, urgency="emergency"))
    if expect.first_step:
        first = Step("injected-first", {"nl": "x", "en": "x"})
        blocks.insert(0, Block("injected-first", (first,), (), invariant.when))
    named = {c for c, _ in expect.contacts}
    steps = set(expect.steps)
    blocks = [
        b._replace(
            contacts=tuple(
                u._replace(person=False) if u.contact in expect.person_contacts else u
                for u in b.contacts
                if u.contact not in named
            ),
            steps=tuple(s for s in b.steps if s.id not in steps),
        )
        for b in blocks
    ]
    if expect.urgency_at_least and expect.urgency_at_least != "routine":
        blocks = [b._replace(urgency=None) for b in blocks]
    if (expect.urgency and "emergency" not in expect.urgency) or set(expect.urgency) == {"emergency", "urgent"}:
        blocks = [b._replace(urgency=None) for b in blocks]
    if expect.urgency == ("emergency",):
        blocks = [b._replace(urgency=None) for b in blocks]
    if not any(b.steps for b in blocks):
        blocks.append(Block("keep-a-step", (Step("kept", {"nl": "x", "en": "x"}),)))
    return Pathway(
        pathway.id, pathway.version, pathway.title, pathway.languages, pathway.start, pathway.questions,
        tuple(blocks), path=pathway.path, directory=pathway.directory, invariants=pathway.invariants,
    )  # fmt: skip


def one_per_kind(pathway: Pathway) -> list[Invariant]:
    """The first shipped invariant of each kind (the set of ``expect`` keys it uses): each kind is broken once."""
    kinds: dict[tuple[str, ...], Invariant] = {}
    for invariant in pathway.invariants:
        kind = tuple(f for f, value in invariant.expect._asdict().items() if value and f != "at")
        kinds.setdefault(kind, invariant)
    return list(kinds.values())


def test_the_shipped_invariants_use_every_kind_of_rule(sggg: Pathway) -> None:
    assert len(sggg.invariants) >= 5
    used = {f for i in one_per_kind(sggg) for f, value in i.expect._asdict().items() if value and f != "at"}
    assert used >= {"urgency", "first_contact", "contacts", "absent", "roles_absent", "steps", "steps_absent",
                    "urgency_at_least", "person_contacts", "person_absent"}  # fmt: skip


@pytest.mark.parametrize("invariant_id", [i.id for i in one_per_kind(shipped_pathway())])
def test_each_kind_of_shipped_invariant_catches_an_injected_violation_with_a_real_counterexample(
    sggg: Pathway, invariant_id: str
) -> None:
    invariant = next(i for i in sggg.invariants if i.id == invariant_id)
    broken = violate(sggg, invariant.id)
    problems = invariant_problems(broken)
    mine = [p for p in problems if f"invariant '{invariant.id}' fails" in p.message]
    assert mine, invariant.id
    assert (mine[0].line, mine[0].col) == invariant.at
    route_text = mine[0].message.split("Shortest route: ")[1]
    answers = dict(pair.split("=") for pair in route_text.split(", "))
    outcome = follow(broken, answers).outcome
    assert outcome is not None and invariant.applies(answers)
    assert unmet(outcome, invariant.expect), invariant.id


def test_the_counterexample_is_the_shortest_route(mini: Pathway) -> None:
    from samen_refer.format.expectation import Expectation

    rule = Invariant("no-slachtofferhulp-refer", {"nl": "x", "en": "x"}, Expectation(roles_absent=("refer",)))
    pathway = Pathway(mini.id, mini.version, mini.title, mini.languages, mini.start, mini.questions, mini.blocks,
                      path=mini.path, directory=mini.directory, invariants=(rule,))  # fmt: skip
    (problem,) = structure_problems(pathway)[0] + invariant_problems(pathway)
    violating = [a for a in every_route(pathway) if unmet(build_outcome(pathway, a), rule.expect)]
    shortest = min(len(a) for a in violating)
    shown = dict(pair.split("=") for pair in problem.message.split("Shortest route: ")[1].split(", "))
    assert shown in violating
    assert len(shown) == shortest == 3


# Each kind of rule about what a person sees, broken on the mini pathway: (rule, when, length of the shortest route).
NEW_RULE_KINDS = [
    ("person_contacts: [veilig-thuis]", "{consent: [no]}", 3),  # advice only: not on the person's handout
    ("person_absent: [slachtofferhulp]", "{consent: [referral]}", 4),  # a referral goes on it
    ("urgency_at_least: urgent", "{children: [no]}", 3),  # no children, no help now: routine
    ("urgency_at_most: soon", "{consent: [referral]}", 4),  # children at risk: urgent
    ("steps_absent: [door-open]", "{danger: [unsure]}", 3),
]


@pytest.mark.parametrize(("expect", "when", "shortest"), NEW_RULE_KINDS)
def test_each_kind_of_rule_finds_its_shortest_counterexample(
    tmp_path: Path, expect: str, when: str, shortest: int
) -> None:
    rule = f"invariants:\n  - id: rule\n    description: {{nl: x, en: x}}\n    when: {when}\n    expect: {{{expect}}}\n"
    folder = write_case(tmp_path, {"mini.yaml": MINI_YAML + rule})
    pathway = load_pathway(folder / "mini.yaml")
    (problem,) = structure_problems(pathway)[0] + invariant_problems(pathway)
    assert problem.check == "invariant" and (problem.line, problem.col) == pathway.invariants[0].at
    (invariant,) = pathway.invariants
    violating = [
        a for a in every_route(pathway) if invariant.applies(a) and unmet(build_outcome(pathway, a), invariant.expect)
    ]
    shown = dict(pair.split("=") for pair in problem.message.split("Shortest route: ")[1].split(", "))
    assert shown in violating
    assert len(shown) == min(len(a) for a in violating) == shortest


@pytest.mark.parametrize(("expect", "when", "shortest"), NEW_RULE_KINDS)
def test_each_kind_of_rule_holds_when_the_pathway_keeps_it(
    tmp_path: Path, expect: str, when: str, shortest: int
) -> None:
    kept = {  # the same rule, on routes where the mini pathway keeps it
        "{consent: [no]}": "{children: [yes]}",
        "{consent: [referral]}": "{consent: [no], children: [no]}",
        "{children: [no]}": "{danger: [yes]}",
        "{danger: [unsure]}": "{danger: [yes]}",
    }[when]
    rule = f"invariants:\n  - id: rule\n    description: {{nl: x, en: x}}\n    when: {kept}\n    expect: {{{expect}}}\n"
    folder = write_case(tmp_path, {"mini.yaml": MINI_YAML + rule})
    pathway = load_pathway(folder / "mini.yaml")
    assert structure_problems(pathway)[0] + invariant_problems(pathway) == []


# --- all endings at once agree with the engine --------------------------------------------------------------------


def by_end(masks: dict[str, int] | dict[tuple[str, str], int], count: int) -> list[set[object]]:
    """For each end index, the keys whose bitset has that end."""
    out: list[set[object]] = [set() for _ in range(count)]
    for key, mask in masks.items():
        data = mask.to_bytes((count + 7) // 8, "little")
        for byte_index, byte in enumerate(data):
            while byte:  # only the set bits
                low = byte & -byte
                out[byte_index * 8 + low.bit_length() - 1].add(key)
                byte ^= low
    return out


@pytest.mark.xdist_group("every-route")
@pytest.mark.no_cover  # a loop over every route: coverage would double its time
@pytest.mark.parametrize("name", ["mini", "sggg"])
def test_endings_agree_with_the_engine_on_every_ending(name: str, mini: Pathway, sggg: Pathway) -> None:
    pathway = mini if name == "mini" else sggg
    exploration = explore(pathway)
    endings = Endings(exploration)
    count = len(exploration.ends)
    assert count_routes(exploration) == sum(1 for _ in every_route(pathway))
    urgency, roles, first, steps, blocks, person = (
        by_end(masks, count)
        for masks in (endings.urgency, endings.roles, endings.first, endings.steps, endings.blocks, endings.person)
    )
    known = shipped_outcomes() if name == "sggg" else {}
    for index, end in enumerate(exploration.ends):
        answers = exploration.answers(end)
        outcome = known.get(frozenset(answers.items())) or build_outcome(pathway, answers)
        assert urgency[index] == {outcome.urgency}
        assert roles[index] == {(c.contact.id, c.role) for c in outcome.contacts}
        assert first[index] == {outcome.contacts[0].contact.id}
        assert steps[index] == {s.step.id for s in (*outcome.steps, *outcome.background, *outcome.care)}
        assert blocks[index] == set(outcome.blocks)
        assert person[index] == {c.contact.id for c in outcome.person_contacts}


# --- the command ---------------------------------------------------------------------------------------------------


def test_validate_command_formats_and_exit_status(tmp_path: Path) -> None:
    runner = CliRunner()
    broken = write_case(tmp_path, CASES["unknown-contact"])
    result = runner.invoke(app, ["validate", str(broken), "--lang", "en"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == str(broken / "mini.yaml")
    problem = "error: unknown contact 'politie-113' (not in contacts.yaml) [unknown-contact]"
    assert lines[1] == f"  {broken / 'mini.yaml'}:53:9: {problem}"
    assert lines[-1] == "1 error(s), 0 warning(s) in 2 file(s)"
    result = runner.invoke(app, ["validate", str(broken), "--format", "github", "--lang", "en"])
    assert result.stdout.splitlines()[0] == (
        f"::error file={broken / 'mini.yaml'},line=53,col=9,title=unknown-contact::"
        "unknown contact 'politie-113' (not in contacts.yaml)"
    )
    result = runner.invoke(app, ["validate", str(broken), "--format", "json"])
    data = json.loads(result.stdout)
    assert data["summary"] == {"errors": 1, "warnings": 0, "files": 2}
    assert data["problems"][0]["check"] == "unknown-contact"


def test_warnings_fail_only_with_strict(tmp_path: Path) -> None:
    runner = CliRunner()
    stale = write_case(tmp_path, CASES["contact-stale"])
    assert runner.invoke(app, ["validate", str(stale)]).exit_code == 0
    assert runner.invoke(app, ["validate", str(stale), "--strict"]).exit_code == 1


def test_validate_defaults_to_the_active_pathways(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["validate", "--pathways", str(MINI), "--lang", "en"])
    checked = f"Checked the folder given with --pathways: {MINI}"
    assert (result.exit_code, result.stdout) == (0, f"0 error(s), 0 warning(s) in 2 file(s)\n{checked}\n")


def test_validate_says_when_it_checked_nothing(tmp_path: Path) -> None:
    empty = tmp_path / "e"  # F22: '0 error(s), 0 warning(s) in 0 file(s)', exit 0
    empty.mkdir()
    result = CliRunner().invoke(app, ["validate", str(empty), "--lang", "en"])
    assert result.exit_code == 1
    assert (
        f"{empty}:1:1: error: no pathway file (*.yaml) here, so nothing was checked [nothing-to-check]" in result.stdout
    )


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda folder: (folder / "scenarios").write_text("not a folder", encoding="utf-8"), "Not a directory"),
        (lambda folder: (folder / "scenarios").mkdir(), "Permission denied"),
    ],
)
def test_an_unreadable_scenarios_folder_is_an_error_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: object, reason: str
) -> None:
    folder = write_case(tmp_path, {})
    make(folder)  # type: ignore[operator]
    if reason == "Permission denied":  # as chmod 000 does for a normal user (root may read anything)
        import os

        real = os.scandir

        def refused(path: object) -> object:
            if str(path).endswith("scenarios"):
                raise PermissionError(13, "Permission denied")
            return real(path)  # type: ignore[call-overload]

        monkeypatch.setattr(os, "scandir", refused)
    result = CliRunner().invoke(app, ["validate", str(folder), "--lang", "en"])
    assert result.exit_code == 1
    assert f"{folder}/scenarios:1:1: error: cannot read this folder ({reason}), so its files were not checked" in (
        result.stdout
    )
    listed = CliRunner().invoke(app, ["scenarios", "list", "--pathways", str(folder), "--lang", "en"])
    assert listed.exit_code == 2
    assert f"samen-refer: cannot read the scenarios folder '{folder}/scenarios': {reason}" in listed.stderr


@pytest.mark.parametrize(
    ("file", "text", "found"),
    [
        ("contacts.yaml", '\'=HYPERLINK("https://evil.example","x")\'', ["5:16"]),
        ("contacts.yaml", "\"+cmd|' /C calc'!A0\"", ["5:16"]),
        ("contacts.yaml", "'@SUM(1+1)'", ["5:16"]),
        ("contacts.yaml", "' =1+1'", ["5:16"]),  # a text is read without the spaces around it
        ("contacts.yaml", "'- 24/7'", []),  # a leading '-' may be prose; regions export neutralises it
        ("contacts.yaml", "'-1+2'", []),
        ("contacts.yaml", "Bel 112 (+31 ...)", []),
        ("regions/here.yaml", "'=1+1'", ["12:16"]),
        ("regions/here.yaml", "'@x'", ["12:16"]),
    ],
)
def test_a_text_a_spreadsheet_would_run_is_refused_in_contacts_and_regions(
    tmp_path: Path, file: str, text: str, found: list[str]
) -> None:
    # R1: a contact's or region's text that starts with =, + or @ is never meant, and a spreadsheet runs it
    original, name = (CONTACTS_YAML, "Alarmnummer 112") if file == "contacts.yaml" else (REGION, "Lokale hulp")
    report = validate([write_case(tmp_path, {file: edit(original, f"{{nl: {name},", f"{{nl: {text},")})], TODAY)
    assert [f"{p.line}:{p.col}" for p in report.problems if p.check == "text-formula"] == found
    assert [p.check for p in report.problems if p.check != "text-formula"] == []


@pytest.mark.parametrize(("verified", "found"), [("9999-12-31", True), ("2026-12-05", True), ("2026-11-29", False)])
def test_a_verified_date_in_the_future_is_an_error(tmp_path: Path, verified: str, found: bool) -> None:
    folder = write_case(
        tmp_path, {"contacts.yaml": edit(CONTACTS_YAML, "verified: 2026-11-28", f"verified: {verified}")}
    )
    report = validate([folder], TODAY)  # F24: it passed, and the contact never went stale
    future = [p for p in report.problems if p.check == "contact-verified"]
    assert bool(future) == found
    if found:
        assert future[0].message.endswith(
            f"was verified on {verified}, which is in the future; write the date its facts were checked"
        )


def test_validate_speaks_dutch_by_default_and_keeps_place_and_check_id(tmp_path: Path) -> None:
    broken = write_case(tmp_path, CASES["unknown-contact"])
    lines = CliRunner().invoke(app, ["validate", str(broken)]).stdout.splitlines()
    problem = "fout: onbekende organisatie 'politie-113' (niet in contacts.yaml) [unknown-contact]"
    assert lines[1:] == [
        f"  {broken / 'mini.yaml'}:53:9: {problem}",
        "",
        "1 fout(en), 0 waarschuwing(en) in 2 bestand(en)",
    ]
    github = CliRunner().invoke(app, ["validate", str(broken), "--format", "github"]).stdout.splitlines()
    assert github == [  # what the pull request shows, in Dutch too (U22); the check id stays the title
        f"::error file={broken / 'mini.yaml'},line=53,col=9,title=unknown-contact::"
        "onbekende organisatie 'politie-113' (niet in contacts.yaml)",
        "1 fout(en), 0 waarschuwing(en) in 2 bestand(en)",
    ]
