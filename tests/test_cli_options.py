"""The shared options of the commands: a maintainer's --templates folder is read only as regular files within a size
limit, and rendering it stays within bounds (F7, F14)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from samen_refer.cli import options
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


HELPER = "t/handout/helper.txt.j2"


def runaway(tmp_path: Path, answers: Path, template: str) -> tuple[int, str]:
    """Render ``template`` as the helper's handout; the command must end well within a generous guard."""
    folder = tmp_path / "t" / "handout"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "helper.txt.j2").write_text(template, encoding="utf-8")
    began = time.monotonic()
    cwd = Path.cwd()
    os.chdir(tmp_path)  # so that the template's name in the message is short: t/handout/helper.txt.j2
    try:
        code, err = handout_with(Path("t"), answers)
    finally:
        os.chdir(cwd)
    assert time.monotonic() - began < 60  # a guard against a run without end, not a measure of speed
    return code, err.splitlines()[0]


@pytest.mark.parametrize(
    ("template", "message"),
    [  # the probes of F14: a range the sandbox refuses was a crash (exit 70); nested loops ran without end
        ("{% for i in range(100000000) %}x{% endfor %}", f"{HELPER}:1: error: Range too big. The sandbox blocks"),
        (
            "{% for i in range(100000) %}\n{% for j in range(100000) %}{% endfor %}{% endfor %}",
            f"{HELPER}:2: error: the template works more than 2 s (a loop without end?) [template-slow]",
        ),
    ],
)
def test_the_runaway_template_probes_stop_with_their_line(
    tmp_path: Path, answers: Path, template: str, message: str
) -> None:
    code, line = runaway(tmp_path, answers, template)
    assert code == 2
    assert line.startswith(f"samen-refer: {message}")


@pytest.mark.parametrize(
    ("template", "reason"),
    [  # Python's own errors in a template are the template's mistakes, with their line (never exit 70)
        ("\n\n{{ 1 // 0 }}", "3: error: integer division or modulo by zero [template-error]"),
        ("{{ (10 ** 400) / 1.0 }}", "1: error: int too large to convert to float [template-error]"),
        ("{{ 9 ** (9 ** 9) }}", "1: error: '**' would make a whole number of more than 65,536 bits [template-error]"),
        ("{% set n = 2 ** 40000 %}{{ n * n }}", "1: error: '*' would make a whole number of more than 65,536 bits"),
        ("\n{{ nothing }}", "2: error: 'nothing' is undefined [template-error]"),
    ],
)
def test_a_template_error_names_its_line(tmp_path: Path, answers: Path, template: str, reason: str) -> None:
    code, line = runaway(tmp_path, answers, template)
    assert code == 2
    assert line.startswith(f"samen-refer: {HELPER}:{reason}")


LOOPS = [  # what a template can loop over: numbers, a long string, a list, a list made longer
    "range(100000)",
    '"x" * 100000',
    "range(100000) | list",
    "(range(1000) | list) * 100",
    '("ab" * 50000) | map("upper")',
]


@st.composite
def runaway_templates(draw: st.DrawFn) -> str:
    """Nested loops (or a macro calling itself twice) that do a lot of work and write nothing, or little."""
    body = draw(st.sampled_from(["", "{{ '' }}", "{% set x = i %}", "{% if i == -1 %}x{% endif %}"]))
    if draw(st.booleans()):  # a macro calling itself twice: 2 ** 40 calls
        call = draw(st.sampled_from(["f(n - 1) ~ f(n - 1)", "[f(n - 1), f(n - 1)] | join"]))
        return f"{{% macro f(n) %}}{{% if n %}}{{{{ {call} }}}}{{% endif %}}{{% endmacro %}}{{{{ f(40) }}}}"
    outer, inner = draw(st.sampled_from(LOOPS)), draw(st.sampled_from(LOOPS))
    return f"{{% for i in {outer} %}}{{% for j in {inner} %}}{body}{{% endfor %}}{{% endfor %}}"


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(template=runaway_templates())
def test_every_kind_of_runaway_template_stops_with_a_clear_line(
    tmp_path: Path, answers: Path, monkeypatch: pytest.MonkeyPatch, template: str
) -> None:
    monkeypatch.setattr(options, "TEMPLATE_SECONDS", 0.3)
    code, line = runaway(tmp_path, answers, template)
    assert code == 2
    assert (
        line
        == f"samen-refer: {HELPER}:1: error: the template works more than 0.3 s (a loop without end?) [template-slow]"
    )


def test_the_shipped_templates_render_within_the_time_limit(tmp_path: Path, answers: Path) -> None:
    """A copy of the built-in templates as a maintainer's folder renders as the built-in ones do."""
    import shutil

    from tests.conftest import REPO

    shutil.copytree(REPO / "templates", tmp_path / "t")
    code, _ = handout_with(tmp_path / "t", answers)
    assert code == 0


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
