"""``start`` in a real pseudo-terminal at 40 and 80 columns: the prompts a key person meets, as they meet them."""

from __future__ import annotations

import fcntl
import os
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from samen_refer.format.language import pick
from tests.conftest import MINI, shipped_pathway

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r")
UNSHOWN = re.compile("[\u2066\u2069]")
TIMEOUT = 20.0


class Terminal:
    """A program on a pseudo-terminal of a given width; ``expect`` waits for text, ``type`` sends a line."""

    def __init__(self, args: list[str], width: int, cwd: Path, extra_env: dict[str, str] | None = None) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, width, 0, 0))
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
        env |= {"HOME": str(cwd), "TERM": "xterm-256color", "PYTHONUNBUFFERED": "1", **(extra_env or {})}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "samen_refer", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.raw = ""
        self.seen = 0  # ``expect`` looks only after what it matched before

    def _read(self, wait: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], wait)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the program has ended
            return False
        self.raw += chunk.decode("utf-8", "replace")
        return bool(chunk)

    @property
    def screen(self) -> str:
        """Everything shown so far, without escapes, with runs of spaces and line breaks made one space; without the
        isolates around a phone number, which show as nothing (``render.direction``)."""
        return " ".join(UNSHOWN.sub("", ANSI.sub("", self.raw)).split())

    def expect(self, text: str) -> str:
        """Wait until ``text`` (spacing ignored) is shown; the screen from the last match up to and including it."""
        wanted = " ".join(text.split())
        deadline = time.monotonic() + TIMEOUT
        while True:
            found = self.screen.find(wanted, self.seen)
            if found >= 0:
                part = self.screen[self.seen : found + len(wanted)]
                self.seen = found + len(wanted)
                return part
            if time.monotonic() > deadline or (not self._read(0.2) and self.process.poll() is not None):
                raise AssertionError(f"never shown: {wanted!r}\n--- screen ---\n{self.screen[self.seen :]}")

    def type(self, line: str) -> None:
        os.write(self.master, line.encode() + b"\r")

    def finish(self) -> int:
        """The exit status, once the program ends (and everything it printed has been read)."""
        deadline = time.monotonic() + TIMEOUT
        while self.process.poll() is None and time.monotonic() < deadline:
            self._read(0.1)
        while self._read(0.05):
            pass
        return self.process.wait(timeout=1)

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        os.close(self.master)


@pytest.fixture(params=[40, 80], ids=["40-columns", "80-columns"])
def width(request: pytest.FixtureRequest) -> int:
    return int(request.param)


@pytest.fixture
def terminals(tmp_path: Path) -> Iterator[list[Terminal]]:
    opened: list[Terminal] = []
    yield opened
    for terminal in opened:
        terminal.close()


@pytest.fixture
def session(tmp_path: Path, width: int, terminals: list[Terminal]) -> Terminal:
    """``start`` on the mini pathway in Dutch, in an empty working folder."""
    work = tmp_path / "work"
    work.mkdir()
    terminal = Terminal(["start", "mini", "--pathways", str(MINI), "--lang", "nl"], width, work)
    terminals.append(terminal)
    return terminal


def to_the_offer(t: Terminal) -> None:
    """No danger, no children, no help now: the advice, then the handout offer."""
    for answer in ("2", "2", "2"):
        t.expect("Jouw keuze:")
        t.type(answer)
    t.expect("Samenvatting")
    t.expect("Een handout voor de persoon maken")
    t.expect("1 = ja, 2 = nee:")


def test_the_offer_asks_yes_or_no_and_suggests_a_full_path(session: Terminal, tmp_path: Path) -> None:
    to_the_offer(session)
    session.type("?")
    session.expect("Er staan geen antwoorden in.")
    session.type("1")
    work = tmp_path / "work"
    session.expect(f"Bestandsnaam (.html, .txt of .md). Enter = {work / 'hulp.html'}:")
    session.type("")
    session.expect(f"Handout opgeslagen in {work / 'hulp.html'} (alleen jij kunt het lezen).")
    assert session.finish() == 0
    assert "<!DOCTYPE html>" in (work / "hulp.html").read_text(encoding="utf-8")


def test_a_number_a_quit_or_an_unknown_extension_is_never_a_file_name(session: Terminal, tmp_path: Path) -> None:
    to_the_offer(session)
    session.type("hulp.html")  # an answer to a yes/no question, not a file name
    session.expect("Dat kan niet. Typ 1 (ja) of 2 (nee). Of: ? = waarom, b = terug, q = stoppen.")
    session.type("1")
    session.type("hulp.pdf")
    session.expect("'hulp.pdf' kan niet: de naam moet eindigen op .html, .txt of .md.")
    session.type("q")
    assert session.finish() == 0
    assert list((tmp_path / "work").iterdir()) == []


def test_an_existing_file_is_only_replaced_after_a_yes(session: Terminal, tmp_path: Path) -> None:
    notes = tmp_path / "work" / "notes.txt"
    notes.write_text("mijn notities\n", encoding="utf-8")
    to_the_offer(session)
    session.type("1")
    session.type("notes.txt")
    session.expect(f"{notes} bestaat al. Vervangen? 1 = ja, 2 = nee:")
    session.type("2")
    session.expect("Bestandsnaam")
    session.type("b")  # back to the yes/no question
    session.expect("Een handout voor de persoon maken")
    session.type("2")
    assert session.finish() == 0
    assert notes.read_text(encoding="utf-8") == "mijn notities\n"


