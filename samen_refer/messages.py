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
}


# Errors a user can act on: "KEY" is the message, "KEY.hint" what to do (see SamenReferError.of).
_ERRORS: Final[dict[str, str]] = {
    "content": "{problem}{more}",
    "content.hint": "Fix the file and try again; `samen-refer validate` lists every problem.",
    "answers-file": "{problem}{more}",
    "answers-file.hint": "An answers file holds lines like `danger: no`.",
    "base-unreadable": "{problem}{more}",
    "base-unreadable.hint": "The version at {ref} cannot be read, so there is nothing to compare.",
    "no-question": "pathway '{pathway}' has no question '{question}'",
    "no-question.hint": "Questions are: {known}.",
    "no-option": "question '{question}' has no option '{option}'",
    "no-option.hint": "Choose one of: {known}.",
    "answer-form": "--answer '{pair}' is not QUESTION=OPTION",
    "answer-form.hint": "Write it like --answer danger=no.",
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
    "scenario-answer": "scenario '{scenario}': {error}",
    "scenario-answer.hint": "Run `samen-refer scenarios check` to see what differs.",
    "no-advice-yet": "the route does not reach advice yet",
    "no-advice-yet.hint": "Answer every question first.",
    "sheet-which": "give one scenario id, or --all",
    "sheet-which.hint": "`samen-refer scenarios list` shows the ids.",
    "no-scenarios": "there are no scenarios in {folder}",
    "no-scenarios.hint": "Scenarios are YAML files in the folder scenarios beside the pathways.",
    "save-to-directory": "'{path}' is a directory",
    "save-to-directory.hint": "Give a file name to save to.",
    "save-no-folder": "folder '{folder}' does not exist",
    "save-no-folder.hint": "Create it first, or save somewhere else.",
    "save-failed": "cannot write in '{folder}': {reason}",
    "save-failed.hint": "Save somewhere you may write.",
    "pathway-loop": "pathway '{pathway}' has a loop",
    "pathway-loop.hint": "Run `samen-refer validate` to see where.",
    "pathway-loop-at": "pathway '{pathway}' loops back to or leads to a missing question '{question}'",
    "pathway-loop-at.hint": "Run `samen-refer validate` on the pathway.",
    "too-many-routes": "pathway '{pathway}' has more than {limit} routes, too many to compare one by one",
    "too-many-routes.hint": "`samen-refer routes --count` shows how many there are.",
    "mermaid-too-large": (
        "the Mermaid diagram of '{pathway}' is too large ({edges} edges, {chars} characters); "
        "Mermaid draws at most {max_edges} edges and {max_chars} characters"
    ),
    "mermaid-too-large.hint": "Use --format dot, or --from QUESTION to draw only the part after one question.",
    "no-template": "template '{template}' not found in {places}",
    "no-template.hint": "Check the --templates folder.",
    "template-syntax": "{file}:{line}: error: {reason} [template-syntax]",
    "template-syntax.hint": "Fix the template; templates/README.md describes what each template gets.",
    "template-failed": "template '{template}' cannot be rendered: {reason}",
    "template-failed.hint": "Fix the template; templates/README.md describes what each template gets.",
    "no-such-path": "'{path}' does not exist",
    "no-such-path.hint": "Give two pathway files, or two pathways directories.",
    "not-in-git": "'{folder}' is not in a git work tree, so --base has nothing to compare with",
    "not-in-git.hint": "Run it inside a git checkout, or give OLD and NEW as two paths.",
    "no-commit": "git does not know the commit, branch or tag '{ref}'",
    "no-commit.hint": "Check the name with `git log` or `git branch -a`; fetch it first if it is only on a remote.",
    "not-at-commit": "'{path}' does not exist at {ref}",
    "not-at-commit.hint": "A new pathway has no earlier version to compare with; check the path and --base.",
    "no-git": "--base needs git, which is not installed",
    "no-git.hint": "Install git, or give OLD and NEW.",
    "diff-paths": "diff needs two paths, OLD and NEW; got {n}",
    "diff-paths.hint": "For example: samen-refer diff old/sggg.yaml pathways/sggg.yaml",
    "diff-base-paths": "diff needs one path (NEW) with --base; got {n}",
    "diff-base-paths.hint": "For example: samen-refer diff --base main pathways",
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
