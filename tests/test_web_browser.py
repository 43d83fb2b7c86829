"""The phone guide in a real browser (Debian's Chromium, driven by Playwright): the shipped scenarios at a phone's
and a laptop's size give the Python engine's advice; a walk by keyboard alone; quick exit; no request, cookie or
storage; axe-core finds no WCAG 2.2 AA violation on any screen; the person's page prints on one A4 page; a number
beside Arabic keeps its order; quick exit in another page's frame takes the whole window away.

Needs ``playwright`` (the test extras), Chromium at ``SAMEN_REFER_CHROMIUM`` (default ``/usr/bin/chromium``) and,
for the accessibility checks, axe-core at ``SAMEN_REFER_AXE`` (``axe.min.js``); ``.ci/run`` installs all three.
Screenshots of every screen are kept in ``tests/artifacts/web/``.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from samen_refer.checks.load import load_pathway, open_pathway, region_for
from samen_refer.checks.scenarios import read_scenario
from samen_refer.engine.interrupt import interrupt_after
from samen_refer.engine.route import build_outcome, follow, handout_safe
from samen_refer.format.language import pick
from samen_refer.format.library import Library
from samen_refer.format.pathway import Pathway
from samen_refer.render.result import DOT, role_text, to_call
from samen_refer.render.web.page import EXIT_URL, build_page
from tests.conftest import REPO, missing
from tests.test_direction import NUMBERS, arabic_pathways
from tests.test_result import STEPS

CHROMIUM = Path(os.environ.get("SAMEN_REFER_CHROMIUM", "/usr/bin/chromium"))
AXE = Path(os.environ.get("SAMEN_REFER_AXE", REPO / ".ci" / "node_modules" / "axe-core" / "axe.min.js"))
ARTIFACTS = REPO / "tests" / "artifacts" / "web"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 800}
SCENARIOS = [
    "s01-recent-assault-azc",
    "s07-no-help-now-domestic",
    "s09-teen-forced-marriage",
    "s10-suicidal-thoughts",
    "s11-acute-danger-call",
    "s12-not-safe-to-talk",
    "s32-danger-and-suicide",
]
# the route with the most contacts on the person's page (14), found by walking every route of sggg
MOST_FOR_THE_PERSON = {
    "safe_to_talk": "yes", "danger": "self", "helper": "volunteer", "violence": "honour", "timing": "ongoing",
    "recent_assault": "yes_72_hours", "where": "abroad", "children": "yes", "residence": "undocumented",
    "consent": "referral", "report": "yes", "interpreter": "yes",
}  # fmt: skip

try:
    from playwright import sync_api as playwright_api
except ImportError:  # pragma: no cover - the test extras have it
    playwright_api = None  # type: ignore[assignment]


@pytest.fixture(scope="module")
def sggg() -> Pathway:
    return open_pathway(Library.open(None), "sggg")


@pytest.fixture(scope="module")
def guide(sggg: Pathway, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The page for sggg, opening in Dutch, as a file:// address."""
    path = tmp_path_factory.mktemp("web") / "gids.html"
    path.write_text(build_page(sggg, "nl"), encoding="utf-8")
    return path.as_uri()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if playwright_api is None:
        missing("pip install playwright (the test extras)")
    if not CHROMIUM.is_file():
        missing(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with playwright_api.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield launched
        launched.close()


@functools.cache
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8") + "\n;0"


class Visit:
    """One page in a fresh browser context that fails every request but the quick exit's, and records them all."""

    def __init__(self, browser: Any, url: str, viewport: dict[str, int], exit_status: int = 200, **options: Any):
        self.context = browser.new_context(viewport=viewport, **options)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.exit_status = exit_status
        self.url = url
        self.page.goto(url)

    def _route(self, route: Any) -> None:
        if route.request.url == self.url:
            route.continue_()  # the page itself, from the disk
        elif route.request.url == EXIT_URL:
            route.fulfill(status=self.exit_status, content_type="text/html", body="<!DOCTYPE html><title>weer</title>")
        else:
            route.abort()

    def outside_requests(self) -> list[str]:
        return [url for url in self.requests if url not in (self.url, EXIT_URL)]

    def screen(self) -> str:
        return str(self.page.get_attribute("h1", "data-screen") or "question")

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def axe_violations(self) -> list[str]:
        """What axe-core finds against WCAG 2.2 AA on the screen as it is (run through DevTools, not the page)."""
        if not AXE.is_file():
            missing(f"no axe-core at {AXE} (npm ci --prefix .ci)")
        if not self.page.evaluate("typeof axe !== 'undefined'"):  # once per page: the guide's screens are one page
            self.page.evaluate(axe_source())
        found = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
            ".then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))",
            WCAG_22_AA,
        )
        return list(found)

    def close(self) -> None:
        self.context.close()


