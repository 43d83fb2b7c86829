"""Writing files (-o, --save, the handout prompt): never over an existing file without --force or a yes, only regular
files, the temporary file gone on every way out (also SIGTERM and SIGHUP), and OS errors as one clear line."""

from __future__ import annotations

import os
import pty
import select
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samen_refer.cli.app import app
from samen_refer.problem import SamenReferError
from samen_refer.render.saving import write_private
from tests.conftest import MINI, REPO

runner = CliRunner()


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests check the English messages; the Dutch ones come from the same catalogue keys."""
    monkeypatch.setenv("SAMEN_REFER_LANG", "en")


ANSWERS = "danger: no\nchildren: no\nconsent: no\n"


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    return path


def writers(answers: Path, target: Path) -> list[tuple[list[str], str | None]]:
    """Every way of writing a file from the command line: (arguments, stdin)."""
    return [
        (["handout", "mini", "--pathways", str(MINI), "--answers", str(answers), "-o", str(target)], None),
        (["start", "mini", "--pathways", str(MINI), "--save", str(target)], "2\n2\n2\n"),
        (["scenarios", "export", "mini", "--pathways", str(MINI), "-o", str(target)], None),
        (["schema", "-o", str(target)], None),
    ]


@pytest.mark.parametrize("which", range(4), ids=["handout -o", "start --save", "export -o", "schema -o"])
def test_an_existing_file_is_kept_without_force_and_replaced_with_it(tmp_path: Path, answers: Path, which: int) -> None:
    notes = tmp_path / "notes.txt"  # F1
    notes.write_text("NOTES\n", encoding="utf-8")
    notes.chmod(0o400)
    args, stdin = writers(answers, notes)[which]
    result = runner.invoke(app, args, input=stdin, env={"SAMEN_REFER_LANG": "en"})
    assert result.exit_code == 2
    assert f"samen-refer: '{notes}' already exists; nothing was written" in result.stderr
    assert "add --force to replace it" in result.stderr
    assert notes.read_text(encoding="utf-8") == "NOTES\n"
    assert stat.S_IMODE(notes.stat().st_mode) == 0o400
    result = runner.invoke(app, [*args, "--force"], input=stdin)
    assert result.exit_code == 0, result.output
    assert notes.read_text(encoding="utf-8") != "NOTES\n"
    assert stat.S_IMODE(notes.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml", "notes.txt"]


# The handout prompt asks before replacing a file (F1): tests/test_terminal.py, through a pseudo-terminal.


def special_files(tmp_path: Path) -> list[tuple[Path, str]]:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("KEEP\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(elsewhere)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    return [(link, "is a symbolic link"), (fifo, "is a device, pipe or socket"), (tmp_path, "is a directory")]


@pytest.mark.parametrize("force", [False, True])
def test_only_regular_files_are_written(tmp_path: Path, answers: Path, force: bool) -> None:
    folder = tmp_path / "x"
    folder.mkdir()
    for target, what in special_files(folder):  # F2
        args = ["handout", "mini", "--pathways", str(MINI), "--answers", str(answers), "-o", str(target)]
        result = runner.invoke(app, args + (["--force"] if force else []))
        assert result.exit_code == 2, target
        assert f"'{target}' {what}" in result.stderr
    assert (tmp_path / "x" / "link.txt").is_symlink()
    assert (tmp_path / "x" / "elsewhere.txt").read_text(encoding="utf-8") == "KEEP\n"
    assert stat.S_ISFIFO((tmp_path / "x" / "fifo").stat().st_mode)


def test_a_device_is_never_replaced() -> None:
    """/dev/null as a target is refused before anything is written (as root, it used to be replaced: F2)."""
    with pytest.raises(SamenReferError, match="is a device, pipe or socket, not a regular file"):
        write_private("/dev/null", "text", force=True)
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("h" * 300 + ".txt", "File name too long; nothing was written"),  # F9: ENAMETOOLONG was exit 70
        ("nodir/", "names a folder, not a file"),  # F26
        ("missing/a.txt", "does not exist"),
    ],
)
def test_names_that_cannot_be_written_are_one_clear_line(
    tmp_path: Path, answers: Path, name: str, message: str
) -> None:
    target = f"{tmp_path}/{name}"
    result = runner.invoke(app, ["handout", "mini", "--pathways", str(MINI), "--answers", str(answers), "-o", target])
    assert result.exit_code == 2
    assert message in result.stderr.splitlines()[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml"]


def test_a_254_character_name_is_written(tmp_path: Path, answers: Path) -> None:
    target = tmp_path / ("h" * 250 + ".txt")  # F26: the temporary name used to be too long
    result = runner.invoke(
        app, ["handout", "mini", "--pathways", str(MINI), "--answers", str(answers), "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert target.is_file()


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (OSError(28, "No space left on device"), "No space left on device; nothing was written"),
        (PermissionError(1, "Operation not permitted"), "Operation not permitted; nothing was written"),
    ],
)
def test_os_errors_while_saving_are_exit_2_and_leave_nothing(
    tmp_path: Path, answers: Path, monkeypatch: pytest.MonkeyPatch, failure: OSError, message: str
) -> None:
    def fail(fd: int) -> None:  # F9: ENOSPC from write/fsync, EPERM from rename
        raise failure

    monkeypatch.setattr(os, "fsync", fail)
    target = tmp_path / "h.txt"
    result = runner.invoke(
        app, ["handout", "mini", "--pathways", str(MINI), "--answers", str(answers), "-o", str(target)]
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"samen-refer: cannot save '{target}': {message}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml"]


SIGNALLED = """
import os, signal, sys
os.fsync = lambda fd: os.kill(os.getpid(), signal.{name})  # the signal arrives in the middle of the save
sys.argv = ["samen-refer", "start", "mini", "--pathways", {mini!r}, "--plain", "--save", {target!r}, "--force"]
from samen_refer.cli.app import main
main()
"""


@pytest.mark.parametrize(("name", "code"), [("SIGTERM", 143), ("SIGHUP", 129)])
def test_sigterm_and_sighup_while_saving_leave_no_temporary_file(tmp_path: Path, name: str, code: int) -> None:
    target = tmp_path / "sv.yaml"  # F3
    target.write_text("danger: no\n", encoding="utf-8")
    script = SIGNALLED.format(name=name, mini=str(MINI), target=str(target))
    done = subprocess.run(
        [sys.executable, "-c", script], input="1\n", capture_output=True, text=True, cwd=REPO, timeout=60, check=False
    )
    assert done.returncode == code, done.stderr
    signum = getattr(signal, name).value
    assert done.stderr.strip() == f"samen-refer: stopped by signal {signum} while saving; the file was not written."
    assert [p.name for p in tmp_path.iterdir()] == ["sv.yaml"]
    assert target.read_text(encoding="utf-8") == "danger: no\n"


def _read_until(fd: int, wanted: bytes, seconds: float = 20) -> bytes:
    seen = b""
    end = time.monotonic() + seconds
    while wanted not in seen and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen


def test_ctrl_c_at_the_menu_clears_the_screen_and_says_what_was_saved(tmp_path: Path) -> None:
    target = tmp_path / "s.yaml"  # F4
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "samen_refer", "start", "mini", "--pathways", str(MINI), "--save", str(target)],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        cwd=REPO,
        env={**os.environ, "COLUMNS": "100", "TERM": "xterm", "SAMEN_REFER_LANG": "nl"},
        start_new_session=True,
    )
    os.close(secondary)
    try:
        assert b"Jouw keuze" in _read_until(primary, b"Jouw keuze")
        os.write(primary, b"1\r")
        assert b"q = stoppen" in _read_until(primary, b"q = stoppen")  # the menu after the advice
        process.send_signal(signal.SIGINT)  # what Ctrl-C sends
        rest = _read_until(primary, b"verder is er niets opgeslagen")
        assert process.wait(timeout=20) == 130
    finally:
        if process.poll() is None:
            process.kill()
        os.close(primary)
    assert b"\x1b[3J" in rest and b"\x1b[2J" in rest
    assert f"Alleen de antwoorden zijn opgeslagen, in {target}".encode() in rest
    assert b"er is niets opgeslagen / stopped" not in rest
    assert target.read_text(encoding="utf-8") == "danger: yes\n"


NO_SUCH_HOME = "~samen-refer-no-such-user"  # a user name no machine has


@pytest.mark.parametrize("which", range(4), ids=["handout -o", "start --save", "export -o", "schema -o"])
def test_a_home_folder_of_an_unknown_user_is_one_clear_line(tmp_path: Path, answers: Path, which: int) -> None:
    # R4: Path.expanduser() raised RuntimeError, which reached the catch-all: exit 70 "a bug"
    args, stdin = writers(answers, Path(f"{NO_SUCH_HOME}/h.txt"))[which]
    result = runner.invoke(app, args, input=stdin)
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [
        f"samen-refer: cannot save '{NO_SUCH_HOME}/h.txt': the home folder '{NO_SUCH_HOME}' is not known here; "
        "nothing was written",
        "  Did you mean '~/' (your own home folder)? Or give the whole name of the folder.",
    ]


def test_web_to_an_unknown_home_folder_is_one_clear_line() -> None:
    result = runner.invoke(app, ["web", "mini", "--pathways", str(MINI), "-o", f"{NO_SUCH_HOME}/g.html"])  # R4
    assert result.exit_code == 2
    assert "is not known here" in result.stderr


@pytest.mark.parametrize(
    ("name", "message"),
    [("{home}/s.yaml", "is not known here"), ("{tmp}/missing/s.yaml", "does not exist"), ("{tmp}/", "names a folder")],
)
def test_start_refuses_a_save_name_it_cannot_use_before_the_walk(tmp_path: Path, name: str, message: str) -> None:
    target = name.format(home=NO_SUCH_HOME, tmp=tmp_path)
    result = runner.invoke(app, ["start", "mini", "--pathways", str(MINI), "--plain", "--save", target], input="1\n")
    assert result.exit_code == 2
    assert result.stdout == ""  # no question was asked: the walk is not done in vain
    assert message in result.stderr.splitlines()[0]


def handout_prompt(tmp_path: Path, typed: list[str]) -> tuple[Path | None, str]:
    """The person's handout prompt after a walk of the mini pathway, answered with ``typed``: the file written, and
    the screen."""
    import io

    from rich.console import Console

    from samen_refer.checks.load import load_pathway
    from samen_refer.engine.route import follow
    from samen_refer.render.session import Session

    pathway = load_pathway(MINI / "mini.yaml")
    keys = iter(typed)
    screen = io.StringIO()
    session = Session(pathway, "en", Console(file=screen, width=80), lambda _: next(keys), plain=True)
    written = session.save_handout(follow(pathway, {"danger": "yes"}), tmp_path, "person")
    return written, " ".join(screen.getvalue().split())  # the words, whatever the wrapping


def test_the_handout_prompt_asks_again_after_an_unknown_home_folder(tmp_path: Path) -> None:
    written, screen = handout_prompt(tmp_path, [f"{NO_SUCH_HOME}/h.txt", "h.txt"])  # R4: exit 70, session ended
    assert written == tmp_path / "h.txt"
    assert written.is_file()
    assert f"the home folder '{NO_SUCH_HOME}' is not known here" in screen


@pytest.mark.parametrize(
    "typed",
    [
        "\x1b]0;pwned\x07\x1b[31mh.pdf",  # the extension is refused: the name was echoed raw (R8)
        "\x1b[2K\x1b[1Anodir\u202e/h.txt",  # the folder does not exist
        "x" * 5000 + ".pdf",  # a paste: shortened
    ],
    ids=["window-title", "erase-line", "long"],
)
def test_the_handout_prompt_shows_a_typed_name_escaped_and_short(tmp_path: Path, typed: str) -> None:
    written, screen = handout_prompt(tmp_path, [typed, "h.txt"])
    assert written == tmp_path / "h.txt"
    assert "\x1b" not in screen and "\u202e" not in screen and "\x07" not in screen
    assert len(screen) < 3000
    assert "\\x1b" in screen or "characters left out" in screen
