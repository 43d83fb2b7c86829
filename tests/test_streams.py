"""Real streams and environments, in a process of its own: a full disk or a closed pipe on stdout, an output
encoding without 'é', a closed stdin, FORCE_COLOR with --plain. Never exit 70, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samen_refer.cli.app import app
from tests.conftest import MINI, REPO

runner = CliRunner()
CLI = [sys.executable, "-m", "samen_refer"]
DANGER = ["route", "mini", "--pathways", str(MINI), "-a", "danger=yes"]


def run(
    args: list[str], env: dict[str, str] | None = None, stdin: int | str | None = None, shell_tail: str = ""
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "COLUMNS": "100", **(env or {})}
    if shell_tail:
        command = " ".join(f"'{a}'" for a in [*CLI, *args]) + shell_tail
        return subprocess.run(
            ["bash", "-o", "pipefail", "-c", command],
            capture_output=True, text=True, env=environment, cwd=REPO, timeout=60, check=False,
        )  # fmt: skip
    return subprocess.run(
        [*CLI, *args],
        input=stdin if isinstance(stdin, str) else None,
        stdin=stdin if isinstance(stdin, int) else None,
        capture_output=True, text=True, errors="replace", env=environment, cwd=REPO, timeout=60, check=False,
    )  # fmt: skip


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["contacts"], ["routes", "sggg"], ["schema"], DANGER])
def test_a_full_disk_on_stdout_is_one_clear_line(args: list[str]) -> None:
    done = run(
        [*args, "--lang", "en"], shell_tail=" > /dev/full"
    )  # F10: exit 120, 'Exception ignored' and the 'bug' message
    assert done.returncode == 2
    assert done.stderr == "samen-refer: cannot write the output: No space left on device\n"


@pytest.mark.parametrize(
    "args",
    [
        ["contacts"],
        ["contacts", "--plain"],
        ["routes", "sggg"],
        ["scenarios", "sheet", "--all"],
        ["graph", "--format", "dot"],
    ],
)
def test_a_closed_pipe_is_exit_0_quietly(args: list[str]) -> None:
    done = run(args, shell_tail=" | head -1 > /dev/null")  # F23: exit 1 (click and Rich exit 1 on EPIPE)
    assert (done.returncode, done.stderr) == (0, "")


@pytest.mark.parametrize(
    "env",
    [
        {"PYTHONIOENCODING": "ascii"},
        {"PYTHONIOENCODING": "latin-1"},
        {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
    ],
    ids=["ascii", "latin-1", "C-locale"],
)
@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (["contacts"], None),
        (["contacts", "--plain"], None),
        (["route", "sggg", "-a", "safe_to_talk=yes", "-a", "danger=yes"], None),
        (["start", "mini", "--pathways", str(MINI)], "é\n2\nq\n"),
        (["handout", "mini", "--pathways", str(MINI), "--answers", "{answers}"], None),
    ],
    ids=["contacts", "contacts-plain", "route", "start", "handout"],
)
def test_an_output_encoding_without_accents_replaces_what_it_cannot_show(
    tmp_path: Path, env: dict[str, str], args: list[str], stdin: str | None
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("danger: no\nchildren: no\nconsent: no\n", encoding="utf-8")
    done = run([a.format(answers=answers) for a in args], env=env, stdin=stdin)  # F11: UnicodeEncodeError, exit 70
    assert done.returncode in (0, 3), done.stderr
    assert "bug" not in done.stderr and "Traceback" not in done.stderr
    assert done.stdout.strip()


@pytest.mark.parametrize(
    "args", [["start", "mini", "--pathways", str(MINI)], ["scenarios", "run", "s01-recent-assault-azc"]]
)
def test_a_closed_stdin_is_end_of_input(args: list[str]) -> None:
    done = subprocess.run(  # F12: sys.stdin is None; exit 70
        [sys.executable, "-c", "import os, runpy, sys; os.close(0); sys.stdin = None; "
         f"sys.argv = ['samen-refer', *{args!r}]; runpy.run_module('samen_refer', run_name='__main__')"],
        capture_output=True, text=True, cwd=REPO, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 3
    assert "samen-refer: De invoer stopte voordat de vragen klaar waren." in done.stderr


def test_force_color_does_not_colour_plain_output() -> None:
    result = runner.invoke(app, [*DANGER, "--plain"], env={"FORCE_COLOR": "1", "TERM": "xterm-256color"})  # F25
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    coloured = runner.invoke(app, DANGER, env={"FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert "\x1b[" in coloured.stdout  # without --plain, FORCE_COLOR is honoured


@pytest.mark.parametrize(
    ("args", "stdin_closed"),
    [(["contacts"], False), (DANGER, False), (["validate", str(MINI)], False), (["start", "mini", "--pathways", str(MINI), "--plain"], True)],
    ids=["contacts", "route", "validate", "start"],
)  # fmt: skip
def test_a_closed_stdout_is_one_clear_line(args: list[str], stdin_closed: bool) -> None:
    # R5: sys.stdout is None; 'NoneType' object has no attribute 'flush' / input(): lost sys.stdout: exit 70
    done = run([*args, "--lang", "en"], shell_tail=" >&-" + (" <&-" if stdin_closed else ""))
    assert done.returncode == 2
    assert done.stderr.startswith("samen-refer: the standard output is closed, so nothing can be shown")
    assert len(done.stderr.splitlines()) == 1


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [[*DANGER, "-a", "nope=x"], ["route", "nope"], ["contacts", "--bogus"]])
def test_a_full_disk_on_stderr_keeps_the_documented_status(args: list[str]) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # as a user runs it
    done = subprocess.run(
        ["bash", "-c", " ".join(f"'{a}'" for a in [*CLI, *args]) + " 2>/dev/full"],
        capture_output=True, text=True, env=environment, cwd=REPO, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2  # R15: 120, Python's last flush of stderr failing at exit