def eventually(page: Any, holds: Callable[[], bool], seconds: float = 10.0) -> None:
    """Wait until `holds()` is true, at most `seconds`: what a page does next takes longer on a loaded machine, so
    a check that something happened polls instead of sleeping a fixed time. The caller asserts afterwards."""
    for _ in range(int(seconds * 20)):
        if holds():
            return
        page.wait_for_timeout(50)


def walk(visit: Visit, answers: dict[str, str], each_screen: Callable[[str, int], None] = lambda s, n: None) -> None:
    """Answer the questions the page asks with ``answers``, going on after each safety screen, up to the advice."""
    for n in range(40):
        screen = visit.screen()
        each_screen(screen, n)
        if screen == "result":
            return
        if screen == "interrupt":
            visit.page.click("nav.actions .primary")
        else:
            question = visit.page.get_attribute("h1", "data-question")
            visit.page.click(f"[data-option='{answers[str(question)]}']")
    raise AssertionError("the walk did not reach the advice")


Advice = tuple[str, list[tuple[str, str]], list[str], list[list[str]]]


def shown_advice(visit: Visit) -> Advice:
    """The urgency, the contacts with their roles, the numbers to call, and the step ids of the three lists (the
    steps, what to know, the helper's care) as the result page shows them."""
    page = visit.page
    urgency = str(page.get_attribute("[data-urgency]", "data-urgency"))
    contacts = page.eval_on_selector_all(".contacts > li", "els => els.map(e => [e.dataset.contact, e.dataset.role])")
    calls = page.eval_on_selector_all(".calls.summary .call", "els => els.map(e => e.dataset.contact)")
    lists = [
        page.eval_on_selector_all(f"#screen {where} li[data-step]", "els => els.map(e => e.dataset.step)")
        for where in ("ol >", "[data-list=background]", "[data-list=care]")
    ]
    return urgency, [tuple(c) for c in contacts], list(calls), lists


def python_advice(pathway: Pathway, answers: dict[str, str]) -> Advice:
    outcome = build_outcome(pathway, answers)
    contacts: list[tuple[str, str]] = [(c.contact.id, c.role) for c in outcome.contacts]
    lists = [[s.step.id for s in listed] for listed in (outcome.steps, outcome.background, outcome.care)]
    return str(outcome.urgency), contacts, [c.contact.id for c in to_call(outcome)], lists


def scenario_answers(name: str, pathway: Pathway) -> dict[str, str]:
    case, _ = read_scenario(REPO / "pathways" / "scenarios" / f"{name}.yaml")
    assert case is not None
    route = follow(pathway, case.given())
    return {a.question: a.option for a in route.answers}


@pytest.mark.parametrize("size", ["phone", "laptop"])
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_scenario_walked_in_the_browser_gives_the_engine_s_advice(
    browser: Any, guide: str, sggg: Pathway, scenario: str, size: str
) -> None:
    visit = Visit(browser, guide, PHONE if size == "phone" else LAPTOP)
    answers = scenario_answers(scenario, sggg)
    violations: list[tuple[str, list[str]]] = []

    def check(screen: str, n: int) -> None:
        visit.shot(f"{scenario}-{size}-{n:02d}-{screen}")
        if size == "phone":  # every screen of every walk, once: at the phone's size
            violations.extend((f"{n}:{screen}", [v]) for v in visit.axe_violations())

    walk(visit, answers, check)
    assert shown_advice(visit) == python_advice(sggg, answers)
    person_button = visit.page.locator("nav.actions .primary")
    if handout_safe(sggg, answers):
        person_button.click()
        shown = visit.page.eval_on_selector_all("section.card", "els => els.map(e => e.dataset.contact)")
        assert shown == [c.contact.id for c in build_outcome(sggg, answers).person_contacts]
        check("person", 99)
    else:
        assert person_button.count() == 0
        assert visit.page.locator("[data-handout=unsafe]").count() == 1
    assert (violations, visit.errors, visit.outside_requests()) == ([], [], [])
    visit.close()


