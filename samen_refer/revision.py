"""Earlier versions of a pathway, for ``diff``: a file or directory as it is, or as it was in a git commit."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from samen_refer.library import Library
from samen_refer.pathway import Pathway, load_pathway
from samen_refer.problem import ContentError, SamenReferError


def pathway_file(path: Path, pathway_id: str | None) -> Path:
    """The pathway file a path stands for: itself, or the pathway ``pathway_id`` in a directory."""
    if path.is_dir():
        return Library(path).pathway_path(pathway_id)
    if path.is_file():
        return path
    raise SamenReferError.of("no-such-path", path=path)


def load_version(path: Path, pathway_id: str | None) -> Pathway:
    """Load the pathway a path stands for."""
    return load_pathway(pathway_file(path, pathway_id))


def load_at_commit(ref: str, new: Path, pathway_id: str | None, scratch: Path) -> Pathway:
    """The pathway as it was in git commit ``ref``: its file and the YAML files beside it, written into ``scratch``."""

    file = pathway_file(new, pathway_id)
    folder = file.parent
    prefix = git(folder, "rev-parse", "--show-prefix")
    if prefix is None:
        raise SamenReferError.of("not-in-git", folder=folder)
    commit = None if ref.startswith("-") else git(folder, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if commit is None:
        raise SamenReferError.of("no-commit", ref=ref)
    where, at = prefix.decode().strip(), commit.decode().strip()
    listing = (git(folder, "ls-tree", "-z", at, "--", ".") or b"").split(b"\0")
    names = [line.split(b"\t", 1)[1].decode() for line in listing if b" blob " in line and line.endswith(b".yaml")]
    if file.name not in names:
        raise SamenReferError.of("not-at-commit", path=f"{where}{file.name}", ref=ref)
    for name in names:  # the contacts file and any other file the pathway could name
        (scratch / name).write_bytes(git(folder, "show", f"{at}:./{name}") or b"")
    try:
        return load_pathway(scratch / file.name)
    except ContentError as exc:  # name the files as they are in git, not by their temporary copies
        copies = f"{scratch}{os.sep}"
        shown = [p._replace(path=p.path.replace(copies, f"{ref}:{where}")) for p in exc.problems]
        raise ContentError(shown, "base-unreadable", ref=ref) from None


def git(folder: Path, *args: str) -> bytes | None:
    """What git prints, or None when it fails (not a repository, unknown commit, ...)."""

    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise SamenReferError.of("no-git") from None
    return done.stdout if done.returncode == 0 else None
