"""The one layout of a region file, as ``regions import`` writes it.

A region file read and written again in this layout is the same file byte for byte, so a CSV exported and imported
again gives the file it came from. The layout keeps the keys in the order of the CSV columns, writes a list or a
mapping on one line when it fits (``[nl, en]``, ``{violence: [sexual]}``), folds a long text as ``>-`` at
``WIDTH`` columns, and leaves a blank line between contacts. Comments are not kept: every fact has a field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Final, TypeAlias

import yaml

from samen_refer.format.language import Translations
from samen_refer.format.region import Region, RegionalContact

WIDTH: Final = 116
HEADER: Final = (
    "# yaml-language-server: $schema=../schema/region.schema.json\n"
    "# Written in the layout of `samen-refer regions import`: comments are not kept, every fact has its field.\n"
)
# The keys of a regional contact in the order of the file and of the CSV columns.
CONTACT_KEYS: Final = (
    "id",
    "name",
    "does",
    "phone",
    "url",
    "hours",
    "cost",
    "after_call",
    "anonymous_advice",
    "interpreters",
    "verified",
    "source",
    "source_date",
    "other_sources",
    "role",
    "serves",
    "person",
    "after",
)
TEXT_KEYS: Final = ("name", "does", "hours", "cost", "after_call", "interpreters")
# A date reads plain (a source page's YYYY-MM too); a bare year is quoted, so that editors read it as a text
_DATE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")
# Only a space with a word on both sides is a place to fold: the folded text then reads back the same.
_FOLD = re.compile(r"(?<=\S) (?=\S)")

Data: TypeAlias = "str | bool | Sequence[Data] | Mapping[str, Data]"


def _texts(text: Translations, languages: Sequence[str]) -> dict[str, str]:
    return {lang: text[lang] for lang in languages if lang in text}


def regional_contact_fields(regional: RegionalContact, languages: Sequence[str]) -> dict[str, Data]:
    """A regional contact as plain data in the layout's key order, without the keys it leaves out."""
    c = regional.contact
    values: dict[str, Data | None] = {
        **{key: getattr(c, key) for key in CONTACT_KEYS if key in c._fields and key not in TEXT_KEYS},
        **{key: _texts(text, languages) for key in TEXT_KEYS if (text := getattr(c, key)) is not None},
        "other_sources": list(regional.other_sources) or None,
        "role": regional.role,
        "serves": {t.question: list(t.options) for t in regional.serves.terms} if regional.serves else None,
        "person": regional.person,
        "after": regional.after,
    }
    return ordered_contact({k: v for k, v in values.items() if v is not None})


def ordered_contact(values: Mapping[str, Data]) -> dict[str, Data]:
    """The contact's keys in the layout's order."""
    return {key: values[key] for key in CONTACT_KEYS if key in values}


def region_data(region: Region, contacts: Sequence[Mapping[str, Data]] | None = None) -> dict[str, Data]:
    """The region as plain data in the layout's key order (with other ``contacts``, as an import gives them)."""
    owner = region.owner
    data: dict[str, Data | None] = {
        "id": region.id,
        "pathway": region.pathway,
        "languages": list(region.languages),
        "name": _texts(region.name, region.languages),
        "municipalities": list(region.municipalities),
        "municipalities_source": region.municipalities_source,
        "owner": {
            "name": _texts(owner.name, region.languages),
            "corrections": _texts(owner.corrections, region.languages),
            **({"url": owner.url} if owner.url else {}),
            **({"email": owner.email} if owner.email else {}),
        },
        "contacts": list(contacts)
        if contacts is not None
        else [regional_contact_fields(c, region.languages) for c in region.contacts],
    }
    return {k: v for k, v in data.items() if v is not None}


def region_text(region: Region) -> str:
    """The region file in the layout."""
    return layout(region_data(region))


def layout(data: Mapping[str, Data]) -> str:
    """Plain region data as the text of its file."""
    lines = [line for key, value in data.items() for line in _entry(key, value, 0)]
    return HEADER + "\n".join(lines) + "\n"


def _entry(key: str, value: Data, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, (str, bool)):
        return _scalar(f"{pad}{key}: ", value, indent + 2)
    flow = _flow(value)
    if flow is not None and len(pad) + len(key) + 2 + len(flow) <= WIDTH:
        return [f"{pad}{key}: {flow}"]
    out = [f"{pad}{key}:"]
    if isinstance(value, Mapping):
        for k, v in value.items():
            out += _entry(k, v, indent + 2)
        return out
    for number, item in enumerate(value):
        if isinstance(item, Mapping):
            if number:
                out.append("")
            item_lines = [line for k, v in item.items() for line in _entry(k, v, indent + 4)]
            out.append(f"{pad}  - {item_lines[0][indent + 4 :]}")
            out += item_lines[1:]
        elif isinstance(item, (str, bool)):
            out += _scalar(f"{pad}  - ", item, indent + 4)
    return out


def _flow(value: Data) -> str | None:
    """The value on one line, or ``None`` when a text in it would need quotes there (it then reads better as a
    block)."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        text = _inline(value, flow=True)
        return None if text[:1] in ("'", '"') else text
    items = value.items() if isinstance(value, Mapping) else enumerate(value)
    parts = [(k, _flow(v)) for k, v in items]
    if any(part is None for _, part in parts):
        return None
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {part}" for k, part in parts) + "}"
    return "[" + ", ".join(str(part) for _, part in parts) + "]"


def _inline(text: str, flow: bool) -> str:
    """The text on one line: plain where YAML reads it back as the same text, else quoted."""
    if _DATE.fullmatch(text):  # every scalar is read as text, and a date reads better plain
        return text
    style = None if text.isprintable() else '"'  # a line break or invisible character only as an escape
    dumped = yaml.safe_dump(
        [text] if flow else text, allow_unicode=True, width=1 << 30, default_style=style, default_flow_style=True
    )
    dumped = dumped.rstrip("\n").removesuffix("\n...")
    return dumped[1:-1] if flow else dumped


def _scalar(prefix: str, value: str | bool, indent: int) -> list[str]:
    if isinstance(value, bool):
        return [f"{prefix}{str(value).lower()}"]
    line = prefix + _inline(value, flow=False)
    if len(line) <= WIDTH or not (value.isprintable() and value == value.strip()):
        return [line]
    out = [f"{prefix}>-"]
    current = ""
    for word in _FOLD.split(value):
        if current and indent + len(current) + 1 + len(word) > WIDTH:
            out.append(" " * indent + current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    out.append(" " * indent + current)
    return out if len(out) > 2 else [line]  # one word too long to fold (a web address) stays on its line