def test_a_walk_by_keyboard_alone(browser: Any, guide: str, sggg: Pathway) -> None:
    visit = Visit(browser, guide, PHONE)
    answers = scenario_answers("s32-danger-and-suicide", sggg)
    page = visit.page

    def tab_to(selector: str) -> None:
        for _ in range(40):
            if page.evaluate(f"document.activeElement.matches({selector!r})"):
                page.keyboard.press("Enter")
                return
            page.keyboard.press("Tab")
        raise AssertionError(f"Tab never reached {selector}")

    for _ in range(40):
        screen = visit.screen()
        if screen == "result":
            break
        if screen == "interrupt":
            tab_to("nav.actions .primary")
        else:
            question = page.get_attribute("h1", "data-question")
            tab_to(f"[data-option='{answers[str(question)]}']")
    assert shown_advice(visit) == python_advice(sggg, answers)
    tab_to("details.why > summary, .contacts details > summary")  # a folded detail opens with the keyboard too
    assert page.locator(".contacts details[open]").count() == 1
    visit.close()


@pytest.mark.parametrize(("safe", "danger"), [("yes", "both"), ("no", "both"), ("yes", "self")])
def test_the_safety_screen_shows_the_engine_s_steps_numbers_and_notes(
    browser: Any, guide: str, sggg: Pathway, safe: str, danger: str
) -> None:
    visit = Visit(browser, guide, PHONE)
    visit.page.click(f"[data-option={safe}]")
    visit.page.click(f"[data-option={danger}]")
    assert visit.screen() == "interrupt"
    interrupt = interrupt_after(sggg, {"safe_to_talk": safe}, {"safe_to_talk": safe, "danger": danger})
    assert interrupt is not None
    steps = visit.page.eval_on_selector_all("ol > li", "els => els.map(e => e.textContent)")
    calls = visit.page.eval_on_selector_all(
        "ul.calls > li",
        "els => els.map(e => [e.querySelector('.call') && e.querySelector('.call').dataset.contact,"
        " e.querySelector('.note') && e.querySelector('.note').textContent])",
    )
    assert steps == [pick(s.text, "nl") for s in interrupt.steps]
    assert [tuple(c) for c in calls] == [
        (c.contact.id if c.contact.phone else None, pick(c.note, "nl") if c.note else None) for c in interrupt.calls
    ]
    assert (visit.errors, visit.outside_requests()) == ([], [])
    visit.close()


@pytest.mark.parametrize("how", ["button", "Escape"])
def test_quick_exit_empties_the_page_and_leaves_no_way_back(browser: Any, guide: str, how: str) -> None:
    staying = Visit(browser, guide, PHONE, exit_status=204)  # a 204 answer keeps the emptied page on screen
    staying.page.click("[data-option=yes]")
    staying.page.click("#exit") if how == "button" else staying.page.keyboard.press("Escape")
    eventually(staying.page, lambda: (staying.page.title(), staying.page.inner_html("body")) == ("", ""))
    assert (staying.page.title(), staying.page.inner_html("body")) == ("", "")
    staying.close()

    leaving = Visit(browser, guide, PHONE)
    leaving.page.click("[data-option=yes]")
    leaving.page.click("#exit") if how == "button" else leaving.page.keyboard.press("Escape")
    leaving.page.wait_for_url(EXIT_URL)  # after a step back to the guide's first history entry
    leaving.page.go_back()
    assert leaving.page.url == "about:blank"  # the guide was replaced: Back skips it
    assert leaving.outside_requests() == []
    leaving.close()


