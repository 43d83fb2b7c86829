"""How the time per answer of a piped ``samen-refer start`` grows with the length of the pathway (R13).

Each answer used to cost work in proportion to the whole pathway: the walk was followed again from the start, and
"question N of at most M" looked at every question still ahead, so a walk over a chain of 2,000 questions took 34 s
and 500 answers on a chain of 9,000 took 36 s. Now each answer costs the same whatever the length (the walk goes on
from where it is, and the questions left are counted once per session). The script answers every question of chains
of 100, 2,000 and 10,000 questions (``tests/generated.py``) through ``samen-refer start --plain`` with piped
answers, each in its own process, and prints the time per answer beside the 100-chain's: the ratios should stay near
1 (the seconds depend on the machine and its load; start-up and loading are in the first column, apart).

    python benchmarks/start_walk.py
    python benchmarks/start_walk.py --sizes 100 2000     # quicker
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.generated import chain_pathway  # noqa: E402

MINI = REPO / "tests" / "data" / "mini"


def walk(folder: Path, answers: int) -> float:
    """Seconds for the session of ``start`` alone (loaded once, printing to memory) to answer ``answers`` questions
    with ``1``: the time per answer without start-up."""
    import contextlib
    import io

    from samen_refer.checks.load import load_pathway
    from samen_refer.render.session import Session
    from samen_refer.render.show import make_console

    pathway = load_pathway(folder / "chain.yaml")
    typed = iter(["1"] * answers)
    with contextlib.redirect_stdout(io.StringIO()):  # the console writes where stdout is when it is made
        session = Session(pathway, "nl", make_console(plain=True), lambda _: next(typed), plain=True)
        began = time.perf_counter()
        session.run()
        return time.perf_counter() - began


def timed(folder: Path, answers: int) -> float:
    """Seconds for ``samen-refer start chain --plain`` in its own process with ``answers`` piped answers (``1``
    each), from start-up to the advice."""
    command = [sys.executable, "-m", "samen_refer", "start", "chain", "--pathways", str(folder), "--plain"]
    began = time.perf_counter()
    done = subprocess.run(command, input="1\n" * answers, capture_output=True, text=True, cwd=REPO, check=False)
    elapsed = time.perf_counter() - began
    if done.returncode != 0:
        sys.exit(f"start failed ({done.returncode}): {done.stderr[-500:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 2000, 10_000])
    args = parser.parse_args()
    print(f"{'questions':>9} {'ms per answer':>13} {'x the first':>11} {'whole start s':>13}")
    first = None
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            folder = Path(tmp) / f"chain{size}"
            folder.mkdir()
            shutil.copy(MINI / "contacts.yaml", folder / "contacts.yaml")
            (folder / "chain.yaml").write_text(chain_pathway(size), encoding="utf-8")
            per = min(walk(folder, size) for _ in range(3)) / size * 1000
            first = first or per
            print(f"{size:9,} {per:13.2f} {per / first:10.1f}x {timed(folder, size):13.2f}")


if __name__ == "__main__":
    main()
