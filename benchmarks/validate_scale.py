"""How ``validate``, the safety invariants and ``routes --count`` scale, on synthetic pathways.

The generator writes a pathway of N questions with three options each: a chain in which a few early questions are
looked at by conditions (flow rules, outcome blocks, invariants) and the rest only add routes, so the pathway has
3**N routes (more than 10**9 from N = 19). Routes that reach the same question with the same relevant answers share
their work, which is what keeps this fast. Targets (issue 4): validate on 2,000 questions < 2 s; invariants plus
``routes --count`` on more than 10**9 routes < 2 s.

Then adversarial pathways (issue 11), where every answer changes the advice (``tests/generated.py``): 12 questions x
6 options and 50 x 8, and 12 x 6 with rules that look at the answer before. Exploring them would need billions of
states; ``validate`` decides them on one formula of every route (``engine.symbolic``, issue 24) and ``routes
--count`` keeps only the answers rules still look at (``engine.counting``). Each command runs in its own process;
time and peak memory (max RSS) are printed side by side. Budget (README, "Limits"): < 10 s and < 512 MiB.
Last, ``routes sggg`` streams: the first line (``| head -1``) < 0.5 s, all of its routes < 10 s.

    python benchmarks/validate_scale.py
"""

from __future__ import annotations

import datetime
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from samen_refer.checks.invariants import invariant_problems  # noqa: E402
from samen_refer.checks.load import load_pathway  # noqa: E402
from samen_refer.checks.validate import validate  # noqa: E402
from samen_refer.engine.analysis import count_routes, explore  # noqa: E402
from samen_refer.engine.counting import total_routes  # noqa: E402
from tests.generated import adversarial_pathway  # noqa: E402

RELEVANT = 3  # questions whose answers conditions look at
SIZES = (100, 250, 500, 1000, 2000)


def _text(nl: str, en: str) -> str:
    return f'{{nl: "{nl}", en: "{en}"}}'


def synthetic_pathway(questions: int) -> str:
    """The YAML of a pathway with this many questions (at least RELEVANT + 2)."""
    lines = [
        "id: synthetic",
        'version: "1"',
        f"title: {_text('Synthetisch', 'Synthetic')}",
        "languages: [nl, en]",
        "start: q0",
        "questions:",
    ]
    for i in range(questions):
        following = f"q{i + 1}" if i + 1 < questions else "end"
        lines += [
            f"  - id: q{i}",
            f"    text: {_text(f'Vraag {i}?', f'Question {i}?')}",
            f"    why: {_text('Omdat het telt.', 'Because it counts.')}",
            "    options:",
            *(f"      - {{id: o{k}, label: {_text(f'Optie {k}', f'Option {k}')}}}" for k in range(3)),
        ]
        if i == RELEVANT:  # a conditional rule: both branches lead on, so every question stays reachable
            lines += [
                "    next:",
                f"      - when: {{q0: [o0], q1: [o1]}}\n        to: q{i + 2}",
                f"      - to: {following}",
            ]
        else:
            lines.append(f"    next: {following}")
    lines.append("blocks:")
    for q in range(RELEVANT):
        for k in range(3):
            role = "emergency" if (q, k) == (0, 0) else "advice"
            contact = "politie-112" if role == "emergency" else ("veilig-thuis", "slachtofferhulp", "politie")[k]
            lines += [
                f"  - id: b{q}-{k}",
                f"    when: {{q{q}: [o{k}]}}",
                "    steps:",
                f"      - {{id: s{q}-{k}, text: {_text(f'Stap {q}.{k}', f'Step {q}.{k}')}}}",
                "    contacts:",
                f"      - {{contact: {contact}, role: {role}}}",
            ]
    lines += [
        "  - id: always",
        f"    steps: [{{id: wellbeing, text: {_text('Zorg voor jezelf.', 'Take care of yourself.')}}}]",
        "    contacts: [{contact: slachtofferhulp, role: advice}]",
        "invariants:",
        "  - id: danger-112-first",
        f"    description: {_text('112 eerst', '112 first')}",
        "    when: {q0: [o0]}",
        "    expect: {first_contact: politie-112, urgency: [routine, emergency]}",
        "  - id: wellbeing-always",
        f"    description: {_text('Zorg voor jezelf', 'Self-care')}",
        "    expect: {steps: [wellbeing], roles_absent: [refer]}",
    ]
    return "\n".join(lines) + "\n"


