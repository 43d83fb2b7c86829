"""CHANGELOG.md keeps the Keep a Changelog form (keepachangelog.com 1.1.0): an Unreleased section first, then releases
newest first with their date, the kinds of change in their order, every entry naming its issue, and link references
for the versions."""

from __future__ import annotations

import datetime
import re

from tests.conftest import REPO

KINDS = ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"]
RELEASE = re.compile(r"## \[(\d+)\.(\d+)\.(\d+)\] - (\d{4}-\d{2}-\d{2})")
LINK = re.compile(r"\[([^\]]+)\]: (\S+)")


def sections(text: str) -> list[tuple[str, list[str]]]:
    """(level-2 heading, its lines) in order."""
    found: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("## "):
            found.append((line, []))
        elif found:
            found[-1][1].append(line)
    return found


def test_the_changelog_has_unreleased_first_then_dated_releases_newest_first() -> None:
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith("# Changelog\n")
    headings = [heading for heading, _ in sections(text)]
    assert headings[0] == "## [Unreleased]"
    released = [RELEASE.fullmatch(heading) for heading in headings[1:]]
    assert all(released), headings
    versions = [tuple(int(part) for part in m.groups()[:3]) for m in released if m]
    dates = [datetime.date.fromisoformat(m.group(4)) for m in released if m]
    assert versions == sorted(versions, reverse=True) and len(set(versions)) == len(versions)
    assert dates == sorted(dates, reverse=True)


def test_each_version_lists_its_entries_under_the_kinds_of_change_in_order() -> None:
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    for heading, lines in sections(text):
        kinds = [line.removeprefix("### ") for line in lines if line.startswith("#")]
        assert kinds and all(kind in KINDS for kind in kinds), (heading, kinds)
        assert kinds == sorted(set(kinds), key=KINDS.index), (heading, kinds)
        entries: list[str] = []
        for line in lines:
            if line.startswith("- "):
                entries.append(line)
            elif line.startswith("  ") and entries:
                entries[-1] += " " + line.strip()
            else:
                assert line == "" or line.startswith("### ") or LINK.fullmatch(line), (heading, line)
        assert entries, heading
        for entry in entries:
            assert re.search(r"\bissues? \d+", entry), f"{heading}: name the issue: {entry[:80]}"


def test_every_release_has_a_link_reference_and_every_link_reference_a_version() -> None:
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    names = [heading[4 : heading.index("]")] for heading, _ in sections(text)]
    links = dict(LINK.findall(text))
    assert set(links) <= set(names)
    # Unreleased compares the last release with HEAD; before the first release there is nothing to compare with.
    assert set(names[1:]) <= set(links) and (len(names) == 1 or "Unreleased" in links)
