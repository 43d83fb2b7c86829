"""``samen-refer scenarios``: list, run (and reveal), check, coverage, sheets and the Twine export, through CliRunner."""

from __future__ import annotations

import io
import json
import re
import stat
import time
import uuid
from pathlib import Path

import pytest
from rich.console import Console

from samen_refer.checks.load import load_pathway
from samen_refer.checks.scenarios import read_scenario
from samen_refer.engine.exercise import expected_route
from samen_refer.engine.route import follow, new_interrupts
from samen_refer.format.language import pick
from samen_refer.format.scenario import find_scenario
from samen_refer.i18n.messages import say
from samen_refer.render.practice import reveal
from tests.conftest import REPO
from tests.test_terminal import Terminal
from tests.trainers import html_problems, run, strict_html5, write_scenario

SHIPPED = ["--pathways", str(REPO / "pathways")]
SHIPPED_IDS = sorted(p.stem for p in (REPO / "pathways" / "scenarios").glob("*.yaml"))
HELP = "{danger: no, children: no, consent: referral, report: no}"


@pytest.fixture
def trainer_dir(mini_dir: Path) -> Path:
    """The mini pathway with two scenarios: acute danger (m1), and help without children (m2)."""
    write_scenario(mini_dir, "m1", "{danger: yes}", "{urgency: emergency, first_contact: politie-112}")
    write_scenario(mini_dir, "m2", HELP, "{urgency: soon, contacts: {slachtofferhulp: refer}}")
    return mini_dir


def scenarios(folder: Path, *args: str, input: str | None = None) -> tuple[int, str, str]:
    return run("scenarios", *args, "--pathways", str(folder), input=input)


# --- list -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("columns", [80, 40])
def test_list_is_a_short_table_within_the_width_that_names_no_answer(lang: str, columns: int) -> None:
    code, out, _ = run("scenarios", "list", *SHIPPED, "--lang", lang, columns=columns)
    assert code == 0
    lines = out.splitlines()
    assert [line for line in lines if len(line) > columns] == []
    numbered = [line.split()[0] for line in lines[1:] if line[:3].strip().isdigit()]
    assert numbered == [re.sub(r"^s0*(\d+)-.*", r"\1", i) for i in SHIPPED_IDS]
    joined = " ".join(out.split())  # a title wrapped over two lines is read as one
    assert [answer for answer in answers_of_shipped_scenarios(lang) if answer in joined] == []


def answers_of_shipped_scenarios(lang: str) -> set[str]:
    """What a list that gives answers away would show: the labels of the options the scenarios choose (more than a
    yes or no), the names of the national contacts they expect, and the urgencies."""
    sggg = load_pathway(REPO / "pathways" / "sggg.yaml")
    found: set[str] = set()
    for scenario_id in SHIPPED_IDS:
        case, _ = read_scenario(REPO / "pathways" / "scenarios" / f"{scenario_id}.yaml")
        assert case is not None
        for question, option in case.given().items():
            chosen = sggg.question(question)
            label = chosen.option(option) if chosen else None
            if label and len(pick(label.label, lang)) > 4:
                found.add(pick(label.label, lang))
        found |= {pick(sggg.contacts[c].name, lang) for c, _ in case.expect.contacts if c in sggg.contacts}
        found |= {say(f"urgency.{u}", lang) for u in case.expect.urgency}
    return found


def test_list_at_80_columns_has_a_heading_and_says_how_to_practise() -> None:
    code, out, _ = run("scenarios", "list", *SHIPPED, "--lang", "en", columns=80)
    assert code == 0
    lines = out.splitlines()
    assert lines[:3] == [
        "No.  Level         Title",
        "  1  basic         Rape four days ago, in a reception centre",
        "  2  intermediate  Threatened in the reception centre because he is gay",
    ]
    at = next(n for n, line in enumerate(lines) if line.startswith(" 41"))
    assert lines[at : at + 2] == [
        " 41  advanced      A nurse hears about violence at home, but the woman wants no",
        "                   help",
    ]
    assert lines[-2:] == ["", "Practise one: samen-refer scenarios run NUMBER. With a group: add --reveal."]
    assert run("scenarios", "list", *SHIPPED, columns=80)[1].startswith("Nr.  Niveau     Titel\n  1  basis      ")


