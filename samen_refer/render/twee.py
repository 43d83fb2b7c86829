"""A pathway as a Twine story in Twee 3 notation, for the Harlowe 3 story format: a clickable exercise.

The story is written from the compiled pathway (``render.web.compiled.compile_pathway``), the data the phone guide's
engine reads: the same questions, rules, blocks and conditions in the same order, the same tables of urgencies and
roles. It has no rule of its own beyond evaluating that data, in a few fixed forms of Harlowe:

* ``StoryData`` has an IFID derived from the pathway id (UUID version 5), so exporting again gives the same story.
* ``Startup`` sets ``$answers`` to every question with no answer (``""``).
* Each question is a passage (named by its id) with one link per option: ``[[label->question=option]]``.
* Each ``question=option`` passage records the answer in ``$answers``, then goes to the target of the first rule
  whose condition holds (``(if:)``, ``(else-if:)``, ``(else:)`` with ``(go-to:)``; none holds: ``end``).
* The passage ``end`` shows nothing: it sets ``$applies``, whether each block's ``when`` holds and its ``unless``
  does not, and goes to ``Advice``.
* ``Advice`` works out ``$urgency`` (the place of the most urgent urgency of the blocks that apply in the table) and
  ``$roles`` (each contact's strongest role, by its place in the table of roles), then shows the urgency; each step
  once, in block order; and each contact once, by role, then where its strongest role was first given.

A condition is always ``$answers's "question" is in (a: "option", ...)``, its terms joined by ``and``.

Kept equal to the engine: ``tests/test_twee.py`` plays the story with an interpreter of exactly the Harlowe written
here (``tests/harlowe.py``, which refuses anything else), along every route of the test pathway and of ``sggg``, and
requires the answers recorded, the urgency, the steps in order and the contacts with their roles in order that
``route.build_outcome`` gives. The story has no safety interrupts and no person's handout.

Text from the pathway is never read as Harlowe or Twine markup: characters that could start markup (links, hooks,
macros, variables, HTML) are written as HTML character references, which Harlowe shows as they are.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from samen_refer.engine.route import GENERAL, SITUATION
from samen_refer.format.language import pick
from samen_refer.format.pathway import Pathway
from samen_refer.i18n.messages import say
from samen_refer.i18n.translation import translate
from samen_refer.render.direction import LRI, PDI
from samen_refer.render.web.compiled import Json, compile_pathway

STORY_FORMAT = {"format": "Harlowe", "format-version": "3.3.8"}
_IFID_NAME = "urn:samen-refer:pathway:{}"  # with uuid.NAMESPACE_URL; never change it: the IFID would change
_RESTART = "Start again"
ADVICE = "Advice"  # not a question id: those are lower case
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


def _holds(condition: Sequence[Sequence[Any]]) -> str:
    """A Harlowe expression that holds when every term of a compiled condition does (no terms: ``true``)."""
    terms = [
        f"$answers's {_string(question)} is in (a: {', '.join(_string(o) for o in options)})"
        for question, options in condition
    ]
    return " and ".join(terms) or "true"


def _applies(block: Json) -> str:
    """A Harlowe expression that holds when the block's ``when`` holds (if it has one) and its ``unless`` does not."""
    parts = [] if block["when"] is None else [f"({_holds(block['when'])})"]
    if block["unless"] is not None:
        parts.append(f"not ({_holds(block['unless'])})")
    return " and ".join(parts) or "true"


def _go(rules: Sequence[Json], end: str) -> str:
    """Go to the target of the first rule whose condition holds (none does: the end, as ``route.next_target``)."""
    parts: list[str] = []
    for rule in rules:
        go = f"(go-to: {_string(rule['to'])})"
        if rule["when"] is None:
            return "".join(parts) + (f"(else:)[{go}]" if parts else go)
        parts.append(f"({'else-if' if parts else 'if'}: {_holds(rule['when'])})[{go}]")
    go = f"(go-to: {_string(end)})"
    return "".join(parts) + (f"(else:)[{go}]" if parts else go)


def _question(question: Json, end: str, lang: str) -> list[str]:
    lines = [f":: {question['id']}", f"''{harlowe_text(pick(question['text'], lang))}''", ""]
    lines.append(f"//{harlowe_text(say('why', lang))}// {harlowe_text(pick(question['why'], lang))}")
    if question["help"]:
        lines.append(f"{harlowe_text(say('help', lang))}: {harlowe_text(pick(question['help'], lang))}")
    lines.append("")
    lines += [f"[[{harlowe_text(pick(o['label'], lang))}->{question['id']}={o['id']}]]" for o in question["options"]]
    for option in question["options"]:
        rules = option["next"] or question["next"] or []
        lines += ["", f":: {question['id']}={option['id']}"]
        lines.append(f"(set: $answers's {_string(question['id'])} to {_string(option['id'])}){_go(rules, end)}")
    return lines


def _end(compiled: Json) -> list[str]:
    """The ``end`` passage, hidden: sets ``$applies``, whether each block's ``when`` holds and its ``unless`` does
    not, then goes to the advice."""
    return [
        f":: {compiled['end']}",
        "{",
        "(set: $applies to (dm:))",
        *(f"(set: $applies's {_string(b['id'])} to {_applies(b)})" for b in compiled["blocks"]),
        "}",
        f"(go-to: {_string(ADVICE)})",
    ]


