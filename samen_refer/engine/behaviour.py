"""What two versions of a pathway do differently: the advice on every route, the questions and options, the texts.

Routes are matched by their answers. Advice is compared as a helper acts on it: the urgency, the contacts with their
roles in the order shown, and the steps. Pure functions: two loaded pathways in, data and Markdown out.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final, NamedTuple

from samen_refer.engine.route import build_outcome, every_route
from samen_refer.format.language import Text
from samen_refer.format.pathway import Condition, Pathway
from samen_refer.format.source import paused_gc
from samen_refer.format.vocabulary import Role, Urgency
from samen_refer.problem import SamenReferError

MAX_ROUTES: Final = 500_000  # beyond this, comparing route by route takes minutes and gigabytes (sggg: 267,870)
_CACHED: Final = 100_000  # pieces of advice kept for routes still to come
LISTED: Final = 50  # lines per list in the Markdown report; the JSON has everything
LISTED_PER_CHANGE: Final = 10

Answers = tuple[tuple[str, str], ...]  # (question, option) in the order asked


class Advice(NamedTuple):
    """The outcome of one route as compared: urgency, contacts with roles (in order), step ids (in order)."""

    urgency: Urgency
    contacts: tuple[tuple[str, Role], ...]
    steps: tuple[str, ...]
    person: tuple[str, ...] = ()  # the contacts on the person's handout


class Change(NamedTuple):
    """How the advice on a route changed; routes with equal changes are reported together."""

    urgency: tuple[Urgency, Urgency] | None
    contacts_added: tuple[tuple[str, Role], ...]
    contacts_removed: tuple[tuple[str, Role], ...]
    roles_changed: tuple[tuple[str, Role, Role], ...]
    contacts_reordered: tuple[tuple[str, ...], tuple[str, ...]] | None
    steps_added: tuple[str, ...]
    steps_removed: tuple[str, ...]
    steps_reordered: bool
    person_added: tuple[str, ...] = ()
    person_removed: tuple[str, ...] = ()


class ChangedRoute(NamedTuple):
    """A route that both versions have, with different advice."""

    answers: Answers
    old: Advice
    new: Advice
    change: Change


class TextChange(NamedTuple):
    """A text a helper reads, changed; ``old`` and ``new`` are in ``lang`` ("" for a phone number or web address)."""

    kind: str
    id: str
    field: str
    lang: str
    old: str | None
    new: str | None


class BehaviourDiff(NamedTuple):
    """Everything that differs between two versions of a pathway."""

    pathway: str
    versions: tuple[str, str]
    routes: tuple[int, int]
    changed: tuple[ChangedRoute, ...]
    new_routes: tuple[tuple[Answers, Advice], ...]
    removed_routes: tuple[tuple[Answers, Advice], ...]
    questions_added: tuple[str, ...]
    questions_removed: tuple[str, ...]
    options_added: tuple[tuple[str, str], ...]
    options_removed: tuple[tuple[str, str], ...]
    texts: tuple[TextChange, ...]

    @property
    def behaviour_changed(self) -> bool:
        """Whether any route, question or option differs (text changes alone do not count)."""
        routes = (self.changed, self.new_routes, self.removed_routes)
        return any((*routes, self.questions_added, self.questions_removed, self.options_added, self.options_removed))


def compare(old: Pathway, new: Pathway, lang: str) -> BehaviourDiff:
    """Compare two versions of a pathway route by route; texts are shown in ``lang``."""
    before, after = advice_by_route(old), advice_by_route(new)
    changed: list[ChangedRoute] = []
    describe: dict[tuple[Advice, Advice], Change] = {}  # many routes share a change; work each out once
    for key, (answers, advice) in after.items():
        earlier = before.get(key)
        if earlier is not None and earlier[1] != advice:
            pair = (earlier[1], advice)
            if pair not in describe:
                describe[pair] = change_of(*pair)
            changed.append(ChangedRoute(answers, earlier[1], advice, describe[pair]))
    questions_added, options_added = _only_in(new, old)
    questions_removed, options_removed = _only_in(old, new)
    return BehaviourDiff(
        new.id,
        (old.version, new.version),
        (len(before), len(after)),
        tuple(changed),
        tuple(value for key, value in after.items() if key not in before),
        tuple(value for key, value in before.items() if key not in after),
        questions_added,
        questions_removed,
        options_added,
        options_removed,
        tuple(text_changes(old, new, lang)),
    )


def _only_in(first: Pathway, second: Pathway) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Questions of ``first`` that ``second`` lacks, and the options it lacks on questions both have."""
    questions: list[str] = []
    options: list[tuple[str, str]] = []
    for question in first.questions:
        other = second.question(question.id)
        if other is None:
            questions.append(question.id)
        else:
            options += [(question.id, o.id) for o in question.options if other.option(o.id) is None]
    return tuple(questions), tuple(options)


