"""One engine, proven equal: the page's interpreter (``samen_refer/render/web/engine.js``, run in Node) and
``route.py`` give the same outcome on every route of every pathway that loads: urgency, step ids in order, contacts
with their roles in order, the person's handout, and each safety interrupt: after which answer, its blocks, its steps
and its numbers to call, each with its role and the block its note comes from."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

from samen_refer.checks.load import load_pathway, open_pathway
from samen_refer.engine.interrupt import Interrupt, interrupt_after
from samen_refer.engine.route import Outcome, build_outcome, every_route
from samen_refer.format.library import Library
from samen_refer.format.pathway import Pathway
from samen_refer.format.region import Region
from samen_refer.problem import SamenReferError
from samen_refer.render.web.compiled import compile_pathway
from samen_refer.render.web.page import asset
from tests.conftest import DATA, MINI, differences, missing, shipped_outcomes

NODE = shutil.which("node")


@pytest.fixture(autouse=True)
def _node() -> None:
    if NODE is None:
        missing("needs Node.js (`node`) to run the page's engine")


def _outcome_fields(outcome: Outcome) -> str:
    return "|".join(
        (
            outcome.urgency,
            ";".join(
                ",".join(s.step.id for s in listed) for listed in (outcome.steps, outcome.background, outcome.care)
            ),
            ",".join(
                f"{c.contact.id}:{c.role}{'/' + c.position if c.position else ''}{'@region' if c.regional else ''}"
                for c in outcome.contacts
            ),
            ",".join(c.contact.id for c in outcome.person_contacts),
        )
    )


def _interrupt_fields(interrupt: Interrupt) -> str:
    return "/".join(
        (
            "+".join(b.id for b in interrupt.blocks),
            "+".join(s.id for s in interrupt.steps),
            "+".join(f"{c.contact.id}:{c.role}@{c.block}" for c in interrupt.calls),
        )
    )


def python_lines(
    pathway: Pathway, known: Mapping[frozenset[tuple[str, str]], Outcome], region: Region | None = None
) -> Iterator[str]:
    """The line ``tests/web_routes.js`` prints for each route, from the Python engine, in ``every_route``'s order.

    An outcome depends only on the answers that block conditions look at, so it is built once per distinct set of
    those answers (or taken from ``known``, the engine's outcomes already built for this pathway); the interrupt
    points once per distinct beginning of a route. Every route is still compared.
    """
    serves = [r.serves for r in region.contacts] if region else []
    looked_at = tuple(
        dict.fromkeys(
            t.question
            for c in [*(x for b in pathway.blocks for x in (b.when, b.unless)), *serves]
            if c
            for t in c.terms
        )
    )
    outcomes: dict[tuple[str | None, ...], str] = {}
    interrupts: dict[tuple[tuple[str, str], ...], str] = {}
    try:
        for answers in every_route(pathway):
            pairs = tuple(answers.items())
            points = []
            for i in range(len(pairs)):
                prefix = pairs[: i + 1]
                point = interrupts.get(prefix)
                if point is None:
                    fired = interrupt_after(pathway, dict(pairs[:i]), dict(prefix))
                    point = interrupts[prefix] = f"{i}:{_interrupt_fields(fired)}" if fired else ""
                points.append(point)
            key = tuple(answers.get(q) for q in looked_at)
            outcome = outcomes.get(key)
            if outcome is None:
                built = (None if region else known.get(frozenset(pairs))) or build_outcome(
                    pathway, answers, region=region
                )
                outcome = outcomes[key] = _outcome_fields(built)
            yield "|".join((",".join(f"{q}={o}" for q, o in pairs), ",".join(points), outcome))
    except SamenReferError as exc:
        yield f"error: loops at {exc.message.rsplit(' ', 1)[-1]}"  # the question where the walk cannot go on


def node_lines(pathway: Pathway, region: Region | None = None) -> Iterator[str]:
    """The lines of the page's engine, streamed from one Node process."""
    data = json.dumps(compile_pathway(pathway, pathway.languages, region), ensure_ascii=False)
    script = Path(__file__).parent / "web_routes.js"
    with subprocess.Popen(
        [str(NODE), str(script), str(asset("engine.js"))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    ) as node:
        assert node.stdin is not None and node.stdout is not None
        node.stdin.write(data)
        node.stdin.close()
        for line in node.stdout:
            yield line.rstrip("\n")
    assert node.returncode == 0


@pytest.mark.xdist_group("every-route")
@pytest.mark.no_cover  # a loop over every route: coverage would double its time
def test_every_route_of_sggg_gives_the_same_outcome_in_the_page() -> None:
    pathway = open_pathway(Library.open(None), "sggg")
    assert differences(python_lines(pathway, shipped_outcomes()), node_lines(pathway)) == (522_750, 0, [])


@pytest.mark.parametrize(
    ("path", "routes"),
    [
        (MINI / "mini.yaml", 13),
        (DATA / "hostile" / "cycle" / "cycle.yaml", 1),  # no route ends: both engines stop with the same error
    ],
)
def test_every_route_of_a_test_pathway_gives_the_same_outcome(path: Path, routes: int) -> None:
    pathway = load_pathway(path)
    assert differences(python_lines(pathway, {}), node_lines(pathway)) == (routes, 0, [])


@pytest.mark.parametrize(
    ("order", "calm", "noted"),
    [
        ("calm acute none routine", "urgent", "acute"),
        ("routine none acute calm", "urgent", "acute"),
        ("calm acute", "emergency", "calm"),  # equally urgent: the first block in the file gives the note
        ("acute calm", "emergency", "acute"),
    ],
)
def test_the_page_gives_a_number_the_same_note_as_the_engine(
    write: Callable[[str, str], Path], order: str, calm: str, noted: str
) -> None:
    from tests.test_interrupt import notes_pathway

    pathway = load_pathway(write("notes.yaml", notes_pathway(order, calm)))
    ours = list(python_lines(pathway, {}))
    assert differences(ours, node_lines(pathway)) == (3, 0, [])
    assert f"politie-112:emergency@{noted}+" in ours[2]  # danger=both: the block whose note 112 gets


# Regional contacts placed after a national one (after), after their role's last one, in two places, or served on
# some routes only: the page places them as route._with_region does.
_REGION_CONTACTS = """\
  - id: after-112
    name: {nl: A, en: A}
    does: {nl: A, en: A}
    verified: 2026-11-28
    source: https://example.org/a
    role: info
    after: politie-112
  - id: second-after-112
    name: {nl: B, en: B}
    does: {nl: B, en: B}
    verified: 2026-11-28
    source: https://example.org/b
    role: advice
    person: true
    after: politie-112
  - id: refer-last
    name: {nl: C, en: C}
    does: {nl: C, en: C}
    verified: 2026-11-28
    source: https://example.org/c
    role: refer
    serves: {report: [no]}
  - id: refer-everywhere
    name: {nl: D, en: D}
    does: {nl: D, en: D}
    verified: 2026-11-28
    source: https://example.org/d
    role: refer
"""


def test_every_route_with_a_region_gives_the_same_outcome_in_the_page(tmp_path: Path) -> None:
    from samen_refer.checks.load import load_region
    from tests.test_validate import REGION, write_case

    root = write_case(tmp_path, {"regions/here.yaml": REGION + _REGION_CONTACTS})
    region = load_region(root / "regions" / "here.yaml")
    pathway = load_pathway(root / "mini.yaml")
    assert differences(python_lines(pathway, {}, region), node_lines(pathway, region)) == (13, 0, [])
    assert any("@region" in line for line in python_lines(pathway, {}, region))


SAMPLE_STRIDE = 150  # every 150th route of sggg: 1,786 routes, ~1 s per region in each engine


@pytest.fixture(scope="module")
def sggg_sample() -> tuple[Pathway, list[dict[str, str]]]:
    """sggg, and every ``SAMPLE_STRIDE``-th of its routes in ``every_route``'s order, with every scenario's route."""
    from tests.test_result import scenario_routes

    pathway = open_pathway(Library.open(None), "sggg")
    sample = [dict(a) for n, a in enumerate(every_route(pathway)) if n % SAMPLE_STRIDE == 0]
    return pathway, [*sample, *scenario_routes()]


def node_sample(pathway: Pathway, routes: list[dict[str, str]], region: Region | None) -> list[str]:
    """The page engine's outcome for each of the routes, in their order (``tests/web_sample.js``)."""
    compiled = compile_pathway(pathway, pathway.languages, region)
    data = json.dumps({"pathway": compiled, "routes": [list(r.items()) for r in routes]}, ensure_ascii=False)
    script = Path(__file__).parent / "web_sample.js"
    done = subprocess.run(
        [str(NODE), str(script), str(asset("engine.js"))],
        input=data, capture_output=True, text=True, encoding="utf-8", check=True,
    )  # fmt: skip
    return done.stdout.splitlines()


@pytest.mark.no_cover  # a loop over code other tests cover: coverage would add seconds and no line
@pytest.mark.parametrize("region_id", Library.open(None).region_ids())
def test_a_sample_of_sggg_routes_in_each_shipped_region_gives_the_same_outcome_in_the_page(
    sggg_sample: tuple[Pathway, list[dict[str, str]]], region_id: str
) -> None:
    from samen_refer.checks.load import region_for

    pathway, routes = sggg_sample
    region = region_for(Library.open(None), region_id, pathway)
    ours = [
        "|".join(
            (",".join(f"{q}={o}" for q, o in r.items()), _outcome_fields(build_outcome(pathway, r, region=region)))
        )
        for r in routes
    ]
    theirs = node_sample(pathway, routes, region)
    assert len(theirs) == len(ours) > 1_786
    assert [(a, b) for a, b in zip(ours, theirs, strict=True) if a != b][:3] == []
    # the sample reaches every contact of the region: the regional ones are compared, not only the national ones
    shown = {c.split(":")[0] for line in ours for c in line.split("|")[3].split(",") if c.endswith("@region")}
    assert shown == {c.contact.id for c in region.contacts}  # type: ignore[union-attr]


def test_the_hostile_files_that_load_are_all_compared() -> None:
    from samen_refer.checks.load import read_pathway

    loading = [p.name for p in sorted((DATA / "hostile").rglob("*.yaml")) if read_pathway(p)[0] is not None]
    assert loading == ["cycle.yaml"]
