"""Keeping the social map current: which contacts were last verified too long ago, grouped by who keeps them.

``contacts --stale`` prints the groups; ``.github/workflows/stale-contacts.yml`` turns each group into one issue for
its owner (``issue_title``, ``issue_body``) with ``python -m samen_refer.checks.stale --update-issues``. National
contacts are kept by the maintainers of samen-refer. The owners are Dutch municipalities and organisations, so an
issue says it in Dutch first, then in English; its words are in the gettext catalogues (context ``issue.*``).

Every text from the YAML in an issue (owner, contact names, sources) is escaped for Markdown and HTML and cannot
mention anyone (``engine.markdown``). Next month the workflow finds the owner's issue again only among the issues
that its own account opened with the label ``stale-contacts`` (which only people with triage access can set), by
the marker on the last line of the body, which the workflow wrote (``plan_issues``): an issue anyone else opened,
or a marker inside a text, is never taken for it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Final, NamedTuple

from samen_refer.engine.markdown import markdown_text
from samen_refer.format.contact import Contact, Directory
from samen_refer.format.language import pick
from samen_refer.format.region import Region
from samen_refer.i18n.translation import Words

STALE_DAYS: Final = 365
STALE_LABEL: Final = "stale-contacts"  # on every issue the workflow opens; it looks only at issues with it
# The workflow's own account as `gh issue list --json author` spells it (cli/cli api/queries_issue.go marshals a bot
# as {"is_bot": true, "login": "app/github-actions"}), and as the REST API does. No person's login can hold `/`
# or `[`, so nobody else can open an issue under either name.
WORKFLOW_AUTHORS: Final = frozenset({"app/github-actions", "github-actions[bot]"})
ISSUE_LANGUAGES: Final = ("nl", "en")  # Dutch first: the owners are Dutch municipalities and organisations

_STALE_WORDS: Final = Words(
    "issue",
    {
        "maintainers": "The samen-refer maintainers",
        "title": "Check {n} contact(s) of {where}",
        "region": "region {region}",
        "national": "national contacts",
        "ask": "The sources of these contacts were last read {days} or more days ago. Is everything still right? "
        "Please read each source again, correct what changed, and write today's date in `verified`. Never guess a "
        "phone number or opening hours: leave out what you cannot verify. Thank you: this is how people find the "
        "right help.",
        "kept": "Kept by",
        "table": "| contact | source read on | days ago | source | file |",
        "other": "English below.",
    },
)


class StaleContact(NamedTuple):
    """A contact whose facts were read ``age`` days ago, in ``file``."""

    contact: Contact
    file: str
    age: int


class OwnerGroup(NamedTuple):
    """The stale contacts one owner keeps, and how to reach that owner."""

    owner: str
    region: str | None  # None: the national contacts
    corrections: str
    contacts: tuple[StaleContact, ...]


def _stale(contacts: Iterable[Contact], file: str, today: datetime.date, days: int) -> tuple[StaleContact, ...]:
    out = []
    for contact in contacts:
        age = (today - datetime.date.fromisoformat(contact.verified)).days
        if age >= days:
            out.append(StaleContact(contact, file, age))
    return tuple(sorted(out, key=lambda s: (-s.age, s.contact.id)))


def stale_groups(
    directory: Directory, regions: Sequence[Region], today: datetime.date, days: int = STALE_DAYS, lang: str = "en"
) -> list[OwnerGroup]:
    """Every contact verified ``days`` or more days ago, national first, then per region; empty groups left out."""
    groups = [
        OwnerGroup(_STALE_WORDS("maintainers", lang), None, "", _stale(directory.contacts, directory.path, today, days))
    ]
    for region in regions:
        owner = region.owner
        reach = " ".join(x for x in (pick(owner.corrections, lang), owner.url or "", owner.email or "") if x)
        contacts = _stale((c.contact for c in region.contacts), region.path, today, days)
        groups.append(OwnerGroup(pick(owner.name, lang), region.id, reach, contacts))
    return [g for g in groups if g.contacts]


def issue_title(group: OwnerGroup) -> str:
    """The title of the issue for one owner, in Dutch, then in English."""

    def title(lang: str) -> str:
        where = _STALE_WORDS("region", lang, region=group.region) if group.region else _STALE_WORDS("national", lang)
        return _STALE_WORDS("title", lang, n=len(group.contacts), where=where)

    return " / ".join(title(lang) for lang in ISSUE_LANGUAGES)


def issue_body(groups: Sequence[OwnerGroup], days: int = STALE_DAYS) -> str:
    """The body of the issue for one owner (Markdown): what to do and each contact with its age, source and file,
    in Dutch, then in English. ``groups`` is that owner's group in each of ``ISSUE_LANGUAGES``, in that order."""
    sections = []
    for lang, group in zip(ISSUE_LANGUAGES, groups, strict=True):
        lines = [f"_{_STALE_WORDS('other', lang)}_", ""] if lang == ISSUE_LANGUAGES[0] else []
        owner = markdown_text(group.owner)  # from the YAML, like every text below but the ids, dates and file names
        corrections = markdown_text(group.corrections)
        lines += [
            _STALE_WORDS("ask", lang, days=days),
            "",
            f"{_STALE_WORDS('kept', lang)}: {owner}" + (f" ({corrections})" if corrections else ""),
            "",
            _STALE_WORDS("table", lang),
            "| --- | --- | --- | --- | --- |",
        ]
        for item in group.contacts:
            c = item.contact
            name, source = markdown_text(pick(c.name, lang)), markdown_text(c.source)
            lines.append(f"| `{c.id}` {name} | {c.verified} | {item.age} | {source} | `{item.file}` |")
        sections.append("\n".join(lines) + "\n")
    return "\n---\n\n".join(sections)


