"""Facts about organisations come only from the project's facts files, and what the person reads is plain and true.

The facts files are ``shared/facts/contacts.md`` and ``shared/facts/regions.md``, beside the clone (``../shared``, as in
CI). Every phone number and web address of ``pathways/contacts.yaml`` and ``pathways/regions/*.yaml`` must be in
them; every source too, but for the contacts named in ``SOURCES_OUTSIDE_THE_FACTS``. The other tables hold the
findings of the content review of 2026-12-05 (``shared/reviews/content-review-2026-12-05.md``) and the UX review of
the same day (``sec5``, ``sec6``: the review's sections 5 and 6): one row per finding, each of which failed on the
content before the fix.
"""

from __future__ import annotations

import os
import re
from functools import cache
from urllib.parse import urlsplit

import pytest

from samen_refer.checks.load import open_contacts, open_regions, read_pathway
from samen_refer.checks.scenarios import load_scenarios
from samen_refer.engine.route import follow, handout_safe
from samen_refer.format.contact import Contact
from samen_refer.format.language import pick
from samen_refer.format.library import Library
from samen_refer.format.pathway import Pathway
from samen_refer.format.region import Region
from samen_refer.render.handout import handout_data, render
from tests.conftest import REPO, REQUIRE_CLIENTS

PATHWAYS = REPO / "pathways"
FACTS = REPO.parent / "shared" / "facts"
FACT_FILES = ("contacts.md", "regions.md")
# The fields the person's handout prints (templates/README.md, "What each template gets"); all of them in nl and en.
PERSON_FIELDS = ("name", "does", "hours", "cost", "after_call", "interpreters")

# Contacts whose source is not (yet) in the facts files: they keep no hours, no promise and no web address.
SOURCES_OUTSIDE_THE_FACTS = {
    "huisartsenpost": "research notes of 2026-12-01 (informatielangdurigezorg.nl); no facts-file entry",
    "nidos": "research notes of 2026-12-01 (kinderbescherming.nl); no facts-file entry",
}

# What the person must no longer read: (finding, text), looked for in every contact, any case.
GONE = [
    ("N-m3", "dat hebben we niet kunnen controleren"),
    ("N-m3", "we could not verify that"),
    ("N-m3", "de tijden die we vonden zijn oud"),
    ("N-m3", "the times we found are old"),
    ("m15", "volgens politie.nl"),
    ("m15", "according to politie.nl"),
    ("N-m4", "'s avonds, 's nachts en in het weekend"),
    ("N-m4", "in the evening, at night and at the weekend"),
    ("N-m4", "in elke regio dag en nacht"),
    ("N-m4", "day and night in every region"),
    ("N-m4", "donderdagmiddag"),  # traced, but on an undated page for GPs: a live check can bring it back
    ("N-m4", "thursday afternoon"),
    ("N-m4", "de voogd altijd bellen"),
    ("N-m4", "always call their guardian"),
    ("sec6", "Federatie Somalische Associaties"),
    ("sec6", "traint en begeleidt ook sleutelpersonen"),
    ("sec5", "Was je dan niet en douche niet"),
    ("sec5", "welke leeftijd, gender of geaardheid"),
    ("sec5", "de eerste 72 uur zijn heel belangrijk"),
    ("sec5", "Je kunt er ook een melding doen"),
    ("sec5", "Soms haalt Veilig Thuis"),
    ("sec5", "optie 3"),
    ("sec5", "option 3"),
    ("sec5", "doorverwijzen als jij daar toestemming voor geeft"),
    ("sec5", "je vraagt om de dader te vervolgen"),
    ("sec5", "vragen over de bedenktijd,"),
    ("sec5", "opsporingsdienst"),
    ("sec5", "investigative service"),
    ("sec5", "relatie waarin iemand afhankelijk is van een ander"),
    ("sec5, N-m6", "Landelijk kenniscentrum voor de gezondheid"),
]