def test_list_json_has_topics_from_the_answers(trainer_dir: Path) -> None:
    code, out, _ = scenarios(trainer_dir, "list", "--format", "json")
    assert code == 0
    assert json.loads(out) == [
        {"id": "m1", "number": "1", "pathway": "mini", "title": "Titel m1", "difficulty": "basic", "topics": {}},
        {
            "id": "m2",
            "number": "2",
            "pathway": "mini",
            "title": "Titel m2",
            "difficulty": "basic",
            "topics": {"consent": "referral"},
        },
    ]


# --- run ------------------------------------------------------------------------------------------------------------


def practise(folder: Path, *answers: str, extra: tuple[str, ...] = ()) -> tuple[int, str, str]:
    typed = "".join(f"{a}\n" for a in answers)
    return scenarios(folder, "run", "m2", "--lang", "en", "--plain", *extra, input=typed)


def test_run_the_expected_route_scores_100(trainer_dir: Path) -> None:
    code, out, _ = practise(trainer_dir, "2", "2", "1", "2")
    assert code == 0
    assert "Exercise: Title m2" in out and "The situation: Een situatie." in out
    assert "You chose as expected everywhere." in out
    assert "The same contacts, roles and urgency as expected." in out
    assert "1. What do you do first?" in out
    assert "Score: 100 out of 100\n(answers 40, contacts and roles 40, urgency 20)\n" in out


def test_run_shows_where_the_routes_diverge_and_what_follows(trainer_dir: Path) -> None:
    code, out, _ = practise(trainer_dir, "2", "1", "1", "2")
    assert code == 0
    lines = out.splitlines()
    start = lines.index("Your route beside the expected route")
    assert lines[start + 1 : start + 13] == [
        "1. Is anyone in danger now?",
        "   Your answer: No",
        "   Expected: No",
        "2. Are children involved? [differs]",
        "   Your answer: Yes",
        "   Expected: No",
        "3. What does the person want now?",
        "   Your answer: Help",
        "   Expected: Help",
        "4. Does the person want to report to the police?",
        "   Your answer: No",
        "   Expected: No",
    ]
    start = lines.index("Consequences")
    assert lines[start + 1 : start + 6] == [
        "Another role",
        "  - Veilig Thuis - yours: refer (with consent); expected: advice for you",
        "How soon",
        "  - yours: Today: do not wait until tomorrow",
        "  - expected: Soon: this week",
    ]
    assert "Score: 70 out of 100" in out


def test_run_result_has_no_because_hints(trainer_dir: Path) -> None:
    _, out, _ = practise(trainer_dir, "2", "2", "1", "2")
    assert "because" not in out


def test_run_quit_exits_0_and_end_of_input_exits_3(trainer_dir: Path) -> None:
    code, out, _ = practise(trainer_dir, "2", "q")
    assert (code, "Stopped. Nothing was saved." in out, "Score" in out) == (0, True, False)
    code, _, err = practise(trainer_dir, "2")
    assert code == 3
    assert "Input ended before the questions were done." in err


@pytest.mark.no_cover  # a loop over code other tests cover: coverage would add seconds and no line
@pytest.mark.parametrize("scenario_id", SHIPPED_IDS)
def test_every_shipped_scenario_scores_100_when_walked_as_expected(scenario_id: str) -> None:
    case, _ = read_scenario(REPO / "pathways" / "scenarios" / f"{scenario_id}.yaml")
    assert case is not None
    pathway = load_pathway(REPO / "pathways" / f"{case.pathway}.yaml")
    typed, given = "", dict[str, str]()
    for question, option in case.given().items():
        before, given = given, {**given, question: option}
        typed += f"{option}\n"
        if new_interrupts(pathway, before, given) and not follow(pathway, given).complete:
            typed += "1\n"  # the safety screen came first; go on with the questions
    code, out, _ = run("scenarios", "run", scenario_id, "--plain", "--lang", "en", *SHIPPED, input=typed)
    assert code == 0
    assert "Score: 100 out of 100" in out and "The same contacts, roles and urgency as expected." in out


def test_run_goes_back_with_b_and_stops_at_once_with_q_bang(trainer_dir: Path) -> None:
    code, out, _ = practise(trainer_dir, "b", "2", "b", "2", "2", "1", "2")
    assert code == 0
    assert "This is the first question." in out and "Score: 100 out of 100" in out
    code, out, _ = practise(trainer_dir, "2", "q!")
    assert code == 0 and "Score" not in out


