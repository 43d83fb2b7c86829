"""The Twee export compiles with a real Twee compiler (extwee, npm) and its passages and links are the pathway's
questions and options (issue 12). CI installs extwee (`.ci/run`); elsewhere the test says how to."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from samen_refer.checks.load import load_pathway
from samen_refer.format.pathway import Pathway
from samen_refer.render.twee import story_twee
from tests.conftest import MINI, REPO, missing

EXTWEE = os.environ.get("SAMEN_REFER_EXTWEE_DIR", "")
# Parse the Twee 3 source, compile it to Twine 2 HTML, read that back, and list each passage with its links.
COMPILE = """
const extwee = require("extwee");
const source = require("fs").readFileSync(process.argv[1], "utf8");
const compiled = extwee.parseTwee(source).toTwine2HTML();
const story = extwee.parseTwine2HTML(compiled);
const links = (text) => [...text.matchAll(/\\[\\[(?:[^\\]]*?->)?([^\\]]+?)\\]\\]/g)].map((m) => m[1]);
console.log(JSON.stringify({
  name: story.name,
  passages: Object.fromEntries(story.passages.map((p) => [p.name, links(p.text)])),
}));
"""


def compiled(pathway: Pathway, tmp_path: Path) -> dict[str, object]:
    if not EXTWEE or shutil.which("node") is None:
        missing("set SAMEN_REFER_EXTWEE_DIR to a directory after `npm install --prefix DIR extwee@2`")
    source = tmp_path / "story.twee"
    source.write_text(story_twee(pathway, "nl"), encoding="utf-8")
    env = {**os.environ, "NODE_PATH": str(Path(EXTWEE) / "node_modules")}
    result = subprocess.run(
        ["node", "-e", COMPILE, str(source)], capture_output=True, text=True, env=env, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


@pytest.mark.parametrize("which", ["mini", "sggg"])
def test_the_twee_export_compiles_and_links_every_option(tmp_path: Path, which: str) -> None:
    path = MINI / "mini.yaml" if which == "mini" else REPO / "pathways" / "sggg.yaml"
    pathway = load_pathway(path)
    story = compiled(pathway, tmp_path)
    passages = story["passages"]
    assert isinstance(passages, dict)
    for question in pathway.questions:
        assert question.id in passages, question.id
        expected = [f"{question.id}={option.id}" for option in question.options]
        assert [link for link in passages[question.id] if link.startswith(f"{question.id}=")] == expected
        for target in expected:
            assert target in passages, target  # every link leads to a passage that exists
    assert "end" in passages