def test_nothing_is_stored_sent_or_put_in_the_address(browser: Any, guide: str, sggg: Pathway) -> None:
    visit = Visit(browser, guide, PHONE)
    length = visit.page.evaluate("history.length")
    screens: list[str] = []
    walk(visit, scenario_answers("s01-recent-assault-azc", sggg), lambda screen, n: screens.append(screen))
    stored = visit.page.evaluate(
        "async () => [document.cookie, localStorage.length, sessionStorage.length, (await indexedDB.databases()).length]"
    )
    assert stored == ["", 0, 0, 0]
    assert visit.context.cookies() == []
    # one history entry per screen (the safety screen gives its entry to the question after it), holding only its place
    entries = len(screens) - screens.count("interrupt")
    assert (visit.page.url, visit.page.evaluate("history.length")) == (guide, length + entries - 1)
    assert visit.page.evaluate("history.state") == {"screen": entries - 1}
    assert visit.outside_requests() == []
    visit.close()


def test_the_language_switch_sets_lang_and_keeps_the_place(browser: Any, guide: str) -> None:
    visit = Visit(browser, guide, PHONE)
    page = visit.page
    page.click("[data-option=yes]")
    before = page.get_attribute("h1", "data-question")
    page.click("#lang")
    assert (page.get_attribute("html", "lang"), page.get_attribute("html", "dir")) == ("en", "ltr")
    assert (page.get_attribute("h1", "data-question"), page.inner_text("#exit")) == (before, "Leave quickly")
    visit.shot("language-en")
    assert visit.axe_violations() == []
    visit.close()


def test_without_javascript_the_numbers_to_call_are_shown(browser: Any, guide: str, sggg: Pathway) -> None:
    visit = Visit(browser, guide, PHONE, java_script_enabled=False)
    numbers = visit.page.eval_on_selector_all("noscript .number, .calls .number", "els => els.map(e => e.textContent)")
    wanted = ["politie-112", "113-zelfmoordpreventie", "veilig-thuis", "centrum-seksueel-geweld"]
    assert numbers == [sggg.contacts[c].phone for c in wanted]
    assert "Safari of Chrome" in visit.page.inner_text("main")  # how to open it where the questions work
    visit.shot("no-javascript")
    assert visit.outside_requests() == []
    visit.close()


