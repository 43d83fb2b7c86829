"""The practice page (``web --practice``): the phone guide with the scenarios of its pathway, as ``scenarios run``.

A trainee picks a case, reads the situation, walks the questions and then sees their route beside the expected one
and the score, then their own advice in full. The page is the phone guide itself (``page.build_page``: the same
engine, look, quick exit and neutral title), with ``practice.js`` added and this data:

* per scenario what the trainee reads (title, level, situation, points to discuss) and what ``engine.exercise.mark``
  compares: the expected route's answers and the expected advice's urgency and contacts with their roles, all
  computed here by the Python engine (``expected_route``), so the page never derives what is expected;
* the regions the scenarios are set in, each added to the pathway only while its scenario is walked;
* the score's weights (``exercise.WEIGHTS``): the page adds them up in the same order, so the sum is the same number.

The trainee's own advice is the page's engine's (``engine.js``), which ``tests/test_web_engine.py`` holds equal to
the Python engine on every route. What is expected is in the page's data only; it is shown after the walk.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from samen_refer.engine.exercise import WEIGHTS, expected_route
from samen_refer.engine.route import Outcome
from samen_refer.format.pathway import Pathway
from samen_refer.format.region import Region
from samen_refer.format.scenario import DIFFICULTIES, Scenario, scenario_number
from samen_refer.i18n.translation import Words
from samen_refer.render.handout import difficulty_text
from samen_refer.render.practice import practice_words
from samen_refer.render.web.compiled import Json, compile_regions

_EXERCISE_WORDS: Final = Words(
    "web_practice",
    {
        "choose": "Choose an exercise",
        "choose_intro": (
            "Read the situation and answer the questions as you think fits. Then you see your route beside the "
            "expected one, and a score. Nothing is kept."
        ),
        "begin": "Start the questions",
    },
)


def exercise_words(lang: str) -> dict[str, str]:
    """The words of the practice page in ``lang``, besides the guide's: each key starts with ``p.``."""
    words = {**practice_words(lang), **_EXERCISE_WORDS.every(lang)}
    words.update({f"difficulty.{d}": difficulty_text(d, lang) for d in DIFFICULTIES})
    return {f"p.{key}": text for key, text in words.items()}


def _translations(text: Mapping[str, str], languages: Sequence[str]) -> dict[str, str]:
    return {lang: text[lang] for lang in languages if lang in text}


def _expected(outcome: Outcome) -> Json:
    return {
        "urgency": outcome.urgency,
        # as the page's engine gives a contact (engine.js buildOutcome), so the page says a role as the guide does
        "contacts": [
            {"id": c.contact.id, "role": c.role, "person": c.person, "position": c.position, "regional": c.regional}
            for c in outcome.contacts
        ],
    }


def compile_exercise(pathway: Pathway, scenario: Scenario, region: Region | None, languages: Sequence[str]) -> Json:
    """One scenario as the practice page needs it; an error when its answers do not fit the pathway."""
    route = expected_route(pathway, scenario, region)
    assert route.outcome is not None  # expected_route returns complete routes only
    return {
        "id": scenario.id,
        "number": scenario_number(scenario.id) or scenario.id,
        "title": _translations(scenario.title, languages),
        "difficulty": scenario.difficulty,
        "vignette": _translations(scenario.vignette, languages),
        "discussion": [_translations(point, languages) for point in scenario.discussion],
        "region": region.id if region else None,
        "answers": [[a.question, a.option] for a in route.answers],
        **_expected(route.outcome),
    }


def compile_practice(
    pathway: Pathway, cases: Sequence[tuple[Scenario, Region | None]], languages: Sequence[str]
) -> Json:
    """The scenarios of ``pathway`` (each with its region, if any), their regions, and the score's weights."""
    regions = {region.id: region for _, region in cases if region is not None}
    return {
        "weights": list(WEIGHTS.items()),
        "scenarios": [compile_exercise(pathway, scenario, region, languages) for scenario, region in cases],
        "regions": compile_regions(list(regions.values()), languages),
    }
