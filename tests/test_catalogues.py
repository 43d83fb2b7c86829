"""The tool's own words come from gettext catalogues: complete, compiled, and Dutch in a Dutch session."""

from __future__ import annotations

import gettext
import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samen_refer.checks.load import load_pathway
from samen_refer.cli.app import app
from samen_refer.cli.options import Lang
from samen_refer.i18n.translation import DOMAIN, LOCALE, catalogue_languages, translate
from tests.conftest import MINI, REPO
from tests.test_validate import CASES, write_case
from tests.trainers import run, write_scenario

polib = pytest.importorskip("polib")
PLACEHOLDER = re.compile(r"\{\w+\}")


def source_texts() -> list[tuple[str, str, str]]:
    from samen_refer.i18n.catalogues import source_texts as texts

    return list(texts())


def test_the_lang_choices_are_the_catalogues() -> None:
    assert tuple(sorted(lang.value for lang in Lang)) == catalogue_languages() == ("en", "nl")


def test_the_catalogues_and_their_compiled_files_are_up_to_date() -> None:
    checked = subprocess.run(
        [sys.executable, "-m", "samen_refer.i18n.catalogues", "--check"], cwd=REPO, capture_output=True, text=True
    )
    assert (checked.returncode, checked.stdout) == (0, "")


@pytest.mark.parametrize("lang", ["nl"])
def test_every_text_of_the_tool_is_translated_with_the_same_placeholders(lang: str) -> None:
    po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"))
    translated = {(e.msgctxt, e.msgid): e.msgstr for e in po.translated_entries()}
    missing = [context for context, english, _ in source_texts() if (context, english) not in translated]
    assert missing == []
    for (context, english), text in translated.items():
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(english)), context


def test_a_text_missing_from_the_catalogue_stays_english_and_is_caught() -> None:
    assert translate("result", "Advice", "nl") == "Advies"
    assert translate("no-such-key", "Not in the catalogue", "nl") == "Not in the catalogue"
    assert isinstance(gettext.translation(DOMAIN, LOCALE, ["nl"]), gettext.GNUTranslations)


def test_problem_sentences_must_be_literals_so_that_the_catalogue_has_them() -> None:
    texts = dict(source_texts_of("problem"))
    assert "unknown key '{key}' in {record}; did you mean '{close}'?" in texts
    assert "urgency is '{urgency}', expected {expected}" in texts  # endings.unmet, told again by scenario.py


def test_every_sentence_of_an_unmet_expectation_is_told_from_the_catalogue() -> None:
    from samen_refer.checks.scenarios import shortfalls
    from samen_refer.engine.endings import unmet
    from samen_refer.engine.route import follow
    from samen_refer.format.expectation import Expectation

    outcome = follow(load_pathway(MINI / "mini.yaml"), {"danger": "yes"}).outcome
    assert outcome is not None
    first, *_ = (c.contact.id for c in outcome.contacts)
    expect = Expectation(
        urgency=("routine",),
        first_contact="nobody",
        contacts=(("nobody", "refer"), (first, "refer")),
        absent=(first,),
        roles_absent=(outcome.contacts[0].role,),
        steps=("no-step",),
        steps_absent=(outcome.steps[0].step.id,),
        person_contacts=("nobody",),
        person_absent=tuple(c.contact.id for c in outcome.person_contacts),
    )
    sentences = unmet(outcome, expect)
    told = shortfalls(outcome, expect)
    assert len(sentences) == len(told) >= 10
    assert [s.told("en") for s in told] == sentences
    assert all(s.values for s in told), [s.text for s in told if not s.values]  # each one recognised
    assert [s.told("nl") for s in told if s.told("nl") in sentences] == []


def source_texts_of(context: str) -> list[tuple[str, str]]:
    return [(english, where) for c, english, where in source_texts() if c == context]


