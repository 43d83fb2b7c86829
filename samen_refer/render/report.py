"""Routes and contacts as plain data (the JSON contract of ``route``), apart from how they are printed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from samen_refer.engine.interrupt import route_interrupts
from samen_refer.engine.route import AdvisedContact, AdvisedStep, Answer, Route
from samen_refer.format.contact import Contact
from samen_refer.format.language import Translations, pick
from samen_refer.format.library import Origin
from samen_refer.format.pathway import Pathway, Question
from samen_refer.i18n.translation import Words, number
from samen_refer.problem import Problem, printable, shortened

if TYPE_CHECKING:
    from samen_refer.engine.advice import Advice


# The versions of the ``route`` and ``validate`` ``--format json`` formats (``contract.py`` holds their schemas): raised
# when a change would break a script that reads them.
ROUTE_FORMAT: Final = 1
VALIDATE_FORMAT: Final = 1


def _maybe(text: Translations | None, lang: str) -> str | None:
    return pick(text, lang) if text else None


def _answers(answers: tuple[Answer, ...]) -> list[dict[str, str]]:
    return [{"question": a.question, "answer": a.option} for a in answers]


def question_data(question: Question, lang: str) -> dict[str, Any]:
    """A question with its options, in one language."""
    return {
        "id": question.id,
        "text": pick(question.text, lang),
        "why": pick(question.why, lang),
        "options": [{"id": o.id, "label": pick(o.label, lang)} for o in question.options],
    }


def contact_data(contact: Contact, lang: str) -> dict[str, Any]:
    """One contact's facts, in one language."""
    return {
        "id": contact.id,
        "name": pick(contact.name, lang),
        "phone": contact.phone,
        "url": contact.url,
        "hours": _maybe(contact.hours, lang),
        "cost": _maybe(contact.cost, lang),
        "does": pick(contact.does, lang),
        "after_call": _maybe(contact.after_call, lang),
        "anonymous_advice": contact.anonymous_advice,
        "interpreters": _maybe(contact.interpreters, lang),
        "verified": contact.verified,
        "source": contact.source,
    }


def _advised_contact(advised: AdvisedContact, lang: str) -> dict[str, Any]:
    return {
        **contact_data(advised.contact, lang),
        "role": advised.role,
        "for_person": advised.person,
        "regional": advised.regional,
        "position": advised.position,
        "note": _maybe(advised.note, lang),
        "because": _answers(advised.because),
    }


def _advised_step(advised: AdvisedStep, lang: str) -> dict[str, Any]:
    step = advised.step
    return {
        "id": step.id,
        "kind": step.kind,
        "text": pick(step.text, lang),
        "say": _maybe(step.say, lang),
        "position": step.position,
        "because": _answers(advised.because),
    }


def _interrupts(pathway: Pathway, route: Route, lang: str) -> list[dict[str, Any]]:
    """The safety screens the route's answers set off, in the order asked, each after the question whose answer set
    it off (``start`` skips the last answer's: the advice itself follows at once)."""
    return [
        {
            "after": fired.after.question,
            "blocks": [b.id for b in fired.interrupt.blocks],
            "steps": [{"id": s.id, "text": pick(s.text, lang)} for s in fired.interrupt.steps],
            "call": [
                {"contact": c.contact.id, "phone": c.contact.phone, "note": _maybe(c.note, lang)}
                for c in fired.interrupt.calls
            ],
        }
        for fired in route_interrupts(pathway, route.answers)
    ]


def route_data(pathway: Pathway, route: Route, lang: str, region: str | None = None) -> dict[str, Any]:
    """The route as the JSON contract of ``samen-refer route``."""
    outcome = route.outcome
    return {
        "format": ROUTE_FORMAT,
        "pathway": pathway.id,
        "version": pathway.version,
        "region": region,
        "language": lang,
        "complete": route.complete,
        "answers": _answers(route.answers),
        "unused_answers": [f"{a.question}={a.option}" for a in route.unused],
        "next_question": question_data(route.next_question, lang) if route.next_question else None,
        "interrupts": _interrupts(pathway, route, lang),
        "outcome": None
        if outcome is None
        else {
            "urgency": outcome.urgency,
            "blocks": list(outcome.blocks),
            "steps": [_advised_step(s, lang) for s in outcome.steps],
            "background": [_advised_step(s, lang) for s in outcome.background],
            "care": [_advised_step(s, lang) for s in outcome.care],
            "contacts": [_advised_contact(c, lang) for c in outcome.contacts],
        },
    }


# The words of the reports for people (``--format json`` and ``csv`` are for machines and stay English; ``github``
# annotations are read by people on the pull request, in --lang).
REPORT_WORDS: Final = Words(
    "report",
    {
        "summary": "{errors} error(s), {warnings} warning(s) in {files} file(s)",
        "scenarios-fail": "{failed} of {count} scenario(s) fail",
        "scenarios-pass": "{count} scenarios pass",
        "no-scenarios": "no scenarios in {folder}",
        "listed": "Listed {listed} of {total} routes; use --limit or --count.",
        "more-problems": "... and {rest} more problem(s) in this file (--format json lists them all)",
        "folder.checkout": "Checked the pathways folder of this checkout: {folder}",
        "folder.builtin": "Checked the built-in pathways (not a checkout): {folder}",
        "folder.given": "Checked the folder given with --pathways: {folder}",
        "read.checkout": "Read the pathways folder of this checkout: {folder}",
    },
)


