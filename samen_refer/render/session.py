"""The guided, interactive session of ``samen-refer start``: asks questions through the engine, one at a time.

Every prompt reads the same keys: ``q!`` leaves at once (the command clears the screen), ``q`` stops (after a yes
when answers would be lost), ``?`` says why, ``b`` goes back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import rich.rule
from rich.console import Console
from rich.text import Text

from samen_refer.engine.interrupt import interrupt_of_answer
from samen_refer.engine.route import Route, Walk, handout_safe, questions_ahead
from samen_refer.format.language import pick
from samen_refer.format.pathway import Pathway, Question
from samen_refer.format.region import Region, region_of_municipality
from samen_refer.i18n.messages import say
from samen_refer.problem import SamenReferError, printable, shortened
from samen_refer.render.show import print_interrupt, print_item, print_outcome, print_prompt

YES: Final = ("1", "j", "ja", "y", "yes")
NO: Final = ("2", "n", "nee", "no")
BACK: Final = ("b", "back", "terug")
HANDOUT_FORMATS: Final = {".html": "html", ".htm": "html", ".md": "md", ".txt": "txt"}
HANDOUT_NAME: Final = "hulp.html"


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
                    print_outcome(self.console, self.pathway, route.outcome, self.lang, self.plain, self.details)
                return route
            self._answered = bool(walk.answers)
            try:
                walk.answer(self._choose(question, len(walk.answers) + 1))
                if not self._interrupt(walk, question.id):
                    self.console.print(Text(say("interrupt_stopped", self.lang)))
                    return None
            except GoBack:  # from the safety screen: to the answer that led there; else to the question before
                taken = walk.back()
                if taken is None:
                    self.console.print(Text(say("first_question", self.lang)))
                else:
                    self._earlier[taken.question] = taken.option
            except Quit:
                self.console.print(Text(say("quit", self.lang)))
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
                self.console.print(Text(say("region_chosen", self.lang, region=pick(found.name, self.lang))))
                return found
            known = ", ".join(m for r in regions for m in r.municipalities)
            typed_shown = shown(typed, MUNICIPALITY_SHOWN)
            self.console.print(Text(say("region_unknown", self.lang, municipality=typed_shown, known=known)))

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
                self.console.print(Text(f"{say('why', self.lang)} ", style="bold") + Text(why))
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
            self.console.print(Text(say("yes_no", self.lang)))

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
            chosen = chosen or question.option(typed)
            if chosen is not None:
                self.console.print(Text(f"  \u2192 {pick(chosen.label, self.lang)}", style="green"))
                return chosen.id
            n = len(question.options)
            self.console.print(Text(say("unknown_choice_two" if n == 2 else "unknown_choice", self.lang, n=n)))

    def _show(self, question: Question, number: int) -> None:
        lang = self.lang
        reminder = pick(self.pathway.reminder, lang) if self.pathway.reminder else say("reminder", lang)
        if self._ahead is None:
            self._ahead = questions_ahead(self.pathway)
        total = number - 1 + self._ahead.get(question.id, 0)
        self.console.print(rich.rule.Rule(Text(reminder, style="bold red"), characters="-" if self.plain else "─"))
        self.console.print(Text(say("progress", lang, n=number, total=total), style="dim"))
        self.console.print(Text(pick(question.text, lang), style="bold"))
        if question.help:
            self.console.print(Text(f"{say('help', lang)}: ", style="italic") + Text(pick(question.help, lang)))
        for n, option in enumerate(question.options, 1):
            print_item(self.console, pick(option.label, lang), f"  {n}. ", " " * len(f"  {n}. "))
        earlier = question.option(self._earlier.pop(question.id, ""))
        if earlier is not None:
            self.console.print(Text(say("earlier", lang, label=pick(earlier.label, lang)), style="bold"))
        self.console.print(Text(say("keys", lang), style="dim"))

    def offer_handout(self, route: Route, folder: Path) -> Path | None:
        """After the advice: a handout for the person (only the organisations), asked yes or no first.

        No offer when a block of the advice says a handout is not safe. The suggested name is shown with its full
        folder; an existing file is only replaced after a yes; only .txt, .md and .html are written.
        """
        lang = self.lang
        if not handout_safe(self.pathway, {a.question: a.option for a in route.answers}):
            self.console.print(Text(say("handout_not_safe", lang), style="bold"))
            return None
        self._answered = False  # the advice is on screen: q stops without asking
        why = say("handout_why", lang)
        while True:
            try:
                if not self.yes_no(say("handout_offer", lang), why):
                    return None
                while True:
                    target = self._handout_target(folder, why)
                    if target is not None:
                        break
            except GoBack:
                continue
            except Quit:
                return None
            from samen_refer.render.handout import handout_data, render
            from samen_refer.render.saving import write_private

            fmt = HANDOUT_FORMATS[target.suffix.lower()]
            text = render(f"handout/person.{fmt}.j2", handout_data(self.pathway, route, lang, "person"))
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

    def _handout_target(self, folder: Path, why: str) -> Path | None:
        """The file the helper chose, or None to ask again; ``b`` goes back to the yes/no question."""
        lang = self.lang
        suggested = _free_name(folder / HANDOUT_NAME)
        typed = self.read(say("handout_name", lang, path=shown(suggested)), why, (shown(suggested),))
        from samen_refer.render.saving import expanded

        try:
            target = suggested if not typed else expanded(typed)
        except SamenReferError as error:  # ~nosuchuser/...: say so and ask again
            self.console.print(Text(error.told(lang)[0]))
            return None
        if not target.is_absolute():
            target = folder / target
        if target.suffix.lower() not in HANDOUT_FORMATS:
            self.console.print(Text(say("handout_extension", lang, name=shown(target.name))))
            return None
        if not target.parent.is_dir():
            parent = shown(target.parent)
            print_prompt(self.console, say("handout_no_folder", lang, folder=parent), (parent,), "\n")
            return None
        exists = target.exists() or target.is_symlink()
        if exists and not self.yes_no(say("handout_exists", lang, path=shown(target)), why, (shown(target),)):
            return None
        return target


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
