"""The practice page (``web --practice``, issue 22 point 5): the scenarios on the phone, scored as ``scenarios run``.

- The score and the comparison: the page's ``mark`` (``practice.js``, run by Node) gives ``exercise.mark``'s
  differences, contacts, urgencies and score on a table of walks (which ``scenarios run`` scores the same) and on
  random answers (Hypothesis).
- In Chromium at 360x740: a case picked, its situation read and walked gives the score of ``scenarios run``; no
  screen before the end shows what is expected; the comparison comes before the trainee's advice; nothing is stored,
  sent or put in the address; quick exit; both languages; axe-core finds nothing.
- The command: flags, the usage errors, the file written only when asked, ``-o -`` to standard output.

Uses the fixtures and helpers of ``tests/test_web_browser.py`` (Chromium, axe-core, the visit that records requests).
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samen_refer.checks.load import region_for
from samen_refer.checks.scenarios import load_scenarios
from samen_refer.engine.exercise import mark
from samen_refer.engine.route import follow, new_interrupts
from samen_refer.format.language import pick
from samen_refer.format.library import Library
from samen_refer.format.pathway import Pathway
from samen_refer.format.region import Region
from samen_refer.format.scenario import Scenario
from samen_refer.i18n.messages import say
from samen_refer.render.web.compiled import compile_pathway
from samen_refer.render.web.page import EXIT_URL, asset, build_page
from samen_refer.render.web.practice import compile_practice
from tests import test_web_browser
from tests.conftest import MINI, missing
from tests.test_web_browser import PHONE, Visit, eventually
from tests.test_web_engine import NODE
from tests.trainers import run

browser, sggg = test_web_browser.browser, test_web_browser.sggg

Cases = dict[str, tuple[Scenario, Region | None]]
Marked = dict[str, Any]
EXPECTED_WORD = {"nl": "Verwacht", "en": "Expected"}


@pytest.fixture(scope="module")
def cases(sggg: Pathway) -> Cases:
    library = Library.open(None)
    found = [s for s in load_scenarios(library.root / "scenarios") if s.pathway == sggg.id]
    return {s.id: (s, region_for(library, s.region, sggg)) for s in found}


def expected_answers(pathway: Pathway, case: tuple[Scenario, Region | None]) -> dict[str, str]:
    """The scenario's answers on its route, in the order asked."""
    return {a.question: a.option for a in follow(pathway, case[0].given(), case[1]).answers}


def python_mark(pathway: Pathway, case: tuple[Scenario, Region | None], answers: dict[str, str]) -> Marked:
    """What ``scenarios run`` compares and scores for these answers (``exercise.mark``), as plain data."""
    scenario, region = case
    compared = mark(pathway, scenario, follow(pathway, answers, region), region)
    return {
        "answers": [list(d) for d in compared.answers],
        "missed": [c.contact.id for c in compared.missed],
        "added": [c.contact.id for c in compared.added],
        "roles": [[r.contact.id, r.expected, r.chosen] for r in compared.roles],
        "urgency": list(compared.urgency),
        "score": compared.score,
    }


class PageMark:
    """The page's ``mark`` in one Node process: one line of answers in, one line of comparison out."""

    def __init__(self, pathway: Pathway, cases: Cases) -> None:
        if NODE is None:
            missing("needs Node.js (`node`) to run the page's script")
        script = Path(__file__).parent / "web_practice.js"
        command = [str(NODE), str(script), str(asset("engine.js")), str(asset("practice.js"))]
        self.node = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        languages = list(pathway.languages)
        self._send(
            {
                "pathway": compile_pathway(pathway, languages),
                "practice": compile_practice(pathway, list(cases.values()), languages),
            }
        )

    def _send(self, value: object) -> None:
        assert self.node.stdin is not None
        self.node.stdin.write(json.dumps(value, ensure_ascii=False) + "\n")
        self.node.stdin.flush()

    def __call__(self, scenario: str, answers: dict[str, str]) -> Marked:
        assert self.node.stdout is not None
        self._send({"scenario": scenario, "answers": list(answers.items())})
        result: Marked = json.loads(self.node.stdout.readline())
        return result

    def close(self) -> None:
        assert self.node.stdin is not None and self.node.stdout is not None
        self.node.stdin.close()
        self.node.stdout.close()
        assert self.node.wait(timeout=30) == 0


