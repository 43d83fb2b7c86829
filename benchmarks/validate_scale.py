"""How ``validate``, the safety invariants and ``routes --count`` scale, on synthetic pathways.

The generator writes a pathway of N questions with three options each: a chain in which a few early questions are
looked at by conditions (flow rules, outcome blocks, invariants) and the rest only add routes, so the pathway has
3**N routes (more than 10**9 from N = 19). Routes that reach the same question with the same relevant answers share
their work, which is what keeps this fast. Targets (issue 4): validate on 2,000 questions < 2 s; invariants plus
``routes --count`` on more than 10**9 routes < 2 s.

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

from samen_refer.analysis import count_routes, explore  # noqa: E402
from samen_refer.pathway import load_pathway  # noqa: E402
from samen_refer.validate import structure_problems, validate  # noqa: E402

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
            checks = timed(lambda: (structure_problems(pathway), count_routes(explore(pathway))))  # noqa: B023
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


if __name__ == "__main__":
    main()
