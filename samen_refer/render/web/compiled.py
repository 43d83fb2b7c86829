"""The pathway as plain data for the page's engine (``engine.js``): every condition and rule as lists, no code.

The page decides with this data only, so what it shows follows the same rules as ``route.build_outcome``; the
differential test (``tests/test_web_engine.py``) runs every route through both and requires the same outcome.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from samen_refer.engine.route import place
from samen_refer.format.contact import Contact
from samen_refer.format.language import Translations
from samen_refer.format.pathway import Block, Condition, Pathway, Question, Rule
from samen_refer.format.region import Region
from samen_refer.format.vocabulary import END, ROLES, URGENCIES

Json = dict[str, Any]


def _text(text: Translations | None, languages: Sequence[str]) -> dict[str, str] | None:
    if text is None:
        return None
    return {lang: text[lang] for lang in languages if lang in text}


def _condition(condition: Condition | None) -> list[list[Any]] | None:
    return None if condition is None else [[t.question, list(t.options)] for t in condition.terms]


def _rules(rules: tuple[Rule, ...] | None) -> list[Json] | None:
    return None if rules is None else [{"to": r.to, "when": _condition(r.when)} for r in rules]


def _question(question: Question, languages: Sequence[str]) -> Json:
    return {
        "id": question.id,
        "text": _text(question.text, languages),
        "why": _text(question.why, languages),
        "help": _text(question.help, languages),
        "options": [{"id": o.id, "label": _text(o.label, languages), "next": _rules(o.next)} for o in question.options],
        "next": _rules(question.next),
    }


def _block(block: Block, languages: Sequence[str]) -> Json:
    return {
        "id": block.id,
        "when": _condition(block.when),
        "unless": _condition(block.unless),
        "urgency": block.urgency,
        "interrupt": block.interrupt,
        "handout": block.handout,
        # ``place`` is decided here (route.place), so the page sorts by one number and never re-derives the rule
        "steps": [
            {"id": s.id, "text": _text(s.text, languages), "say": _text(s.say, languages), "place": place(s, block)}
            for s in block.steps
        ],
        "contacts": [
            # ``person`` is resolved here (ContactUse.for_person), so the page applies one rule: any use that says so
            # and ``position`` too (ContactUse.stance): the page never re-derives a rule
            {
                "contact": u.contact,
                "role": u.role,
                "note": _text(u.note, languages),
                "person": u.for_person,
                "position": u.stance,
            }
            for u in block.contacts
        ],
    }


def _contact(contact: Contact, languages: Sequence[str]) -> Json:
    return {
        "id": contact.id,
        "name": _text(contact.name, languages),
        "does": _text(contact.does, languages),
        "phone": contact.phone,
        "url": contact.url,
        "hours": _text(contact.hours, languages),
        "cost": _text(contact.cost, languages),
        "after_call": _text(contact.after_call, languages),
        "interpreters": _text(contact.interpreters, languages),
        "anonymous_advice": contact.anonymous_advice is True,
        "verified": contact.verified,
    }


def _region(region: Region | None, languages: Sequence[str]) -> Json | None:
    if region is None:
        return None
    return {
        "id": region.id,
        "name": _text(region.name, languages),
        # in file order, each with what decides whether and where it joins the advice (route._with_region)
        "contacts": [
            {
                "contact": r.contact.id,
                "role": r.role,
                "serves": _condition(r.serves),
                "person": r.for_person,
                "after": r.after,
            }
            for r in region.contacts
        ],
    }


def compile_pathway(pathway: Pathway, languages: Sequence[str], region: Region | None = None) -> Json:
    """The pathway, and the contacts its blocks use (and the region's own), as JSON-ready data with texts in
    ``languages``."""
    used = dict.fromkeys(u.contact for b in pathway.blocks for u in b.contacts if u.contact in pathway.contacts)
    regional = [{**_contact(r.contact, languages), "regional": True} for r in region.contacts] if region else []
    return {
        "id": pathway.id,
        "version": pathway.version,
        "title": _text(pathway.title, languages),
        "reminder": _text(pathway.reminder, languages),
        "start": pathway.start,
        "end": END,
        "roles": list(ROLES),
        "urgencies": list(URGENCIES),
        "questions": [_question(q, languages) for q in pathway.questions],
        "blocks": [_block(b, languages) for b in pathway.blocks],
        "contacts": [*(_contact(pathway.contacts[c], languages) for c in used), *regional],
        "region": _region(region, languages),
    }


def compile_regions(regions: Sequence[Region], languages: Sequence[str]) -> Json:
    """Several regions by id, each with its own contacts, for a page that adds one of them at a time (the practice
    page: each scenario names the region it is set in, if any)."""
    return {
        region.id: {
            "region": _region(region, languages),
            "contacts": [{**_contact(r.contact, languages), "regional": True} for r in region.contacts],
        }
        for region in regions
    }
