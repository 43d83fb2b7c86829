"""A pathway as a Twine story in Twee 3 notation, for the Harlowe 3 story format: a clickable exercise.

* ``StoryData`` has an IFID derived from the pathway id (UUID version 5), so exporting again gives the same story.
* Each question is a passage (named by its id) with one link per option: ``[[label->question=option]]``.
* Each ``question=option`` passage records the answer in ``$answers`` and goes on as the pathway's rules say.
* The passage ``end`` is the advice: the urgency, then the steps and contacts of every block whose condition the
  answers meet, in the same order and with the same roles as ``samen-refer route`` gives them.

Text from the pathway is never read as Harlowe or Twine markup: characters that could start markup (links, hooks,
macros, variables, HTML) are written as HTML character references, which Harlowe shows as they are.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping

from samen_refer.format.language import pick
from samen_refer.format.pathway import Condition, Pathway, Question, Rule
from samen_refer.format.vocabulary import END, ROLES, URGENCIES
from samen_refer.i18n.messages import say
from samen_refer.i18n.translation import translate

STORY_FORMAT = {"format": "Harlowe", "format-version": "3.3.8"}
_IFID_NAME = "urn:samen-refer:pathway:{}"  # with uuid.NAMESPACE_URL; never change it: the IFID would change
_RESTART = "Start again"
# Always: characters of links, hooks, macros, variables, HTML, verbatim and line-joining markup. In pairs only:
# the emphasis markup of Harlowe (''bold'', //italic//, ^^sup^^, ~~strike~~, **strong**).
_ALWAYS = re.compile(r"[&<>\[\]|(){}$_`\\*]")
_PAIRS = re.compile(r"(?<=')'|(?<=/)/|(?<=\^)\^|(?<=~)~")
_LINE_START = re.compile(r"^[#=\-+:>]")


def ifid(pathway_id: str) -> str:
    """The story's IFID: the same for the same pathway id, always."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, _IFID_NAME.format(pathway_id))).upper()


def harlowe_text(text: str) -> str:
    """Text shown as it is by Harlowe and safe inside ``[[...]]``: one line, markup characters as references."""
    flat = " ".join(text.split())
    flat = _ALWAYS.sub(lambda m: f"&#{ord(m.group(0))};", flat)
    flat = _PAIRS.sub(lambda m: f"&#{ord(m.group(0))};", flat)
    return _LINE_START.sub(lambda m: f"&#{ord(m.group(0))};", flat)


def _string(value: str) -> str:
    """A Harlowe string literal, for ids and the tool's own words (no quotes or backslashes in them)."""
    return json.dumps(value, ensure_ascii=False)


def _condition(cond: Condition | None, negate: bool = False) -> str:
    """A Harlowe expression that holds when the condition does (or, negated, does not); no condition: true."""
    if cond is None:
        return "true"
    terms = " and ".join(
        f"$answers's {_string(t.question)} is in (a: {', '.join(_string(o) for o in t.options)})" for t in cond.terms
    )
    return f"not ({terms})" if negate else f"({terms})"


def _go(rules: tuple[Rule, ...]) -> str:
    parts: list[str] = []
    for n, rule in enumerate(rules):
        go = f"(go-to: {_string(rule.to)})"
        if rule.when is None:
            parts.append(go if n == 0 else f"(else:)[{go}]")
            break
        parts.append(f"({'if' if n == 0 else 'else-if'}: {_condition(rule.when)})[{go}]")
    return "".join(parts)


def _question(question: Question, lang: str) -> list[str]:
    lines = [f":: {question.id}", f"''{harlowe_text(pick(question.text, lang))}''", ""]
    lines.append(f"//{harlowe_text(say('why', lang))}// {harlowe_text(pick(question.why, lang))}")
    if question.help:
        lines.append(f"{harlowe_text(say('help', lang))}: {harlowe_text(pick(question.help, lang))}")
    lines.append("")
    lines += [f"[[{harlowe_text(pick(o.label, lang))}->{question.id}={o.id}]]" for o in question.options]
    for option in question.options:
        rules = option.next or question.next or ()
        lines += ["", f":: {question.id}={option.id}"]
        lines.append(f"(set: $answers's {_string(question.id)} to {_string(option.id)}){_go(rules)}")
    return lines


