"""``samen-refer handout`` and the templates: every format and audience, escaping, privacy, valid HTML, overrides."""

from __future__ import annotations

import html
import stat
from pathlib import Path

import pytest

from samen_refer.checks.load import load_pathway
from samen_refer.checks.scenarios import read_scenario
from samen_refer.format.language import pick
from samen_refer.format.scenario import Scenario
from samen_refer.render.handout import escape_markdown, render, text_direction
from tests.conftest import MINI, REPO
from tests.trainers import html_problems, run, strict_html5

PATHWAYS = REPO / "pathways"
SHIPPED = ["--pathways", str(PATHWAYS)]
EVIL = "<script>alert(1)</script> [red]x[/red] [link=https://evil]y[/link] *b* _u_ # h"
FORMATS = ["txt", "md", "html"]


def shipped_scenario(name: str = "s01-recent-assault-azc") -> Scenario:
    scenario, problems = read_scenario(PATHWAYS / "scenarios" / f"{name}.yaml")
    assert scenario is not None, problems
    return scenario


def answers_file(folder: Path, scenario: str) -> Path:
    path = folder / "answers.yaml"
    path.write_text("".join(f"{q}: {o}\n" for q, o in shipped_scenario(scenario).given().items()), encoding="utf-8")
    return path


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    """The answers of a shipped scenario (a recent rape, asylum seeker, wants help, interpreter)."""
    return answers_file(tmp_path, "s01-recent-assault-azc")


def read(out: str, fmt: str) -> str:
    """The text as a reader sees it: HTML's character references (``&#39;``) read as characters."""
    return html.unescape(out) if fmt == "html" else out


def handout(answers: Path, fmt: str, audience: str, lang: str, *extra: str) -> str:
    code, out, err = run(
        "handout", "--answers", str(answers), "--format", fmt, "--audience", audience, "--lang", lang, *SHIPPED, *extra
    )
    assert (code, err) == (0, "")
    return out


# --- every format, audience and language ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("audience", ["helper", "person"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_handout_names_every_contact_with_its_facts(answers: Path, fmt: str, audience: str, lang: str) -> None:
    out = handout(answers, fmt, audience, lang)
    pathway = load_pathway(PATHWAYS / "sggg.yaml")
    csg = pathway.contacts["centrum-seksueel-geweld"]
    assert "0800-0188" in out and "Acuut gevaar? Bel 112." if lang == "nl" else "Acute danger? Call 112." in out
    name = pick(csg.name, lang)
    assert (escape_markdown(name) if fmt == "md" else name) in out
    if fmt == "html":
        assert out.startswith(f'<!DOCTYPE html>\n<html lang="{lang}" dir="ltr">\n<head>\n<meta charset="utf-8">')
        margin = "10mm" if audience == "person" else "18mm"  # the person's page: one A4, as the phone guide's
        assert f"@page {{ size: A4; margin: {margin}; }}" in out and "<title>" in out
        assert html_problems(out) == []
        strict_html5(out)


@pytest.mark.parametrize("fmt", FORMATS)
def test_person_handout_holds_no_answers(answers: Path, fmt: str) -> None:
    out = handout(answers, fmt, "person", "en")
    pathway = load_pathway(PATHWAYS / "sggg.yaml")
    for question_id, option_id in shipped_scenario().given().items():
        question = pathway.question(question_id)
        assert question is not None
        option = question.option(option_id)
        assert option is not None
        label = pick(option.label, "en")
        for shown in (f"{question_id}: {option_id}", f"{question_id}={option_id}", pick(question.text, "en"), label):
            if len(shown) > 4:  # short labels like "Yes" appear in any text
                assert escape_markdown(shown) not in out and shown not in out, shown
        for answer_id in (question_id, option_id):
            if "_" in answer_id:  # ids like safe_to_talk, asylum_seeker: not words of a text
                assert answer_id not in out and escape_markdown(answer_id) not in out
    assert "(because:" not in out and "This sheet is about one person" not in out


