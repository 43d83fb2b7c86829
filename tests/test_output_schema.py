"""The JSON outputs of ``route``, ``validate`` and ``diff`` name their format version and keep to the JSON Schemas that
``samen-refer schema route-output|validate-output|diff-output`` prints: real outputs, checked with check-jsonschema."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from samen_refer.cli.app import app
from samen_refer.render.contract import OUTPUTS
from tests.conftest import MINI, REPO
from tests.test_schema import check_jsonschema

runner = CliRunner()
SCENARIO = REPO / "pathways" / "scenarios" / "s33-nijmegen-undocumented-earlier.yaml"


def output(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, [*args, "--lang", "en"])
    assert (result.exit_code, result.stderr) == (code, ""), result.output
    return result.stdout


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """Real outputs of each kind, as files: complete and incomplete routes (a region, a safety screen), a validation
    with and without problems, a diff that changes advice, structure and a text."""
    folder = tmp_path_factory.mktemp("outputs")
    answers = folder / "answers.yaml"
    scenario = yaml.load(SCENARIO.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # ids as written: yes, no
    answers.write_text(yaml.safe_dump(scenario["answers"]), encoding="utf-8")
    old = folder / "old"
    shutil.copytree(MINI, old)
    new = folder / "new"
    shutil.copytree(MINI, new)
    text = (new / "mini.yaml").read_text(encoding="utf-8")
    changed = (
        text.replace('version: "0.1"', 'version: "0.2"')
        .replace("      - id: unsure\n        label: {nl: Weet ik niet, en: Not sure}\n", "")
        .replace("consent: [referral], danger: [no, unsure]", "consent: [referral], danger: [no]")
        .replace("    urgency: urgent\n", "    urgency: emergency\n")
        .replace("Kinderen hebben extra", "Kinderen hebben meer")
    )
    assert changed.count("\n") == text.count("\n") - 2
    (new / "mini.yaml").write_text(changed, encoding="utf-8")
    broken = folder / "broken"
    shutil.copytree(MINI, broken)
    (broken / "mini.yaml").write_text(text.replace("start: danger", "start: dangr"), encoding="utf-8")
    made = {
        "route-output": [
            output("route", "sggg", "--answers", str(answers), "--region", "nijmegen", "--format", "json"),
            output(
                "route", "sggg", "--answer", "safe_to_talk=yes", "--answer", "danger=yes", "--format", "json", code=3
            ),
            output("route", "mini", "--pathways", str(MINI), "--answer", "danger=no", "--format", "json", code=3),
        ],
        "validate-output": [
            output("validate", str(MINI), "--format", "json"),
            output("validate", str(broken), "--format", "json", code=1),
        ],
        "diff-output": [output("diff", str(old / "mini.yaml"), str(new / "mini.yaml"), "--format", "json")],
    }
    files: dict[str, list[Path]] = {}
    for kind, texts in made.items():
        files[kind] = []
        for number, text in enumerate(texts):
            path = folder / f"{kind}-{number}.json"
            path.write_text(text, encoding="utf-8")
            files[kind].append(path)
    return files


def load(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_outputs_cover_what_their_schemas_allow_to_be_empty(outputs: dict[str, list[Path]]) -> None:
    complete, screen, incomplete = map(load, outputs["route-output"])
    assert complete["region"] == "nijmegen" and any(c["regional"] for c in complete["outcome"]["contacts"])
    assert screen["interrupts"] and incomplete["next_question"] and incomplete["outcome"] is None
    assert load(outputs["validate-output"][1])["problems"]
    diff = load(outputs["diff-output"][0])
    assert diff["changed_routes"] and diff["change_sets"] and diff["removed_routes"] and diff["texts"]
    assert diff["options"]["removed"] == ["danger=unsure"]


@pytest.mark.parametrize("kind", sorted(OUTPUTS))
def test_each_output_names_its_format_version_first(kind: str, outputs: dict[str, list[Path]]) -> None:
    for path in outputs[kind]:
        assert next(iter(load(path).items())) == ("format", 1)


@pytest.mark.parametrize("kind", sorted(OUTPUTS))
def test_real_outputs_keep_to_the_printed_schema(kind: str, outputs: dict[str, list[Path]], tmp_path: Path) -> None:
    schema = tmp_path / f"{kind}.schema.json"
    schema.write_text(output("schema", kind), encoding="utf-8")
    checked = check_jsonschema("--check-metaschema", str(schema))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    checked = check_jsonschema("--schemafile", str(schema), *map(str, outputs[kind]))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_schema_refuses_an_output_with_a_key_it_does_not_know(
    outputs: dict[str, list[Path]], tmp_path: Path
) -> None:
    schema = tmp_path / "route-output.schema.json"
    schema.write_text(output("schema", "route-output"), encoding="utf-8")
    data = load(outputs["route-output"][0])
    data["outcome"]["contacts"][0]["fax"] = "none"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(data), encoding="utf-8")
    checked = check_jsonschema("--schemafile", str(schema), str(changed))
    assert checked.returncode == 1 and "fax" in checked.stdout
