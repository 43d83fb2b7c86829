"""A set of routes said in words a maintainer reads: the shortest condition over the answers that singles it out
(``describe``), or what its routes have in common (``narrowest``). Sets are bit masks over an exploration's ends
(``endings.Endings``); ``tests/test_diff_sets.py`` checks that both are exact on any set of endings.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Final

from samen_refer.engine.analysis import ANY, Exploration
from samen_refer.engine.endings import Endings
from samen_refer.engine.masks import union_of
from samen_refer.format.pathway import Pathway

AnswerTerm = tuple[str, tuple[str, ...]]  # the answer to a question is one of these options


Description = tuple[tuple[AnswerTerm, ...], ...]  # any one of these alternatives, each all of its terms


ALTERNATIVES: Final = 3  # the most alternatives a description may have


def describe(
    members: int,
    endings: Endings,
    exploration: Exploration,
    pathway: Pathway,
    hint: Collection[str] = (),
    universe: int | None = None,
) -> Description | None:
    """The shortest condition over the answers that holds on exactly these ends (among the ``universe`` ends: all by
    default): one conjunction of ``question in {options}`` terms if one fits, else at most ``ALTERNATIVES`` of them,
    else None. Of two equally short ones, the one about the ``hint`` questions (those the changed blocks look at) is
    kept."""
    universe = endings.all if universe is None else universe
    options = _options(exploration, pathway)
    given = {q: [(o, endings.answered(q, (o,))) for o in ids] for q, ids in options.items()}  # looked up once
    unknown = _unknown(endings, options)
    alone = _conjunction(members, universe, given, hint, unknown)
    if alone is not None:
        return (alone,)
    best: Description | None = None
    for question, pairs in given.items():
        parts = [mask & members for _, mask in pairs]
        # routes that do not ask this question (or whose answer the ends do not tell apart: see ``_unknown``)
        parts.append(members & ~union_of(mask for _, mask in pairs))
        found = [_conjunction(part, universe, given, hint, unknown) for part in parts if part]
        if any(f is None for f in found):
            continue
        merged = _merged([f for f in found if f is not None], question, list(options))
        if len(merged) <= ALTERNATIVES and (best is None or _size(merged) < _size(best)):
            best = merged
    return best


def narrowest(
    members: int, endings: Endings, exploration: Exploration, pathway: Pathway, hint: Collection[str] = ()
) -> tuple[tuple[AnswerTerm, ...], int]:
    """The fewest terms that hold on every one of these ends and on as few others as terms can, and the ends they
    hold on: what a set of routes has in common when no short condition singles it out ("routes with danger = yes").
    No terms when every question's answers vary within the set."""
    terms: list[tuple[AnswerTerm, int]] = []
    options = _options(exploration, pathway)
    unknown = _unknown(endings, options)
    for question, ids in options.items():
        if unknown.get(question):  # a term on it would hold on some routes of an end and not on others
            continue
        chosen = tuple(o for o in ids if endings.answered(question, (o,)) & members)
        mask = endings.answered(question, chosen)
        if chosen and len(chosen) < len(ids) and not members & ~mask:
            terms.append(((question, chosen), mask))
    cover = _all_of(endings.all, terms)
    for term in sorted(terms, key=lambda t: (t[0][0] in hint, -t[1].bit_count())):
        rest = [t for t in terms if t is not term]
        if _all_of(endings.all, rest) == cover:
            terms = rest
    return tuple(t for t, _ in terms), cover


def _options(exploration: Exploration, pathway: Pathway) -> dict[str, tuple[str, ...]]:
    """The options of each question the exploration tells routes apart by, in pathway order."""
    questions = [(q, pathway.question(q)) for q in exploration.relevant]
    return {q: tuple(o.id for o in question.options) for q, question in questions if question is not None}


def _unknown(endings: Endings, options: Mapping[str, tuple[str, ...]]) -> dict[str, int]:
    """For each question, the ends that do not tell its answer apart (``analysis.ANY``: a refined exploration, outside
    its region), which stand for routes with every answer, or none. A term on such a question holds on none of them
    for sure, and may hold on each: a condition is exact only if other terms rule them out, or all of their routes
    are in the set and no term on the question is used."""
    return {q: mask for q in options if (mask := endings.answered(q, (ANY,)))}


def _size(description: Description) -> tuple[int, int]:
    return len(description), sum(len(terms) for terms in description)


def _merged(found: list[tuple[AnswerTerm, ...]], question: str, order: list[str]) -> Description:
    """Alternatives that differ only in the options of ``question``, as one."""
    out: dict[tuple[AnswerTerm, ...], list[str]] = {}
    loose: list[tuple[AnswerTerm, ...]] = []
    for terms in found:
        own = [t for t in terms if t[0] == question]
        rest = tuple(t for t in terms if t[0] != question)
        if len(own) == 1:
            out.setdefault(rest, []).extend(own[0][1])
        else:
            loose.append(terms)
    merged = []
    for rest, chosen in out.items():
        term = (question, tuple(dict.fromkeys(chosen)))
        merged.append(tuple(sorted((*rest, term), key=lambda t: order.index(t[0]))))
    return (*merged, *loose)


def _conjunction(
    members: int,
    universe: int,
    given: Mapping[str, Sequence[tuple[str, int]]],
    hint: Collection[str],
    unknown: Mapping[str, int],
) -> tuple[AnswerTerm, ...] | None:
    """Few terms that hold on exactly ``members`` among the ``universe`` ends (``given``: the ends where each answer
    was given; ``unknown``: where it may be any, see ``_unknown``), or None when no conjunction does (none can be left
    out). A term must hold for sure on every member, and is taken to hold on every end where it may. Terms are left
    out greedily: those on questions outside ``hint`` first, then the least telling."""
    terms: list[tuple[AnswerTerm, int]] = []
    for question, pairs in given.items():
        chosen = tuple(o for o, given_o in pairs if given_o & members)
        mask = union_of(given_o for _, given_o in pairs if given_o & members)
        if chosen and not members & ~mask:
            terms.append(((question, chosen), mask | unknown.get(question, 0)))
    if _all_of(universe, terms) != members:
        return None
    for term in sorted(terms, key=lambda t: (t[0][0] in hint, -t[1].bit_count())):
        rest = [t for t in terms if t is not term]
        if _all_of(universe, rest) == members:
            terms = rest
    return tuple(t for t, _ in terms)


def _all_of(universe: int, terms: Sequence[tuple[AnswerTerm, int]]) -> int:
    for _, mask in terms:
        universe &= mask
    return universe