def advice_by_route(pathway: Pathway) -> dict[frozenset[tuple[str, str]], tuple[Answers, Advice]]:
    """The advice on every route, keyed by the set of answers. Refuses (exit 1) a pathway with more than
    ``MAX_ROUTES`` routes before listing any: holding them all would take gigabytes."""
    from samen_refer.engine.analysis import total_routes

    total = total_routes(pathway)
    if total > MAX_ROUTES:
        raise RouteLimit.of("too-many-routes", pathway=pathway.id, total=f"{total:,}", limit=f"{MAX_ROUTES:,}")
    routes: dict[frozenset[tuple[str, str]], tuple[Answers, Advice]] = {}
    with paused_gc():
        for answers, advice in route_advice(pathway):
            pairs = tuple(answers.items())
            routes[frozenset(pairs)] = (pairs, advice)
    return routes


class RouteLimit(SamenReferError):
    """Too many routes to compare one by one."""

    exit_code = 1


def route_advice(pathway: Pathway) -> Iterator[tuple[dict[str, str], Advice]]:
    """Every route with its advice, in option order, one at a time (a generator: nothing is held but caches).

    A route's answers give a mask of the condition terms they meet; the mask gives the set of blocks that apply;
    the urgency and contacts depend only on the blocks with contacts or an urgency, and are composed by
    ``build_outcome`` once per such set (a few thousand on sggg), not once per route."""
    bits, tests = _block_tests(pathway)
    blocks = pathway.blocks
    deciding = sum(1 << i for i, b in enumerate(blocks) if b.contacts or b.urgency)
    by_mask: dict[int, Advice] = {}
    by_blocks: dict[int, Advice] = {}
    decided: dict[int, tuple[Urgency, tuple[tuple[str, Role], ...], tuple[str, ...]]] = {}
    for answers in every_route(pathway):
        mask = 0
        for pair in answers.items():
            mask |= bits.get(pair, 0)
        advice = by_mask.get(mask)
        if advice is None:
            chosen = 0
            for i, (when, unless) in enumerate(tests):
                if mask & when == when and (unless is None or mask & unless != unless):
                    chosen |= 1 << i
            advice = by_blocks.get(chosen)
            if advice is None:
                key = chosen & deciding
                urgency_contacts = decided.get(key)
                if urgency_contacts is None:
                    outcome = build_outcome(pathway, answers, tuple(b for i, b in enumerate(blocks) if key >> i & 1))
                    contacts = tuple((c.contact.id, c.role) for c in outcome.contacts)
                    person = tuple(c.contact.id for c in outcome.person_contacts)
                    urgency_contacts = decided[key] = (outcome.urgency, contacts, person)
                steps = dict.fromkeys(s.id for i, b in enumerate(blocks) if chosen >> i & 1 for s in b.steps)
                urgency, contacts, person = urgency_contacts
                advice = by_blocks[chosen] = Advice(urgency, contacts, tuple(steps), person)  # steps as build_outcome
            if len(by_mask) > _CACHED:  # caches, not records: memory stays bounded on any number of routes
                by_mask.clear()
                by_blocks.clear()
                decided.clear()
            by_mask[mask] = advice
        yield answers, advice


def _block_tests(pathway: Pathway) -> tuple[dict[tuple[str, str], int], list[tuple[int, int | None]]]:
    """Bit masks for ``Block.applies``, which is too slow for millions of (route, block) pairs.

    Each condition term gets a bit, and each answer the bits of the terms it meets. A condition holds on a route when
    the route's mask (its answers' bits together) has every bit of the condition's terms.
    """
    bits: dict[tuple[str, str], int] = {}
    terms = itertools.count()

    def mask_of(condition: Condition | None) -> int | None:
        if condition is None:
            return None
        mask = 0
        for term in condition.terms:
            bit = 1 << next(terms)
            for option in term.options:
                bits[term.question, option] = bits.get((term.question, option), 0) | bit
            mask |= bit
        return mask

    tests = [(mask_of(b.when) or 0, mask_of(b.unless)) for b in pathway.blocks]
    return bits, tests


