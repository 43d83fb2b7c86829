"""Routes and contacts as plain data (the JSON contract of ``route``), apart from how they are printed."""

from __future__ import annotations

from typing import Any

from samen_refer.contact import Contact
from samen_refer.language import Text, pick
from samen_refer.pathway import Pathway, Question
from samen_refer.route import AdvisedContact, Answer, Route


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
