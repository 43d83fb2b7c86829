"""The command line through Typer's test runner: exact outputs, exit statuses, and no traceback ever."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samen_refer.cli.app import app
from tests.conftest import MINI

runner = CliRunner()
MINI_ARGS = ["--pathways", str(MINI)]


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input, env=env)
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def route_json(*answers: str, lang: str = "nl") -> tuple[int, dict[str, object]]:
    args = ["route", "mini", *MINI_ARGS, "--format", "json", "--lang", lang]
    for answer in answers:
        args += ["--answer", answer]
    code, out, _ = run(*args)
    return code, json.loads(out)


def test_route_json_contract_when_complete() -> None:
    code, data = route_json("danger=yes", "report=yes")
    assert code == 0
    assert data["pathway"] == "mini" and data["version"] == "0.1" and data["language"] == "nl"
    assert data["complete"] is True
    assert data["answers"] == [{"question": "danger", "answer": "yes"}]
    assert data["unused_answers"] == ["report=yes"]
    assert data["next_question"] is None
    outcome = data["outcome"]
    assert isinstance(outcome, dict)
    assert outcome["urgency"] == "emergency"
    assert [s["id"] for s in outcome["steps"]] == ["call-112", "helper-wellbeing"]
    assert outcome["steps"][0]["because"] == [{"question": "danger", "answer": "yes"}]
    first = outcome["contacts"][0]
    assert {k: first[k] for k in ("id", "role", "name", "phone", "url", "hours", "verified")} == {
        "id": "politie-112",
        "role": "emergency",
        "name": "Alarmnummer 112",
        "phone": "112",
        "url": None,
        "hours": None,
        "verified": "2026-11-28",
    }
    assert first["source"].startswith("https://www.politie.nl/")


def test_route_incomplete_exits_3_with_the_next_question() -> None:
    code, data = route_json("danger=no", lang="en")
    assert code == 3
    assert data["complete"] is False and data["outcome"] is None
    assert data["next_question"] == {
        "id": "children",
        "text": "Are children involved?",
        "why": "Children need extra protection.",
        "options": [{"id": "yes", "label": "Yes"}, {"id": "no", "label": "No"}],
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["route", "nope", *MINI_ARGS], "samen-refer: there is no pathway 'nope' in"),
        (["route", "mini", *MINI_ARGS, "-a", "danger=maybe"], "samen-refer: question 'danger' has no option 'maybe'"),
        (["route", "mini", *MINI_ARGS, "-a", "who=yes"], "samen-refer: pathway 'mini' has no question 'who'"),
        (["route", "mini", *MINI_ARGS, "-a", "danger"], "samen-refer: --answer 'danger' is not QUESTION=OPTION"),
        (
            ["route", "mini", "--pathways", "/does/not/exist"],
            "samen-refer: pathways directory '/does/not/exist' does not exist",
        ),
        (["route", "mini", *MINI_ARGS, "--lang", "fr"], "samen-refer: Ongeldige waarde voor '--lang'"),
    ],
)
def test_bad_input_exits_2_with_one_clear_line(args: list[str], message: str) -> None:
    code, out, err = run(args[0], "--lang", "en", *args[1:])
    assert code == 2
    assert message in err
    assert out == ""


def test_answers_file_and_answer_flags_combine(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("danger: no\nchildren: yes\nconsent: no\n", encoding="utf-8")
    code, out, _ = run(
        "route",
        "mini",
        *MINI_ARGS,
        "--answers",
        str(answers),
        "-a",
        "consent=referral",
        "-a",
        "report=no",
        "--format",
        "json",
    )
    assert code == 0
    assert [a["answer"] for a in json.loads(out)["answers"]] == ["no", "yes", "referral", "no"]


def test_bad_answers_file_names_the_line(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("danger: no\ndanger: yes\n", encoding="utf-8")
    code, _, err = run("route", "mini", *MINI_ARGS, "--answers", str(answers), "--lang", "en")
    assert code == 2
    assert f"{answers}:2:1: error: duplicate key 'danger' (first on line 1) [yaml-duplicate-key]" in err


def test_route_yaml_keeps_answer_ids_as_text() -> None:
    code, out, _ = run("route", "mini", *MINI_ARGS, "-a", "danger=no", "--format", "yaml")
    assert code == 3
    assert "- question: danger\n  answer: 'no'\n" in out


def test_route_text_is_a_summary_steps_contacts_as_a_list_and_the_summary_again() -> None:
    code, out, _ = run("route", "mini", *MINI_ARGS, "-a", "danger=yes", "--lang", "en", "--plain")
    assert code == 0
    assert out.splitlines() == [
        "Mini pathway",
        "Answers: danger=yes",
        "Advice: CALL NOW: do not wait",
        "To call:",
        "  • \u2066112\u2069 · Emergency number 112 · call now",  # a number stands in isolates: render.direction
        "  • \u20660900-0101\u2069 · Victim Support Netherlands · advice for you",
        "",
        "Next steps",
        "1. Call 112 now.",
        "2. Take care of yourself too.",
        "",
        "Contacts",
        "1. Emergency number 112",
        "   \u2066112\u2069 · call now",
        "2. Victim Support Netherlands",
        "   \u20660900-0101\u2069 · advice for you",
        "",
        "Read everything (what to say, why, every fact): --details, or the handout for",
        "yourself.",
        "",
        "Summary: CALL NOW: do not wait",
        "To call:",
        "  • \u2066112\u2069 · Emergency number 112 · call now",
        "  • \u20660900-0101\u2069 · Victim Support Netherlands · advice for you",
    ]


def test_route_details_say_why_in_the_words_of_the_questions() -> None:
    code, out, _ = run("route", "mini", *MINI_ARGS, "-a", "danger=yes", "--plain", "--details")
    assert code == 0
    assert "1. Bel nu 112.\n   (omdat: Is er nu gevaar? → Ja)\n" in out
    assert "   Politie, ambulance en brandweer bij spoed.\n   (omdat: Is er nu gevaar? → Ja)\n" in out
    assert "2. Zorg ook voor uzelf.\n   (omdat: altijd)\n" in out
    assert "danger = yes" not in out and "--details" not in out


def test_a_malformed_pathway_gives_file_line_col_and_exit_2(mini_dir: Path) -> None:
    path = mini_dir / "mini.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("    why: {nl: Veiligheid", "    hepl: {nl: Veiligheid"),
        encoding="utf-8",
    )
    code, out, err = run("route", "mini", "--pathways", str(mini_dir), "--lang", "en")
    assert code == 2
    assert out == ""
    assert err.splitlines()[0] == f"{path}:9:5: error: question needs 'why' [schema-missing]"
    assert f"{path}:11:5: error: unknown key 'hepl' in question; did you mean 'help'?" in err


def test_env_vars_choose_language_and_pathways() -> None:
    code, out, _ = run(
        "route",
        "mini",
        "-a",
        "danger=yes",
        "--format",
        "json",
        env={"SAMEN_REFER_LANG": "en", "SAMEN_REFER_PATHWAYS": str(MINI)},
    )
    assert code == 0
    assert json.loads(out)["outcome"]["steps"][0]["text"] == "Call 112 now."


# --- start -------------------------------------------------------------------------------------------------------


def start(*answers: str, extra: tuple[str, ...] = (), lang: str = "en") -> tuple[int, str, str]:
    return run("start", "mini", *MINI_ARGS, "--lang", lang, "--plain", *extra, input="".join(f"{a}\n" for a in answers))


def test_start_walks_with_numbers_and_ids_to_the_advice() -> None:
    code, out, _ = start("2", "no", "2")
    assert code == 0
    assert "Question 1 of at most 4" in out
    assert "Question 3 of at most 4" in out
    assert "Acute danger? Call 112." in out
    assert out.count("→") == 3
    assert "Advice: No rush: plan together, calmly" in out
    assert "1. Veilig Thuis\n   \u20660800-2000\u2069 · advice for you (can be anonymous) · Day and night\n" in out
    assert out.endswith(
        "Summary: No rush: plan together, calmly\nTo call:\n"
        "  • \u20660800-2000\u2069 · Veilig Thuis · advice for you (can be anonymous)\n"
        "  • \u20660900-0101\u2069 · Victim Support Netherlands · advice for you\n"
    )


def test_start_explains_why_and_goes_back() -> None:
    code, out, _ = start("?", "2", "b", "1")
    assert code == 0
    assert "Why this question? Safety comes first." in out
    assert out.count("Is anyone in danger now?") == 2
    assert "CALL NOW: do not wait" in out


def test_start_says_so_for_unknown_input_and_back_at_the_start() -> None:
    code, out, _ = start("7", "b", "1")
    assert code == 0
    assert "That will not do. Type a number from 1 to 3. Or: ? = why, b = back, q = quit." in out
    assert "This is the first question." in out


@pytest.mark.parametrize(
    ("typed", "lang", "said"),
    [
        ("7", "nl", "Dat kan niet. Typ een nummer van 1 tot en met 3. Of: ? = waarom, b = terug, q = stoppen."),
        ("7", "en", "That will not do. Type a number from 1 to 3. Or: ? = why, b = back, q = quit."),
        ("2\nmisschien", "nl", "Dat kan niet. Typ 1 of 2. Of: ? = waarom, b = terug, q = stoppen."),  # 2 options
        ("2\n", "nl", "Dat kan niet. Typ 1 of 2. Of: ? = waarom, b = terug, q = stoppen."),  # an empty Enter
        ("2\n3", "en", "That will not do. Type 1 or 2. Or: ? = why, b = back, q = quit."),
    ],
)
def test_a_wrong_answer_says_which_numbers_and_keys_will_do(typed: str, lang: str, said: str) -> None:
    _, out, _ = start(*typed.split("\n"), lang=lang)
    prompt = {"nl": "Jouw keuze:", "en": "Your choice:"}[lang]  # typed input is not echoed when piped
    assert f"{prompt} {said} {prompt}" in " ".join(out.split())  # wrapped at 80 columns


@pytest.mark.parametrize(
    ("children", "chosen"),
    [
        ("ja", "Ja"), ("j", "Ja"), ("JA", "Ja"), ("yes", "Ja"), ("y", "Ja"), ("1", "Ja"),
        ("nee", "Nee"), ("n", "Nee"), ("no", "Nee"), ("2", "Nee"),
    ],
)  # fmt: skip
def test_a_yes_no_question_takes_ja_and_nee_as_well_as_the_number(children: str, chosen: str) -> None:
    code, out, _ = start("2", children, "2", lang="nl")
    assert code == 0
    assert out.count("\u2192") == 3 and "Zijn er kinderen bij betrokken?" in out
    assert out.split("Zijn er kinderen bij betrokken?")[1].split("\u2192 ")[1].startswith(f"{chosen}\n")


def test_start_quit_saves_nothing(tmp_path: Path) -> None:
    code, out, _ = start("2", "q", extra=("--save", str(tmp_path / "a.yaml")))
    assert code == 0
    assert "Stopped. Nothing was saved." in out
    assert list(tmp_path.iterdir()) == []


def test_start_end_of_input_exits_3_calmly() -> None:
    code, _, err = start("2", lang="nl")
    assert code == 3
    assert "De invoer stopte voordat de vragen klaar waren. Er is niets opgeslagen." in err


def test_start_save_writes_only_answer_ids_privately(tmp_path: Path) -> None:
    target = tmp_path / "answers.yaml"
    code, _, _ = start("2", "1", "1", "2", extra=("--save", str(target)))
    assert code == 0
    assert target.read_text(encoding="utf-8") == "danger: no\nchildren: yes\nconsent: referral\nreport: no\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml"]
    code, out, _ = run("route", "mini", *MINI_ARGS, "--answers", str(target), "--format", "json")
    assert code == 0 and json.loads(out)["complete"] is True


# --- contacts and pathways --------------------------------------------------------------------------------------


def test_contacts_search_json() -> None:
    code, out, _ = run("contacts", *MINI_ARGS, "--search", "VEILIG", "--format", "json", "--lang", "en")
    assert code == 0
    data = json.loads(out)
    assert [c["id"] for c in data] == ["veilig-thuis"]
    assert data[0]["hours"] == "Day and night" and data[0]["verified"] == "2026-11-28" and data[0]["source"]


def test_contacts_text_shows_checked_date_and_source() -> None:
    code, out, _ = run("contacts", *MINI_ARGS, "--search", "0900-8844")
    assert code == 0
    assert out == "Geen contacten gevonden.\n"
    code, out, _ = run("contacts", *MINI_ARGS, "--search", "politie (geen")
    assert "Politie (geen spoed) (politie) - \u20660900-8844\u2069" in out
    assert "Bron gelezen: 2026-11-28 - bron: https://www.politie.nl/informatie/" in " ".join(out.split())
    assert all(len(line) <= 80 or line.lstrip().startswith("https://") for line in out.splitlines())  # U7


def test_pathways_lists_id_version_and_title() -> None:
    code, out, _ = run("pathways", *MINI_ARGS, "--lang", "en")
    assert (code, out) == (0, "mini  0.1  Mini pathway\n")


def test_version_and_help() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("samen-refer ")
    code, out, _ = run("route", "--help")
    assert code == 0 and "--answer" in out and "--pathways" in out


@pytest.mark.parametrize(
    ("lang", "ways"),
    [("en", ["a button", "Shift pressed three times", "Esc"]), ("nl", ["knop", "drie keer op Shift", "Esc"])],
)
def test_web_help_names_every_quick_exit(lang: str, ways: list[str]) -> None:
    code, out, _ = run("web", "--help", "--lang", lang)
    assert code == 0 and all(way in " ".join(out.split()) for way in ways), out


@pytest.mark.parametrize(
    ("argv", "code", "expected"),
    [
        (["pathways", "--pathways", str(MINI), "--lang", "en"], 0, "mini  0.1  Mini pathway"),
        (["--version"], 0, "samen-refer "),
        (["nonsense"], 2, ""),
    ],
)
def test_the_script_builds_only_the_command_it_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str], code: int, expected: str
) -> None:
    import sys
    from collections.abc import Iterable

    import typer

    from samen_refer.cli import app as app_module

    built: list[list[str]] = []
    make_app = app_module.make_app

    def recording(names: Iterable[str] = app_module.COMMANDS) -> typer.Typer:
        built.append(list(names))
        return make_app(names)

    monkeypatch.setattr(app_module, "make_app", recording)
    monkeypatch.setattr(sys, "argv", ["samen-refer", *argv])
    with pytest.raises(SystemExit) as exit_info:
        app_module.main()
    assert exit_info.value.code == code
    assert capsys.readouterr().out.startswith(expected)
    assert built == [[argv[0]] if argv[0] in app_module.COMMANDS else list(app_module.COMMANDS)]
