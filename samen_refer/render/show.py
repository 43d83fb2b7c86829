"""Printing for people: the only module besides ``session`` that uses Rich.

Every text from YAML goes through ``rich.text.Text`` (never parsed as markup). ``plain`` output (for screen readers,
``--plain``) has no boxes, tables or colour: numbered lines only.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import rich.rule
from rich.console import Console, Group
from rich.text import Text

from samen_refer.engine.interrupt import Interrupt
from samen_refer.engine.route import Outcome, Route
from samen_refer.format.contact import Contact
from samen_refer.format.language import pick
from samen_refer.format.pathway import Pathway
from samen_refer.i18n.messages import say
from samen_refer.render.direction import isolated
from samen_refer.render.result import Line, all_steps_lines, interrupt_lines, result_lines, wrap_lines

URGENCY_STYLE = {"emergency": "bold white on red", "urgent": "bold black on yellow", "soon": "bold", "routine": "bold"}
# every line is laid out by ``result`` at the console's width; Rich must not wrap (or cut) it again


def make_console(plain: bool = False, stderr: bool = False) -> Console:
    """A console that never interprets markup or emoji in data, honouring NO_COLOR and ``--plain``."""
    return Console(
        stderr=stderr,
        highlight=False,
        emoji=False,
        markup=False,
        no_color=plain or "NO_COLOR" in os.environ,
        color_system=None if plain else "auto",  # --plain: no escape codes at all, even with FORCE_COLOR
        soft_wrap=False,
        file=sys.stderr if stderr else sys.stdout,
    )


def print_lines(console: Console, lines: Sequence[Line], plain: bool) -> None:
    """Print laid-out lines as they are: never wrapped again, never cut (see ``result``)."""
    pending: list[Line] = []

    def flush() -> None:
        if pending:
            text = Text(no_wrap=True, overflow="ignore")
            for n, line in enumerate(pending):
                style = "" if plain else URGENCY_STYLE.get(line.style.removeprefix("urgency."), line.style)
                text.append(f"{line.text}\n" if n < len(pending) - 1 else line.text, style)
            console.print(text, no_wrap=True, overflow="ignore", crop=False)
            pending.clear()

    for line in lines:
        if line.style == "rule":
            flush()
            console.print(rich.rule.Rule(Text(line.text, style="bold"), characters="-" if plain else "\u2500"))
        else:
            pending.append(line)
    flush()


def print_outcome(
    console: Console, pathway: Pathway, outcome: Outcome, lang: str, plain: bool, details: bool, menu: bool = False
) -> None:
    """The advice: summary, steps and contacts as a list, summary again (everything with ``details``); with ``menu``
    the steps left out are offered at the menu that follows."""
    print_lines(console, result_lines(pathway, outcome, lang, console.size.width, plain, details, menu), plain)


def print_all_steps(console: Console, pathway: Pathway, outcome: Outcome, lang: str, plain: bool) -> None:
    """Every step, with what to say and why, and the summary again (``start``'s menu)."""
    print_lines(console, all_steps_lines(pathway, outcome, lang, console.size.width, plain), plain)


def print_text(console: Console, text: str, style: str = "", lead: str = "", lead_style: str = "") -> None:
    """A text laid out at the console's width (no number split), ``lead`` before it in ``lead_style``."""
    lines = wrap_lines(f"{lead}{text}", console.size.width)
    shown = Text("\n".join(lines), style=style, no_wrap=True, overflow="ignore")
    if lead and lead_style:
        shown.stylize(lead_style, 0, len(lead.rstrip()))
    console.print(shown, no_wrap=True, overflow="ignore", crop=False)


def print_prompt(console: Console, text: str, keep: Sequence[str] = (), end: str = " ") -> None:
    """A prompt (or with ``end='\\n'`` a message), laid out at the console's width without splitting a path."""
    lines = wrap_lines(text, console.size.width, keep=keep)
    console.print(Text("\n".join(lines)), end=end, no_wrap=True, overflow="ignore", crop=False)


def print_item(console: Console, text: str, first: str, rest: str, style: str = "") -> None:
    """A numbered item whose wrapped lines hang under its text, not under its number."""
    print_lines(console, [Line(t, style) for t in wrap_lines(text, console.size.width, first, rest)], plain=False)


def print_interrupt(console: Console, interrupt: Interrupt, lang: str, plain: bool) -> None:
    """The safety screen shown at once when an answer means danger."""
    print_lines(console, interrupt_lines(interrupt, lang, console.size.width, plain), plain)


def _contact_lines(c: Contact, lang: str) -> list[str]:
    lines = [pick(c.does, lang)]
    if c.after_call:
        lines.append(pick(c.after_call, lang))
    if c.hours:
        lines.append(f"{say('col.hours', lang)}: {pick(c.hours, lang)}")
    if c.url:
        lines.append(c.url)
    return lines


def print_route(
    console: Console, pathway: Pathway, route: Route, lang: str, plain: bool, details: bool = False
) -> None:
    """The text form of ``samen-refer route``."""
    console.print(Text(pick(pathway.title, lang), style="bold"))
    console.print(Text(f"{say('answers', lang)}: " + ", ".join(f"{a.question}={a.option}" for a in route.answers)))
    if route.unused:
        console.print(Text(f"{say('unused', lang)}: " + ", ".join(f"{a.question}={a.option}" for a in route.unused)))
    if route.outcome is not None:
        print_outcome(console, pathway, route.outcome, lang, plain, details)
    elif route.next_question is not None:
        q = route.next_question
        console.print(Text(f"{say('incomplete', lang)} ({q.id}): {pick(q.text, lang)}"))
        for o in q.options:
            console.print(Text(f"  {o.id}: {pick(o.label, lang)}"))


def print_contacts(console: Console, contacts: Sequence[Contact], lang: str, plain: bool) -> None:
    """The directory of contacts with their verified date and source."""
    if not contacts:
        console.print(Text(say("no_contacts", lang)))
        return
    for n, c in enumerate(contacts, 1):
        name, number = pick(c.name, lang), isolated(c.phone) if c.phone else ""
        # laid out at the console's width, so that the number is never split by the terminal
        head = f"{n}. " if plain else ""
        head += f"{name} ({c.id})" + (f" - {number}" if number else "")
        lines = Text("\n".join(wrap_lines(head, console.size.width, rest="   ", keep=[name, number])))
        lines.highlight_words([name], style="bold")
        width = console.size.width
        facts = [
            *_contact_lines(c, lang),
            f"{say('col.checked', lang)}: {c.verified} - {say('source', lang)}: {c.source}",
        ]
        body = [lines] + [  # laid out here: a web address stays whole, to copy, alone on its line when it is long
            Text("\n".join(wrap_lines(fact, width, "   ", "   ")), style="dim" if n == len(facts) - 1 else "")
            for n, fact in enumerate(facts)
        ]
        console.print(Group(*body), soft_wrap=True)


def print_pathways(console: Console, pathways: Sequence[Pathway], lang: str) -> None:
    """One line per pathway: id, version, title."""
    for p in pathways:
        console.print(Text(f"{p.id}  {p.version}  {pick(p.title, lang)}"))
