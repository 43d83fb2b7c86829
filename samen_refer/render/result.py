"""The advice as lines for a terminal: a summary first and last, the steps, the contacts as a list.

Lines are laid out here, at the console's width, so that a phone number is never cut or split over two lines and every
line fits the screen. A contact's name is kept on one line where it fits, and else wraps with a hanging indent like any
text; a web address that is wider than the screen stands alone on its line (the terminal shows the rest on the next
row, but the address stays one piece to copy). ``show`` prints each line as it is.
Each phone number stands in Unicode isolates, so that it reads left to right beside a name in Arabic (``direction``);
they take no room, and the lines are measured without them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final, NamedTuple

from samen_refer.engine.interrupt import Interrupt
from samen_refer.engine.route import AdvisedContact, AdvisedStep, Answer, Outcome
from samen_refer.format.contact import Contact
from samen_refer.format.language import pick
from samen_refer.format.pathway import Pathway
from samen_refer.i18n.messages import say
from samen_refer.render.direction import isolated, shown_len

BRIEF_STEPS: Final = 5  # steps shown without --details; the pathway lists the most important first
SUMMARY_CONTACTS: Final = 3
CALL_ROLES: Final = ("emergency", "report", "refer", "advice")
# a phone number written with spaces or dashes ("033 448 11 86", "+31 247 247 247") is one word
_NUMBER: Final = re.compile(r"\+?\d+(?:[ -]\d+)+")
BULLET: Final = "\u2022"
DOT: Final = " \u00b7 "


_GLUE: Final = "\x00"  # stands for a space that may not break a line, while wrapping


def _glue(found: re.Match[str] | str) -> str:
    return (found if isinstance(found, str) else found.group()).replace(" ", _GLUE)


class Line(NamedTuple):
    """One line on screen and how it looks: '' plain, 'bold', 'dim', 'italic', 'rule' or 'urgency.<urgency>'."""

    text: str
    style: str = ""


def wrap_lines(text: str, width: int, first: str = "", rest: str = "", keep: Iterable[str] = ()) -> list[str]:
    """Greedy word wrap with a hanging indent that never breaks inside a number, nor inside a ``keep`` text (a name)
    that fits on a line after the indent: a longer one wraps like the words around it."""
    glued = _NUMBER.sub(_glue, text)
    room = width - max(shown_len(first), shown_len(rest)) - 2  # and a separator after it: " \u00b7"
    for piece in keep:
        if piece and " " in piece and piece in glued and shown_len(piece) <= room:
            glued = glued.replace(piece, _glue(piece))
    words = [w.replace(_GLUE, " ") for w in glued.split()]
    for i in range(len(words) - 1, 0, -1):  # a separator stays at the end of its line, never starts one
        if words[i] in ("\u00b7", "-", "\u2013", "\u2192"):
            words[i - 1 : i + 1] = [f"{words[i - 1]} {words[i]}"]
    lines: list[str] = []
    line, empty = first, True
    for word in words:
        if empty or shown_len(line) + 1 + shown_len(word) <= width:
            line = line + word if empty else f"{line} {word}"
            empty = False
        else:
            lines.append(line)
            line = rest + word
    lines.append(line)
    return lines


def _lines(
    text: str, width: int, style: str = "", first: str = "", rest: str = "", keep: Iterable[str] = ()
) -> list[Line]:
    return [Line(t, style) for t in wrap_lines(text, width, first, rest, keep)]


def because_words(pathway: Pathway, because: Sequence[Answer], lang: str) -> str:
    """Why a step or contact is there, as question and chosen option in words ('always' when no answer put it)."""
    parts = []
    for answer in because:
        question = pathway.question(answer.question)
        option = question.option(answer.option) if question else None
        if question is not None and option is not None:
            parts.append(f"{pick(question.text, lang)} \u2192 {pick(option.label, lang)}")
    return "; ".join(parts) if parts else say("always", lang)


def reach(contact: Contact, lang: str) -> str:
    """How to reach a contact: the phone number (isolated), else the web address, else nothing."""
    if contact.phone:
        return isolated(contact.phone)
    return f"{say('no_phone', lang)}: {contact.url}" if contact.url else ""


def role_key(advised: AdvisedContact) -> str:
    """The key of the words for a contact's role (``messages``), the one place they are chosen: information that is
    not on the person's handout is information for the helper, not 'to pass on' (UX U6); a report is "melden" only
    where a professional's duty to report is meant, else a call for safety (UX U5)."""
    if advised.role == "info" and not advised.person:
        return "role.info_helper"
    if advised.role == "report" and advised.position == "duty":
        return "role.report_duty"
    return f"role.{advised.role}"


