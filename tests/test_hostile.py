"""Hostile input in every role a YAML file plays: a clear error, fast, with bounded memory; never a traceback, a hang
or a file partly accepted. The corpus and the expected error line for each file are in tests/data/hostile/."""

from __future__ import annotations

import os
import shutil
import time
import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samen_refer.cli.app import app
from tests.conftest import DATA, MINI

HOSTILE = DATA / "hostile"
EXPECTED = [
    line.split("\t")
    for line in (HOSTILE / "EXPECTED.tsv").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]
runner = CliRunner(env={"SAMEN_REFER_LANG": "en"})  # the messages checked here are the English source texts


def run_bounded(args: list[str]) -> tuple[int, str]:
    """Run a command; it must not hang and must allocate under 64 MiB. (A hang guard, not a speed test: speed is
    measured by benchmarks; here each case takes well under 0.1 s.)"""
    tracemalloc.start()
    began = time.perf_counter()
    result = runner.invoke(app, args)
    elapsed = time.perf_counter() - began
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 10, f"took {elapsed:.1f} s"
    assert peak < 64 * 1024 * 1024, f"peak {peak / 2**20:.0f} MiB"
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


def as_role(role: str, source: Path, tmp_path: Path) -> tuple[list[str], Path]:
    """The command that reads ``source`` as an answers file, a pathway, a contacts file or a scenario."""
    folder = tmp_path / "pathways"
    shutil.copytree(MINI, folder)
    if role == "answers":
        return ["route", "mini", "--pathways", str(folder), "--answers", str(source)], source
    if role == "pathway":
        target = folder / "mini.yaml"
        shutil.copy(source, target)
        return ["route", "mini", "--pathways", str(folder)], target
    if role == "contacts":
        target = folder / "contacts.yaml"
        shutil.copy(source, target)
        return ["contacts", "--pathways", str(folder)], target
    (folder / "scenarios").mkdir()
    target = folder / "scenarios" / "s1.yaml"
    shutil.copy(source, target)
    return ["validate", str(folder)], target


CASES = [
    (role, name, where, message)
    for name, roles, where, message in EXPECTED
    for role in (["answers", "pathway", "contacts", "scenario"] if roles == "all" else [roles])
]


@pytest.mark.parametrize(("role", "name", "where", "message"), CASES, ids=[f"{c[1]}-{c[0]}" for c in CASES])
def test_hostile_file_gives_one_clear_error(tmp_path: Path, role: str, name: str, where: str, message: str) -> None:
    args, path = as_role(role, HOSTILE / name, tmp_path)
    code, err = run_bounded(args)
    assert code == (1 if role == "scenario" else 2)
    output = err if role != "scenario" else runner.invoke(app, args).stdout
    assert f"{path}:{where}: error: " in output
    assert message in output
    assert "\x1b" not in output


def test_a_50_mib_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    code, err = run_bounded(["route", "mini", "--pathways", str(MINI), "--answers", str(big)])
    assert code == 2
    assert f"{big}:1:1: error: file is 52,428,800 bytes; the limit is 1,048,576 (1 MiB) [file-too-large]" in err


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.yaml", "file not found [file-unreadable]"),
        (lambda p: p, "is a directory, not a YAML file [file-unreadable]"),
    ],
)
def test_a_missing_file_or_a_directory_where_a_file_is_expected(tmp_path: Path, make: object, message: str) -> None:
    target = make(tmp_path)  # type: ignore[operator]
    code, err = run_bounded(["route", "mini", "--pathways", str(MINI), "--answers", str(target)])
    assert code == 2
    assert message in err


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("unknown-ids.yaml", "samen-refer: pathway 'mini' has no question 'feelings'"),
        ("unknown-option.yaml", "samen-refer: question 'danger' has no option 'maybe'"),
    ],
)
def test_answers_naming_unknown_ids(name: str, message: str) -> None:
    code, err = run_bounded(
        ["route", "mini", "--pathways", str(MINI), "--answers", str(HOSTILE / name), "--lang", "en"]
    )
    assert code == 2
    assert err.splitlines()[0] == message


def test_control_characters_typed_on_the_command_line_are_shown_not_acted_on() -> None:
    code, err = run_bounded(["route", "mini", "--pathways", str(MINI), "-a", "danger=\x1b[2J\x07", "--lang", "en"])
    assert code == 2
    assert "\x1b" not in err and "\x07" not in err
    assert "question 'danger' has no option '\\x1b[2J\\x07'" in err


def test_an_empty_answers_file_is_no_answers() -> None:
    result = runner.invoke(app, ["route", "mini", "--pathways", str(MINI), "--answers", str(HOSTILE / "empty.yaml")])
    assert result.exit_code == 3


def test_a_pathway_that_is_one_giant_cycle(tmp_path: Path) -> None:
    folder = HOSTILE / "cycle"
    code, err = run_bounded(["route", "cycle", "--pathways", str(folder), "-a", "q0=a", "-a", "q1=a"])
    assert code == 3  # the route stops where answers stop; a loop is only met when walked
    answers = [arg for i in range(500) for arg in ("-a", f"q{i}=a")]
    code, err = run_bounded(["route", "cycle", "--pathways", str(folder), *answers])
    assert code == 2
    assert "samen-refer: pathway 'cycle' loops back to or leads to a missing question 'q0'" in err
    code, _ = run_bounded(["validate", str(folder)])
    assert code == 1
    out = runner.invoke(app, ["validate", str(folder)]).stdout
    assert "questions lead back in a loop: q0 -> q1 -> " in out and "[cycle]" in out
    code, err = run_bounded(["routes", "cycle", "--pathways", str(folder), "--count"])
    assert (code, err.splitlines()[0]) == (2, "samen-refer: pathway 'cycle' has a loop")


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
@pytest.mark.parametrize("role", ["answers", "pathway", "contacts", "scenario", "listed"])
def test_a_fifo_or_a_device_is_refused_at_once_in_every_role(tmp_path: Path, role: str, kind: str) -> None:
    """F7: a FIFO blocked forever, and /dev/zero (or an endless pipe) grew memory without limit."""
    folder = tmp_path / "pathways"
    shutil.copytree(MINI, folder)
    (folder / "scenarios").mkdir()
    target = {
        "answers": tmp_path / "answers.yaml",
        "pathway": folder / "mini.yaml",
        "contacts": folder / "contacts.yaml",
        "scenario": folder / "scenarios" / "s1.yaml",
        "listed": folder / "other.yaml",  # any *.yaml that `pathways` lists
    }[role]
    target.unlink(missing_ok=True)
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to(kind)
    args = {
        "answers": ["route", "mini", "--pathways", str(folder), "--answers", str(target)],
        "pathway": ["route", "mini", "--pathways", str(folder)],
        "contacts": ["contacts", "--pathways", str(folder)],
        "scenario": ["validate", str(folder)],
        "listed": ["pathways", "--pathways", str(folder)],
    }[role]
    code, err = run_bounded(args)
    output = err + runner.invoke(app, args).stdout
    assert code == (1 if role == "scenario" else 2)
    assert (
        f"{target}:1:1: error: is not a regular file (a pipe, device or socket); give a file [file-unreadable]"
        in output
    )
