"""Keeping the map current: stale contacts by owner, the monthly issue body, and the regions list."""

from __future__ import annotations

import datetime
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from samen_refer.checks.load import open_contacts, open_regions
from samen_refer.checks.stale import (
    IssueAction,
    OpenIssue,
    OwnerGroup,
    StaleContact,
    issue_body,
    issue_title,
    main,
    open_issues,
    plan_issues,
    stale_groups,
)
from samen_refer.cli.app import app
from samen_refer.format.contact import Contact
from samen_refer.format.library import Library
from tests.conftest import REPO

PATHWAYS = REPO / "pathways"


def test_regions_lists_six_with_owners_and_municipalities() -> None:
    result = CliRunner().invoke(app, ["regions", "--lang", "en"])
    assert result.exit_code == 0, result.output
    heads = [line for line in result.output.splitlines() if not line.startswith(" ")]
    assert heads == [
        "amsterdam: Amsterdam and surroundings",
        "arnhem: Arnhem",
        "den-haag: The Hague",
        "nijmegen: Nijmegen",
        "rotterdam: Rotterdam",
        "utrecht: Utrecht",
    ]
    owners = [line for line in result.output.splitlines() if line.startswith("   Kept by: ")]
    assert owners == ["   Kept by: The samen-refer maintainers (not a regional organisation)"] * 6
    assert "   Municipalities: Amsterdam, Aalsmeer, Amstelveen, Diemen, Ouder-Amstel, Uithoorn" in result.output
    assert "   1 contact(s); oldest source read on 2026-11-28" in result.output
    assert "   no regional contacts yet: the national lines apply" not in result.output  # issue 23: each has one


def test_regions_shows_each_regions_contacts_with_their_source_and_marks_an_old_one() -> None:
    # issue 23: every region has a sourced local contact; an old source (a page from before 2021) says so
    result = CliRunner().invoke(app, ["regions", "--lang", "en"], env={"COLUMNS": "400"})
    per_region: dict[str, list[str]] = {}
    region = ""
    for line in result.output.splitlines():
        if not line.startswith(" "):
            region = line.split(":", 1)[0]
        elif line.startswith("   - "):
            per_region.setdefault(region, []).append(line)
    assert sorted(per_region) == ["amsterdam", "arnhem", "den-haag", "nijmegen", "rotterdam", "utrecht"]
    assert all(" · source: https://" in line for lines in per_region.values() for line in lines)
    lines = result.output.splitlines()
    csg = lines.index(
        "   - Sexual Assault Centre (Centrum Seksueel Geweld) Rotterdam-Rijnmond · source: "
        "https://www.arosa-zhz.nl/nieuws-65-rotterdam-heeft-een-centrum-seksueel-geweld (read on 2026-12-05)"
    )
    assert lines[csg + 1] == (
        "     Old source (a page from 2016): check on the website that this is still right before you pass it on."
    )
    assert sum(line.startswith("     Old source (a page from ") for line in lines) == 3


def test_regions_in_dutch() -> None:
    result = CliRunner().invoke(app, ["regions", "--lang", "nl"])
    assert "   Gemeenten: Nijmegen" in result.output
    assert "   Bijgehouden door: De makers van samen-refer (geen regionale organisatie)" in result.output


