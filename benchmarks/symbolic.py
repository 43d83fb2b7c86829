"""Checking every route without exploring states (issue 24): SAT against BDD against exploration, side by side.

1. ``validate`` on the shipped pathways against one ``route --format json`` call: CPU time of each in a process of
   its own, and their ratio (before issue 24: about 11, with 1.5 of 2.2 s in exploring states).
2. The verdict on every invariant (and the routes counted), three ways on the same pathway:
   exploring states (``engine.analysis``, stops at ``STATE_BUDGET``), the formula decided by SAT (``engine.symbolic``,
   python-sat's CaDiCaL: what validate uses), and the same formula as a BDD (``dd``, CUDD; only here, to compare). On
   the shipped pathway and on generated pathways where every answer changes the advice, up to 20 questions x 6
   options with rules that look at the answer before (6**20 routes), and "tangled" ones where blocks, rules and
   invariants combine answers to several questions (a BDD is stopped after ``BDD_LIMIT`` seconds). The routes
   column is ``engine.counting``'s (``routes --count``); "counts equal": exploring's and the BDD's agree with it.
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
from samen_refer.engine.counting import counted_routes as counted  # noqa: E402
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


def tangled_pathway(questions: int, options: int, blocks: int, seed: int = 1) -> str:
    """A pathway shaped like sggg but where answers combine more: rules that skip a question when two earlier answers
    meet, blocks of one to three ``when`` terms over any questions (some with ``unless``), every block a contact role
    and a step, and ten invariants over pairs of answers (some hold, some fail)."""
    import random

    pick = random.Random(seed)
    contacts = ("politie-112", "veilig-thuis", "slachtofferhulp", "politie")
    roles = ("emergency", "report", "refer", "advice", "info")

    def condition(before: int) -> str:
        asked = pick.sample(range(before), min(before, pick.randint(1, 3)))
        return "{" + ", ".join(f"q{q}: [o{pick.randrange(options)}]" for q in sorted(asked)) + "}"

    lines = ["id: tangled", 'version: "1"', "title: {nl: T, en: T}", "languages: [nl, en]", "start: q0", "questions:"]
    for i in range(questions):
        following = f"q{i + 1}" if i + 1 < questions else "end"
        choices = ", ".join(f"{{id: o{k}, label: {{nl: o, en: o}}}}" for k in range(options))
        lines += [f"  - id: q{i}", "    text: {nl: v, en: q}", "    why: {nl: w, en: w}", f"    options: [{choices}]"]
        if 2 <= i < questions - 2 and pick.random() < 0.3:
            lines.append(f"    next: [{{when: {condition(i)}, to: q{i + 2}}}, {{to: {following}}}]")
        else:
            lines.append(f"    next: {following}")
    lines.append("blocks:")
    for b in range(blocks):
        unless = f", unless: {condition(questions)}" if pick.random() < 0.2 else ""
        contact, role = pick.choice(contacts), pick.choice(roles)
        lines.append(
            f"  - {{id: b{b}, when: {condition(questions)}{unless}, steps: [{{id: s{b}, text: {{nl: s, en: s}}}}],"
            f" contacts: [{{contact: {contact}, role: {role}}}]}}"
        )
    lines.append("  - {id: always, steps: [{id: s, text: {nl: s, en: s}}], contacts: [{contact: politie, role: info}]}")
    lines.append("invariants:")
    for n in range(10):
        expect = pick.choice(
            ["{roles_absent: [emergency]}", "{first_contact: politie-112}", "{steps: [s]}", "{absent: [politie]}",
             "{contacts: {politie: info}}", "{urgency_at_most: routine}"]
        )  # fmt: skip
        lines += [f"  - id: i{n}", "    description: {nl: x, en: x}", f"    when: {condition(questions)}",
                  f"    expect: {expect}"]  # fmt: skip
    return "\n".join(lines) + "\n"


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
    print(f"{'pathway':>20} {'routes':>10} {'explore s':>11} {'SAT s':>7} {'BDD s':>7}  verdicts equal, counts equal")
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
        for questions, blocks in ((12, 60), (20, 120), (30, 300)):
            name = f"tangled {questions}x6 {blocks}b"
            path = folder / f"tangled-{questions}-{blocks}.yaml"
            path.write_text(tangled_pathway(questions, 6, blocks).replace("id: tangled", f"id: {path.stem}", 1))
            cases.append((name, path))
        for name, path in cases:
            pathway = load_pathway(path)
            explored, explore_s = clocked(lambda: by_exploring(pathway))  # noqa: B023
            sat, sat_s = clocked(lambda: by_sat(pathway))  # noqa: B023
            bdd_result, bdd_s = bounded(path) if bdd else ("no dd", 0.0)
            results = [r for r in (explored, sat, bdd_result) if isinstance(r, tuple)]
            equal = str(all(r[0] == results[0][0] for r in results)) if len(results) > 1 else "-"
            routes, _ = clocked(lambda: counted(pathway))  # noqa: B023
            counts = [r[1] for r in results if isinstance(r[1], int)] + ([routes] if isinstance(routes, int) else [])
            agree = str(len(set(counts)) == 1) if len(counts) > 1 else "-"
            count = f"{routes:.2e}" if isinstance(routes, int) else routes
            shown = [f"{s:.2f}" if isinstance(r, tuple) else str(r) for r, s in
                     ((explored, explore_s), (sat, sat_s), (bdd_result, bdd_s))]  # fmt: skip
            print(f"{name:>20} {count:>10} {shown[0]:>11} {shown[1]:>7} {shown[2]:>7}  {equal}, {agree}")


BDD_LIMIT = 30.0  # seconds: a BDD of the tangled 20 x 6 pathway took 110 s (2026-12-05); 30 x 6 does not end


def _bdd_child(path: Path, sender: Any) -> None:
    sender.send(clocked(lambda: by_bdd(load_pathway(path))))


def bounded(path: Path) -> tuple[Any, float]:
    """``by_bdd`` in a process of its own, stopped after ``BDD_LIMIT`` seconds."""
    import multiprocessing

    receiver, sender = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.Process(target=_bdd_child, args=(path, sender))
    child.start()
    if receiver.poll(BDD_LIMIT):
        result: tuple[Any, float] = receiver.recv()
        child.join()
        return result
    child.kill()
    child.join()
    return f"> {BDD_LIMIT:.0f}", BDD_LIMIT


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
