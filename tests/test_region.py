"""Regions: the regional social map read, checked, and added to the advice after the national lines."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samen_refer.checks.load import load_pathway, open_pathway, open_regions, region_for
from samen_refer.checks.regions import read_region
from samen_refer.checks.validate import validate
from samen_refer.cli.app import app
from samen_refer.engine.route import follow
from samen_refer.format.library import Library
from tests.conftest import MINI, REPO
from tests.test_validate import REGION, edit, write_case

TODAY = datetime.date(2026, 11, 28)
# A route of sggg on which the Nijmegen Zorgcafé serves: sexual violence, undocumented, wants a referral.
NIJMEGEN_ROUTE = [
    "safe_to_talk=yes",
    "danger=no",
    "helper=volunteer",
    "violence=sexual",
    "timing=earlier",
    "where=netherlands",
    "children=no",
    "residence=undocumented",
    "consent=referral",
    "report=no",
    "interpreter=no",
]


def _answers(pairs: list[str]) -> list[str]:
    return [arg for pair in pairs for arg in ("--answer", pair)]


def problems_of(tmp_path: Path, region: str, **extra: str) -> list[tuple[int, int, str, str]]:
    files: dict[str, str | bytes | None] = {"regions/here.yaml": region}
    files.update({f"regions/{name}.yaml": text for name, text in extra.items()})
    report = validate([write_case(tmp_path, files)], TODAY)
    return [(p.line, p.col, p.severity, p.check) for p in report.problems if "regions" in p.path]


def test_diff_reports_a_regional_contacts_other_sources() -> None:
    from samen_refer.engine.region_diff import compare_regions

    old = open_regions(Library.open(REPO / "pathways"))
    nijmegen = next(r for r in old if r.id == "nijmegen")
    cafe = nijmegen.contacts[0]._replace(other_sources=())
    new = [r._replace(contacts=(cafe,)) if r.id == "nijmegen" else r for r in old]
    assert [(c.kind, c.region, c.id, c.fields) for c in compare_regions(old, new)] == [
        ("contact-changed", "nijmegen", "zorgcafe-nijmegen", ("other_sources",))
    ]


def test_diff_reports_a_regions_own_fields() -> None:
    from samen_refer.engine.region_diff import compare_regions, region_markdown

    old = open_regions(Library.open(REPO / "pathways"))
    new = [
        r._replace(municipalities_source=None, name={**r.name, "nl": "Amsterdam-Amstelland"})
        if r.id == "amsterdam"
        else r
        for r in old
    ]
    changes = compare_regions(old, new)
    assert [(c.kind, c.region, c.fields) for c in changes] == [
        ("region-changed", "amsterdam", ("name", "municipalities_source"))
    ]
    assert "- `amsterdam`: region changed (name, municipalities_source)" in region_markdown(changes)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("", "", []),
        ("serves: {consent: [referral]}", "serves: {consnet: [referral]}", [(17, 14, "error", "unknown-question")]),
        ("serves: {consent: [referral]}", "serves: {consent: [ja]}", [(17, 14, "error", "unknown-option")]),
        ("    role: info\n", "    role: emergency\n", [(16, 11, "error", "schema-type")]),
        ("  - id: local-help", "  - id: veilig-thuis", [(11, 5, "error", "duplicate-id")]),
        ("owner:\n", "ownr:\n", [(1, 1, "error", "schema-missing"), (6, 1, "error", "schema-unknown-key")]),
        ("verified: 2026-11-28", "verified: 2025-06-01", [(11, 5, "warning", "contact-stale")]),
        ("verified: 2026-11-28", "verified: 2024-06-01", [(11, 5, "error", "contact-stale")]),
        ("verified: 2026-11-28", "verified: 2027-06-01", [(11, 5, "error", "contact-verified")]),
        ("pathway: mini", "pathway: nope", [(1, 1, "error", "unknown-pathway")]),
        ("email: kaart@example.org", "email: kaart", [(9, 10, "error", "schema-format")]),
        ("    serves:", "    after: nope\n    serves:", [(11, 5, "error", "unknown-contact")]),
        # issue 23: the date a source page carries (an old source is marked by it), checked as strictly as `verified`
        ("source: https://example.org/hulp", "source: https://example.org/hulp\n    source_date: 2018", []),
        ("source: https://example.org/hulp", "source: https://example.org/hulp\n    source_date: 2026-11", []),
        (
            "source: https://example.org/hulp",
            "source: https://example.org/hulp\n    source_date: 2018-13",
            [(16, 18, "error", "contact-verified")],
        ),
        (
            "source: https://example.org/hulp",
            "source: https://example.org/hulp\n    source_date: 18-01",
            [(16, 18, "error", "contact-verified")],
        ),
        (
            "source: https://example.org/hulp",
            "source: https://example.org/hulp\n    source_date: 2026-12",
            [(11, 5, "error", "contact-verified")],
        ),
    ],
)
def test_a_broken_region_file_gives_file_line_col(
    tmp_path: Path, old: str, new: str, expected: list[tuple[int, int, str, str]]
) -> None:
    assert problems_of(tmp_path, edit(REGION, old, new) if old else REGION) == expected


def test_a_municipality_in_two_regions(tmp_path: Path) -> None:
    other = REGION.replace("id: here", "id: there").replace("[Hier]", "[Daar, hier]")
    assert problems_of(tmp_path, REGION, there=other) == [(1, 1, "error", "region-overlap")]


def test_the_region_error_says_where(tmp_path: Path) -> None:
    path = write_case(tmp_path, {"regions/here.yaml": edit(REGION, "role: info", "role: emergency")})
    region, problems = read_region(path / "regions" / "here.yaml")
    assert region is None
    assert [str(p).split(": ", 1)[0] for p in problems] == [f"{path}/regions/here.yaml:16:11"]


def test_regional_contacts_follow_the_national_ones(tmp_path: Path) -> None:
    root = write_case(tmp_path, {"regions/here.yaml": REGION})
    pathway = load_pathway(root / "mini.yaml")
    region = region_for(Library.open(root), "here", pathway)
    given = {"danger": "no", "children": "no", "consent": "referral", "report": "no"}
    without = follow(pathway, given).outcome
    with_region = follow(pathway, given, region).outcome
    assert without is not None and with_region is not None
    ids = [(c.contact.id, c.role, c.regional) for c in with_region.contacts]
    assert ids == [*((c.contact.id, c.role, False) for c in without.contacts), ("local-help", "info", True)]
    served_not = follow(pathway, {"danger": "no", "children": "no", "consent": "no"}, region).outcome
    assert served_not is not None and not any(c.regional for c in served_not.contacts)


def test_route_with_a_region_shows_it_after_the_national_line_with_its_source() -> None:
    result = CliRunner().invoke(app, ["route", "--region", "nijmegen", *_answers(NIJMEGEN_ROUTE), "--lang", "en"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    national = lines.index("3. Doctors of the World (Dokters van de Wereld)")
    assert lines[national + 2 : national + 6] == [  # a web address last, alone on its line when it is long (U7)
        "4. Care café (Zorgcafé) of Doctors of the World in Nijmegen",
        "   information to pass on · in your region · see website:",
        "   https://doktersvandewereld.org/wat-doen-wij/zorg-voor-ieder-mens/zorgcafe/",
        "   source:",
    ]
    assert "rcoak.nl" in lines[national + 6]


def test_route_json_names_the_region_and_marks_regional_contacts() -> None:
    result = CliRunner().invoke(app, ["route", "--region", "nijmegen", *_answers(NIJMEGEN_ROUTE), "--format", "json"])
    data = json.loads(result.output)
    assert data["region"] == "nijmegen"
    contacts = [(c["id"], c["regional"]) for c in data["outcome"]["contacts"]]
    assert contacts[2:4] == [("dokters-van-de-wereld", False), ("zorgcafe-nijmegen", True)]
    regional = data["outcome"]["contacts"][3]
    assert regional["source"].startswith("https://rcoak.nl/") and regional["verified"] == "2026-11-28"


def test_route_json_without_a_region(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SAMEN_REFER_REGION", raising=False)
    data = json.loads(CliRunner().invoke(app, ["route", *_answers(NIJMEGEN_ROUTE), "--format", "json"]).output)
    assert data["region"] is None
    assert not any(c["regional"] for c in data["outcome"]["contacts"])


def test_the_region_comes_from_the_environment_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMEN_REFER_REGION", "nijmegen")
    data = json.loads(CliRunner().invoke(app, ["route", *_answers(NIJMEGEN_ROUTE), "--format", "json"]).output)
    assert data["region"] == "nijmegen"


def test_an_unknown_region_is_bad_input() -> None:
    result = CliRunner().invoke(app, ["route", "--region", "atlantis", *_answers(NIJMEGEN_ROUTE), "--lang", "en"])
    assert result.exit_code == 2
    assert "there is no region 'atlantis'" in result.output


def test_the_persons_handout_shows_regional_contacts(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("\n".join(pair.replace("=", ": ") for pair in NIJMEGEN_ROUTE) + "\n", encoding="utf-8")
    args = ["handout", "--answers", str(answers), "--audience", "person", "--region", "nijmegen", "--lang", "nl"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Zorgcafé van Dokters van de Wereld in Nijmegen (in je regio)" in " ".join(result.output.split())


def test_every_shipped_region_loads_against_sggg() -> None:
    library = Library.open(REPO / "pathways")
    pathway = open_pathway(library, "sggg")
    assert [region_for(library, r, pathway).id for r in library.region_ids()] == [  # type: ignore[union-attr]
        "amsterdam",
        "arnhem",
        "den-haag",
        "nijmegen",
        "rotterdam",
        "utrecht",
    ]
    assert MINI.is_dir()


def test_start_with_a_region_shows_it_in_the_advice() -> None:
    answers = "1\n4\n1\n1\n4\n1\n2\n4\n1\n2\n2\n"  # the route of NIJMEGEN_ROUTE, as numbers
    result = CliRunner().invoke(app, ["start", "--region", "nijmegen", "--plain", "--lang", "en"], input=answers)
    assert result.exit_code == 0, result.output
    assert "4. Care café (Zorgcafé) of Doctors of the World in Nijmegen" in result.output
    assert "   information to pass on · in your region" in result.output


def test_the_phone_guide_carries_the_region() -> None:
    result = CliRunner().invoke(app, ["web", "--region", "amsterdam"])
    assert result.exit_code == 0, result.output
    assert '"id":"amsterdam"' in result.output.replace(" ", "")
    assert "Zorgcafé van Dokters van de Wereld in Amsterdam" in result.output
    plain = CliRunner().invoke(app, ["web"]).output
    assert "zorgcafe-amsterdam" not in plain


def test_no_phone_number_in_a_region_text_can_be_split() -> None:
    from tests.test_content import PHONE_IN_TEXT, texts_of

    library = Library.open(REPO / "pathways")
    texts = texts_of([r.contacts for r in open_regions(library)])
    assert [m.group() for t in texts for m in PHONE_IN_TEXT.finditer(t) if " " in m.group()] == []


def test_practising_a_regional_scenario_walks_in_its_region() -> None:
    answers = "1\n4\n1\n1\n4\n1\n2\n4\n1\n2\n2\n"
    args = ["scenarios", "run", "s33-nijmegen-undocumented-earlier", "--plain", "--lang", "en"]
    result = CliRunner().invoke(app, args, input=answers)
    assert result.exit_code == 0, result.output
    assert "Score: 100 out of 100" in result.output


def test_the_trainers_sheet_of_a_regional_scenario_has_the_regional_contact() -> None:
    args = ["scenarios", "sheet", "s33-nijmegen-undocumented-earlier", "--audience", "trainer", "--lang", "en"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert (
        "<li>Care café (Zorgcafé) of Doctors of the World in Nijmegen – information to pass on, in your region "
        "<strong>(required)</strong></li>"
    ) in result.output


def test_contacts_with_a_region_lists_its_own_marked_regional() -> None:
    result = CliRunner().invoke(app, ["contacts", "--region", "den-haag", "--format", "json", "--lang", "en"])
    data = json.loads(result.output)
    regional = ["zorgbus-den-haag", "csg-den-haag", "wereldhuis-den-haag"]
    assert [c["id"] for c in data if c["regional"]] == regional
    assert data[-3]["source"] == "https://doktersvandewereld.org/faq/hulp-nodig/"
    assert not any(c["regional"] for c in data[:-3])


def test_diff_reports_regional_changes(tmp_path: Path) -> None:
    old = write_case(tmp_path / "old", {"regions/here.yaml": REGION})
    changed = edit(edit(REGION, "[Hier]", "[Hier, Daar]"), "role: info", "role: refer")
    new = write_case(
        tmp_path / "new",
        {
            "regions/here.yaml": changed,
            "regions/there.yaml": REGION.replace("here", "there").replace("[Hier]", "[Ginder]"),
        },
    )
    result = CliRunner().invoke(app, ["diff", str(old), str(new), "--pathway", "mini", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.output.split("### Regions (3)\n\n", 1)[1] == (
        "- `here`: contact `local-help` changed (role)\n- `here`: municipality Daar added\n- region `there` added\n"
    )
    data = json.loads(
        CliRunner().invoke(app, ["diff", str(old), str(new), "--pathway", "mini", "--format", "json"]).output
    )
    assert [(c["change"], c["region"]) for c in data["regions"]] == [
        ("contact-changed", "here"),
        ("municipality-added", "here"),
        ("region-added", "there"),
    ]
    same = json.loads(
        CliRunner().invoke(app, ["diff", str(old), str(old), "--pathway", "mini", "--format", "json"]).output
    )
    assert "regions" not in same


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("nijmegen\n", "Region: Nijmegen."),
        ("  NIJMEGEN \n", "Region: Nijmegen."),
        ("Berg\n\n", "No region for 'Berg'."),
    ],
)
def test_start_can_ask_where_the_helper_works(typed: str, shown: str) -> None:
    answers = "1\n4\n1\n1\n4\n1\n2\n4\n1\n2\n2\n"
    result = CliRunner().invoke(
        app, ["start", "--region", "ask", "--plain", "--lang", "en"], input=typed + answers, env={"COLUMNS": "400"}
    )
    assert result.exit_code == 0, result.output
    assert shown in result.output
    regional = "Care café (Zorgcafé) of Doctors of the World in Nijmegen" in result.output
    assert regional == shown.startswith("Region")


def test_region_of_municipality_is_the_one_that_lists_it() -> None:
    from samen_refer.format.region import region_of_municipality

    regions = open_regions(Library.open(REPO / "pathways"))
    found = {m: getattr(region_of_municipality(regions, m), "id", None) for m in ("Diemen", "den haag", "Ede")}
    assert found == {"Diemen": "amsterdam", "den haag": "den-haag", "Ede": None}


def test_regional_contacts_stay_right_behind_the_national_one_they_follow(tmp_path: Path) -> None:
    from tests.test_web_engine import _REGION_CONTACTS

    root = write_case(tmp_path, {"regions/here.yaml": REGION + _REGION_CONTACTS})
    pathway = load_pathway(root / "mini.yaml")
    region = region_for(Library.open(root), "here", pathway)
    outcome = follow(pathway, {"danger": "yes"}, region).outcome
    assert outcome is not None
    assert [(c.contact.id, c.role, c.regional) for c in outcome.contacts] == [
        ("politie-112", "emergency", False),
        ("after-112", "info", True),  # after: politie-112, in file order
        ("second-after-112", "advice", True),
        ("refer-everywhere", "refer", True),  # no after: behind the last contact of its role or a stronger one
        ("slachtofferhulp", "advice", False),
    ]


def test_the_format_imports_no_checks() -> None:
    """Reading stays in ``format``, checking in ``checks``: a region is checked by ``checks.regions``, loaded for use
    by ``checks.load``, and the format never reaches up into either."""
    import ast

    for path in sorted((REPO / "samen_refer" / "format").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        assert not [m for m in imported if m.startswith("samen_refer.checks")], path.name


ASK_AFTER = ["route", *_answers(NIJMEGEN_ROUTE)]


@pytest.mark.parametrize(
    "args",
    [
        [*ASK_AFTER, "--format", "json"],
        ["contacts"],
        ["web"],
        ["handout", "--answers", "{answers}"],
    ],
    ids=["route", "contacts", "web", "handout"],
)
def test_ask_from_the_environment_means_national_contacts_outside_start(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, args: list[str]
) -> None:
    # R16: SAMEN_REFER_REGION=ask (set once, for `start`) broke route, handout, contacts and web: "no region 'ask'"
    answers = tmp_path / "answers.yaml"
    answers.write_text("".join(f"{pair.replace('=', ': ')}\n" for pair in NIJMEGEN_ROUTE), encoding="utf-8")
    args = [arg.format(answers=answers) for arg in args]
    monkeypatch.setenv("SAMEN_REFER_REGION", "ask")
    result = CliRunner().invoke(app, [*args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    national = CliRunner().invoke(app, [*args, "--lang", "en"], env={"SAMEN_REFER_REGION": ""})
    assert result.stdout == national.stdout


def test_ask_typed_for_a_command_that_does_not_ask_says_where_it_works() -> None:
    result = CliRunner().invoke(app, [*ASK_AFTER, "--region", "ask", "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "samen-refer: --region ask works only with `samen-refer start`, which asks in which municipality you work"
    )


@pytest.mark.parametrize(
    "typed",
    ["\x1b]0;pwned\x07\x1b[31mAmsterdam\u202e", "x\x1b[2K\x1b[1AVraag 1 van 1: alles goed", "a" * 100_000],
    ids=["window-title", "erase-line", "long"],
)
def test_a_municipality_that_is_not_known_is_echoed_escaped_and_short(typed: str) -> None:
    # R8: the typed text reached the terminal as it was: escape sequences, direction controls, any length
    result = CliRunner().invoke(app, ["start", "--region", "ask", "--plain", "--lang", "en"], input=typed + "\nq\n")
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert "No region for" in said
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout and "\x07" not in result.stdout
    assert len(result.stdout) < 5_000
    assert "\\x1b" in said or "characters left out" in said


def test_the_regions_folder_is_read_with_its_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # R10 as root too: a folder that cannot be listed (EACCES) is an error, not "there are no regions"
    import errno

    from samen_refer.problem import SamenReferError

    def refuse(path: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    assert Library(tmp_path).region_ids() == []  # no regions folder: no regions, not an error
    monkeypatch.setattr("samen_refer.format.library.os.scandir", refuse)
    with pytest.raises(SamenReferError) as raised:
        Library(REPO / "pathways").region_ids()
    assert raised.value.told("en")[0] == (
        f"cannot read the regions folder '{REPO / 'pathways' / 'regions'}': Permission denied"
    )


# A Rotterdam route on which its Centrum Seksueel Geweld (an old source) and the Pauluskerk (undated) serve.
ROTTERDAM = ["route", "--region", "rotterdam", *_answers(NIJMEGEN_ROUTE), "--lang", "en"]
OLD_MARK = "Old source (a page from 2016): check on the website that this is still right before you pass it on."


def test_an_old_regional_source_is_marked_for_the_helper_after_its_source() -> None:
    result = CliRunner().invoke(app, ROTTERDAM, env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    csg = lines.index(
        next(x for x in lines if x.endswith("Sexual Assault Centre (Centrum Seksueel Geweld) Rotterdam-Rijnmond"))
    )
    source = next(i for i in range(csg, len(lines)) if lines[i].lstrip().startswith("source:"))
    assert "arosa-zhz.nl/nieuws-65" in lines[source] and lines[source + 1].strip() == OLD_MARK
    assert result.output.count("Old source") == 1  # the Pauluskerk's page is undated: not marked


def test_the_persons_handout_carries_no_old_source_note(tmp_path: Path) -> None:
    # the mark is for the helper (N-m3: no maintainer notes on the person's paper)
    answers = tmp_path / "answers.yaml"
    answers.write_text("\n".join(pair.replace("=", ": ") for pair in NIJMEGEN_ROUTE) + "\n", encoding="utf-8")
    args = ["handout", "--answers", str(answers), "--audience", "person", "--region", "rotterdam", "--lang", "en"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Rotterdam-Rijnmond" in result.output and "Old source" not in result.output
