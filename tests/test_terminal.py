"""``start`` in a real pseudo-terminal at 40 and 80 columns: the prompts a key person meets, as they meet them."""

from __future__ import annotations

import fcntl
import os
import re
import select
import shlex
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
from tests.conftest import MINI, missing, shipped_pathway

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


def to_the_menu(t: Terminal) -> None:
    """No danger, no children, no help now: the advice, then the menu."""
    for answer in ("2", "2", "2"):
        t.expect("Jouw keuze:")
        t.type(answer)
    t.expect("Samenvatting")
    t.expect("Wat wil je nu doen?")
    t.expect("q = stoppen Jouw keuze:")


def test_the_menu_comes_back_after_each_choice_until_q(session: Terminal, tmp_path: Path) -> None:
    to_the_menu(session)
    session.type("1")  # every step, without starting over (UX U4)
    shown = session.expect("q = stoppen Jouw keuze:")
    assert "Alle stappen" in shown and "(omdat: Wat wil de persoon nu? \u2192 Nu geen hulp)" in shown
    assert "Je kunt zeggen: \u201cJe mag altijd terugkomen.\u201d" in shown
    session.type("2")  # the helper's handout, with its own name
    work = tmp_path / "work"
    session.expect(f"Bestandsnaam (.html, .txt of .md). Enter = {work / 'advies.html'}:")
    session.type("")
    session.expect(f"Handout opgeslagen in {work / 'advies.html'} (alleen jij kunt het lezen).")
    session.expect("q = stoppen Jouw keuze:")
    session.type("3")  # and the person's
    session.type("?")
    session.expect("Er staan geen antwoorden in.")
    session.expect(f"Enter = {work / 'hulp.html'}:")
    session.type("")
    session.expect(f"Handout opgeslagen in {work / 'hulp.html'}")
    session.expect("q = stoppen Jouw keuze:")
    session.type("q")
    assert session.finish() == 0
    helper = (work / "advies.html").read_text(encoding="utf-8")
    person = (work / "hulp.html").read_text(encoding="utf-8")
    assert "Nu geen hulp" in helper and "Nu geen hulp" not in person  # the answers only in the helper's


def test_a_number_a_quit_or_an_unknown_extension_is_never_a_file_name(session: Terminal, tmp_path: Path) -> None:
    to_the_menu(session)
    session.type("hulp.html")  # an answer to the menu, not a file name
    session.expect("Dat kan niet. Typ 1, 2, 3 of q. Of: ? = waarom.")
    session.type("3")
    session.type("hulp.pdf")
    session.expect("'hulp.pdf' kan niet: de naam moet eindigen op .html, .txt of .md.")
    session.type("q")  # no handout, back to the menu
    session.expect("Er is geen handout gemaakt.")
    session.expect("q = stoppen Jouw keuze:")
    session.type("q")
    assert session.finish() == 0
    assert list((tmp_path / "work").iterdir()) == []


def test_an_existing_file_is_only_replaced_after_a_yes_and_b_cannot_go_back(session: Terminal, tmp_path: Path) -> None:
    notes = tmp_path / "work" / "notes.txt"
    notes.write_text("mijn notities\n", encoding="utf-8")
    to_the_menu(session)
    session.type("b")
    session.expect("Terug kan hier niet: de vragen zijn klaar.")
    session.type("3")
    session.type("notes.txt")
    session.expect(f"{notes} bestaat al. Vervangen? 1 = ja, 2 = nee:")
    session.type("nee")
    session.expect("Bestandsnaam")
    session.type("b")  # says so, and asks again (UX U8)
    session.expect(
        "Terug kan hier niet. Typ een bestandsnaam, Enter voor de voorgestelde naam, of q voor geen handout."
    )
    session.expect("Bestandsnaam")
    session.type("q")
    session.expect("q = stoppen Jouw keuze:")
    session.type("q")
    assert session.finish() == 0
    assert notes.read_text(encoding="utf-8") == "mijn notities\n"


