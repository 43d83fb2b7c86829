"""The JSON Schemas come from the loader's own shapes; the committed copies and the files' first lines match them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samen_refer.cli.app import app
from samen_refer.format.schema import KINDS, json_schema, schema_text
from tests.conftest import REPO

SCHEMAS = REPO / "pathways" / "schema"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_committed_schema_is_the_generated_one(kind: str) -> None:
    assert (SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8") == schema_text(kind), (
        f"run: samen-refer schema {kind} -o pathways/schema/{kind}.schema.json"
    )


def test_schema_knows_every_key_the_loader_knows() -> None:
    question = json_schema("pathway")["properties"]["questions"]["items"]
    assert sorted(question["properties"]) == ["help", "id", "next", "options", "text", "why"]
    assert question["additionalProperties"] is False
    assert sorted(question["required"]) == ["id", "options", "text", "why"]
    contact = json_schema("contacts")["properties"]["contacts"]["items"]
    assert contact["properties"]["anonymous_advice"] == {
        "type": "boolean",
        "description": "can a helper ask advice without giving names",
    }


@pytest.mark.parametrize(
    ("pattern", "schema"),
    [
        ("*.yaml", "schema/pathway.schema.json"),
        ("scenarios/*.yaml", "../schema/scenario.schema.json"),
        ("regions/*.yaml", "../schema/region.schema.json"),
    ],
)
def test_yaml_files_point_editors_at_their_schema(pattern: str, schema: str) -> None:
    for path in (REPO / "pathways").glob(pattern):
        expected = "contacts" if path.name == "contacts.yaml" else None
        first = path.read_text(encoding="utf-8").splitlines()[0]
        wanted = schema.replace("pathway", expected) if expected else schema
        assert first == f"# yaml-language-server: $schema={wanted}", path


def test_schema_command_prints() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["schema", "contacts"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == "samen-refer contacts file"
    assert runner.invoke(app, ["schema", "nonsense"]).exit_code == 2


def check_jsonschema(*args: str) -> subprocess.CompletedProcess[str]:
    """The check-jsonschema command (test extras): ECMAScript regexes in unicode mode, as editors read them."""
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", *args], capture_output=True, text=True, check=False, timeout=120
    )


def test_every_schema_passes_the_metaschema_with_unicode_regexes() -> None:
    result = check_jsonschema("--check-metaschema", "--regex-variant", "default", *map(str, sorted(SCHEMAS.glob("*"))))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("kind", "pattern"),
    [
        ("pathway", "sggg.yaml"),
        ("contacts", "contacts.yaml"),
        ("scenario", "scenarios/*.yaml"),
        ("region", "regions/*.yaml"),
    ],
)
def test_every_shipped_file_validates_against_its_schema(kind: str, pattern: str) -> None:
    files = sorted((REPO / "pathways").glob(pattern))
    assert files
    result = check_jsonschema("--schemafile", str(SCHEMAS / f"{kind}.schema.json"), *map(str, files))
    assert result.returncode == 0, result.stdout + result.stderr


# Small pathways that the loader and the schema must judge alike: (what is changed, accepted by both).
AGREEMENT = [
    ("", True),
    ("blocks:\n  - id: b\n    when: {}\n", False),  # an empty condition
    ("blocks:\n  - id: b\n    when: {q: [a]}\n", True),
    ("blocks:\n  - id: b\n    when: {q: []}\n", False),  # a term with no options
    ("blocks:\n  - id: b\n    urgency: soonish\n", False),
    ("blocks:\n  - id: b\n    contacts: [{contact: c, role: report, person: true}]\n", True),
    ("blocks:\n  - id: b\n    contacts: [{contact: c, role: refer, person: maybe}]\n", False),
    ("blocks:\n  - id: b\n    hepl: x\n", False),  # an unknown key
]
BASE = """\
id: p
version: "1"
title: {nl: T, en: T}
languages: [nl, en]
start: q
questions:
  - id: q
    text: {nl: V, en: Q}
    why: {nl: W, en: W}
    options:
      - {id: a, label: {nl: A, en: A}}
    next: end
"""


@pytest.mark.parametrize(("change", "accepted"), AGREEMENT)
def test_the_loader_and_the_schema_agree(tmp_path: Path, change: str, accepted: bool) -> None:
    from samen_refer.format.pathway import PATHWAY
    from samen_refer.format.shape import INVALID, Reader
    from samen_refer.format.source import read_document

    text = BASE + (change or "blocks:\n  - id: b\n")
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    assert doc.root is not None and not doc.problems
    reader = Reader(doc.path)
    loaded = PATHWAY.read(doc.root, reader) is not INVALID and not reader.problems
    schema = check_jsonschema("--schemafile", str(SCHEMAS / "pathway.schema.json"), str(path)).returncode == 0
    assert (loaded, schema) == (accepted, accepted)
