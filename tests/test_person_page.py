"""The page the person keeps (U13, issue 21 point 4): the phone guide's "Page for the person" and the HTML handout of
``samen-refer handout --audience person`` are one design. They show the same organisations, in the same order and
words, and both print on one A4 page. Numbers are at least 14 pt and 112 is on the paper. Neither names the tool, the
pathway or its topic.

In Debian's Chromium, driven by Playwright, as ``tests/test_web_browser.py``. The PDFs are kept in
``tests/artifacts/web/``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from samen_refer.checks.load import open_pathway, region_for
from samen_refer.engine.route import follow
from samen_refer.format.language import pick
from samen_refer.format.library import Library
from samen_refer.format.pathway import Pathway
from samen_refer.format.region import Region
from samen_refer.render.handout import handout_data
from samen_refer.render.paper import LEVELS, ROOM_UNITS, balanced_height, heads, heights, paper_size
from samen_refer.render.session import HANDOUT_NAMES
from samen_refer.render.web.page import build_page, compact
from tests import test_web_browser
from tests.conftest import REPO
from tests.test_web_browser import ARTIFACTS, MOST_FOR_THE_PERSON, PHONE, Visit, scenario_answers, walk
from tests.trainers import run

# routes for every size the paper takes (render/paper.py): name -> (answers or scenario, region)
ROUTES: dict[str, tuple[dict[str, str] | str, str | None]] = {
    "most": (MOST_FOR_THE_PERSON, None),  # 13 organisations: the most on any route; "shortest"
    "s01": ("s01-recent-assault-azc", None),  # 3: "large"
    "s06": ("s06-advice-only-assault-last-month", None),  # "large" in Dutch, "all" in English
    "s18": ("s18-sex-for-rent", None),  # "all"
    "s10": ("s10-suicidal-thoughts", None),  # "short"
    "s33-nijmegen": ("s33-nijmegen-undocumented-earlier", "nijmegen"),  # a region's own contact, "(in je regio)"
}
PAPER = ["most", "s01", "s18", "s10"]  # one of each size, printed
FOURTEEN_PT = 14 * 96 / 72  # CSS pixels
TOOL = ("samen-refer", "samen_refer", "samen refer")


@pytest.fixture(scope="module")
def sggg() -> Pathway:
    return open_pathway(Library.open(None), "sggg")


browser = test_web_browser.browser  # Chromium, launched once for this file (tests/test_web_browser.py)
guide = test_web_browser.guide  # the guide for sggg, opening in Dutch, built once for this file


def region_of(name: str | None, pathway: Pathway) -> Region | None:
    return region_for(Library.open(REPO / "pathways"), name, pathway) if name else None


def answers_of(route: str, pathway: Pathway) -> dict[str, str]:
    given = ROUTES[route][0]
    return scenario_answers(given, pathway) if isinstance(given, str) else given


def topic_words(pathway: Pathway) -> list[str]:
    """The words of the pathway's title, in every language, that say what it is about (four letters or more, and its
    abbreviation): "Doorverwijzen", "seksueel", "gendergerelateerd", "geweld", "SGGG", "Referral", "sexual", ..."""
    words = {w for lang in pathway.languages for w in re.findall(r"[\w-]+", pick(pathway.title, lang))}
    return sorted(w for w in words if len(w) >= 4)


# --- the two pages -------------------------------------------------------------------------------------------------


def guide_page(browser: Any, pathway: Pathway, route: str, lang: str, folder: Path) -> Visit:
    """The phone guide walked to the page for the person, in ``lang``."""
    region = region_of(ROUTES[route][1], pathway)
    path = folder / f"gids-{route}-{lang}.html"
    path.write_text(build_page(pathway, lang, region), encoding="utf-8")
    visit = Visit(browser, path.as_uri(), PHONE)
    walk(visit, answers_of(route, pathway))
    visit.page.click("nav.actions .primary")
    assert visit.screen() == "person"
    return visit


def handout_page(browser: Any, pathway: Pathway, route: str, lang: str, folder: Path) -> Visit:
    """The HTML handout, written by ``samen-refer handout --audience person -o``, opened in the browser."""
    answers = folder / f"{route}.answers.yaml"
    answers.write_text("".join(f"{q}: {o}\n" for q, o in answers_of(route, pathway).items()), encoding="utf-8")
    path = folder / f"hulp-{route}-{lang}.html"
    region = ROUTES[route][1]
    args = ["handout", "--answers", str(answers), "--audience", "person", "--format", "html", "--lang", lang]
    where = ["--region", region] if region else []
    code, _, err = run(*args, *where, "--pathways", str(REPO / "pathways"), "-o", str(path))
    assert (code, err) == (0, "")
    return Visit(browser, path.as_uri(), PHONE)


OPEN = {"guide": guide_page, "handout": handout_page}

SHOWN = """() => {
  const text = e => e ? e.textContent.replace(/\\s+/g, ' ').trim() : null;
  const root = document.querySelector('.person');
  const part = e => e.tagName === 'DL'
    ? ['DL', [...e.children].map(row => [row.className, text(row.querySelector('dt')), text(row.querySelector('dd'))])]
    : [e.tagName, e.className, text(e), [...e.querySelectorAll('a[href^="tel:"]')].map(a => a.getAttribute('href'))];
  return {
    paper: root.dataset.paper,
    page: ['h1', '.danger', '.intro', '.closing', '.private'].map(s => text(root.querySelector(s))),
    cards: [...root.querySelectorAll('.card')].map(card => [...card.children].map(part)),
  };
}"""


@pytest.mark.no_cover  # a loop over code other tests cover: coverage would add seconds and no line
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("route", ROUTES)
def test_the_guide_s_page_and_the_handout_show_the_same_organisations_in_the_same_order_and_words(
    browser: Any, sggg: Pathway, tmp_path: Path, route: str, lang: str
) -> None:
    shown = {}
    for source, opened in OPEN.items():
        visit = opened(browser, sggg, route, lang, tmp_path)
        shown[source] = visit.page.evaluate(SHOWN)
        assert (visit.errors, visit.outside_requests()) == ([], [])
        visit.close()
    assert shown["guide"] == shown["handout"]
    region = region_of(ROUTES[route][1], sggg)
    outcome = follow(sggg, answers_of(route, sggg), region).outcome
    assert outcome is not None
    names = [pick(c.contact.name, lang) for c in outcome.person_contacts]
    headings = [card[0][2] for card in shown["guide"]["cards"]]  # each card's first element: its name
    assert [h[: len(n)] for h, n in zip(headings, names, strict=True)] == names


# --- on paper ------------------------------------------------------------------------------------------------------

PRINTED = """() => {
  const shown = e => e.getClientRects().length > 0;
  return {
    numbers: [...document.querySelectorAll('.person .number, .person .danger')].filter(shown)
      .map(e => [e.textContent.trim(), parseFloat(getComputedStyle(e).fontSize)]),
    danger: [...document.querySelectorAll('.person .danger')].filter(shown).map(e => e.innerText),
    text: document.body.innerText,
    own: (() => {  // the page's own words: everything printed but the organisations' cards
      const copy = document.querySelector('.person').cloneNode(true);
      copy.querySelectorAll('.card').forEach(card => card.remove());
      return copy.textContent;
    })(),
    title: document.title,
  };
}"""


@pytest.mark.no_cover  # a loop over code other tests cover: coverage would add seconds and no line
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("source", OPEN)
@pytest.mark.parametrize("route", PAPER)
def test_the_person_s_page_prints_on_one_a4_with_large_numbers_and_112_and_no_topic(
    browser: Any, sggg: Pathway, tmp_path: Path, route: str, source: str, lang: str
) -> None:
    visit = OPEN[source](browser, sggg, route, lang, tmp_path)
    pdf = visit.page.pdf(format="A4")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"person-{source}-{route}-{lang}.pdf").write_bytes(pdf)
    visit.page.emulate_media(media="print")
    printed = visit.page.evaluate(PRINTED)
    visit.close()
    assert len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf)) == 1
    small = [(number, size) for number, size in printed["numbers"] if size < FOURTEEN_PT - 0.01]
    assert (len(printed["numbers"]) > 1, small) == (True, [])
    assert [("112" in line) for line in printed["danger"]] == [True]
    everything = (printed["title"] + "\n" + printed["text"]).lower()
    titles = [pick(sggg.title, code).lower() for code in sggg.languages]
    assert [w for w in (*TOOL, *titles) if w in everything] == []
    own = (printed["title"] + "\n" + printed["own"]).lower()
    assert [w for w in topic_words(sggg) if w.lower() in own] == []


def test_the_topic_words_are_read_from_the_title(sggg: Pathway) -> None:
    assert {"seksueel", "gendergerelateerd", "geweld", "SGGG", "sexual", "gender-based", "violence", "SGBV"} <= set(
        topic_words(sggg)
    )


def test_on_screen_every_number_is_14_pt_or_more_and_112_is_a_call(browser: Any, sggg: Pathway, tmp_path: Path) -> None:
    for source, opened in OPEN.items():
        visit = opened(browser, sggg, "s10", "nl", tmp_path)
        sizes = visit.page.eval_on_selector_all(
            ".person .number, .person .danger", "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
        )
        call = visit.page.get_attribute(".person .danger a", "href")
        reminders = visit.page.eval_on_selector_all(".reminder", "els => els.filter(e => e.getClientRects().length)")
        visit.close()
        assert (source, min(sizes) >= FOURTEEN_PT, call, reminders) == (source, True, "tel:112", [])


def test_the_page_for_the_person_is_one_tap_from_the_top_of_the_advice(browser: Any, sggg: Pathway, guide: str) -> None:
    visit = Visit(browser, guide, PHONE)
    walk(visit, answers_of("most", sggg))
    link = visit.page.locator(".to-person")
    top = link.bounding_box()
    assert top is not None and top["y"] < PHONE["height"]  # on the first screen of the advice
    assert link.inner_text() == visit.page.inner_text("nav.actions .primary")  # the same words as the last button
    link.click()
    assert visit.screen() == "person"
    visit.close()


def test_where_a_paper_is_not_safe_there_is_no_way_to_the_person_s_page(
    browser: Any, sggg: Pathway, guide: str
) -> None:
    visit = Visit(browser, guide, PHONE)
    walk(visit, scenario_answers("s12-not-safe-to-talk", sggg))
    assert (visit.page.locator(".to-person").count(), visit.page.locator("[data-handout=unsafe]").count()) == (0, 1)
    visit.close()


# --- the text handouts ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_the_text_handouts_carry_112_in_the_same_order_and_no_tool_or_topic(
    sggg: Pathway, tmp_path: Path, fmt: str, lang: str
) -> None:
    from samen_refer.render.handout import render

    data = handout_data(sggg, follow(sggg, MOST_FOR_THE_PERSON), lang, "person")
    out = render(f"handout/person.{fmt}.j2", data)
    danger = {"nl": "Acuut gevaar? Bel 112.", "en": "Acute danger? Call 112."}[lang]
    assert danger in out
    lowered = out.lower()
    assert [w for w in (*TOOL, *(pick(sggg.title, c).lower() for c in sggg.languages)) if w in lowered] == []
    headings = [
        f"{n}. {c['name']}" if fmt == "txt" else "### " + c["name"].replace("(", "\\(").replace(")", "\\)")
        for n, c in enumerate(data["contacts"], 1)
    ]
    found = [out.find(heading + "\n") for heading in headings]
    assert -1 not in found and found == sorted(found)
    own = out[: found[0]].lower()  # the title, 112 and the introduction: the handout's own words
    assert [w for w in topic_words(sggg) if w.lower() in own] == []


def test_the_file_name_start_suggests_names_nothing(sggg: Pathway) -> None:
    assert [w for w in (*TOOL, *topic_words(sggg)) if w.lower() in HANDOUT_NAMES["person"].lower()] == []


# --- how much fits (render/paper.py) -------------------------------------------------------------------------------


def test_the_sizes_go_from_most_to_least(sggg: Pathway) -> None:
    """Each size takes less room than the one before it, for every organisation: so the first that fits is the
    largest that fits."""
    from samen_refer.render.handout import person_facts, words

    for lang in sggg.languages:
        said = words(lang)
        for contact in sggg.contacts.values():
            tall = heights(person_facts(contact, False, lang), said)
            assert tall == sorted(tall, reverse=True), contact.id
        assert heads(said) == sorted(heads(said), reverse=True)


@pytest.mark.parametrize(
    ("cards", "expected"),
    [
        ([], "large"),
        ([[1_000, 900, 800, 700]] * 2, "large"),
        ([[900, 700, 500, 400]] * 8, "short"),  # all: 100 + 8 * 700 / 2 > 2,640
        ([[9_900] * 4] * 20, "shortest"),  # nothing fits: the smallest, on more paper
    ],
)
def test_the_first_size_that_fits_is_taken(cards: list[list[int]], expected: str) -> None:
    assert paper_size([100] * len(LEVELS), cards) == expected
    assert ROOM_UNITS == 2_640


@pytest.mark.parametrize(
    ("tall", "high"), [([], 0), ([4], 4), ([3, 3, 3, 3], 6), ([5, 1, 1, 1], 5), ([1, 1, 1, 5], 5), ([2, 5, 2], 7)]
)
def test_cards_stand_in_two_balanced_columns_in_their_order(tall: list[int], high: int) -> None:
    assert balanced_height(tall) == high


def test_the_guide_chooses_the_size_the_handout_chooses(sggg: Pathway) -> None:
    """The page carries each card's height (Python's), so its sum is the handout's; the browser tests above hold the
    chosen size equal on their routes."""
    import json

    page = build_page(sggg, "nl")
    data = json.loads(re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.S).group(1))  # type: ignore[union-attr]
    route = follow(sggg, MOST_FOR_THE_PERSON)
    assert route.outcome is not None
    cards = dict(data["paper"]["cards"])
    for lang in ("nl", "en"):
        tall = [cards[c.contact.id][lang] for c in route.outcome.person_contacts]
        expected = handout_data(sggg, route, lang, "person")["paper"]
        assert paper_size(data["paper"]["heads"][lang], tall) == expected == "shortest"


def test_the_page_carries_the_person_s_style_without_its_comments(sggg: Pathway) -> None:
    """The guide's page and the handout share partials/person.css; the page carries it as it carries its own style,
    compacted (at most 200 KB): every rule, no comment."""
    style = re.search(r"<style>(.*?)</style>", build_page(sggg, "nl"), re.S).group(1)  # type: ignore[union-attr]
    person = (REPO / "templates" / "partials" / "person.css").read_text(encoding="utf-8")
    assert "/*" not in style
    assert compact(person, tight="style") in style
