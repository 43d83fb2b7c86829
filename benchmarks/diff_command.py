"""How long ``samen-refer diff`` takes on one-line edits of ``sggg``, every one of a kind, against loading the pathways.

Issue 12: "diff on a one-line change to sggg runs in under 1 s". The sweep edits ``pathways/sggg.yaml`` one thing at
a time: each ``role:`` line to the next stronger and the strongest role, to the next weaker and the weakest; each
``urgency:`` line likewise; and each item of a block's ``steps`` or ``contacts`` list removed (when one is left).
Weaker roles and removed contacts are the edits that can move a contact behind another of the same role on some
routes, which makes ``behaviour.compare`` tell apart more routes (only where the contact can move:
``analysis.Refinement``). For each edit the script times, in this one
process, what the command does: load both versions, compare them, render the Markdown report; and, in the same
iteration, loading the two versions alone. It prints per kind of edit the median and the worst time and their
ratios to the loading time (the ratios matter more than the seconds, which depend on the machine and its load),
and the slowest edits overall. Edits that do not load (a step an invariant names, say) are counted and skipped.
Issue 24: every one-line edit diffs in under 1 s. The slowest five are then run again as the command, each in a
fresh process (``measure_pair``), for the peak memory beside the time, both also as ratios to one ``route`` call
measured in the same run.

    python benchmarks/diff_command.py             # every edit: a few minutes
    python benchmarks/diff_command.py --every 5   # every fifth edit of each kind
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Final

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from samen_refer.checks.load import load_pathway  # noqa: E402
from samen_refer.engine.behaviour import compare  # noqa: E402
from samen_refer.format.vocabulary import ROLES, URGENCIES  # noqa: E402
from samen_refer.problem import SamenReferError  # noqa: E402
from samen_refer.render.diff import markdown  # noqa: E402

LINE = re.compile(r"^( +)(role|urgency): (\w+)\s*$")


def edits(lines: list[str]) -> Iterator[tuple[str, str, list[str]]]:
    """(kind, where, the edited lines) for every one-line edit of the sweep."""
    for n, line in enumerate(lines):
        found = LINE.match(line)
        if not found:
            continue
        indent, key, value = found.groups()
        order: tuple[str, ...] = ROLES if key == "role" else URGENCIES
        i = order.index(value)
        picks: dict[str, str] = {}
        for label, j in (("stronger", i - 1), ("strongest", 0), ("weaker", i + 1), ("weakest", len(order) - 1)):
            if 0 <= j < len(order) and j != i and order[j] not in picks.values():
                picks[label] = order[j]
        for label, chosen in picks.items():
            yield (
                f"{key} {label}",
                f"line {n + 1}: {value} -> {chosen}",
                [*lines[:n], f"{indent}{key}: {chosen}\n", *lines[n + 1 :]],
            )
    for kind, first in (("steps", "id:"), ("contacts", "contact:")):
        for n, line in enumerate(lines):
            if line.rstrip("\n") != f"    {kind}:":
                continue
            starts, end = [], n + 1
            while end < len(lines) and (lines[end].startswith("      ") or not lines[end].strip()):
                if lines[end].startswith(f"      - {first}"):
                    starts.append(end)
                end += 1
            if len(starts) < 2:
                continue
            for a, b in zip(starts, [*starts[1:], end], strict=True):
                while b > a and not lines[b - 1].strip():
                    b -= 1
                yield f"{kind} item removed", f"line {a + 1}: {lines[a].strip()}", [*lines[:a], *lines[b:]]


# A command run as the CLI runs it, in a fresh process that reports its own wall time, exit status and peak resident
# memory. The peak is the kernel's VmHWM: ``ru_maxrss`` of a child also counts the parent it was forked from, and
# this script holds hundreds of MiB by the time it measures.
_CHILD: Final = """
import json, sys, time
report, sys.argv = sys.argv[1], ["samen-refer", *sys.argv[2:]]
began = time.perf_counter()
from samen_refer.cli.app import main
code = 0
try:
    main()
except SystemExit as done:
    code = done.code if isinstance(done.code, int) else 1
sys.stdout.flush()
seconds = time.perf_counter() - began
with open("/proc/self/status") as status:
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
with open(report, "w") as out:
    json.dump({"seconds": seconds, "code": code, "mib": peak}, out)
