"""The phone guide on a phone (issue 21, U9-U12, U15): Chromium emulating a touch phone of 320x640 and 360x740, in
Dutch and in English, walking the three situations of the UX review (2026-12-05, section 3).

- Back: the phone's Back goes one question back and marks the answer given there; the history holds one entry per
  screen with nothing but its place in the walk; a reload keeps nothing and says so.
- Quick exit: the button, Shift pressed three times, or Escape; after it neither Back nor Forward shows the guide.
- Title: one neutral title ("Gids", "Guide") on every screen.
- Layout: the question and its answers (up to five) on the first screen, the tip and "why" below them; no screen
  wider than the phone; tap targets of at least 44x44 px; the 112 line is a call link; hover only where a device hovers.
- Without JavaScript (an iPhone's Quick Look): 112, 113, 0800-2000 and 0800-0188 as call links, and where the
  questions do work.
- axe-core (WCAG 2.2 AA, target size included) finds nothing on any screen.

Uses the fixtures and helpers of ``tests/test_web_browser.py`` (Chromium, axe-core, the visit that records requests).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import pytest

from samen_refer.checks.load import open_pathway
from samen_refer.format.language import pick
from samen_refer.format.library import Library
from samen_refer.format.pathway import Pathway
from samen_refer.render.web.page import EXIT_URL, alarm, asset, build_page, compact
from tests import test_web_browser
from tests.test_direction import arabic_pathways
from tests.test_web_browser import Visit, eventually, walk

# the fixtures of the browser tests: Chromium, the sggg pathway and its page opening in Dutch
browser, sggg, guide = test_web_browser.browser, test_web_browser.sggg, test_web_browser.guide

SIZES = {"320x640": {"width": 320, "height": 640}, "360x740": {"width": 360, "height": 740}}
TITLE = {"nl": "Gids", "en": "Guide"}
EARLIER = {"nl": "Eerder gekozen: ", "en": "Chosen before: "}
NOT_KEPT = {"nl": "Je antwoorden zijn niet bewaard. Begin opnieuw.", "en": "Your answers were not kept. Start again."}
TAP = 44  # CSS px, each way
ABOVE_THE_FOLD = 5  # answers that must be on the first screen (a question with more shows at least these)

# The three situations of the UX review, section 3, as the phone guide asks them (questions it skips are not asked).
SITUATIONS = {
    # (a) A woman was raped two days ago by an acquaintance. She wants no police. She is in the asylum procedure.
    "a": {
        "safe_to_talk": "yes", "danger": "no", "helper": "volunteer", "violence": "sexual", "household": "no",
        "timing": "within_72_hours", "recent_assault": "no", "where": "netherlands", "children": "no",
        "residence": "asylum_seeker", "consent": "referral", "report": "no", "interpreter": "yes",
    },
    # (b) A man says his brother threatens him for honour reasons. He is scared for tonight.
    "b": {
        "safe_to_talk": "yes", "danger": "yes", "helper": "volunteer", "violence": "honour", "household": "yes",
        "timing": "ongoing", "recent_assault": "no", "where": "netherlands", "children": "no", "residence": "unknown",
        "consent": "referral", "report": "unsure", "interpreter": "no",
    },
    # (c) A mother says her partner hits her and the children see it. She does not want anything reported.
    "c": {
        "safe_to_talk": "yes", "danger": "no", "helper": "volunteer", "violence": "domestic", "household": "yes",
        "timing": "ongoing", "recent_assault": "no", "where": "netherlands", "children": "yes",
        "residence": "other_permit", "consent": "advice_only", "report": "no", "interpreter": "no",
    },
}  # fmt: skip

# What one screen shows, measured in the page: the problems found, as readable strings (none: an empty list).
MEASURE = """([tapMin, fold]) => {
  const problems = [], height = innerHeight, width = innerWidth;
  const root = document.documentElement;
  if (root.scrollWidth > width) problems.push(`wider than the phone: ${root.scrollWidth} > ${width}`);
  const box = e => e.getBoundingClientRect();
  const heading = document.querySelector('#screen h1');
  if (heading.dataset.question) {
    const options = [...document.querySelectorAll('.options .option')];
    const must = options.slice(0, fold);
    if (box(heading).top < 0 || must.some(o => box(o).bottom > height)) {
      problems.push(`answers below the fold: ${must.filter(o => box(o).bottom > height).map(o => o.dataset.option)}`);
    }
    const last = box(options[options.length - 1]).bottom;
    for (const later of document.querySelectorAll('#screen .tip, #screen details.why')) {
      if (box(later).top < last) problems.push(`${later.className} above the answers`);
    }
  }
  for (const target of document.querySelectorAll('button, summary, a.call, a.reminder, #exit')) {
    const r = box(target);
    if (r.width && (r.width < tapMin || r.height < tapMin)) {
      problems.push(`small target ${target.textContent.slice(0, 30)}: ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
  }
  const reminder = document.querySelector('#screen .reminder');
  if (!reminder || reminder.getAttribute('href') !== 'tel:112') problems.push('the 112 line is not a call link');
  if (!/^[0-9+]+$/.test(reminder && reminder.querySelector('bdi.number') ? reminder.querySelector('bdi').textContent : '-')) {
    problems.push('the 112 in the line is not a number of its own');
  }
  return problems;
}"""


def phone(browser: Any, url: str, size: str, **options: Any) -> Visit:
    """A visit on a touch phone of ``size`` (a high-density screen, as phones have)."""
    return Visit(browser, url, SIZES[size], is_mobile=True, has_touch=True, device_scale_factor=2, **options)


@pytest.fixture(scope="module")
def guides(sggg: Pathway, guide: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The page opening in Dutch and in English, as file:// addresses."""
    path = tmp_path_factory.mktemp("phone") / "guide.html"
    path.write_text(build_page(sggg, "en"), encoding="utf-8")
    return {"nl": guide, "en": path.as_uri()}


def at(visit: Visit) -> tuple[str, str | None]:
    """The screen shown (a question's id, interrupt, result or person) and the answer marked on it."""
    page = visit.page
    question = page.get_attribute("h1", "data-question")
    marked = page.locator(".option.earlier")
    return str(question or visit.screen()), (marked.get_attribute("data-option") if marked.count() else None)


def answer_until(visit: Visit, answers: dict[str, str], stop: str) -> list[str]:
    """Answer (going on after each safety screen) until question ``stop`` is shown; the questions answered."""
    asked: list[str] = []
    for _ in range(40):
        screen, _marked = at(visit)
        if screen == stop:
            return asked
        if screen == "interrupt":
            visit.page.click("nav.actions .primary")
        else:
            visit.page.click(f"[data-option='{answers[screen]}']")
            asked.append(screen)
    raise AssertionError(f"{stop} was never asked")


def history(visit: Visit) -> tuple[str, Any]:
    return visit.page.url, visit.page.evaluate("history.state")


# --- every screen of the three situations ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("situation", list(SITUATIONS))
def test_every_screen_fits_the_phone_names_nothing_and_passes_axe(
    browser: Any, guides: dict[str, str], sggg: Pathway, situation: str, size: str, lang: str
) -> None:
    """On every screen: the neutral title, no sideways scrolling, the answers above the fold (the tip and "why" after
    them), tap targets of 44x44 px, the 112 line a call link, the history entry only a counter, axe clean."""
    visit = phone(browser, guides[lang], size)
    found: list[tuple[str, str]] = []
    seen: list[str] = []

    def check(screen: str, n: int) -> None:
        name = at(visit)[0]
        seen.append(name)
        problems = visit.page.evaluate(MEASURE, [TAP, ABOVE_THE_FOLD])
        problems += [f"axe {v}" for v in visit.axe_violations()]
        if visit.page.title() != TITLE[lang]:
            problems.append(f"title {visit.page.title()!r}")
        address, state = history(visit)
        if address != guides[lang] or not isinstance(state, dict) or set(state) != {"screen"}:
            problems.append(f"history {history(visit)}")
        found.extend((f"{n}:{name}", p) for p in problems)
        if n in (0, 1, 4):
            visit.shot(f"phone-{situation}-{size}-{lang}-{n:02d}-{name}")

    walk(visit, SITUATIONS[situation], check)
    visit.page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")  # all there is
    width = visit.page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    if width[0] > width[1]:
        found.append(("result, everything open", f"wider than the phone: {width}"))
    visit.shot(f"phone-{situation}-{size}-{lang}-result-open")
    if visit.page.locator("nav.actions .primary").count():  # the person's page, where it is safe to offer
        visit.page.click("nav.actions .primary")
        check("person", 99)
    assert (found, visit.errors, visit.outside_requests()) == ([], [], [])
    assert seen.count("result") == 1 and len(seen) >= 12  # the whole walk was checked
    visit.close()


def test_the_situations_reach_the_advice_the_review_saw(sggg: Pathway) -> None:
    """(a) has the CSG's safety screen and (b) the 112 one; (c) none (the review's walks)."""
    from samen_refer.engine.interrupt import interrupt_after
    from samen_refer.engine.route import follow

    shown: dict[str, list[str]] = {}
    for name, answers in SITUATIONS.items():
        given = {a.question: a.option for a in follow(sggg, answers).answers}
        steps: dict[str, str] = {}
        fired: list[str] = []
        for question, option in given.items():
            before = dict(steps)
            steps[question] = option
            interrupt = interrupt_after(sggg, before, steps)
            if interrupt is not None:
                fired += [c.contact.id for c in interrupt.calls]
        shown[name] = fired
    assert shown == {"a": ["centrum-seksueel-geweld"], "b": ["politie-112"], "c": []}


# --- Back -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("size", list(SIZES))
def test_back_at_question_5_shows_question_4_with_its_answer_marked(
    browser: Any, guides: dict[str, str], sggg: Pathway, size: str, lang: str
) -> None:
    visit = phone(browser, guides[lang], size)
    answers = SITUATIONS["a"]
    asked = answer_until(visit, answers, "timing")  # question 5
    assert asked == ["safe_to_talk", "danger", "helper", "violence"]
    assert history(visit) == (guides[lang], {"screen": 4})
    visit.page.go_back()
    assert at(visit) == ("violence", "sexual")
    label = pick(sggg.question("violence").option("sexual").label, lang)  # type: ignore[union-attr]
    assert visit.page.inner_text("p.earlier") == EARLIER[lang] + label
    assert visit.page.get_attribute(".option.earlier", "aria-describedby") == "earlier"
    assert history(visit) == (guides[lang], {"screen": 3})  # nothing of the answers in the address or the history
    visit.page.go_forward()
    assert at(visit) == ("timing", None)
    visit.page.click("nav.actions .secondary")  # the page's own Back does the same, through the history
    assert (at(visit), history(visit)) == (("violence", "sexual"), (guides[lang], {"screen": 3}))
    visit.page.click("[data-option='domestic']")  # another answer: the screens after it are forgotten
    assert visit.page.evaluate("history.length") == 6  # about:blank and five screens of the guide
    assert at(visit) == ("timing", None)  # after another answer, the one given here before is not marked
    assert (visit.errors, visit.outside_requests()) == ([], [])
    visit.close()


@pytest.mark.parametrize("situation", list(SITUATIONS))
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_back_from_the_end_goes_through_every_question_in_turn_and_then_leaves_the_guide(
    browser: Any, guides: dict[str, str], sggg: Pathway, situation: str, lang: str
) -> None:
    """From the person's page to the advice, from the advice to the last question, and so on to the first, each with
    its answer marked; the safety screen gave its place to the question after it (Back skips it, as the terminal's
    "b"); Back at the first question leaves the guide."""
    visit = phone(browser, guides[lang], "360x740")
    answers = SITUATIONS[situation]
    screens: list[str] = []
    walk(visit, answers, lambda screen, n: screens.append(at(visit)[0]))
    asked = [s for s in screens if s not in ("interrupt", "result")]
    person = visit.page.locator("nav.actions .primary").count() == 1
    if person:
        visit.page.click("nav.actions .primary")
        assert at(visit)[0] == "person"
    went_back = []
    for _ in range(len(asked) + person):
        visit.page.go_back()
        went_back.append(at(visit))
    assert went_back == [("result", None)] * person + [(q, answers[q]) for q in reversed(asked)]
    assert history(visit) == (guides[lang], {"screen": 0})
    visit.page.go_back()
    assert visit.page.url == "about:blank"
    assert (visit.errors, visit.outside_requests()) == ([], [])
    visit.close()


@pytest.mark.parametrize("how", ["browser", "button"])
def test_back_from_the_safety_screen_marks_the_answer_that_led_there(
    browser: Any, guides: dict[str, str], how: str
) -> None:
    visit = phone(browser, guides["nl"], "320x640")
    answer_until(visit, SITUATIONS["b"], "helper")  # (b): danger from another person, the 112 screen first
    visit.page.go_back()  # from the question after the safety screen: back to the safety screen's question
    assert at(visit) == ("danger", "yes")
    visit.page.click("[data-option='yes']")
    assert at(visit) == ("interrupt", None)
    visit.page.go_back() if how == "browser" else visit.page.click("nav.actions .secondary")
    assert (at(visit), history(visit)[1]) == (("danger", "yes"), {"screen": 1})
    visit.close()


def test_starting_again_forgets_the_walk_and_its_history(browser: Any, guides: dict[str, str]) -> None:
    visit = phone(browser, guides["nl"], "360x740")
    walk(visit, SITUATIONS["c"])
    visit.page.click("nav.actions button:last-child")  # "Opnieuw beginnen"
    assert (at(visit), history(visit)[1]) == (("safe_to_talk", None), {"screen": 0})
    visit.page.go_forward()  # the old walk's screens are not there any more
    visit.page.wait_for_timeout(200)
    assert (at(visit), history(visit)[1]) == (("safe_to_talk", None), {"screen": 0})
    visit.page.go_back()
    assert visit.page.url == "about:blank"
    visit.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_reload_keeps_nothing_and_says_so(browser: Any, guides: dict[str, str], lang: str) -> None:
    visit = phone(browser, guides[lang], "360x740")
    answer_until(visit, SITUATIONS["a"], "children")  # question 7
    visit.page.reload()
    visit.page.wait_for_selector("h1[data-question]")
    assert at(visit) == ("safe_to_talk", None)
    assert visit.page.inner_text("[data-notice]") == NOT_KEPT[lang]
    assert history(visit) == (guides[lang], {"screen": 0})  # at the guide's first entry again
    visit.page.click("[data-option='yes']")
    assert visit.page.locator("[data-notice]").count() == 0  # said once, on the first question
    visit.page.go_back()
    visit.page.go_back()
    assert visit.page.url == "about:blank"  # no way back into the walk before the reload
    assert (visit.errors, visit.outside_requests()) == ([], [])
    visit.close()


# --- quick exit -----------------------------------------------------------------------------------------------------

# In every document of the guide opened from now on: report it the moment a screen of the walk is put on the page.
WATCH = """if (location.protocol === 'file:') {
  new MutationObserver(() => {
    const heading = document.querySelector('#screen h1[data-question], #screen h1[data-screen]');
    if (heading && !heading.dataset.seen) {
      heading.dataset.seen = '1';
      window.guideShown(heading.textContent);
    }
  }).observe(document, {subtree: true, childList: true});
}"""


def press_shift_three_times(visit: Visit) -> None:
    for _ in range(3):
        visit.page.keyboard.press("Shift")


QUICK_EXIT: dict[str, Callable[[Visit], None]] = {
    "button": lambda visit: visit.page.tap("#exit"),
    "Shift x3": press_shift_three_times,
    "Escape": lambda visit: visit.page.keyboard.press("Escape"),
}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("how", list(QUICK_EXIT))
def test_after_quick_exit_neither_back_nor_forward_shows_the_guide(
    browser: Any, guides: dict[str, str], how: str, size: str, lang: str
) -> None:
    visit = phone(browser, guides[lang], size)
    answer_until(visit, SITUATIONS["a"], "timing")
    visit.page.go_back()  # at question 4, with question 5 ahead in the history
    shown: list[str] = []
    visit.context.expose_function("guideShown", lambda text: shown.append(str(text)))
    visit.context.add_init_script(WATCH)
    QUICK_EXIT[how](visit)
    visit.page.wait_for_url(EXIT_URL)
    visit.page.go_back()
    assert visit.page.url == "about:blank"  # the page before the guide
    for _ in range(3):  # Forward, into the entries the walk left: straight back to the neutral page
        visit.page.go_forward()
        visit.page.wait_for_url(EXIT_URL)
        visit.page.wait_for_timeout(200)
        assert visit.page.url == EXIT_URL
    assert shown == []
    assert (visit.errors, visit.outside_requests()) == ([], [])
    visit.close()


def test_shift_three_times_empties_the_page_before_it_leaves(browser: Any, guides: dict[str, str]) -> None:
    visit = phone(browser, guides["nl"], "320x640", exit_status=204)  # a 204 answer keeps the emptied page on screen
    visit.page.click("[data-option='yes']")
    press_shift_three_times(visit)
    eventually(visit.page, lambda: (visit.page.title(), visit.page.inner_html("body")) == ("", ""))
    assert (visit.page.title(), visit.page.inner_html("body")) == ("", "")
    visit.close()


@pytest.mark.parametrize(
    "keys",
    [
        pytest.param(["Shift", "Shift"], id="twice"),
        pytest.param(["Shift+A", "Shift", "Shift"], id="shift-for-a-capital-does-not-count"),
        pytest.param(["Shift", "Shift", "a", "Shift"], id="another-key-starts-again"),
        pytest.param(["Shift", "Shift+Tab", "Shift"], id="shift-tab-does-not-count"),
    ],
)
def test_shift_that_is_not_three_presses_in_a_row_stays(browser: Any, guides: dict[str, str], keys: list[str]) -> None:
    visit = phone(browser, guides["nl"], "360x740")
    visit.page.click("[data-option='yes']")
    for key in keys:
        visit.page.keyboard.press(key)
    visit.page.wait_for_timeout(300)
    assert (visit.page.url, at(visit)[0]) == (guides["nl"], "danger")
    visit.close()


def test_three_shifts_count_only_within_5_seconds_of_each_other(browser: Any, guides: dict[str, str]) -> None:
    visit = phone(browser, guides["nl"], "360x740")
    visit.page.clock.install()
    visit.page.click("[data-option='yes']")
    visit.page.keyboard.press("Shift")
    visit.page.clock.run_for(4900)
    visit.page.keyboard.press("Shift")
    visit.page.clock.run_for(5100)  # too long after the second: the count starts again
    visit.page.keyboard.press("Shift")
    visit.page.clock.run_for(4900)
    visit.page.keyboard.press("Shift")
    visit.page.clock.run_for(100)
    assert (visit.page.url, at(visit)[0]) == (guides["nl"], "danger")
    visit.page.keyboard.press("Shift")  # the third within 5 seconds
    visit.page.clock.run_for(2000)
    visit.page.wait_for_url(EXIT_URL)
    visit.close()


# --- without JavaScript ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("size", list(SIZES))
def test_without_javascript_the_four_numbers_are_call_links_and_it_says_where_the_questions_work(
    browser: Any, guides: dict[str, str], sggg: Pathway, size: str, lang: str
) -> None:
    """As an iPhone shows a downloaded file (Quick Look runs no script): the numbers come from the contacts file."""
    visit = phone(browser, guides[lang], size, java_script_enabled=False)
    calls = visit.page.eval_on_selector_all(
        "main .call", "els => els.map(e => [e.getAttribute('href'), e.querySelector('bdi.number').textContent])"
    )
    wanted = ["politie-112", "113-zelfmoordpreventie", "veilig-thuis", "centrum-seksueel-geweld"]
    numbers = [str(sggg.contacts[c].phone) for c in wanted]
    assert [tuple(c) for c in calls] == [("tel:" + re.sub(r"\D", "", n), n) for n in numbers]
    assert numbers == ["112", "113", "0800-2000", "0800-0188"]  # as verified (shared/facts/contacts.md)
    assert "Safari" in visit.page.inner_text("main") and "Chrome" in visit.page.inner_text("main")
    assert visit.page.title() == TITLE[lang]
    width = visit.page.eval_on_selector("html", "root => [root.scrollWidth, innerWidth]")
    assert width[0] <= width[1]
    visit.shot(f"phone-no-javascript-{size}-{lang}")
    assert visit.outside_requests() == []
    visit.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_without_javascript_the_page_passes_axe(browser: Any, sggg: Pathway, tmp_path: Path, lang: str) -> None:
    """axe-core needs a script to run, so it checks the page as a browser without JavaScript shows it: the
    ``noscript`` content in place and the page's own script left out."""
    page = build_page(sggg, lang)
    shown = re.sub(r"<script>.*?</script>", "", page, flags=re.DOTALL)
    shown = shown.replace("<noscript>", '<div class="noscript">').replace("</noscript>", "</div>")
    path = tmp_path / "no-javascript.html"
    path.write_text(shown, encoding="utf-8")
    visit = phone(browser, path.as_uri(), "320x640")
    assert visit.page.locator("main .call").count() == 4
    assert visit.axe_violations() == []
    visit.close()


# --- the page as built ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "title"), list(TITLE.items()))
def test_the_page_s_title_is_neutral_in_every_language(sggg: Pathway, lang: str, title: str) -> None:
    page = build_page(sggg, lang)
    assert re.findall(r"<title>(.*?)</title>", page) == [title]
    assert pick(sggg.title, lang) not in page.split("<script", 1)[0]  # nor the topic anywhere before the data


def test_the_title_stays_neutral_after_switching_language(browser: Any, guides: dict[str, str]) -> None:
    visit = phone(browser, guides["nl"], "360x740")
    titles = [visit.page.title()]
    visit.page.click("#lang")
    titles.append(visit.page.title())
    visit.page.click("[data-option='yes']")
    titles.append(visit.page.title())
    assert titles == ["Gids", "Guide", "Guide"]
    visit.close()


def test_the_reminder_calls_the_number_it_names_and_only_that(sggg: Pathway, tmp_path: Path) -> None:
    """ "Acuut gevaar? Bel 112." is a call link to 112, the number of a contact; a reminder that names no contact's
    number stays text (no number is made up from the words)."""
    assert alarm(sggg) == {"phone": "112"}
    other = open_pathway(Library.open(arabic_pathways(tmp_path / "p")), "mini")  # its 112 contact has another number
    assert "112" in str(other.reminder) and alarm(other) is None


def test_hover_styles_only_where_a_device_can_hover() -> None:
    """A finger on a touch screen "hovers" where it tapped, so an answer on the next screen looked chosen (U15)."""
    css = asset("page.css").read_text(encoding="utf-8")
    outside = re.sub(r"@media \(hover: hover\) \{(?:[^{}]*\{[^{}]*\})*\s*\}", "", css)
    assert ":hover" in css and ":hover" not in outside


def test_only_a_number_is_kept_on_one_line() -> None:
    css = asset("page.css").read_text(encoding="utf-8")
    assert re.findall(r"([^{}\n]+)\{[^}]*white-space: nowrap", css) == [".number "]


@pytest.mark.parametrize(
    ("source", "compacted"),
    [
        ('var a = "// not a comment"; // a comment\n', 'var a = "// not a comment";\n'),
        ("var b = '/* kept */'; /* gone */\n", "var b = '/* kept */';\n"),
        ("return s.replace(/[^0-9+]/g, ''); // digits\n", "return s.replace(/[^0-9+]/g, '');\n"),
        ("x = /[/*]/.test(y) ? a / b : c; /* c */\n", "x = /[/*]/.test(y) ? a / b : c;\n"),
        ("var t = `a // b`;\n\n   // only this\n  f(1);\n", "var t = `a // b`;\nf(1);\n"),
        ('h1 { font: "a/*b"; } /* gone */\n', 'h1 { font: "a/*b"; }\n'),
    ],
)
def test_the_page_s_script_and_style_lose_only_their_comments_and_indentation(source: str, compacted: str) -> None:
    assert compact(source) == compacted


@pytest.mark.parametrize(
    ("tight", "source", "compacted"),
    [
        ("script", 'if (a === "x y") { f(a, b); } // c\n', 'if(a==="x y"){f(a,b);}\n'),
        ("script", "return a + +b - -c + -d;\n", "return a + +b - -c + -d;\n"),
        ("script", "x = /re/ * 2 / n;\n", "x=/re/ *2 / n;\n"),
        ("script", "var t = `a  ${ b }`;\nf( 1 )\n", "var t=`a  ${ b }`;\nf(1)\n"),
        ("style", ".a .b, .c > .d { margin: 0 1px; }\n", ".a .b,.c>.d{margin:0 1px;}\n"),
        ("style", '.p :is(.x, .y) { content: ": "; }\n', '.p :is(.x,.y){content:": ";}\n'),
        ("style", "@media (max-width: 30rem) {\n  h1 { a: b }\n}\n.x\n.y { c: calc(1rem + 2px) }\n",
         "@media (max-width:30rem){h1{a:b}}.x .y{c:calc(1rem + 2px)}\n"),
    ],
)  # fmt: skip
def test_tight_also_drops_the_spaces_that_mean_nothing(
    tight: Literal["script", "style"], source: str, compacted: str
) -> None:
    """The page ships script and style tight (at most 200 KB); a space that separates (a descendant selector, "+ +",
    "calc(a + b)", a string's) stays."""
    assert compact(source, tight=tight) == compacted


def test_the_compacted_script_is_the_script(tmp_path: Path) -> None:
    """The page carries its script without comments (it must stay under 200 KB): every statement is still there."""
    source = asset("engine.js").read_text(encoding="utf-8") + asset("walk.js").read_text(encoding="utf-8")
    strip = re.compile(r"/\*.*?\*/|(?<![:\"'])//[^\n]*", re.DOTALL)
    assert re.sub(r"\s+", "", compact(source)) == re.sub(r"\s+", "", strip.sub("", source))
