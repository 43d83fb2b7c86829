"""Exercises on screen (``scenarios run``): the situation, the trainee's walk, their route beside the expected one,
and the expected route step by step for a group, each answer only after Enter (``--reveal``). Output layer: Rich,
never parsing data as markup."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from samen_refer.engine.exercise import Comparison
from samen_refer.engine.route import AdvisedContact, Outcome, Route
from samen_refer.format.language import pick
from samen_refer.format.pathway import Pathway
from samen_refer.format.scenario import Scenario
from samen_refer.i18n.messages import say
from samen_refer.i18n.translation import Words
from samen_refer.render.direction import isolated
from samen_refer.render.result import role_key
from samen_refer.render.show import print_outcome

_PRACTICE_WORDS: Final = Words(
    "practice",
    {
        "exercise": "Exercise",
        "situation": "The situation",
        "walk": "Answer the questions as you think fits. Then you see your route beside the expected one.",
        "your_advice": "Your advice",
        "routes": "Your route beside the expected route",
        "question": "Question",
        "yours": "Your answer",
        "expected": "Expected",
        "not_asked": "(not asked)",
        "same_route": "You chose as expected everywhere.",
        "differs": "differs",
        "consequences": "Consequences",
        "missed": "Missed (in the expected advice)",
        "added": "Added (not in the expected advice)",
        "role": "Another role",
        "role_line": "{name} - yours: {chosen}; expected: {expected}",
        "how_soon": "How soon",
        "you": "yours",
        "same_advice": "The same contacts, roles and urgency as expected.",
        "discussion": "To discuss",
        "score": "Score: {score} out of 100",
        "score_parts": "(answers 40, contacts and roles 40, urgency 20)",
        "reveal": "The expected route, step by step",
        "step": "Step {n} of {total}",
        "chosen": "expected",
        "show": "Enter: show the expected answer · q: stop",
        "next": "Enter: next step · q: stop",
        "to_advice": "Enter: the expected advice · q: stop",
        "expected_advice": "The expected advice",
    },
)


def practice_words(lang: str) -> dict[str, str]:
    """Every word of an exercise in ``lang``, for the practice page (``web --practice``), which shows the same."""
    return _PRACTICE_WORDS.every(lang)


def print_situation(console: Console, scenario: Scenario, lang: str, plain: bool) -> None:
    """The title, level and vignette of an exercise."""
    title = Text(f"{_PRACTICE_WORDS('exercise', lang)}: ", style="bold") + Text(
        pick(scenario.title, lang), style="bold"
    )
    vignette = Text(pick(scenario.vignette, lang))
    if plain:
        console.print(title)
        console.print(Text(f"{_PRACTICE_WORDS('situation', lang)}: ") + vignette)
    else:
        console.print(Panel(vignette, title=title, title_align="left"))


def print_walk_intro(console: Console, lang: str) -> None:
    """What the trainee is asked to do."""
    console.print(Text(_PRACTICE_WORDS("walk", lang), style="italic"))


def _label(pathway: Pathway, question_id: str, option_id: str | None, lang: str) -> str:
    question = pathway.question(question_id)
    option = question.option(option_id) if question and option_id else None
    return pick(option.label, lang) if option else _PRACTICE_WORDS("not_asked", lang)


def _contact_line(advised: AdvisedContact, lang: str, reach: bool = True) -> Text:
    line = Text(pick(advised.contact.name, lang))
    how = isolated(advised.contact.phone) if advised.contact.phone else advised.contact.url
    if reach and how:
        line.append(f" - {how}")
    return line + Text(f" - {say(role_key(advised), lang)}")


def _advice(outcome: Outcome, lang: str) -> list[Text]:
    """The advice without 'because': urgency, numbered steps, numbered contacts."""
    out = [Text(f"{say('result', lang)}: {say(f'urgency.{outcome.urgency}', lang)}", style="bold")]
    out.append(Text(say("steps", lang), style="bold"))
    out += [Text(f"{n}. ") + Text(pick(s.step.text, lang)) for n, s in enumerate(outcome.steps, 1)]
    out.append(Text(say("contacts", lang), style="bold"))
    out += [Text(f"{n}. ") + _contact_line(c, lang) for n, c in enumerate(outcome.contacts, 1)]
    return out


def print_comparison(
    console: Console, pathway: Pathway, scenario: Scenario, comparison: Comparison, lang: str, plain: bool
) -> None:
    """First the comparison: the trainee's route beside the expected one, what differs in the advice and the score;
    then the points to discuss, and last the trainee's own advice in full, to look things up in."""
    trainee = comparison.trainee.outcome
    assert trainee is not None  # a comparison is made of complete routes
    _heading(console, _PRACTICE_WORDS("routes", lang), plain)
    _print_routes(console, pathway, comparison, lang, plain)
    _heading(console, _PRACTICE_WORDS("consequences", lang), plain)
    for line in _consequences(comparison, lang):
        console.print(line)
    console.print()
    console.print(Text(_PRACTICE_WORDS("score", lang, score=comparison.score), style="bold"))
    console.print(Text(_PRACTICE_WORDS("score_parts", lang), style="dim"))
    _print_discussion(console, scenario, lang, plain)
    _heading(console, _PRACTICE_WORDS("your_advice", lang), plain)
    for line in _advice(trainee, lang):
        console.print(line)


def _heading(console: Console, title: str, plain: bool) -> None:
    console.print()
    console.print(Text(title, style="bold underline") if not plain else Text(title))


