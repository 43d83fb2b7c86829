"""Checking every route without exploring states (issue 24): SAT against BDD against exploration, side by side.

1. ``validate`` on the shipped pathways against one ``route --format json`` call: CPU time of each in a process of
   its own, and their ratio (before issue 24: about 11, with 1.5 of 2.2 s in exploring states).
2. The verdict on every invariant (and every block reachable, the routes counted), three ways on the same pathway:
   exploring states (``engine.analysis``, stops at ``STATE_BUDGET``), the formula decided by SAT (``engine.symbolic``,
   python-sat's CaDiCaL: what validate uses), and the same formula as a BDD (``dd``, CUDD; only here, to compare). On
   the shipped pathway and on generated pathways where every answer changes the advice, up to 20 questions x 6
   options with rules that look at the answer before (6**20 routes).
3. ``validate`` on that 20 x 6 pathway, one invariant made to fail: time and peak memory of the whole process
   (target: seconds, under 1 GB).

    python benchmarks/symbolic.py          (the BDD column needs `pip install dd`; without it it says so)
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from samen_refer.checks.load import load_pathway  # noqa: E402
from samen_refer.engine.analysis import TooComplex, count_routes, explore  # noqa: E402
from samen_refer.engine.endings import Endings  # noqa: E402
from samen_refer.engine.symbolic import Symbolic  # noqa: E402
from samen_refer.format.pathway import Pathway  # noqa: E402
from tests.generated import adversarial_pathway  # noqa: E402

T = TypeVar("T")
CLI = [sys.executable, "-m", "samen_refer"]
ROUTE = [*CLI, "route", "--format", "json", "-a", "danger=yes", "-a", "safe_to_talk=yes"]
FAILING = (
    "  - id: made-to-fail\n    description: {nl: x, en: x}\n    when: {q3: [o2], q7: [o5]}\n"
    "    unless: {q0: [o0]}\n    expect: {first_contact: veilig-thuis}\n"
)


def cpu(command: list[str]) -> float:
    """CPU seconds (user + system) of a command run in a process of its own."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def ratio() -> None:
    rounds = [(cpu([*CLI, "validate", "pathways"]), cpu(ROUTE)) for _ in range(5)]
    validate, route = sorted(v for v, _ in rounds)[2], sorted(r for _, r in rounds)[2]
    print(f"validate pathways: {validate:.2f} s CPU; route --format json: {route:.2f} s CPU; "
          f"ratio {validate / route:.1f} (median of 5; before issue 24 about 11)")  # fmt: skip


def clocked(action: Callable[[], T]) -> tuple[T | str, float]:
    began = time.process_time()
    try:
        value: T | str = action()
    except TooComplex:
        value = "too complex"
    return value, time.process_time() - began


def by_exploring(pathway: Pathway) -> tuple[list[bool], int]:
    exploration = explore(pathway)
    endings = Endings(exploration)
    verdicts = [
        not endings.failing(i.expect) & endings.holds(i.when, True) & ~endings.holds(i.unless, False)
        for i in pathway.invariants
    ]
    return verdicts, count_routes(exploration)


def by_sat(pathway: Pathway) -> tuple[list[bool], str]:
    s = Symbolic(pathway)
    verdicts = [not s.possible(s.scope(i.when, i.unless), s.failing(i.expect)) for i in pathway.invariants]
    return verdicts, "-"  # SAT decides; it does not count