def test_run_without_plain_puts_the_routes_side_by_side(trainer_dir: Path) -> None:
    code, out, _ = scenarios(trainer_dir, "run", "m2", "--lang", "en", input="2\n1\n1\n2\n")
    assert code == 0
    assert re.search(r"┃ Question +┃ Your answer +┃ Expected +┃", out)
    assert re.search(r"│ Are children involved\? +│ Yes \[differs\] +│ No +│", out)  # in words, not colour only
    assert "Score: 70 out of 100" in out


def test_reveal_shows_each_answer_only_after_a_pause_and_stops_on_q() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, width=100, markup=False, highlight=False)
    case, _ = read_scenario(REPO / "pathways" / "scenarios" / "s12-not-safe-to-talk.yaml")
    assert case is not None
    sggg = load_pathway(REPO / "pathways" / "sggg.yaml")
    shown: list[str] = []  # what the group had seen at each pause
    answers = iter(["", "", "", "q"])

    def pause() -> str:
        shown.append(buffer.getvalue())
        return next(answers)

    reveal(console, sggg, case, expected_route(sggg, case), "en", True, pause)
    assert [screen.count("(expected)") for screen in shown] == [0, 1, 1, 2]
    assert [screen.splitlines()[-1] for screen in shown] == [
        "Enter: show the expected answer · q: stop",
        "Enter: next step · q: stop",
        "Enter: show the expected answer · q: stop",
        "Enter: next step · q: stop",
    ]
    assert "Step 2 of 4" in buffer.getvalue() and "Step 3 of 4" not in buffer.getvalue()


def test_run_reveal_with_piped_enters_shows_the_question_then_the_answer_then_the_advice(trainer_dir: Path) -> None:
    code, out, _ = scenarios(trainer_dir, "run", "m2", "--reveal", "--lang", "en", "--plain", input="\n" * 8)
    assert code == 0
    lines = out.splitlines()
    first = lines.index("Step 1 of 4")
    assert lines[first : first + 7] == [
        "Step 1 of 4",
        "Is anyone in danger now?",
        "   1. Yes",
        "   2. No",
        "   3. Not sure",
        "Enter: show the expected answer · q: stop",
        "-> 2. No  (expected)",
    ]
    assert [line for line in lines if line.startswith("->")] == [
        "-> 2. No  (expected)",
        "-> 2. No  (expected)",
        "-> 1. Help  (expected)",
        "-> 2. No  (expected)",
    ]
    assert lines.count("Enter: next step · q: stop") == 3 and "Enter: the expected advice · q: stop" in lines
    assert "The expected advice" in out and "Advice: Soon: this week" in out
    assert "1. What do you do first?" in out


@pytest.mark.parametrize("typed", ["", "\n", "\n\n\nq\n"])
def test_run_reveal_stops_quietly_when_input_ends_or_on_q_and_never_shows_an_answer_unasked(
    trainer_dir: Path, typed: str
) -> None:
    code, out, _ = scenarios(trainer_dir, "run", "m2", "--reveal", "--lang", "en", "--plain", input=typed)
    assert code == 0
    assert out.count("(expected)") == (typed.count("\n") + 1) // 2
    assert out.rstrip().endswith(("Enter: show the expected answer · q: stop", "Enter: next step · q: stop"))


def test_run_reveal_in_a_terminal_waits_for_the_group_before_the_answer(tmp_path: Path) -> None:
    shell = Terminal(["scenarios", "run", "12", "--reveal", "--lang", "nl", *SHIPPED], 80, tmp_path)
    try:
        shell.expect("Stap 1 van 4")
        before = shell.expect("Enter: laat het verwachte antwoord zien · q: stoppen")
        assert "Ja, het is nu veilig" in before
        time.sleep(0.5)  # were the answer printed anyway, it would be here by now
        while shell._read(0.1):
            pass
        assert "(verwacht)" not in shell.screen
        shell.type("")
        assert shell.expect("(verwacht)").endswith("2. Nee, of ik weet het niet zeker (verwacht)")
        shell.expect("Enter: volgende stap · q: stoppen")
        shell.type("q")
        assert shell.finish() == 0
        assert shell.screen.count("(verwacht)") == 1
    finally:
        shell.close()


def test_practice_shows_the_comparison_and_score_before_the_trainee_s_full_advice(trainer_dir: Path) -> None:
    code, out, _ = practise(trainer_dir, "2", "1", "1", "2")
    assert code == 0
    lines = out.splitlines()
    order = [
        "Your route beside the expected route",
        "Consequences",
        "Score: 70 out of 100",
        "To discuss",
        "Your advice",
    ]
    assert [lines.index(heading) for heading in order] == sorted(lines.index(heading) for heading in order)