@pytest.fixture(scope="module")
def page_mark(sggg: Pathway, cases: Cases) -> Iterator[PageMark]:
    marker = PageMark(sggg, cases)
    yield marker
    marker.close()


def cli_score(pathway: Pathway, scenario_id: str, answers: dict[str, str], region: Region | None) -> int:
    """The score ``scenarios run`` prints for these answers, typed in the order asked."""
    typed, before = "", dict[str, str]()
    for question, option in answers.items():
        now = {**before, question: option}
        typed += f"{option}\n"
        if new_interrupts(pathway, before, now) and not follow(pathway, now, region).complete:
            typed += "1\n"  # the safety screen came first; go on with the questions
        before = now
    code, out, _ = run("scenarios", "run", scenario_id, "--plain", "--lang", "en", input=typed)
    found = re.search(r"Score: (\d+) out of 100", out)
    assert code == 0 and found, out
    return int(found.group(1))


# (scenario, answers changed from the expected ones, the score): every number as `scenarios run` gives it
WALKS = [
    ("s01-recent-assault-azc", {}, 100),
    ("s01-recent-assault-azc", {"timing": "within_72_hours"}, 82),
    ("s01-recent-assault-azc", {"timing": "within_72_hours", "report": "no"}, 79),
    ("s10-suicidal-thoughts", {"danger": "no", "consent": "referral", "report": "no"}, 50),
    ("s17-child-witness-advice-only", {"helper": "professional", "household": "yes"}, 96),
    ("s33-nijmegen-undocumented-earlier", {}, 100),
    ("s33-nijmegen-undocumented-earlier", {"residence": "asylum_seeker"}, 81),
]


def walked(pathway: Pathway, case: tuple[Scenario, Region | None], changes: dict[str, str]) -> dict[str, str]:
    """The expected answers with ``changes``, then on as far as the route goes, as a trainee would answer."""
    answers = {**expected_answers(pathway, case), **changes}
    route = follow(pathway, {**case[0].given(), **changes}, case[1])
    assert route.complete, changes
    return {a.question: answers.get(a.question, a.option) for a in route.answers}


@pytest.mark.parametrize(("scenario", "changes", "score"), WALKS)
def test_the_page_scores_a_walk_as_scenarios_run(
    sggg: Pathway, cases: Cases, page_mark: PageMark, scenario: str, changes: dict[str, str], score: int
) -> None:
    answers = walked(sggg, cases[scenario], changes)
    ours = python_mark(sggg, cases[scenario], answers)
    assert page_mark(scenario, answers) == ours
    assert (ours["score"], cli_score(sggg, scenario, answers, cases[scenario][1])) == (score, score)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_page_marks_random_answers_as_python(sggg: Pathway, cases: Cases, page_mark: PageMark, data: Any) -> None:
    scenario = data.draw(st.sampled_from(sorted(cases)))
    expected = cases[scenario][0].given()
    kept = data.draw(st.sets(st.sampled_from([q.id for q in sggg.questions])))
    answers = {
        q.id: expected[q.id]
        if q.id in kept and q.id in expected
        else data.draw(st.sampled_from([o.id for o in q.options]))
        for q in sggg.questions
    }
    route_answers = {a.question: a.option for a in follow(sggg, answers, cases[scenario][1]).answers}
    assert page_mark(scenario, answers) == python_mark(sggg, cases[scenario], route_answers)


