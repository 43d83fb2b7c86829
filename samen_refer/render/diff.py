"""The ``diff`` report: the JSON contract (``diff_data``) and the Markdown for a pull-request comment (``markdown``),
from the comparison ``engine.behaviour.compare`` makes."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from typing import Any, Final

from samen_refer.engine.advice import Advice, Answers, Change
from samen_refer.engine.behaviour import BehaviourDiff, ChangeSet
from samen_refer.engine.contact_diff import FACTS, NO_FACTS, FactChanges, facts_headline, facts_markdown
from samen_refer.engine.descriptions import AnswerTerm
from samen_refer.engine.markdown import markdown_text
from samen_refer.engine.text_diff import TextChange
from samen_refer.format.vocabulary import Role, Urgency
from samen_refer.i18n.translation import Words, number

# The version of the ``diff --format json`` format (``render/contract.py`` holds its schema): raised when a change would
# break a script that reads it.
DIFF_FORMAT: Final = 1
LISTED: Final = 50  # lines per list in the Markdown report


LISTED_ROUTES: Final = 1_000  # changed routes the JSON lists one by one (the change sets count and describe them all)


def diff_data(diff: BehaviourDiff) -> dict[str, Any]:
    """The diff as JSON-ready data: every change set, and the first ``LISTED_ROUTES`` changed routes one by one with
    the count of them all (listing 390,625 routes took a gigabyte and minutes, R14)."""
    return {
        "format": DIFF_FORMAT,
        "pathway": diff.pathway,
        "old": {"version": diff.versions[0], "routes": diff.routes[0]},
        "new": {"version": diff.versions[1], "routes": diff.routes[1]},
        "behaviour_changed": diff.behaviour_changed,
        "changed_routes_total": diff.changed_count,
        "changed_routes": [
            {
                "answers": dict(r.answers),
                "old": _advice_data(r.old),
                "new": _advice_data(r.new),
                "change": _change_data(r.change),
            }
            for r in itertools.islice(diff.listing(), LISTED_ROUTES)
        ],
        "change_sets": [
            {
                "change": _change_data(c.change),
                "routes": c.total,
                "condition": None if c.condition is None else [_terms_data(terms) for terms in c.condition],
                "within": _within_data(c),
                "examples": [dict(answers) for answers in c.examples],
            }
            for c in diff.changed
        ],
        "new_routes": [{"answers": dict(answers), "advice": _advice_data(a)} for answers, a in diff.new_routes],
        "removed_routes": [{"answers": dict(answers), "advice": _advice_data(a)} for answers, a in diff.removed_routes],
        "questions": {"added": list(diff.questions_added), "removed": list(diff.questions_removed)},
        "options": {
            "added": [f"{q}={o}" for q, o in diff.options_added],
            "removed": [f"{q}={o}" for q, o in diff.options_removed],
        },
        "texts": [
            {"kind": t.kind, "id": t.id, "field": t.field, "language": t.lang or None, "old": t.old, "new": t.new}
            for t in diff.texts
        ],
    }


def _within_data(changes: ChangeSet) -> dict[str, Any] | None:
    """Without a condition, what the routes have in common: ``condition`` holds on ``routes`` routes, of which exactly
    those in ``except`` (alternatives, or null when no short description) are not in the set."""
    if not changes.within:
        return None
    return {
        "condition": _terms_data(changes.within),
        "routes": changes.within_total,
        "except": None if changes.exceptions is None else [_terms_data(terms) for terms in changes.exceptions],
    }


def _terms_data(terms: tuple[AnswerTerm, ...]) -> list[dict[str, Any]]:
    return [{"question": question, "options": list(options)} for question, options in terms]


def _advice_data(advice: Advice) -> dict[str, Any]:
    return {
        "urgency": advice.urgency,
        "contacts": [{"id": c, "role": role} for c, role in advice.contacts],
        "steps": list(advice.steps),
        "person": list(advice.person),
    }


def _change_data(change: Change) -> dict[str, Any]:
    return {
        "urgency": None if change.urgency is None else {"old": change.urgency[0], "new": change.urgency[1]},
        "contacts_added": [{"id": c, "role": role} for c, role in change.contacts_added],
        "contacts_removed": [{"id": c, "role": role} for c, role in change.contacts_removed],
        "roles_changed": [{"id": c, "old": was, "new": now} for c, was, now in change.roles_changed],
        "contacts_reordered": change.contacts_reordered is not None,
        "steps_added": list(change.steps_added),
        "steps_removed": list(change.steps_removed),
        "steps_reordered": change.steps_reordered,
        "person_added": list(change.person_added),
        "person_removed": list(change.person_removed),
    }


# The Markdown report's own words (the JSON keys stay as they are); "KEY.one" / "KEY.many" are singular and plural.
_DIFF_TEXTS: Final[dict[str, str]] = {
    "title": "Behaviour diff",
    "version-same": "Note: `version` in {file} is still {version}; raise it with every change, also one to "
    "contacts.yaml or a region.",
    "new-routes": "New routes",
    "removed-routes": "Removed routes",
    "question-added": "question added: {id}",
    "question-removed": "question removed: {id}",
    "option-added": "option added: {id}",
    "option-removed": "option removed: {id}",
    "structure": "Questions and options",
    "texts-changed": "Texts changed",
    "no-change": "No changes in behaviour: all {routes} give the same advice.",
    "no-change-texts": "No changes in behaviour: all {routes} give the same advice; {texts} changed.",
    "same-advice": "the urgency, contacts and steps stay the same on all {routes}",
    "changed": "{n} of {routes} give different advice",
    "before": "{routes} before",
    "advice-changed": "Advice changed",
    "more-kinds": "… and {n} more kinds of change, on {routes} (see --format json)",
    "more": "… and {n} more (see --format json)",
    "where": "routes with {condition}",
    "or-where": "or with {condition}",
    "every-route": "every route, whatever the answers",
    "except-where": "but not those with {condition}",
    "nor-where": "nor those with {condition}",
    "some-where": "{n} of the {routes} with {condition}, for example:",
    "both": "{first} and {second}",
    "either": "{first} or {second}",
    "example": "for example: {route}",
    "examples": "{routes}, for example:",
    "no-contacts": "no contacts",
    "urgency": "urgency {old} → {new}",
    "contacts-added": "contacts added: {contacts}",
    "contacts-removed": "contacts removed: {contacts}",
    "role-changed": "role changed: {roles}",
    "contacts-reordered": "contacts re-ordered: {old} → {new}",
    "steps-added": "steps added: {steps}",
    "steps-removed": "steps removed: {steps}",
    "steps-reordered": "steps re-ordered",
    "person-added": "on the person's handout: {contacts}",
    "person-removed": "no longer on the person's handout: {contacts}",
    "none": "(none)",
    "route.one": "{n} route",
    "route.many": "{n} routes",
    "text.one": "{n} text",
    "text.many": "{n} texts",
    "new-route.one": "{n} new route",
    "new-route.many": "{n} new routes",
    "removed-route.one": "{n} removed route",
    "removed-route.many": "{n} removed routes",
    "question-added.one": "{n} question added",
    "question-added.many": "{n} questions added",
    "question-removed.one": "{n} question removed",
    "question-removed.many": "{n} questions removed",
    "option-added.one": "{n} option added",
    "option-added.many": "{n} options added",
    "option-removed.one": "{n} option removed",
    "option-removed.many": "{n} options removed",
    "text-changed.one": "{n} text changed",
    "text-changed.many": "{n} texts changed",
}


_DIFF_WORDS: Final = Words("diff", _DIFF_TEXTS)


class _Words:
    """The report's words in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, **values: object) -> str:
        return _DIFF_WORDS(key, self.lang, **values)

    def n(self, count: int, key: str) -> str:
        """``count`` things, in the singular or the plural."""
        return self(f"{key}.{'one' if count == 1 else 'many'}", n=self.number(count))

    def number(self, count: int) -> str:
        """A number as written in this language (267.870 in Dutch)."""
        return number(count, self.lang)

    def urgency(self, urgency: Urgency) -> str:
        """An urgency by the label the helper reads, up to its colon ("Today" of "Today: do not wait until
        tomorrow"): the same words, short enough for a list."""
        from samen_refer.i18n.messages import say

        return say(f"urgency.{urgency}", self.lang).partition(":")[0]


