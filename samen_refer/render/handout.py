"""Handouts and exercise sheets: plain data built from the pathway and contacts, rendered by Jinja2 templates.

Everything a handout says about an organisation comes from ``contacts.yaml``, and every step from the pathway;
only the headings and fixed sentences below are the tool's own. The person's handout is built without the answers and
without the pathway: the data a template gets for it has neither, so no template (also not a maintainer's) can show
what was told, the tool's pathway or its topic.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from types import FrameType, TracebackType
from typing import TYPE_CHECKING, Any, Final, Literal

from samen_refer.engine.exercise import expected_route
from samen_refer.engine.route import AdvisedContact, Answer, Route, handout_safe
from samen_refer.format.contact import Contact
from samen_refer.format.language import Translations, pick
from samen_refer.format.pathway import Pathway
from samen_refer.format.region import Region
from samen_refer.format.scenario import Scenario
from samen_refer.i18n.messages import say
from samen_refer.i18n.translation import DEFAULT, Words, translator
from samen_refer.problem import SamenReferError
from samen_refer.render.direction import bdi, isolated
from samen_refer.render.paper import heads, heights, paper_size
from samen_refer.render.result import role_key, role_text

if TYPE_CHECKING:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

HandoutAudience = Literal["helper", "person"]
SheetAudience = Literal["participant", "trainer"]
RIGHT_TO_LEFT: Final = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ku", "ps", "sd", "ug", "ur", "yi"})

_HANDOUT_WORDS: Final = Words(
    "handout",
    {
        "helper_title": "Advice for you as a helper",
        "helper_private": "This sheet is about one person. Keep it safe, and throw it away when you no longer need it.",
        "how_soon": "How soon",
        "person_title": "Help for you",
        "person_intro": (
            "Here are organisations that can help you. You choose if and when you call them. Is someone in danger, "
            "or is a child not safe? Then your helper may ask for help themselves. Your helper always tells you "
            "first. Does your helper work as a professional? Then they can also report to Veilig Thuis if it stays "
            "unsafe at home. They talk about that with you first."
        ),
        "person_keep_safe": "Keep this paper in a safe place. If that is not safe, just remember one number.",
        "person_closing": "You decide. You can also call later.",
        "what": "What do they do?",
        "phone": "Phone",
        "website": "Website",
        "hours": "Hours",
        "cost": "Cost",
        "interpreters": "Interpreter",
        "anonymous": "Asking for advice can be anonymous.",
        "after_call": "When you call",
        "role": "Role",
        "checked": "Source read on",
        "source": "source",
        "check_numbers": "Before you call, check the number on the organisation's own website.",
        "made_with": "Made with samen-refer",
        "exercise": "Exercise",
        "trainer_copy": "trainer's copy",
        "level": "Level",
        "difficulty.basic": "basic",
        "difficulty.intermediate": "intermediate",
        "difficulty.advanced": "advanced",
        "situation": "The situation",
        "think": "Questions to think about",
        "think_intro": "Read the situation. Which answer fits each question? Who do you refer to, and how soon?",
        "notes": "Notes",
        "expected_route": "Expected route",
        "expected_advice": "Expected advice",
        "required": "required",
        "must_not": "Must not appear",
        "answer_key": "Answer key",
        "answer_key_use": "For samen-refer route --answers and samen-refer handout --answers.",
        "discussion": "To discuss",
    },
)
_SHARED = (
    "steps",
    "contacts",
    "say",
    "because",
    "always",
    "background",
    "care",
    "reminder",
)  # the same words as on screen (messages.py)


def difficulty_text(difficulty: str, lang: str) -> str:
    """An exercise's level in words."""
    return _HANDOUT_WORDS(f"difficulty.{difficulty}", lang)


class Incomplete(SamenReferError):
    """The answers do not reach advice yet."""

    exit_code = 3


class NotSafe(SamenReferError):
    """A block of the advice says ``handout: false``: a paper or file for the person could put them in danger."""

    exit_code = 1


def words(lang: str) -> dict[str, str]:
    """The tool's own sentences for templates, in ``lang`` (Dutch where a language is missing)."""
    out = _HANDOUT_WORDS.every(lang)
    out.update({key: say(key, lang) for key in _SHARED})
    return out


def text_direction(lang: str) -> str:
    """``rtl`` for languages written right to left, else ``ltr``."""
    return "rtl" if lang.split("-")[0] in RIGHT_TO_LEFT else "ltr"


def _maybe(text: Translations | None, lang: str) -> str | None:
    return pick(text, lang) if text else None


def tel(phone: str) -> str:
    """The number to dial from a ``tel:`` link (the handouts' and the phone guide's): only its digits and ``+``."""
    return re.sub(r"[^0-9+]", "", phone)


