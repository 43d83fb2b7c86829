"""The exercises for ``scenarios list``: as data for machines, and a short table for people."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any, Final

from samen_refer.engine.exercise import topics
from samen_refer.format.language import pick
from samen_refer.format.scenario import Scenario, scenario_number
from samen_refer.i18n.translation import Words
from samen_refer.render.handout import difficulty_text

_LISTING_WORDS: Final = Words(
    "listing",
    {
        "number": "No.",
        "level": "Level",
        "title": "Title",
        "how": "Practise one: samen-refer scenarios run NUMBER. With a group: add --reveal.",
    },
)


def listing_data(scenarios: Sequence[Scenario], lang: str) -> list[dict[str, Any]]:
    """The exercises as JSON-ready data: id, number, pathway, title, difficulty and topics."""
    return [
        {
            "id": s.id,
            "number": scenario_number(s.id),
            "pathway": s.pathway,
            "title": pick(s.title, lang),
            "difficulty": s.difficulty,
            "topics": topics(s),
        }
        for s in scenarios
    ]


def listing_text(scenarios: Sequence[Scenario], lang: str, width: int = 80) -> str:
    """A short table for people choosing a case: number, level and title, wrapped within ``width`` columns. It names
    no answer: the topics (the options a scenario chooses) are in the JSON only."""
    rows = [
        (scenario_number(s.id) or s.id, difficulty_text(s.difficulty, lang), pick(s.title, lang)) for s in scenarios
    ]
    head = (_LISTING_WORDS("number", lang), _LISTING_WORDS("level", lang), _LISTING_WORDS("title", lang))
    number = max(len(row[0]) for row in [head, *rows])
    level = max(len(row[1]) for row in [head, *rows])
    indent = " " * (number + 2 + level + 2)
    title_width = max(width - len(indent), 20)
    lines: list[str] = []
    for first, second, title in [head, *rows]:
        wrapped = textwrap.wrap(title, title_width, break_long_words=False, break_on_hyphens=False) or [""]
        lines.append(f"{first:>{number}}  {second:<{level}}  {wrapped[0]}".rstrip())
        lines += [indent + more for more in wrapped[1:]]
    lines += ["", *textwrap.wrap(_LISTING_WORDS("how", lang), width, break_on_hyphens=False)]
    return "\n".join(lines)