# Every command, in a Dutch session: none of the tool's English texts may show (pathway texts are Dutch anyway).
# {broken}: a pathway with problems; {trainer}: a scenario that does not match; {changed}: mini with other advice.
NL_RUNS = [
    (["route", "-a", "danger=yes", "-a", "safe_to_talk=yes"], None, 3),
    (["route", "-a", "danger=no", "--details"], None, 3),
    (["start", "mini", "--pathways", str(MINI), "--plain"], "2\n?\nb\n2\n2\n2\n", 0),
    (["start", "mini", "--pathways", str(MINI)], "2\nq\n1\n", 0),
    (["contacts"], None, 0),
    (["pathways"], None, 0),
    (["scenarios", "list"], None, 0),
    (["scenarios", "run", "s12-not-safe-to-talk", "--plain"], "1\n1\n1\n", 3),
    (["scenarios", "run", "s12-not-safe-to-talk", "--reveal"], "", 0),
    (["scenarios", "sheet", "s01-recent-assault-azc", "--audience", "trainer"], None, 0),
    (["scenarios", "sheet", "--pathways", "{trainer}"], None, 2),
    (["scenarios", "export", "--format", "twee"], None, 0),
    (["scenarios", "check", "--pathways", "{trainer}"], None, 1),
    (["scenarios", "check"], None, 0),
    (["scenarios", "coverage", "mini", "--pathways", "{trainer}"], None, 0),
    (["graph"], None, 0),
    (["graph", "--from", "nope"], None, 2),
    (["validate", "{broken}"], None, 1),
    (["validate"], None, 0),
    (["route", "mini", "--pathways", "{broken}", "-a", "danger=no"], None, 2),
    (["routes", "mini", "--pathways", str(MINI), "--limit", "2"], None, 0),
    (["routes", "--count"], None, 0),
    (["diff", str(MINI / "mini.yaml"), "{changed}"], None, 0),
    (["diff", str(MINI / "mini.yaml"), str(MINI / "mini.yaml")], None, 0),
    (["diff", str(MINI / "mini.yaml")], None, 2),
    (["diff", "--base", "no-such-ref", str(MINI / "mini.yaml")], None, 2),
    (["schema", "scenario", "-o", "{out}", "--force"], None, 0),
    (["handout", "--answers", "{out}"], None, 2),
]


@pytest.fixture
def places(tmp_path: Path) -> dict[str, str]:
    """The folders and files NL_RUNS names in braces."""
    broken = write_case(tmp_path / "broken", CASES["schema-unknown-key"])
    mini = (broken / "mini.yaml").read_text(encoding="utf-8")
    (broken / "mini.yaml").write_text(mini.replace("politie-112, role", "politie-113, role"), encoding="utf-8")
    trainer = tmp_path / "trainer"
    shutil.copytree(MINI, trainer)
    write_scenario(trainer, "m1", "{danger: yes}", "{urgency: routine, absent: [politie-112], steps: [nope]}")
    changed = tmp_path / "changed" / "mini.yaml"
    changed.parent.mkdir()
    shutil.copy(MINI / "contacts.yaml", changed.parent)
    text = (MINI / "mini.yaml").read_text(encoding="utf-8")
    changed.write_text(text.replace("urgency: urgent", "urgency: soon").replace("Bel nu 112.", "Bel 112."), "utf-8")
    (tmp_path / "out.txt").write_text("danger: [\n", encoding="utf-8")
    return {"broken": str(broken), "trainer": str(trainer), "changed": str(changed), "out": str(tmp_path / "out.txt")}


@cache
def english_texts() -> list[str]:
    """The tool's English texts that differ from their Dutch translation (long enough to be recognisable)."""
    out = []
    for context, english, _ in source_texts():
        if translate(context, english, "nl") != english:
            out += [part.strip() for part in PLACEHOLDER.split(english) if len(part.strip()) >= 8]
    return out


@pytest.mark.parametrize(
    ("args", "typed", "status"), NL_RUNS, ids=lambda value: " ".join(value) if isinstance(value, list) else ""
)
def test_a_dutch_session_shows_no_english_text_of_the_tool(
    args: list[str], typed: str | None, status: int, places: dict[str, str]
) -> None:
    code, out, err = run(*(arg.format(**places) for arg in args), "--lang", "nl", input=typed)
    assert code == status, out + err
    assert [text for text in english_texts() if text in without_parser_words(out + err)] == []


def without_parser_words(shown: str) -> str:
    """The text without PyYAML's own description of a syntax error: that stays English, and Dutch says so."""
    return re.sub(r"de YAML-lezer zegt \(in het Engels\): .*? \[yaml-syntax\]", "", shown, flags=re.DOTALL)


@pytest.mark.parametrize("check", sorted(CASES))
def test_every_problem_validate_finds_is_told_in_dutch(tmp_path: Path, check: str) -> None:
    code, out, err = run("validate", str(write_case(tmp_path, CASES[check])), "--lang", "nl")
    assert code in (0, 1) and f"[{check}]" in out, out + err
    assert [text for text in english_texts() if text in without_parser_words(out + err)] == []


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["route", "-a", "danger=maybe"],
            "samen-refer: vraag 'danger' heeft geen antwoord 'maybe'\n  Kies uit: yes, self, both, no, unsure.\n",
        ),
        (
            ["route", "-a", "danger"],
            "samen-refer: --answer 'danger' is niet VRAAG=ANTWOORD\n  Schrijf het zo: --answer danger=no.\n",
        ),
        (["route", "nope"], "samen-refer: er is geen routekaart 'nope' in "),
        (["handout"], "samen-refer: voor een handout zijn de antwoorden nodig: geef --answers BESTAND\n"),
        (["scenarios", "run", "nope"], "samen-refer: er is geen oefening 'nope'\n"),
    ],
)
def test_errors_are_told_in_the_chosen_language(args: list[str], said: str) -> None:
    code, out, err = run(*args, "--lang", "nl")
    assert (code, out) == (2, "")
    assert err.startswith(said)