# what a paper found by someone else must not say: the tool, the pathway and its topic (N-M6)
REVEALING = (
    "samen-refer",
    "samen_refer",
    "Doorverwijzen na seksueel en gendergerelateerd geweld (SGGG)",
    "Referral after sexual and gender-based violence (SGBV)",
    "gendergerelateerd",
    "gender-based",
    "SGGG",
    "SGBV",
    "sggg",
)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_person_handout_names_neither_the_tool_nor_the_topic(answers: Path, fmt: str, lang: str) -> None:
    out = handout(answers, fmt, "person", lang)
    title = {"nl": "Hulp voor jou", "en": "Help for you"}[lang]
    heading = {"txt": title.upper(), "md": f"# {title}", "html": f"<title>{title}</title>"}[fmt]
    assert [s for s in REVEALING if s in out or escape_markdown(s) in out] == []
    assert heading in out


PERSON_INTRO = {
    "nl": (
        "Hier staan organisaties die je kunnen helpen. Jij kiest zelf of en wanneer je ze belt. Is iemand in gevaar, "
        "of is een kind niet veilig? Dan vraagt je helper misschien zelf hulp. Dat vertelt je helper je altijd eerst. "
        "Werkt je helper als professional? Dan kan die ook bij Veilig Thuis melden als het thuis niet veilig blijft. "
        "Dat bespreekt die eerst met jou."
    ),
    "en": (
        "Here are organisations that can help you. You choose if and when you call them. Is someone in danger, or "
        "is a child not safe? Then your helper may ask for help themselves. Your helper always tells you first. "
        "Does your helper work as a professional? Then they can also report to Veilig Thuis if it stays unsafe at "
        "home. They talk about that with you first."
    ),
}
CHECK_NUMBERS = {
    "nl": "Kijk voor je belt op de website van de organisatie of het nummer nog klopt.",
    "en": "Before you call, check the number on the organisation's own website.",
}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_person_handout_says_who_may_call_and_leaves_checking_to_the_helper(answers: Path, fmt: str, lang: str) -> None:
    person, helper = (" ".join(read(handout(answers, fmt, who, lang), fmt).split()) for who in ("person", "helper"))
    escape = escape_markdown if fmt == "md" else str
    assert [escape(PERSON_INTRO[lang]) in person, escape(CHECK_NUMBERS[lang]) in person] == [True, False]
    assert escape(CHECK_NUMBERS[lang]) in helper  # the helper checks the numbers; a survivor is not asked to


@pytest.mark.parametrize("fmt", FORMATS)
def test_helper_handout_keeps_the_pathway_and_the_tool(answers: Path, fmt: str) -> None:
    out = handout(answers, fmt, "helper", "nl")
    title = "Doorverwijzen na seksueel en gendergerelateerd geweld (SGGG)"
    assert "Gemaakt met samen-refer" in out
    assert (escape_markdown(title) if fmt == "md" else title) in out


def test_helper_handout_has_steps_words_to_say_and_because(answers: Path) -> None:
    out = handout(answers, "txt", "helper", "en")
    assert (
        "NEXT STEPS\n 1. The sexual violence was 3 to 7 days ago. Call the Sexual Assault Centre\n    (CSG) today:"
        in out
    )
    assert "    You can say: “There is help, also if you do not want to report to the\n    police." in out
    assert "    (because: Which form of violence is it mainly about? -> Sexual violence" in out
    assert "   Source read on 2026-11-28 - source: https://" in out


def test_helper_handout_says_for_whom_information_is(answers: Path) -> None:
    out = handout(answers, "txt", "helper", "en")
    assert "3. Zanzu.nl - information to pass on\n" in out  # on the person's handout too
    assert "5. Police (non-emergency) - information for you\n" in out  # not on it (U6)


def test_person_handout_says_only_what_the_contacts_file_says(answers: Path) -> None:
    out = handout(answers, "txt", "person", "en")
    assert "   Cost: Free for residents of a COA location (insured through COA)." in out  # gza.cost
    assert "0900-8844" not in out  # the police, for someone not sure about reporting: for the helper only (m13)
    assert out.count("Asking for advice can be anonymous.") == 1  # only the CSG has anonymous_advice here
    assert "Slachtofferhulp" not in out  # an 'advice' contact: for the helper to call


# --- not safe to talk: no paper for the person (N-M5) ----------------------------------------------------------------

