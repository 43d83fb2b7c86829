"""Privacy by design, as the README promises: no network, nothing written unless asked, private and atomic saves,
a quick exit that clears the screen, Ctrl-C handled calmly."""

from __future__ import annotations

import io
import os
import socket
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from samen_refer.checks.scenarios import read_scenario
from samen_refer.cli.app import app
from samen_refer.render.saving import write_private
from samen_refer.render.session import clear_terminal
from tests.conftest import MINI, REPO

runner = CliRunner()
SCENARIO = read_scenario(next(iter(sorted((REPO / "pathways" / "scenarios").glob("*.yaml")))))[0]
assert SCENARIO is not None
SCENARIO_ANSWERS = [f"--answer={q}={o}" for q, o in SCENARIO.given().items()]
EVERY_COMMAND: list[tuple[list[str], str | None]] = [
    (["--help"], None),
    (["--version"], None),
    (["pathways"], None),
    (["contacts"], None),
    (["contacts", "--search", "veilig", "--format", "json"], None),
    (["contacts", "--stale", "--days", "0"], None),
    (["contacts", "--region", "amsterdam"], None),
    (["regions"], None),
    (["regions", "export", "nijmegen", "--format", "csv"], None),
    (["route", *SCENARIO_ANSWERS, "--region", "nijmegen", "--format", "json"], None),
    (["web", "--region", "amsterdam"], None),
    (["route", *SCENARIO_ANSWERS, "--format", "json"], None),
    (["route", "-a", "danger=no"], None),
    (["route", "-a", "danger=no", "--format", "yaml"], None),
    (["start", "--plain"], "1\n1\n" * 12),
    (["start", "mini", "--pathways", str(MINI)], "2\n?\nb\n1\n"),
    (["start", "mini", "--pathways", str(MINI)], "q\n"),
    (["validate"], None),
    (["routes", "--count"], None),
    (["routes", "mini", "--pathways", str(MINI), "--format", "csv"], None),
    (["schema", "pathway"], None),
    (["graph", "--format", "mermaid"], None),
    (["graph", "--format", "dot", "--lang", "en"], None),
    (["diff", str(MINI), str(MINI)], None),  # the same code as on sggg, in a second instead of a minute
    (["scenarios", "list"], None),
    (["scenarios", "check"], None),
    (["scenarios", "coverage"], None),
    (["scenarios", "sheet", "--all", "--format", "html", "--audience", "trainer"], None),
    (["scenarios", "export", "--format", "twee"], None),
    (["scenarios", "run", SCENARIO.id, "--reveal"], None),
    (["scenarios", "run", SCENARIO.id], "1\n" * 12),
]


@pytest.fixture
def empty_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """An empty HOME, working directory and temp directory; yields them to check afterwards."""
    places = [tmp_path / name for name in ("home", "work", "tmp")]
    for place in places:
        place.mkdir()
    monkeypatch.setenv("HOME", str(places[0]))
    monkeypatch.setenv("TMPDIR", str(places[2]))
    monkeypatch.setattr(tempfile, "tempdir", str(places[2]))
    monkeypatch.chdir(places[1])
    yield places


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a socket or resolve a name fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.mark.parametrize(("args", "stdin"), EVERY_COMMAND, ids=[" ".join(a[:2]) for a, _ in EVERY_COMMAND])
def test_every_command_works_offline_and_writes_nothing(
    empty_home: list[Path], no_network: None, args: list[str], stdin: str | None
) -> None:
    result = runner.invoke(app, args, input=stdin)
    assert result.exit_code in (0, 3), result.output
    assert "Traceback" not in result.output
    for place in empty_home:
        assert list(place.rglob("*")) == [], place


def test_save_writes_only_answer_ids_with_mode_0600(empty_home: list[Path]) -> None:
    target = empty_home[1] / "answers.yaml"
    result = runner.invoke(app, ["start", "mini", "--pathways", str(MINI), "--save", str(target)], input="2\n2\n2\n")
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8") == "danger: no\nchildren: no\nconsent: no\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in empty_home[1].iterdir()) == ["answers.yaml"]


def test_an_interrupted_save_leaves_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "answers.yaml"
    target.write_text("danger: no\n", encoding="utf-8")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_private(target, "danger: yes\nchildren: no\n", force=True)
    assert target.read_text(encoding="utf-8") == "danger: no\n"
    assert [p.name for p in tmp_path.iterdir()] == ["answers.yaml"]


@pytest.mark.parametrize(
    ("target", "message"),
    [("missing/answers.yaml", "bestaat niet"), (".", "is een map")],
)
def test_save_to_a_bad_place_is_a_clear_error(tmp_path: Path, target: str, message: str) -> None:
    result = runner.invoke(
        app, ["start", "mini", "--pathways", str(MINI), "--save", str(tmp_path / target)], input="1\n"
    )
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output


def test_quick_exit_clears_screen_and_scrollback_on_a_terminal() -> None:
    screen = io.StringIO()
    clear_terminal(Console(file=screen, force_terminal=True))
    assert "\x1b[2J" in screen.getvalue() and "\x1b[3J" in screen.getvalue()


def test_q_bang_stops_at_once_and_saves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    result = runner.invoke(app, ["start", "mini", "--pathways", str(MINI), "--save", str(target)], input="2\nq!\n")
    assert result.exit_code == 0
    assert not target.exists()


def test_ctrl_c_at_a_prompt_exits_130_with_one_calm_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(self: Console, prompt: str = "") -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(Console, "input", interrupt)
    result = runner.invoke(app, ["start", "mini", "--pathways", str(MINI)])
    assert result.exit_code == 130
    assert (
        result.stderr.strip()
        == "samen-refer: gestopt (Ctrl-C), er is niets opgeslagen / stopped (Ctrl-C), nothing was saved."
    )
    assert "Traceback" not in result.output


def test_a_bug_shows_no_traceback_unless_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    import samen_refer.engine.route

    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(samen_refer.engine.route, "follow", broken)
    result = runner.invoke(app, ["route", "mini", "--pathways", str(MINI)])
    assert result.exit_code == 70
    assert "Traceback" not in result.output
    assert "een fout in het programma" in result.stderr and "--debug" in result.stderr
    result = runner.invoke(app, ["route", "mini", "--pathways", str(MINI), "--debug"])
    assert result.exit_code == 70
    assert "Traceback" in result.stderr and "RuntimeError: boom" in result.stderr


def test_web_site_writes_only_the_hosted_guide_s_files_in_its_folder(empty_home: list[Path], no_network: None) -> None:
    result = runner.invoke(app, ["web", "mini", "--pathways", str(MINI), "--site", "gids"])
    home, work, tmp = empty_home
    assert result.exit_code == 0, result.output
    written = sorted(str(p.relative_to(work)) for p in work.rglob("*"))
    assert written == ["gids", *(f"gids/{name}" for name in sorted(
        ["index.html", "manifest.webmanifest", "icon-192.png", "icon-512.png", "sw.js"]))]  # fmt: skip
    assert (list(home.rglob("*")), list(tmp.rglob("*"))) == ([], [])