def test_q_bang_at_the_offer_clears_screen_and_scrollback(session: Terminal, tmp_path: Path) -> None:
    to_the_offer(session)
    session.type("q!")
    assert session.finish() == 0
    assert session.raw.rstrip().endswith("\x1b[3J\x1b[H\x1b[2J")
    assert list((tmp_path / "work").iterdir()) == []


def test_q_in_the_middle_asks_first_and_b_shows_the_earlier_answer(session: Terminal) -> None:
    session.expect("Jouw keuze:")
    session.type("3")
    session.expect("Jouw keuze:")
    session.type("q")
    session.expect("Stoppen? Je antwoorden worden niet bewaard. 1 = ja, stoppen, 2 = nee, verder:")
    session.type("2")
    session.expect("Jouw keuze:")
    session.type("b")
    session.expect("Is er nu gevaar?")
    session.expect("Eerder gekozen: Weet ik niet")
    session.type("2")
    session.expect("Jouw keuze:")
    session.type("q")
    session.expect("Stoppen?")
    session.type("1")
    session.expect("Gestopt. Er is niets opgeslagen.")
    assert session.finish() == 0


def test_no_offer_where_the_pathway_says_a_handout_is_not_safe(
    tmp_path: Path, width: int, terminals: list[Terminal]
) -> None:
    folder = tmp_path / "pathways"
    shutil.copytree(MINI, folder)
    mini = folder / "mini.yaml"
    mini.write_text(
        mini.read_text(encoding="utf-8").replace("  - id: advice-only\n", "  - id: advice-only\n    handout: false\n"),
        encoding="utf-8",
    )
    work = tmp_path / "work"
    work.mkdir()
    terminal = Terminal(["start", "mini", "--pathways", str(folder), "--lang", "nl"], width, work)
    terminals.append(terminal)
    for answer in ("2", "2", "2"):
        terminal.expect("Jouw keuze:")
        terminal.type(answer)
    terminal.expect("Geen handout: het is nu niet veilig om iets op papier of in een bestand mee te geven.")
    assert terminal.finish() == 0
    assert "Een handout voor de persoon maken" not in terminal.screen


def test_danger_shows_112_at_once_in_the_shipped_pathway(tmp_path: Path, width: int, terminals: list[Terminal]) -> None:
    terminal = Terminal(["start", "--lang", "nl"], width, tmp_path)
    terminals.append(terminal)
    terminal.expect("Jouw keuze:")
    terminal.type("1")
    terminal.expect("Jouw keuze:")
    terminal.type("1")
    shown = terminal.expect("Verder met de vragen?")
    assert "EERST VEILIGHEID" in shown and "\u2022 112 \u00b7 Alarmnummer 112" in shown
    assert "Vraag 3" not in terminal.screen
    lines = ANSI.sub("", terminal.raw).splitlines()
    assert any("\u2066112\u2069 \u00b7 Alarmnummer 112" in line for line in lines)  # whole on one line, isolated
    terminal.type("q!")
    assert terminal.finish() == 0


def test_danger_both_shows_112_with_the_acute_danger_note(
    tmp_path: Path, width: int, terminals: list[Terminal]
) -> None:
    terminal = Terminal(["start", "--lang", "nl"], width, tmp_path)
    terminals.append(terminal)
    terminal.expect("Jouw keuze:")
    terminal.type("1")  # safe to talk
    terminal.expect("Jouw keuze:")
    terminal.type("3")  # danger from someone else and risk of suicide
    shown = terminal.expect("Verder met de vragen?")
    assert (
        "\u2022 112 \u00b7 Alarmnummer 112 " + _note("acute-danger", "politie-112") in shown
    )  # the number's line, then its note
    assert "Alleen als het leven nu in gevaar is" not in shown
    terminal.type("q!")
    assert terminal.finish() == 0


def _note(block_id: str, contact: str) -> str:
    """The Dutch note a block of the shipped pathway gives a contact (the content may change; the rule may not)."""
    block = next(b for b in shipped_pathway().blocks if b.id == block_id)
    note = next(u.note for u in block.contacts if u.contact == contact)
    assert note is not None
    return pick(note, "nl")


COLOUR = re.compile(r"\x1b\[[0-9;]*(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])[;m]")


@pytest.mark.parametrize(
    ("args", "env", "colour", "boxes"),
    [
        ([], {}, True, True),
        ([], {"NO_COLOR": "1"}, False, True),
        (["--plain"], {}, False, False),
    ],
)
def test_no_color_means_no_colour_and_plain_means_no_boxes_either(
    tmp_path: Path,
    width: int,
    terminals: list[Terminal],
    args: list[str],
    env: dict[str, str],
    colour: bool,
    boxes: bool,
) -> None:
    route = ["route", "mini", "--pathways", str(MINI), "-a", "danger=yes", *args]
    terminal = Terminal(route, width, tmp_path, env)
    terminals.append(terminal)
    assert terminal.finish() == 0
    assert terminal.expect("NU BELLEN: wacht niet")
    assert bool(COLOUR.search(terminal.raw)) is colour
    assert any(box in terminal.raw for box in "\u2500\u2502\u256d") is boxes