# What the person must now read: (finding, contact id, language, text).
SAID = [
    ("N-M7", "veilig-thuis", "nl", "Dan kan Veilig Thuis ook zonder jouw toestemming onderzoek doen en hulp inschakelen."),
    ("N-M7", "veilig-thuis", "en", "Veilig Thuis can investigate and involve help without your consent too."),
    ("N-m3", "zorgcafe-amsterdam", "nl", "Kijk op de website waar en wanneer het open is."),
    ("N-m3", "zorgcafe-arnhem", "nl", "Kijk op de website waar en wanneer het open is."),
    ("N-m3", "zorgcafe-nijmegen", "nl", "Kijk op de website waar en wanneer het open is."),
    ("N-m3", "zorgcafe-nijmegen", "en", "Check the website for where and when it is open."),
    ("m15", "kindertelefoon", "nl", "Elke dag van 14.00 tot 20.00 uur"),
    ("sec5", "centrum-seksueel-geweld", "nl", "Ga je dan niet wassen en niet douchen."),
    ("sec5", "centrum-seksueel-geweld", "nl", "het maakt niet uit hoe oud je bent, wie je bent of van wie je houdt."),
    ("sec5", "centrum-seksueel-geweld", "nl", "Medicijnen tegen hiv en tegen zwangerschap werken alleen als je ze snel"),
    ("sec5", "veilig-thuis", "nl", "Je kunt Veilig Thuis ook vragen om iets te doen tegen het geweld (een melding)."),
    ("sec5", "veilig-thuis", "nl", "om mee te helpen. De Raad komt op voor kinderen."),
    ("sec5", "slachtofferhulp", "nl", "Iemand anders mag je alleen aanmelden als jij dat goed vindt."),
    ("sec5", "politie", "nl", "een aangifte (je vraagt de politie om onderzoek, zodat de dader straf kan krijgen)"),
    ("sec5", "comensha", "nl", "bedenktijd (tijd om rustig te beslissen of je aangifte doet), aangifte en verblijf"),
    ("sec5", "meld-misdaad-anoniem", "nl", "de politie of een andere dienst die misdaad onderzoekt"),
    ("sec5", "fier", "nl", "Fier helpt mensen die geweld meemaken van iemand van wie ze afhankelijk zijn"),
    ("sec5", "pharos", "nl", "'Geweld is niet gewoon – Ken uw recht, zoek hulp!': over je rechten en waar je hulp vindt."),
    ("N-m5", "fsan", "nl", "Jij kiest zelf of je contact opneemt met FSAN."),
]  # fmt: skip

# Web addresses that are wrong for the person: (finding, part of a url).
WRONG_URLS = [
    ("N-m5", "/huisartsen/"),  # a page for GPs
    ("sec6", "/en/"),  # an English page for a Dutch text
    ("sec6", "thuisarts.nl"),  # not in the facts files
    ("sec6", "nidos.nl"),  # not in the facts files
]

PHONE_IN_TEXT = re.compile(r"(?:\+|\b0)\d[\d \u00a0-]{4,}\d|\b11[23]\b")
URL_IN_FACTS = re.compile(r"""https?://[^\s|;()<>"'`*\]]+""")
HOST_IN_FACTS = re.compile(r"\b(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:nl|org|com|eu|nu|chat)\b")


def _in_ci() -> bool:
    return REQUIRE_CLIENTS or bool(os.environ.get("CI"))


@cache
def facts() -> str:
    """The text of both facts files. Outside CI a clone without ``../shared`` skips; in CI it fails."""
    paths = [FACTS / name for name in FACT_FILES]
    absent = [str(p) for p in paths if not p.is_file()]
    if absent:
        reason = f"the facts files are not beside the clone: {', '.join(absent)}"
        if _in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    return "\n".join(p.read_text(encoding="utf-8") for p in paths)


@cache
def facts_urls() -> frozenset[str]:
    return frozenset(u.rstrip(".") for u in URL_IN_FACTS.findall(facts()))


@cache
def facts_hosts() -> frozenset[str]:
    return frozenset(urlsplit(u).hostname or "" for u in facts_urls()) | frozenset(HOST_IN_FACTS.findall(facts()))


@cache
def facts_phones() -> frozenset[str]:
    """Every run of digits in the facts files, with spaces, hyphens and no-break spaces between digits taken out."""
    joined = re.sub(r"(?<=\d)[ \u00a0-]+(?=\d)", "", facts())
    return frozenset(re.findall(r"\+?\d+", joined))


def digits(phone: str) -> str:
    return re.sub(r"[^0-9+]", "", phone)


@cache
def library() -> Library:
    return Library.open(PATHWAYS)


