"""The tool's own words come from gettext catalogues: complete, compiled, and Dutch in a Dutch session."""

from __future__ import annotations

import gettext
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samen_refer.cli.app import app
from samen_refer.cli.options import Lang
from samen_refer.i18n import DOMAIN, LOCALE, catalogue_languages, translate
from tests.conftest import MINI, REPO
from tests.trainers import run

polib = pytest.importorskip("polib")
PLACEHOLDER = re.compile(r"\{\w+\}")


def source_texts() -> list[tuple[str, str, str]]:
    sys.path.insert(0, str(REPO / "tools"))
    try:
        from catalogues import source_texts as texts
    finally:
        sys.path.remove(str(REPO / "tools"))
    return list(texts())


def test_the_lang_choices_are_the_catalogues() -> None:
    assert tuple(sorted(lang.value for lang in Lang)) == catalogue_languages() == ("en", "nl")


def test_the_catalogues_and_their_compiled_files_are_up_to_date() -> None:
    checked = subprocess.run(
        [sys.executable, "tools/catalogues.py", "--check"], cwd=REPO, capture_output=True, text=True
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


# Every command, in a Dutch session: none of the tool's English texts may show (pathway texts are Dutch anyway).
NL_RUNS = [
    (["route", "-a", "danger=yes", "-a", "safe_to_talk=yes"], None),
    (["route", "-a", "danger=no", "--details"], None),
    (["start", "mini", "--pathways", str(MINI), "--plain"], "2\n?\nb\n2\n2\n2\n"),
    (["start", "mini", "--pathways", str(MINI)], "2\nq\n1\n"),
    (["contacts"], None),
    (["pathways"], None),
    (["scenarios", "list"], None),
    (["scenarios", "run", "s12-not-safe-to-talk", "--plain"], "1\n1\n1\n"),
    (["scenarios", "run", "s12-not-safe-to-talk", "--reveal"], ""),
    (["scenarios", "sheet", "s01-recent-assault-azc", "--audience", "trainer"], None),
    (["scenarios", "export", "--format", "twee"], None),
    (["graph"], None),
]


def english_texts() -> list[str]:
    """The tool's English texts that differ from their Dutch translation (long enough to be recognisable)."""
    out = []
    for context, english, _ in source_texts():
        if translate(context, english, "nl") != english:
            out += [part.strip() for part in PLACEHOLDER.split(english) if len(part.strip()) >= 8]
    return out


@pytest.mark.parametrize(
    ("args", "typed"), NL_RUNS, ids=lambda value: " ".join(value) if isinstance(value, list) else ""
)
def test_a_dutch_session_shows_no_english_text_of_the_tool(args: list[str], typed: str | None) -> None:
    code, out, err = run(*args, "--lang", "nl", input=typed)
    assert code in (0, 3), err
    shown = out + err
    assert [text for text in english_texts() if text in shown] == []


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
        (["route", "nope"], "samen-refer: er is geen route 'nope' in "),
        (["handout"], "samen-refer: voor een handout zijn de antwoorden nodig: geef --answers BESTAND\n"),
        (["scenarios", "run", "nope"], "samen-refer: er is geen oefening 'nope' in "),
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
    from samen_refer.handout import render

    (tmp_path / "handout").mkdir()
    (tmp_path / "handout" / "person.txt.j2").write_text(
        '{{ pgettext("handout.person_title", "Help for you") }} / {{ t.person_title }}\n', encoding="utf-8"
    )
    assert (
        render("handout/person.txt.j2", {"lang": lang, "t": {"person_title": title}}, tmp_path)
        == f"{title} / {title}\n"
    )