@pytest.mark.parametrize("given", ["17", "s17", "017", "S17", "s17-child-witness-advice-only"])
@pytest.mark.parametrize("command", [["run", "--reveal"], ["sheet", "--format", "md"]])
def test_a_scenario_is_found_by_its_number_short_id_or_full_id(given: str, command: list[str]) -> None:
    code, out, _ = run("scenarios", command[0], given, *command[1:], "--lang", "en", *SHIPPED, input="")
    assert code == 0
    assert "Exercise: A child sees the violence; the mother wants advice only" in out


@pytest.mark.parametrize(
    ("given", "found"),
    [
        ("s17-a", "s17-a"),
        ("s17", "s17-a"),
        ("17", "s17-a"),
        ("017", "s17-a"),
        (" S17 ", "s17-a"),
        ("m1", "m1-b"),
        ("1", None),  # s01-c and m1-b: which one is not clear
        ("s01", "s01-c"),
        ("s1", None),
        ("s17-", None),
        ("a", None),
    ],
)
def test_find_scenario(given: str, found: str | None) -> None:
    assert find_scenario(given, ["s01-c", "s17-a", "m1-b"]) == found


@pytest.mark.parametrize("given", ["99", "s99", "nope", "s1", "0", ""])
def test_an_unknown_scenario_exits_2_saying_how_to_find_the_numbers(given: str) -> None:
    code, out, err = run("scenarios", "run", given, "--lang", "en", *SHIPPED)
    assert (code, out) == (2, "")
    assert err == (
        f"samen-refer: there is no scenario '{given}'\n"
        "  `samen-refer scenarios list` shows each scenario's number and title. Give its number (17), its short id "
        "(s17) or its full id.\n"
    )


def test_a_folder_without_scenarios_says_so(mini_dir: Path) -> None:
    code, _, err = run("scenarios", "run", "1", "--lang", "en", "--pathways", str(mini_dir))
    assert code == 2
    assert err.startswith(f"samen-refer: there are no scenarios in {mini_dir / 'scenarios'}\n")


def test_run_shows_markup_in_content_literally(trainer_dir: Path) -> None:
    write_scenario(trainer_dir, "m3", HELP, "{urgency: soon}", vignette="[red]x[/red] [link=https://evil]y[/link]")
    code, out, _ = scenarios(trainer_dir, "run", "m3", "--reveal", input="")
    assert code == 0
    assert "[red]x[/red] [link=https://evil]y[/link]" in out


# --- check ----------------------------------------------------------------------------------------------------------


def test_check_passes_the_shipped_scenarios() -> None:
    code, out, _ = run("scenarios", "check", *SHIPPED, "--lang", "en")
    assert (code, out) == (0, f"{len(SHIPPED_IDS)} scenarios pass\n")
    assert run("scenarios", "check", *SHIPPED)[1] == f"alle {len(SHIPPED_IDS)} oefeningen kloppen\n"


def test_check_reports_a_mismatch_with_file_line_col_and_exits_1(trainer_dir: Path) -> None:
    wrong = write_scenario(trainer_dir, "m3", "{danger: yes}", "{urgency: routine, absent: [politie-112]}")
    code, out, _ = scenarios(trainer_dir, "check", "--lang", "en")
    assert code == 1
    assert out.splitlines() == [
        f"{wrong}:7:9: error: urgency is 'emergency', expected 'routine' [scenario-mismatch]",
        f"{wrong}:7:9: error: contact 'politie-112' (emergency) should not be there [scenario-mismatch]",
        "1 of 3 scenario(s) fail",
    ]
    code, out, _ = scenarios(trainer_dir, "check")
    assert out.splitlines() == [
        f"{wrong}:7:9: fout: urgentie is 'emergency', verwacht: 'routine' [scenario-mismatch]",
        f"{wrong}:7:9: fout: organisatie 'politie-112' (emergency) hoort er niet bij [scenario-mismatch]",
        "1 van 3 oefening(en) kloppen niet",
    ]