def _advice(pathway: Pathway, lang: str) -> list[str]:
    """The ``end`` passage: works out the urgency and each contact's strongest role first, then shows them."""
    applies = {b.id: f"{_condition(b.when)} and {_condition(b.unless, negate=True)}" for b in pathway.blocks}
    urgency = "".join(
        f"({'if' if n == 0 else 'else-if'}: $urgency is {n})[''{harlowe_text(say(f'urgency.{u}', lang))}'']"
        for n, u in enumerate(URGENCIES)
    )
    return [
        f":: {END}",
        "{",
        *_work_out(pathway, applies),
        "}",
        urgency,
        "",
        f"''{harlowe_text(say('steps', lang))}''",
        "{",
        *_steps(pathway, applies, lang),
        "}",
        "",
        f"''{harlowe_text(say('contacts', lang))}''",
        "{",
        *_contacts(pathway, applies, lang),
        "}",
        "",
        f"(link: {_string(translate('twee.restart', _RESTART, lang))})[(restart:)]",
    ]


def _work_out(pathway: Pathway, applies: Mapping[str, str]) -> list[str]:
    """Hidden: the most urgent urgency and each contact's strongest role, over the blocks that apply."""
    lines = ["(set: $urgency to 3)(set: $shown to (a:))"]
    for block in pathway.blocks:
        sets = [f"(set: $urgency to (min: $urgency, {URGENCIES.index(block.urgency)}))"] if block.urgency else []
        for use in block.contacts:
            role = f"$roles's {_string(use.contact)}"
            sets.append(f"(set: {role} to (min: {role}, {ROLES.index(use.role)}))")
        if sets:
            lines.append(f"(if: {applies[block.id]})[{''.join(sets)}]")
    return lines


def _steps(pathway: Pathway, applies: Mapping[str, str], lang: str) -> list[str]:
    """Each step once, in block order, as ``build_outcome`` gives them."""
    lines = []
    for block in pathway.blocks:
        for step in block.steps:
            key = _string(f"step:{step.id}")
            lines.append(
                f"(if: ({applies[block.id]}) and not ($shown contains {key}))"
                f"[(set: $shown to it + (a: {key}))<br>• {harlowe_text(pick(step.text, lang))}]"
            )
    return lines


def _contacts(pathway: Pathway, applies: Mapping[str, str], lang: str) -> list[str]:
    """Each contact once, by role and then where its strongest role was first given, as ``build_outcome`` does."""
    lines = []
    directory = pathway.contacts
    for rank, role in enumerate(ROLES):
        for block in pathway.blocks:
            for use in block.contacts:
                contact = directory.get(use.contact)
                if use.role != role or contact is None:
                    continue
                key = _string(f"contact:{use.contact}")
                reach = contact.phone or contact.url
                shown = harlowe_text(pick(contact.name, lang)) + (f" – {harlowe_text(reach)}" if reach else "")
                lines.append(
                    f"(if: ({applies[block.id]}) and $roles's {_string(use.contact)} is {rank}"
                    f" and not ($shown contains {key}))"
                    f"[(set: $shown to it + (a: {key}))<br>• {shown} ({harlowe_text(say(f'role.{role}', lang))})]"
                )
    return lines


def story_twee(pathway: Pathway, lang: str) -> str:
    """The whole story as Twee 3 text."""
    data: Mapping[str, object] = {"ifid": ifid(pathway.id), **STORY_FORMAT, "start": pathway.start, "zoom": 1}
    contacts = {use.contact for block in pathway.blocks for use in block.contacts}
    answers = ", ".join(f'{_string(q.id)}, ""' for q in pathway.questions)
    roles = ", ".join(f"{_string(c)}, 9" for c in sorted(contacts))
    lines = [
        ":: StoryTitle",
        " ".join(pick(pathway.title, lang).split()),
        "",
        ":: StoryData",
        json.dumps(data, indent=2),
        "",
        ":: Startup [startup]",
        f"(set: $answers to (dm: {answers}))(set: $roles to (dm: {roles}))",
    ]
    for question in pathway.questions:
        lines += ["", *_question(question, lang)]
    lines += ["", *_advice(pathway, lang)]
    return "\n".join(lines) + "\n"
