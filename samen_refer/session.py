"""The guided, interactive session of ``samen-refer start``: asks questions through the engine, one at a time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.rule import Rule as Line
from rich.text import Text

from samen_refer.language import pick
from samen_refer.messages import say
from samen_refer.pathway import Pathway, Question
from samen_refer.problem import SamenReferError
from samen_refer.route import Route, follow, questions_left
from samen_refer.show import outcome_renderables


class InputEnded(SamenReferError):
    """Standard input ended before the questions were done."""

    exit_code = 3


class QuickExit(Exception):
    """The helper typed ``q!``: leave now and clear the screen."""


@dataclass
class Session:
    """One walk through a pathway, reading choices with ``ask`` and printing to ``console``."""

    pathway: Pathway
    lang: str
    console: Console
    ask: Callable[[str], str]
    plain: bool = False
    show_outcome: bool = True  # an exercise shows the trainee's advice beside the expected one instead

    def run(self) -> Route | None:
        """Ask until the outcome (returned) or until the helper quits (None)."""
        history: dict[str, str] = {}
        while True:
            route = follow(self.pathway, history)
            if route.outcome is not None:
                if self.show_outcome:
                    for item in outcome_renderables(self.pathway, route.outcome, self.lang, self.plain):
                        self.console.print(item)
                return route
            question = route.next_question
            assert question is not None  # a route is either complete or has a next question
            number = len(route.answers) + 1
            choice = self._choose(question, number)
            if choice is None:
                return None
            if choice == "":
                if history:
                    history.popitem()
                else:
                    self.console.print(Text(say("first_question", self.lang)))
                continue
            history[question.id] = choice

    def _choose(self, question: Question, number: int) -> str | None:
        """The option id chosen; '' to go back; None to quit."""
        self._show(question, number)
        while True:
            try:
                raw = self.ask(f"{say('choose', self.lang)}: ")
            except EOFError:
                raise InputEnded(
                    say("ended", self.lang), "Give one answer per line, or use `samen-refer route`."
                ) from None
            typed = raw.strip().lower()
            if typed == "q!":
                raise QuickExit
            if typed in ("q", "quit", "stop"):
                self.console.print(Text(say("quit", self.lang)))
                return None
            if typed in ("b", "back", "terug"):
                return ""
            if typed == "?":
                self.console.print(
                    Text(f"{say('why', self.lang)} ", style="bold") + Text(pick(question.why, self.lang))
                )
                continue
            chosen = (
                question.options[int(typed) - 1]
                if typed.isdigit() and 0 < int(typed) <= len(question.options)
                else None
            )
            chosen = chosen or question.option(typed)
            if chosen is not None:
                self.console.print(Text(f"  \u2192 {pick(chosen.label, self.lang)}", style="green"))
                return chosen.id
            self.console.print(Text(say("unknown_choice", self.lang, n=len(question.options))))

    def _show(self, question: Question, number: int) -> None:
        lang = self.lang
        reminder = pick(self.pathway.reminder, lang) if self.pathway.reminder else say("reminder", lang)
        total = number - 1 + questions_left(self.pathway, question.id)
        self.console.print(Line(Text(reminder, style="bold red"), characters="-" if self.plain else "─"))
        self.console.print(Text(say("progress", lang, n=number, total=total), style="dim"))
        self.console.print(Text(pick(question.text, lang), style="bold"))
        if question.help:
            self.console.print(Text(f"{say('help', lang)}: ", style="italic") + Text(pick(question.help, lang)))
        for n, option in enumerate(question.options, 1):
            self.console.print(Text(f"  {n}. {pick(option.label, lang)}"))
        self.console.print(Text(say("keys", lang), style="dim"))


def clear_terminal(console: Console) -> None:
    """Clear the screen and, where the terminal supports it, its scrollback (quick exit)."""
    if console.is_terminal:
        console.clear()
        console.file.write("\x1b[3J\x1b[H\x1b[2J")  # 3J: scrollback, where the terminal supports it
        console.file.flush()


def offer_handout(
    pathway: Pathway, route: Route, lang: str, console: Console, ask: Callable[[str], str]
) -> Path | None:
    """After the advice, offer a handout for the person (only the organisations, no answers); the written file."""
    try:
        name = ask(f"{say('handout_offer', lang)} ").strip()
    except EOFError:
        return None
    if not name:
        return None
    from samen_refer.handout import handout_data, render
    from samen_refer.problem import printable
    from samen_refer.saving import write_private

    target = Path(name).expanduser()
    fmt = {".html": "html", ".htm": "html", ".md": "md"}.get(target.suffix.lower(), "txt")
    text = render(f"handout/person.{fmt}.j2", handout_data(pathway, route, lang, "person"))
    write_private(name, text, replace=lambda p: _yes(ask(f"{say('handout_replace', lang, path=printable(str(p)))} ")))
    console.print(Text(say("handout_written", lang, path=printable(str(target)))))
    return target


def _yes(answer: str) -> bool:
    return answer.strip().lower() in ("j", "ja", "y", "yes")