# --- in Chromium, on a phone ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def practice(sggg: Pathway, cases: Cases, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The practice page for sggg, opening in Dutch, as a file:// address."""
    path = tmp_path_factory.mktemp("practice") / "oefenen.html"
    path.write_text(build_page(sggg, "nl", cases=list(cases.values())), encoding="utf-8")
    return path.as_uri()


def walk_case(visit: Visit, scenario: str, answers: dict[str, str], each_screen: Callable[[str], None]) -> None:
    """Pick the case, read its situation, answer the questions with ``answers`` up to the comparison."""
    each_screen(visit.screen())
    visit.page.click(f"[data-case='{scenario}']")
    each_screen(visit.screen())
    visit.page.click("nav.actions .primary")
    for _ in range(40):
        screen = visit.screen()
        if screen == "comparison":
            return
        each_screen(screen)
        if screen == "interrupt":
            visit.page.click("nav.actions .primary")
        else:
            visit.page.click(f"[data-option='{answers[str(visit.page.get_attribute('h1', 'data-question'))]}']")
    raise AssertionError("the walk did not reach the comparison")


def in_order(visit: Visit, *selectors: str) -> list[int]:
    """Where each selector's first element stands in the page, in document order (-1: not there)."""
    return list(
        visit.page.evaluate(
            "sels => { const all = Array.from(document.querySelectorAll('*'));"
            " return sels.map(s => all.indexOf(document.querySelector(s))); }",
            list(selectors),
        )
    )


def test_a_case_walked_on_a_phone_gets_the_score_of_scenarios_run_and_shows_nothing_expected_before_the_end(
    browser: Any, practice: str, sggg: Pathway, cases: Cases
) -> None:
    scenario, changes, score = WALKS[2]  # two answers differ: 79, as `scenarios run` scores it (the table above)
    case = cases[scenario]
    answers = walked(sggg, case, changes)
    ours = python_mark(sggg, case, answers)
    expected_route = expected_answers(sggg, case)
    # what tells the trainee what is expected: the column's word, the score, the expected urgency, the points to
    # discuss, and on the list and the situation the labels of the expected options (those long enough to be telling)
    told = [f"{EXPECTED_WORD['nl']}:", "Score", say(f"urgency.{ours['urgency'][0]}", "nl")]
    told += [pick(point, "nl") for point in case[0].discussion]
    labels = [pick(o.label, "nl") for q in sggg.questions for o in q.options if expected_route.get(q.id) == o.id]
    visit = Visit(browser, practice, PHONE)
    seen: list[str] = []
    violations: list[str] = []

    def check(screen: str) -> None:
        seen.append(screen)
        text = visit.page.inner_text("body")
        shown = [word for word in told if word in text]
        if screen in ("cases", "situation"):
            shown += [label for label in labels if len(label) >= 20 and label in text]
            violations.extend(visit.axe_violations())
        assert shown == [], f"{screen}: {shown}"

    walk_case(visit, scenario, answers, check)
    page = visit.page
    assert seen[:2] == ["cases", "situation"] and "question" in seen
    assert int(str(page.get_attribute("[data-score]", "data-score"))) == ours["score"] == score
    differing = page.eval_on_selector_all("[data-differs]", "els => els.map(e => e.dataset.question)")
    assert differing == [question for question, _, _ in ours["answers"]]
    assert f"Score: {score} van 100" in page.inner_text("body")
    # first the comparison and the score, then the trainee's own advice
    order = in_order(visit, "[data-screen=comparison]", "[data-score]", "[data-advice]", "[data-urgency]")
    assert -1 not in order and order == sorted(order)
    assert page.get_attribute("[data-urgency]", "data-urgency") == ours["urgency"][1]
    visit.shot("practice-s01-comparison")
    violations.extend(visit.axe_violations())
    assert (violations, visit.errors, visit.outside_requests()) == ([], [], [])
    visit.close()