def test_check_reports_unreadable_scenarios_and_unknown_pathways(trainer_dir: Path) -> None:
    other = write_scenario(trainer_dir, "m3", "{danger: yes}", "{}")
    other.write_text(other.read_text(encoding="utf-8").replace("pathway: mini", "pathway: nope"), encoding="utf-8")
    (trainer_dir / "scenarios" / "m4.yaml").write_text("id: m4\n\tbad: tab\n", encoding="utf-8")
    code, out, _ = scenarios(trainer_dir, "check", "--lang", "en")
    assert code == 1
    assert f"{other}:1:1: error: there is no pathway 'nope' in {trainer_dir} [unknown-pathway]" in out
    assert f"{trainer_dir / 'scenarios' / 'm4.yaml'}:2:" in out
    assert out.endswith("2 of 4 scenario(s) fail\n")


# --- coverage -------------------------------------------------------------------------------------------------------


def test_coverage_names_what_no_scenario_reaches(trainer_dir: Path) -> None:
    code, out, _ = scenarios(trainer_dir, "coverage", "mini", "--lang", "en")
    assert code == 0
    assert out.splitlines() == [
        "pathway mini: 2 scenario(s)",
        "options no scenario chooses: 4",
        "  danger: unsure",
        "  children: yes",
        "  consent: no",
        "  report: yes",
        "blocks no scenario's advice includes: 3",
        "  kids",
        "  advice-only",
        "  police",
        "contacts no scenario's advice includes: 1",
        "  politie",
    ]


