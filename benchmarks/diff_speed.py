"""How fast ``diff`` compares two versions of ``sggg`` after a one-line change, the old way and the new, side by side.

The old way (before issue 12) worked out the advice on every one of the 522,750 routes of both versions (sggg 1.2.0)
and compared them route by route. The new way (``behaviour.compare``) explores the routes once, telling them apart
only by the answers the blocks involved in the change look at, and judges both versions on those endings; only a
change that can re-order the contacts tells the routes apart by every block that gives one (the slowest case below).
Each change is one line of YAML: an urgency, or a contact's role. Both ways run in this process on the same loaded
pathways; time is the best of a few runs, peak memory is measured apart with tracemalloc (which slows Python down).
Target (issue 12): the new way under 1 s; the ratios matter more than the numbers, which depend on the machine and
its load. Then two adversarial pairs (R14, see ``adversarial``).

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
from samen_refer.engine.advice import Advice, Change, change_of, route_advice  # noqa: E402
from samen_refer.engine.behaviour import compare  # noqa: E402
from samen_refer.format.pathway import ContactUse, Pathway  # noqa: E402
from samen_refer.format.source import paused_gc  # noqa: E402
from samen_refer.format.vocabulary import Role  # noqa: E402
from samen_refer.render.diff import markdown  # noqa: E402


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


def adversarial() -> None:
    """R14: pathways where every answer adds its own contact (``tests/generated.py``). The 8 x 5 pair changes the
    contacts of every first answer, so every one of its 390,625 routes changes, each its own way: that took 35 s and
    1 GB in Markdown, and the JSON gave nothing in 55 s; it stops at ``JUDGED_BUDGET``. A one-line change of a 7 x 6
    pathway stays within it: Markdown, and JSON with the first changed routes listed. Each runs the way the command
    does, in a fresh process (``diff_command.measure_pair``): the time and the peak resident memory of the whole
    command, as ratios to one ``route`` call measured in the same run (issue 24: bounded)."""
    import re
    import shutil
    import tempfile

    from diff_command import PAIR_HEADER, measure_pair, route_call  # beside this script

    from tests.generated import adversarial_pathway

    def every_first(text: str) -> str:
        return "".join(
            re.sub(
                r"contacts: \[\{contact: [\w-]+, role: \w+\}\]", "contacts: [{contact: politie, role: advice}]", line
            )
            if line.startswith("  - {id: b0-")
            else line
            for line in text.splitlines(keepends=True)
        )

    def one_line(text: str) -> str:
        return text.replace(
            "contacts: [{contact: politie-112, role: emergency}]}", "contacts: [{contact: politie-112, role: info}]}", 1
        )

    unit = route_call()
    print(f"\none route call: {unit[0]:.2f} s, {unit[1]:.0f} MiB; the adversarial pairs, each as a command:")
    print(f"{'adversarial pair':20} {'format':>8} {PAIR_HEADER}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, questions, options, edit in (
            ("8 x 5, every route", 8, 5, every_first),
            ("7 x 6, one line", 7, 6, one_line),
        ):
            files = []
            for side, text in (("old", adversarial_pathway(questions, options)), ("new", None)):
                folder = Path(tmp) / f"{questions}x{options}" / side
                folder.mkdir(parents=True)
                shutil.copy(REPO / "tests" / "data" / "mini" / "contacts.yaml", folder / "contacts.yaml")
                (folder / "adversarial.yaml").write_text(text or edit(adversarial_pathway(questions, options)))
                files.append(folder / "adversarial.yaml")
            for output in ("markdown", "json"):
                print(f"{name:20} {output:>8} {measure_pair(files[0], files[1], unit, output)}")


if __name__ == "__main__":
    main()
    adversarial()