def test_a_case_in_a_region_walked_in_english_as_expected_scores_100(
    browser: Any, practice: str, sggg: Pathway, cases: Cases
) -> None:
    scenario = "s33-nijmegen-undocumented-earlier"
    visit = Visit(browser, practice, PHONE)
    visit.page.click("#lang")  # the guide's language switch
    walk_case(visit, scenario, expected_answers(sggg, cases[scenario]), lambda screen: None)
    page = visit.page
    text = page.inner_text("body")
    assert ("Score: 100 out of 100" in text, "You chose as expected everywhere." in text) == (True, True)
    assert "The same contacts, roles and urgency as expected." in text
    # the region's own contact is in the trainee's advice, as in `scenarios run` in its region
    contacts = page.eval_on_selector_all(".contacts > li", "els => els.map(e => e.dataset.contact)")
    assert "zorgcafe-nijmegen" in contacts
    page.click("#lang")
    assert "Score: 100 van 100" in page.inner_text("body")
    assert (visit.errors, visit.outside_requests()) == ([], [])
    visit.close()


def test_the_practice_page_stores_nothing_starts_again_at_the_cases_and_has_the_quick_exit(
    browser: Any, practice: str, sggg: Pathway, cases: Cases
) -> None:
    scenario = "s10-suicidal-thoughts"
    visit = Visit(browser, practice, PHONE)
    page = visit.page
    walk_case(visit, scenario, expected_answers(sggg, cases[scenario]), lambda screen: None)
    stored = page.evaluate(
        "async () => [document.cookie, localStorage.length, sessionStorage.length, (await indexedDB.databases()).length]"
    )
    assert (stored, visit.context.cookies(), page.url, page.title()) == (["", 0, 0, 0], [], practice, "Gids")
    page.click("nav.actions button:text('Opnieuw beginnen')")
    eventually(page, lambda: visit.screen() == "cases")
    assert visit.screen() == "cases"
    page.click(f"[data-case='{scenario}']")
    page.keyboard.press("Escape")
    page.wait_for_url(EXIT_URL)
    page.go_back()
    assert page.url == "about:blank"  # the page was replaced: Back skips it
    assert visit.outside_requests() == []
    visit.close()


# --- the command ------------------------------------------------------------------------------------------------


def test_practice_writes_the_page_only_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "oefenen.html"
    assert run("web", "--practice", "-o", str(target)) == (0, f"Opgeslagen in {target}.\n", "")
    page = target.read_text(encoding="utf-8")
    assert ('<html lang="nl"' in page, "<title>Gids</title>" in page, '"practice":' in page) == (True, True, True)
    assert target.stat().st_mode & 0o777 == 0o644  # a page to hand out: it holds no answers
    for output in ([], ["-o", "-"]):  # printed: "-" is standard output, never a file called "-"
        code, out, err = run("web", "--practice", "--lang", "en", *output)
        assert (code, err, out.startswith('<!DOCTYPE html>\n<html lang="en"')) == (0, "", True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["oefenen.html"]


@pytest.mark.parametrize(
    ("flags", "error"),
    [
        (
            ["--site", "site"],
            "samen-refer: geef --practice of --site, niet allebei\n",
        ),
        (
            ["--region", "nijmegen", "-o", "oefenen.html"],
            "samen-refer: geef --practice of --region, niet allebei\n",
        ),
        (
            ["mini", "--pathways", str(MINI), "-o", "oefenen.html"],
            f"samen-refer: route 'mini' heeft geen oefeningen in {MINI / 'scenarios'}, dus er is niets om te oefenen\n",
        ),
    ],
)
def test_practice_with_a_flag_it_cannot_use_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flags: list[str], error: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("web", "--practice", *flags)
    assert (code, out, err.splitlines(keepends=True)[0]) == (2, "", error)
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_the_guide_holds_nothing_of_the_practice(sggg: Pathway) -> None:
    guide = build_page(sggg, "nl")
    assert ('"practice":' in guide, '"p.score":' in guide, "samenPractice=" in guide) == (False, False, False)
