"""Where pathways live: the copy built into the package, or a maintainer's directory. Loading one for use, with
its checks, is ``checks.load``."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import NamedTuple

from samen_refer.format.region import REGIONS_FOLDER
from samen_refer.format.shape import ID_PATTERN
from samen_refer.problem import SamenReferError

CONTACTS_FILE = "contacts.yaml"
DEFAULT_PATHWAY = "sggg"


def builtin_directory() -> Path:
    """The pathways shipped inside the package, or the checkout's ``pathways/`` in a development install."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "pathways"
    if packaged.is_dir():
        return packaged
    return package.parent / "pathways"


class Library(NamedTuple):
    """One directory of pathway files with their ``contacts.yaml``."""

    root: Path

    @classmethod
    def open(cls, root: Path | None) -> Library:
        """The given directory, or the built-in one."""
        if root is None:
            return cls(builtin_directory())
        if not root.exists():
            raise SamenReferError.of("no-pathways-dir", root=root)
        if not root.is_dir():
            raise SamenReferError.of("pathways-dir-is-file", root=root)
        return cls(root)

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
