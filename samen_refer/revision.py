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
    raise SamenReferError(f"'{path}' does not exist", "Give two pathway files, or two pathways directories.")


def load_version(path: Path, pathway_id: str | None) -> Pathway:
    """Load the pathway a path stands for."""
    return load_pathway(pathway_file(path, pathway_id))


def load_at_commit(ref: str, new: Path, pathway_id: str | None, scratch: Path) -> Pathway:
    """The pathway as it was in git commit ``ref``: its file and the YAML files beside it, written into ``scratch``."""

    file = pathway_file(new, pathway_id)
    folder = file.parent
    prefix = git(folder, "rev-parse", "--show-prefix")
    if prefix is None:
        raise SamenReferError(
            f"'{folder}' is not in a git work tree, so --base has nothing to compare with",
            "Run it inside a git checkout, or give OLD and NEW as two paths.",
        )
    commit = None if ref.startswith("-") else git(folder, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if commit is None:
        raise SamenReferError(
            f"git does not know the commit, branch or tag '{ref}'",
            "Check the name with `git log` or `git branch -a`; fetch it first if it is only on a remote.",
        )
    where, at = prefix.decode().strip(), commit.decode().strip()
    listing = (git(folder, "ls-tree", "-z", at, "--", ".") or b"").split(b"\0")
    names = [line.split(b"\t", 1)[1].decode() for line in listing if b" blob " in line and line.endswith(b".yaml")]
    if file.name not in names:
        raise SamenReferError(
            f"'{where}{file.name}' does not exist at {ref}",
            "A new pathway has no earlier version to compare with; check the path and --base.",
        )
    for name in names:  # the contacts file and any other file the pathway could name
        (scratch / name).write_bytes(git(folder, "show", f"{at}:./{name}") or b"")
    try:
        return load_pathway(scratch / file.name)
    except ContentError as exc:  # name the files as they are in git, not by their temporary copies
        copies = f"{scratch}{os.sep}"
        shown = [p._replace(path=p.path.replace(copies, f"{ref}:{where}")) for p in exc.problems]
        raise ContentError(shown, f"The version at {ref} cannot be read, so there is nothing to compare.") from None


def git(folder: Path, *args: str) -> bytes | None:
    """What git prints, or None when it fails (not a repository, unknown commit, ...)."""

    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise SamenReferError("--base needs git, which is not installed", "Install git, or give OLD and NEW.") from None
    return done.stdout if done.returncode == 0 else None
