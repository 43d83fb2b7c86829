"""The shared options of the commands: a maintainer's --templates folder is read only as regular files within a size
limit, and rendering it stays within bounds (F7, F14)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samen_refer.cli.app import app
from tests.conftest import MINI

runner = CliRunner()


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text("danger: no\nchildren: no\nconsent: no\n", encoding="utf-8")
    return path


def handout_with(templates: Path, answers: Path) -> tuple[int, str]:
    args = ["handout", "mini", "--pathways", str(MINI), "--answers", str(answers), "--templates", str(templates)]
    args += ["--lang", "en"]
    result = runner.invoke(app, args)
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ('{% include "handout/helper.txt.j2" %}', "includes itself, or nests blocks and macros too deeply"),
        ('{{ "x" * 100000000000 }}', "needs more than 512 MiB of memory (a loop without end?)"),
    ],
)
def test_runaway_templates_stop_with_one_clear_line(tmp_path: Path, answers: Path, template: str, message: str) -> None:
    (tmp_path / "t" / "handout").mkdir(parents=True)
    (tmp_path / "t" / "handout" / "helper.txt.j2").write_text(template, encoding="utf-8")
    code, err = handout_with(tmp_path / "t", answers)
    assert code == 2
    assert err.splitlines()[0] == f"samen-refer: template 'handout/helper.txt.j2' {message}"


def test_a_fifo_among_the_templates_is_refused_at_once(tmp_path: Path, answers: Path) -> None:
    (tmp_path / "t" / "handout").mkdir(parents=True)
    fifo = tmp_path / "t" / "handout" / "helper.txt.j2"
    os.mkfifo(fifo)
    code, err = handout_with(tmp_path / "t", answers)
    assert code == 2
    assert err.splitlines()[0] == f"samen-refer: '{fifo}' is not a regular file (a pipe, device or socket)"


def test_a_huge_template_is_refused_without_reading_it(tmp_path: Path, answers: Path) -> None:
    (tmp_path / "t" / "handout").mkdir(parents=True)
    big = tmp_path / "t" / "handout" / "helper.txt.j2"
    with big.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    code, err = handout_with(tmp_path / "t", answers)
    assert code == 2
    assert err.splitlines()[0] == f"samen-refer: '{big}' is too large (209,715,200 bytes)"
