"""R9: every phone number on every output is a left-to-right isolate, so a contact's name in Arabic (or a right-to-left
page) cannot reorder it: in text between U+2066 and U+2069, in HTML a ``<bdi dir="ltr">`` holding exactly the number.
The isolates take no room, and where the output encoding lacks them they are left out, not shown as '?'."""

from __future__ import annotations

import html
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from samen_refer.checks.load import open_pathway
from samen_refer.cli.app import app
from samen_refer.engine.interrupt import interrupt_after
from samen_refer.format.library import Library
from samen_refer.render.direction import LRI, PDI, isolated, shown_len
from samen_refer.render.result import interrupt_lines, wrap_lines
from samen_refer.render.twee import story_twee
from samen_refer.render.web.page import build_page
from tests.conftest import MINI, missing
from tests.test_validate import SCENARIO

runner = CliRunner()
# the test pathway's contacts with names in Arabic and numbers with spaces, which a right-to-left context reorders
# ("012 345 67 89" drawn as "89 67 345 012"); the numbers are made up, for this test only
NUMBERS = {
    "112": "012 345 67 89",
    "0800-2000": "0800 000 00 01",
    "0900-0101": "+31 6 000 000 02",
    "0900-8844": "0900 000 03",
}
NAMES = {
    "Alarmnummer 112, en: Emergency number 112": "'\u0637\u0648\u0627\u0631\u0626 Alarm', en: '\u0637\u0648\u0627\u0631\u0626 Alarm'",
    "Veilig Thuis, en: Veilig Thuis": "'\u0627\u0644\u0628\u064a\u062a \u0627\u0644\u0622\u0645\u0646', en: '\u0627\u0644\u0628\u064a\u062a'",
    "Slachtofferhulp Nederland, en: Victim Support Netherlands": "'\u0636\u062d\u0627\u064a\u0627', en: '\u0636\u062d\u0627\u064a\u0627'",
    "Politie (geen spoed), en: Police (non-emergency)": "'\u0634\u0631\u0637\u0629', en: '\u0634\u0631\u0637\u0629'",
}  # fmt: skip
ANSWERS = {"danger": "danger: yes\n", "all": "danger: no\nchildren: yes\nconsent: referral\nreport: yes\n"}
ISOLATED = re.compile(f"{LRI}([^{PDI}]*){PDI}")


def arabic_pathways(folder: Path) -> Path:
    """The test pathway in ``folder`` with its contacts' names in Arabic, their numbers made up; a scenario; and
    beside the folder the answers files of ``ANSWERS``."""
    shutil.copytree(MINI, folder)
    contacts = (folder / "contacts.yaml").read_text(encoding="utf-8")
    for old, new in [*((f'phone: "{a}"', f'phone: "{b}"') for a, b in NUMBERS.items()), *NAMES.items()]:
        assert old in contacts, old
        contacts = contacts.replace(old, new)
    (folder / "contacts.yaml").write_text(contacts, encoding="utf-8")
    (folder / "scenarios").mkdir()
    (folder / "scenarios" / "s1.yaml").write_text(SCENARIO, encoding="utf-8")
    for name, text in ANSWERS.items():
        (folder.parent / f"{name}.answers.yaml").write_text(text, encoding="utf-8")
    assert runner.invoke(app, ["validate", str(folder)]).exit_code == 0
    return folder


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return arabic_pathways(tmp_path_factory.mktemp("arabic") / "p")


def text_outputs(folder: Path) -> Iterator[tuple[str, list[str], str]]:
    """(name, arguments, input) of every command that shows phone numbers as text."""
    p = ["--pathways", str(folder)]
    for name in ANSWERS:
        answers = ["--answers", str(folder.parent / f"{name}.answers.yaml")]
        for plain in ([], ["--plain"]):
            yield f"route-{name}{''.join(plain)}", ["route", "mini", *p, *answers, *plain], ""
            yield f"route-{name}-details{''.join(plain)}", ["route", "mini", *p, *answers, "--details", *plain], ""
        for fmt in ("txt", "md"):
            for audience in ("helper", "person"):
                yield f"handout-{name}-{audience}.{fmt}", ["handout", "mini", *p, *answers, "--format", fmt,
                                                           "--audience", audience], ""  # fmt: skip
    yield "contacts", ["contacts", *p], ""
    yield "contacts--plain", ["contacts", *p, "--plain"], ""
    yield "start", ["start", "mini", *p, "--plain"], "no\nyes\nreferral\nyes\n"
    yield "scenarios-run", ["scenarios", "run", "s1", *p, "--plain"], "yes\n"