def summary_line(problems: Sequence[Problem], files: int, lang: str = "en") -> str:
    """How many errors and warnings in how many files."""
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    return REPORT_WORDS(
        "summary", lang, errors=number(errors, lang), warnings=number(warnings, lang), files=number(files, lang)
    )


def folder_line(root: Path, origin: Origin, lang: str, read: bool = False) -> str:
    """Which pathways folder a command checked (or, with ``read``, read), and why that one."""
    key = "read.checkout" if read else f"folder.{origin}"
    return REPORT_WORDS(key, lang, folder=printable(str(root)))


REPORTED_PROBLEMS_PER_FILE = 100  # in text output; --format json and github list every problem


def problems_text(problems: Sequence[Problem], files: int, lang: str = "en") -> str:
    """Problems per file (at most ``REPORTED_PROBLEMS_PER_FILE`` each, then how many more), then a summary line."""
    lines: list[str] = []
    current = None
    shown = 0
    per_file = Counter(p.path for p in problems)
    for problem in problems:
        if problem.path != current:
            if current is not None:
                lines.append("")
            lines.append(printable(shortened(problem.path)))
            current = problem.path
            shown = 0
        shown += 1
        if shown <= REPORTED_PROBLEMS_PER_FILE:
            lines.append(f"  {problem.told(lang)}")
        elif shown == REPORTED_PROBLEMS_PER_FILE + 1:
            rest = per_file[problem.path] - REPORTED_PROBLEMS_PER_FILE
            lines.append(f"  {REPORT_WORDS('more-problems', lang, rest=f'{rest:,}')}")
    if lines:
        lines.append("")
    lines.append(summary_line(problems, files, lang))
    return "\n".join(lines)


def _github_escape(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def problems_github(problems: Sequence[Problem], lang: str = "en") -> str:
    """GitHub workflow commands: one annotation per problem on the changed file, in ``lang`` (the check id stays as
    it is: it is the title, and what a maintainer searches for)."""
    return "\n".join(
        f"::{p.severity} file={_github_escape(p.path, property_value=True)},line={p.line},col={p.col},"
        f"title={_github_escape(p.check, property_value=True)}::{_github_escape(p.said.told(lang))}"
        for p in problems
    )


def problems_data(problems: Sequence[Problem], files: int) -> dict[str, Any]:
    """Problems as JSON-ready data."""
    errors = sum(p.severity == "error" for p in problems)
    return {
        "format": VALIDATE_FORMAT,
        "problems": [
            {
                "path": p.path,
                "line": p.line,
                "col": p.col,
                "severity": p.severity,
                "check": p.check,
                "message": p.message,
            }
            for p in problems
        ],
        "summary": {"errors": errors, "warnings": len(problems) - errors, "files": files},
    }


Listed = Iterable[tuple[Mapping[str, str], "Advice"]]


def _contact_roles(advice: Advice) -> str:
    return " ".join(f"{contact}:{role}" for contact, role in advice.contacts)


def routes_json(listed: Listed, total: int, counted: list[int]) -> Iterator[str]:
    """Routes as JSON (``{"total": ..., "routes": [...]}``), written piece by piece as the routes come, exactly as
    ``json.dumps(..., ensure_ascii=False, indent=1)`` would write the whole; ``counted`` gets how many were written.
    Pieces shared by many routes (an answer, the advice) are encoded once."""
    import json

    def text(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    pairs: dict[tuple[str, str], str] = {}
    tails: dict[Advice, str] = {}
    yield f'{{\n "total": {total},\n "routes": ['
    n = 0
    for answers, advice in listed:
        encoded = []
        for pair in answers.items():
            piece = pairs.get(pair)
            if piece is None:
                piece = pairs[pair] = f"\n    {text(pair[0])}: {text(pair[1])}"
            encoded.append(piece)
        tail = tails.get(advice)
        if tail is None:
            contacts = ",".join(
                f'\n    {{\n     "id": {text(c)},\n     "role": {text(r)}\n    }}' for c, r in advice.contacts
            )
            tail = tails[advice] = (
                f',\n   "urgency": {text(advice.urgency)},\n   "contacts": '
                + (f"[{contacts}\n   ]" if contacts else "[]")
                + "\n  }"
            )
        if len(pairs) + len(tails) > 100_000:
            pairs.clear()
            tails.clear()
        body = f"{{{','.join(encoded)}\n   }}" if encoded else "{}"
        yield f'{"," if n else ""}\n  {{\n   "answers": {body}{tail}'
        n += 1
    counted.append(n)
    yield "\n ]\n}\n" if n else "]\n}\n"


def routes_csv(listed: Listed, counted: list[int]) -> Iterator[str]:
    """Routes as CSV lines: answers, urgency, contacts (id:role, space-separated)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["answers", "urgency", "contacts"])
    n = 0
    for answers, advice in listed:
        writer.writerow([" ".join(f"{q}={o}" for q, o in answers.items()), advice.urgency, _contact_roles(advice)])
        n += 1
        if n % 256 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    counted.append(n)
    yield buffer.getvalue()


def routes_table(listed: Listed, counted: list[int]) -> Iterator[str]:
    """Routes as text, one line per route: answers -> urgency: contacts."""
    n = 0
    lines = []
    for answers, advice in listed:
        lines.append(
            f"{' '.join(f'{q}={o}' for q, o in answers.items())}  ->  {advice.urgency}: {_contact_roles(advice)}\n"
        )
        n += 1
        if len(lines) == 256:
            yield "".join(lines)
            lines.clear()
    counted.append(n)
    yield "".join(lines)
