"""What a change does to the facts a caller acts on (``diff``): a contact's phone number, hours, cost and web
address, old → new with the contact's name, and whether ``verified`` and ``source`` changed with them (U21).

These come first in the pull-request comment: a wrong number reaches nobody, whatever the advice says. Pure
functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final, Literal, NamedTuple

from samen_refer.engine.markdown import markdown_text
from samen_refer.format.contact import Contact
from samen_refer.format.language import Translations, pick
from samen_refer.format.region import Region
from samen_refer.i18n.translation import Words, number

Fact = Literal["phone", "hours", "cost", "url"]
FACTS: Final[tuple[Fact, ...]] = ("phone", "hours", "cost", "url")  # in the order a caller needs them
FactValue = Translations | str | None


class FactChange(NamedTuple):
    """One fact of one contact, changed; ``region`` is the region file's id ("" for ``contacts.yaml``)."""

    region: str
    contact: str
    name: Translations
    fact: Fact
    old: FactValue
    new: FactValue


class Unconfirmed(NamedTuple):
    """A contact whose facts changed while its ``verified`` date and/or ``source`` stayed the same."""

    region: str
    contact: str
    name: Translations
    verified: bool  # ``verified`` is the same as before
    source: bool  # ``source`` is the same as before


class FactChanges(NamedTuple):
    """Every changed fact, and the contacts among them whose ``verified`` or ``source`` did not change."""

    changes: tuple[FactChange, ...] = ()
    unconfirmed: tuple[Unconfirmed, ...] = ()


NO_FACTS: Final = FactChanges()


def compare_facts(
    old: Mapping[str, Contact],
    new: Mapping[str, Contact],
    old_regions: Sequence[Region] = (),
    new_regions: Sequence[Region] = (),
) -> FactChanges:
    """The facts that changed in the national contacts, then in each region's (in id order); a contact added or
    removed is not here (the advice and the regions' sections say so)."""
    pairs: list[tuple[str, Mapping[str, Contact], Mapping[str, Contact]]] = [("", old, new)]
    before = {r.id: r for r in old_regions}
    for region in sorted(new_regions, key=lambda r: r.id):
        if region.id in before:
            earlier = {c.contact.id: c.contact for c in before[region.id].contacts}
            pairs.append((region.id, earlier, {c.contact.id: c.contact for c in region.contacts}))
    changes: list[FactChange] = []
    unconfirmed: list[Unconfirmed] = []
    for region_id, was_contacts, now_contacts in pairs:
        for contact_id, now in now_contacts.items():
            was = was_contacts.get(contact_id)
            if was is None:
                continue
            found = [
                FactChange(region_id, contact_id, now.name, fact, getattr(was, fact), getattr(now, fact))
                for fact in FACTS
                if getattr(was, fact) != getattr(now, fact)
            ]
            changes += found
            same_date, same_source = was.verified == now.verified, was.source == now.source
            if found and (same_date or same_source):
                unconfirmed.append(Unconfirmed(region_id, contact_id, now.name, same_date, same_source))
    return FactChanges(tuple(changes), tuple(unconfirmed))


def facts_data(facts: FactChanges) -> list[dict[str, Any]]:
    """The changed facts for ``diff --format json`` (the key ``contact_facts``, there only when some changed)."""
    unconfirmed = {(u.region, u.contact): u for u in facts.unconfirmed}
    out = []
    for c in facts.changes:
        same = unconfirmed.get((c.region, c.contact))
        out.append(
            {
                "region": c.region or None,
                "contact": c.contact,
                "fact": c.fact,
                "old": c.old,
                "new": c.new,
                "verified_changed": same is None or not same.verified,
                "source_changed": same is None or not same.source,
            }
        )
    return out


_FACT_WORDS: Final = Words(
    "diff",
    {
        "facts": "Phone numbers, hours, costs and web addresses",
        "fact.phone": "phone",
        "fact.hours": "hours",
        "fact.cost": "cost",
        "fact.url": "web address",
        "fact-phone.one": "{n} phone number changed",
        "fact-phone.many": "{n} phone numbers changed",
        "fact-hours.one": "{n} contact's hours changed",
        "fact-hours.many": "{n} contacts' hours changed",
        "fact-cost.one": "{n} contact's cost changed",
        "fact-cost.many": "{n} contacts' costs changed",
        "fact-url.one": "{n} web address changed",
        "fact-url.many": "{n} web addresses changed",
        "unconfirmed.both": "**Check:** {contact}: its `verified` date and `source` are the same as before. Read the "
        "source again, then write today's date at `verified` (and the new address at `source` if the fact comes "
        "from elsewhere).",
        "unconfirmed.verified": "**Check:** {contact}: its `verified` date is the same as before. Read the source "
        "again, then write today's date at `verified`.",
        "unconfirmed.source": "**Check:** {contact}: its `source` is the same as before. Is the new fact on that "
        "page? If it comes from elsewhere, write that address at `source`.",
        "none": "(none)",
    },
)


def facts_headline(facts: FactChanges, lang: str) -> str:
    """How many facts of each kind changed, for the comment's first line ("" when none did)."""
    counts = [(fact, sum(c.fact == fact for c in facts.changes)) for fact in FACTS]
    return ", ".join(
        _FACT_WORDS(f"fact-{fact}.{'one' if n == 1 else 'many'}", lang, n=number(n, lang)) for fact, n in counts if n
    )


def facts_markdown(facts: FactChanges, lang: str) -> list[str]:
    """The section of changed facts, each old → new with the contact's name, then a check for each contact whose
    ``verified`` or ``source`` stayed the same (no lines when no fact changed)."""
    if not facts.changes:
        return []
    lines = ["", f"### {_FACT_WORDS('facts', lang)} ({number(len(facts.changes), lang)})", ""]
    for c in facts.changes:
        code, old, new = _shown(c.old, c.new, lang)
        fact = _FACT_WORDS(f"fact.{c.fact}", lang) + (f" ({code})" if code else "")
        lines.append(f"- {_who(c.region, c.name, c.contact, lang)}, {fact}: {old} → {new}")
    if facts.unconfirmed:
        lines.append("")
    for u in facts.unconfirmed:
        key = "both" if u.verified and u.source else "verified" if u.verified else "source"
        lines.append(f"- {_FACT_WORDS(f'unconfirmed.{key}', lang, contact=_who(u.region, u.name, u.contact, lang))}")
    return lines


def _who(region: str, name: Translations, contact: str, lang: str) -> str:
    where = f"`{region}`: " if region else ""
    return f"{where}**{markdown_text(pick(name, lang))}** (`{contact}`)"


def _shown(old: FactValue, new: FactValue, lang: str) -> tuple[str, str, str]:
    """Both values in ``lang``, or, when they are the same there, in the language that changed (then named)."""
    if not isinstance(old, Mapping) and not isinstance(new, Mapping):
        return "", _said(old, lang), _said(new, lang)
    was: Translations = old if isinstance(old, Mapping) else {}
    now: Translations = new if isinstance(new, Mapping) else {}
    code = next((c for c in (lang, *was, *now) if was.get(c) != now.get(c)), lang)
    return ("" if code == lang else code), _said(was.get(code), lang), _said(now.get(code), lang)


def _said(value: str | None, lang: str) -> str:
    return _FACT_WORDS("none", lang) if value is None else markdown_text(value)
