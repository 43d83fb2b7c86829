"""References: ids that are duplicated, or point at a question, option, contact or step that does not exist.

They run on the model of every pathway file that could be parsed, also when parts of it are broken: a reference to a
question, step or contact that was written but could not be read (a broken question with a readable id) is not
reported, nor a missing option of a question that lost one, nor a dead end of a question or option that lost a key:
the broken part has its own problem already.

``pathway-id``
    The pathway id differs from its file name. Failing, in ``sggg.yaml``: ``id: sgg``.
``id-reserved``
    A question is called ``end``, which means "the advice". Failing: ``- id: end`` under ``questions``.
``duplicate-id``
    Two questions, two options of one question, two blocks or two invariants share an id (contacts: see
    ``checks.contacts``). Failing: two questions ``- id: danger``.
``unknown-question``
    ``start``, a ``next`` or a condition names a question that does not exist. Failing: ``next: consnet``.
``unknown-option``
    A condition names an option its question does not have. Failing: ``when: {danger: [maybe]}`` where ``danger``
    has the options ``yes`` and ``no``.
``unknown-contact``
    A block or an invariant names a contact that is not in the contacts file. Failing: ``contact: politie-113``.
``unknown-step``
    An invariant names a step no block has. Failing: ``expect: {steps: [call-113]}``.
``interrupt-when``
    A block with ``interrupt: true`` has no ``when``, so no answer can trigger it. Failing: ``interrupt: true`` on a
    block without ``when``.
``dead-end``
    An option leads nowhere (no ``next`` on it or on its question), or a ``next`` list ends with a rule that has a
    ``when``. Passing: ``next: violence`` on the question, or a last rule ``- to: residence``.
"""

from __future__ import annotations

from collections.abc import Mapping

from samen_refer.format.expectation import expectation_ids
from samen_refer.format.pathway import Block, Condition, Option, Pathway, Question
from samen_refer.format.shape import NO_DAMAGE, Damage, Pos
from samen_refer.format.vocabulary import END
from samen_refer.problem import Problem, Said, said


