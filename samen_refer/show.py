"""Printing for people: the only module besides ``session`` that uses Rich.

Every text from YAML goes through ``rich.text.Text`` (never parsed as markup). ``plain`` output (for screen readers,
``--plain``) has no boxes, tables or colour: numbered lines only.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from samen_refer.contact import Contact
from samen_refer.language import pick
from samen_refer.messages import say
from samen_refer.pathway import Pathway
from samen_refer.route import AdvisedContact, Answer, Outcome, Route

URGENCY_STYLE = {"emergency": "bold white on red", "urgent": "bold black on yellow", "soon": "bold", "routine": "bold"}


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


def _because(because: Sequence[Answer], lang: str) -> str:
    if not because:
        return say("always", lang)
    return ", ".join(f"{a.question} = {a.option}" for a in because)


def outcome_renderables(pathway: Pathway, outcome: Outcome, lang: str, plain: bool) -> list[object]:
    """Urgency banner, numbered steps with their 'because', then the contacts."""
    out: list[object] = []
    banner = Text(say(f"urgency.{outcome.urgency}", lang), style="" if plain else URGENCY_STYLE[outcome.urgency])
    out.append(Text(f"{say('result', lang)}: ") + banner if plain else Panel(banner, expand=True))
    out.append(Text(say("steps", lang), style="bold"))
    for n, advised in enumerate(outcome.steps, 1):
        line = Text(f"{n}. ")
        line.append(pick(advised.step.text, lang))
        out.append(line)
        if advised.step.say:
            out.append(Text(f"   {say('say', lang)}: \u201c{pick(advised.step.say, lang)}\u201d", style="italic"))
        out.append(Text(f"   ({say('because', lang)}: {_because(advised.because, lang)})", style="dim"))
    out.append(Text(say("contacts", lang), style="bold"))
    out.extend(contacts_renderables(outcome.contacts, lang, plain))
    return out


def contacts_renderables(advised: Sequence[AdvisedContact], lang: str, plain: bool) -> list[object]:
    """The contacts of an outcome: a table, or numbered lines in plain mode."""
    if plain:
        lines: list[object] = []
        for n, item in enumerate(advised, 1):
            c = item.contact
            lines.append(Text(f"{n}. {pick(c.name, lang)} - {_reach(c, lang)} - {_role(item, lang)}"))
            for extra in _contact_lines(c, lang):
                lines.append(Text(f"   {extra}"))
            lines.append(Text(f"   ({say('because', lang)}: {_because(item.because, lang)})"))
        return lines
    table = Table(show_lines=True, expand=True)
    for key, ratio in (("col.name", 2), ("col.phone", 2), ("col.hours", 2), ("col.role", 2), ("col.next", 5)):
        table.add_column(say(key, lang), ratio=ratio)
    for item in advised:
        c = item.contact
        what = Text(pick(item.note, lang) + "\n" if item.note else "")
        what.append(pick(c.after_call or c.does, lang))
        what.append(f"\n({say('because', lang)}: {_because(item.because, lang)})", style="dim")
        table.add_row(
            Text(pick(c.name, lang), style="bold"),
            Text(_reach(c, lang)),
            Text(pick(c.hours, lang) if c.hours else "-"),
            Text(_role(item, lang)),
            what,
        )
    return [table]


def _reach(c: Contact, lang: str) -> str:
    """How to reach a contact: the phone number, else the web address, else a dash."""
    if c.phone:
        return c.phone
    return f"{say('no_phone', lang)}: {c.url}" if c.url else "-"


def _role(item: AdvisedContact, lang: str) -> str:
    role = say(f"role.{item.role}", lang)
    return f"{role} ({say('anonymous', lang)})" if item.role == "advice" and item.contact.anonymous_advice else role


def _contact_lines(c: Contact, lang: str) -> list[str]:
    lines = [pick(c.does, lang)]
    if c.after_call:
        lines.append(pick(c.after_call, lang))
    if c.hours:
        lines.append(f"{say('col.hours', lang)}: {pick(c.hours, lang)}")
    if c.url:
        lines.append(c.url)
    return lines


def print_route(console: Console, pathway: Pathway, route: Route, lang: str, plain: bool) -> None:
    """The text form of ``samen-refer route``."""
    console.print(Text(pick(pathway.title, lang), style="bold"))
    console.print(Text(f"{say('answers', lang)}: " + ", ".join(f"{a.question}={a.option}" for a in route.answers)))
    if route.unused:
        console.print(Text(f"{say('unused', lang)}: " + ", ".join(f"{a.question}={a.option}" for a in route.unused)))
    if route.outcome is not None:
        for item in outcome_renderables(pathway, route.outcome, lang, plain):
            console.print(item)
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
        head = Text(f"{n}. " if plain else "")
        head.append(pick(c.name, lang), style="bold")
        head.append(f" ({c.id})")
        if c.phone:
            head.append(f" - {c.phone}")
        body = [head, *(Text(f"   {line}") for line in _contact_lines(c, lang))]
        body.append(
            Text(f"   {say('col.checked', lang)}: {c.verified} - {say('source', lang)}: {c.source}", style="dim")
        )
        console.print(Group(*body), soft_wrap=True)  # web addresses stay whole, to copy


def print_pathways(console: Console, pathways: Sequence[Pathway], lang: str) -> None:
    """One line per pathway: id, version, title."""
    for p in pathways:
        console.print(Text(f"{p.id}  {p.version}  {pick(p.title, lang)}"))
