"""Routes and contacts as plain data (the JSON contract of ``route``), apart from how they are printed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from samen_refer.contact import Contact
from samen_refer.language import Text, pick
from samen_refer.pathway import Pathway, Question
from samen_refer.problem import Problem
from samen_refer.route import AdvisedContact, Answer, Outcome, Route


def _maybe(text: Text | None, lang: str) -> str | None:
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
        "note": _maybe(advised.note, lang),
        "because": _answers(advised.because),
    }


def route_data(pathway: Pathway, route: Route, lang: str) -> dict[str, Any]:
    """The route as the JSON contract of ``samen-refer route``."""
    outcome = route.outcome
    return {
        "pathway": pathway.id,
        "version": pathway.version,
        "language": lang,
        "complete": route.complete,
        "answers": _answers(route.answers),
        "unused_answers": [f"{a.question}={a.option}" for a in route.unused],
        "next_question": question_data(route.next_question, lang) if route.next_question else None,
        "outcome": None
        if outcome is None
        else {
            "urgency": outcome.urgency,
            "blocks": list(outcome.blocks),
            "steps": [
                {
                    "id": s.step.id,
                    "text": pick(s.step.text, lang),
                    "say": _maybe(s.step.say, lang),
                    "because": _answers(s.because),
                }
                for s in outcome.steps
            ],
            "contacts": [_advised_contact(c, lang) for c in outcome.contacts],
        },
    }


# The words of the reports for people (``--format json``, ``github`` and ``csv`` are for machines and stay English).
_WORDS: Final[dict[str, str]] = {
    "summary": "{errors} error(s), {warnings} warning(s) in {files} file(s)",
    "scenarios-fail": "{failed} of {count} scenario(s) fail",
    "scenarios-pass": "{count} scenarios pass",
    "no-scenarios": "no scenarios in {folder}",
    "listed": "Listed {listed} of {total} routes; use --limit or --count.",
}


def say(key: str, lang: str, **values: object) -> str:
    """One of the reports' sentences in ``lang``."""
    from samen_refer.i18n import translate

    return translate(f"report.{key}", _WORDS[key], lang).format(**values)


def summary_line(problems: Sequence[Problem], files: int, lang: str = "en") -> str:
    """How many errors and warnings in how many files."""
    errors = sum(p.severity == "error" for p in problems)
    return say("summary", lang, errors=errors, warnings=len(problems) - errors, files=files)


def problems_text(problems: Sequence[Problem], files: int, lang: str = "en") -> str:
    """Problems grouped per file, then a summary line."""
    lines: list[str] = []
    current = None
    for problem in problems:
        if problem.path != current:
            if current is not None:
                lines.append("")
            lines.append(problem.path)
            current = problem.path
        lines.append(f"  {problem.told(lang)}")
    if lines:
        lines.append("")
    lines.append(summary_line(problems, files, lang))
    return "\n".join(lines)


def _github_escape(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def problems_github(problems: Sequence[Problem]) -> str:
    """GitHub workflow commands: one annotation per problem on the changed file."""
    return "\n".join(
        f"::{p.severity} file={_github_escape(p.path, property_value=True)},line={p.line},col={p.col},"
        f"title={_github_escape(p.check, property_value=True)}::{_github_escape(p.message)}"
        for p in problems
    )


def problems_data(problems: Sequence[Problem], files: int) -> dict[str, Any]:
    """Problems as JSON-ready data."""
    errors = sum(p.severity == "error" for p in problems)
    return {
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


Listed = Sequence[tuple[Mapping[str, str], Outcome]]


def _contact_roles(outcome: Outcome) -> str:
    return " ".join(f"{c.contact.id}:{c.role}" for c in outcome.contacts)


def routes_data(listed: Listed, total: int) -> dict[str, Any]:
    """Routes as JSON-ready data: answers, urgency and contacts with roles."""
    return {
        "total": total,
        "routes": [
            {
                "answers": dict(answers),
                "urgency": outcome.urgency,
                "contacts": [{"id": c.contact.id, "role": c.role} for c in outcome.contacts],
            }
            for answers, outcome in listed
        ],
    }


def routes_csv(listed: Listed) -> str:
    """Routes as CSV: answers, urgency, contacts (id:role, space-separated)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["answers", "urgency", "contacts"])
    for answers, outcome in listed:
        writer.writerow([" ".join(f"{q}={o}" for q, o in answers.items()), outcome.urgency, _contact_roles(outcome)])
    return buffer.getvalue()


def routes_table(listed: Listed) -> str:
    """Routes as aligned text, one per line: answers -> urgency: contacts."""
    return "\n".join(
        f"{' '.join(f'{q}={o}' for q, o in answers.items())}  ->  {outcome.urgency}: {_contact_roles(outcome)}"
        for answers, outcome in listed
    )
