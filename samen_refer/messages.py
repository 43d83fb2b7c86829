"""The tool's own words (not the pathway's): English source texts, translated through ``i18n`` (Dutch at B1)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from samen_refer.i18n import translate

_MESSAGES: Final[dict[str, str]] = {
    "reminder": "Acute danger? Call 112.",
    "progress": "Question {n} of at most {total}",
    "keys": "Type a number · ? why · b back · q quit",
    "choose": "Your choice",
    "why": "Why this question?",
    "help": "Tip",
    "unknown_choice": "I don't know that one. Type a number from 1 to {n}, or ? b q.",
    "first_question": "This is the first question.",
    "quit": "Stopped. Nothing was saved.",
    "ended": "Input ended before the questions were done. Nothing was saved.",
    "interrupted": "Interrupted. Nothing was saved.",
    "result": "Advice",
    "urgency.emergency": "CALL NOW: do not wait",
    "urgency.urgent": "Today: do not wait until tomorrow",
    "urgency.soon": "Soon: this week",
    "urgency.routine": "No rush: plan together, calmly",
    "steps": "Next steps",
    "contacts": "Contacts",
    "because": "because",
    "always": "always",
    "say": "You can say",
    "col.name": "Name",
    "col.phone": "Phone",
    "col.hours": "Hours",
    "col.role": "Role",
    "col.next": "What they do",
    "col.checked": "Source read",
    "role.emergency": "call now",
    "role.report": "report: safety comes first",
    "role.refer": "refer (with consent)",
    "role.advice": "advice for you",
    "anonymous": "can be anonymous",
    "role.info": "information to pass on",
    "no_phone": "see website",
    "unused": "Not used (not asked on this route)",
    "incomplete": "Not complete yet. Next question",
    "saved": "Answers saved to {path} (choices only).",
    "answers": "Answers",
    "source": "source",
    "ended_hint": "Give one answer per line, or use `samen-refer route`.",
    "handout_offer": "Make a handout for the person (only the organisations, no answers)? 1 = yes, 2 = no",
    "handout_why": (
        "A handout is a file with the organisations from the advice, to print or pass on. It holds no answers."
    ),
    "handout_name": "File name (.html, .txt or .md). Enter = {path}",
    "handout_extension": "'{name}' will not do: the name must end in .html, .txt or .md.",
    "handout_no_folder": "The folder {folder} does not exist. Type another name.",
    "handout_exists": "{path} already exists. Replace it? 1 = yes, 2 = no",
    "handout_failed": "Could not save to {path} ({reason}). Type another name.",
    "handout_not_safe": "No handout: it is not safe now to give anything on paper or in a file.",
    "handout_written": "Handout saved to {path} (readable by you only).",
    "summary": "Summary",
    "call_now": "To call",
    "more_steps": "And {n} more steps: see --details or the handout for yourself.",
    "details_hint": "Read everything (what to say, why, every fact): --details, or the handout for yourself.",
    "interrupt_title": "SAFETY FIRST: do this now",
    "interrupt_go_on": "Go on with the questions? 1 = yes, 2 = no (stop)",
    "interrupt_why": "This answer means danger. Help comes first; the questions can go on afterwards if possible.",
    "interrupt_stopped": "Stopped. The advice above stays on screen. Nothing was saved.",
    "yes_no": "Type 1 (yes) or 2 (no), or ? b q.",
    "earlier": "Chosen before: {label}",
    "confirm_quit": "Stop? Your answers are not kept. 1 = yes, stop, 2 = no, go on",
    "no_contacts": "No contacts found.",
    "interrupted_saved": "stopped (Ctrl-C). Only the answers were saved, in {path}; nothing else was saved.",
}


# Errors a user can act on: "KEY" is the message, "KEY.hint" what to do (see SamenReferError.of).
_ERRORS: Final[dict[str, str]] = {
    "content": "{problem}",
    "content.hint": "Fix the file and try again; `samen-refer validate` lists every problem.",
    "no-question": "pathway '{pathway}' has no question '{question}'",
    "no-question.hint": "Questions are: {known}.",
    "no-option": "question '{question}' has no option '{option}'",
    "no-option.hint": "Choose one of: {known}.",
    "answer-form": "--answer '{pair}' is not QUESTION=OPTION",
    "answer-form.hint": "Write it like --answer danger=no.",
    "answer-conflict": "two different answers to '{question}': {first} and {second}",
    "answer-conflict.hint": "Give one answer per question.",
    "no-pathways-dir": "pathways directory '{root}' does not exist",
    "no-pathways-dir.hint": "Check the --pathways path.",
    "pathways-dir-is-file": "'{root}' is a file, not a pathways directory",
    "pathways-dir-is-file.hint": "Give the directory that holds the pathway files.",
    "no-pathway": "there is no pathway '{pathway}' in {root}",
    "no-pathway.hint": "Available pathways: {known}. `samen-refer pathways` lists them.",
    "incomplete": "the answers do not reach advice yet: question '{question}' is not answered",
    "incomplete.hint": (
        "Answer every question on the route; `samen-refer route --answers FILE` shows which one is next."
    ),
    "handout-needs-answers": "a handout needs the answers: give --answers FILE",
    "handout-needs-answers.hint": "Save them with `samen-refer start --save FILE`, or write lines like `danger: no`.",
    "no-scenario": "there is no scenario '{scenario}' in {folder}",
    "no-scenario.hint": "Known scenarios: {known}. `samen-refer scenarios list` shows them with their titles.",
    "scenario-pathway": "scenario '{scenario}' is for pathway '{pathway}', which is not in {root}",
    "scenario-pathway.hint": "Give the pathways directory with --pathways.",
    "scenario-misfit": "the answers of scenario '{scenario}' do not fit pathway '{pathway}'",
    "scenario-misfit.hint": "Run `samen-refer scenarios check` to see what differs.",
    "file-exists": "'{path}' already exists; nothing was written",
    "file-exists.hint": "Give another file name, or add --force to replace it.",
    "file-kept": "'{path}' already exists; nothing was written",
    "file-kept.hint": "It was kept as it was; make the handout later with `samen-refer handout -o FILE`.",
    "bug": "something went wrong inside samen-refer (a bug). Nothing was saved.",
    "bug.hint": "Run the same command with --debug and share the output with the maintainers.",
}


def error_text(key: str, lang: str, values: Mapping[str, object]) -> tuple[str, str]:
    """An error's message and hint in ``lang``, with the values filled in."""
    message = translate(f"error.{key}", _ERRORS[key], lang).format(**values)
    hint = _ERRORS.get(f"{key}.hint")
    return message, translate(f"error.{key}.hint", hint, lang).format(**values) if hint else ""


def say(key: str, lang: str, **values: object) -> str:
    """One of the tool's own sentences, in ``lang`` (from the gettext catalogue; the key is its context)."""
    text = translate(key, _MESSAGES[key], lang)
    return text.format(**values) if values else text