def test_coverage_json(trainer_dir: Path) -> None:
    code, out, _ = scenarios(trainer_dir, "coverage", "mini", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert (data["scenarios"], data["complete"], data["blocks"], data["contacts"]) == (
        2,
        False,
        ["kids", "advice-only", "police"],
        ["politie"],
    )
    assert data["options"][0] == {"question": "danger", "option": "unsure"}


def test_coverage_names_the_regional_contacts_no_scenario_reaches() -> None:
    code, out, _ = run("scenarios", "coverage", "sggg", "--lang", "en", *SHIPPED)
    assert code == 0
    lines = out.splitlines()
    start = lines.index("regional contacts a scenario in its region reaches: 1 of 15")
    assert lines[start:] == [
        "regional contacts a scenario in its region reaches: 1 of 15",  # s33 plays in Nijmegen
        "regional contacts no scenario's advice includes: 14",
        "  amsterdam: zorgcafe-amsterdam",
        "  amsterdam: zorgbus-amsterdam",
        "  amsterdam: ggd-amsterdam-vgv-spreekuur",
        "  arnhem: zorgcafe-arnhem",
        "  den-haag: zorgbus-den-haag",
        "  den-haag: csg-den-haag",
        "  den-haag: wereldhuis-den-haag",
        "  rotterdam: csg-rotterdam",
        "  rotterdam: arosa-rotterdam",
        "  rotterdam: pauluskerk-rotterdam",
        "  utrecht: moviera-utrecht",
        "  utrecht: csg-utrecht",
        "  utrecht: stil-utrecht",
        "  utrecht: cocktail-utrecht",
    ]
    data = json.loads(run("scenarios", "coverage", "sggg", "--format", "json", *SHIPPED)[1])
    assert data["regional_reached"] == 1
    assert data["regional_contacts"][-1] == {"region": "utrecht", "contact": "cocktail-utrecht"}


# --- sheet ----------------------------------------------------------------------------------------------------------


def test_participant_sheet_has_the_situation_and_questions_but_no_answers() -> None:
    code, out, _ = run("scenarios", "sheet", "s01-recent-assault-azc", "--format", "md", "--lang", "en", *SHIPPED)
    assert code == 0
    assert out.startswith("# Exercise: Rape four days ago, in a reception centre\n")
    assert "1. Can you talk now without anyone listening in or reading along?\n    - [ ] Yes, it is safe now" in out
    for hidden in ("safe_to_talk", "within_7_days", "Answer key", "Expected route", "To discuss"):
        assert hidden not in out


def test_trainer_sheet_has_route_advice_answer_key_and_discussion() -> None:
    code, out, _ = run(
        "scenarios", "sheet", "s01-recent-assault-azc", "--audience", "trainer", "--format", "md", "--lang", "en",
        *SHIPPED,
    )  # fmt: skip
    assert code == 0
    assert "    - **→ 3 to 7 days ago** \\(timing: within\\_7\\_days\\)" in out
    assert "**How soon: Today: do not wait until tomorrow**" in out
    assert (
        "1. Centrum Seksueel Geweld \\(Sexual Assault Centre, CSG\\) – refer \\(with consent\\) **\\(required\\)**"
        in out
    )
    assert "**Must not appear:** Emergency number 112" in out
    assert "```yaml\nsafe_to_talk: yes\ndanger: no\n" in out
    assert '## To discuss\n\n1. It was four days ago. Why is it still "today"?' in out


def test_sheets_for_all_scenarios_in_one_private_html_file(tmp_path: Path) -> None:
    target = tmp_path / "sheets.html"
    code, out, _ = run("scenarios", "sheet", "--all", "--format", "html", "-o", str(target), *SHIPPED)
    assert (code, out) == (0, f"Opgeslagen in {target} (alleen jij kunt het lezen).\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    page = target.read_text(encoding="utf-8")
    assert page.count('<article class="sheet">') == len(SHIPPED_IDS)
    assert html_problems(page) == []
    strict_html5(page)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheets.html"]


@pytest.mark.no_cover  # a loop over code other tests cover: coverage would add seconds and no line
@pytest.mark.parametrize("audience", ["participant", "trainer"])
@pytest.mark.parametrize("scenario_id", SHIPPED_IDS)
def test_every_shipped_scenario_has_valid_sheets(scenario_id: str, audience: str) -> None:
    code, out, _ = run("scenarios", "sheet", scenario_id, "--audience", audience, *SHIPPED)
    assert code == 0
    assert html_problems(out) == []
    strict_html5(out)
    assert ("Antwoordsleutel" in out) == (audience == "trainer")


@pytest.mark.parametrize(
    "args",
    [[], ["m1", "--all"]],
)
def test_sheet_needs_one_id_or_all(trainer_dir: Path, args: list[str]) -> None:
    code, out, err = scenarios(trainer_dir, "sheet", *args)
    assert (code, out) == (2, "")
    assert "samen-refer: geef één oefening (id), of --all" in err


# --- export ---------------------------------------------------------------------------------------------------------


def passages(twee: str) -> dict[str, str]:
    """Passage name to content, for Twee 3 text."""
    parts = re.split(r"^:: ([^\[\n]+?)(?: \[[^\]]*\])?$", twee, flags=re.MULTILINE)
    return {name: body.strip() for name, body in zip(parts[1::2], parts[2::2], strict=True)}


def test_export_twee_is_a_story_whose_links_all_lead_somewhere() -> None:
    code, out, _ = run("scenarios", "export", "sggg", "--format", "twee", *SHIPPED)
    assert code == 0
    story = passages(out)
    data = json.loads(story["StoryData"])
    assert data["ifid"] == str(uuid.uuid5(uuid.NAMESPACE_URL, "urn:samen-refer:pathway:sggg")).upper()
    assert (data["format"], data["start"]) == ("Harlowe", "safe_to_talk")
    assert story["StoryTitle"] == "Doorverwijzen na seksueel en gendergerelateerd geweld (SGGG)"
    targets = re.findall(r"\[\[[^\]]*->([^\]]+)\]\]", out) + re.findall(r'\(go-to: "([^"]+)"\)', out)
    assert targets and set(targets) <= set(story)
    assert {"safe_to_talk", "safe_to_talk=yes", "end", "Startup"} <= set(story)


def test_export_twee_escapes_link_and_markup_syntax_in_labels(mini_dir: Path) -> None:
    path = mini_dir / "mini.yaml"
    label = "Ja]] [[x->evil]] | <b>$v</b> ''b'' (if: true)[x]"
    path.write_text(
        path.read_text(encoding="utf-8").replace("label: {nl: Ja, en: Yes}", f"label: {{nl: '{label}', en: Yes}}", 1),
        encoding="utf-8",
    )
    code, out, _ = run("scenarios", "export", "mini", "--pathways", str(mini_dir))
    assert code == 0
    link = next(line for line in out.splitlines() if line.endswith("->danger=yes]]"))
    assert link.count("[[") == 1 and link.count("]]") == 1 and link.count("->") == 1
    assert not re.search(r"[<>|$()]|''", link.removeprefix("[[").removesuffix("->danger=yes]]"))


def test_export_writes_a_private_file(tmp_path: Path) -> None:
    target = tmp_path / "story.twee"
    code, _, _ = run("scenarios", "export", "--lang", "en", "-o", str(target), *SHIPPED)
    assert code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8").startswith(":: StoryTitle\nReferral after sexual")
