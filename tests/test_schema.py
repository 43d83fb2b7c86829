"""The JSON Schemas come from the loader's own shapes; the committed copies and the files' first lines match them."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from samen_refer.cli.app import app
from samen_refer.schema import KINDS, json_schema, schema_text
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
    [("*.yaml", "schema/pathway.schema.json"), ("scenarios/*.yaml", "../schema/scenario.schema.json")],
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
