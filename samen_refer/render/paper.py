"""How much of the person's page fits on one A4: the phone guide's "Page for the person" and the HTML handout are one
design (``templates/partials/person.css``), and both print on one sheet of A4.

Four sizes, the first that fits is taken. ``large`` prints every fact in large type; ``all`` every fact; ``short``
leaves out the interpreter and what happens when you call; ``shortest`` also the cost, in smaller type and lines.
Numbers are never smaller than 14 pt. The screen always shows every fact.

What fits is worked out from the texts, not measured in a browser (the handout has no script): each text is wrapped
word by word with the widths of Arial's letters (Liberation Sans and Helvetica have the same widths; the page asks
for Arial, Liberation Sans, Helvetica and then Roboto when it prints), at the sizes and spacing of ``person.css``,
and ``ROOM`` keeps 13 mm of the page free for a font a little wider or a printer's own margins. Cards stand in two
balanced columns (``balanced_height``). Heights are whole tenths of a millimetre, so that the phone guide
(``walk.js``, which gets each card's height in its data) and Python add them up the same way and choose the same
size.

Checked in Chromium on every distinct person's page of sggg (3,369, in Dutch and English): each prints on one page,
the fullest at 95 % of the height (``tests/test_person_page.py`` prints one route of each size).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

LEVELS: Final = ("large", "all", "short", "shortest")


@dataclass(frozen=True)
class Type:
    """The sizes of one level, in points (as ``person.css``), the line height as a factor, and the facts left out."""

    text: float
    name: float
    number: float
    line: float
    left_out: tuple[str, ...]


TYPES: Final = {
    "large": Type(11, 13, 16, 1.25, ()),
    "all": Type(10, 12, 15, 1.25, ()),
    "short": Type(9.5, 11.5, 14.5, 1.25, ("interpreters", "after_call")),
    "shortest": Type(9, 11, 14.5, 1.15, ("interpreters", "after_call", "cost")),
}
PT: Final = 25.4 / 72  # millimetres in a point
TEXT_WIDTH: Final = 190.0  # A4 less the page margins of 10 mm (person.html.j2, page.css)
HEIGHT: Final = 277.0
COLUMN: Final = (TEXT_WIDTH - 6) / 2  # two columns, 6 mm apart
ROOM: Final = 264.0  # of HEIGHT
ROOM_UNITS: Final = round(ROOM * 10)  # in the unit of the heights below: a tenth of a millimetre
# the advance widths of Arial (Liberation Sans), regular and bold, of the characters from " " to "~", in 1/1000 em
_ASCII: Final = "".join(chr(c) for c in range(32, 127))
_REGULAR: Final = (
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 556 278 278 "
    "584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 667 778 722 667 611 722 667 944 "
    "667 667 611 278 278 278 469 556 333 556 556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 "
    "278 556 500 722 500 500 500 334 260 334 584"
)
_BOLD: Final = (
    "278 333 474 556 556 889 722 238 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 556 333 333 "
    "584 584 584 611 975 722 722 722 722 667 611 778 722 278 556 722 611 833 722 778 667 778 722 667 611 722 667 944 "
    "667 667 611 333 278 333 584 556 333 556 611 556 611 556 333 611 611 278 278 556 278 889 611 611 611 611 389 556 "
    "333 611 556 778 556 556 500 389 280 389 584"
)
_MORE: Final = {"–": (556, 556), "—": (1000, 1000), "‘": (222, 278), "’": (222, 278), "“": (333, 500),
                "”": (333, 500), "€": (556, 556), "·": (333, 333), "…": (1000, 1000)}  # fmt: skip
_WIDE: Final = 1000  # any other letter (an accent's letter counts as its base letter)
_WIDTHS: Final = {
    False: {**dict(zip(_ASCII, map(int, _REGULAR.split()), strict=True)), **{c: w[0] for c, w in _MORE.items()}},
    True: {**dict(zip(_ASCII, map(int, _BOLD.split()), strict=True)), **{c: w[1] for c, w in _MORE.items()}},
}


def width(text: str, size: float, bold: bool = False) -> float:
    """How wide ``text`` is set in ``size`` points, in millimetres."""
    table = _WIDTHS[bold]
    total = 0
    for char in text:
        found = table.get(char)
        if found is None:
            base = unicodedata.normalize("NFD", char)[:1]
            found = table.get(base, _WIDE)
        total += found
    return total / 1000 * size * PT


def lines(parts: Sequence[tuple[str, bool]], size: float, room: float, beside: tuple[int, float] = (0, 0.0)) -> int:
    """How many lines the texts of ``parts`` (each regular or bold, one after the other) take in ``room`` mm: wrapped
    at spaces, and a word wider than the line (a web address) broken where it must. ``beside``: so many first lines
    are shorter by so many mm (a box stands beside them)."""
    count, used = 1, 0.0
    space = width(" ", size)

    def free() -> float:
        return room - beside[1] if count <= beside[0] else room

    for text, bold in parts:
        for word in text.split():
            wide = width(word, size, bold)
            if used and used + space + wide > free():
                count, used = count + 1, 0.0
            used += (space if used else 0.0) + wide
            while used > free():  # breaks anywhere: overflow-wrap
                used -= free()
                count += 1
    return count


def _height(count: int, size: float, line: float) -> float:
    return count * size * line * PT


def card_height(facts: Mapping[str, Any], words: Mapping[str, str], level: str) -> int:
    """The height of one organisation's card on paper, in 1/10 mm: ``facts`` as the templates get them (``name``,
    ``phone``, ``url``, ``does``, ``anonymous_advice``, ``hours``, ``cost``, ``interpreters``, ``after_call``)."""
    kind = TYPES[level]
    text, line = kind.text, kind.line
    mm = 1.0 + 0.75 * PT + 0.5  # padding above, the rule, padding below
    mm += _height(lines([(facts["name"], True)], kind.name, COLUMN), kind.name, 1.2)
    url = facts.get("url")
    if facts.get("phone"):
        number = width(facts["phone"], kind.number, bold=True) + 3.0 + width(" ", text)  # margin and space
        mm += _height(1, kind.number, line)
        if url and number + width(url, text) > COLUMN:
            mm += _height(lines([(url, False)], text, COLUMN), text, line)
    elif url:
        mm += _height(lines([(url, False)], text, COLUMN), text, line)
    mm += 0.5 + _height(lines([(facts["does"], False)], text, COLUMN), text, line) + 0.5
    if facts.get("anonymous_advice"):
        mm += _height(lines([(words["anonymous"], False)], text, COLUMN), text, line) + 0.5
    rows = [
        [(words[key] + ":", True), (facts[key], False)]
        for key in ("hours", "cost", "interpreters", "after_call")
        if facts.get(key) and key not in kind.left_out
    ]
    if rows:
        mm += sum(_height(lines(row, text, COLUMN), text, line) for row in rows) + 0.5
    return math.ceil(mm * 10)


def head_height(words: Mapping[str, str], level: str) -> int:
    """The height of what the page shows besides the cards (title, 112, introduction, closing lines), in 1/10 mm."""
    kind = TYPES[level]
    text, line = kind.text, kind.line
    # the 112 line stands beside the introduction's first lines
    danger = _height(1, 15, 1.25) + 1.0 + 2 * 1.5 * PT
    beside = math.ceil(danger / _height(1, text, line)), width(words["reminder"], 15, bold=True) + 6 + 2 * 1.5 * PT + 4
    intro = _height(lines([(words["person_intro"], False)], text, TEXT_WIDTH, beside), text, line)
    mm = 18 * 1.2 * PT + 2.0  # the title
    mm += max(intro, danger) + 2.0
    mm += 2.0 + _height(lines([(words["person_closing"], False)], text, TEXT_WIDTH), text, line) + 1.0
    mm += _height(lines([(words["person_keep_safe"], False)], text, TEXT_WIDTH - 3.0), text, line)
    return math.ceil(mm * 10)


def balanced_height(tall: Sequence[int]) -> int:
    """How high cards of these heights stand in two balanced columns, in their order (the first ones in the first
    column; a card is not split): the lowest of the two columns' heights at the best place to start the second."""
    total = sum(tall)
    best, before = total, 0
    for height in tall:
        before += height
        best = min(best, max(before, total - before))
    return best


def paper_size(heads: Sequence[int], cards: Sequence[Sequence[int]]) -> str:
    """The first level whose page fits in ``ROOM``: ``heads`` per level, and per card its height per level."""
    for i, level in enumerate(LEVELS):
        if heads[i] + balanced_height([card[i] for card in cards]) <= ROOM_UNITS:
            return level
    return LEVELS[-1]


def heights(facts: Mapping[str, Any], words: Mapping[str, str]) -> list[int]:
    """A card's height at each level."""
    return [card_height(facts, words, level) for level in LEVELS]


def heads(words: Mapping[str, str]) -> list[int]:
    """The page's height besides the cards, at each level."""
    return [head_height(words, level) for level in LEVELS]