def issues(root: Path | None, today: datetime.date, days: int = STALE_DAYS) -> list[dict[str, str]]:
    """One issue (title and body) per owner with stale contacts, for the monthly workflow; ``key`` is the marker on the
    last line of the body by which the workflow finds that owner's open issue, to update it instead of opening
    another (``plan_issues``)."""
    from samen_refer.checks.load import open_contacts, open_regions
    from samen_refer.format.library import Library

    library = Library.open(root)
    directory, regions = open_contacts(library), open_regions(library)
    per_lang = [stale_groups(directory, regions, today, days, lang) for lang in ISSUE_LANGUAGES]
    out = []
    for groups in zip(*per_lang, strict=True):
        key = f"samen-refer-stale:{groups[0].region or 'national'}"  # finds this owner's open issue next month
        body = f"{issue_body(groups, days)}\n{_marker(key)}\n"
        out.append({"key": key, "owner": groups[0].owner, "title": issue_title(groups[0]), "body": body})
    return out


def _marker(key: str) -> str:
    return f"<!-- {key} -->"


class OpenIssue(NamedTuple):
    """An open issue as ``gh issue list --json number,author,labels,body`` lists it."""

    number: int
    author: str
    labels: frozenset[str]
    body: str


class IssueAction(NamedTuple):
    """What the workflow does for one owner: open an issue (``number`` is None) or update that one."""

    number: int | None
    key: str
    title: str
    body: str


def open_issues(listed: object) -> list[OpenIssue]:
    """The issues in ``gh issue list --json number,author,labels,body`` output (already parsed from JSON)."""
    if not isinstance(listed, list):
        raise ValueError(f"gh issue list gave {type(listed).__name__}, not a list")
    out = []
    for item in listed:
        if not isinstance(item, Mapping):
            raise ValueError(f"gh issue list gave {type(item).__name__}, not an issue")
        author = item.get("author")
        labels = item.get("labels")
        number, body = item.get("number"), item.get("body")
        if not isinstance(number, int) or not isinstance(body, str) or not isinstance(labels, list):
            raise ValueError(f"gh issue list gave an issue without number, body or labels: {sorted(item)}")
        login = author.get("login") if isinstance(author, Mapping) else None  # None: a deleted account
        names = frozenset(x["name"] for x in labels if isinstance(x, Mapping) and isinstance(x.get("name"), str))
        out.append(OpenIssue(number, login if isinstance(login, str) else "", names, body))
    return out