def test_stale_with_zero_days_lists_every_contact_by_owner() -> None:
    library = Library.open(PATHWAYS)
    result = CliRunner().invoke(app, ["contacts", "--stale", "--days", "0", "--lang", "en"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    heads = [line for line in lines if not line.startswith(" ")]
    national = len(open_contacts(library).contacts)
    assert heads == [
        f"The samen-refer maintainers (national contacts): {national}",
        "The samen-refer maintainers (not a regional organisation) (amsterdam): 3",
        "The samen-refer maintainers (not a regional organisation) (arnhem): 1",
        "The samen-refer maintainers (not a regional organisation) (den-haag): 3",
        "The samen-refer maintainers (not a regional organisation) (nijmegen): 1",
        "The samen-refer maintainers (not a regional organisation) (rotterdam): 3",
        "The samen-refer maintainers (not a regional organisation) (utrecht): 4",
    ]
    listed = {line.split(" \u00b7 ")[0].removeprefix("   - ") for line in lines if line.startswith("   - ")}
    every = {c.id for c in open_contacts(library).contacts} | {
        c.contact.id for r in open_regions(library) for c in r.contacts
    }
    assert listed == every


def test_nothing_is_stale_within_a_long_time() -> None:
    result = CliRunner().invoke(app, ["contacts", "--stale", "--days", "100000", "--lang", "en"])
    assert result.output == "No contact was verified 100000 or more days ago.\n"


def test_stale_groups_cut_at_the_day() -> None:
    library = Library.open(PATHWAYS)
    today = datetime.date(2027, 11, 28)  # exactly 365 days after the shipped sources were read
    groups = stale_groups(open_contacts(library), open_regions(library), today, 365)
    assert [g.region for g in groups] == [None, "amsterdam", "arnhem", "den-haag", "nijmegen"]
    assert [c.contact.id for c in groups[1].contacts] == [
        "zorgbus-amsterdam",
        "zorgcafe-amsterdam",
    ]  # the GGD consultation and Utrecht's Moviera were read on 2026-12-05: 358 days


def test_the_issue_for_one_owner_is_in_dutch_then_in_english() -> None:
    contact = Contact(
        "zorgbus",
        {"nl": "Zorgbus | Hier", "en": "Care bus"},
        {"nl": "x", "en": "x"},
        "2025-01-02",
        "https://example.org/a",
    )
    stale = (StaleContact(contact, "regions/here.yaml", 400),)
    groups = [
        OwnerGroup("GGD Hier", "here", "Mail ons. kaart@example.org", stale),
        OwnerGroup("GGD Here", "here", "Mail us. kaart@example.org", stale),
    ]
    assert issue_title(groups[0]) == "Controleer 1 organisatie(s) van regio here / Check 1 contact(s) of region here"
    assert issue_body(groups, 365) == (
        "_Hieronder staat dezelfde tekst in het Engels (English below)._\n"
        "\n"
        "We hebben de bronnen van deze organisaties 365 dagen of langer geleden voor het laatst gelezen. Klopt alles "
        "nog? Lees elke bron opnieuw. Verander wat niet meer klopt, en zet dan de datum van vandaag bij `verified`. "
        "Raad nooit een telefoonnummer of openingstijden: wat je niet zeker weet, laat je weg. Dank je wel! Zo vinden "
        "mensen de juiste hulp.\n"
        "\n"
        "Bijgehouden door: GGD Hier (Mail ons. kaart@\u200bexample.org)\n"  # no @ from the YAML mentions anyone
        "\n"
        "| organisatie | bron gelezen op | dagen geleden | bron | bestand |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| `zorgbus` Zorgbus \\| Hier | 2025-01-02 | 400 | https://example.org/a | `regions/here.yaml` |\n"
        "\n"
        "---\n"
        "\n"
        "The sources of these contacts were last read 365 or more days ago. Is everything still right? Please read "
        "each source again, correct what changed, and write today's date in `verified`. Never guess a phone number "
        "or opening hours: leave out what you cannot verify. Thank you: this is how people find the right help.\n"
        "\n"
        "Kept by: GGD Here (Mail us. kaart@\u200bexample.org)\n"
        "\n"
        "| contact | source read on | days ago | source | file |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| `zorgbus` Care bus | 2025-01-02 | 400 | https://example.org/a | `regions/here.yaml` |\n"
    )


def test_the_national_contacts_are_kept_by_the_maintainers_in_both_languages() -> None:
    library = Library.open(PATHWAYS)
    today = datetime.date(2030, 1, 1)
    owners = [stale_groups(open_contacts(library), [], today, lang=lang)[0].owner for lang in ("nl", "en")]
    assert owners == ["De makers van samen-refer", "The samen-refer maintainers"]


def test_regions_where_there_are_none() -> None:
    result = CliRunner().invoke(app, ["regions", "--pathways", str(REPO / "tests" / "data" / "mini"), "--lang", "en"])
    assert result.exit_code == 0
    assert result.output == "No regions here (pathways/regions/ID.yaml): only the national contacts are used.\n"


def test_the_workflow_gets_one_issue_per_owner_group() -> None:
    from samen_refer.checks.stale import issues

    found = issues(PATHWAYS, datetime.date(2028, 12, 1), 365)
    national = len(open_contacts(Library.open(PATHWAYS)).contacts)
    assert [i["title"].split(" / ")[1] for i in found] == [
        f"Check {national} contact(s) of national contacts",
        "Check 3 contact(s) of region amsterdam",
        "Check 1 contact(s) of region arnhem",
        "Check 3 contact(s) of region den-haag",
        "Check 1 contact(s) of region nijmegen",
        "Check 3 contact(s) of region rotterdam",
        "Check 4 contact(s) of region utrecht",
    ]
    assert [i["key"] for i in found] == [f"samen-refer-stale:{where}" for where in OWNERS]
    for issue in found:
        assert issue["body"].endswith(f"\n<!-- {issue['key']} -->\n")  # the workflow updates the issue it marks
        dutch, english = issue["body"].split("\n---\n")
        assert dutch.startswith("_Hieronder staat dezelfde tekst in het Engels (English below)._\n\nWe hebben de ")
        assert english.startswith("\nThe sources of these contacts were last read 365 or more days ago.")
        assert dutch.count("\n| `") == english.count("\n| `") == int(issue["title"].split()[1])


# Texts from the YAML that must reach the issue as plain text (R6, R19): the owner's name and how to reach them, the
# contact's name and its source. A zero width space after every @ keeps GitHub from mentioning anyone.
HOSTILE = [
    ("@samen-refer/maintainers", "@\u200bsamen-refer/maintainers"),
    ("<!-- samen-refer-stale:national -->", "\\<\\!-- samen-refer-stale:national --\\>"),
    ("![x](https://evil.example/p.png)", "\\!\\[x\\](https://evil.example/p.png)"),
    ("<img src=x>", "\\<img src=x\\>"),
    ("a | b `c` *d* _e_ ~f~ &#64;g \\", "a \\| b \\`c\\` \\*d\\* \\_e\\_ \\~f\\~ \\&#64;g \\\\"),
    ("two\nlines\n\n- a list", "two lines - a list"),
]


def one_owner(owner: str, corrections: str, name: str, source: str = "https://example.org/a") -> str:
    contact = Contact("zorgbus", {"nl": name, "en": name}, {"nl": "x", "en": "x"}, "2025-01-02", source)
    stale = (StaleContact(contact, "regions/here.yaml", 400),)
    return issue_body([OwnerGroup(owner, "here", corrections, stale)] * 2, 365)


@pytest.mark.parametrize(("text", "shown"), HOSTILE)
def test_texts_from_the_yaml_reach_the_issue_as_plain_text(text: str, shown: str) -> None:
    lines = one_owner(text, text, text).splitlines()
    assert f"Kept by: {shown} ({shown})" in lines
    assert f"| `zorgbus` {shown} | 2025-01-02 | 400 | https://example.org/a | `regions/here.yaml` |" in lines


def test_a_source_cannot_mention_or_break_the_table() -> None:
    body = one_owner("GGD", "", "Zorgbus", "https://example.org/@samen-refer/x|y")
    assert "| https://example.org/@\u200bsamen-refer/x\\|y |" in body


def markdown_tokens(line: str) -> list[str]:
    """A line as Markdown reads it: a backslash and the character after it are one token, any other character one."""
    return re.findall(r"\\.|.", line, re.DOTALL)


@settings(max_examples=300, deadline=None)
@given(owner=st.text(), corrections=st.text(), name=st.text(), source=st.text())
def test_no_text_from_the_yaml_becomes_markup_a_mention_or_a_marker(
    owner: str, corrections: str, name: str, source: str
) -> None:
    for line in one_owner(owner, corrections, name, source).splitlines():
        assert "<!--" not in line
        assert not re.search("@[^\u200b]", line), line  # never @ followed by a name character
        if line.startswith(("Kept by: ", "Bijgehouden door: ", "| `")):  # the lines with texts from the YAML
            tokens = markdown_tokens(line)
            assert not {"<", ">", "[", "]", "!", "*", "_", "&"} & set(tokens), line  # no tag, link, image, entity
            if line.startswith("| `"):
                assert tokens.count("|") == 6 and tokens.count("`") == 4, line  # still five cells, two code spans


# The workflow's matching (R6): only the workflow's own labelled issues count, by the marker on their last line.
BOT = "app/github-actions"
LABEL = frozenset({"stale-contacts"})
NATIONAL = "samen-refer-stale:national"


def wanted(*keys: str) -> list[dict[str, str]]:
    return [{"key": k, "owner": "o", "title": f"title {k}", "body": f"body\n<!-- {k} -->\n"} for k in keys]


@pytest.mark.parametrize(
    ("listed", "number"),
    [
        ([], None),
        ([OpenIssue(1, BOT, LABEL, "list\n<!-- samen-refer-stale:national -->\n")], 1),
        ([OpenIssue(1, "github-actions[bot]", LABEL, "list\r\n<!-- samen-refer-stale:national -->")], 1),
        ([OpenIssue(1, "outsider", LABEL, "<!-- samen-refer-stale:national -->")], None),  # anyone else's issue
        ([OpenIssue(1, "a-maintainer", LABEL, "<!-- samen-refer-stale:national -->")], None),
        ([OpenIssue(1, "", LABEL, "<!-- samen-refer-stale:national -->")], None),  # a deleted account
        ([OpenIssue(1, BOT, frozenset(), "<!-- samen-refer-stale:national -->")], None),  # the label was taken off
        ([OpenIssue(1, BOT, LABEL, "<!-- samen-refer-stale:national -->\n<!-- samen-refer-stale:nijmegen -->")], None),
        ([OpenIssue(1, BOT, LABEL, "<!-- samen-refer-stale:national --> and more")], None),
        ([OpenIssue(1, BOT, LABEL, "<!-- samen-refer-stale:nationalx -->")], None),
        ([OpenIssue(1, BOT, LABEL, "")], None),
        (
            [
                OpenIssue(9, "outsider", LABEL, "<!-- samen-refer-stale:national -->"),
                OpenIssue(5, BOT, LABEL, "<!-- samen-refer-stale:national -->"),
                OpenIssue(3, BOT, LABEL, "<!-- samen-refer-stale:national -->"),  # two of its own: the oldest
            ],
            3,
        ),
    ],
)
def test_the_workflow_updates_only_its_own_labelled_issue_for_that_owner(
    listed: list[OpenIssue], number: int | None
) -> None:
    [action] = plan_issues(listed, wanted(NATIONAL))
    assert action == IssueAction(number, NATIONAL, f"title {NATIONAL}", f"body\n<!-- {NATIONAL} -->\n")


def test_the_issues_gh_lists_are_read_as_they_come() -> None:
    listed = [
        {"number": 4, "author": {"is_bot": True, "login": BOT}, "labels": [{"name": "stale-contacts"}], "body": "b"},
        {"number": 5, "author": None, "labels": [], "body": ""},
    ]
    assert open_issues(listed) == [OpenIssue(4, BOT, LABEL, "b"), OpenIssue(5, "", frozenset(), "")]
    with pytest.raises(ValueError, match="not a list"):
        open_issues({"number": 4})
    with pytest.raises(ValueError, match="without number, body or labels"):
        open_issues([{"number": 4}])


# A stand-in for gh, as in the probe: it keeps the issues in a JSON file, lists open issues newest first, and the
# issues it opens are the workflow's (app/github-actions).
FAKE_GH = """
import json, sys
from pathlib import Path

store = Path(__file__).with_name("issues.json")
issues = json.loads(store.read_text(encoding="utf-8"))
args = sys.argv[1:]


def value(flag):
    return args[args.index(flag) + 1]


if args[:2] == ["issue", "list"]:
    fields = value("--json").split(",")
    listed = [i for i in reversed(issues) if value("--label") in [x["name"] for x in i["labels"]]]
    print(json.dumps([{f: i[f] for f in fields} for i in listed]))
elif args[:2] == ["issue", "create"]:
    assert value("--body-file") == "-"
    labels = [{"name": value("--label")}]
    author = {"is_bot": True, "login": "app/github-actions"}
    number = len(issues) + 1
    issues.append({"number": number, "author": author, "labels": labels, "title": value("--title"), "body": sys.stdin.read()})
elif args[:2] == ["issue", "edit"]:
    assert value("--body-file") == "-"
    issue = issues[int(args[2]) - 1]
    issue["title"], issue["body"] = value("--title"), sys.stdin.read()
elif args[:2] != ["label", "create"] or "--force" not in args:
    sys.exit(f"unexpected: {args}")
store.write_text(json.dumps(issues), encoding="utf-8")
"""


class Repository:
    """Issues kept by the stand-in gh, which is first on PATH."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.store = folder / "issues.json"
        self.store.write_text("[]", encoding="utf-8")
        gh = folder / "gh"
        gh.write_text(f"#!{sys.executable}\n{FAKE_GH}", encoding="utf-8")
        gh.chmod(0o755)
        monkeypatch.setenv("PATH", f"{folder}:{Path(sys.executable).parent}:/usr/bin:/bin")

    @property
    def issues(self) -> list[dict[str, Any]]:
        return list(json.loads(self.store.read_text(encoding="utf-8")))

    def open_by(self, author: str, labels: list[str], body: str) -> int:
        issues = self.issues
        labelled = [{"name": name} for name in labels]
        issues.append({"number": len(issues) + 1, "author": {"login": author}, "labels": labelled, "body": body})
        self.store.write_text(json.dumps(issues), encoding="utf-8")
        return len(issues)

    def month(self, pathways: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
        assert main(["--pathways", str(pathways), "--days", "0", "--update-issues"]) == 0
        return capsys.readouterr().out.splitlines()


OWNERS = ("national", "amsterdam", "arnhem", "den-haag", "nijmegen", "rotterdam", "utrecht")


def test_an_outsiders_issue_with_the_markers_never_captures_the_updates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = Repository(tmp_path, monkeypatch)
    assert repo.month(PATHWAYS, capsys) == [f"samen-refer-stale:{o}: opened" for o in OWNERS]
    markers = "<!-- samen-refer-stale:national -->\n<!-- samen-refer-stale:amsterdam -->"
    outsider = repo.open_by("outsider", [], f"Hello\n{markers}")
    labelled = repo.open_by("outsider", ["stale-contacts"], f"Hello\n{markers}\n<!-- samen-refer-stale:national -->")
    assert repo.month(PATHWAYS, capsys) == [f"samen-refer-stale:{o}: updated #{n}" for n, o in enumerate(OWNERS, 1)]
    issues = repo.issues
    assert [issues[n - 1]["body"] for n in (outsider, labelled)] == [
        f"Hello\n{markers}",
        f"Hello\n{markers}\n<!-- samen-refer-stale:national -->",
    ]
    assert [i["body"].splitlines()[-1] for i in issues[: len(OWNERS)]] == [
        f"<!-- samen-refer-stale:{o} -->" for o in OWNERS
    ]


def test_an_owners_name_with_a_marker_does_not_capture_another_owners_issue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pathways = tmp_path / "pathways"
    shutil.copytree(PATHWAYS, pathways)
    region = pathways / "regions" / "nijmegen.yaml"
    hostile = "Gemeente Nijmegen <!-- samen-refer-stale:national --> @samen-refer/maintainers ![x](https://evil.example/p.png)"
    old = "    en: The samen-refer maintainers (not a regional organisation)\n"
    text = region.read_text(encoding="utf-8")
    assert text.count(old) == 1
    region.write_text(text.replace(old, f"    en: {json.dumps(hostile)}\n"), encoding="utf-8")
    (tmp_path / "bin").mkdir()
    repo = Repository(tmp_path / "bin", monkeypatch)
    repo.month(pathways, capsys)
    assert repo.month(pathways, capsys) == [f"samen-refer-stale:{o}: updated #{n}" for n, o in enumerate(OWNERS, 1)]
    national, nijmegen = repo.issues[0], repo.issues[4]
    assert national["title"].startswith("Controleer ") and "national contacts" in national["title"]
    assert (
        "Kept by: Gemeente Nijmegen \\<\\!-- samen-refer-stale:national --\\> @\u200bsamen-refer/maintainers"
        in (nijmegen["body"])
    )
    assert "<!--" not in nijmegen["body"].removesuffix("<!-- samen-refer-stale:nijmegen -->\n")


def test_a_failing_gh_stops_the_workflow_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(args: object, stdin: object) -> str:
        raise RuntimeError("gh label create failed (exit 4): HTTP 403")

    assert main(["--pathways", str(PATHWAYS), "--days", "0", "--update-issues"], gh=refuse) == 1
    assert capsys.readouterr().err == "stale-contacts: gh label create failed (exit 4): HTTP 403\n"