@pytest.mark.parametrize(
    "answers",
    [pytest.param(MOST_FOR_THE_PERSON, id="most-contacts"), pytest.param("s01-recent-assault-azc", id="s01")],
)
def test_the_person_s_page_prints_on_one_a4_page(browser: Any, guide: str, sggg: Pathway, answers: Any) -> None:
    given = scenario_answers(answers, sggg) if isinstance(answers, str) else answers
    visit = Visit(browser, guide, PHONE)
    walk(visit, given)
    visit.page.click("nav.actions .primary")
    assert visit.screen() == "person"
    pdf = visit.page.pdf(format="A4", print_background=True)
    (ARTIFACTS / f"person-{len(given)}.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf)) == 1
    visit.close()


def test_the_person_s_page_names_neither_the_pathway_nor_its_topic(browser: Any, guide: str, sggg: Pathway) -> None:
    visit = Visit(browser, guide, PHONE)
    walk(visit, scenario_answers("s01-recent-assault-azc", sggg))
    visit.page.click("nav.actions .primary")
    titles = [(visit.screen(), visit.page.title())]
    visit.page.click("#lang")
    titles.append((visit.screen(), visit.page.title()))
    assert titles == [("person", "Gids"), ("person", "Guide")]  # the tab and the history show it (N-M6, U10)
    visit.close()


def test_the_safety_screen_says_it_is_urgent(browser: Any, guide: str, sggg: Pathway) -> None:
    visit = Visit(browser, guide, PHONE)
    said: list[str] = []

    def why(screen: str, n: int) -> None:
        if screen == "interrupt":
            said.append(visit.page.inner_text("h1 + p"))

    walk(visit, scenario_answers("s28-rape-last-night-advice-only", sggg), why)  # the CSG call within 72 hours
    assert said == ["Dit is dringend. Bel eerst. Daarna kun je verder met de vragen."]
    visit.close()


@pytest.mark.parametrize(
    ("many", "summary"), [("six", ("Nog 1 stap", "1 more step")), ("seven", ("Nog 2 stappen", "2 more steps"))]
)
def test_the_steps_left_out_are_counted_in_words(
    browser: Any, write: Callable[[str, str], Path], tmp_path: Path, many: str, summary: tuple[str, str]
) -> None:
    path = tmp_path / "gids.html"
    path.write_text(build_page(load_pathway(write("steps.yaml", STEPS)), "nl"), encoding="utf-8")
    visit = Visit(browser, path.as_uri(), PHONE)
    walk(visit, {"many": many})
    shown = [visit.page.inner_text("#screen > details > summary")]
    visit.page.click("#lang")
    shown.append(visit.page.inner_text("#screen > details > summary"))
    assert tuple(shown) == summary
    visit.close()


def test_a_contact_without_phone_or_website_has_no_empty_see_website(browser: Any, guide: str, sggg: Pathway) -> None:
    visit = Visit(browser, guide, PHONE)
    walk(visit, scenario_answers("s04-dependent-permit-abuse", sggg))  # with the GP: no phone, no website (U14)
    reach = visit.page.eval_on_selector_all(
        ".contacts > li", "els => els.map(e => [e.dataset.contact, e.querySelector('h3 + *').textContent])"
    )
    unreachable = [cid for cid, _ in reach if not sggg.contacts[cid].phone and not sggg.contacts[cid].url]
    empty = [cid for cid, text in reach if re.match(r"zie website:(?! https?://)", text)]
    assert (unreachable, empty) == (["huisarts"], [])
    visit.close()


@pytest.mark.parametrize("scenario", ["s01-recent-assault-azc", "s12-not-safe-to-talk"])
def test_the_role_words_are_the_terminal_s(browser: Any, guide: str, sggg: Pathway, scenario: str) -> None:
    visit = Visit(browser, guide, PHONE)
    answers = scenario_answers(scenario, sggg)
    walk(visit, answers)
    shown = visit.page.eval_on_selector_all(".contacts > li .facts", "els => els.map(e => e.textContent)")
    outcome = build_outcome(sggg, answers)
    hours = {c.contact.id: f"{DOT}{pick(c.contact.hours, 'nl')}" if c.contact.hours else "" for c in outcome.contacts}
    assert shown == [role_text(c, "nl") + hours[c.contact.id] for c in outcome.contacts]
    assert any("informatie voor jou" in text for text in shown)  # information not on the person's page (U6)
    visit.close()


def test_every_screen_passes_the_nu_html_checker(browser: Any, guide: str, sggg: Pathway, tmp_path: Path) -> None:
    vnu = Path(os.environ.get("SAMEN_REFER_VNU_JAR", "-"))
    if not vnu.is_file() or shutil.which("java") is None:
        missing(
            "set SAMEN_REFER_VNU_JAR to vnu.jar (npm ci --prefix .ci: .ci/node_modules/vnu-jar/build/dist/vnu.jar; needs Java)"
        )
    visit = Visit(browser, guide, PHONE)
    screens: list[Path] = []

    def keep(screen: str, n: int) -> None:
        screens.append(tmp_path / f"{n:02d}-{screen}.html")
        screens[-1].write_text(visit.page.content(), encoding="utf-8")

    walk(visit, scenario_answers("s10-suicidal-thoughts", sggg), keep)
    visit.page.click("nav.actions .primary")
    keep("person", 99)
    visit.close()
    checked = subprocess.run(
        ["java", "-jar", str(vnu), "--errors-only", *map(str, screens)], capture_output=True, text=True, timeout=300
    )
    assert (len(screens) > 10, checked.returncode, checked.stderr) == (True, 0, "")


def test_a_regional_walk_shows_the_region_after_the_national_line(
    browser: Any, sggg: Pathway, tmp_path_factory: pytest.TempPathFactory
) -> None:
    library = Library.open(REPO / "pathways")
    region = region_for(library, "nijmegen", sggg)
    path = tmp_path_factory.mktemp("guide-region") / "gids.html"
    path.write_text(build_page(sggg, "nl", region), encoding="utf-8")
    visit = Visit(browser, path.as_uri(), PHONE)
    answers = scenario_answers("s33-nijmegen-undocumented-earlier", sggg)
    walk(visit, answers)
    outcome = build_outcome(sggg, answers, region=region)
    _, contacts, _, _ = shown_advice(visit)
    assert contacts == [(c.contact.id, c.role) for c in outcome.contacts]
    item = visit.page.inner_text("li[data-contact='zorgcafe-nijmegen']")
    assert "in je regio" in item
    visit.page.click("nav.actions .primary")
    cards = visit.page.eval_on_selector_all("section.card", "els => els.map(e => e.dataset.contact)")
    assert cards == [c.contact.id for c in outcome.person_contacts]
    assert "(in je regio)" in visit.page.inner_text("section.card[data-contact='zorgcafe-nijmegen'] h2")
    assert (visit.errors, visit.outside_requests()) == ([], [])
    visit.close()


# --- numbers stay in order beside right-to-left text (R9) ---------------------------------------------------------

DIGITS_IN_ORDER = """els => els.map(e => {
  const text = e.firstChild, lefts = [];
  for (let i = 0; i < text.length; i++) {
    if (!/[0-9]/.test(text.data[i])) continue;
    const range = document.createRange();
    range.setStart(text, i);
    range.setEnd(text, i + 1);
    lefts.push(range.getClientRects()[0].left);
  }
  return [e.tagName, e.getAttribute('dir'), e.childNodes.length, text.data, lefts];
})"""


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_a_number_beside_arabic_keeps_its_digits_in_order_left_to_right(
    browser: Any, tmp_path: Path, direction: str
) -> None:
    """The contacts' names are Arabic and the page is set right to left as a translation into Arabic or Farsi would
    be: each number is a ``bdi dir=ltr`` holding only it, and its digits are laid out left to right in their order
    (without the isolate, "012 345 67 89" in a right-to-left line is drawn as "89 67 345 012")."""
    folder = arabic_pathways(tmp_path / "p")
    path = tmp_path / "gids.html"
    path.write_text(build_page(open_pathway(Library.open(folder), "mini"), "nl"), encoding="utf-8")
    visit = Visit(browser, path.as_uri(), PHONE)
    visit.page.evaluate(f"document.documentElement.dir = {direction!r}")
    walk(visit, {"danger": "no", "children": "yes", "consent": "referral", "report": "yes"})
    for screen in ("result", "person"):
        if screen == "person":
            visit.page.click("nav.actions .primary")
        visit.shot(f"numbers-{direction}-{screen}")
        numbers = visit.page.eval_on_selector_all(".number", DIGITS_IN_ORDER)
        assert numbers, screen
        for tag, way, children, text, lefts in numbers:
            assert (tag, way, children, text in NUMBERS.values()) == ("BDI", "ltr", 1, True)
            assert lefts == sorted(lefts) and len(set(lefts)) == len(lefts), (screen, text, lefts)
    assert (visit.errors, visit.outside_requests()) == ([], [])
    visit.close()


# --- quick exit in a frame (R7) -----------------------------------------------------------------------------------

ORG_TITLE, ORG_HEADING = "Stichting: hulp bij geweld", "Hulp bij seksueel geweld"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def framing(sggg: Pathway, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The guide served from 127.0.0.1, and an organisation's page framing it: from the same server, from another
    origin (another port), and in a sandboxed frame. Name -> address."""
    folder = tmp_path_factory.mktemp("served")
    (folder / "gids.html").write_text(build_page(sggg, "nl"), encoding="utf-8")
    servers = [
        http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
        for _ in range(2)
    ]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    here, other = (f"http://127.0.0.1:{server.server_port}" for server in servers)
    guide = f"{here}/gids.html"
    for name, frame in [("org", ""), ("sandboxed", ' sandbox="allow-scripts"')]:
        (folder / f"{name}.html").write_text(
            f"<!DOCTYPE html><title>{ORG_TITLE}</title><h1>{ORG_HEADING}</h1>"
            f'<iframe src="{guide}"{frame} width="400" height="700"></iframe>',
            encoding="utf-8",
        )
    yield {"guide": guide, "same-origin": f"{here}/org.html", "other-origin": f"{other}/org.html",
           "sandboxed": f"{here}/sandboxed.html"}  # fmt: skip
    for server in servers:
        server.shutdown()
        server.server_close()


class Framed:
    """The organisation's page in a fresh context: 127.0.0.1 is served, every other request is recorded (address,
    whether the top window asked for it) and aborted, so nothing reaches the outside world."""

    def __init__(self, browser: Any, url: str) -> None:
        self.context = browser.new_context(viewport=PHONE)
        self.outside: list[tuple[str, bool]] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.goto(url)
        self.frame = self.page.frame_locator("iframe")

    def _route(self, route: Any) -> None:
        if route.request.url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            self.outside.append((route.request.url, route.request.frame == self.page.main_frame))
            route.abort()

    def close(self) -> None:
        self.context.close()


@pytest.mark.parametrize("how", ["button", "Escape", "Shift"])
@pytest.mark.parametrize("where", ["same-origin", "other-origin"])
def test_quick_exit_in_a_frame_takes_the_whole_window_away(
    browser: Any, framing: dict[str, str], where: str, how: str
) -> None:
    framed = Framed(browser, framing[where])
    assert framed.page.inner_text("h1") == ORG_HEADING
    framed.frame.locator("[data-option=yes]").click()  # an answer tapped in the frame: the focus is there
    if how == "button":
        framed.frame.locator("#exit").click()
    for _ in range({"Escape": 1, "Shift": 3}.get(how, 0)):  # Shift pressed three times, as GOV.UK's exit
        framed.page.keyboard.press(how)
    eventually(framed.page, lambda: framed.page.url != framing[where])
    assert framed.outside == [(EXIT_URL, True)]  # the top window went for the quick exit's page (aborted here)
    assert framed.page.url != framing[where]
    assert ORG_HEADING not in framed.page.content() and framed.page.title() != ORG_TITLE
    framed.close()


def test_a_sandboxed_frame_that_may_not_move_the_window_at_least_empties_and_leaves(
    browser: Any, framing: dict[str, str]
) -> None:
    framed = Framed(browser, framing["sandboxed"])
    framed.frame.locator("[data-option=yes]").click()
    framed.frame.locator("#exit").click()
    eventually(framed.page, lambda: framed.page.frames[1].url != framing["guide"])
    assert framed.outside == [(EXIT_URL, False)]  # the frame left; the window could not (README: link, not frame)
    assert framed.page.frames[1].url != framing["guide"]
    assert framed.page.inner_text("h1") == ORG_HEADING  # what no page inside a sandbox can change
    framed.close()


def test_in_a_frame_the_guide_says_so_and_offers_itself_on_its_own(browser: Any, framing: dict[str, str]) -> None:
    framed = Framed(browser, framing["other-origin"])
    notice = framed.frame.locator("[data-framed]")
    assert "andere webpagina" in notice.inner_text()
    if AXE.is_file():  # the notice meets WCAG 2.2 AA like the rest (axe-core run in the frame)
        guide = framed.page.frames[1]
        guide.evaluate(axe_source())
        found = guide.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map(v => v.id))",
            WCAG_22_AA,
        )
        assert found == []
    with framed.page.expect_navigation():
        notice.locator("a").click()
    assert framed.page.url == framing["guide"]  # the guide alone: quick exit now leaves everything
    assert framed.page.locator("[data-framed]").count() == 0
    assert framed.outside == []
    framed.close()


def test_not_framed_there_is_no_notice(browser: Any, guide: str) -> None:
    visit = Visit(browser, guide, PHONE)
    assert visit.page.locator("[data-framed]").count() == 0
    visit.close()
