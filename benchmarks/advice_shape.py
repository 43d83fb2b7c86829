"""How the advice is composed, over every route of a pathway: how many steps, whether the situation's own steps come
first, and whether two positions on the person's choice ever meet.

Routes that reach the same end of the exploration (the same answers to every question a condition looks at) get the
same advice, so each end is composed once (``build_outcome``) and counted as often as routes lead to it.

Figures (issue 19), over all routes:
- steps per route (the steps to do or say: ``Outcome.steps``; what to know and the helper's care are listed apart):
  median at most 12, none above 20;
- "common" steps: those on at least 80 % of the routes without acute danger (danger not yes, self or both). On at
  least 95 % of those routes, none of the first five steps shown is a common one;
- routes where the person's choice meets safety or a duty to report: none.

    python benchmarks/advice_shape.py [--pathways DIR] [--pathway sggg]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

from samen_refer.checks.load import open_pathway
from samen_refer.engine.analysis import explore, routes_per_end
from samen_refer.engine.route import Outcome, build_outcome, selected_blocks
from samen_refer.format.library import Library
from samen_refer.format.pathway import Pathway

MEDIAN_TARGET = 12
MAX_TARGET = 20
COMMON_SHARE = 0.8  # a step on at least this share of the routes without acute danger is "common"
FIRST = 5  # the steps shown before "Er zijn nog N stappen"
CLEAR_TARGET = 0.95
ACUTE = ("yes", "self", "both")


class Shape(NamedTuple):
    """The figures of one pathway."""

    routes: int
    steps: Counter[int]  # steps per route -> routes
    calm_routes: int  # routes without acute danger
    common: tuple[str, ...]  # step ids on at least COMMON_SHARE of the calm routes
    clear: int  # calm routes whose first FIRST steps hold no common step
    meeting: int  # routes where the person's choice meets safety or a duty to report
    meeting_example: dict[str, str] | None

    @property
    def median(self) -> float:
        return statistics.median(self.steps.elements())

    @property
    def most(self) -> int:
        return max(self.steps)

    @property
    def clear_share(self) -> float:
        return self.clear / self.calm_routes if self.calm_routes else 1.0


def _positions(pathway: Pathway, blocks: tuple[str, ...]) -> frozenset[str]:
    """The positions these blocks take about the person's choice."""
    chosen = set(blocks)
    applying = [b for b in pathway.blocks if b.id in chosen]
    taken = {s.position for b in applying for s in b.steps if s.position}
    return frozenset(taken | {u.stance for b in applying for u in b.contacts if u.stance})


def measure(pathway: Pathway) -> Shape:
    """The figures over every route of the pathway, each end of the exploration composed once."""
    exploration = explore(pathway)
    composed: dict[tuple[str, ...], Outcome] = {}
    ends: list[tuple[int, Mapping[str, str], Outcome]] = []
    for end, weight in zip(exploration.ends, routes_per_end(exploration), strict=True):
        answers = exploration.answers(end)
        blocks = selected_blocks(pathway, answers)
        key = tuple(b.id for b in blocks)
        outcome = composed.get(key)
        if outcome is None:
            outcome = composed[key] = build_outcome(pathway, answers, blocks)
        ends.append((weight, answers, outcome))
    return figures(pathway, ends)


def figures(pathway: Pathway, routes: Iterable[tuple[int, Mapping[str, str], Outcome]]) -> Shape:
    """The figures of outcomes, each given with how many routes lead to it and their answers (those a condition
    looks at suffice)."""
    listed = [(weight, answers.get("danger") not in ACUTE, outcome, answers) for weight, answers, outcome in routes]
    steps: Counter[int] = Counter()
    on_calm: Counter[str] = Counter()
    calm = meeting = 0
    example = None
    taken: dict[tuple[str, ...], frozenset[str]] = {}
    for weight, is_calm, outcome, answers in listed:
        steps[len(outcome.steps)] += weight
        if is_calm:
            calm += weight
            for advised in outcome.steps:
                on_calm[advised.step.id] += weight
        positions = taken.get(outcome.blocks)
        if positions is None:  # once per set of blocks: routes share them
            positions = taken[outcome.blocks] = _positions(pathway, outcome.blocks)
        if "choice" in positions and positions & {"safety", "duty"}:
            meeting += weight
            example = example or dict(answers)
    common = tuple(s for s, n in on_calm.most_common() if n >= COMMON_SHARE * calm)
    clear = sum(
        weight
        for weight, is_calm, outcome, _ in listed
        if is_calm and not {a.step.id for a in outcome.steps[:FIRST]} & set(common)
    )
    return Shape(sum(steps.values()), steps, calm, common, clear, meeting, example)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pathways", type=Path, default=None, help="a pathways folder (default: the built-in one)")
    parser.add_argument("--pathway", default="sggg")
    args = parser.parse_args()
    pathway = open_pathway(Library.open(args.pathways), args.pathway)
    started = time.perf_counter()
    shape = measure(pathway)
    seconds = time.perf_counter() - started
    print(f"{pathway.id} {pathway.version}: {shape.routes:,} routes ({seconds:.1f} s)")
    print(f"steps per route: median {shape.median:g} (target <= {MEDIAN_TARGET}), most {shape.most} (<= {MAX_TARGET})")
    print(f"common steps (on >= {COMMON_SHARE:.0%} of {shape.calm_routes:,} routes without acute danger):")
    for step in shape.common:
        print(f"  {step}")
    print(
        f"routes without acute danger whose first {FIRST} steps hold no common step: {shape.clear_share:.1%} "
        f"(target >= {CLEAR_TARGET:.0%})"
    )
    print(f"routes where the person's choice meets safety or a duty to report: {shape.meeting:,} (target 0)")
    if shape.meeting_example:
        print("  for example: " + ", ".join(f"{q}={o}" for q, o in shape.meeting_example.items()))


if __name__ == "__main__":
    main()
