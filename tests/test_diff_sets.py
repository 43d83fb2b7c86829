"""``diff`` describes each set of changed routes by a condition over the answers; checked against a brute-force walk
over every route (``every_route`` and the engine's ``build_outcome`` on both versions)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samen_refer.engine.advice import Change, change_of, route_advice
from samen_refer.engine.analysis import ANY, Exploration, Refinement, explore, flow_questions, routes_per_end
from samen_refer.engine.behaviour import compare, route_counts
from samen_refer.engine.counting import total_routes
from samen_refer.engine.descriptions import Description
from samen_refer.engine.endings import Endings
from samen_refer.engine.involved import (
    at_stake,
    changed_blocks,
    givers_at_stake,
    involved_blocks,
    relevant_to,
    touched_by,
)
from samen_refer.engine.route import every_route
from samen_refer.format.pathway import Block, Condition, ContactUse, Pathway, Step, Term
from samen_refer.format.source import paused_gc
from samen_refer.format.vocabulary import END, ROLES, URGENCIES, Role
from samen_refer.render.diff import markdown
from tests.conftest import MINI, shipped_pathway

Route = frozenset[tuple[str, str]]


def with_blocks(pathway: Pathway, blocks: tuple[Block, ...]) -> Pathway:
    """The same pathway with other blocks."""
    p = pathway
    return Pathway(
        p.id, p.version, p.title, p.languages, p.start, p.questions, blocks, p.description, p.reminder,
        p.contacts_file, p.path, p.directory, p.invariants,
    )  # fmt: skip


def edited(pathway: Pathway, block_id: str, **changes: Any) -> Pathway:
    return with_blocks(pathway, tuple(b._replace(**changes) if b.id == block_id else b for b in pathway.blocks))


def changed_by_brute_force(old: Pathway, new: Pathway) -> dict[Route, Change]:
    """Every route whose advice differs, with what changed: the engine's advice on each route of both versions, as
    ``routes`` lists it (``route_advice``, proven equal to ``build_outcome`` on every route of the shipped pathway by
    ``tests/test_content.py``), not by the endings ``compare`` explores. Both versions ask the same questions."""
    out: dict[Route, Change] = {}
    for (answers, was), (same, now) in zip(route_advice(old), route_advice(new), strict=True):
        assert answers == same
        if was != now:
            out[frozenset(answers.items())] = change_of(was, now)
    return out


def matches(description: Description, route: Route) -> bool:
    return _holds(description, dict(route))


def check(old: Pathway, new: Pathway) -> None:
    """Each change set holds exactly the routes with that change; its condition, if any, singles out exactly them."""
    expected = changed_by_brute_force(old, new)
    diff = compare(old, new, "en")
    for lang in ("en", "nl"):  # and every set can be put in words
        assert markdown(diff, lang).startswith("## ")
    routes = [(frozenset(answers.items()), answers) for answers in every_route(new)]

    def holding(description: Description) -> set[Route]:
        return {r for r, answers in routes if _holds(description, answers)}

    assert diff.changed_count == len(expected)
    for changes in diff.changed:
        mine = {r for r, change in expected.items() if change == changes.change}
        assert changes.total == len(mine)
        if changes.condition is not None:
            assert holding(changes.condition) == mine
            assert not changes.within
        if changes.within:  # what the routes have in common: it holds on all of them, on within_total routes
            common = holding((changes.within,))
            assert mine <= common
            assert changes.within_total == len(common)
            if changes.exceptions is not None:  # and the exceptions leave exactly the set
                assert {r for r in common if not matches(changes.exceptions, r)} == mine
        assert {frozenset(e) for e in changes.examples} <= mine
    assert {frozenset(r.answers): r.change for r in diff.listing()} == expected


def _holds(description: Description, answers: Mapping[str, str]) -> bool:
    return any(all(answers.get(q) in options for q, options in terms) for terms in description)


FGM_TRIP = ("fgm-trip", {"urgency": "emergency"})
ACUTE_DANGER = (
    "acute-danger",
    {"urgency": "urgent"},
)  # urgency: emergency -> urgent  # urgency: urgent -> urgency: emergency
HONOUR_ABROAD = ("honour-abroad", {"urgency": "emergency"})
SOGIESC_ASYLUM = (  # lgbt-asylum-support: role info -> role advice
    "sogiesc-asylum",
    {
        "contacts": (
            ContactUse("lgbt-asylum-support", "advice"),
            ContactUse("cocktail", "info"),
        )
    },
)


@pytest.mark.parametrize(
    ("edit", "lines"),
    [
        (FGM_TRIP, [
            "**urgency Today → CALL NOW** (1,728 routes)",
            "- routes with `danger` = `no` or `unsure` and `violence` = `fgm` and `where` = `abroad` and `children` = `yes` or `unknown`",
        ]),
        (HONOUR_ABROAD, [
            "**urgency Today → CALL NOW** (13,824 routes)",
            "- routes with `danger` = `no` or `unsure` and `violence` = `honour` and `recent_assault` = `yes` or `no` or `unsure` and `where` = `abroad`",
            "- or with `danger` = `no` or `unsure` and `violence` = `honour` and `timing` = `earlier` and `where` = `abroad`",
        ]),
        (SOGIESC_ASYLUM, [
            "**role changed: lgbt-asylum-support info → advice; no longer on the person's handout: lgbt-asylum-support** (6,240 routes)",
            "- routes with `violence` = `sogiesc` and `residence` = `asylum_seeker` and `consent` = `advice_only` or `no`",
        ]),
    ],
    ids=["urgency", "urgency-or", "role"],
)  # fmt: skip
def test_a_one_line_change_on_sggg_in_words(edit: tuple[str, dict[str, object]], lines: list[str]) -> None:
    old = shipped_pathway()
    report = markdown(compare(old, edited(old, edit[0], **edit[1]), "en")).splitlines()
    assert report[8 : 8 + len(lines)] == lines
    assert report[8 + len(lines)].startswith("- for example: `")


@pytest.mark.parametrize(
    ("edit", "lang", "lines"),
    [
        (ACUTE_DANGER, "en", [
            "**urgency CALL NOW → Today** (80,064 routes)",
            "- routes with `safe_to_talk` = `yes` and `danger` = `yes`",
            "- but not those with `recent_assault` = `yes_72_hours`",
            "- nor those with `violence` = `sexual` and `timing` = `within_72_hours`",
        ]),
        (ACUTE_DANGER, "nl", [
            "**urgentie NU BELLEN → Vandaag nog** (80.064 routes)",
            "- routes met `safe_to_talk` = `yes` en `danger` = `yes`",
            "- maar niet die met `recent_assault` = `yes_72_hours`",
            "- en ook niet die met `violence` = `sexual` en `timing` = `within_72_hours`",
        ]),
    ],
    ids=["en", "nl"],
)  # fmt: skip
def test_a_set_without_a_short_condition_is_said_as_what_its_routes_share_but_not(
    edit: tuple[str, dict[str, object]], lang: str, lines: list[str]
) -> None:
    """Turning down the urgency of acute danger changes the routes where no other block keeps it an emergency: no
    three conditions single them out, but "danger = yes, but not these" does."""
    old = shipped_pathway()
    new = edited(old, edit[0], **edit[1])
    report = markdown(compare(old, new, lang), lang).splitlines()
    assert report[8 : 8 + len(lines)] == lines
    assert report[8 + len(lines)].startswith(("- for example: `", "- bijvoorbeeld: `"))


def test_a_change_on_every_route_is_said_so() -> None:
    """A step every route shows, taken out: the condition has no term, and the report says "every route"."""
    old = shipped_pathway()
    everywhere = next(b for b in old.blocks if b.when is None and b.unless is None and b.steps)
    new = edited(old, everywhere.id, steps=everywhere.steps[1:])
    diff = compare(old, new, "en")
    assert [c.condition for c in diff.changed] == [((),)]
    report = markdown(diff).splitlines()
    assert report[9:11] == ["- every route, whatever the answers", report[10]]
    assert report[10].startswith("- for example: `")


def with_role(pathway: Pathway, block_id: str, contact: str, role: Role) -> Pathway:
    block = next(b for b in pathway.blocks if b.id == block_id)
    uses = tuple(u._replace(role=role) if u.contact == contact else u for u in block.contacts)
    return edited(pathway, block_id, contacts=uses)


@pytest.mark.no_cover  # a walk over every route of both versions: coverage would double its time
def test_a_one_line_change_on_sggg_agrees_with_every_route() -> None:
    """The walk over every route of both versions (~40 s of CPU): once, on the slowest kind of one-line change
    (``benchmarks/diff_command.py``): Veilig Thuis weaker where it is not known whether there are children moves
    behind other contacts on some routes, which ``diff`` tells apart by more answers only there (``Refinement``).
    What a set shares and its exceptions are checked on any set of endings by
    ``test_what_any_set_of_routes_shares_and_its_exceptions_are_exact``."""
    old = shipped_pathway()
    with paused_gc():  # sets of 522,750 routes without cycles: repeated full scans would add minutes
        check(old, with_role(old, "children-unknown", "veilig-thuis", "info"))


def when(question: str, *options: str) -> Condition:
    return Condition((Term(question, options),))


def step(step_id: str) -> Step:
    return Step(step_id, {"en": step_id})


# veilig-thuis is given "refer" twice, first by `kids`; slachtofferhulp "refer" in between; politie only when the
# person reports (a question no block giving veilig-thuis looks at). The step `door-open` likewise, around `talk`.
REORDERING = (
    Block("kids", (step("door-open"),), (ContactUse("veilig-thuis", "refer"),), when("children", "yes")),
    Block("help", (step("talk"),), (ContactUse("slachtofferhulp", "refer"),), when("consent", "referral")),
    Block("always", (step("door-open"),), (ContactUse("veilig-thuis", "refer"), ContactUse("politie-112", "refer"))),
    Block("police", (step("report"),), (ContactUse("politie", "advice"),), when("report", "yes")),
)


@pytest.mark.parametrize(
    "edit",
    [
        ("kids", {"contacts": (ContactUse("veilig-thuis", "advice"),)}),  # weaker: behind slachtofferhulp, with kids
        ("kids", {"contacts": (ContactUse("veilig-thuis", "info"),)}),
        ("always", {"contacts": (ContactUse("veilig-thuis", "advice"), ContactUse("politie-112", "refer"))}),
        ("always", {"contacts": (ContactUse("veilig-thuis", "emergency"), ContactUse("politie-112", "refer"))}),
        ("kids", {"contacts": (ContactUse("veilig-thuis", "emergency"),)}),  # stronger: the role changes, no re-order
        ("kids", {"contacts": ()}),  # removed: given later by `always`
        ("kids", {"steps": ()}),  # the step comes after `talk` where the person wants help
        ("always", {"steps": ()}),
        ("help", {"contacts": (ContactUse("slachtofferhulp", "info"),)}),
        ("always", {"contacts": (ContactUse("politie-112", "refer"), ContactUse("veilig-thuis", "refer"))}),  # swapped
        ("always", {"steps": (step("door-open"), step("talk"))}),  # `talk` also where the person wants no help
    ],
    ids=["weaker", "weakest", "later-weaker", "later-stronger", "stronger", "contact-removed", "step-removed",
         "later-step-removed", "other", "swapped", "step-added"],
)  # fmt: skip
def test_a_contact_or_step_that_moves_on_some_routes_is_told_apart_route_by_route(
    mini: Pathway, edit: tuple[str, dict[str, object]]
) -> None:
    """Each case moves a contact or a step behind another only on some routes, or changes its role; the re-ordered
    contacts depend on answers that only blocks outside the change look at, so an exploration by the changed blocks
    alone would be wrong."""
    old = with_blocks(mini, REORDERING)
    check(old, edited(old, edit[0], **edit[1]))


# As REORDERING, and politie "refer" in between where there are children and the person reports (a question only
# that block and `police` look at), and after `always` where there are none: veilig-thuis can pass politie only
# with children, so the block without them need not tell routes apart, and the one with them must.
PASSING = (
    *REORDERING[:2],
    Block("report-kids", (), (ContactUse("politie", "refer"),), Condition((*when("children", "yes").terms,
          *when("report", "yes").terms))),
    *REORDERING[2:],
    Block("report-no-kids", (), (ContactUse("politie", "refer"),), Condition((*when("children", "no").terms,
          *when("report", "yes").terms))),
)  # fmt: skip


@pytest.mark.parametrize(
    "edit",
    [
        ("kids", {"contacts": (ContactUse("veilig-thuis", "advice"),)}),
        ("kids", {"contacts": ()}),
        ("report-kids", {"contacts": (ContactUse("politie", "advice"),)}),
        ("report-no-kids", {"contacts": (ContactUse("politie", "info"),)}),
    ],
    ids=["weaker", "contact-removed", "passed-one-weaker", "other-giver-weaker"],
)
def test_a_contact_passes_another_only_where_a_block_that_gives_it_may_apply(
    mini: Pathway, edit: tuple[str, dict[str, object]]
) -> None:
    """Only the blocks that give a contact the moving one may pass, and that may apply where it can move, tell routes
    apart (judged on the answers explored, whatever the others): exact on every route all the same."""
    old = with_blocks(mini, PASSING)
    check(old, edited(old, edit[0], **edit[1]))


def test_a_block_that_never_applies_where_a_contact_moves_does_not_tell_routes_apart(mini: Pathway) -> None:
    """veilig-thuis moves behind slachtofferhulp and politie only with children (``kids``); of the blocks that give
    those (and politie-112, given with it by ``always``), ``report-no-kids`` applies only without children, so it is left out. ``police`` looks at ``report``,
    which is not explored yet: it may apply anywhere."""
    old = with_blocks(mini, PASSING)
    new = edited(old, "kids", contacts=(ContactUse("veilig-thuis", "advice"),))
    changed = changed_blocks(old, new)
    touched = touched_by(old, new, changed)
    involved = involved_blocks(old, new, changed, touched)
    exploration = explore(new, relevant_to(old, new, involved, everything=False))
    views = tuple(Endings(exploration, [b for b in p.blocks if b.id in involved]) for p in (old, new))
    explored = set(exploration.relevant)
    stake = at_stake(old, new, involved, explored, (views[0], views[1]), changed, touched)
    assert stake is not None
    assert set(stake) == {("contact", "slachtofferhulp"), ("contact", "politie"), ("contact", "politie-112")}
    assert givers_at_stake(old, new, stake, views[1], explored) == {"help", "report-kids", "always", "police"}


@st.composite
def single_edit(draw: st.DrawFn, pathway: Pathway) -> Pathway:
    """The pathway with one thing changed in one block: its urgency, a contact's role or presence, a step, or an
    option in its condition."""
    block = draw(st.sampled_from(pathway.blocks))
    kind = draw(
        st.sampled_from(["urgency", "role", "drop-contact", "add-contact", "drop-step", "add-step", "swap", "when"])
    )
    if kind == "urgency":
        return edited(pathway, block.id, urgency=draw(st.sampled_from([None, *URGENCIES])))
    if kind == "role" and block.contacts:
        i = draw(st.integers(0, len(block.contacts) - 1))
        use = block.contacts[i]._replace(role=draw(st.sampled_from(ROLES)))
        return edited(pathway, block.id, contacts=(*block.contacts[:i], use, *block.contacts[i + 1 :]))
    if kind == "drop-contact" and block.contacts:
        i = draw(st.integers(0, len(block.contacts) - 1))
        return edited(pathway, block.id, contacts=block.contacts[:i] + block.contacts[i + 1 :])
    if kind == "add-contact":
        contact = draw(st.sampled_from(sorted(pathway.contacts)))
        if all(u.contact != contact for u in block.contacts):
            use = ContactUse(contact, draw(st.sampled_from(ROLES)))
            i = draw(st.integers(0, len(block.contacts)))
            return edited(pathway, block.id, contacts=(*block.contacts[:i], use, *block.contacts[i:]))
    if kind == "drop-step" and block.steps:
        i = draw(st.integers(0, len(block.steps) - 1))
        return edited(pathway, block.id, steps=block.steps[:i] + block.steps[i + 1 :])
    if kind == "add-step":  # a step another block gives too: it may come earlier on some routes
        given = draw(st.sampled_from([s for b in pathway.blocks for s in b.steps]))
        if all(s.id != given.id for s in block.steps):
            i = draw(st.integers(0, len(block.steps)))
            return edited(pathway, block.id, steps=(*block.steps[:i], given, *block.steps[i:]))
    if kind == "swap" and len(block.contacts) > 1:  # the block's own order changed
        return edited(pathway, block.id, contacts=block.contacts[::-1])
    if kind == "swap" and len(block.steps) > 1:
        return edited(pathway, block.id, steps=block.steps[::-1])
    if kind == "when" and block.when is not None:
        i = draw(st.integers(0, len(block.when.terms) - 1))
        term = block.when.terms[i]
        question = pathway.question(term.question)
        assert question is not None
        options = draw(st.sets(st.sampled_from([o.id for o in question.options]), min_size=1))
        terms = (*block.when.terms[:i], term._replace(options=tuple(sorted(options))), *block.when.terms[i + 1 :])
        return edited(pathway, block.id, when=block.when._replace(terms=terms))
    return edited(pathway, block.id, urgency=None if block.urgency else "soon")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_single_edit_on_mini_is_described_exactly(data: st.DataObject) -> None:
    from samen_refer.checks.load import load_pathway

    old = load_pathway(MINI / "mini.yaml")
    check(old, data.draw(single_edit(old)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_single_edit_where_contacts_and_steps_are_given_by_several_blocks_is_described_exactly(
    mini: Pathway, data: st.DataObject
) -> None:
    check(with_blocks(mini, REORDERING), data.draw(single_edit(with_blocks(mini, REORDERING))))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_single_edit_where_a_contact_may_pass_another_on_some_answers_is_described_exactly(
    mini: Pathway, data: st.DataObject
) -> None:
    check(with_blocks(mini, PASSING), data.draw(single_edit(with_blocks(mini, PASSING))))


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_what_any_set_of_routes_shares_and_its_exceptions_are_exact(data: st.DataObject) -> None:
    """For any set of endings of mini (told apart by every answer): ``narrowest`` holds on all of them and on exactly
    the endings it says; ``describe`` within those, when it finds a description, singles out exactly the others."""
    from samen_refer.checks.load import load_pathway
    from samen_refer.engine.descriptions import describe, narrowest

    pathway = load_pathway(MINI / "mini.yaml")
    exploration = explore(pathway, tuple(q.id for q in pathway.questions))
    endings = Endings(exploration)
    ends = [exploration.answers(end) for end in exploration.ends]
    chosen = data.draw(st.sets(st.integers(0, len(ends) - 1), min_size=1))
    members = sum(1 << i for i in chosen)

    def holding(description: Description, among: range | set[int]) -> set[int]:
        return {i for i in among if any(all(ends[i].get(q) in o for q, o in terms) for terms in description)}

    within, cover = narrowest(members, endings, exploration, pathway)
    shared = holding((within,), range(len(ends)))
    assert chosen <= shared
    assert {i for i in range(len(ends)) if cover >> i & 1} == shared
    exceptions = describe(cover & ~members, endings, exploration, pathway, universe=cover)
    if exceptions is not None:
        assert shared - holding(exceptions, shared) == chosen
    exact = describe(members, endings, exploration, pathway)
    if exact is not None:
        assert holding(exact, range(len(ends))) == chosen


@pytest.mark.parametrize(
    ("name", "coarse", "fine"),
    [
        ("mini", (), ("children", "consent", "danger", "report")),  # every question on top of those that decide
        ("mini", ("children",), ("children",)),
        ("sggg", ("consent",), ("consent", "danger", "violence")),
        ("sggg", (), ("consent",)),  # `consent` leads on by its options, no condition looks at it: counted apart
    ],
)
def test_routes_per_end_come_from_a_coarser_exploration(
    mini: Pathway, name: str, coarse: tuple[str, ...], fine: tuple[str, ...]
) -> None:
    """Counting from the coarse ends gives what counting the paths through the finer one's states gives; both tell
    routes apart by the questions a ``next`` rule looks at, and by these."""
    pathway = mini if name == "mini" else shipped_pathway()
    flow = flow_questions(pathway)
    first = explore(pathway, tuple(q.id for q in pathway.questions if q.id in {*flow, *coarse}))
    finer = (
        first if fine == coarse else explore(pathway, tuple(q.id for q in pathway.questions if q.id in {*flow, *fine}))
    )
    count = route_counts(finer, first)
    assert [count([i]) for i in range(len(finer.ends))] == routes_per_end(finer)
    assert count(range(len(finer.ends))) == total_routes(pathway)


@pytest.fixture(scope="module")
def three_by_three(tmp_path_factory: pytest.TempPathFactory) -> Pathway:
    """Three questions of three options, where to go after the second depends on the first (a ``next`` rule)."""
    from samen_refer.checks.load import load_pathway
    from tests.generated import adversarial_pathway

    folder = tmp_path_factory.mktemp("pathways")
    (folder / "contacts.yaml").write_bytes((MINI / "contacts.yaml").read_bytes())
    (folder / "adversarial.yaml").write_text(adversarial_pathway(4, 3, rules=True), encoding="utf-8")
    return load_pathway(folder / "adversarial.yaml")


def end_of(exploration: Exploration, answers: Mapping[str, str]) -> int:
    """The end (its index) a route reaches in an exploration, walked state by state."""
    state = exploration.start
    while state[0] != END:
        question = exploration.pathway.question(state[0])
        assert question is not None
        state = exploration.successors[state][[o.id for o in question.options].index(answers[state[0]])]
    return exploration.ends.index(state)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_refined_exploration_tells_finer_answers_apart_only_in_its_region(
    mini: Pathway, three_by_three: Pathway, data: st.DataObject
) -> None:
    """``explore(..., within=Refinement(coarse, region))`` for any coarse and finer questions and any region: routes
    to a coarse end of the region are told apart by the finer answers too, every other route reaches the end that
    stands for its whole coarse end (finer answers ``ANY``); the routes counted at each end, and every set of ends
    described in words (``describe``, ``narrowest`` and its exceptions), hold exactly those routes, one by one."""
    from samen_refer.engine.descriptions import describe, narrowest

    pathway = data.draw(st.sampled_from([mini, three_by_three]))
    flow = set(flow_questions(pathway))
    others = [q.id for q in pathway.questions if q.id not in flow]
    coarse_extra = data.draw(st.sets(st.sampled_from(others)))
    finer_extra = data.draw(st.sets(st.sampled_from(others), min_size=1))
    coarse = explore(pathway, tuple(q.id for q in pathway.questions if q.id in flow | coarse_extra))
    relevant = tuple(q.id for q in pathway.questions if q.id in flow | coarse_extra | finer_extra)
    region_ends = data.draw(st.sets(st.integers(0, len(coarse.ends) - 1)))
    refined = explore(pathway, relevant, within=Refinement(coarse, sum(1 << i for i in region_ends)))
    routes = [frozenset(answers.items()) for answers in every_route(pathway)]
    at_end: dict[int, set[Route]] = {}
    for route in routes:
        answers = dict(route)
        end = end_of(refined, answers)
        at_end.setdefault(end, set()).add(route)
        projection = refined.ends[end][1]
        in_region = end_of(coarse, answers) in region_ends
        for question, told in zip(refined.relevant, projection, strict=True):
            if question in coarse.relevant or in_region:
                assert told == answers.get(question)
            else:
                assert told == ANY
    assert set(at_end) == set(range(len(refined.ends)))  # every end is reached, and only by its own routes
    count = route_counts(refined, coarse)
    assert [count([i]) for i in range(len(refined.ends))] == [len(at_end[i]) for i in range(len(refined.ends))]

    endings = Endings(refined)
    chosen = data.draw(st.sets(st.integers(0, len(refined.ends) - 1), min_size=1))
    members = sum(1 << i for i in chosen)
    mine = {r for i in chosen for r in at_end[i]}

    def holding(description: Description, among: Collection[Route]) -> set[Route]:
        return {r for r in among if matches(description, r)}

    exact = describe(members, endings, refined, pathway)
    if exact is not None:
        assert holding(exact, routes) == mine
    within, cover = narrowest(members, endings, refined, pathway)
    shared = holding((within,), routes)
    assert mine <= shared
    assert shared == {r for i in range(len(refined.ends)) if cover >> i & 1 for r in at_end[i]}
    exceptions = describe(cover & ~members, endings, refined, pathway, universe=cover)
    if exceptions is not None:
        assert shared - holding(exceptions, shared) == mine