@cache
def regions() -> tuple[Region, ...]:
    return tuple(open_regions(library()))


@cache
def every_contact() -> dict[str, Contact]:
    """The national and the regional contacts, by id."""
    national = {c.id: c for c in open_contacts(library()).contacts}
    regional = {r.contact.id: r.contact for region in regions() for r in region.contacts}
    assert not national.keys() & regional.keys()
    return {**national, **regional}


def person_texts(contact: Contact) -> list[str]:
    """What the person's handout prints of a contact, in every language."""
    fields = [getattr(contact, key) for key in PERSON_FIELDS]
    return [text for field in fields if field for text in field.values()]


def plain(text: str) -> str:
    return " ".join(text.split()).casefold()


# --- the facts files ------------------------------------------------------------------------------------------------


def test_every_phone_number_is_in_the_facts_files() -> None:
    numbers = {
        (c.id, found)
        for c in every_contact().values()
        for found in ([c.phone] if c.phone else []) + [m for t in person_texts(c) for m in PHONE_IN_TEXT.findall(t)]
    }
    assert len(numbers) >= 16
    assert sorted((cid, n) for cid, n in numbers if digits(n) not in facts_phones()) == []


def test_every_web_address_is_in_the_facts_files_or_the_plain_domain_of_a_source_there() -> None:
    def known(url: str) -> bool:
        parts = urlsplit(url)
        plain_domain = parts.path in ("", "/") and not parts.query
        return url in facts_urls() or (plain_domain and parts.hostname in facts_hosts())

    urls = {(c.id, c.url) for c in every_contact().values() if c.url}
    assert len(urls) >= 20
    assert sorted((cid, url) for cid, url in urls if not known(url)) == []


def test_every_source_is_in_the_facts_files_but_the_named_gaps() -> None:
    sources = {(c.id, c.source) for c in every_contact().values()}
    sources |= {(r.contact.id, s) for region in regions() for r in region.contacts for s in r.other_sources}
    sources |= {(f"{r.id}/municipalities", r.municipalities_source) for r in regions() if r.municipalities_source}
    outside = {cid for cid, source in sources if source not in facts_urls()}
    assert outside == set(SOURCES_OUTSIDE_THE_FACTS)


@pytest.mark.parametrize("contact_id", sorted(SOURCES_OUTSIDE_THE_FACTS))
def test_a_contact_outside_the_facts_keeps_no_number_no_hours_no_cost_and_no_web_address(contact_id: str) -> None:
    contact = every_contact()[contact_id]
    assert (contact.phone, contact.url, contact.hours, contact.cost) == (None, None, None, None)


# --- the review's findings, one row each ----------------------------------------------------------------------------


@pytest.mark.parametrize(("finding", "text"), GONE, ids=[f"{f}:{t}" for f, t in GONE])
def test_the_person_no_longer_reads(finding: str, text: str) -> None:
    assert [c.id for c in every_contact().values() if any(plain(text) in plain(t) for t in person_texts(c))] == []


@pytest.mark.parametrize(
    ("finding", "contact_id", "lang", "text"), SAID, ids=[f"{f}:{c}:{lang}" for f, c, lang, _ in SAID]
)
def test_the_person_reads(finding: str, contact_id: str, lang: str, text: str) -> None:
    contact = every_contact()[contact_id]
    fields = [getattr(contact, key) for key in PERSON_FIELDS]
    assert any(plain(text) in plain(field[lang]) for field in fields if field and lang in field)


@pytest.mark.parametrize(("finding", "part"), WRONG_URLS, ids=[f"{f}:{p}" for f, p in WRONG_URLS])
def test_no_web_address_contains(finding: str, part: str) -> None:
    assert [c.id for c in every_contact().values() if c.url and part in c.url] == []


def test_every_regional_contact_can_be_reached_by_phone_or_website() -> None:
    """UX review U14: the Amsterdam CSG walk-in house had no phone, no address and no website."""
    unreachable = [
        r.contact.id for region in regions() for r in region.contacts if not (r.contact.phone or r.contact.url)
    ]
    assert unreachable == []


# --- where the person reads it: the person's handout of every shipped scenario, in every region ---------------------


@cache
def sggg() -> Pathway:
    pathway, problems = read_pathway(PATHWAYS / "sggg.yaml")
    assert pathway is not None, problems
    return pathway