def change_of(old: Advice, new: Advice) -> Change:
    """What differs between two pieces of advice."""
    old_roles, new_roles = dict(old.contacts), dict(new.contacts)
    kept = [c for c in new_roles if old_roles.get(c) == new_roles[c]]
    kept_before = [c for c in old_roles if c in kept]
    return Change(
        (old.urgency, new.urgency) if old.urgency != new.urgency else None,
        tuple(c for c in new.contacts if c[0] not in old_roles),
        tuple(c for c in old.contacts if c[0] not in new_roles),
        tuple((c, old_roles[c], role) for c, role in new.contacts if c in old_roles and old_roles[c] != role),
        (tuple(kept_before), tuple(kept)) if kept != kept_before else None,
        tuple(s for s in new.steps if s not in old.steps),
        tuple(s for s in old.steps if s not in new.steps),
        [s for s in new.steps if s in old.steps] != [s for s in old.steps if s in new.steps],
        tuple(c for c in new.person if c not in old.person),
        tuple(c for c in old.person if c not in new.person),
    )


def text_changes(old: Pathway, new: Pathway, lang: str) -> Iterator[TextChange]:
    """Texts a helper reads that differ in any language, shown in ``lang`` (or in the language that changed)."""
    for kind, where, field, before, after in _texts(old, new):
        if before == after:
            continue
        if isinstance(before, str | None) and isinstance(after, str | None):
            yield TextChange(kind, where, field, "", before, after)
            continue
        was: Text = before if isinstance(before, Mapping) else {}
        now: Text = after if isinstance(after, Mapping) else {}
        differ = [code for code in (lang, *was, *now) if was.get(code) != now.get(code)]
        yield TextChange(kind, where, field, differ[0], was.get(differ[0]), now.get(differ[0]))


Value = Text | str | None


def _texts(old: Pathway, new: Pathway) -> Iterator[tuple[str, str, str, Value, Value]]:
    yield "pathway", new.id, "title", old.title, new.title
    yield "pathway", new.id, "reminder", old.reminder, new.reminder
    for q in new.questions:
        was = old.question(q.id)
        if was is None:
            continue
        yield "question", q.id, "text", was.text, q.text
        yield "question", q.id, "why", was.why, q.why
        yield "question", q.id, "help", was.help, q.help
        for option in q.options:
            before = was.option(option.id)
            if before is not None:
                yield "option", f"{q.id}={option.id}", "label", before.label, option.label
    old_blocks = {b.id: b for b in old.blocks}
    for block in new.blocks:
        if block.id not in old_blocks:
            continue
        old_steps = {s.id: s for s in old_blocks[block.id].steps}
        old_uses = {u.contact: u for u in old_blocks[block.id].contacts}
        for step in (s for s in block.steps if s.id in old_steps):
            yield "step", f"{block.id}/{step.id}", "text", old_steps[step.id].text, step.text
            yield "step", f"{block.id}/{step.id}", "say", old_steps[step.id].say, step.say
        for use in (u for u in block.contacts if u.contact in old_uses):
            yield "contact", f"{block.id}/{use.contact}", "note", old_uses[use.contact].note, use.note
    old_contacts = old.contacts
    for contact in new.contacts.values():
        was_contact = old_contacts.get(contact.id)
        if was_contact is not None:
            yield "contact", contact.id, "name", was_contact.name, contact.name
            yield "contact", contact.id, "phone", was_contact.phone, contact.phone
            yield "contact", contact.id, "url", was_contact.url, contact.url


