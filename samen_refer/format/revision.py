"""Earlier versions of a pathway, for ``diff``: a file or directory as it is, or as it was in a git commit."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

from samen_refer.format.library import Library
from samen_refer.format.region import REGIONS_FOLDER
from samen_refer.format.source import MAX_BYTES, Document, parse_document
from samen_refer.problem import Problem, SamenReferError, printable, said, shortened


def pathway_file(path: Path, pathway_id: str | None) -> Path:
    """The pathway file a path stands for: itself, or the pathway ``pathway_id`` in a directory."""
    if path.is_dir():
        return Library(path).pathway_path(pathway_id)
    if path.exists() or path.is_symlink():
        return path  # a file, or a device or pipe, which reading refuses with a clear problem
    raise SamenReferError.of("no-such-path", path=path)


def at_commit(ref: str, new: Path, pathway_id: str | None) -> tuple[Path, Callable[[Path], Document]]:
    """Where the pathway a path stands for was in git commit ``ref``, and how to read it and its contacts file from
    git in memory, so that nothing is written to disk (``checks.load.load_at_commit`` loads it). A file over the size
    limit is not read at all."""

    file = pathway_file(new, pathway_id)
    folder = file.parent
    prefix = git(folder, "rev-parse", "--show-prefix")
    if prefix is None:
        raise _not_in_git(folder)
    commit = None if ref.startswith("-") else git(folder, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if commit is None:
        raise SamenReferError.of("no-commit", ref=ref)
    where, at = prefix.decode(errors="replace").strip(), commit.decode().strip()
    sizes = _blob_sizes(git(folder, "ls-tree", "-l", "-z", at, "--", ".") or b"")
    if file.name not in sizes:
        raise SamenReferError.of("not-at-commit", path=f"{where}{file.name}", ref=ref)

    def read(path: Path) -> Document:
        shown = f"{ref}:{where}{path.name}"
        size = sizes.get(path.name)
        if size is None:
            return Document(shown, None, (Problem(shown, 1, 1, said("file not found"), "file-unreadable"),))
        if size > MAX_BYTES:
            limit = f"{MAX_BYTES:,} (1 MiB)"
            too_large = said("file is {size} bytes; the limit is {limit}", size=f"{size:,}", limit=limit)
            return Document(shown, None, (Problem(shown, 1, 1, too_large, "file-too-large"),))
        return parse_document(git(folder, "cat-file", "blob", f"{at}:./{path.name}") or b"", shown)

    return folder / file.name, read


def regions_at_commit_files(
    ref: str, new: Path, pathway_id: str | None
) -> list[tuple[Path, Callable[[Path], Document]]]:
    """The region files beside the pathway a path stands for as they were in git commit ``ref``, each with how to
    read it from git in memory (``checks.load.regions_at_commit`` loads them); none when the commit is unknown or
    there is no regions folder. A file over the size limit is left out."""
    folder = pathway_file(new, pathway_id).parent / REGIONS_FOLDER
    commit = (
        None if ref.startswith("-") else git(folder.parent, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    )
    if commit is None or not folder.is_dir():
        return []
    at = commit.decode().strip()
    sizes = _blob_sizes(git(folder, "ls-tree", "-l", "-z", at, "--", ".") or b"")
    out: list[tuple[Path, Callable[[Path], Document]]] = []
    for name, size in sorted(sizes.items()):
        if size > MAX_BYTES or "/" in name:
            continue
        shown = f"{ref}:{REGIONS_FOLDER}/{name}"

        def read(path: Path, name: str = name, shown: str = shown) -> Document:
            return parse_document(git(folder, "cat-file", "blob", f"{at}:./{name}") or b"", shown)

        out.append((folder / name, read))
    return out


def _blob_sizes(listing: bytes) -> dict[str, int]:
    """File name -> size of the YAML blobs in ``git ls-tree -l -z`` output. Names that are not UTF-8 cannot be a
    pathway or contacts file (their names are ASCII), so they are left out rather than decoded."""
    sizes: dict[str, int] = {}
    for entry in listing.split(b"\0"):
        info, _, raw_name = entry.partition(b"\t")
        fields = info.split()
        if len(fields) != 4 or fields[1] != b"blob" or not raw_name.endswith(b".yaml") or not fields[3].isdigit():
            continue
        try:
            name = raw_name.decode("utf-8")
        except UnicodeDecodeError:
            continue
        sizes[name] = int(fields[3])
    return sizes


def _not_in_git(folder: Path) -> SamenReferError:
    """Why git cannot compare here: not a git work tree, or git's own reason (a repository owned by someone else
    is refused as "dubious ownership" until it is marked safe), passed on in git's words."""
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--show-prefix"],
            capture_output=True,
            check=False,
            env={**os.environ, "LC_ALL": "C", "LANGUAGE": ""},  # git's English words, to tell the two apart
        )
    except FileNotFoundError:
        return SamenReferError.of("no-git")
    said_by_git = done.stderr.decode(errors="replace").strip()
    if not said_by_git or "not a git repository" in said_by_git:
        return SamenReferError.of("not-in-git", folder=folder)
    reason = " ".join(line.strip() for line in said_by_git.splitlines()[:3] if line.strip())
    return SamenReferError.of("git-refused", folder=folder, reason=printable(shortened(reason, 240)))


def git(folder: Path, *args: str) -> bytes | None:
    """What git prints, or None when it fails (not a repository, unknown commit, ...)."""

    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise SamenReferError.of("no-git") from None
    return done.stdout if done.returncode == 0 else None
