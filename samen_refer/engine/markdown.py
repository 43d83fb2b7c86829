"""Text from the YAML inside the Markdown that GitHub shows to people: the ``diff`` comment on a pull request and the
monthly issue for each owner of contacts (``checks/stale.py``). Whoever writes a pathway, contact or region text
must not be able to turn it into markup, a link, an image, HTML, a hidden comment, or an @mention that notifies
someone.
"""

from __future__ import annotations

from typing import Final

# Every character that can start Markdown or HTML inside a line: emphasis, code, links and images (`!`), tables,
# strikethrough, tags and comments (`<!--` becomes `\<\!--`), entities (`&#64;` stays as written).
_SPECIAL: Final = frozenset("\\`*_[]<>|~!&")
# GitHub reads an @mention after Markdown is rendered: a backslash or an entity (`\@`, `&#64;`) still mentions
# (github/markup#1168, github/cmark-gfm#181). A zero width space after the `@` does not, and shows nothing, in a
# browser or a terminal (dependabot-core#3157 does the same).
MENTION_BREAK: Final = "\u200b"


def markdown_text(text: str) -> str:
    """``text`` on one line, shown by Markdown as it is written: every character that could start markup or HTML gets
    a backslash, and every ``@`` is followed by a zero width space, so it never mentions anyone."""
    flat = " ".join(text.split())
    escaped = "".join(f"\\{ch}" if ch in _SPECIAL else ch for ch in flat)
    return escaped.replace("@", "@" + MENTION_BREAK)
