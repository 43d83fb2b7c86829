"""The texts a helper reads that differ between two versions of a pathway: titles, questions, options, steps, notes
and contacts' names, phone numbers and web addresses, in any language."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import NamedTuple

from samen_refer.format.language import Translations
from samen_refer.format.pathway import Pathway


class TextChange(NamedTuple):
    """A text a helper reads, changed; ``old`` and ``new`` are in ``lang`` ("" for a phone number or web address)."""

    kind: str
    id: str
    field: str
    lang: str
    old: str | None
    new: str | None


def text_changes(old: Pathway, new: Pathway, lang: str) -> Iterator[TextChange]:
    """Texts a helper reads that differ in any language, shown in ``lang`` (or in the language that changed)."""
    for kind, where, field, before, after in _texts(old, new):
        if before == after:
            continue
        if isinstance(before, str | None) and isinstance(after, str | None):
            yield TextChange(kind, where, field, "", before, after)
            continue
        was: Translations = before if isinstance(before, Mapping) else {}
        now: Translations = after if isinstance(after, Mapping) else {}
        differ = [code for code in (lang, *was, *now) if was.get(code) != now.get(code)]
        yield TextChange(kind, where, field, differ[0], was.get(differ[0]), now.get(differ[0]))


FieldValue = Translations | str | None


def _texts(old: Pathway, new: Pathway) -> Iterator[tuple[str, str, str, FieldValue, FieldValue]]:
    yield "pathway", new.id, "title", old.title, new.title
    yield "pathway", new.id, "reminder", old.reminder, new.reminder
    for q in new.questions:
        was = old.question(q.id)
        if was is None:
            continue
        yield "question", q.id, "text", was.text, q.text
        yield "question", q.id, "why", was.why, q.why
        yield "question", q.id, "help", was.help, q.help
        for option in q.options:
            before = was.option(option.id)
            if before is not None:
                yield "option", f"{q.id}={option.id}", "label", before.label, option.label
    old_blocks = {b.id: b for b in old.blocks}
    for block in new.blocks:
        if block.id not in old_blocks:
            continue
        old_steps = {s.id: s for s in old_blocks[block.id].steps}
        old_uses = {u.contact: u for u in old_blocks[block.id].contacts}
        for step in (s for s in block.steps if s.id in old_steps):
            yield "step", f"{block.id}/{step.id}", "text", old_steps[step.id].text, step.text
            yield "step", f"{block.id}/{step.id}", "say", old_steps[step.id].say, step.say
        for use in (u for u in block.contacts if u.contact in old_uses):
            yield "contact", f"{block.id}/{use.contact}", "note", old_uses[use.contact].note, use.note
    old_contacts = old.contacts
    for contact in new.contacts.values():
        was_contact = old_contacts.get(contact.id)
        if was_contact is not None:
            yield "contact", contact.id, "name", was_contact.name, contact.name
            yield "contact", contact.id, "phone", was_contact.phone, contact.phone
            yield "contact", contact.id, "url", was_contact.url, contact.url
