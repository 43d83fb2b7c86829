"""The HTML handouts, exercise sheets and the phone guide pass the Nu HTML Checker (vnu-jar) with no errors."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from samen_refer.checks.scenarios import read_scenario
from tests.conftest import REPO, missing
from tests.trainers import run

VNU_JAR = os.environ.get("SAMEN_REFER_VNU_JAR", "")


@pytest.mark.no_cover  # a loop over code other tests cover: coverage would add seconds and no line
def test_handouts_and_sheets_pass_the_nu_html_checker(tmp_path: Path) -> None:
    if not Path(VNU_JAR).is_file() or shutil.which("java") is None:
        missing(
            "set SAMEN_REFER_VNU_JAR to .ci/node_modules/vnu-jar/build/dist/vnu.jar after `npm ci --prefix .ci` (needs Java)"
        )
    pages: list[Path] = []
    for scenario in ("s01-recent-assault-azc", "s10-suicidal-thoughts", "s12-not-safe-to-talk"):
        case, _ = read_scenario(REPO / "pathways" / "scenarios" / f"{scenario}.yaml")
        assert case is not None
        answers = tmp_path / f"{scenario}.yaml"
        answers.write_text("".join(f"{q}: {o}\n" for q, o in case.given().items()), encoding="utf-8")
        for audience in ("helper",) if scenario == "s12-not-safe-to-talk" else ("person", "helper"):  # not safe
            for lang in ("nl", "en"):
                page = tmp_path / f"{scenario}-{audience}-{lang}.html"
                args = ["--answers", str(answers), "--format", "html", "--audience", audience, "--lang", lang]
                assert run("handout", *args, "-o", str(page))[0] == 0
                pages.append(page)
    for lang in ("nl", "en"):  # the phone guide (its screens are built by script: tests/test_web_browser.py)
        page = tmp_path / f"gids-{lang}.html"
        assert run("web", "--lang", lang, "-o", str(page))[0] == 0
        pages.append(page)
    for audience in ("participant", "trainer"):
        page = tmp_path / f"sheet-{audience}.html"
        assert run("scenarios", "sheet", "--all", "--format", "html", "--audience", audience, "-o", str(page))[0] == 0
        pages.append(page)
    checked = subprocess.run(
        ["java", "-jar", VNU_JAR, "--errors-only", *map(str, pages)], capture_output=True, text=True, timeout=300
    )
    assert (checked.returncode, checked.stderr) == (0, "")