@pytest.mark.parametrize("region_id", [None, *library().region_ids()])
def test_the_person_handouts_of_the_scenarios_carry_the_fixed_texts(region_id: str | None) -> None:
    region = next(r for r in regions() if r.id == region_id) if region_id else None
    caveat = plain(next(text for _, cid, lang, text in SAID if (cid, lang) == ("veilig-thuis", "nl")))
    shown_vt = 0
    for scenario in load_scenarios(PATHWAYS / "scenarios"):
        route = follow(sggg(), scenario.given(), region)
        if route.outcome is None or not route.outcome.person_contacts or not handout_safe(sggg(), scenario.given()):
            continue  # no paper for the person there (handout: false)
        paper = plain(render("handout/person.txt.j2", handout_data(sggg(), route, "nl", "person")))
        assert [text for _, text in GONE if plain(text) in paper] == [], scenario.id
        if any(c.contact.id == "veilig-thuis" for c in route.outcome.person_contacts):
            shown_vt += 1
            assert caveat in paper, scenario.id
    assert shown_vt > 0


# --- the regions (issue 23, point 5) --------------------------------------------------------------------------------

# Pages regions.md dates before 2021 (its rule for "OLD SOURCE"), with the year it gives: (entry, url, year).
OLD_PAGES = [
    ("R1", "https://www.arosa-zhz.nl/nieuws-65-rotterdam-heeft-een-centrum-seksueel-geweld", 2016),
    ("R1", "http://farr.nl/service/zedenzaken/", 2017),
    ("R1", "https://www.rijnmond.nl/nieuws/189343/Rotterdam-wil-geld-van-minister-voor-hulp-slachtoffers-verkrachting", 2019),
    ("R2", "https://jeugdbeschermingrotterdamrijnmond.nl/veilig-thuis-rotterdam-rijnmond-officieel-van-start/", 2015),
    ("R3", "https://www.huiselijkgeweld.nl/nieuws/2018/160418_clienten-vrouwenopvang-hebben-intensievere-zorg-nodig", 2018),
    ("R6", "https://www.rijnmond.nl/nieuws/195748/Illegalen-in-verdrukking-tijdens-coronacrisis-Meer-mensen-belanden-op-straat", 2020),
    ("R10", "http://cocrotterdam.nl/", 2019),
    ("U1", "https://www.skipr.nl/actueel/id33360-centrum-seksueel-geweld-in-heel-nederland-actief.html", 2018),
    ("U1", "https://www.medicalfacts.nl/2012/06/20/centrum-seksueel-geweld-wekelijks-gebeld/", 2012),
    ("U1", "https://www.gezondheidskrant.nl/eerste-centrum-seksueel-geweld-opent-telefoonlijn/", 2012),
    ("U4", "https://www.fondsam.nl/nieuws/spreekuur-vrouwelijke-genitale-verminking/", 2018),
    ("U4", "https://www.sociaalteam.nu/nieuws/2018-03-spreekuur-voor-vrouwen-die-besneden-zijn", 2018),
    ("U5", "https://socialealliantie.nl/index.php/achtergronden/thema-gezondheid-en-armoede/stil", 2014),
    ("U6", "https://utrecht.meetellen.nl/nieuws/2019/07/onderzoek-medisch-spreekuur", 2019),
    ("D1", "https://www.deteylinger.nl/nieuws/zorg-welzijn/31092/csg-zuid-holland-helpt-slachtoffers-van-seksueel-misbruik", 2017),
    ("D5", "https://cochaaglanden.nl/coc-haaglanden-start-maatjesproject-voor-vluchtelingen/", 2016),
    ("X1", "https://www.nederlandsevrouwenraad.nl/html/index.php?alineaID=1545", 2020),
    ("not found", "https://doktersvandewereld.org/wat-doen-wij/hulp-in-corona-tijd/", 2020),
    ("not found", "https://doktersvandewereld.org/reachout-oud/", 2020),
    ("check", "https://doktersvandewereld.org/de-zorgbus/", 2016),
]  # fmt: skip
OLD_YEAR = {url: year for _, url, year in OLD_PAGES}
# A year in a web address's path (/2018/, /2018-03-): the page is likely from that year.
YEAR_IN_PATH = re.compile(r"/((?:19|20)\d\d)[/-]")
# Where regions.md confirms no current location of a Centrum Seksueel Geweld (R1, U1, D1), and street addresses.
CSG_PLACES = ("Erasmus", "Schiedamsedijk", "UMC", "LUMC", "Leiden", "Rivierduinen", "GGD")
STREET = re.compile(r"\b\w+(?:straat|weg|dijk|kade|laan|plein|singel|gracht|park)\s+\d+|\b\d{4}\s?[A-Z]{2}\b")
# The partly traceable facts (regions.md, check table): the page that names the city, as another source.
PARTLY_TRACEABLE = [
    ("zorgbus-amsterdam", "https://doktersvandewereld.org/nieuws/dokters-van-de-wereld-opent-uit-nood-eerste-medische-post-in-nederland/"),
    ("zorgbus-den-haag", "https://doktersvandewereld.org/nieuws/dokters-van-de-wereld-opent-uit-nood-eerste-medische-post-in-nederland/"),
]  # fmt: skip


