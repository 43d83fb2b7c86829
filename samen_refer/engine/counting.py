"""How many routes a pathway has, counted question by question without walking them.

Routes that reach a question with the same answers to what the rules from there on look at continue identically, so
they are counted together. An answer is kept only while a rule still to come can look at it: where each question's
rules look only at the answer before (6**20 routes), a handful of counts per question is all there is. Only a
pathway whose rules look at many answers together, far ahead, needs more than ``analysis.STATE_BUDGET`` counts.
"""

from __future__ import annotations

from samen_refer.engine import analysis
from samen_refer.engine.route import leads_to
from samen_refer.format.pathway import Pathway, Question
from samen_refer.format.vocabulary import END
from samen_refer.problem import SamenReferError

Kept = tuple[tuple[str, str], ...]  # the answers still looked at, in the order given


def total_routes(pathway: Pathway) -> int:
    """How many routes the pathway has; refuses a pathway with a loop. Only the answers that rules still to come look
    at are told apart (``counted_routes``), so this stays fast however many questions decide the advice, and where
    each rule looks at the answer before."""
    if analysis.find_cycle(pathway):
        raise SamenReferError.of("pathway-loop", pathway=pathway.id)
    return counted_routes(pathway)


def counted_routes(pathway: Pathway, budget: int | None = None) -> int:
    """How many routes the pathway has (it must have no loops: ``analysis.find_cycle``); ``analysis.TooComplex``
    past ``budget`` counts kept at once (default: ``analysis.STATE_BUDGET``)."""
    budget = analysis.STATE_BUDGET if budget is None else budget
    rank = analysis._question_ranks(pathway)
    order = sorted(pathway.questions, key=lambda q: rank[q.id])
    needed = _needed(pathway, order)
    waiting: dict[str, dict[Kept, int]] = {pathway.start: {(): 1}}
    held = 1
    total = 0
    for question in order:
        counts = waiting.pop(question.id, {})
        held -= len(counts)
        for kept, ways in counts.items():
            for option in question.options:
                given = dict(kept)
                given[question.id] = option.id
                target = leads_to(question, option.id, given)
                if target == END:
                    total += ways
                    continue
                if target not in needed:  # a question the pathway does not have: no route goes on
                    continue
                key = tuple((q, o) for q, o in given.items() if q in needed[target])
                bucket = waiting.setdefault(target, {})
                if key not in bucket:
                    held += 1
                    if held > budget:
                        raise analysis.TooComplex(pathway, _answered(pathway, key))
                bucket[key] = bucket.get(key, 0) + ways
    return total


def _needed(pathway: Pathway, order: list[Question]) -> dict[str, frozenset[str]]:
    """For each question, the questions whose answers its rules, or those of a question after it, look at."""
    out: dict[str, frozenset[str]] = {}
    for question in reversed(order):
        rules = [r for rules in (question.next, *(o.next for o in question.options)) for r in rules or ()]
        mine = {t.question for r in rules if r.when is not None for t in r.when.terms}
        for rule in rules:
            mine |= out.get(rule.to, frozenset())
        out[question.id] = frozenset(mine)
    return out


def _answered(pathway: Pathway, kept: Kept) -> list[tuple[str, int]]:
    """The answers kept where the budget ran out, with their number of options: their answers multiply."""
    out = []
    for qid, _ in kept:
        question = pathway.question(qid)
        if question is not None and len(question.options) > 1:
            out.append((qid, len(question.options)))
    return out