def markdown(diff: BehaviourDiff, lang: str = "en", facts: FactChanges = NO_FACTS) -> str:
    """The diff as Markdown for a pull-request comment: a summary line, then the changed phone numbers, hours, costs
    and web addresses (``contact_diff``), then one section per kind of change."""
    w = _Words(lang)
    old_version, new_version = diff.versions
    texts = [t for t in diff.texts if not (t.kind == "contact" and t.field in FACTS)]  # said with the facts
    lines = [f"## {w('title')}: `{diff.pathway}` {_md(old_version)} → {_md(new_version)}", ""]
    lines.append(_summary(diff, w, len(texts), facts_headline(facts, lang)))
    if (diff.behaviour_changed or texts or facts.changes) and old_version == new_version:
        lines += ["", w("version-same", file=f"`{diff.pathway}.yaml`", version=_md(new_version))]
    lines += facts_markdown(facts, lang)
    lines += _changed_section(diff.changed, w)
    for title, routes in ((w("new-routes"), diff.new_routes), (w("removed-routes"), diff.removed_routes)):
        if routes:
            lines += ["", f"### {title} ({w.number(len(routes))})", ""]
            lines += _capped([f"- {_answers(a)} → {_advice(advice, w)}" for a, advice in routes], LISTED, w)
    structure = [
        *(f"- {w('question-added', id=f'`{q}`')}" for q in diff.questions_added),
        *(f"- {w('question-removed', id=f'`{q}`')}" for q in diff.questions_removed),
        *(f"- {w('option-added', id=f'`{q}={o}`')}" for q, o in diff.options_added),
        *(f"- {w('option-removed', id=f'`{q}={o}`')}" for q, o in diff.options_removed),
    ]
    if structure:
        lines += ["", f"### {w('structure')}", "", *_capped(structure, LISTED, w)]
    if texts:
        lines += [
            "",
            f"### {w('texts-changed')} ({w.number(len(texts))})",
            "",
            *_capped([_text_line(t, w) for t in texts], LISTED, w),
        ]
    return "\n".join(lines) + "\n"


