"""The project URLs of the sdist and the wheel, from where the build runs (hatchling's custom metadata hook).

Nobody writes the repository's address into the project: a GitHub Actions job knows it. There `GITHUB_SERVER_URL`
(https://github.com) and `GITHUB_REPOSITORY` (owner/name) are always set, so the files that release.yml builds and
publishes carry Source, Issues and Changelog links to the repository they were built from. A build where neither is
set (a checkout on your own machine) has no project URLs at all. Anything else (only one of the two set, or a value
that would not make a plain https address) stops a build in GitHub Actions (`GITHUB_ACTIONS=true`) with one line
saying which value is wrong: a file on PyPI can never be replaced, so a broken or missing link is not left to be found
after a release. Anywhere else such a build goes on without project URLs and says why in one line: installing the
tool from a checkout never fails for a variable that has nothing to do with it.

A wheel built from the sdist takes the sdist's URLs (hatchling reads them from its PKG-INFO); an sdist without URLs
leaves them to the environment of the wheel's build. Only the sdist carries this file; the wheel does not.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from typing import Any

from hatchling.metadata.plugin.interface import MetadataHookInterface

SERVER = "GITHUB_SERVER_URL"
REPOSITORY = "GITHUB_REPOSITORY"

# https and a host name (an optional port), nothing after it: no path, query, user or trailing slash.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_SERVER = re.compile(rf"https://{_LABEL}(?:\.{_LABEL})*(?::[0-9]{{1,5}})?")
_REPOSITORY = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")


class ProjectUrlError(ValueError):
    """GITHUB_SERVER_URL or GITHUB_REPOSITORY is set but would not make a sound address."""


def project_urls(environ: Mapping[str, str]) -> dict[str, str]:
    """The project URLs for ``environ``: none without either variable, three with both; else ProjectUrlError."""
    server = environ.get(SERVER, "")
    repository = environ.get(REPOSITORY, "")
    if not server and not repository:
        return {}
    if not server or not repository:
        missing = SERVER if not server else REPOSITORY
        given = REPOSITORY if not server else SERVER
        message = f"{given} is set but {missing} is not: set both (as GitHub Actions does) or neither"
        raise ProjectUrlError(message)
    if not _SERVER.fullmatch(server):
        message = f"{SERVER}={server!r} is not https://host with no path: cannot make the project URLs from it"
        raise ProjectUrlError(message)
    if not _REPOSITORY.fullmatch(repository) or any(set(part) == {"."} for part in repository.split("/")):
        message = f"{REPOSITORY}={repository!r} is not owner/name: cannot make the project URLs from it"
        raise ProjectUrlError(message)
    home = f"{server}/{repository}"
    return {"Source": home, "Issues": f"{home}/issues", "Changelog": f"{home}/blob/HEAD/CHANGELOG.md"}


class ProjectUrlsHook(MetadataHookInterface):
    """Sets ``project.urls`` (listed in ``project.dynamic``) from the GitHub Actions environment, if any."""

    def update(self, metadata: dict[str, Any]) -> None:
        try:
            urls = project_urls(os.environ)
        except ProjectUrlError as problem:
            if os.environ.get("GITHUB_ACTIONS") == "true":
                raise
            sys.stderr.write(f"samen-refer: built without project URLs: {problem}\n")
            return
        if urls:
            metadata["urls"] = urls