NOT_SAFE = {
    "nl": (
        "samen-refer: geen handout: het is nu niet veilig om iets op papier of in een bestand mee te geven; er is "
        "niets geschreven\n"
        "  Maak hem later, als jullie veilig kunnen praten. Tot dan kan de persoon één nummer onthouden. Een handout "
        "voor jezelf kan wel: --audience helper.\n"
    ),
    "en": (
        "samen-refer: no handout: it is not safe now to give anything on paper or in a file; nothing was written\n"
        "  Make it later, when you can talk safely. Until then, the person can remember one number. A handout for "
        "yourself is fine: --audience helper.\n"
    ),
}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_no_handout_for_the_person_when_the_advice_says_it_is_not_safe(tmp_path: Path, fmt: str, lang: str) -> None:
    not_safe = answers_file(tmp_path, "s12-not-safe-to-talk")  # safe_to_talk: no, so the block says handout: false
    new, kept = tmp_path / f"new.{fmt}", tmp_path / f"kept.{fmt}"
    kept.write_text("mijn notities\n", encoding="utf-8")
    common = ["handout", "--answers", str(not_safe), "--format", fmt, "--audience", "person", "--lang", lang, *SHIPPED]
    assert [
        run(*common),
        run(*common, "-o", str(new)),
        run(*common, "-o", str(kept), "--force"),
    ] == [(1, "", NOT_SAFE[lang])] * 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml", f"kept.{fmt}"]
    assert kept.read_text(encoding="utf-8") == "mijn notities\n"
    assert handout(not_safe, fmt, "helper", lang).strip() != ""  # the helper's own sheet: steps for a later moment


# --- hostile content ------------------------------------------------------------------------------------------------


@pytest.fixture
def hostile_dir(mini_dir: Path) -> Path:
    """The mini pathway with markup in a contact's description and in a step."""
    contacts = mini_dir / "contacts.yaml"
    text = contacts.read_text(encoding="utf-8")
    text = text.replace(
        "does: {nl: Gratis hulp voor slachtoffers., en: Free help for victims.}",
        f"does: {{nl: '{EVIL}', en: '{EVIL}'}}",
    )
    contacts.write_text(text, encoding="utf-8")
    pathway = mini_dir / "mini.yaml"
    text = pathway.read_text(encoding="utf-8")
    pathway.write_text(text.replace("en: Take care of yourself too.", f"en: '{EVIL}'"), encoding="utf-8")
    return mini_dir


def hostile(folder: Path, fmt: str, audience: str) -> str:
    answers = folder / "answers.yaml"
    answers.write_text("danger: no\nchildren: no\nconsent: referral\nreport: no\n", encoding="utf-8")
    code, out, err = run(
        "handout", "mini", "--answers", str(answers), "--format", fmt, "--audience", audience, "--lang", "en",
        "--pathways", str(folder),
    )  # fmt: skip
    assert (code, err) == (0, "")
    return out