def _summary(diff: BehaviourDiff, w: _Words, texts: int, facts: str) -> str:
    """The first line: the facts a caller needs first, then what the advice does; never "no changes" when a phone
    number, hours, cost or web address changed (U21)."""
    routes = w.n(diff.routes[1], "route")
    if not diff.behaviour_changed:
        if facts:
            same = [f"**{facts}**", w("same-advice", routes=routes)]
            return " · ".join(same + ([w.n(texts, "text-changed")] if texts else []))
        if texts:
            return w("no-change-texts", routes=routes, texts=w.n(texts, "text"))
        return w("no-change", routes=routes)
    before = f" ({w('before', routes=w.n(diff.routes[0], 'route'))})" if diff.routes[0] != diff.routes[1] else ""
    parts = ([f"**{facts}**"] if facts else []) + [
        f"**{w('changed', n=w.number(diff.changed_count), routes=routes)}**{before}"
    ]
    for count, key in (
        (len(diff.new_routes), "new-route"),
        (len(diff.removed_routes), "removed-route"),
        (len(diff.questions_added), "question-added"),
        (len(diff.questions_removed), "question-removed"),
        (len(diff.options_added), "option-added"),
        (len(diff.options_removed), "option-removed"),
        (texts, "text-changed"),
    ):
        if count:
            parts.append(w.n(count, key))
    return " · ".join(parts)