def diff_data(diff: BehaviourDiff) -> dict[str, Any]:
    """The diff as JSON-ready data (every route, nothing left out)."""
    return {
        "pathway": diff.pathway,
        "old": {"version": diff.versions[0], "routes": diff.routes[0]},
        "new": {"version": diff.versions[1], "routes": diff.routes[1]},
        "behaviour_changed": diff.behaviour_changed,
        "changed_routes": [
            {
                "answers": dict(r.answers),
                "old": _advice_data(r.old),
                "new": _advice_data(r.new),
                "change": _change_data(r.change),
            }
            for r in diff.changed
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
_WORDS: Final[dict[str, str]] = {
    "title": "Behaviour diff",
    "version-same": "Note: the version is still {version}; raise it with every change.",
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
    "changed": "{n} of {routes} give different advice",
    "before": "{routes} before",
    "advice-changed": "Advice changed",
    "more-kinds": "… and {n} more kinds of change, on {routes} (see --format json)",
    "more": "… and {n} more (see --format json)",
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


class _Words:
    """The report's words in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, **values: object) -> str:
        from samen_refer.i18n.translation import translate

        return translate(f"diff.{key}", _WORDS[key], self.lang).format(**values)

    def n(self, count: int, key: str) -> str:
        """``count`` things, in the singular or the plural."""
        return self(f"{key}.{'one' if count == 1 else 'many'}", n=f"{count:,}")


def markdown(diff: BehaviourDiff, lang: str = "en") -> str:
    """The diff as Markdown for a pull-request comment: a summary line, then one section per kind of change."""
    w = _Words(lang)
    old_version, new_version = diff.versions
    lines = [f"## {w('title')}: `{diff.pathway}` {_md(old_version)} → {_md(new_version)}", "", _summary(diff, w)]
    if (diff.behaviour_changed or diff.texts) and old_version == new_version:
        lines += ["", w("version-same", version=_md(new_version))]
    lines += _changed_section(diff.changed, w)
    for title, routes in ((w("new-routes"), diff.new_routes), (w("removed-routes"), diff.removed_routes)):
        if routes:
            lines += ["", f"### {title} ({len(routes):,})", ""]
            lines += _capped([f"- {_answers(a)} → {_advice(advice, w)}" for a, advice in routes], LISTED, w)
    structure = [
        *(f"- {w('question-added', id=f'`{q}`')}" for q in diff.questions_added),
        *(f"- {w('question-removed', id=f'`{q}`')}" for q in diff.questions_removed),
        *(f"- {w('option-added', id=f'`{q}={o}`')}" for q, o in diff.options_added),
        *(f"- {w('option-removed', id=f'`{q}={o}`')}" for q, o in diff.options_removed),
    ]
    if structure:
        lines += ["", f"### {w('structure')}", "", *_capped(structure, LISTED, w)]
    if diff.texts:
        lines += [
            "",
            f"### {w('texts-changed')} ({len(diff.texts):,})",
            "",
            *_capped([_text_line(t, w) for t in diff.texts], LISTED, w),
        ]
    return "\n".join(lines) + "\n"


def _summary(diff: BehaviourDiff, w: _Words) -> str:
    routes = w.n(diff.routes[1], "route")
    if not diff.behaviour_changed:
        if diff.texts:
            return w("no-change-texts", routes=routes, texts=w.n(len(diff.texts), "text"))
        return w("no-change", routes=routes)
    before = f" ({w('before', routes=w.n(diff.routes[0], 'route'))})" if diff.routes[0] != diff.routes[1] else ""
    parts = [f"**{w('changed', n=f'{len(diff.changed):,}', routes=routes)}**{before}"]
    for count, key in (
        (len(diff.new_routes), "new-route"),
        (len(diff.removed_routes), "removed-route"),
        (len(diff.questions_added), "question-added"),
        (len(diff.questions_removed), "question-removed"),
        (len(diff.options_added), "option-added"),
        (len(diff.options_removed), "option-removed"),
        (len(diff.texts), "text-changed"),
    ):
        if count:
            parts.append(w.n(count, key))
    return " · ".join(parts)


def _changed_section(changed: Sequence[ChangedRoute], w: _Words) -> list[str]:
    """Routes with different advice, grouped by what changed; the largest groups first."""
    if not changed:
        return []
    groups: dict[Change, list[Answers]] = {}
    for route in changed:
        groups.setdefault(route.change, []).append(route.answers)
    ordered = sorted(groups.items(), key=lambda group: -len(group[1]))  # stable: ties keep route order
    lines = ["", f"### {w('advice-changed')} ({w.n(len(changed), 'route')})"]
    for change, routes in ordered[:LISTED]:
        lines += ["", f"**{_describe(change, w)}** ({w.n(len(routes), 'route')})"]
        lines += _capped([f"- {_answers(a)}" for a in routes], LISTED_PER_CHANGE, w)
    if len(ordered) > LISTED:
        rest = w.n(sum(len(routes) for _, routes in ordered[LISTED:]), "route")
        lines += ["", w("more-kinds", n=f"{len(ordered) - LISTED:,}", routes=rest)]
    return lines


def _capped(lines: Sequence[str], limit: int, w: _Words) -> list[str]:
    if len(lines) <= limit:
        return list(lines)
    return [*lines[:limit], f"- {w('more', n=f'{len(lines) - limit:,}')}"]


def _answers(answers: Answers) -> str:
    return "`" + " ".join(f"{q}={o}" for q, o in answers) + "`"


def _contacts(contacts: Sequence[tuple[str, Role]]) -> str:
    return ", ".join(f"{c} ({role})" for c, role in contacts)


def _advice(advice: Advice, w: _Words) -> str:
    return f"{advice.urgency}: {_contacts(advice.contacts) or w('no-contacts')}"


def _describe(change: Change, w: _Words) -> str:
    parts = []
    if change.urgency:
        parts.append(w("urgency", old=change.urgency[0], new=change.urgency[1]))
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
    """Pathway text inside Markdown: on one line, and never read as markup, a link or HTML."""
    text = " ".join(text.split())
    return "".join(f"\\{ch}" if ch in "\\`*_[]<>|~" else ch for ch in text)