"""


def run_command(*args: str) -> tuple[float, float, int, int]:
    """Seconds, peak resident MiB, exit status and bytes written of ``samen-refer ARGS`` in a fresh process."""
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        command = [sys.executable, "-c", _CHILD, report.name, *args]
        done = subprocess.run(command, capture_output=True, cwd=REPO, check=False)
        found = json.loads(Path(report.name).read_text(encoding="utf-8"))
    return found["seconds"], found["mib"], found["code"], len(done.stdout)


def route_call() -> tuple[float, float]:
    """One ``route`` call on sggg with a scenario's answers (as benchmarks/startup.py runs it), the unit
    ``measure_pair`` measures against: the median seconds and MiB of three."""
    from startup import route_commands  # beside this script, on sys.path when it runs

    args = route_commands()["route sggg (built in)"][3:]  # after python -m samen_refer
    runs = [run_command(*args)[:2] for _ in range(3)]
    return statistics.median(t for t, _ in runs), statistics.median(m for _, m in runs)


def measure_pair(old: Path, new: Path, unit: tuple[float, float], output: str = "markdown") -> str:
    """What ``samen-refer diff OLD NEW`` costs, as a command in a fresh process: its seconds and peak resident
    memory, and both as ratios to one ``route`` call (``unit``): a line of the table ``PAIR_HEADER`` heads."""
    seconds, mib, code, written = run_command("diff", str(old), str(new), "--format", output, "--lang", "nl")
    result = (
        f"{written / 1024:,.0f} KB written" if code == 0 else f"exit {code}" + (": too complex" if code == 1 else "")
    )
    return f"{seconds:6.2f} {seconds / unit[0]:6.1f}x {mib:6.0f} {mib / unit[1]:6.1f}x  {result}"


PAIR_HEADER: Final = f"{'s':>6} {'x route':>7} {'MiB':>6} {'x route':>7}  result"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=1, help="time only every n-th edit of each kind")
    args = parser.parse_args()
    source = REPO / "pathways"
    lines = (source / "sggg.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    times: dict[str, list[tuple[float, float, str]]] = {}
    seen: dict[str, int] = {}
    unloadable = 0
    with tempfile.TemporaryDirectory() as tmp:
        new_dir = Path(tmp) / "pathways"
        shutil.copytree(source, new_dir)
        for kind, where, edited in edits(lines):
            seen[kind] = seen.get(kind, 0) + 1
            if (seen[kind] - 1) % args.every:
                continue
            (new_dir / "sggg.yaml").write_text("".join(edited), encoding="utf-8")
            began = time.perf_counter()
            try:
                old, new = load_pathway(source / "sggg.yaml"), load_pathway(new_dir / "sggg.yaml")
            except SamenReferError:
                unloadable += 1
                continue
            loaded = time.perf_counter()
            markdown(compare(old, new, "nl"), "nl")
            done = time.perf_counter()
            times.setdefault(kind, []).append((done - began, loaded - began, where))
    print(f"{'kind of edit':24} {'edits':>5} {'median s':>9} {'worst s':>8} {'median x load':>14} {'worst x load':>13}")
    everything = []
    for kind, runs in times.items():
        totals = [t for t, _, _ in runs]
        ratios = [t / load for t, load, _ in runs]
        worst = max(runs)
        everything += [(t, kind, where) for t, _, where in runs]
        print(
            f"{kind:24} {len(runs):5} {statistics.median(totals):9.2f} {worst[0]:8.2f} "
            f"{statistics.median(ratios):13.1f}x {max(ratios):12.1f}x"
        )
    print(f"(not loadable, skipped: {unloadable})")
    print("slowest:")
    slowest = sorted(everything, reverse=True)[:5]
    for total, kind, where in slowest:
        print(f"  {total:6.2f} s  {kind}, {where}")
    unit = route_call()
    print(f"\none route call: {unit[0]:.2f} s, {unit[1]:.0f} MiB; the slowest edits, each as a command:")
    print(f"  {'edit':52} {PAIR_HEADER}")
    with tempfile.TemporaryDirectory() as tmp:
        new_dir = Path(tmp) / "pathways"
        shutil.copytree(source, new_dir)
        for kind, where, edited in edits(lines):
            if any(kind == k and where == w for _, k, w in slowest):
                (new_dir / "sggg.yaml").write_text("".join(edited), encoding="utf-8")
                edit = f"{kind}, {where}"[:52]
                print(f"  {edit:52} {measure_pair(source / 'sggg.yaml', new_dir / 'sggg.yaml', unit)}")


if __name__ == "__main__":
    main()
