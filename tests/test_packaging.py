"""The wheel carries pathways and templates, also when built from the sdist, and runs from any folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

SHIPPED = ["pathways", "templates", "samen_refer", "pyproject.toml", "README.md", "LICENSES", "REUSE.toml"]


def _hook(hook: str, source: Path, out: Path) -> Path:
    """Call a PEP 517 hook of hatchling in ``source``; return the file it built."""
    code = f"import hatchling.build as b; print(b.{hook}({str(out)!r}))"
    name = subprocess.run([sys.executable, "-c", code], cwd=source, check=True, capture_output=True, text=True)
    return out / name.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from the sdist, which is built from a copy of the checkout."""
    work = tmp_path_factory.mktemp("build")
    checkout = work / "checkout"
    checkout.mkdir()
    for name in SHIPPED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, checkout / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, checkout / name)
    sdist = _hook("build_sdist", checkout, work)
    with tarfile.open(sdist) as archive:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4+ and the security releases before it
            archive.extractall(work / "unpacked", filter="data")
        else:  # Debian 12's Python 3.11.2; the archive was built a moment ago from this checkout
            archive.extractall(work / "unpacked")
    (unpacked,) = (work / "unpacked").iterdir()
    return _hook("build_wheel", unpacked, work)


def test_the_wheel_ships_pathways_and_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in (REPO / "pathways").rglob("*.yaml"):
        assert f"samen_refer/pathways/{path.relative_to(REPO / 'pathways')}" in names
    assert "samen_refer/templates/README.md" in names
    assert "samen_refer/cli/app.py" in names
    for name in (
        "engine.js",
        "walk.js",
        "practice.js",
        "page.css",
        "page.html.j2",
        "service-worker.js",
    ):  # the page parts
        assert f"samen_refer/render/web/{name}" in names
    for lang in ("nl", "en"):
        assert f"samen_refer/i18n/locale/{lang}/LC_MESSAGES/samen_refer.mo" in names


def _metadata(wheel: Path) -> list[tuple[str, str]]:
    archive = zipfile.ZipFile(wheel)
    (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
    head = archive.read(name).decode("utf-8").split("\n\n", 1)[0]
    return [(key, value) for key, _, value in (line.partition(": ") for line in head.splitlines())]


def test_the_wheel_carries_the_licence_expression_and_both_licence_texts(wheel: Path) -> None:
    fields = _metadata(wheel)
    assert ("License-Expression", "EUPL-1.2 AND CC-BY-4.0") in fields
    assert sorted(value for key, value in fields if key == "License-File") == [
        "LICENSES/CC-BY-4.0.txt",
        "LICENSES/EUPL-1.2.txt",
    ]
    archive = zipfile.ZipFile(wheel)
    for text in ("EUPL-1.2", "CC-BY-4.0"):
        (name,) = [n for n in archive.namelist() if n.endswith(f".dist-info/licenses/LICENSES/{text}.txt")]
        assert archive.read(name) == (REPO / "LICENSES" / f"{text}.txt").read_bytes()


def test_the_unpacked_wheel_runs_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("SAMEN_REFER_PATHWAYS", None)
    code = "import samen_refer.format.library as l; print(l.builtin_directory())"
    found = subprocess.run(
        [sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == str(site / "samen_refer" / "pathways")
    listed = subprocess.run(
        [sys.executable, "-m", "samen_refer", "pathways"], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert listed.returncode == 0, listed.stderr
    assert "Traceback" not in listed.stderr


def test_the_readme_commands_make_their_venv_and_ci_runs_the_test_command_as_written() -> None:
    import re

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = [c.strip() for c in re.findall(r"```sh\n(.*?)\n *```", readme, re.S)]
    start = "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/samen-refer start"
    test = "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest"
    assert start in commands and test in commands
    assert test in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
