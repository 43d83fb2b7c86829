"""JSON Schemas of the YAML files, generated from the same shapes the loader reads with, so they cannot drift.

Editors with yaml-language-server read the ``# yaml-language-server: $schema=...`` line at the top of each file.
"""

from __future__ import annotations

import json
from typing import Any, Final

from samen_refer.format.contact import DIRECTORY
from samen_refer.format.pathway import PATHWAY
from samen_refer.format.region import REGION
from samen_refer.format.scenario import SCENARIO
from samen_refer.format.shape import Record

KINDS: Final[dict[str, tuple[Record, str]]] = {
    "pathway": (PATHWAY, "samen-refer pathway"),
    "contacts": (DIRECTORY, "samen-refer contacts file"),
    "scenario": (SCENARIO, "samen-refer scenario"),
    "region": (REGION, "samen-refer region (regional social map)"),
}


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of file."""
    record, title = KINDS[kind]
    return schema_document(kind, title, record.schema())


def schema_text(kind: str) -> str:
    """The schema as the text of a ``.schema.json`` file."""
    return document_text(json_schema(kind))


def schema_document(kind: str, title: str, body: dict[str, Any]) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) named ``kind``: of a file, or of a JSON output (``render.contract``)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://samen-refer.invalid/schema/{kind}.schema.json",
        "title": title,
        **body,
    }


def document_text(schema: dict[str, Any]) -> str:
    """A schema as the text of a ``.schema.json`` file (and of ``samen-refer schema``)."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
