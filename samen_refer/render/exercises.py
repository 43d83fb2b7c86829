"""The exercises for ``scenarios list``: as data for machines, and one line each for people."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from samen_refer.engine.exercise import topics
from samen_refer.format.language import pick
from samen_refer.format.pathway import Pathway
from samen_refer.format.scenario import Scenario
from samen_refer.render.handout import difficulty_text


def listing_data(scenarios: Sequence[Scenario], lang: str) -> list[dict[str, Any]]:
    """The exercises as JSON-ready data: id, pathway, title, difficulty and topics."""
    return [
        {
            "id": s.id,
            "pathway": s.pathway,
            "title": pick(s.title, lang),
            "difficulty": s.difficulty,
            "topics": topics(s),
        }
        for s in scenarios
    ]


def listing_text(scenarios: Sequence[Scenario], lang: str, pathways: Mapping[str, Pathway]) -> str:
    """One exercise per line: id, difficulty, title, then its topics in the words of the pathway's options."""

    def label(scenario: Scenario, question_id: str, option_id: str) -> str:
        pathway = pathways.get(scenario.pathway)
        question = pathway.question(question_id) if pathway else None
        option = question.option(option_id) if question else None
        return pick(option.label, lang) if option else option_id

    width = max((len(s.id) for s in scenarios), default=0)
    level = max((len(difficulty_text(s.difficulty, lang)) for s in scenarios), default=0)
    return "\n".join(
        f"{s.id:<{width}}  {difficulty_text(s.difficulty, lang):<{level}}  {pick(s.title, lang)}  "
        f"({'; '.join(label(s, q, o) for q, o in topics(s).items()) or '-'})"
        for s in scenarios
    )
