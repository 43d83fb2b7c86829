"""What a change does to the regional social maps (``diff``): regions added or removed, and per region the
contacts added, removed or changed, the municipalities and the owner. Pure functions, no I/O."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final, NamedTuple

from samen_refer.engine.markdown import markdown_text
from samen_refer.format.region import Region, RegionalContact
from samen_refer.i18n.translation import Words, number

_REGION_DIFF_WORDS: Final = Words(
    "diff",
    {
        "regions": "Regions",
        "region-added": "region {id} added",
        "region-removed": "region {id} removed",
        "contact-added": "{region}: contact {id} added",
        "contact-removed": "{region}: contact {id} removed",
        "contact-changed": "{region}: contact {id} changed ({fields})",
        "municipality-added": "{region}: municipality {name} added",
        "municipality-removed": "{region}: municipality {name} removed",
        "owner-changed": "{region}: owner changed",
        "region-changed": "{region}: region changed ({fields})",
    },
)


class RegionChange(NamedTuple):
    """One change to a region, as a sentence key and its values."""

    kind: str
    region: str
    id: str = ""
    fields: tuple[str, ...] = ()


def _facts(regional: RegionalContact) -> dict[str, Any]:
    """What a regional contact says, without where in the file it stands."""
    serves = tuple((t.question, t.options) for t in regional.serves.terms) if regional.serves else None
    facts = {k: v for k, v in regional.contact._asdict().items() if k != "at"}
    return {
        **facts,
        "other_sources": regional.other_sources,
        "role": regional.role,
        "serves": serves,
        "person": regional.person,
        "after": regional.after,
    }


def compare_regions(old: Sequence[Region], new: Sequence[Region]) -> list[RegionChange]:
    """Every change from the old regions to the new ones, in id order."""
    before = {r.id: r for r in old}
    after = {r.id: r for r in new}
    out: list[RegionChange] = []
    for region_id in sorted(before.keys() | after.keys()):
        was, now = before.get(region_id), after.get(region_id)
        if was is None:
            out.append(RegionChange("region-added", region_id, region_id))
            continue
        if now is None:
            out.append(RegionChange("region-removed", region_id, region_id))
            continue
        old_contacts = {c.contact.id: _facts(c) for c in was.contacts}
        new_contacts = {c.contact.id: _facts(c) for c in now.contacts}
        for cid in sorted(old_contacts.keys() | new_contacts.keys()):
            if cid not in old_contacts:
                out.append(RegionChange("contact-added", region_id, cid))
            elif cid not in new_contacts:
                out.append(RegionChange("contact-removed", region_id, cid))
            elif old_contacts[cid] != new_contacts[cid]:
                fields = tuple(k for k in new_contacts[cid] if old_contacts[cid].get(k) != new_contacts[cid][k])
                out.append(RegionChange("contact-changed", region_id, cid, fields))
        out += [
            RegionChange("municipality-added", region_id, m) for m in now.municipalities if m not in was.municipalities
        ]
        out += [
            RegionChange("municipality-removed", region_id, m)
            for m in was.municipalities
            if m not in now.municipalities
        ]
        if was.owner != now.owner:
            out.append(RegionChange("owner-changed", region_id))
        fields = tuple(f for f in _REGION_FIELDS if getattr(was, f) != getattr(now, f))
        if fields:
            out.append(RegionChange("region-changed", region_id, region_id, fields))
    return out


_REGION_FIELDS: Final = ("name", "languages", "pathway", "municipalities_source")  # the rest has its own change


def region_changes_data(changes: Sequence[RegionChange]) -> list[dict[str, Any]]:
    """The changes for ``diff --format json``."""
    return [{"change": c.kind, "region": c.region, "id": c.id or None, "fields": list(c.fields)} for c in changes]


def region_markdown(changes: Sequence[RegionChange], lang: str = "en") -> str:
    """The changes as a Markdown section (empty when nothing changed)."""
    if not changes:
        return ""

    def word(key: str, **values: str) -> str:
        return _REGION_DIFF_WORDS(key, lang, **values)

    lines = ["", f"### {word('regions')} ({number(len(changes), lang)})", ""]
    for c in changes:
        name = markdown_text(c.id)  # a municipality's name, from the YAML
        values = {"region": f"`{c.region}`", "id": f"`{c.id}`", "name": name, "fields": ", ".join(c.fields)}
        lines.append(f"- {word(c.kind, **values)}")
    return "\n".join(lines) + "\n"
