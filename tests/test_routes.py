"""``samen-refer routes``: every route listed, or counted without listing."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from samen_refer.cli.app import app
from samen_refer.engine.advice import Advice
from samen_refer.render.report import routes_json
from tests.conftest import MINI

runner = CliRunner()
ARGS = ["routes", "mini", "--pathways", str(MINI)]


def test_count_is_the_number_of_distinct_answer_sets() -> None:
    # danger=yes ends at once (1); danger no/unsure x children yes/no x (consent no, or referral x report yes/no)
    assert runner.invoke(app, [*ARGS, "--count"]).stdout == "13\n"


def test_csv_lists_answers_urgency_and_contacts_with_roles() -> None:
    lines = runner.invoke(app, [*ARGS, "--format", "csv"]).stdout.splitlines()
    assert lines[:3] == [
        "answers,urgency,contacts",
        "danger=yes,emergency,politie-112:emergency slachtofferhulp:advice",
        "danger=no children=yes consent=referral report=yes,urgent,veilig-thuis:refer slachtofferhulp:refer politie:refer",
    ]
    assert len(lines) == 14


def test_json_and_limit() -> None:
    result = runner.invoke(app, [*ARGS, "--format", "json", "--limit", "2", "--lang", "en"])
    data = json.loads(result.stdout)
    assert data["total"] == 13 and len(data["routes"]) == 2
    assert data["routes"][0] == {"answers": {"danger": "yes"}, "urgency": "emergency",
                                 "contacts": [{"id": "politie-112", "role": "emergency"}, {"id": "slachtofferhulp", "role": "advice"}]}  # fmt: skip
    assert "Listed 2 of 13 routes; use --limit or --count." in result.stderr


def test_table_has_one_line_per_route() -> None:
    out = runner.invoke(app, ARGS).stdout.splitlines()
    assert out[0] == "danger=yes  ->  emergency: politie-112:emergency slachtofferhulp:advice"
    assert len(out) == 13


def test_json_is_streamed_exactly_as_json_dumps_writes_it() -> None:
    out = runner.invoke(app, [*ARGS, "--format", "json"]).stdout
    assert out == json.dumps(json.loads(out), ensure_ascii=False, indent=1) + "\n"
    written: list[int] = []
    routes = [({}, Advice("routine", (), ())), ({"q": "é"}, Advice("soon", (("c", "info"),), ()))]
    text = "".join(routes_json(iter(routes), 2, written))
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=1) + "\n"
    assert written == [2] and json.loads(text)["routes"][0] == {"answers": {}, "urgency": "routine", "contacts": []}
