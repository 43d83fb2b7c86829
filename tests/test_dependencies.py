"""CI's npm clients come from the committed lock file (``npm ci``), at exact versions, and dependabot watches the
Python dependencies, those clients and the workflows' actions."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from tests.conftest import REPO

CI = REPO / ".ci"
CLIENTS = {"axe-core", "extwee", "jsdom", "mermaid", "vnu-jar"}


def _json(name: str) -> dict[str, Any]:
    data = json.loads((CI / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_clients_are_pinned_exactly_and_locked_at_those_versions() -> None:
    wanted = _json("package.json")["dependencies"]
    assert set(wanted) == CLIENTS
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", version) for version in wanted.values()), wanted
    lock = _json("package-lock.json")
    assert lock["packages"][""]["dependencies"] == wanted
    assert {name: lock["packages"][f"node_modules/{name}"]["version"] for name in wanted} == wanted
    assert wanted["mermaid"].startswith("11.") and wanted["extwee"].startswith("2.")  # the majors the tests speak


def test_ci_installs_the_clients_from_the_lock_file_and_points_the_tests_at_them() -> None:
    run = (CI / "run").read_text(encoding="utf-8")
    assert "npm ci --prefix .ci " in run and "npm install" not in run
    paths = dict(re.findall(r'^export (SAMEN_REFER_\w+)="\$PWD/([^"]+)"$', run, re.M))
    assert paths == {
        "SAMEN_REFER_MERMAID_DIR": ".ci",
        "SAMEN_REFER_VNU_JAR": ".ci/node_modules/vnu-jar/build/dist/vnu.jar",
        "SAMEN_REFER_EXTWEE_DIR": ".ci",
        "SAMEN_REFER_AXE": ".ci/node_modules/axe-core/axe.min.js",
    }
    assert ".ci/node_modules/" in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_dependabot_watches_pip_npm_and_the_actions() -> None:
    config = yaml.safe_load((REPO / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    updates = {(u["package-ecosystem"], u["directory"]) for u in config["updates"]}
    assert updates == {("pip", "/"), ("npm", "/.ci"), ("github-actions", "/")}
    assert (REPO / "pyproject.toml").is_file() and (CI / "package-lock.json").is_file()
