"""Keeping the map current: stale contacts by owner, the monthly issue body, and the regions list."""

from __future__ import annotations

import datetime

from typer.testing import CliRunner

from samen_refer.checks.load import open_contacts, open_regions
from samen_refer.checks.stale import OwnerGroup, StaleContact, issue_body, issue_title, stale_groups
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
    assert "   no regional contacts yet: the national lines apply" in result.output


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
        "The samen-refer maintainers (not a regional organisation) (den-haag): 1",
        "The samen-refer maintainers (not a regional organisation) (nijmegen): 1",
        "The samen-refer maintainers (not a regional organisation) (utrecht): 1",
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
        "Bijgehouden door: GGD Hier (Mail ons. kaart@example.org)\n"
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
        "Kept by: GGD Here (Mail us. kaart@example.org)\n"
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
        "Check 1 contact(s) of region den-haag",
        "Check 1 contact(s) of region nijmegen",
        "Check 1 contact(s) of region utrecht",
    ]
    assert [i["key"] for i in found] == [
        f"samen-refer-stale:{where}" for where in ("national", "amsterdam", "arnhem", "den-haag", "nijmegen", "utrecht")
    ]
    for issue in found:
        assert issue["body"].endswith(f"\n<!-- {issue['key']} -->\n")  # the workflow updates the issue it marks
        dutch, english = issue["body"].split("\n---\n")
        assert dutch.startswith("_Hieronder staat dezelfde tekst in het Engels (English below)._\n\nWe hebben de ")
        assert english.startswith("\nThe sources of these contacts were last read 365 or more days ago.")
        assert dutch.count("\n| `") == english.count("\n| `") == int(issue["title"].split()[1])
