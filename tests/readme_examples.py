"""The examples in ``pathways/README.md`` of what a pull request shows, made by a real run of the pull-request
workflow's own commands (``.github/workflows/pathways.yml``) on a small change, so they stay true.

``tests/test_readme_examples.py`` fails when the README's blocks differ from a new run. Refresh them with::

    .venv/bin/python -m tests.readme_examples

Each example stands in the README between ``<!-- example:NAME -->`` and ``<!-- /example:NAME -->``. The change is
made to the small test pathway (``tests/data/mini``), so the examples do not move with every edit of ``sggg``: its
police line written with a space instead of a hyphen (the same number), with the ``version`` raised; and, for a red
check, the same number with a letter typed for a digit.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Final

import yaml

ROOT: Final = Path(__file__).resolve().parent.parent
README: Final = ROOT / "pathways" / "README.md"
WORKFLOW: Final = ROOT / ".github" / "workflows" / "pathways.yml"
MINI: Final = ROOT / "tests" / "data" / "mini"
VALIDATE_STEP: Final = "Validate (annotations on the pull request)"
DIFF_STEP: Final = "What the change does to the advice"
PHONE: Final = 'phone: "0900-8844"'
SAME_NUMBER: Final = 'phone: "0900 8844"'  # the same number: no phone number is made up for an example
TYPO: Final = 'phone: "0900-88A4"'
VERSION: Final = ('version: "0.1"', 'version: "0.2"')
BLOCK: Final = re.compile(r"(<!-- example:(?P<name>[a-z-]+) -->\n)(?P<body>.*?)(<!-- /example:(?P=name) -->)", re.S)


def workflow_commands() -> dict[str, str]:
    """The shell commands of the pull-request workflow's validate and diff steps, by step name."""
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["review"]["steps"]
    return {step["name"]: step["run"] for step in steps if step.get("name") in (VALIDATE_STEP, DIFF_STEP)}


def _git(repo: Path, *args: str) -> None:
    identity = ["-c", "user.name=Example", "-c", "user.email=example@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "-C", str(repo), *identity, *args], check=True, capture_output=True)


def _run(command: str, repo: Path) -> tuple[int, str]:
    """One workflow step's command, as the runner would: bash in the checkout, with the base branch in BASE_REF."""
    bin_dir = str(Path(sys.executable).parent)  # where this environment's samen-refer is
    env = {**os.environ, "BASE_REF": "main", "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    env.pop("SAMEN_REFER_LANG", None)
    env.pop("SAMEN_REFER_PATHWAYS", None)
    done = subprocess.run(["bash", "-c", command], cwd=repo, env=env, capture_output=True, text=True, check=False)
    return done.returncode, done.stdout


def _pull_request(edits: Mapping[str, tuple[str, str]], run: Callable[[str, Path], tuple[int, str]]) -> dict[str, str]:
    """Run the workflow's steps on a pull request that makes ``edits`` (file name: (old, new)) to the mini
    pathways; the base branch is ``origin/main``, as after the workflow's checkout."""
    commands = workflow_commands()
    with tempfile.TemporaryDirectory() as folder:
        repo = Path(folder)
        shutil.copytree(MINI, repo / "pathways")
        _git(repo, "init", "-q")
        _git(repo, "add", ".")
        _git(repo, "commit", "-q", "-m", "base")
        _git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
        for name, (old, new) in edits.items():
            path = repo / "pathways" / name
            text = path.read_text(encoding="utf-8")
            assert text.count(old) == 1, (name, old)
            path.write_text(text.replace(old, new), encoding="utf-8")
        _git(repo, "commit", "-q", "-am", "the change")
        code, annotations = run(commands[VALIDATE_STEP], repo)
        diff_code, _ = run(commands[DIFF_STEP], repo)
        comment = (repo / "behaviour.md").read_text(encoding="utf-8") if diff_code == 0 else ""
    return {"check": f"{annotations}(exit status {code})\n", "comment": comment}


def examples(run: Callable[[str, Path], tuple[int, str]] = _run) -> dict[str, str]:
    """Every example block of the README, by name, as a run of the workflow's commands gives it now."""
    green = _pull_request({"contacts.yaml": (PHONE, SAME_NUMBER), "mini.yaml": VERSION}, run)
    red = _pull_request({"contacts.yaml": (PHONE, TYPO), "mini.yaml": VERSION}, run)
    assert red["comment"] == "", "a pull request with an error gets no comment"
    return {
        "green-check": _fenced(green["check"]),
        "comment": "".join(f"> {line}".rstrip() + "\n" for line in green["comment"].splitlines()),
        "red-check": _fenced(red["check"]),
    }


def _fenced(text: str) -> str:
    return f"```text\n{text}```\n"


def readme_blocks(text: str) -> dict[str, str]:
    """The example blocks that stand in the README now, by name."""
    return {m["name"]: m["body"] for m in BLOCK.finditer(text)}


def updated(text: str, new: Mapping[str, str]) -> str:
    """The README with each example block replaced by its new text."""
    return BLOCK.sub(lambda m: m[1] + new[m["name"]] + m[4], text)


def main() -> int:
    """Write the examples of a new run into the README."""
    text = README.read_text(encoding="utf-8")
    new = examples()
    missing = new.keys() - readme_blocks(text).keys()
    if missing:
        print(f"pathways/README.md has no block for: {', '.join(sorted(missing))}", file=sys.stderr)
        return 1
    README.write_text(updated(text, new), encoding="utf-8")
    print("pathways/README.md: examples refreshed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