def regional_sources(region: Region) -> list[tuple[Contact, str]]:
    return [(r.contact, url) for r in region.contacts for url in (r.contact.source, *r.other_sources)]


@pytest.mark.parametrize(("entry", "url", "year"), OLD_PAGES, ids=[f"{e}:{y}" for e, _, y in OLD_PAGES])
def test_every_old_page_of_the_table_is_in_regions_md(entry: str, url: str, year: int) -> None:
    assert url in facts_urls() and year < 2021


@pytest.mark.parametrize("region_id", library().region_ids())
def test_every_shipped_region_has_a_local_contact_with_its_source(region_id: str) -> None:
    region = next(r for r in regions() if r.id == region_id)
    assert [r.contact.id for r in region.contacts if r.contact.source in facts_urls()] != []


@pytest.mark.parametrize("region_id", library().region_ids())
def test_an_old_source_is_marked_by_the_year_of_its_oldest_page(region_id: str) -> None:
    region = next(r for r in regions() if r.id == region_id)
    for contact, url in regional_sources(region):
        found = YEAR_IN_PATH.search(urlsplit(url).path)
        year = OLD_YEAR.get(url, int(found.group(1)) if found else None)
        if year is not None and year < 2021:
            old = contact.old_source()
            assert old is not None and int(old[:4]) <= year, (contact.id, url)


def test_the_old_sources_shipped_are_marked() -> None:
    marked = {r.contact.id: r.contact.old_source() for region in regions() for r in region.contacts}
    assert {cid: old for cid, old in marked.items() if old} == {
        "zorgcafe-nijmegen": "2020",
        "csg-rotterdam": "2016",
        "csg-utrecht": "2012-06",
    }


def csg_contacts() -> list[Contact]:
    return [
        r.contact for region in regions() for r in region.contacts if "Centrum Seksueel Geweld" in r.contact.name["nl"]
    ]


def test_rotterdam_utrecht_and_den_haag_each_have_a_csg_entry() -> None:
    assert sorted(c.id for c in csg_contacts()) == ["csg-den-haag", "csg-rotterdam", "csg-utrecht"]


@pytest.mark.parametrize("contact", csg_contacts(), ids=lambda c: c.id)
def test_a_csg_entry_says_to_call_0800_0188_and_names_no_place(contact: Contact) -> None:
    assert contact.phone == "0800-0188"
    texts = [
        t for field in (contact.name, contact.does, contact.hours, contact.after_call) if field for t in field.values()
    ]
    assert all("0800-0188" in t for t in contact.does.values())
    assert [t for t in texts if STREET.search(t) or any(place in t for place in CSG_PLACES)] == []


@pytest.mark.parametrize(("contact_id", "other"), PARTLY_TRACEABLE)
def test_a_partly_traceable_fact_has_its_other_source(contact_id: str, other: str) -> None:
    assert [r.other_sources for region in regions() for r in region.contacts if r.contact.id == contact_id] == [
        (other,)
    ]


def test_no_region_claims_an_owner_that_the_facts_do_not_give() -> None:
    # regions.md names no organisation that keeps a map: every owner says so, and gives no address of its own
    owners = {(pick(r.owner.name, "en"), r.owner.url, r.owner.email) for r in regions()}
    assert owners == {("The samen-refer maintainers (not a regional organisation)", None, None)}