def reference_problems(pathway: Pathway, stem: str, damage: Damage = NO_DAMAGE) -> list[Problem]:
    """Ids that are duplicated or point nowhere; ``damage`` says which parts could not be read, so that a reference
    into them is not reported as well."""
    out: list[Problem] = []

    def report(at: Pos, message: Said, check: str) -> None:
        out.append(Problem(pathway.path, at[0], at[1], message, check))

    def unknown_question(question_id: str) -> bool:
        return not damage.seen("question", question_id) and ("pathway", "questions") not in damage.lost

    if pathway.id != stem and ("pathway", "id") not in damage.lost:
        report(
            (1, 1),
            said("pathway id '{id}' differs from its file name '{stem}.yaml'", id=pathway.id, stem=stem),
            "pathway-id",
        )
    questions: dict[str, Question] = {}
    for q in pathway.questions:
        if q.id == END:
            report(
                q.at, said("'{end}' is reserved for 'the outcome'; choose another question id", end=END), "id-reserved"
            )
        if q.id in questions:
            report(
                q.at,
                said("duplicate question id '{id}' (first on line {line})", id=q.id, line=questions[q.id].at[0]),
                "duplicate-id",
            )
        questions.setdefault(q.id, q)
        seen_options: dict[str, Option] = {}
        for o in q.options:
            if o.id in seen_options:
                report(
                    o.at,
                    said("duplicate option id '{id}' in question '{question}'", id=o.id, question=q.id),
                    "duplicate-id",
                )
            seen_options.setdefault(o.id, o)
            if o.next is None and q.next is None and not damage.hurt("question", q.id):
                message = said(
                    "option '{id}' of '{question}' leads nowhere: add 'next' to it or to the question",
                    id=o.id,
                    question=q.id,
                )
                report(o.at, message, "dead-end")
    if pathway.start not in questions and ("pathway", "start") not in damage.lost and unknown_question(pathway.start):
        report((1, 1), said("start question '{question}' does not exist", question=pathway.start), "unknown-question")

    def check_condition(cond: Condition | None) -> None:
        out.extend(condition_problems(pathway.path, cond, questions, damage))

    for q in pathway.questions:
        for rules in [q.next, *(o.next for o in q.options)]:
            for rule in rules or ():
                if rule.to != END and rule.to not in questions and unknown_question(rule.to):
                    report(
                        rule.at,
                        said("'next' goes to unknown question '{question}'", question=rule.to),
                        "unknown-question",
                    )
                check_condition(rule.when)
            if rules and rules[-1].when is not None:
                report(
                    rules[-1].at,
                    said("the last rule of a 'next' list needs no 'when', so every answer leads somewhere"),
                    "dead-end",
                )
    contacts = pathway.contacts

    def unknown_contact(contact_id: str) -> bool:
        return (
            pathway.directory is not None
            and contact_id not in contacts
            and not damage.seen("contact", contact_id)
            and ("contacts file", "contacts") not in damage.lost
        )

    blocks: dict[str, Block] = {}
    for b in pathway.blocks:
        if b.id in blocks:
            report(
                b.at,
                said("duplicate block id '{id}' (first on line {line})", id=b.id, line=blocks[b.id].at[0]),
                "duplicate-id",
            )
        blocks.setdefault(b.id, b)
        check_condition(b.when)
        check_condition(b.unless)
        if b.interrupt and b.when is None and not damage.hurt("block", b.id):
            report(
                b.at,
                said("block '{id}' has 'interrupt: true' but no 'when' to say which answer interrupts", id=b.id),
                "interrupt-when",
            )
        for use in b.contacts:
            if unknown_contact(use.contact):
                message = said(
                    "unknown contact '{contact}' (not in {file})", contact=use.contact, file=pathway.contacts_file
                )
                report(use.at, message, "unknown-contact")
        for about in b.steps:
            if about.contact and unknown_contact(about.contact):
                message = said(
                    "unknown contact '{contact}' (not in {file})", contact=about.contact, file=pathway.contacts_file
                )
                report(about.at, message, "unknown-contact")
    steps = {step.id for b in pathway.blocks for step in b.steps}
    steps_lost = bool({("pathway", "blocks"), ("block", "steps")} & damage.lost)
    seen_invariants: set[str] = set()
    for invariant in pathway.invariants:
        if invariant.id in seen_invariants:
            report(invariant.at, said("duplicate invariant id '{id}'", id=invariant.id), "duplicate-id")
        seen_invariants.add(invariant.id)
        check_condition(invariant.when)
        check_condition(invariant.unless)
        named_contacts, named_steps = expectation_ids(invariant.expect)
        for contact in sorted(c for c in named_contacts if unknown_contact(c)):
            message = said("invariant '{id}' names unknown contact '{contact}'", id=invariant.id, contact=contact)
            report(invariant.at, message, "unknown-contact")
        for step in sorted(named_steps - steps):
            if steps_lost or damage.seen("step", step):
                continue
            report(
                invariant.at,
                said("invariant '{id}' names unknown step '{step}'", id=invariant.id, step=step),
                "unknown-step",
            )
    return out


def condition_problems(
    path: str, cond: Condition | None, questions: Mapping[str, Question], damage: Damage = NO_DAMAGE
) -> list[Problem]:
    """The terms of a condition (a block's ``when``, a region contact's ``serves`` ...) that name a question the
    pathway does not have, or an option its question does not have; ``damage`` as in ``reference_problems``."""
    out: list[Problem] = []
    for term in cond.terms if cond else ():
        target = questions.get(term.question)
        if target is None:
            if not damage.seen("question", term.question) and ("pathway", "questions") not in damage.lost:
                message = said("unknown question '{question}' in condition", question=term.question)
                out.append(Problem(path, *term.at, message, "unknown-question"))
            continue
        if damage.hurt("question", target.id):  # it may have lost the option named here
            continue
        for option in term.options:
            if target.option(option) is None:
                known = ", ".join(o.id for o in target.options)
                message = said(
                    "question '{question}' has no option '{option}' (it has: {known})",
                    question=term.question,
                    option=option,
                    known=known,
                )
                out.append(Problem(path, *term.at, message, "unknown-option"))
    return out
