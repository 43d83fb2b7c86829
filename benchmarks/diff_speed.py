"""How fast ``diff`` compares two versions of ``sggg`` after a one-line change, the old way and the new, side by side.

The old way (before issue 12) worked out the advice on every one of the 267,870 routes of both versions and compared
them route by route. The new way (``behaviour.compare``) explores the routes once, telling them apart only by the
answers the blocks involved in the change look at, and judges both versions on those endings; only a change that can
re-order the contacts tells the routes apart by every block that gives one (the slowest case below). Each change is
one line of YAML: an urgency, or a contact's role. Both ways run in this process on the same loaded pathways; time is
the best of a few runs, peak memory is measured apart with tracemalloc (which slows Python down). Target (issue
12): the new way under 1 s; the ratios matter more than the numbers, which depend on the machine and its load.

    python benchmarks/diff_speed.py
"""

from __future__ import annotations

import functools
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from samen_refer.checks.load import load_pathway  # noqa: E402
from samen_refer.engine.behaviour import Advice, Change, change_of, compare, markdown, route_advice  # noqa: E402
from samen_refer.format.pathway import ContactUse, Pathway  # noqa: E402
from samen_refer.format.source import paused_gc  # noqa: E402
from samen_refer.format.vocabulary import Role  # noqa: E402


def old_way(old: Pathway, new: Pathway) -> int:
    """The comparison as it was: the advice on every route of both versions, in dictionaries, compared one by one."""

    def by_route(pathway: Pathway) -> dict[frozenset[tuple[str, str]], tuple[tuple[tuple[str, str], ...], Advice]]:
        routes = {}
        with paused_gc():
            for answers, advice in route_advice(pathway):
                pairs = tuple(answers.items())
                routes[frozenset(pairs)] = (pairs, advice)
        return routes

    before, after = by_route(old), by_route(new)
    describe: dict[tuple[Advice, Advice], Change] = {}
    changed = []
    for key, (answers, advice) in after.items():
        earlier = before.get(key)
        if earlier is not None and earlier[1] != advice:
            pair = (earlier[1], advice)
            if pair not in describe:
                describe[pair] = change_of(*pair)
            changed.append((answers, describe[pair]))
    return len(changed)


def new_way(old: Pathway, new: Pathway) -> int:
    diff = compare(old, new, "en")
    markdown(diff)
    return diff.changed_count


def edited(pathway: Pathway, block_id: str, **changes: object) -> Pathway:
    p = pathway
    blocks = tuple(b._replace(**changes) if b.id == block_id else b for b in p.blocks)  # type: ignore[arg-type]
    return Pathway(
        p.id, p.version, p.title, p.languages, p.start, p.questions, blocks, p.description, p.reminder,
        p.contacts_file, p.path, p.directory, p.invariants,
    )  # fmt: skip


def measure(run: Callable[[], int], repeat: int) -> tuple[float, float, int]:
    """Best time (s), peak memory (MiB) and the number of changed routes."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        found = run()
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return best, peak, found


def main() -> None:
    sggg = load_pathway(REPO / "pathways" / "sggg.yaml")

    def roles(block_id: str, contact: str, role: Role) -> tuple[ContactUse, ...]:
        block = next(b for b in sggg.blocks if b.id == block_id)
        return tuple(u._replace(role=role) if u.contact == contact else u for u in block.contacts)

    role = roles("sogiesc-asylum", "lgbt-asylum-support", "advice")
    changes = {
        "fgm-trip: urgency urgent -> emergency": edited(sggg, "fgm-trip", urgency="emergency"),
        "honour-abroad: urgency urgent -> emergency": edited(sggg, "honour-abroad", urgency="emergency"),
        "sogiesc-asylum: lgbt-asylum-support info -> advice": edited(sggg, "sogiesc-asylum", contacts=role),
        # zanzu is given by other blocks too, but keeps its place wherever its role stays: no widening
        "recent-sexual-also: zanzu info -> emergency": edited(
            sggg, "recent-sexual-also", contacts=roles("recent-sexual-also", "zanzu", "emergency")
        ),
        # 112 is first given "emergency" by a later block: re-orders the contacts, every contact block counts
        "acute-danger: politie-112 emergency -> report": edited(
            sggg, "acute-danger", contacts=roles("acute-danger", "politie-112", "report")
        ),
        "no change": sggg,
    }
    print(f"{'change':52} {'old s':>7} {'new s':>7} {'ratio':>6} {'old MiB':>8} {'new MiB':>8} {'ratio':>6}  routes")
    for name, new in changes.items():
        old_time, old_peak, old_found = measure(functools.partial(old_way, sggg, new), 1)
        new_time, new_peak, new_found = measure(functools.partial(new_way, sggg, new), 3)
        assert old_found == new_found, (old_found, new_found)
        print(
            f"{name:52} {old_time:7.2f} {new_time:7.2f} {old_time / new_time:5.0f}x "
            f"{old_peak:8.1f} {new_peak:8.1f} {old_peak / max(new_peak, 0.01):5.0f}x  {new_found:,}"
        )


if __name__ == "__main__":
    main()
