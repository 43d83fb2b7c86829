"""The guided, interactive session of ``samen-refer start``: asks questions through the engine, one at a time.

Every prompt reads the same keys: ``q!`` leaves at once (the command clears the screen), ``q`` stops (after a yes
when answers would be lost), ``?`` says why, ``b`` goes back. A question with one yes and one no among its options
also takes ja, nee, j, n, yes, no and y. After the advice, on a terminal, a menu reads every step or saves a handout
for the helper or the person, until ``q``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final

import rich.rule
from rich.console import Console
from rich.text import Text

from samen_refer.engine.interrupt import interrupt_of_answer
from samen_refer.engine.route import Route, Walk, handout_safe, questions_ahead
from samen_refer.format.language import pick
from samen_refer.format.pathway import Option, Pathway, Question
from samen_refer.format.region import Region, region_of_municipality
from samen_refer.i18n.messages import say
from samen_refer.problem import SamenReferError, printable, shortened
from samen_refer.render.show import (
    print_all_steps,
    print_interrupt,
    print_item,
    print_outcome,
    print_prompt,
    print_text,
)

if TYPE_CHECKING:
    from samen_refer.render.handout import HandoutAudience

YES_WORDS: Final = ("j", "ja", "y", "yes")
NO_WORDS: Final = ("n", "nee", "no")
YES: Final = ("1", *YES_WORDS)
NO: Final = ("2", *NO_WORDS)
BACK: Final = ("b", "back", "terug")
HANDOUT_FORMATS: Final = {".html": "html", ".htm": "html", ".md": "md", ".txt": "txt"}
# the suggested file names: neutral words, as whoever sees the folder reads them
HANDOUT_NAMES: Final[dict[str, str]] = {"person": "hulp.html", "helper": "advies.html"}


class InputEnded(SamenReferError):
    """Standard input ended before the questions were done."""

    exit_code = 3


class QuickExit(Exception):
    """The helper typed ``q!``: leave now and clear the screen."""


class Quit(Exception):
    """The helper typed ``q`` (and said yes when asked to confirm)."""


class GoBack(Exception):
    """The helper typed ``b``."""


@dataclass
class Session:
    """One walk through a pathway, reading choices with ``ask`` and printing to ``console``."""

    pathway: Pathway
    lang: str
    console: Console
    ask: Callable[[str], str]
    plain: bool = False
    show_outcome: bool = True  # an exercise shows the trainee's advice beside the expected one instead
    details: bool = False
    menu: bool = False  # the menu follows the advice (``end_menu``): the steps left out are read there
    region: Region | None = None  # its contacts follow the national ones in the advice and the person's handout
    _earlier: dict[str, str] = field(default_factory=dict)
    _answered: bool = False
    _ahead: dict[str, int] | None = None  # per question, the most questions still ahead (once per session)

    def run(self) -> Route | None:
        """Ask until the outcome (returned) or until the helper quits (None). Each answer costs the same however long
        the pathway is: the walk goes on from where it is (``Walk``), and the questions ahead are counted once."""
        walk = Walk(self.pathway)
        while True:
            question = walk.question
            if question is None:
                route = walk.route(self.region)
                if self.show_outcome and route.outcome is not None:
                    outcome = route.outcome
                    print_outcome(self.console, self.pathway, outcome, self.lang, self.plain, self.details, self.menu)
                return route
            self._answered = bool(walk.answers)
            try:
                walk.answer(self._choose(question, len(walk.answers) + 1))
                if not self._interrupt(walk, question.id):
                    print_text(self.console, say("interrupt_stopped", self.lang))
                    return None
            except GoBack:  # from the safety screen: to the answer that led there; else to the question before
                taken = walk.back()
                if taken is None:
                    print_text(self.console, say("first_question", self.lang))
                else:
                    self._earlier[taken.question] = taken.option
            except Quit:
                print_text(self.console, say("quit", self.lang))
                return None

    def _interrupt(self, walk: Walk, answered: str) -> bool:
        """When the answer to ``answered`` means danger (the pathway's ``interrupt`` blocks), show what to do now;
        False: stop here."""
        interrupt = interrupt_of_answer(self.pathway, walk.answers, answered)
        if interrupt is None or walk.question is None:  # the advice itself comes next, safety first
            return True
        print_interrupt(self.console, interrupt, self.lang, self.plain)
        return self.yes_no(say("interrupt_go_on", self.lang), say("interrupt_why", self.lang))

    def choose_region(self, regions: Sequence[Region]) -> Region | None:
        """Ask in which municipality the helper works, to add that region's help (Enter: national contacts only).
        It asks where the helper works, never where the person lives, and keeps nothing."""
        while True:
            try:
                typed = self.read(say("region_ask", self.lang), say("region_why", self.lang))
            except GoBack:
                return None
            if not typed:
                return None
            found = region_of_municipality(regions, typed)
            if found is not None:
                print_text(self.console, say("region_chosen", self.lang, region=pick(found.name, self.lang)))
                return found
            known = ", ".join(m for r in regions for m in r.municipalities)
            typed_shown = shown(typed, MUNICIPALITY_SHOWN)
            print_text(self.console, say("region_unknown", self.lang, municipality=typed_shown, known=known))

    def read(self, prompt: str, why: str, keep: tuple[str, ...] = ()) -> str:
        """One typed line, stripped; handles ``q!``, ``q``, ``?`` and ``b`` (raised as ``GoBack``)."""
        while True:
            print_prompt(self.console, f"{prompt}:", keep)
            try:
                raw = self.ask("")
            except EOFError:
                raise InputEnded(say("ended", self.lang), say("ended_hint", self.lang)) from None
            typed = raw.strip()
            word = typed.lower()
            if word == "q!":
                raise QuickExit
            if word in ("q", "quit", "stop"):
                if not self._answered or self._confirm_quit():
                    raise Quit
                continue
            if word in BACK:
                raise GoBack
            if word == "?":
                print_text(self.console, why, lead=f"{say('why', self.lang)} ", lead_style="bold")
                continue
            return typed

    def _confirm_quit(self) -> bool:
        print_prompt(self.console, f"{say('confirm_quit', self.lang)}:")
        try:
            typed = self.ask("").strip().lower()
        except EOFError:
            return True  # nothing more can be typed: stopping keeps nothing
        if typed == "q!":
            raise QuickExit
        return typed in (*YES, "q")

    def yes_no(self, prompt: str, why: str, keep: tuple[str, ...] = ()) -> bool:
        """Yes or no (1 or 2, j or n); ``b`` raises ``GoBack``."""
        while True:
            typed = self.read(prompt, why, keep).lower()
            if typed in YES:
                return True
            if typed in NO:
                return False
            print_text(self.console, say("yes_no", self.lang))

    def _choose(self, question: Question, number: int) -> str:
        """The option id chosen."""
        self._show(question, number)
        while True:
            typed = self.read(say("choose", self.lang), pick(question.why, self.lang)).lower()
            chosen = (
                question.options[int(typed) - 1]
                if typed.isdigit() and 0 < int(typed) <= len(question.options)
                else None
            )
            chosen = chosen or question.option(typed) or yes_or_no(question, typed, self.lang)
            if chosen is not None:
                print_item(self.console, pick(chosen.label, self.lang), "  \u2192 ", "    ", "green")
                return chosen.id
            n = len(question.options)
            print_text(self.console, say("unknown_choice_two" if n == 2 else "unknown_choice", self.lang, n=n))

    def _show(self, question: Question, number: int) -> None:
        lang = self.lang
        reminder = pick(self.pathway.reminder, lang) if self.pathway.reminder else say("reminder", lang)
        if self._ahead is None:
            self._ahead = questions_ahead(self.pathway)
        total = number - 1 + self._ahead.get(question.id, 0)
        self.console.print(rich.rule.Rule(Text(reminder, style="bold red"), characters="-" if self.plain else "─"))
        print_text(self.console, say("progress", lang, n=number, total=total), "dim")
        print_text(self.console, pick(question.text, lang), "bold")
        if question.help:
            print_text(self.console, pick(question.help, lang), lead=f"{say('help', lang)}: ", lead_style="italic")
        for n, option in enumerate(question.options, 1):
            print_item(self.console, pick(option.label, lang), f"  {n}. ", " " * len(f"  {n}. "))
        earlier = question.option(self._earlier.pop(question.id, ""))
        if earlier is not None:
            print_text(self.console, say("earlier", lang, label=pick(earlier.label, lang)), "bold")
        print_text(self.console, say("keys", lang), "dim")

    def end_menu(self, route: Route, folder: Path) -> None:
        """After the advice: 1 every step, 2 a handout for the helper, 3 one for the person (only where a handout is
        safe; else it says why not); the menu comes back after each, until ``q``."""
        lang = self.lang
        safe = handout_safe(self.pathway, {a.question: a.option for a in route.answers})
        if not safe:
            print_text(self.console, say("handout_not_safe_person", lang), "bold")
        self._answered = False  # the advice is on screen: q stops without asking
        choices = ("1", "2", "3") if safe else ("1", "2")
        while True:
            self.console.print()
            print_text(self.console, say("menu_title", lang), "bold")
            for key in choices:
                print_item(self.console, say(f"menu.{key}", lang), f"  {key} = ", "      ")
            print_item(self.console, say("menu.q", lang), "  q = ", "      ")
            try:
                typed = self.read(say("choose", lang), say("menu_why", lang)).lower()
            except GoBack:
                print_text(self.console, say("menu_no_back", lang))
                continue
            except Quit:
                return
            if typed == "1" and route.outcome is not None:
                print_all_steps(self.console, self.pathway, route.outcome, lang, self.plain)
            elif typed in ("2", "3") and typed in choices:
                self.save_handout(route, folder, "helper" if typed == "2" else "person")
            elif typed == "3":
                print_text(self.console, say("handout_not_safe_person", lang), "bold")
            else:
                print_text(self.console, say(f"menu_unknown_{len(choices)}", lang))

    def save_handout(self, route: Route, folder: Path, audience: HandoutAudience) -> Path | None:
        """The handout for ``audience``, saved where the helper says: the suggested name is shown with its full folder;
        an existing file is only replaced after a yes; only .txt, .md and .html are written; ``q``: none."""
        lang = self.lang
        why = say("handout_why" if audience == "person" else "handout_why_helper", lang)
        while True:
            try:
                target = self._handout_target(folder, why, audience)
            except Quit:
                print_text(self.console, say("handout_none", lang))
                return None
            if target is None:
                continue
            from samen_refer.render.handout import handout_data, render
            from samen_refer.render.saving import write_private

            fmt = HANDOUT_FORMATS[target.suffix.lower()]
            text = render(f"handout/{audience}.{fmt}.j2", handout_data(self.pathway, route, lang, audience))
            try:  # replacing an existing file was asked in _handout_target; devices and links are still refused
                write_private(target, text, force=True)
            except (OSError, SamenReferError) as error:
                reason = error.told(lang)[0] if isinstance(error, SamenReferError) else (error.strerror or str(error))
                print_prompt(
                    self.console, say("handout_failed", lang, path=shown(target), reason=reason), (shown(target),), "\n"
                )
                continue
            print_prompt(self.console, say("handout_written", lang, path=shown(target)), (shown(target),), "\n")
            return target

    def _handout_target(self, folder: Path, why: str, audience: HandoutAudience) -> Path | None:
        """The file the helper chose, or None to ask again; ``b`` says that there is no going back from here."""
        lang = self.lang
        suggested = _free_name(folder / HANDOUT_NAMES[audience])
        try:
            typed = self.read(say("handout_name", lang, path=shown(suggested)), why, (shown(suggested),))
        except GoBack:
            print_text(self.console, say("handout_no_back", lang))
            return None
        from samen_refer.render.saving import expanded

        try:
            target = suggested if not typed else expanded(typed)
        except SamenReferError as error:  # ~nosuchuser/...: say so and ask again
            print_text(self.console, error.told(lang)[0])
            return None
        if not target.is_absolute():
            target = folder / target
        if target.suffix.lower() not in HANDOUT_FORMATS:
            print_text(self.console, say("handout_extension", lang, name=shown(target.name)))
            return None
        if not target.parent.is_dir():
            parent = shown(target.parent)
            print_prompt(self.console, say("handout_no_folder", lang, folder=parent), (parent,), "\n")
            return None
        exists = target.exists() or target.is_symlink()
        try:
            if exists and not self.yes_no(say("handout_exists", lang, path=shown(target)), why, (shown(target),)):
                return None
        except GoBack:
            print_text(self.console, say("handout_no_back", lang))
            return None
        return target


def yes_or_no(question: Question, typed: str, lang: str) -> Option | None:
    """The option meant by a typed yes or no word (ja, nee, j, n, yes, no, y), where the question has exactly one yes
    and one no among its options: by id, or by the first word of its label ("Ja, het is nu veilig"). Where two
    options start with yes ("Ja, gevaar door ...", "Ja, allebei ..."), a word is not enough: the number is needed."""
    word = typed.strip().lower()
    if word not in (*YES_WORDS, *NO_WORDS):
        return None

    def starts(option: Option, ids: tuple[str, ...]) -> bool:
        first = re.split(r"[^\w]+", pick(option.label, lang).strip().lower(), maxsplit=1)[0]
        return option.id == ids[0] or first in ids

    yes = [o for o in question.options if starts(o, ("yes", "ja"))]
    no = [o for o in question.options if starts(o, ("no", "nee"))]
    if len(yes) != 1 or len(no) != 1 or yes[0] == no[0]:
        return None
    return yes[0] if word in YES_WORDS else no[0]


MUNICIPALITY_SHOWN: Final = 60  # a typed municipality is echoed at most this long


def shown(typed: object, limit: int = 300) -> str:
    """What someone typed (or a path made of it), safe to echo: escape sequences, newlines and direction controls
    shown as ``\\x1b`` and ``\\u202e``, never acted on, and a long paste shortened."""
    return printable(shortened(str(typed), limit))


def _free_name(path: Path) -> Path:
    """``path``, or ``name-2.ext``, ``name-3.ext`` ... when it exists."""
    n = 1
    candidate = path
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def clear_terminal(console: Console) -> None:
    """Clear the screen and, where the terminal supports it, its scrollback (quick exit)."""
    if console.is_terminal:
        console.clear()
        console.file.write("\x1b[3J\x1b[H\x1b[2J")  # 3J: scrollback, where the terminal supports it
        console.file.flush()
