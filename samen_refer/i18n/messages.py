"""The tool's own words (not the pathway's): English source texts, translated through ``i18n`` (Dutch at B1)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from samen_refer.i18n.translation import translate

_MESSAGES: Final[dict[str, str]] = {
    "reminder": "Acute danger? Call 112.",
    "progress": "Question {n} of at most {total}",
    "keys": "Type a number · ? why · b back · q quit",
    "choose": "Your choice",
    "why": "Why this question?",
    "help": "Tip",
    "unknown_choice": "That will not do. Type a number from 1 to {n}. Or: ? = why, b = back, q = quit.",
    "unknown_choice_two": "That will not do. Type 1 or 2. Or: ? = why, b = back, q = quit.",
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
    "background": "Good to know",
    "care": "For yourself",
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
    "role.report": "call for safety: tell the person first",
    "role.report_duty": "report (meldcode): discuss it with the person first",
    "role.refer": "refer (with consent)",
    "role.advice": "advice for you",
    "anonymous": "can be anonymous",
    "role.info": "information to pass on",
    "role.info_helper": "information for you",
    "no_phone": "see website",
    "regional": "in your region",
    "region_ask": "In which municipality do you work? Enter = only the national numbers",
    "region_why": (
        "Then you also see help in your region, after the national numbers. This is about where you work, not where "
        "the person lives. Nothing is saved."
    ),
    "region_chosen": "Region: {region}.",
    "region_unknown": "No region for '{municipality}'. Known: {known}. Type another, or Enter for national only.",
    "regions.municipalities": "Municipalities",
    "regions.owner": "Kept by",
    "regions.corrections": "Corrections",
    "regions.current": "{n} contact(s); oldest source read on {date}",
    "regions.empty": "no regional contacts yet: the national lines apply",
    "regions.contact": "- {name} · source: {source} (read on {date})",
    "regions.none": "No regions here (pathways/regions/ID.yaml): only the national contacts are used.",
    "stale.none": "No contact was verified {days} or more days ago.",
    "stale.national": "national contacts",
    "stale.age": "source read on {date} ({age} days ago)",
    "unused": "Not used (not asked on this route)",
    "incomplete": "Not complete yet. Next question",
    "saved": "Answers saved to {path} (choices only).",
    "answers": "Answers",
    "source": "source",
    "old_source": (
        "Old source (a page from {date}): check on the website that this is still right before you pass it on."
    ),
    "ended_hint": "Give one answer per line, or use `samen-refer route`.",
    "handout_why": (
        "A handout is a file with the organisations from the advice, to print or pass on. It holds no answers."
    ),
    "handout_why_helper": (
        "A handout for yourself: the whole advice, every step with what to say and why, and every fact about the "
        "organisations. It holds the answers: keep it for yourself."
    ),
    "handout_no_back": (
        "Going back is not possible here. Type a file name, Enter for the suggested name, or q for no handout."
    ),
    "handout_none": "No handout was made.",
    "handout_name": "File name (.html, .txt or .md). Enter = {path}",
    "handout_extension": "'{name}' will not do: the name must end in .html, .txt or .md.",
    "handout_no_folder": "The folder {folder} does not exist. Type another name.",
    "handout_exists": "{path} already exists. Replace it? 1 = yes, 2 = no",
    "handout_failed": "Could not save to {path} ({reason}). Type another name.",
    "handout_not_safe_person": (
        "No handout for the person: it is not safe now to give anything on paper or in a file."
    ),
    "handout_not_safe": "No handout: it is not safe now to give anything on paper or in a file.",
    "handout_written": "Handout saved to {path} (readable by you only).",
    "summary": "Summary",
    "call_now": "To call",
    "more_steps": "There are {n} more steps. See --details or the handout for yourself.",
    "more_steps_one": "There is {n} more step. See --details or the handout for yourself.",
    "more_steps_menu": "There are {n} more steps. Type 1 to read them.",
    "more_steps_menu_one": "There is {n} more step. Type 1 to read it.",
    "all_steps": "All steps",
    "menu_title": "What do you want to do now?",
    "menu.1": "read all steps (with what to say and why)",
    "menu.2": "handout for yourself (the whole advice, with the answers)",
    "menu.3": "handout for the person (only the organisations)",
    "menu.q": "stop",
    "menu_why": (
        "1 shows every step of the advice here, with what you can say and why. 2 and 3 save a file: for yourself, "
        "with the whole advice and the answers; or for the person, with only the organisations. q stops; the advice "
        "stays on the screen."
    ),
    "menu_no_back": "Going back is not possible here: the questions are done. To change an answer, start again.",
    "menu_unknown_3": "That will not do. Type 1, 2, 3 or q. Or: ? = why.",
    "menu_unknown_2": "That will not do. Type 1, 2 or q. Or: ? = why.",
    "details_hint": "Read everything (what to say, why, every fact): --details, or the handout for yourself.",
    "interrupt_title": "SAFETY FIRST: do this now",
    "interrupt_go_on": "Go on with the questions? 1 = yes, 2 = no (stop)",
    "interrupt_why": "This is urgent. Call first. Then you can go on with the questions.",
    "interrupt_stopped": "Stopped. The advice above stays on screen. Nothing was saved.",
    "yes_no": "That will not do. Type 1 (yes) or 2 (no). Or: ? = why, b = back, q = quit.",
    "earlier": "Chosen before: {label}",
    "confirm_quit": "Stop? Your answers are not kept. 1 = yes, stop, 2 = no, go on",
    "no_contacts": "No contacts found.",
    "interrupted_saved": "stopped (Ctrl-C). Only the answers were saved, in {path}; nothing else was saved.",
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
    "answer-conflict": "two different answers to '{question}': {first} and {second}",
    "answer-conflict.hint": "Give one answer per question.",
    "no-pathways-dir": "pathways directory '{root}' does not exist",
    "no-pathways-dir.hint": "Check the --pathways path.",
    "pathways-dir-is-file": "'{root}' is a file, not a pathways directory",
    "pathways-dir-is-file.hint": "Give the directory that holds the pathway files.",
    "no-pathway": "there is no pathway '{pathway}' in {root}",
    "no-pathway.hint": "Available pathways: {known}. `samen-refer pathways` lists them.",
    "no-region": "there is no region '{region}' in {folder}",
    "no-region.hint": "Available regions: {known}. `samen-refer regions` lists them.",
    "region-import": "{problem}{more}",
    "region-import.hint": "Nothing was written. Fix the CSV and import it again.",
    "region-import-empty": (
        "'{file}' has no contacts: importing it would remove the {n} contact(s) of region '{region}'; nothing was "
        "written"
    ),
    "region-import-empty.hint": "Add --allow-empty if the region is to have no contacts of its own.",
    "incomplete": "the answers do not reach advice yet: question '{question}' is not answered",
    "incomplete.hint": (
        "Answer every question on the route; `samen-refer route --answers FILE` shows which one is next."
    ),
    "handout-needs-answers": "a handout needs the answers: give --answers FILE",
    "handout-needs-answers.hint": "Save them with `samen-refer start --save FILE`, or write lines like `danger: no`.",
    "handout-not-safe": "no handout: it is not safe now to give anything on paper or in a file; nothing was written",
    "handout-not-safe.hint": (
        "Make it later, when you can talk safely. Until then, the person can remember one number. A handout for "
        "yourself is fine: --audience helper."
    ),
    "no-scenario": "there is no scenario '{scenario}'",
    "no-scenario.hint": "`samen-refer scenarios list` shows each scenario's number and title. Give its number (17), "
    "its short id (s17) or its full id.",
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
    "too-many-routes": "pathway '{pathway}' has {total} routes, more than the {limit} diff compares one by one",
    "too-many-routes.hint": "`samen-refer routes --count` shows how many there are; see README, 'Limits'.",
    "diff-too-complex": (
        "pathway '{pathway}' is too complex to compare: the blocks this change involves apply in more different"
        " combinations than the {limit} diff works out"
    ),
    "diff-too-complex.hint": (
        "Compare smaller changes, or let fewer questions decide the advice together; see README, 'Limits'."
    ),
    "routes-too-many": "pathway '{pathway}' has {total} routes; routes lists at most {limit}",
    "routes-too-many.hint": "Use --limit N to list the first N, or --count to count them; see README, 'Limits'.",
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
    "template-error": "{file}:{line}: error: {reason} [template-error]",
    "template-error.hint": "Fix the template; templates/README.md describes what each template gets.",
    "template-slow": (
        "{file}:{line}: error: the template works more than {seconds} s (a loop without end?) [template-slow]"
    ),
    "template-slow.hint": "Fix the template in the --templates folder.",
    "no-such-path": "'{path}' does not exist",
    "no-such-path.hint": "Give two pathway files, or two pathways directories.",
    "not-in-git": "'{folder}' is not in a git work tree, so --base has nothing to compare with",
    "not-in-git.hint": "Run it inside a git checkout, or give OLD and NEW as two paths.",
    "git-refused": "git cannot read the git work tree of '{folder}': {reason}",
    "git-refused.hint": "Do what git asks (see its words above), or give OLD and NEW as two paths.",
    "diff-base-empty": "--base needs a commit, branch or tag; it was given empty",
    "diff-base-empty.hint": "For example: samen-refer diff --base main pathways",
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
    "too-complex": "{problem}",
    "too-complex.hint": "Let fewer questions decide the advice together, or split the pathway; see README, 'Limits'.",
    "region-ask-start": "--region ask works only with `samen-refer start`, which asks in which municipality you work",
    "region-ask-start.hint": "Give a region id (`samen-refer regions` lists them), or leave out --region.",
    "regions-unreadable": "cannot read the regions folder '{folder}': {reason}",
    "regions-unreadable.hint": "Check its permissions.",
    "folder-unreadable": "cannot read the scenarios folder '{folder}': {reason}",
    "folder-unreadable.hint": "Check its permissions.",
    "save-names-folder": "'{path}' names a folder, not a file",
    "save-names-folder.hint": "Give a file name to save to.",
    "save-unknown-home": "cannot save '{path}': the home folder '{home}' is not known here; nothing was written",
    "save-unknown-home.hint": "Did you mean '~/' (your own home folder)? Or give the whole name of the folder.",
    "file-exists": "'{path}' already exists; nothing was written",
    "file-exists.hint": "Give another file name, or add --force to replace it.",
    "file-exists-kept": "'{path}' already exists; nothing was written",
    "file-exists-kept.hint": "It was kept as it was; make the handout later with `samen-refer handout -o FILE`.",
    "save-link": "'{path}' is a symbolic link, not a regular file; samen-refer writes only regular files",
    "save-link.hint": "Leave out -o to print to the screen, or give the name of an ordinary file.",
    "save-device": "'{path}' is a device, pipe or socket, not a regular file; samen-refer writes only regular files",
    "save-device.hint": "Leave out -o to print to the screen, or give the name of an ordinary file.",
    "save-os": "cannot save '{path}': {reason}; nothing was written",
    "save-os.hint": "Save somewhere else.",
    "save-os-full": "cannot save '{path}': {reason}; nothing was written",
    "save-os-full.hint": "The disk is full: make room, or save somewhere else.",
    "save-os-quota": "cannot save '{path}': {reason}; nothing was written",
    "save-os-quota.hint": "Your disk quota is full: make room, or save somewhere else.",
    "save-os-long-name": "cannot save '{path}': {reason}; nothing was written",
    "save-os-long-name.hint": "Give a shorter file name.",
    "save-os-denied": "cannot save '{path}': {reason}; nothing was written",
    "save-os-denied.hint": "You may not write there: save somewhere you may write.",
    "save-os-not-permitted": "cannot save '{path}': {reason}; nothing was written",
    "save-os-not-permitted.hint": "You may not replace that file: save somewhere you may write.",
    "save-os-read-only": "cannot save '{path}': {reason}; nothing was written",
    "save-os-read-only.hint": "That disk is read-only: save somewhere else.",
    "site-not-empty": "folder '{path}' is not empty; nothing was written",
    "site-not-empty.hint": (
        "Give a new or empty folder, or add --force to write the guide's files into it (other files stay as they are)."
    ),
    "site-not-folder": "'{path}' exists and is not a folder; nothing was written",
    "site-not-folder.hint": "Give the name of a new or empty folder for the guide's files.",
    "site-link": "'{path}' is a symbolic link, not a folder; samen-refer writes only into ordinary folders",
    "site-link.hint": "Give the name of the folder itself, or of a new one.",
    "site-file-in-the-way": (
        "'{path}' is a folder, a symbolic link or a device, not a regular file; samen-refer replaces only regular "
        "files, so nothing was written"
    ),
    "site-file-in-the-way.hint": "Move it out of the way, or give another folder for the guide.",
    "web-site-and-output": "give --site DIR or -o FILE, not both",
    "web-site-and-output.hint": (
        "--site writes the guide as a website to publish (a folder); -o writes the single page to pass on."
    ),
    "web-practice-and": "give --practice or {option}, not both",
    "web-practice-and.hint": (
        "--practice makes the practice page with the scenarios, each in its own region; leave {option} out."
    ),
    "web-practice-none": "pathway '{pathway}' has no scenarios in {folder}, so there is nothing to practise",
    "web-practice-none.hint": "Add a scenario for it (see `samen-refer scenarios list`), or choose another pathway.",
    "template-unreadable": "template '{path}' cannot be read: {reason}",
    "template-unreadable.hint": "The --templates folder may hold only template files.",
    "template-not-regular": "'{path}' is not a regular file (a pipe, device or socket)",
    "template-not-regular.hint": "The --templates folder may hold only template files.",
    "template-too-large": "'{path}' is too large ({size} bytes)",
    "template-too-large.hint": "Templates are at most {max_bytes} bytes each, at most {max_files} files.",
    "templates-too-many": "'{folder}' holds more than {max_files} files",
    "templates-too-many.hint": "Templates are at most {max_bytes} bytes each, at most {max_files} files.",
    "template-recursion": "template '{template}' includes itself, or nests blocks and macros too deeply",
    "template-recursion.hint": "Fix the template in the --templates folder.",
    "template-memory": "template '{template}' needs more than {mib} MiB of memory (a loop without end?)",
    "template-memory.hint": "Fix the template in the --templates folder.",
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
