"""The regions and the stale contacts as lines of plain text (``regions``, ``contacts --stale``)."""

from __future__ import annotations

from collections.abc import Sequence

from samen_refer.checks.stale import OwnerGroup
from samen_refer.format.language import pick
from samen_refer.format.region import Region
from samen_refer.i18n.messages import say


def region_lines(regions: Sequence[Region], lang: str) -> list[str]:
    """Each region: id and name, its municipalities, who keeps it and how to correct it, and how current it is."""
    if not regions:
        return [say("regions.none", lang)]
    out: list[str] = []
    for region in regions:
        owner = region.owner
        reach = " ".join(x for x in (pick(owner.corrections, lang), owner.url or "", owner.email or "") if x)
        oldest = region.oldest_verified()
        current = (
            say("regions.current", lang, n=len(region.contacts), date=oldest) if oldest else say("regions.empty", lang)
        )
        out += [
            f"{region.id}: {pick(region.name, lang)}",
            f"   {say('regions.municipalities', lang)}: {', '.join(region.municipalities)}",
            f"   {say('regions.owner', lang)}: {pick(owner.name, lang)}",
            f"   {say('regions.corrections', lang)}: {reach}",
            f"   {current}",
        ]
        for regional in region.contacts:  # each with where its facts come from, and an old source marked
            c = regional.contact
            out.append(f"   {say('regions.contact', lang, name=pick(c.name, lang), source=c.source, date=c.verified)}")
            if old := c.old_source():
                out.append(f"     {say('old_source', lang, date=old)}")
    return out


def stale_lines(groups: Sequence[OwnerGroup], days: int, lang: str) -> list[str]:
    """The stale contacts, grouped by owner, the oldest first."""
    if not groups:
        return [say("stale.none", lang, days=days)]
    out: list[str] = []
    for group in groups:
        where = group.region or say("stale.national", lang)
        out.append(f"{group.owner} ({where}): {len(group.contacts)}")
        if group.corrections:
            out.append(f"   {say('regions.corrections', lang)}: {group.corrections}")
        for item in group.contacts:
            c = item.contact
            age = say("stale.age", lang, date=c.verified, age=item.age)
            out.append(f"   - {c.id} \u00b7 {pick(c.name, lang)} \u00b7 {age} \u00b7 {c.source}")
    return out