def own_key(issue: OpenIssue) -> str | None:
    """The key of one of the workflow's own issues: the marker on the last line of the body of an issue that the
    workflow's account opened and that has the label. ``None`` for every other issue, whatever its body says."""
    if issue.author not in WORKFLOW_AUTHORS or STALE_LABEL not in issue.labels:
        return None
    lines = issue.body.strip().splitlines()  # GitHub may store an edited body with CRLF
    last = lines[-1].strip() if lines else ""
    if last.startswith("<!-- samen-refer-stale:") and last.endswith(" -->"):
        return last.removeprefix("<!-- ").removesuffix(" -->")
    return None


def plan_issues(listed: Sequence[OpenIssue], wanted: Sequence[Mapping[str, str]]) -> list[IssueAction]:
    """For each owner's issue in ``wanted`` (from ``issues``): update the workflow's own open issue with its key (the
    oldest, if there are more), or open one."""
    mine: dict[str, int] = {}
    for issue in sorted(listed, key=lambda i: i.number):
        key = own_key(issue)
        if key is not None:
            mine.setdefault(key, issue.number)
    return [IssueAction(mine.get(w["key"]), w["key"], w["title"], w["body"]) for w in wanted]


# `gh` with its arguments and what goes to its standard input; gives what it printed.
Gh = Callable[[Sequence[str], str | None], str]


def update_issues(wanted: Sequence[Mapping[str, str]], gh: Gh) -> list[IssueAction]:
    """Make sure the label exists, list the open issues with it, and open or update one issue per owner."""
    import json

    gh(["label", "create", STALE_LABEL, "--force", "--color", "FBCA04", "--description", "Contacts to verify"], None)
    listing = ["--label", STALE_LABEL, "--state", "open", "--limit", "1000", "--json", "number,author,labels,body"]
    listed = gh(["issue", "list", *listing], None)
    actions = plan_issues(open_issues(json.loads(listed)), wanted)
    for action in actions:
        text = ["--title", action.title, "--body-file", "-"]  # the body on stdin: no limit on an argument's length
        if action.number is None:
            gh(["issue", "create", *text, "--label", STALE_LABEL], action.body)
        else:
            gh(["issue", "edit", str(action.number), *text], action.body)
    return actions


def _run_gh(args: Sequence[str], stdin: str | None) -> str:
    import subprocess

    done = subprocess.run(["gh", *args], input=stdin, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"gh {' '.join(args[:2])} failed (exit {done.returncode}): {done.stderr.strip()}")
    return done.stdout


def main(argv: Sequence[str] | None = None, gh: Gh = _run_gh) -> int:
    """``python -m samen_refer.checks.stale [--pathways DIR] [--days N] [--update-issues]``: the issues as JSON on
    stdout; with ``--update-issues``, open or update them on GitHub with ``gh`` (GH_TOKEN and GH_REPO set)."""
    import argparse
    import json
    import sys

    parser = argparse.ArgumentParser(prog="python -m samen_refer.checks.stale", description=main.__doc__)
    parser.add_argument("--pathways", type=Path, default=None)
    parser.add_argument("--days", type=int, default=STALE_DAYS)
    parser.add_argument("--update-issues", action="store_true", help="open or update one issue per owner with gh")
    args = parser.parse_args(argv)
    wanted = issues(args.pathways, datetime.date.today(), args.days)
    if not args.update_issues:
        print(json.dumps(wanted, ensure_ascii=False, indent=2))
        return 0
    try:
        actions = update_issues(wanted, gh)
    except (RuntimeError, ValueError) as error:  # json.JSONDecodeError is a ValueError
        print(f"stale-contacts: {error}", file=sys.stderr)
        return 1
    for action in actions:
        print(f"{action.key}: " + ("opened" if action.number is None else f"updated #{action.number}"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
