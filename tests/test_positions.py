"""Positions on the person's choice: ``validate`` finds every route where "respect the no" meets "report anyway",
and every contact whose role does not fit the position a step takes about it, each with the shortest route."""

from __future__ import annotations

from pathlib import Path

import pytest

from samen_refer.checks.load import load_pathway
from samen_refer.checks.positions import position_problems, use_problems
from samen_refer.checks.structure import structure_problems
from samen_refer.engine.route import build_outcome, every_route, selected_blocks
from samen_refer.format.pathway import Pathway
from tests.conftest import MINI
from tests.test_validate import CONTRADICTING, MINI_YAML, edit, write_case


def _load(tmp_path: Path, text: str) -> Pathway:
    return load_pathway(write_case(tmp_path, {"mini.yaml": text}) / "mini.yaml")


def _problems(pathway: Pathway) -> list[tuple[str, str]]:
    explored = structure_problems(pathway)[1]
    assert explored is not None
    return [(p.check, str(p.message)) for p in use_problems(pathway) + position_problems(pathway, explored)]


def _shown(message: str) -> dict[str, str]:
    return dict(pair.split("=") for pair in message.split("Shortest route: ")[1].split(", "))


def _positions(pathway: Pathway, answers: dict[str, str]) -> set[str]:
    blocks = selected_blocks(pathway, answers)
    steps = {s.position for b in blocks for s in b.steps if s.position}
    return steps | {u.stance for b in blocks for u in b.contacts if u.stance}


def test_the_mini_pathway_takes_no_position() -> None:
    assert _problems(load_pathway(MINI / "mini.yaml")) == []


def test_a_contradictory_block_is_reported_with_its_shortest_counterexample(tmp_path: Path) -> None:
    pathway = _load(tmp_path, CONTRADICTING)
    ((check, message),) = _problems(pathway)
    assert check == "position-meet"
    assert "step 'door-open' (choice)" in message and "contact 'veilig-thuis' as report (safety)" in message
    meeting = [a for a in every_route(pathway) if {"choice", "safety"} <= _positions(pathway, a)]
    shown = _shown(message)
    assert shown in meeting
    assert len(shown) == min(len(a) for a in meeting)
    assert shown == {"danger": "no", "children": "yes", "consent": "no"}


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # a duty to report about Veilig Thuis, where Veilig Thuis is only asked for advice (the N-C2 shape)
        (
            "      - id: door-open\n",
            "      - id: door-open\n        position: duty\n        contact: veilig-thuis\n",
            ("position-role", "step 'door-open' takes a position about 'veilig-thuis'", "(advice)"),
        ),
        # "the person decides" about a contact that is reported to whatever the person chose
        (
            "{contact: veilig-thuis, role: refer}",
            "{contact: veilig-thuis, role: report, position: choice}",
            ("position-role", "contact 'veilig-thuis' takes the position 'choice' with the role 'report'", ""),
        ),
    ],
)
def test_a_role_that_does_not_fit_its_position(tmp_path: Path, old: str, new: str, expected: tuple[str, ...]) -> None:
    pathway = _load(tmp_path, edit(MINI_YAML, old, new))
    checks = [(c, m) for c, m in _problems(pathway) if c == "position-role"]
    assert len(checks) == 1
    check, message = checks[0]
    assert check == expected[0] and expected[1] in message and expected[2] in message
    if "Shortest route" in message:  # the route really has Veilig Thuis in a role that does not fit a duty
        roles = {c.contact.id: c.role for c in build_outcome(pathway, _shown(message)).contacts}
        assert roles["veilig-thuis"] == "advice"


def test_a_duty_where_the_role_fits_on_every_route_passes(tmp_path: Path) -> None:
    text = edit(
        edit(MINI_YAML, "{contact: veilig-thuis, role: refer}", "{contact: veilig-thuis, role: report}"),
        "  - id: kids\n    when: {children: [yes]}\n    urgency: urgent\n",
        "  - id: kids\n    when: {children: [yes]}\n    urgency: urgent\n    steps:\n      - id: report-vt\n"
        "        text: {nl: Meld bij Veilig Thuis., en: Report to Veilig Thuis.}\n"
        "        position: duty\n        contact: veilig-thuis\n",
    )
    assert _problems(_load(tmp_path, text)) == []


def test_where_the_route_ends_are_too_many_to_count_the_meeting_is_still_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 24: positions are decided on the formula of every route; only the count of route ends needs exploring,
    and past the state budget the problem is told without it."""
    from samen_refer.engine import analysis
    from tests.generated import adversarial_pathway

    text = edit(adversarial_pathway(4, 3), "id: adversarial", "id: mini")
    text = edit(
        text, "steps: [{id: s0-0, text: {nl: s, en: s}}]", "steps: [{id: s0-0, text: {nl: s, en: s}, position: choice}]"
    )
    text = edit(text, "  - {id: b1-0, when: {q1: [o0]}, steps: [{id: s1-0, text: {nl: s, en: s}}], contacts: [{contact: veilig-thuis, role: info}]}",
                "  - {id: b1-0, when: {q1: [o0]}, steps: [{id: s1-0, text: {nl: s, en: s}}], contacts: [{contact: veilig-thuis, role: report}]}")  # fmt: skip
    pathway = _load(tmp_path, text)
    counted = _problems(pathway)
    monkeypatch.setattr(analysis, "STATE_BUDGET", 10)
    uncounted = _problems(pathway)
    told = "step 's0-0' (choice)) meets a position that overrides it (contact 'veilig-thuis' as report (safety))"
    shortest = "Shortest route: q0=o0, q1=o0, q2=o0, q3=o0"
    assert counted == [("position-meet", f"the person's choice ({told} on 9 route end(s). {shortest}")]
    assert uncounted == [("position-meet", f"the person's choice ({told}. {shortest}")]
