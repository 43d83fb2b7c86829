"""Another repository runs ``samen-refer validate`` on its pathways with pre-commit (.pre-commit-hooks.yaml): the
real pre-commit installs this checkout as a hook, from a clone, and runs it on a repository holding a copy of
pathways/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


def _git(where: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=where, check=True, capture_output=True)


# It installs the hook's environment from the registry: once, in its own group beside the other tests.
@pytest.mark.xdist_group("pre-commit")
@pytest.mark.no_cover  # the work happens in pre-commit's processes
def test_pre_commit_runs_validate_on_the_pathways_of_another_repository(tmp_path: Path) -> None:
    if not (REPO / ".git").exists():
        pytest.skip("pre-commit clones the hook from a git checkout (not from an sdist)")
    other = tmp_path / "other"
    shutil.copytree(REPO / "pathways", other / "pathways")
    _git(other, "init", "-q")
    sggg = other / "pathways" / "sggg.yaml"
    good = sggg.read_text(encoding="utf-8")
    sggg.write_text(good.replace("\nstart:", "\nstart_typo:", 1), encoding="utf-8")
    _git(other, "add", "-A")  # pre-commit's --all-files runs on the files git knows
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    env.pop("SAMEN_REFER_PATHWAYS", None)
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "samen-refer-validate", "--all-files"]

    broken = subprocess.run(command, cwd=other, env=env, capture_output=True, text=True)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "samen-refer validate" in broken.stdout and "Failed" in broken.stdout
    assert "sggg.yaml:" in broken.stdout  # the hook's own output: file and line of the problem

    sggg.write_text(good, encoding="utf-8")
    _git(other, "add", "-A")
    fixed = subprocess.run(command, cwd=other, env=env, capture_output=True, text=True)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "Passed" in fixed.stdout