def role_text(advised: AdvisedContact, lang: str, regional: str = DOT) -> str:
    """The contact's role in this advice, in words; ``regional`` joins 'in your region' to it."""
    role = say(role_key(advised), lang)
    anonymous = advised.role == "advice" and advised.contact.anonymous_advice
    role = f"{role} ({say('anonymous', lang)})" if anonymous else role
    return f"{role}{regional}{say('regional', lang)}" if advised.regional else role


def _keep(contact: Contact, lang: str) -> list[str]:
    return [pick(contact.name, lang), isolated(contact.phone) if contact.phone else "", contact.url or ""]


def to_call(outcome: Outcome) -> tuple[AdvisedContact, ...]:
    """The one to three contacts to call now: the first with a phone number whose role is not only information."""
    chosen = [c for c in outcome.contacts if c.contact.phone and c.role in CALL_ROLES]
    return tuple(chosen[:SUMMARY_CONTACTS])


def _call_lines(advised: Sequence[AdvisedContact], lang: str, width: int) -> list[Line]:
    out: list[Line] = []
    for item in advised:
        c = item.contact
        text = f"{isolated(c.phone or '')}{DOT}{pick(c.name, lang)}{DOT}{role_text(item, lang)}"
        out += _lines(text, width, "bold", f"  {BULLET} ", "    ", _keep(c, lang))
    return out


def summary_lines(outcome: Outcome, lang: str, width: int, plain: bool, title: str) -> list[Line]:
    """How urgent, and the numbers to call now."""
    urgency = say(f"urgency.{outcome.urgency}", lang)
    if plain:
        out = _lines(f"{title}: {urgency}", width)
    else:
        out = [Line(title, "rule"), *_lines(urgency, width, f"urgency.{outcome.urgency}")]
    calls = to_call(outcome)
    if calls:
        out.append(Line(f"{say('call_now', lang)}:", "bold"))
        out += _call_lines(calls, lang, width)
    return out


def result_lines(
    pathway: Pathway, outcome: Outcome, lang: str, width: int, plain: bool, details: bool, menu: bool = False
) -> list[Line]:
    """The whole result: summary, steps, contacts, and the summary again as the last thing on screen. With ``menu``
    (``start`` on a terminal) the steps left out are read by typing 1 at the menu that follows, not with --details."""
    keep = [k for c in outcome.contacts for k in _keep(c.contact, lang)]
    out = summary_lines(outcome, lang, width, plain, say("result", lang))
    out += [Line(""), Line(say("steps", lang), "bold")]
    shown = outcome.steps if details else outcome.steps[:BRIEF_STEPS]
    out += _step_lines(pathway, shown, lang, width, keep, details)
    hidden = len(outcome.steps) - len(shown)
    if hidden:
        more = "more_steps_menu" if menu else "more_steps"
        out += _lines(say(f"{more}_one" if hidden == 1 else more, lang, n=hidden), width, "dim", "   ", "   ")
    if details:
        out += _known_lines(outcome, lang, width, keep)
    out += [Line(""), Line(say("contacts", lang), "bold")]
    for n, item in enumerate(outcome.contacts, 1):
        out += contact_lines(pathway, item, lang, width, n, details)
    if not details and not menu:
        out += [Line(""), *_lines(say("details_hint", lang), width, "dim")]
    out += [Line(""), *summary_lines(outcome, lang, width, plain, say("summary", lang))]
    return out