HELP_RUNS = [
    [],
    *([name] for name in ("start", "route", "contacts", "pathways", "handout", "validate", "routes", "graph", "diff")),
    ["schema"],
    ["scenarios"],
    *(["scenarios", name] for name in ("list", "run", "check", "coverage", "sheet", "export")),
]


@pytest.mark.parametrize("command", HELP_RUNS, ids=" ".join)
def test_help_is_dutch_in_a_dutch_session(command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"], env={"SAMEN_REFER_LANG": "nl"})
    code, out = result.exit_code, result.stdout
    assert code == 0
    assert out.startswith("Gebruik: ")
    assert "Options:" not in out and "Usage:" not in out and "Show this message" not in out
    assert [text for text in english_texts() if text in " ".join(out.split())] == []


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["route", "--nope"], "samen-refer: Optie --nope bestaat niet\n  Typ 'samen-refer route --help' voor hulp.\n"),
        (["route", "--format"], "samen-refer: Na optie '--format' moet een waarde komen.\n"),
        (["route", "--format", "pdf"], "samen-refer: Ongeldige waarde voor '--format': 'pdf' kan niet; kies uit "),
        (["scenarios", "run"], "samen-refer: 'scenario_id' ontbreekt.\n  Typ 'samen-refer scenarios run --help'"),
        (["nonsense"], "samen-refer: Opdracht 'nonsense' bestaat niet.\n"),
        (["route", "a", "b"], "samen-refer: Te veel argumenten (b)\n"),
    ],
)
def test_usage_errors_are_dutch_in_a_dutch_session(args: list[str], said: str) -> None:
    result = CliRunner().invoke(app, args, env={"SAMEN_REFER_LANG": "nl"})
    code, out, err = result.exit_code, result.stdout, result.stderr
    assert (code, out) == (2, "")
    assert err.startswith(said)


@pytest.mark.parametrize(("lang", "title"), [("nl", "Hulp voor jou"), ("en", "Help for you")])
def test_templates_can_use_the_catalogue_through_jinja2_i18n(tmp_path: Path, lang: str, title: str) -> None:
    from samen_refer.render.handout import render

    (tmp_path / "handout").mkdir()
    (tmp_path / "handout" / "person.txt.j2").write_text(
        '{{ pgettext("handout.person_title", "Help for you") }} / {{ t.person_title }}\n', encoding="utf-8"
    )
    assert (
        render("handout/person.txt.j2", {"lang": lang, "t": {"person_title": title}}, tmp_path)
        == f"{title} / {title}\n"
    )


def test_a_changed_english_text_keeps_its_translation_as_fuzzy_and_out_of_the_mo(tmp_path: Path) -> None:
    """Issue 25: the merge dropped a translation whose English changed. Now it is kept, marked fuzzy with the English
    it translated (``#| msgid``), for a translator to check; until then the .mo leaves it out and the tool says the new
    English. A text keyed by its own context, and a help text among many of its context (the closest one)."""
    copy = tmp_path / "samen_refer"
    shutil.copytree(REPO / "samen_refer", copy, ignore=shutil.ignore_patterns("__pycache__"))
    changes = [
        ("i18n/messages.py", '"reminder": "Acute danger? Call 112."', '"reminder": "In acute danger? Call 112."'),
        ("cli/options.py", 'help="Replace FILE if it exists."', 'help="Replace FILE if it exists already."'),
    ]
    for name, old, new in changes:
        source = copy / name
        text = source.read_text(encoding="utf-8")
        assert text.count(old) == 1
        source.write_text(text.replace(old, new), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "samen_refer.i18n.catalogues"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (0, "")
    messages = copy / "i18n" / "locale" / "nl" / "LC_MESSAGES"
    po = polib.pofile(str(messages / f"{DOMAIN}.po"), wrapwidth=0)
    kept = {(e.msgctxt, e.msgid): (e.msgstr, e.flags, e.previous_msgid) for e in po if e.fuzzy or e.previous_msgid}
    assert kept == {
        ("reminder", "In acute danger? Call 112."): ("Acuut gevaar? Bel 112.", ["fuzzy"], "Acute danger? Call 112."),
        ("help", "Replace FILE if it exists already."): (
            "Vervang FILE als het al bestaat.",
            ["fuzzy"],
            "Replace FILE if it exists.",
        ),
    }
    assert '#| msgid "Acute danger? Call 112."' in (messages / f"{DOMAIN}.po").read_text(encoding="utf-8")
    with (messages / f"{DOMAIN}.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    assert compiled.pgettext("reminder", "In acute danger? Call 112.") == "In acute danger? Call 112."
    assert compiled.pgettext("help", "Replace FILE if it exists already.") == "Replace FILE if it exists already."
    assert compiled.pgettext("result", "Advice") == "Advies"  # the rest is as it was
    again = subprocess.run(
        [sys.executable, "-m", "samen_refer.i18n.catalogues", "--check"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 0, again.stdout  # a second run keeps the fuzzy entries as they are