def _print_routes(console: Console, pathway: Pathway, comparison: Comparison, lang: str, plain: bool) -> None:
    differs = {d.question for d in comparison.answers}
    theirs = {a.question: a.option for a in comparison.trainee.answers}
    ours = {a.question: a.option for a in comparison.expected.answers}
    asked = [q for q in pathway.questions if q.id in theirs or q.id in ours]
    if plain:
        for n, question in enumerate(asked, 1):
            mark = f" [{_PRACTICE_WORDS('differs', lang)}]" if question.id in differs else ""
            console.print(Text(f"{n}. {pick(question.text, lang)}{mark}"))
            for key, answers in (("yours", theirs), ("expected", ours)):
                label = _label(pathway, question.id, answers.get(question.id), lang)
                console.print(Text(f"   {_PRACTICE_WORDS(key, lang)}: {label}"))
    else:
        table = Table(expand=True, show_lines=True)
        for title, ratio in (
            (_PRACTICE_WORDS("question", lang), 3),
            (_PRACTICE_WORDS("yours", lang), 2),
            (_PRACTICE_WORDS("expected", lang), 2),
        ):
            table.add_column(title, ratio=ratio)
        for question in asked:
            mine = Text(_label(pathway, question.id, theirs.get(question.id), lang))
            if question.id in differs:  # the colour helps; the word says it without colour too
                mine.append(f" [{_PRACTICE_WORDS('differs', lang)}]")
                mine.stylize("bold yellow")
            table.add_row(
                Text(pick(question.text, lang)),
                mine,
                Text(_label(pathway, question.id, ours.get(question.id), lang)),
            )
        console.print(table)
    if not differs:
        console.print(Text(_PRACTICE_WORDS("same_route", lang), style="green"))


def _consequences(comparison: Comparison, lang: str) -> list[Text]:
    expected, chosen = comparison.urgency
    if comparison.same_advice:
        return [Text(_PRACTICE_WORDS("same_advice", lang), style="green")]
    out: list[Text] = []
    for key, advised in (("missed", comparison.missed), ("added", comparison.added)):
        if advised:
            out.append(Text(_PRACTICE_WORDS(key, lang), style="bold"))
            out += [Text("  - ") + _contact_line(c, lang, reach=False) for c in advised]
    if comparison.roles:
        out.append(Text(_PRACTICE_WORDS("role", lang), style="bold"))
        for difference in comparison.roles:
            line = _PRACTICE_WORDS(
                "role_line",
                lang,
                name=pick(difference.contact.name, lang),
                chosen=say(f"role.{difference.chosen}", lang),
                expected=say(f"role.{difference.expected}", lang),
            )
            out.append(Text(f"  - {line}"))
    if expected != chosen:
        out.append(Text(_PRACTICE_WORDS("how_soon", lang), style="bold"))
        out.append(Text(f"  - {_PRACTICE_WORDS('you', lang)}: {say(f'urgency.{chosen}', lang)}"))
        out.append(Text(f"  - {_PRACTICE_WORDS('expected', lang).lower()}: {say(f'urgency.{expected}', lang)}"))
    return out


def _print_discussion(console: Console, scenario: Scenario, lang: str, plain: bool) -> None:
    _heading(console, _PRACTICE_WORDS("discussion", lang), plain)
    for n, point in enumerate(scenario.discussion, 1):
        console.print(Text(f"{n}. ") + Text(pick(point, lang)))


def reveal(
    console: Console,
    pathway: Pathway,
    scenario: Scenario,
    route: Route,
    lang: str,
    plain: bool,
    pause: Callable[[], str],
) -> None:
    """Walk a group through the expected route: each question with its options, a pause for the group to answer,
    then the expected answer and why; after the last, the expected advice and the discussion.

    ``pause`` reads one line (its prompt is printed on a line of its own first); ``q`` there stops the walk.
    """
    _heading(console, _PRACTICE_WORDS("reveal", lang), plain)
    total = len(route.answers)
    for n, answer in enumerate(route.answers, 1):
        question = pathway.question(answer.question)
        if question is None:
            continue
        console.print()
        console.print(Text(_PRACTICE_WORDS("step", lang, n=n, total=total), style="dim"))
        console.print(Text(pick(question.text, lang), style="bold"))
        marker = "->" if plain else "\u2192"
        for number, option in enumerate(question.options, 1):
            console.print(Text(f"{' ' * len(marker)} {number}. {pick(option.label, lang)}"))
        if _stopped(console, pause, _PRACTICE_WORDS("show", lang)):
            return
        number, option = next((i, o) for i, o in enumerate(question.options, 1) if o.id == answer.option)
        line = Text(f"{marker} {number}. {pick(option.label, lang)}  ({_PRACTICE_WORDS('chosen', lang)})")
        line.stylize("bold green")
        console.print(line)
        console.print(Text(f"{say('why', lang)} ", style="italic") + Text(pick(question.why, lang)))
        if _stopped(console, pause, _PRACTICE_WORDS("next" if n < total else "to_advice", lang)):
            return
    if route.outcome is not None:
        _heading(console, _PRACTICE_WORDS("expected_advice", lang), plain)
        print_outcome(console, pathway, route.outcome, lang, plain, details=True)
    _print_discussion(console, scenario, lang, plain)


def _stopped(console: Console, pause: Callable[[], str], prompt: str) -> bool:
    """Wait for Enter; True when the group typed ``q``."""
    console.print(Text(prompt, style="dim"))
    return pause().strip().lower() in ("q", "quit", "stop")