def shown_numbers(text: str) -> list[str]:
    """The numbers of the contacts file where ``text`` shows them, each isolated or not."""
    return re.findall("|".join(re.escape(n) for n in NUMBERS.values()), text)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_number_shown_as_text_is_isolated(arabic: Path, lang: str) -> None:
    for name, args, typed in text_outputs(arabic):
        result = runner.invoke(app, [*args, "--lang", lang], input=typed, env={"COLUMNS": "80"})
        assert result.exit_code == 0, (name, result.output)
        out = result.stdout
        isolated_numbers = [number.replace("\\", "") for number in ISOLATED.findall(out)]  # md escapes the '+'
        assert isolated_numbers, name
        assert set(isolated_numbers) <= set(NUMBERS.values()), name
        assert shown_numbers(ISOLATED.sub("", out).replace("\\+", "+")) == [], name  # none outside an isolate


def test_the_number_keeps_its_line_with_the_isolates_taking_no_room(arabic: Path) -> None:
    """40 columns: a line with a number fits in 40 characters as the screen shows them, and no number is cut."""
    for name, args, typed in text_outputs(arabic):
        if name.startswith("handout"):
            continue  # files, wrapped at 78 columns by the txt template
        result = runner.invoke(app, [*args, "--lang", "nl"], input=typed, env={"COLUMNS": "40"})
        lines = result.stdout.splitlines()
        assert all(shown_len(line) <= 40 for line in lines if LRI in line), name
        assert len(shown_numbers(result.stdout)) == len(ISOLATED.findall(result.stdout)), name  # none split


@given(st.lists(st.sampled_from(["bel", "\u0634\u0631\u0637\u0629", *NUMBERS.values(), "\u00b7"]), max_size=20))
def test_wrapping_counts_the_isolates_as_no_room_and_never_splits_a_number(words: list[str]) -> None:
    text = " ".join(isolated(w) if w in NUMBERS.values() else w for w in words)
    for width in (12, 20, 40):
        lines = wrap_lines(text, width)
        assert " ".join(lines) == text
        # a line is wider only when it is one number that is wider (with the separator that follows it)
        assert all(shown_len(line) <= width or ISOLATED.fullmatch(line.removesuffix(" \u00b7")) for line in lines)
        assert all(line.count(LRI) == line.count(PDI) for line in lines)


def test_the_safety_screen_isolates_every_number() -> None:
    sggg = open_pathway(Library.open(None), "sggg")
    interrupt = interrupt_after(sggg, {"safe_to_talk": "yes"}, {"safe_to_talk": "yes", "danger": "both"})
    assert interrupt is not None
    shown = "\n".join(line.text for line in interrupt_lines(interrupt, "nl", 40, True))
    calls = [call.contact.phone for call in interrupt.calls if call.contact.phone]
    assert calls and all(isolated(phone) in shown for phone in calls)


def test_the_twine_story_isolates_every_number_with_character_references(arabic: Path) -> None:
    story = story_twee(open_pathway(Library.open(arabic), "mini"), "nl")
    found = [html.unescape(number) for number in re.findall("&#8294;(.*?)&#8297;", story)]
    assert sorted(set(found)) == sorted(NUMBERS.values())
    assert shown_numbers(html.unescape(re.sub("&#8294;(.*?)&#8297;", "", story))) == []


def html_numbers(page: str) -> tuple[list[str], list[str]]:
    """The numbers each alone in a ``<bdi dir="ltr">``, and the numbers anywhere else in the text (not the data)."""
    html5lib = pytest.importorskip("html5lib")
    isolated_numbers: list[str] = []
    elsewhere: list[str] = []

    def visit(element: Any) -> None:
        if element.tag == "noscript" and len(element) == 0:  # read as text, as a browser with scripts does
            visit(html5lib.parse(element.text or "", namespaceHTMLElements=False))
        elif element.tag == "bdi" and element.get("dir") == "ltr" and len(element) == 0:
            isolated_numbers.append(element.text or "")
        elif element.tag not in ("script", "style"):
            elsewhere.extend(shown_numbers(element.text or ""))
            for child in element:
                visit(child)
        elsewhere.extend(shown_numbers(element.tail or ""))

    visit(html5lib.parse(page, namespaceHTMLElements=False))
    return isolated_numbers, elsewhere