def _page(pathway: Pathway, lang: str, audience: str) -> dict[str, Any]:
    return {
        "lang": lang,
        "dir": text_direction(lang),
        "t": words(lang),
        "audience": audience,
        "pathway": {"id": pathway.id, "version": pathway.version, "title": pick(pathway.title, lang)},
        "reminder": _maybe(pathway.reminder, lang),
    }


def _contact_facts(contact: Contact, lang: str) -> dict[str, Any]:
    return {
        "name": pick(contact.name, lang),
        "does": pick(contact.does, lang),
        "phone": contact.phone,
        "tel": tel(contact.phone) if contact.phone else None,
        "url": contact.url,
        "hours": _maybe(contact.hours, lang),
        "cost": _maybe(contact.cost, lang),
        "interpreters": _maybe(contact.interpreters, lang),
        "after_call": _maybe(contact.after_call, lang),
        "anonymous_advice": contact.anonymous_advice is True,
    }


def _because(pathway: Pathway, because: Sequence[Answer], lang: str) -> list[dict[str, str]]:
    out = []
    for answer in because:
        question = pathway.question(answer.question)
        option = question.option(answer.option) if question else None
        if question is not None and option is not None:
            out.append({"question": pick(question.text, lang), "answer": pick(option.label, lang)})
    return out


def person_facts(contact: Contact, regional: bool, lang: str) -> dict[str, Any]:
    """An organisation as the person's page shows it (the handout's and the phone guide's)."""
    facts = _contact_facts(contact, lang)
    if regional:  # the person sees it is local help, beside the national lines
        facts["name"] = f"{facts['name']} ({say('regional', lang)})"
    return {**facts, "regional": regional}


def _helper_contact(pathway: Pathway, advised: AdvisedContact, lang: str) -> dict[str, Any]:
    return {
        **_contact_facts(advised.contact, lang),
        "id": advised.contact.id,
        "role": advised.role,
        "role_text": role_text(advised, lang, ", "),
        "note": _maybe(advised.note, lang),
        "because": _because(pathway, advised.because, lang),
        "verified": advised.contact.verified,
        "source": advised.contact.source,
        "regional": advised.regional,
    }


def handout_data(pathway: Pathway, route: Route, lang: str, audience: HandoutAudience) -> dict[str, Any]:
    """What a handout template gets. The person's version holds no answers and no pathway (whose title names the
    topic), only the organisations' facts; it is refused (``NotSafe``) when a block of the advice says
    ``handout: false``, as ``start`` and the phone guide do."""
    outcome = route.outcome
    if outcome is None:
        missing = route.next_question.id if route.next_question else "?"
        raise Incomplete.of("incomplete", question=missing)
    page = _page(pathway, lang, audience)
    if audience == "person":
        if not handout_safe(pathway, {a.question: a.option for a in route.answers}):
            raise NotSafe.of("handout-not-safe")
        # nor the pathway: its title names the violence, and whoever finds the paper reads it (N-M6)
        neutral = {key: value for key, value in page.items() if key != "pathway"}
        contacts = [person_facts(c.contact, c.regional, lang) for c in outcome.person_contacts]
        said = neutral["t"]
        paper = paper_size(heads(said), [heights(c, said) for c in contacts])
        return {**neutral, "contacts": contacts, "paper": paper}
    return {
        **page,
        "urgency": {"id": outcome.urgency, "text": say(f"urgency.{outcome.urgency}", lang)},
        "steps": [
            {
                "text": pick(s.step.text, lang),
                "say": _maybe(s.step.say, lang),
                "because": _because(pathway, s.because, lang),
            }
            for s in outcome.steps
        ],
        # what to know and the helper's own care: lists of their own, after the steps (route.arranged)
        "background": [pick(s.step.text, lang) for s in outcome.background],
        "care": [pick(s.step.text, lang) for s in outcome.care],
        "contacts": [_helper_contact(pathway, c, lang) for c in outcome.contacts],
    }