def all_steps_lines(pathway: Pathway, outcome: Outcome, lang: str, width: int, plain: bool) -> list[Line]:
    """Every step with what to say and why, what to know and the helper's own care; then the summary again, so that
    the numbers to call stay the last thing on screen (``start``'s menu, 1)."""
    keep = [k for c in outcome.contacts for k in _keep(c.contact, lang)]
    title = say("all_steps", lang)
    out = _lines(title, width, "bold") if plain else [Line(title, "rule")]
    out += _step_lines(pathway, outcome.steps, lang, width, keep, True)
    out += _known_lines(outcome, lang, width, keep)
    return [*out, Line(""), *summary_lines(outcome, lang, width, plain, say("summary", lang))]


def _step_lines(
    pathway: Pathway, steps: Sequence[AdvisedStep], lang: str, width: int, keep: list[str], details: bool
) -> list[Line]:
    out: list[Line] = []
    for n, advised in enumerate(steps, 1):
        out += _lines(pick(advised.step.text, lang), width, "", f"{n}. ", "   ", keep)
        if details and advised.step.say:
            said = f"{say('say', lang)}: \u201c{pick(advised.step.say, lang)}\u201d"
            out += _lines(said, width, "italic", "   ", "   ", keep)
        if details:
            because = f"({say('because', lang)}: {because_words(pathway, advised.because, lang)})"
            out += _lines(because, width, "dim", "   ", "   ")
    return out


def _known_lines(outcome: Outcome, lang: str, width: int, keep: list[str]) -> list[Line]:
    """What to know and the helper's own care: lists of their own, after the steps."""
    out: list[Line] = []
    for title, listed in (("background", outcome.background), ("care", outcome.care)):
        if listed:
            out += [Line(""), Line(say(title, lang), "bold")]
            for advised in listed:
                out += _lines(pick(advised.step.text, lang), width, "", f"{BULLET} ", "  ", keep)
    return out


def contact_lines(pathway: Pathway, item: AdvisedContact, lang: str, width: int, n: int, details: bool) -> list[Line]:
    """One contact as a list item: the name, then number, role and hours; with ``details`` every fact."""
    c = item.contact
    keep = _keep(c, lang)
    out = _lines(pick(c.name, lang), width, "bold", f"{n}. ", "   ", keep)
    facts = [role_text(item, lang), pick(c.hours, lang) if c.hours else ""]
    facts.insert(0 if c.phone else len(facts), reach(c, lang))  # a web address last: it may not fit on a line
    out += _lines(DOT.join(f for f in facts if f), width, "", "   ", "   ", keep)
    if item.regional:  # a region's map is kept by others: where its facts come from is always shown
        out += _lines(f"{say('source', lang)}: {c.source} ({c.verified})", width, "dim", "   ", "   ", [c.source])
        if old := c.old_source():
            out += _lines(say("old_source", lang, date=old), width, "", "   ", "   ", keep)
    if not details:
        return out
    for text in (item.note, c.does, c.after_call, c.cost, c.interpreters):
        if text:
            out += _lines(pick(text, lang), width, "", "   ", "   ", keep)
    if c.url and c.phone:
        out += _lines(c.url, width, "", "   ", "   ", keep)
    out += _lines(f"({say('because', lang)}: {because_words(pathway, item.because, lang)})", width, "dim", "   ", "   ")
    return out


def interrupt_lines(interrupt: Interrupt, lang: str, width: int, plain: bool) -> list[Line]:
    """The short screen shown at once when an answer means danger: what to do now and the numbers to call, whole."""
    title = say("interrupt_title", lang)
    out = [Line(f"!! {title} !!")] if plain else [Line("", "rule"), Line(title, "urgency.emergency")]
    for n, step in enumerate(interrupt.steps, 1):
        out += _lines(pick(step.text, lang), width, "bold", f"{n}. ", "   ")
    if interrupt.calls:
        out.append(Line(f"{say('call_now', lang)}:", "bold"))
    for call in interrupt.calls:
        c = call.contact
        keep = _keep(c, lang)
        parts = (reach(c, lang), pick(c.name, lang)) if c.phone else (pick(c.name, lang), reach(c, lang))
        text = DOT.join(t for t in parts if t)  # a web address last: it may not fit on a line
        out += _lines(text, width, "bold", f"  {BULLET} ", "    ", keep)
        if call.note:
            out += _lines(pick(call.note, lang), width, "", "    ", "    ", keep)
    return out
