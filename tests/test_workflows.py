"""The GitHub workflows keep the hardening of R18: what each job may write, actions pinned by commit, no token kept by
a checkout, no expression inside a shell script. `.ci/run` also runs zizmor and actionlint on them; this holds the
project's own rules, which are stricter in places (no expression at all in `run:`, not only untrusted ones)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
PINNED = re.compile(r"uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def jobs(path: Path) -> dict[str, Any]:
    return dict(yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"])


def test_there_are_five_workflows() -> None:
    assert [p.name for p in FILES] == ["pages.yml", "pathways.yml", "release.yml", "stale-contacts.yml", "tests.yml"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_workflow_grants_nothing_itself(path: Path) -> None:
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["permissions"] == {}


# Every write permission there is, by workflow and job; every other job may at most read.
WRITES = {
    ("pages.yml", "build"): set(),
    ("pages.yml", "deploy"): {"pages", "id-token"},
    ("release.yml", "build"): set(),  # installs and runs samen-refer
    ("release.yml", "publish"): {"id-token"},  # trusted publishing on PyPI
    ("release.yml", "attach"): {"contents"},
    ("pathways.yml", "review"): set(),  # runs the pull request's own code
    ("pathways.yml", "comment"): {"pull-requests"},
    ("stale-contacts.yml", "issues"): {"issues"},
    ("tests.yml", "tests"): set(),
}


def test_each_job_may_write_only_what_it_needs() -> None:
    found = {}
    for path in FILES:
        for name, job in jobs(path).items():
            permissions = job.get("permissions", {})
            assert set(permissions.values()) <= {"read", "write"}, (path.name, name)
            found[path.name, name] = {scope for scope, level in permissions.items() if level == "write"}
    assert found == WRITES


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_actions_are_pinned_by_commit_and_checkouts_keep_no_token(path: Path) -> None:
    lines = [line.strip().removeprefix("- ") for line in path.read_text(encoding="utf-8").splitlines()]
    uses = [line for line in lines if line.startswith("uses:")]
    assert uses and all(PINNED.fullmatch(line) for line in uses), uses
    for job in jobs(path).values():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_expression_inside_a_shell_script(path: Path) -> None:
    for job in jobs(path).values():
        for step in job["steps"]:
            assert "${{" not in step.get("run", ""), step  # values come in through env: and "$NAME"


def _runs(job: dict[str, Any]) -> list[str]:
    return [line.strip() for step in job["steps"] for line in step.get("run", "").splitlines()]


def test_the_tests_run_on_every_supported_python_with_the_readme_command() -> None:
    (job,) = jobs(WORKFLOWS / "tests.yml").values()
    assert job["strategy"]["matrix"]["python"] == ["3.10", "3.11", "3.12", "3.13"]
    readme_command = "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest"
    assert readme_command in _runs(job)


def test_a_release_is_built_checked_published_with_trusted_publishing_and_gets_the_phone_guide() -> None:
    release = jobs(WORKFLOWS / "release.yml")
    built = _runs(release["build"])
    assert ".venv/bin/python -m build --outdir dist" in built and ".venv/bin/twine check --strict dist/*" in built
    assert "guide/bin/samen-refer web -o gids.html" in built
    publish = release["publish"]
    assert publish["needs"] == "build" and publish["environment"]["name"] == "pypi"
    assert [step["uses"].split("@")[0] for step in publish["steps"]] == [
        "actions/download-artifact",
        "pypa/gh-action-pypi-publish",  # no password: PyPI trusts the workflow's identity (id-token)
    ]
    assert _runs(release["attach"]) == ['gh release upload "$TAG" gids.html dist/* --clobber']