def timed(action: Callable[[], object], repeat: int = 3) -> float:
    """Median seconds of a few runs."""
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(REPO / "tests" / "data" / "mini" / "contacts.yaml", folder / "contacts.yaml")
        path = folder / "synthetic.yaml"
        today = datetime.date.today()
        print(
            f"{'questions':>9} {'routes':>12} {'states':>8} {'validate s':>11} {'x of 100':>9}"
            f" {'invariants+count s':>19}"
        )
        first = None
        for size in SIZES:
            path.write_text(synthetic_pathway(size), encoding="utf-8")
            report = validate([path], today)
            assert report.errors == 0, [str(p) for p in report.problems[:3]]
            seconds = timed(lambda: validate([path], today))
            pathway = load_pathway(path)
            exploration = explore(pathway)
            routes = count_routes(exploration)
            checks = timed(lambda: (invariant_problems(pathway), count_routes(explore(pathway))))  # noqa: B023
            first = first or seconds
            print(
                f"{size:>9} {f'~10^{len(str(routes)) - 1}':>12} {len(exploration.parents):>8} "
                f"{seconds:>11.3f} {seconds / first:>9.1f} {checks:>19.3f}"
            )
        command = [sys.executable, "-m", "samen_refer", "validate", str(folder)]
        began = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        whole = time.perf_counter() - began
        print(
            f"`samen-refer validate` on 2,000 questions, whole process: {whole:.3f} s (target < 2 s),"
            f" exit {done.returncode}"
        )
        count = [sys.executable, "-m", "samen_refer", "routes", "synthetic", "--pathways", str(folder), "--count"]
        began = time.perf_counter()
        counted = subprocess.run(count, capture_output=True, text=True, check=False)
        whole = time.perf_counter() - began
        digits = len(counted.stdout.strip())
        print(
            f"`samen-refer routes --count` ({digits}-digit number of routes), whole process: {whole:.3f} s"
            " (target < 2 s)"
        )

    adversarial()
    streaming()


_MEASURE = (
    "import resource, subprocess, sys, time; began = time.perf_counter(); "
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
    "print(done.returncode, time.perf_counter() - began, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def measured(command: list[str]) -> tuple[int, float, float]:
    """Exit status, seconds and peak memory (MiB, max RSS) of a command run in a process of its own."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True)
    code, seconds, peak_kib = done.stdout.split()
    return int(code), float(seconds), int(peak_kib) / 1024


def adversarial() -> None:
    """validate and routes --count on pathways where every answer changes the advice: time and memory."""
    cli = [sys.executable, "-m", "samen_refer"]
    print()
    print(f"{'adversarial':>14} {'bytes':>7} {'command':>15} {'exit':>5} {'seconds':>8} {'peak MiB':>9}")
    for questions, options, rules in ((12, 6, False), (50, 8, False), (12, 6, True)):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            shutil.copy(REPO / "tests" / "data" / "mini" / "contacts.yaml", folder / "contacts.yaml")
            text = adversarial_pathway(questions, options, rules)
            (folder / "adversarial.yaml").write_text(text, encoding="utf-8")
            name = f"{questions}x{options}{' rules' if rules else ''}"
            for label, args in (
                ("validate", ["validate", str(folder)]),
                ("routes --count", ["routes", "adversarial", "--pathways", str(folder), "--count"]),
            ):
                code, seconds, peak = measured([*cli, *args])
                print(f"{name:>14} {len(text):>7,} {label:>15} {code:>5} {seconds:>8.2f} {peak:>9.0f}")


def streaming() -> None:
    """routes on the shipped pathway: the first line, and all of them (to /dev/null), with peak memory."""
    cli = f"'{sys.executable}' -m samen_refer routes sggg"
    began = time.perf_counter()
    subprocess.run(["bash", "-c", f"{cli} | head -1"], capture_output=True, check=True)
    first = time.perf_counter() - began
    code, seconds, peak = measured([sys.executable, "-m", "samen_refer", "routes", "sggg"])
    print()
    print(f"`routes sggg | head -1`: {first:.2f} s (target < 0.5 s)")
    total = total_routes(load_pathway(REPO / "pathways" / "sggg.yaml"))
    print(f"`routes sggg` ({total:,} routes): {seconds:.2f} s, peak {peak:.0f} MiB, exit {code} (target < 10 s)")


if __name__ == "__main__":
    main()
