"""How long the advice of ``samen-refer start`` / ``route`` is on screen, over every route of a pathway.

Routes that include the same blocks get the same advice, so each distinct advice is laid out once (at the given
width, by ``result.result_lines``: ``tests/test_result.py`` proves Rich prints exactly those lines) and counted as
often as routes lead to it. Prints the distribution of line counts.
Targets (issue 10): median <= 60 lines at 80 columns over all routes of ``sggg``, none above 120.

    python benchmarks/result_length.py [--width 80] [--pathway sggg] [--lang nl] [--details] [--menu]

--menu lays the advice out as ``start`` shows it on a terminal, where a menu follows it (issue 22).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter

from samen_refer.checks.load import open_pathway
from samen_refer.engine.route import build_outcome, every_route, selected_blocks
from samen_refer.format.library import Library
from samen_refer.format.pathway import Pathway
from samen_refer.render.result import result_lines

MEDIAN_TARGET = 60
MAX_TARGET = 120


def line_counts(pathway: Pathway, width: int, lang: str, details: bool, menu: bool = False) -> Counter[int]:
    """Lines on screen -> number of routes whose advice has that many."""
    routes: Counter[tuple[str, ...]] = Counter()
    example: dict[tuple[str, ...], dict[str, str]] = {}
    for answers in every_route(pathway):
        blocks = tuple(b.id for b in selected_blocks(pathway, answers))
        routes[blocks] += 1
        example.setdefault(blocks, answers)
    counts: Counter[int] = Counter()
    for blocks, answers in example.items():
        lines = result_lines(pathway, build_outcome(pathway, answers), lang, width, False, details, menu)
        counts[len(lines)] += routes[blocks]
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--width", type=int, default=80)
    parser.add_argument("--pathway", default="sggg")
    parser.add_argument("--lang", default="nl")
    parser.add_argument("--details", action="store_true")
    parser.add_argument("--menu", action="store_true", help="as start on a terminal, with the menu after it")
    args = parser.parse_args()
    began = time.perf_counter()
    counts = line_counts(open_pathway(Library.open(None), args.pathway), args.width, args.lang, args.details, args.menu)
    lines = sorted(counts.elements())
    median = statistics.median(lines)
    print(f"{len(lines)} routes of {args.pathway} at {args.width} columns ({time.perf_counter() - began:.1f} s)")
    print(f"lines: min {lines[0]}, median {median}, p90 {lines[int(len(lines) * 0.9)]}, max {lines[-1]}")
    for low in range(0, lines[-1] + 1, 10):
        routes = sum(n for length, n in counts.items() if low <= length < low + 10)
        if routes:
            print(f"  {low:3}-{low + 9:3} lines: {routes:6} routes  {'#' * max(1, routes * 60 // len(lines))}")
    if not args.details:
        verdict = "meets" if median <= MEDIAN_TARGET and lines[-1] <= MAX_TARGET else "MISSES"
        print(f"{verdict} the target: median <= {MEDIAN_TARGET}, max <= {MAX_TARGET}")


if __name__ == "__main__":
    main()