def by_bdd(pathway: Pathway) -> tuple[list[bool], int]:
    """The same formula as ``Symbolic`` builds, as BDDs over the answer variables (each gate's BDD from its parts)."""
    from dd import cudd

    s = Symbolic(pathway)
    failing = [(s.scope(i.when, i.unless), s.failing(i.expect)) for i in pathway.invariants]
    bdd: Any = cudd.BDD()
    answers = sorted(s.options.values())
    bdd.declare(*(f"x{v}" for v in answers))
    gates = {out: lits for (_, lits), out in s._gates.items()}
    made: dict[int, Any] = {s.TRUE: bdd.true}

    def of(lit: int) -> Any:
        var = abs(lit)
        if var not in made:
            if var in gates:
                node = bdd.true
                for part in gates[var]:
                    node &= of(part)
                made[var] = node
            else:
                made[var] = bdd.var(f"x{var}")
        return made[var] if lit > 0 else ~made[var]

    routes = bdd.true
    for question in pathway.questions:
        asked = of(s.asked[question.id])
        chosen = [of(s.options[question.id, o.id]) for o in question.options]
        one, none = bdd.false, bdd.true
        for i, x in enumerate(chosen):
            others = bdd.true
            for j, y in enumerate(chosen):
                if i != j:
                    others &= ~y
            one |= x & others
            none &= ~x
        routes &= (asked & one) | (~asked & none)
    verdicts = [(routes & of(scope) & of(bad)) == bdd.false for scope, bad in failing]
    count = int(bdd.count(routes, nvars=len(answers)))
    made.clear()  # CUDD wants every node let go of before the manager goes
    del routes, asked, chosen, one, none, others
    return verdicts, count


def compare() -> None:
    try:
        import dd.cudd  # noqa: F401

        bdd: Callable[[Pathway], tuple[list[bool], int]] | None = by_bdd
    except ImportError:
        bdd = None
    print()
    print(f"{'pathway':>16} {'routes':>10} {'explore s':>10} {'SAT s':>7} {'BDD s':>7}  verdicts equal, routes counted")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(REPO / "tests" / "data" / "mini" / "contacts.yaml", folder / "contacts.yaml")
        cases: list[tuple[str, Path]] = [("sggg", REPO / "pathways" / "sggg.yaml")]
        for questions, options, rules in ((8, 6, True), (12, 6, True), (20, 6, True)):
            name = f"{questions}x{options} rules"
            path = folder / f"{name.replace(' ', '-')}.yaml"
            text = adversarial_pathway(questions, options, rules).replace("id: adversarial", f"id: {path.stem}", 1)
            path.write_text(text + FAILING, encoding="utf-8")
            cases.append((name, path))
        for name, path in cases:
            pathway = load_pathway(path)
            explored, explore_s = clocked(lambda: by_exploring(pathway))  # noqa: B023
            sat, sat_s = clocked(lambda: by_sat(pathway))  # noqa: B023
            bdd_result, bdd_s = clocked(lambda: bdd(pathway)) if bdd else ("no dd", 0.0)  # noqa: B023
            results = [r for r in (explored, sat, bdd_result) if isinstance(r, tuple)]
            equal = all(r[0] == results[0][0] for r in results)
            counts = {r[1] for r in results if isinstance(r[1], int)}
            count = f"{next(iter(counts)):.2e}" if len(counts) == 1 else str(counts)
            shown = [f"{s:.2f}" if isinstance(r, tuple) else str(r) for r, s in
                     ((explored, explore_s), (sat, sat_s), (bdd_result, bdd_s))]  # fmt: skip
            print(f"{name:>16} {count:>10} {shown[0]:>10} {shown[1]:>7} {shown[2]:>7}  {equal}, {len(counts) == 1}")


_MEASURE = (
    "import resource, subprocess, sys, time; began = time.perf_counter(); "
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
    "print(done.returncode, time.perf_counter() - began, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def twenty_by_six() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(REPO / "tests" / "data" / "mini" / "contacts.yaml", folder / "contacts.yaml")
        (folder / "adversarial.yaml").write_text(adversarial_pathway(20, 6, rules=True) + FAILING, encoding="utf-8")
        command = [sys.executable, "-c", _MEASURE, *CLI, "validate", str(folder)]
        done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO)
        code, seconds, peak = done.stdout.split()
        print()
        print(f"validate, 20 questions x 6 options (6**20 routes, every answer changing the advice, 2 invariants: one "
              f"holds, one made to fail): exit {code}, {float(seconds):.2f} s, {int(peak) / 1024:.0f} MiB peak "
              f"(target: seconds, < 1 GB)")  # fmt: skip


if __name__ == "__main__":
    ratio()
    compare()
    twenty_by_six()
