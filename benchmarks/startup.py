"""Start-up cost of ``samen-refer route --format json`` against the floor of any Typer CLI, measured side by side.

Each round runs the floor (``python -c "import typer, rich.console, yaml"``) and then each route command, so both
see the same machine load; the script prints median times, the median of the per-round ratios, and peak memory.
Targets (issue 2): median ratio <= 1.3, peak memory <= 40 MiB.

    python benchmarks/startup.py [--rounds 21]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FLOOR = [sys.executable, "-c", "import typer, rich.console, yaml"]
CLI = [sys.executable, "-m", "samen_refer"]
SCENARIOS = REPO / "pathways" / "scenarios"


def measure(command: list[str]) -> tuple[float, float]:
    """Wall time in seconds and peak resident memory in MiB of one run."""
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - began
    if os.waitstatus_to_exitcode(status) not in (0, 3):
        raise SystemExit(f"benchmark command failed: {' '.join(command)}")
    return elapsed, usage.ru_maxrss / 1024


def route_commands() -> dict[str, list[str]]:
    """The commands to compare: the test pathway, and the built-in one with a scenario's answers when present."""
    commands = {
        "route mini (tests/data)": [
            *CLI,
            "route",
            "mini",
            "--pathways",
            "tests/data/mini",
            "--format",
            "json",
            "-a",
            "danger=yes",
        ],
    }
    first = next(iter(sorted(SCENARIOS.glob("*.yaml"))), None)
    if first is not None:
        sys.path.insert(0, str(REPO))
        from samen_refer.checks.scenarios import read_scenario

        scenario, _ = read_scenario(first)
        if scenario is not None:
            answers = [f"--answer={q}={o}" for q, o in scenario.given().items()]
            commands["route sggg (built in)"] = [*CLI, "route", "sggg", *answers, "--format", "json"]
    return commands


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=21)
    rounds = parser.parse_args().rounds
    commands = route_commands()
    floor_times: list[float] = []
    times: dict[str, list[float]] = {name: [] for name in commands}
    ratios: dict[str, list[float]] = {name: [] for name in commands}
    memory: dict[str, float] = dict.fromkeys(commands, 0.0)
    floor_memory = 0.0
    measure(FLOOR)  # warm the file cache once
    for _ in range(rounds):
        floor_time, floor_mib = measure(FLOOR)
        floor_times.append(floor_time)
        floor_memory = max(floor_memory, floor_mib)
        for name, command in commands.items():
            elapsed, mib = measure(command)
            times[name].append(elapsed)
            ratios[name].append(elapsed / floor_time)
            memory[name] = max(memory[name], mib)
    print(f"{rounds} rounds, Python {sys.version.split()[0]}")
    floor = "floor: import typer, rich.console, yaml"
    print(f"{floor:44} {statistics.median(floor_times):7.3f} s  {floor_memory:5.1f} MiB")
    for name in commands:
        ratio = statistics.median(ratios[name])
        verdict = "ok" if ratio <= 1.3 and memory[name] <= 40 else "OVER TARGET"
        print(
            f"{name:44} {statistics.median(times[name]):7.3f} s  {memory[name]:5.1f} MiB"
            f"  ratio {ratio:.2f} (target <= 1.30, <= 40 MiB): {verdict}"
        )


if __name__ == "__main__":
    main()