def _sheet(
    pathway: Pathway, scenario: Scenario, lang: str, audience: SheetAudience, region: Region | None = None
) -> dict[str, Any]:
    route = expected_route(pathway, scenario, region)
    asked = [(pathway.question(a.question), a.option) for a in route.answers]
    sheet: dict[str, Any] = {
        "id": scenario.id,
        "title": pick(scenario.title, lang),
        "difficulty": scenario.difficulty,
        "difficulty_text": difficulty_text(scenario.difficulty, lang),
        "vignette": pick(scenario.vignette, lang),
        "questions": [
            {"text": pick(q.text, lang), "options": [pick(o.label, lang) for o in q.options]} for q, _ in asked if q
        ],
    }
    if audience == "participant":
        return sheet
    outcome = route.outcome
    assert outcome is not None  # expected_route only returns complete routes
    required = {contact for contact, _ in scenario.expect.contacts}
    directory = pathway.contacts
    sheet.update(
        route=[
            {"question": pick(q.text, lang), "answer": pick(o.label, lang), "question_id": q.id, "option_id": o.id}
            for q, chosen in asked
            if q and (o := q.option(chosen))
        ],
        urgency={"id": outcome.urgency, "text": say(f"urgency.{outcome.urgency}", lang)},
        contacts=[
            {
                "id": c.contact.id,
                "name": pick(c.contact.name, lang),
                "role": c.role,
                "role_text": say(role_key(c), lang) + (f", {say('regional', lang)}" if c.regional else ""),
                "required": c.contact.id in required,
            }
            for c in outcome.contacts
        ],
        absent=[
            {"id": cid, "name": pick(directory[cid].name, lang) if cid in directory else cid}
            for cid in scenario.expect.absent
        ],
        steps=[pick(s.step.text, lang) for s in outcome.steps],
        answer_key=[f"{a.question}: {a.option}" for a in route.answers],
        discussion=[pick(text, lang) for text in scenario.discussion],
    )
    return sheet


def sheets_data(
    cases: Sequence[tuple[Pathway, Scenario]],
    lang: str,
    audience: SheetAudience,
    regions: Mapping[str, Region] | None = None,
) -> dict[str, Any]:
    """What a sheet template gets: one sheet per scenario (in its region, from ``regions`` by scenario id). The
    participant's copy holds no answers."""
    first = cases[0][0]
    where = regions or {}
    return {
        **_page(first, lang, audience),
        "sheets": [_sheet(p, s, lang, audience, where.get(s.id)) for p, s in cases],
    }


# --- rendering ----------------------------------------------------------------------------------------------------