def test_q_bang_at_the_menu_clears_screen_and_scrollback(session: Terminal, tmp_path: Path) -> None:
    to_the_menu(session)
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
    session.type("ja")
    session.expect("Gestopt. Er is niets opgeslagen.")
    assert session.finish() == 0


@pytest.mark.parametrize(("typed", "chosen"), [("ja", "Ja"), ("j", "Ja"), ("nee", "Nee"), ("n", "Nee")])
def test_ja_and_nee_answer_a_yes_no_question(session: Terminal, typed: str, chosen: str) -> None:
    session.expect("Jouw keuze:")
    session.type("2")
    session.expect("Zijn er kinderen bij betrokken?")
    session.expect("Jouw keuze:")
    session.type(typed)
    session.expect(f"\u2192 {chosen}")
    session.expect("Wat wil de persoon nu?")
    session.type("q!")
    assert session.finish() == 0


def test_ja_is_not_enough_where_two_answers_start_with_ja(
    tmp_path: Path, width: int, terminals: list[Terminal]
) -> None:
    terminal = Terminal(["start", "--lang", "nl"], width, tmp_path)
    terminals.append(terminal)
    terminal.expect("Jouw keuze:")
    terminal.type("ja")  # safe to talk: one yes, one no
    terminal.expect("\u2192 Ja, het is nu veilig")
    terminal.expect("Jouw keuze:")
    terminal.type("ja")  # danger: three answers start with "Ja"
    terminal.expect("Dat kan niet. Typ een nummer van 1 tot en met 5.")
    terminal.type("q!")
    assert terminal.finish() == 0


