"""Every route at once, within bounds: no recursion on long chains (F6), a budget that stops pathways whose answers
combine without end with one clear message (F8), and routes listed as a stream (F27)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samen_refer.checks.load import load_pathway
from samen_refer.cli.app import app
from samen_refer.engine.analysis import STATE_BUDGET, TooComplex, explore, list_routes, total_routes
from tests.conftest import MINI, REPO
from tests.generated import adversarial_pathway, chain_pathway

runner = CliRunner()


def folder_with(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "pathways"
    folder.mkdir(exist_ok=True)
    shutil.copy(MINI / "contacts.yaml", folder / "contacts.yaml")
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def invoke(args: list[str], stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, args, input=stdin)
    assert "Traceback" not in result.output and "RecursionError" not in result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = chain_pathway(10_000)
    assert len(text.encode()) < 1024 * 1024
    return folder_with(tmp_path_factory.mktemp("chain"), "chain", text)


@pytest.mark.parametrize(
    ("args", "stdin", "code", "expected"),
    [
        (["start", "chain", "--plain"], "q\n", 0, "Vraag 1 van hoogstens 10000"),  # F6: RecursionError from ~330 on
        (["route", "chain", "-a", "q0=a", "-a", "q1=a", "-a", "q2=a"], None, 3, "(q3)"),
        (["validate", "{folder}", "--lang", "en"], None, 0, "0 error(s), 0 warning(s) in 2 file(s)"),
        (["routes", "chain", "--count"], None, 0, "8"),
        (["routes", "chain", "--limit", "1", "--format", "csv"], None, 0, "q9999=a,routine,politie-112:emergency"),
        (["graph", "chain", "--format", "dot"], None, 0, '"q_q9999" -> "outcome"'),
        (
            ["diff", "{folder}/chain.yaml", "{folder}/chain.yaml", "--lang", "en"],
            None,
            0,
            "all 8 routes give the same advice",
        ),
    ],
    ids=["start", "route", "validate", "routes-count", "routes", "graph", "diff"],
)
def test_a_chain_of_10000_questions_works_in_every_command(
    chain: Path, args: list[str], stdin: str | None, code: int, expected: str
) -> None:
    args = [a.format(folder=chain) for a in args]
    full = args if args[0] in ("validate", "diff") else [*args, "--pathways", str(chain)]
    got, out, err = invoke(full, stdin)
    assert got == code, err
    assert expected in out


@pytest.mark.parametrize(("questions", "options", "rules"), [(12, 6, False), (50, 8, False), (12, 6, True)])
def test_validate_stops_at_the_budget_naming_the_questions_that_explode(
    tmp_path: Path, questions: int, options: int, rules: bool
) -> None:
    """F8: a 13 KB pathway where every answer changes the advice grew memory at 300 MB/s until it died."""
    folder = folder_with(tmp_path, "adversarial", adversarial_pathway(questions, options, rules))
    began = time.perf_counter()
    code, out, _ = invoke(["validate", str(folder), "--lang", "en"])
    assert time.perf_counter() - began < 60  # a hang guard; the benchmark measures the budget (README: Limits)
    assert code == 1
    (line,) = [line for line in out.splitlines() if "[too-complex]" in line]
    assert line.startswith(f"  {folder}/adversarial.yaml:7:5: error: pathway 'adversarial' is too complex")
    assert f"more than {STATE_BUDGET:,} combinations: q0 ({options} options), q1 ({options} options)" in line


def test_routes_are_counted_by_what_decides_the_way_and_listed_as_a_stream(tmp_path: Path) -> None:
    pathway = load_pathway(folder_with(tmp_path, "adversarial", adversarial_pathway(12, 6)) / "adversarial.yaml")
    assert total_routes(pathway) == 6**12  # no rule looks at an answer: counting needs no combinations
    listing = list_routes(pathway, 100_000)
    first = list(islice(listing.routes, 2))
    assert [answers["q11"] for answers, _ in first] == ["o0", "o1"]
    with pytest.raises(TooComplex):
        explore(pathway)


def test_counting_stops_at_the_budget_when_rules_look_at_many_answers(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "adversarial", adversarial_pathway(12, 6, rules=True))
    code, _, err = invoke(["routes", "adversarial", "--pathways", str(folder), "--count", "--lang", "en"])
    assert code == 1
    assert err.startswith("samen-refer: pathway 'adversarial' is too complex to check every route")


def test_diff_refuses_too_many_routes_before_listing_them(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "adversarial", adversarial_pathway(8, 6))
    code, _, err = invoke(["diff", str(folder / "adversarial.yaml"), str(folder / "adversarial.yaml"), "--lang", "en"])
    assert code == 1
    assert err.splitlines()[0] == (
        "samen-refer: pathway 'adversarial' has 1,679,616 routes, more than the 1,000,000 diff compares one by one"
    )


def test_routes_head_returns_at_once_on_two_billion_routes(tmp_path: Path) -> None:
    """F27 and F23: the first line comes before the rest is worked out, and the closed pipe is exit 0, quietly."""
    folder = folder_with(tmp_path, "adversarial", adversarial_pathway(12, 6))
    command = f"'{sys.executable}' -m samen_refer routes adversarial --pathways '{folder}' | head -1"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, cwd=REPO, timeout=60, check=False
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("q0=o0 q1=o0 q2=o0")