def builtin_templates() -> Path:
    """The templates shipped inside the package, or the checkout's ``templates/`` in a development install."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "templates"
    if packaged.is_dir():
        return packaged
    return package.parent / "templates"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~&])")
_MARKDOWN_BULLET = re.compile(r"^([-=])")  # a list item or a heading underline, at the start of a line
_MARKDOWN_NUMBER = re.compile(r"^(\d+)\.(?=\s|$)")  # a numbered list item


def escape_markdown(text: str) -> str:
    """Text that Markdown shows as it is: punctuation that could start markup gets a backslash; lines are joined."""
    flat = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _MARKDOWN_NUMBER.sub(r"\1\\.", _MARKDOWN_BULLET.sub(r"\\\1", flat))


def wrap(text: str, indent: int = 0, width: int = 78) -> str:
    """Plain text wrapped at ``width``; lines after the first indented by ``indent`` spaces."""
    import textwrap

    pad = " " * indent
    words = re.split(r"[ \t\n\r\f\v]+", text.strip())  # ASCII white space only: a no-break space holds a number
    return textwrap.fill(
        " ".join(words),
        width,
        initial_indent=pad,
        subsequent_indent=pad,
        break_on_hyphens=False,
        break_long_words=False,
    )[indent:]


NUMBER_BITS: Final = 2**16  # the largest whole number a template may work out by * or ** (about 19,700 digits)


class Overtime(BaseException):
    """A template has worked longer than its caller allows: raised inside the template's own code by the caller's
    timer (``cli.options``), with the template line it was at. Not an ``Exception``, so that no ``except Exception``
    on the way (Jinja2's own) holds it up."""

    def __init__(self, file: str, line: int, seconds: float) -> None:
        super().__init__(f"{file}:{line}: more than {seconds} s")
        self.file, self.line, self.seconds = file, line, seconds


def _line(frame: FrameType) -> int:
    """The line a frame is at; a jump back in a loop has none of its own, so the line of the code before it."""
    if frame.f_lineno is not None:
        return frame.f_lineno
    line = frame.f_code.co_firstlineno
    for start, _, number in frame.f_code.co_lines():
        if start > frame.f_lasti:
            break
        line = number if number is not None else line
    return line


def running_template(frame: FrameType | None) -> tuple[str, int] | None:
    """The template file and line that ``frame`` (or a frame that called it) is rendering, if any."""
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            return template.filename or template.name or "?", template.get_corresponding_lineno(_line(frame))
        frame = frame.f_back
    return None


def in_template_code(frame: FrameType | None) -> bool:
    """Whether ``frame`` runs a template, or Jinja2's own code for one (not a finalizer, nor the caller's code after
    the render): where a timer may stop the render."""
    if frame is None:
        return False
    module = str(frame.f_globals.get("__name__", ""))
    mine = "__jinja_template__" in frame.f_globals or module.startswith(("jinja2.", "markupsafe"))
    return mine and running_template(frame) is not None


def _failed_at(trace: TracebackType | None) -> tuple[str, int] | None:
    """The template file and line where an error was raised: Jinja2 rewrites the traceback of an error in a render
    so that its frames in a template carry the template's name and line (``__jinja_exception__``)."""
    place = None
    while trace is not None:
        if "__jinja_exception__" in trace.tb_frame.f_globals:
            place = (trace.tb_frame.f_code.co_filename, trace.tb_lineno)
        trace = trace.tb_next
    return place


@cache
def _sandbox() -> type[ImmutableSandboxedEnvironment]:
    from jinja2.exceptions import SecurityError
    from jinja2.runtime import Context
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class Sandbox(ImmutableSandboxedEnvironment):
        """The sandbox, with whole numbers kept small: ``9 ** (9 ** 9)`` would work for minutes in one step of C
        code, which no timer can interrupt (F14). (The sandbox keeps ``range`` to 100,000 numbers.)"""

        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
            if isinstance(left, int) and isinstance(right, int):
                if operator == "**":
                    size = right * math.log2(abs(left)) if abs(left) > 1 else 0
                else:
                    size = left.bit_length() + right.bit_length()
                if size > NUMBER_BITS:
                    raise SecurityError(f"'{operator}' would make a whole number of more than {NUMBER_BITS:,} bits")
            return super().call_binop(context, operator, left, right)

    return Sandbox


def render(template: str, data: Mapping[str, Any], templates: Path | None = None) -> str:
    """Render ``template`` (e.g. ``handout/person.html.j2``) with ``data``; a maintainer's ``templates`` first."""
    import jinja2
    from markupsafe import Markup

    def md_url(url: str) -> Markup:
        if re.fullmatch(r"https?://[^\s<>\\]+", url):
            return Markup(f"<{url}>")  # an autolink; no escapes inside it
        return Markup(escape_markdown(url))

    markdown = template.endswith(".md.j2")

    def isolate_text(number: str) -> str:
        """A phone number as a left-to-right isolate (``direction``), escaped for Markdown in a Markdown file."""
        return Markup(isolated(escape_markdown(number))) if markdown else isolated(number)

    def finalize(value: object) -> object:
        if value is None:
            raise jinja2.UndefinedError("a value is empty (None): test it with {% if ... %} before showing it")
        if markdown and not isinstance(value, Markup):
            return Markup(escape_markdown(str(value)))  # marked safe, so autoescape leaves it as it is
        return value

    search = [*([templates] if templates else []), builtin_templates()]
    env = _sandbox()(
        loader=jinja2.FileSystemLoader([str(folder) for folder in search]),
        undefined=jinja2.StrictUndefined,
        # HTML is escaped for HTML. Markdown is "autoescaped" too, so that macros return safe text: every value is
        # escaped for Markdown by finalize, which marks it safe, so the HTML escape after it changes nothing.
        autoescape=lambda name: name is not None and name.endswith((".html.j2", ".md.j2")),
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        extensions=["jinja2.ext.i18n"],
    )
    # {% trans %}, _() and pgettext() in a template read the same gettext catalogue as the rest of the tool
    env.install_gettext_translations(translator(str(data.get("lang", DEFAULT))), newstyle=True)  # type: ignore[attr-defined]
    env.filters["wrap"] = wrap
    env.filters["isolate"] = bdi if template.endswith(".html.j2") else isolate_text
    if markdown:
        env.filters["md_url"] = md_url
    try:
        return env.get_template(template).render(data)
    except jinja2.TemplateNotFound as exc:
        places = " or ".join(str(folder) for folder in search)
        raise SamenReferError.of("no-template", template=exc.name, places=places) from None
    except jinja2.TemplateSyntaxError as exc:
        raise SamenReferError.of(
            "template-syntax", file=exc.filename or exc.name, line=exc.lineno, reason=exc.message
        ) from None
    except Overtime as exc:
        raise SamenReferError.of("template-slow", file=exc.file, line=exc.line, seconds=f"{exc.seconds:g}") from None
    except (RecursionError, MemoryError):
        raise
    except Exception as exc:  # a mistake of the template's own: an unknown name, range(10 ** 9), 1 // 0, ...
        if templates is None and not isinstance(exc, jinja2.TemplateError):
            raise  # the built-in templates are the tool's own: a bug
        place = _failed_at(exc.__traceback__)
        reason = exc.message if isinstance(exc, jinja2.TemplateError) else None
        reason = reason or str(exc) or type(exc).__name__
        if place is not None:
            raise SamenReferError.of("template-error", file=place[0], line=place[1], reason=reason) from None
        if isinstance(exc, jinja2.TemplateError):
            raise SamenReferError.of("template-failed", template=template, reason=reason) from None
        raise