def test_where_a_handout_is_not_safe_the_menu_says_why_and_offers_only_yours(
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
    why = "Geen handout voor de persoon: het is nu niet veilig om iets op papier of in een bestand mee te geven."
    menu = terminal.expect(why) + terminal.expect("q = stoppen Jouw keuze:")
    assert "2 = handout voor jezelf" in menu and "3 =" not in menu
    terminal.type("3")
    terminal.expect(why)
    terminal.expect("q = stoppen Jouw keuze:")
    terminal.type("q")
    assert terminal.finish() == 0
    assert list(work.iterdir()) == []


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


# --- in tmux: what a terminal draws of a whole session, at 40 and 80 columns ---------------------------------------

# situation (a) of the UX review: sexual violence 2 days ago, in the asylum procedure, no police; ja and nee typed
# where a question has one yes and one no
SITUATION_A = {
    "safe_to_talk": "ja",
    "danger": "4",
    "helper": "1",
    "violence": "1",
    "household": "nee",
    "timing": "2",
    "recent_assault": "1",
    "where": "1",
    "children": "nee",
    "residence": "1",
    "consent": "1",
    "report": "nee",
    "interpreter": "nee",
}
URL = re.compile(r"\s*(\S+: )?https?://\S+")
GO_ON = "Verder met de vragen?"


class Tmux:
    """``samen-refer`` on a real terminal drawn by tmux; ``history`` is every row, wrapped rows joined again (-J)."""

    def __init__(self, args: list[str], width: int, cwd: Path) -> None:
        tmux = shutil.which("tmux")
        if tmux is None:
            missing("apt-get install tmux")
        self.run = [tmux, "-u", "-L", f"samen-refer-terminal-{os.getpid()}-{width}", "-f", "/dev/null"]
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
        env |= {"LANG": "C.UTF-8", "TERM": "xterm-256color", "HOME": str(cwd)}
        command = f"cd {shlex.quote(str(cwd))} && {shlex.join([sys.executable, '-m', 'samen_refer', *args])}"
        subprocess.run(
            [*self.run, "new-session", "-d", "-x", str(width), "-y", "40", f"{command}; echo END-OF-RUN; sleep 60"],
            env=env,
            check=True,
        )
        subprocess.run([*self.run, "set-option", "-g", "history-limit", "50000"], check=True)

    def history(self) -> list[str]:
        captured = subprocess.run(
            [*self.run, "capture-pane", "-p", "-J", "-S", "-", "-t", "0"], capture_output=True, text=True, check=True
        ).stdout
        return [UNSHOWN.sub("", line).rstrip() for line in captured.splitlines()]

    def type(self, keys: str) -> None:
        subprocess.run([*self.run, "send-keys", "-t", "0", "-l", keys], check=True)
        subprocess.run([*self.run, "send-keys", "-t", "0", "Enter"], check=True)

    def wait(self, *texts: str, times: int = 1) -> str:
        """The screen once ``texts`` show ``times`` times in all."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            screen = " ".join(" ".join(self.history()).split())
            if sum(screen.count(text) for text in texts) >= times:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"never shown {times} times: {texts!r}\n{screen[-2000:]}")

    def close(self) -> None:
        subprocess.run([*self.run, "kill-server"], capture_output=True, check=False)


def test_a_whole_session_fits_the_terminal_with_ja_nee_and_the_menu(tmp_path: Path, width: int) -> None:
    """Situation (a) walked with ja and nee, then every step (menu 1): every row fits, no number is split, a long
    name wraps with a hanging indent under its text, a web address may stand alone on its row (UX U4, U7, U8)."""
    sggg = shipped_pathway()
    questions = {pick(q.text, "nl"): q.id for q in sggg.questions}
    terminal = Tmux(["start", "--lang", "nl"], width, tmp_path)
    try:
        prompts = 0
        while "Wat wil je nu doen?" not in (screen := terminal.wait("Jouw keuze:", GO_ON, times=prompts + 1)):
            prompts += 1
            if screen.endswith(GO_ON + " 1 = ja, 2 = nee (stoppen):"):  # the safety screen: go on
                terminal.type("ja")
                continue
            last = screen.rsplit("Jouw keuze:", 2)[-2]
            asked = max(questions, key=lambda text: last.rfind(text))
            terminal.type(SITUATION_A[questions[asked]])
            assert prompts < 30, "the walk does not end"
        terminal.type("1")
        screen = terminal.wait("Wat wil je nu doen?", times=2)
        terminal.type("q")
        terminal.wait("END-OF-RUN")
        rows = terminal.history()
    finally:
        terminal.close()
    assert (
        "Alle stappen" in screen
        and "(omdat: Om welke vorm van geweld gaat het vooral? \u2192 Seksueel geweld" in screen
    )
    shown = rows[: rows.index("END-OF-RUN")]
    assert [row for row in shown if len(row) > width and not URL.fullmatch(row)] == []
    text = "\n".join(shown)
    phones = {c.phone for c in sggg.contacts.values() if c.phone and c.phone in " ".join(text.split())}
    assert {"0800-0188", "112"} <= phones
    assert [phone for phone in phones if not any(phone in row for row in shown)] == []  # whole on one row
    names = [pick(c.name, "nl") for c in sggg.contacts.values()]
    wrapped = [name for name in names if len(name) > width - 6 and name in " ".join(text.split())]
    assert wrapped or width == 80
    for name in wrapped:  # split over rows: each row after the first hangs under the text, not at the edge
        assert split_rows(name, shown), name
        assert all(row.startswith("   ") for rows_ in split_rows(name, shown) for row in rows_[1:]), name


def split_rows(name: str, rows: list[str]) -> list[list[str]]:
    """Every place where ``name`` runs over more than one row: those rows."""
    words = name.split()
    found = []
    for i, row in enumerate(rows):
        for k in range(1, len(words)):
            if row.endswith(" ".join(words[:k])) and name in " ".join(" ".join([row, *rows[i + 1 : i + 3]]).split()):
                end = next(j for j in range(i + 1, len(rows)) if words[-1] in rows[j])
                found.append(rows[i : end + 1])
                break
    return found
