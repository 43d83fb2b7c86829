"""The wheel carries pathways and templates, also when built from the sdist, and runs from any folder; the project
URLs come from the GitHub Actions job that builds (hatch_build.py), and a build elsewhere has none."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Callable, Mapping
from email.parser import HeaderParser
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.conftest import REPO

SHIPPED = [
    "pathways",
    "templates",
    "samen_refer",
    "pyproject.toml",
    "README.md",
    "LICENSES",
    "REUSE.toml",
    "hatch_build.py",
]

# The environments a build runs in, without any GITHUB_* of the environment the tests run in (GitHub's own CI).
GITHUB = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "example-org/samen-refer"}
ENVIRONMENTS: dict[str, Mapping[str, str]] = {"local": {}, "github": GITHUB}
EXAMPLE_URLS = [
    ("Source", "https://github.com/example-org/samen-refer"),
    ("Issues", "https://github.com/example-org/samen-refer/issues"),
    ("Changelog", "https://github.com/example-org/samen-refer/blob/HEAD/CHANGELOG.md"),
]


def _environment(github: Mapping[str, str]) -> dict[str, str]:
    return {**{k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}, **github}


def _run_hook(hook: str, source: Path, out: Path, github: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    code = f"import hatchling.build as b; print(b.{hook}({str(out)!r}))"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=source, env=_environment(github), capture_output=True, text=True
    )


def _hook(hook: str, source: Path, out: Path, github: Mapping[str, str]) -> Path:
    """Call a PEP 517 hook of hatchling in ``source``, with only the GITHUB_* of ``github``; return the file it built."""
    done = _run_hook(hook, source, out, github)
    assert done.returncode == 0, done.stderr
    return out / done.stdout.strip().splitlines()[-1]


def _checkout(work: Path) -> Path:
    """A copy of the files of the checkout that the sdist is built from."""
    checkout = work / "checkout"
    checkout.mkdir()
    for name in SHIPPED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, checkout / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, checkout / name)
    return checkout


class Build(NamedTuple):
    sdist: Path
    unpacked: Path  # the sdist, unpacked
    wheel: Path


def _build(work: Path, sdist_env: Mapping[str, str], wheel_env: Mapping[str, str]) -> Build:
    """A wheel built from the sdist, which is built from a copy of the checkout."""
    sdist = _hook("build_sdist", _checkout(work), work, sdist_env)
    with tarfile.open(sdist) as archive:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4+ and the security releases before it
            archive.extractall(work / "unpacked", filter="data")
        else:  # Debian 12's Python 3.11.2; the archive was built a moment ago from this checkout
            archive.extractall(work / "unpacked")
    (unpacked,) = (work / "unpacked").iterdir()
    return Build(sdist, unpacked, _hook("build_wheel", unpacked, work, wheel_env))


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], Build]:
    """Builds the sdist in one of ENVIRONMENTS and the wheel from it in another; each pair once per module."""
    made: dict[tuple[str, str], Build] = {}

    def build(sdist_env: str, wheel_env: str) -> Build:
        if (sdist_env, wheel_env) not in made:
            work = tmp_path_factory.mktemp(f"build-{sdist_env}-{wheel_env}")
            made[sdist_env, wheel_env] = _build(work, ENVIRONMENTS[sdist_env], ENVIRONMENTS[wheel_env])
        return made[sdist_env, wheel_env]

    return build


@pytest.fixture(scope="module")
def wheel(builds: Callable[[str, str], Build]) -> Path:
    """The wheel of a build outside GitHub Actions, sdist and wheel alike."""
    return builds("local", "local").wheel


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
    assert not [n for n in names if "hatch_build" in n]  # the build's own hook stays in the sdist


def _metadata(wheel: Path) -> list[tuple[str, str]]:
    archive = zipfile.ZipFile(wheel)
    (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
    return _fields(archive.read(name).decode("utf-8"))


def _fields(text: str) -> list[tuple[str, str]]:
    return list(HeaderParser().parsestr(text.split("\n\n", 1)[0]).items())


def _pkg_info(build: Build) -> list[tuple[str, str]]:
    """The sdist's PKG-INFO, as the sdist itself has it."""
    with tarfile.open(build.sdist) as archive:
        (member,) = [m for m in archive.getmembers() if m.name == f"{build.unpacked.name}/PKG-INFO"]
        data = archive.extractfile(member)
        assert data is not None
        return _fields(data.read().decode("utf-8"))


def _project_urls(fields: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(label, url) for label, _, url in (v.partition(", ") for k, v in fields if k == "Project-URL")]


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


