"""Where pathways live: the copy built into the package, or a maintainer's directory. Loading one for use, with
its checks, is ``checks.load``."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Literal, NamedTuple

from samen_refer.format.region import REGIONS_FOLDER
from samen_refer.format.shape import ID_PATTERN
from samen_refer.problem import SamenReferError

CONTACTS_FILE = "contacts.yaml"
DEFAULT_PATHWAY = "sggg"
PATHWAYS_FOLDER = "pathways"
Origin = Literal["given", "checkout", "builtin"]  # where a library came from: --pathways, discovered, the package


def builtin_directory() -> Path:
    """The pathways shipped inside the package, or the checkout's ``pathways/`` in a development install."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "pathways"
    if packaged.is_dir():
        return packaged
    return package.parent / "pathways"


def checkout_directory(start: Path) -> Path | None:
    """The ``pathways/`` folder of the checkout that ``start`` is in, or None.

    A checkout is recognised by a ``pathways/`` folder in ``start`` or one of its parents that holds a
    ``contacts.yaml`` and at least one pathway file (``ID.yaml``): what a clone of samen-refer, or a copy of its
    pathways, has; so ``validate`` run anywhere inside it checks the files being edited, not the installed copy."""
    for folder in (start, *start.parents):
        candidate = folder / PATHWAYS_FOLDER
        try:
            if (candidate / CONTACTS_FILE).is_file() and Library(candidate).pathway_ids():
                return candidate
        except OSError:  # an unreadable folder on the way up is not a checkout
            continue
    return None


class Library(NamedTuple):
    """One directory of pathway files with their ``contacts.yaml``, and where it came from."""

    root: Path
    origin: Origin = "given"

    @classmethod
    def open(cls, root: Path | None) -> Library:
        """The given directory, or the built-in one."""
        if root is None:
            return cls(builtin_directory(), "builtin")
        if not root.exists():
            raise SamenReferError.of("no-pathways-dir", root=root)
        if not root.is_dir():
            raise SamenReferError.of("pathways-dir-is-file", root=root)
        return cls(root)

    @classmethod
    def find(cls, root: Path | None) -> Library:
        """For the maintainers' commands (``validate``, ``diff``, ``graph``, ``routes``, ``scenarios``): the given
        directory; else, inside a checkout, its ``pathways/`` (``checkout_directory``, from the working directory
        upwards); else the built-in one."""
        if root is not None:
            return cls.open(root)
        try:
            found = checkout_directory(Path.cwd())
        except OSError:  # the working directory was removed
            found = None
        if found is None:
            return cls(builtin_directory(), "builtin")
        return cls(found, "checkout")

    def is_other_than_builtin(self) -> bool:
        """Whether this checkout's folder is not the one the package reads by itself (a ``pip install .``, not an
        editable install): then the commands say which folder they read."""
        return self.origin == "checkout" and self.root.resolve() != builtin_directory().resolve()

    def pathway_ids(self) -> list[str]:
        """Ids of the pathway files here, sorted."""
        return sorted(
            p.stem for p in self.root.glob("*.yaml") if p.name != CONTACTS_FILE and re.fullmatch(ID_PATTERN, p.stem)
        )

    def pathway_path(self, pathway_id: str | None) -> Path:
        """The file of a pathway; without an id, the default (or only) pathway."""
        ids = self.pathway_ids()
        if pathway_id is None:
            pathway_id = DEFAULT_PATHWAY if DEFAULT_PATHWAY in ids or len(ids) != 1 else ids[0]
        if not re.fullmatch(ID_PATTERN, pathway_id) or pathway_id not in ids:
            shown = ", ".join(ids) or "-"
            raise SamenReferError.of("no-pathway", pathway=pathway_id, root=self.root, known=shown)
        return self.root / f"{pathway_id}.yaml"

    def region_ids(self) -> list[str]:
        """Ids of the region files here, sorted."""
        folder = self.root / REGIONS_FOLDER
        try:  # glob() would read an unreadable folder as an empty one: "there are no regions" would be untrue
            names = [entry.name for entry in os.scandir(folder)]
        except (FileNotFoundError, NotADirectoryError):
            return []
        except OSError as exc:
            raise SamenReferError.of("regions-unreadable", folder=folder, reason=exc.strerror or str(exc)) from None
        stems = (name.removesuffix(".yaml") for name in names if name.endswith(".yaml"))
        return sorted(stem for stem in stems if re.fullmatch(ID_PATTERN, stem))

    def region_path(self, region_id: str) -> Path:
        """The file of one region (read it with ``checks.load.open_region``)."""
        ids = self.region_ids()
        if not re.fullmatch(ID_PATTERN, region_id) or region_id not in ids:
            known = ", ".join(ids) or "-"
            raise SamenReferError.of("no-region", region=region_id, folder=self.root / REGIONS_FOLDER, known=known)
        return self.root / REGIONS_FOLDER / f"{region_id}.yaml"