@pytest.mark.parametrize("audience", ["helper", "person"])
@pytest.mark.parametrize("name", ANSWERS)
def test_every_number_in_an_html_handout_is_exactly_a_bdi_left_to_right(arabic: Path, name: str, audience: str) -> None:
    answers = ["--answers", str(arabic.parent / f"{name}.answers.yaml")]
    args = ["handout", "mini", "--pathways", str(arabic), *answers, "--format", "html", "--audience", audience]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    isolated_numbers, elsewhere = html_numbers(result.stdout)
    assert (bool(isolated_numbers), set(isolated_numbers) <= set(NUMBERS.values()), elsewhere) == (True, True, [])
    assert 'href="tel:0123456789"' in result.stdout or name != "danger"  # the tel: link from the checked field


def test_the_phone_guide_without_javascript_isolates_every_number(arabic: Path) -> None:
    isolated_numbers, elsewhere = html_numbers(build_page(open_pathway(Library.open(arabic), "mini"), "nl"))
    assert (isolated_numbers, elsewhere) == ([NUMBERS["112"], NUMBERS["0800-2000"]], [])


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "ascii:replace"])
def test_an_output_without_the_isolates_leaves_them_out_rather_than_show_a_question_mark(
    arabic: Path, encoding: str
) -> None:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": "80"}
    args = ["route", "mini", "--pathways", str(arabic), "--answers", str(arabic.parent / "all.answers.yaml"), "--plain"]
    done = subprocess.run(
        [sys.executable, "-m", "samen_refer", *args], capture_output=True, env=env, timeout=60, check=False
    )
    out = done.stdout.decode(encoding.split(":")[0])
    assert done.returncode == 0, done.stderr
    bullet, dot = ("?", "\u00b7") if encoding == "latin-1" else ("?", "?")
    assert f"  {bullet} 0800 000 00 01 {dot} ????? ????? {dot} " in out  # the Arabic name is '?'
    assert all(f"?{n}" not in out and f"{n}?" not in out for n in NUMBERS.values())


@pytest.mark.parametrize("width", [40, 80])
@pytest.mark.parametrize("command", ["route", "contacts", "start"])
def test_in_a_terminal_the_isolates_take_no_room_and_no_number_is_cut(arabic: Path, width: int, command: str) -> None:
    """tmux draws what the command prints: a row for each laid-out line (a longer one, a web address, goes on in
    the next rows), each number whole on one row; were an isolate a column wide, the rows would break elsewhere."""
    tmux = shutil.which("tmux")
    if tmux is None:
        missing("apt-get install tmux")
    args, typed = {
        "route": (["route", "mini", "--answers", str(arabic.parent / "all.answers.yaml"), "--details"], ""),
        "contacts": (["contacts"], ""),
        "start": (["start", "mini"], "no\nyes\nreferral\nyes\nn\n"),
    }[command]
    args = [*args, "--pathways", str(arabic), "--lang", "nl", "--plain"]
    shown = runner.invoke(app, args, input=typed, env={"COLUMNS": str(width)}).stdout
    rows = []
    for line in shown.replace(LRI, "").replace(PDI, "").splitlines():
        rows += [line[i : i + width] for i in range(0, max(len(line), 1), width)]  # how a terminal goes on
    feed = arabic.parent / f"{command}-{width}.typed"
    feed.write_text(typed, encoding="utf-8")
    run = f"{shlex.join([sys.executable, '-m', 'samen_refer', *args])} < {shlex.quote(str(feed))}; echo END-OF-RUN"
    socket = ["-L", f"samen-refer-test-{os.getpid()}-{command}-{width}"]
    env = {**os.environ, "LANG": "C.UTF-8", "TERM": "xterm-256color"}
    env.pop("COLUMNS", None)
    tmux_run = [tmux, "-u", *socket, "-f", "/dev/null"]
    subprocess.run(
        [*tmux_run, "new-session", "-d", "-x", str(width), "-y", "300", f"{run}; sleep 60"], env=env, check=True
    )
    try:
        deadline, screen = time.monotonic() + 30, ""
        while "END-OF-RUN" not in screen and time.monotonic() < deadline:
            time.sleep(0.2)
            screen = subprocess.run([*tmux_run, "capture-pane", "-p", "-t", "0"], capture_output=True, text=True).stdout
    finally:
        subprocess.run([*tmux_run, "kill-server"], capture_output=True, check=False)
    drawn = screen.replace(LRI, "").replace(PDI, "").split("END-OF-RUN")[0].rstrip("\n").splitlines()
    assert [row.rstrip() for row in drawn] == [row.rstrip() for row in rows]
    assert sorted(set(shown_numbers("\n".join(drawn)))) == sorted(set(shown_numbers(shown)))  # whole, on one row