@pytest.mark.parametrize(
    ("sdist_env", "wheel_env", "sdist_urls", "sdist_dynamic", "wheel_urls"),
    [
        # a build outside GitHub Actions has no project URLs, and its sdist says a wheel built from it may add them
        ("local", "local", [], ["Project-URL"], []),
        # release.yml: the sdist and the wheel built from it in the same job
        ("github", "github", EXAMPLE_URLS, [], EXAMPLE_URLS),
        # a wheel built elsewhere from that sdist (pip install of the sdist) keeps its URLs
        ("github", "local", EXAMPLE_URLS, [], EXAMPLE_URLS),
        # a local sdist left them open: a wheel built from it in GitHub Actions has them
        ("local", "github", [], ["Project-URL"], EXAMPLE_URLS),
    ],
    ids=["local", "github", "github-sdist-local-wheel", "local-sdist-github-wheel"],
)
def test_the_project_urls_come_from_the_github_actions_job_that_builds(
    builds: Callable[[str, str], Build],
    sdist_env: str,
    wheel_env: str,
    sdist_urls: list[tuple[str, str]],
    sdist_dynamic: list[str],
    wheel_urls: list[tuple[str, str]],
) -> None:
    build = builds(sdist_env, wheel_env)
    pkg_info = _pkg_info(build)
    assert _project_urls(pkg_info) == sdist_urls
    assert [v for k, v in pkg_info if k == "Dynamic"] == sdist_dynamic
    assert _project_urls(_metadata(build.wheel)) == wheel_urls
    assert (build.unpacked / "hatch_build.py").read_bytes() == (REPO / "hatch_build.py").read_bytes()


@pytest.mark.parametrize(
    ("github", "message"),
    [
        (
            {"GITHUB_REPOSITORY": "example-org/samen-refer"},
            "GITHUB_REPOSITORY is set but GITHUB_SERVER_URL is not: set both (as GitHub Actions does) or neither",
        ),
        (
            {"GITHUB_SERVER_URL": "https://github.com"},
            "GITHUB_SERVER_URL is set but GITHUB_REPOSITORY is not: set both (as GitHub Actions does) or neither",
        ),
        (
            {**GITHUB, "GITHUB_SERVER_URL": "http://github.com"},
            "GITHUB_SERVER_URL='http://github.com' is not https://host with no path: "
            "cannot make the project URLs from it",
        ),
        (
            {**GITHUB, "GITHUB_SERVER_URL": "https://github.com/"},
            "GITHUB_SERVER_URL='https://github.com/' is not https://host with no path: "
            "cannot make the project URLs from it",
        ),
        (
            {**GITHUB, "GITHUB_SERVER_URL": "https://user@github.com"},
            "GITHUB_SERVER_URL='https://user@github.com' is not https://host with no path: "
            "cannot make the project URLs from it",
        ),
        (
            {**GITHUB, "GITHUB_REPOSITORY": "example-org"},
            "GITHUB_REPOSITORY='example-org' is not owner/name: cannot make the project URLs from it",
        ),
        (
            {**GITHUB, "GITHUB_REPOSITORY": "example-org/samen-refer/issues"},
            "GITHUB_REPOSITORY='example-org/samen-refer/issues' is not owner/name: cannot make the project URLs from it",
        ),
        (
            {**GITHUB, "GITHUB_REPOSITORY": "../samen-refer"},
            "GITHUB_REPOSITORY='../samen-refer' is not owner/name: cannot make the project URLs from it",
        ),
        (
            {**GITHUB, "GITHUB_REPOSITORY": "example-org/samen refer"},
            "GITHUB_REPOSITORY='example-org/samen refer' is not owner/name: cannot make the project URLs from it",
        ),
    ],
    ids=lambda v: "" if isinstance(v, str) else ",".join(f"{k}={w}" for k, w in v.items()),
)
def test_a_malformed_github_value_stops_the_build_with_one_line(
    tmp_path: Path, github: dict[str, str], message: str
) -> None:
    """In GitHub Actions, where the release is built: no file without its links, or with broken ones."""
    out = tmp_path / "dist"
    out.mkdir()
    done = _run_hook("build_sdist", _checkout(tmp_path), out, {**github, "GITHUB_ACTIONS": "true"})
    assert done.returncode != 0
    assert done.stderr.splitlines()[-1].endswith(f".ProjectUrlError: {message}")  # hatchling names the module by path
    assert list(out.iterdir()) == []


def test_outside_github_actions_a_malformed_value_builds_without_project_urls_and_says_why(tmp_path: Path) -> None:
    """Installing from a checkout never fails for a stray variable: the build goes on, says why in one line."""
    out = tmp_path / "dist"
    out.mkdir()
    done = _run_hook("build_sdist", _checkout(tmp_path), out, {"GITHUB_REPOSITORY": "example-org/samen-refer"})
    assert done.returncode == 0, done.stderr
    assert (
        "samen-refer: built without project URLs: GITHUB_REPOSITORY is set but GITHUB_SERVER_URL is not: "
        "set both (as GitHub Actions does) or neither"
    ) in done.stderr.splitlines()
    (sdist,) = out.iterdir()
    with tarfile.open(sdist) as archive:
        info = next(m for m in archive.getmembers() if m.name.endswith("/PKG-INFO") and m.name.count("/") == 1)
        stream = archive.extractfile(info)
        assert stream is not None
        assert "Project-URL:" not in stream.read().decode("utf-8")


def test_a_github_enterprise_server_with_a_port_makes_its_urls() -> None:
    import hatch_build

    urls = hatch_build.project_urls(
        {"GITHUB_SERVER_URL": "https://git.example.org:8443", "GITHUB_REPOSITORY": "a.b/c_d"}
    )
    assert urls == {
        "Source": "https://git.example.org:8443/a.b/c_d",
        "Issues": "https://git.example.org:8443/a.b/c_d/issues",
        "Changelog": "https://git.example.org:8443/a.b/c_d/blob/HEAD/CHANGELOG.md",
    }
    assert hatch_build.project_urls({"GITHUB_SERVER_URL": "", "GITHUB_REPOSITORY": "", "GITHUB_ACTIONS": "true"}) == {}