@pytest.mark.parametrize("audience", ["helper", "person"])
def test_markup_in_content_is_escaped_in_html(hostile_dir: Path, audience: str) -> None:
    out = hostile(hostile_dir, "html", audience)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [red]x[/red] [link=https://evil]y[/link]" in out
    assert "<script" not in out and 'href="https://evil' not in out
    assert html_problems(out) == []
    strict_html5(out)


@pytest.mark.parametrize("audience", ["helper", "person"])
def test_markup_in_content_is_escaped_in_markdown(hostile_dir: Path, audience: str) -> None:
    out = hostile(hostile_dir, "md", audience)
    assert r"\<script\>alert\(1\)\</script\> \[red\]x\[/red\] \[link=https://evil\]y\[/link\] \*b\* \_u\_ \# h" in out
    markdown_it = pytest.importorskip("markdown_it")
    page = markdown_it.MarkdownIt("commonmark").render(out)
    assert "<script" not in page and 'href="https://evil' not in page
    assert "<em>b</em>" not in page and "<em>u</em>" not in page and "<h1> h" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [red]x[/red] [link=https://evil]y[/link] *b* _u_ # h" in page


@pytest.mark.parametrize("audience", ["helper", "person"])
def test_markup_in_content_is_literal_in_text(hostile_dir: Path, audience: str) -> None:
    assert EVIL in " ".join(hostile(hostile_dir, "txt", audience).split())


# --- output, errors, templates --------------------------------------------------------------------------------------


def test_output_file_is_private_and_nothing_else_is_written(answers: Path, tmp_path: Path) -> None:
    target = tmp_path / "handout.html"
    out = handout(answers, "html", "person", "en", "-o", str(target))
    assert out == f"Saved to {target} (readable by you only).\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml", "handout.html"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        ([], 2, "samen-refer: a handout needs the answers: give --answers FILE"),
        (["--answers", "missing.yaml"], 2, "missing.yaml:1:1: error: file not found [file-unreadable]"),
        (["--answers", "{partial}"], 3, "samen-refer: the answers do not reach advice yet: question 'children'"),
        (["--answers", "{partial}", "--format", "pdf"], 2, "Invalid value for '--format'"),
        (["--answers", "{partial}", "--templates", "/does/not/exist"], 2, "Invalid value for '--templates'"),
    ],
)
def test_handout_errors(tmp_path: Path, args: list[str], code: int, message: str) -> None:
    partial = tmp_path / "partial.yaml"
    partial.write_text("danger: no\n", encoding="utf-8")
    args = [a.replace("{partial}", str(partial)) for a in args]
    result = run("handout", "mini", "--pathways", str(MINI), *args, "--lang", "en")
    assert (result[0], result[1]) == (code, "")
    assert message in result[2]


def test_a_maintainers_templates_come_first_then_the_built_in_ones(answers: Path, tmp_path: Path) -> None:
    mine = tmp_path / "templates"
    (mine / "handout").mkdir(parents=True)
    (mine / "handout" / "person.txt.j2").write_text("{{ contacts | length }} contacts: {{ t.person_title }}\n")
    assert handout(answers, "txt", "person", "en", "--templates", str(mine)) == "3 contacts: Help for you\n"
    assert handout(answers, "txt", "helper", "en", "--templates", str(mine)).startswith("ADVICE FOR YOU AS A HELPER")


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{% if %}", "person.txt.j2:1: error: Expected an expression, got 'end of statement block' [template-syntax]"),
        ("{{ nothing_like_this }}", "'nothing_like_this' is undefined"),
        ("{{ ''.__class__.__mro__ }}", "access to attribute '__class__' of 'str' object is unsafe"),
        ("{{ contacts[1].hours }}", "a value is empty (None)"),
    ],
)
def test_a_broken_template_is_a_clear_error(answers: Path, tmp_path: Path, template: str, message: str) -> None:
    (tmp_path / "handout").mkdir()
    (tmp_path / "handout" / "person.txt.j2").write_text(template, encoding="utf-8")
    code, out, err = run(
        "handout",
        "--answers",
        str(answers),
        "--audience",
        "person",
        "--templates",
        str(tmp_path),
        *SHIPPED,
        "--lang",
        "en",
    )
    assert (code, out) == (2, "")
    assert message in err


# --- building blocks ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "direction"), [("nl", "ltr"), ("en", "ltr"), ("ar", "rtl"), ("fa", "rtl"), ("he", "rtl"), ("ur", "rtl")]
)
def test_text_direction(lang: str, direction: str) -> None:
    assert text_direction(lang) == direction


def test_the_html_page_takes_language_and_direction() -> None:
    page = render("partials/base.html.j2", {"lang": "ar", "dir": text_direction("ar")})
    assert '<html lang="ar" dir="rtl">' in page


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain words, 0800-2000.", "plain words, 0800-2000."),
        (
            "*b* _i_ `c` [l](u) ![i](j) <b> # | ~ & \\",
            r"\*b\* \_i\_ \`c\` \[l\]\(u\) \!\[i\]\(j\) \<b\> \# \| \~ \& \\",
        ),
        ("- not a list", r"\- not a list"),
        ("1. not a list", r"1\. not a list"),
        ("version 1.0.0", "version 1.0.0"),
        ("= not a heading", r"\= not a heading"),
        ("two\n\nparagraphs", "two paragraphs"),
    ],
)
def test_escape_markdown(text: str, escaped: str) -> None:
    assert escape_markdown(text) == escaped