def _changed_section(changed: Sequence[ChangeSet], w: _Words) -> list[str]:
    """Routes with different advice, grouped by what changed (the largest groups first), each described by the
    answers that single it out, then an example."""
    if not changed:
        return []
    lines = ["", f"### {w('advice-changed')} ({w.n(sum(c.total for c in changed), 'route')})"]
    for each in changed[:LISTED]:
        lines += ["", f"**{_describe(each.change, w)}** ({w.n(each.total, 'route')})"]
        if each.condition is None and each.within and each.exceptions is not None:
            lines.append(f"- {w('where', condition=_condition_words(each.within, w))}")
            first, *rest = each.exceptions
            lines.append(f"- {w('except-where', condition=_condition_words(first, w))}")
            lines += [f"- {w('nor-where', condition=_condition_words(terms, w))}" for terms in rest]
            lines.append(f"- {w('example', route=_answers(each.examples[0]))}")
            continue
        if each.condition is None:
            if each.within:
                among, shared = w.n(each.within_total, "route"), _condition_words(each.within, w)
                lines.append(f"- {w('some-where', n=w.number(each.total), routes=among, condition=shared)}")
            else:
                lines.append(f"- {w('examples', routes=w.n(each.total, 'route'))}")
            lines += [f"  - {_answers(a)}" for a in each.examples]
            continue
        first, *rest = each.condition
        if not first:  # no term: the advice changed the same way on every route there is
            lines += [f"- {w('every-route')}", f"- {w('example', route=_answers(each.examples[0]))}"]
            continue
        lines.append(f"- {w('where', condition=_condition_words(first, w))}")
        lines += [f"- {w('or-where', condition=_condition_words(terms, w))}" for terms in rest]
        lines.append(f"- {w('example', route=_answers(each.examples[0]))}")
    if len(changed) > LISTED:
        rest_count = w.n(sum(c.total for c in changed[LISTED:]), "route")
        lines += ["", w("more-kinds", n=w.number(len(changed) - LISTED), routes=rest_count)]
    return lines


def _condition_words(terms: tuple[AnswerTerm, ...], w: _Words) -> str:
    """``question`` = option (or option ...) and ...: the ids, as in the routes listed."""
    said = [
        f"`{question}` = "
        + functools.reduce(lambda first, second: w("either", first=first, second=second), (f"`{o}`" for o in options))
        for question, options in terms
    ]
    return functools.reduce(lambda first, second: w("both", first=first, second=second), said)


def _capped(lines: Sequence[str], limit: int, w: _Words) -> list[str]:
    if len(lines) <= limit:
        return list(lines)
    return [*lines[:limit], f"- {w('more', n=w.number(len(lines) - limit))}"]


def _answers(answers: Answers) -> str:
    return "`" + " ".join(f"{q}={o}" for q, o in answers) + "`"


def _contacts(contacts: Sequence[tuple[str, Role]]) -> str:
    return ", ".join(f"{c} ({role})" for c, role in contacts)


def _advice(advice: Advice, w: _Words) -> str:
    return f"{w.urgency(advice.urgency)}: {_contacts(advice.contacts) or w('no-contacts')}"


def _describe(change: Change, w: _Words) -> str:
    parts = []
    if change.urgency:
        parts.append(w("urgency", old=w.urgency(change.urgency[0]), new=w.urgency(change.urgency[1])))
    if change.contacts_added:
        parts.append(w("contacts-added", contacts=_contacts(change.contacts_added)))
    if change.contacts_removed:
        parts.append(w("contacts-removed", contacts=_contacts(change.contacts_removed)))
    if change.roles_changed:
        parts.append(w("role-changed", roles=", ".join(f"{c} {was} → {now}" for c, was, now in change.roles_changed)))
    if change.contacts_reordered:
        was, now = change.contacts_reordered
        parts.append(w("contacts-reordered", old=", ".join(was), new=", ".join(now)))
    if change.steps_added:
        parts.append(w("steps-added", steps=", ".join(change.steps_added)))
    if change.steps_removed:
        parts.append(w("steps-removed", steps=", ".join(change.steps_removed)))
    if change.steps_reordered:
        parts.append(w("steps-reordered"))
    if change.person_added:
        parts.append(w("person-added", contacts=", ".join(change.person_added)))
    if change.person_removed:
        parts.append(w("person-removed", contacts=", ".join(change.person_removed)))
    return "; ".join(parts)


def _text_line(change: TextChange, w: _Words) -> str:
    language = f" ({change.lang})" if change.lang else ""
    old, new = _quoted(change.old, w), _quoted(change.new, w)
    return f"- {change.kind} `{change.id}` {change.field}{language}: {old} → {new}"


def _quoted(text: str | None, w: _Words) -> str:
    return w("none") if text is None else f'"{_md(text)}"'


def _md(text: str) -> str:
    """Pathway text inside Markdown: on one line, never read as markup, a link or HTML, and never an @mention."""
    return markdown_text(text)