def _advice(compiled: Json, lang: str) -> list[str]:
    """The passage ``Advice``: works out the urgency and each contact's strongest role over the blocks that apply,
    then shows the urgency, the steps and the contacts."""
    urgency = "".join(
        f"({'else-if' if n else 'if'}: $urgency is {n})[''{harlowe_text(say(f'urgency.{u}', lang))}'']"
        for n, u in enumerate(compiled["urgencies"])
    )
    return [
        f":: {ADVICE}",
        "{",
        *_work_out(compiled),
        "}",
        urgency,
        "",
        f"''{harlowe_text(say('steps', lang))}''",
        "{",
        *_steps(compiled, lang),
        "}",
        "",
        f"''{harlowe_text(say('contacts', lang))}''",
        "{",
        *_contacts(compiled, lang),
        "}",
        "",
        f"(link: {_string(translate('twee.restart', _RESTART, lang))})[(restart:)]",
    ]


def _uses(block: Json, directory: Mapping[str, Json]) -> list[Json]:
    """The block's contact uses whose contact is known (``route.build_outcome`` passes over the others)."""
    return [use for use in block["contacts"] if use["contact"] in directory]


def _if_applies(block: Json, hook: Sequence[str]) -> list[str]:
    """``hook`` when the block applies (nothing, when it is empty)."""
    return [f"(if: $applies's {_string(block['id'])})[{''.join(hook)}]"] if hook else []


def _work_out(compiled: Json) -> list[str]:
    """Hidden: the most urgent urgency and each contact's strongest role over the blocks that apply."""
    urgencies, roles = compiled["urgencies"], compiled["roles"]
    directory = {contact["id"]: contact for contact in compiled["contacts"]}
    weakest = ", ".join(f"{_string(c)}, {len(roles)}" for c in directory)
    lines = [f"(set: $urgency to {len(urgencies) - 1})(set: $roles to (dm: {weakest}))(set: $shown to (a:))"]
    for block in compiled["blocks"]:
        sets = [f"(set: $urgency to (min: $urgency, {urgencies.index(block['urgency'])}))"] if block["urgency"] else []
        for use in _uses(block, directory):
            role = f"$roles's {_string(use['contact'])}"
            sets.append(f"(set: {role} to (min: {role}, {roles.index(use['role'])}))")
        lines += _if_applies(block, sets)
    return lines


def _steps(compiled: Json, lang: str) -> list[str]:
    """The steps to do or say, as ``route.arranged`` orders them: the situation's own, then the general ones (by the
    compiled ``place``), each in block order; a step shared by blocks keeps the place of its first block and its text.
    What to know and the helper's care are not part of the story's advice."""
    first: dict[str, int] = {}
    for block in compiled["blocks"]:
        for step in block["steps"]:
            first.setdefault(step["id"], step["place"])
    lines = []
    for place in (SITUATION, GENERAL):
        for block in compiled["blocks"]:
            hook = []
            for step in block["steps"]:
                if first[step["id"]] != place:
                    continue
                key = _string(f"step:{step['id']}")
                hook.append(
                    f"(if: not ($shown contains {key}))"
                    f"[(set: $shown to it + (a: {key}))<br>• {harlowe_text(pick(step['text'], lang))}]"
                )
            if hook:
                lines += _if_applies(block, hook)
    return lines


def _contacts(compiled: Json, lang: str) -> list[str]:
    """Each contact once, by role, then where its strongest role was first given."""
    lines = []
    directory = {contact["id"]: contact for contact in compiled["contacts"]}
    for rank, role in enumerate(compiled["roles"]):
        for block in compiled["blocks"]:
            hook = []
            for use in _uses(block, directory):
                if use["role"] != role:
                    continue
                contact = directory[use["contact"]]
                key = _string(f"contact:{contact['id']}")
                # a phone number as a left-to-right isolate (U+2066 ... U+2069, see render.direction), written as
                # references so that the story's text shows where they are
                reach = (
                    f"&#{ord(LRI)};{harlowe_text(contact['phone'])}&#{ord(PDI)};"
                    if contact["phone"]
                    else harlowe_text(contact["url"] or "")
                )
                name = harlowe_text(pick(contact["name"], lang)) + (f" – {reach}" if reach else "")
                role_words = say(f"role.{role}", lang)
                shown = f"{name} {harlowe_text(f'({role_words})')}"
                hook.append(
                    f"(if: $roles's {_string(contact['id'])} is {rank} and not ($shown contains {key}))"
                    f"[(set: $shown to it + (a: {key}))<br>• {shown}]"
                )
            lines += _if_applies(block, hook)
    return lines


def story_twee(pathway: Pathway, lang: str) -> str:
    """The whole story as Twee 3 text."""
    compiled = compile_pathway(pathway, tuple(dict.fromkeys((lang, *pathway.languages))))
    data: Mapping[str, object] = {"ifid": ifid(pathway.id), **STORY_FORMAT, "start": compiled["start"], "zoom": 1}
    answers = ", ".join(f'{_string(q["id"])}, ""' for q in compiled["questions"])
    lines = [
        ":: StoryTitle",
        " ".join(pick(compiled["title"], lang).split()),
        "",
        ":: StoryData",
        json.dumps(data, indent=2),
        "",
        ":: Startup [startup]",
        f"(set: $answers to (dm: {answers}))",
    ]
    for question in compiled["questions"]:
        lines += ["", *_question(question, compiled["end"], lang)]
    lines += ["", *_end(compiled), "", *_advice(compiled, lang)]
    return "\n".join(lines) + "\n"
