"""``samen-refer graph``: exact Mermaid and DOT for a tiny pathway, escaping, ``--from`` and Mermaid's size limits."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from samen_refer.cli.boundary import BoundaryGroup
from samen_refer.cli.graph import graph
from samen_refer.format.vocabulary import END
from samen_refer.render.graph import Diagram, Edge, dot, mermaid
from tests.conftest import MINI, REPO, missing

runner = CliRunner()
app = typer.Typer(cls=BoundaryGroup)
app.command("graph")(graph)


@app.callback()
def _main() -> None:
    """The graph command alone (a single-command app would drop its name)."""


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["graph", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


TINY = """\
    id: tiny
    version: "1"
    title: {nl: Klein, en: Tiny}
    languages: [nl, en]
    start: danger
    questions:
      - id: danger
        text: {nl: Is er gevaar?, en: Any danger?}
        why: {nl: Veiligheid., en: Safety.}
        options:
          - {id: yes, label: {nl: Ja, en: "Yes"}, next: end}
          - {id: no, label: {nl: Nee, en: "No"}}
        next: consent
      - id: consent
        text: {nl: Wil de persoon hulp?, en: Does the person want help?}
        why: {nl: De persoon kiest., en: The person decides.}
        options:
          - {id: referral, label: {nl: Hulp, en: Help}}
          - {id: no, label: {nl: Geen hulp, en: No help}}
        next:
          - when: {consent: [referral], danger: [no]}
            to: report
          - to: end
      - id: report
        text: {nl: Aangifte doen?, en: Report to the police?}
        why: {nl: Alleen als de persoon wil., en: Only if the person wants to.}
        options:
          - {id: yes, label: {nl: Ja, en: "Yes"}}
          - {id: no, label: {nl: Nee, en: "No"}}
        next: end
    blocks:
      - id: acute
        when: {danger: [yes]}
        urgency: emergency
        contacts:
          - {contact: politie-112, role: emergency}
      - id: help
        when: {consent: [referral]}
        unless: {report: [yes]}
        contacts:
          - {contact: slachtofferhulp, role: refer}
      - id: always
        steps:
          - {id: self-care, text: {nl: Zorg ook voor uzelf., en: Take care of yourself too.}}
"""

# "Hulp" (referral) follows the conditional rule or, otherwise, the last one; for "Geen hulp" the conditional rule
# can never hold (it asks for consent = referral), so it is left out.
TINY_MERMAID_NL = """\
flowchart TD
  q_danger["Is er gevaar?<br/>(danger)"]
  q_consent["Wil de persoon hulp?<br/>(consent)"]
  q_report["Aangifte doen?<br/>(report)"]
  outcome(["Advies"])
  q_danger -->|"Ja"| outcome
  q_danger -->|"Nee"| q_consent
  q_consent -->|"Hulp [als danger = no]"| q_report
  q_consent -->|"Hulp [anders]"| outcome
  q_consent -->|"Geen hulp"| outcome
  q_report -->|"Ja"| outcome
  q_report -->|"Nee"| outcome
  outcome --- blocks["acute: als danger = yes (emergency)<br/>help: als consent = referral, tenzij report = yes<br/>always: altijd"]
"""

TINY_DOT_EN = """\
digraph "tiny" {
  node [shape=box, style=rounded, fontname="sans-serif"];
  edge [fontname="sans-serif", fontsize=10];
  "q_danger" [label="Any danger?\\n(danger)"];
  "q_consent" [label="Does the person want help?\\n(consent)"];
  "q_report" [label="Report to the police?\\n(report)"];
  "outcome" [label="Advice", shape=doubleoctagon];
  "q_danger" -> "outcome" [label="Yes"];
  "q_danger" -> "q_consent" [label="No"];
  "q_consent" -> "q_report" [label="Help [if danger = no]"];
  "q_consent" -> "outcome" [label="Help [otherwise]"];
  "q_consent" -> "outcome" [label="No help"];
  "q_report" -> "outcome" [label="Yes"];
  "q_report" -> "outcome" [label="No"];
  "blocks" [label="acute: if danger = yes (emergency)\\lhelp: if consent = referral, unless report = yes\\lalways: always\\l", shape=note];
  "outcome" -> "blocks" [arrowhead=none, style=dashed];
}
"""

TINY_MERMAID_FROM_CONSENT = """\
flowchart TD
  q_consent["Wil de persoon hulp?<br/>(consent)"]
  q_report["Aangifte doen?<br/>(report)"]
  outcome(["Advies"])
  q_consent -->|"Hulp [als danger = no]"| q_report
  q_consent -->|"Hulp [anders]"| outcome
  q_consent -->|"Geen hulp"| outcome
  q_report -->|"Ja"| outcome
  q_report -->|"Nee"| outcome
  outcome --- blocks["acute: als danger = yes (emergency)<br/>help: als consent = referral, tenzij report = yes<br/>always: altijd"]
"""


@pytest.fixture
def tiny(write: Callable[[str, str], Path]) -> Path:
    """A pathways directory holding tiny.yaml (and the mini contacts)."""
    return write("tiny.yaml", TINY).parent


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], TINY_MERMAID_NL),
        (["--format", "mermaid", "--lang", "nl"], TINY_MERMAID_NL),
        (["--format", "dot", "--lang", "en"], TINY_DOT_EN),
        (["--from", "consent"], TINY_MERMAID_FROM_CONSENT),
    ],
)
def test_exact_diagram_of_a_tiny_pathway(tiny: Path, args: list[str], expected: str) -> None:
    assert run("tiny", "--pathways", str(tiny), *args) == (0, expected, "")


@pytest.mark.parametrize(
    ("text", "in_mermaid", "in_dot"),
    [
        ('Zeg "stop"', "Zeg #quot;stop#quot;", 'Zeg \\"stop\\"'),
        ("Hulp (ja) [nee] {x} | y; z", "Hulp (ja) [nee] {x} | y; z", "Hulp (ja) [nee] {x} | y; z"),
        ("<script>alert(1)</script>", "#lt;script#gt;alert(1)#lt;/script#gt;", "<script>alert(1)</script>"),
        ("Nummer #1 & meer", "Nummer #35;1 #amp; meer", "Nummer #1 & meer"),
        ("al #quot; geschreven", "al #35;quot; geschreven", "al #quot; geschreven"),
        ("`code`", "#96;code#96;", "`code`"),
        ("één\nrégel", "één<br/>régel", "één\\nrégel"),
        ("a\\b\r", "a\\b", "a\\\\b"),
    ],
)
def test_labels_are_escaped(text: str, in_mermaid: str, in_dot: str) -> None:
    layout = Diagram((("x-y", text),), (), "Advies", "")
    assert mermaid(layout) == f'flowchart TD\n  q_x_y["{in_mermaid}"]\n'
    assert dot(layout, "p") == (
        'digraph "p" {\n'
        '  node [shape=box, style=rounded, fontname="sans-serif"];\n'
        '  edge [fontname="sans-serif", fontsize=10];\n'
        f'  "q_x-y" [label="{in_dot}"];\n'
        "}\n"
    )


def test_mermaid_node_ids_never_clash_and_never_hold_a_dash() -> None:
    # 'end' is a Mermaid keyword and '-' can start an arrow ('a--b', 'x-o'): ids get a prefix, dashes become '_'
    layout = Diagram((("a-b", "1"), ("a_b", "2"), ("outcome", "3"), ("x--o", "4")), (), "Advies", "")
    assert mermaid(layout).splitlines()[1:] == ['  q_a_b["1"]', '  q_a_b_2["2"]', '  q_outcome["3"]', '  q_x__o["4"]']


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--from", "nope"],
            "samen-refer: routekaart 'mini' heeft geen vraag 'nope'\n  De vragen zijn: danger, children, consent, report.\n",
        ),
        (
            ["--format", "svg"],
            "samen-refer: Ongeldige waarde voor '--format': 'svg' kan niet; kies uit 'mermaid', 'dot'.",
        ),
    ],
)
def test_bad_input_exits_2(args: list[str], message: str) -> None:
    code, out, err = run("mini", "--pathways", str(MINI), *args)
    assert (code, out) == (2, "")
    assert message in err


def _wide(options: int, text_length: int) -> str:
    """A pathway with one question: ``options`` options (each one edge) and a question text of ``text_length``."""
    listed = "\n".join(f"      - {{id: o{n}, label: {{nl: O{n}, en: O{n}}}}}" for n in range(options))
    return (
        "id: wide\nversion: '1'\ntitle: {nl: W, en: W}\nlanguages: [nl, en]\nstart: q\nquestions:\n  - id: q\n"
        f"    text: {{nl: {'x' * text_length}, en: x}}\n    why: {{nl: w, en: w}}\n    options:\n{listed}\n"
        "    next: end\nblocks:\n  - id: b\n"
    )


@pytest.mark.parametrize(
    ("options", "text_length", "size"),
    [
        (499, 10, None),  # 499 option edges and the one to the blocks: exactly Mermaid's limit
        (500, 10, "501 pijlen, "),
        (1, 50_000, "2 pijlen, 50,1"),
    ],
)
def test_mermaid_size_limit(
    write: Callable[[str, str], Path], options: int, text_length: int, size: str | None
) -> None:
    pathways = str(write("wide.yaml", _wide(options, text_length)).parent)
    code, out, err = run("wide", "--pathways", pathways)
    if size is None:
        assert (code, err) == (0, "")
        assert out.count("-->") + out.count("---") == 500
        return
    assert (code, out) == (2, "")
    assert err.startswith(f"samen-refer: de Mermaid-tekening van 'wide' is te groot ({size}")
    assert err.endswith("\n  Gebruik --format dot, of --from VRAAG om alleen het deel na één vraag te tekenen.\n")
    assert run("wide", "--pathways", pathways, "--format", "dot")[0] == 0


# Diagrams a real parser must accept: the shipped pathway, the test pathway, and every escaping case at once.
TORTURE = Diagram(
    (("a--b", 'Zeg "stop" (nu) [x] {y} <script>alert(1)</script> #1 &amp; `c` %% ; | één\nregel\\'),),
    (Edge("a--b", END, "Ja [als a = b] | <b> #quot; (x)"), Edge("a--b", "a--b", "-->|x|")),
    "Advies",
    "a: als b = c\nd: altijd",
)


def _diagrams(output: str) -> list[str]:
    shipped = [["--pathways", str(REPO / "pathways")], ["mini", "--pathways", str(MINI)]]
    drawn = [run(*args, "--format", output, "--lang", lang)[1] for args in shipped for lang in ("nl", "en")]
    return [*drawn, mermaid(TORTURE) if output == "mermaid" else dot(TORTURE, 'a "b"')]


def test_graphviz_reads_the_dot_output() -> None:
    if shutil.which("dot") is None:
        missing("Graphviz 'dot' is not installed (apt-get install graphviz)")
    for text in _diagrams("dot"):
        done = subprocess.run(["dot", "-Tsvg"], input=text.encode(), capture_output=True, check=False)
        assert (done.returncode, done.stderr) == (0, b"")


MERMAID_CHECK = """\
// Reads a JSON list of diagrams; prints a JSON list with, for each, its parse error or "".
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
const require = createRequire(process.argv[2] + '/');
const { JSDOM } = require('jsdom');
const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import(pathToFileURL(require.resolve('mermaid')).href);
let input = '';
for await (const chunk of process.stdin) input += chunk;
const errors = [];
for (const text of JSON.parse(input)) {
  try {
    await mermaid.parse(text);
    errors.push('');
  } catch (e) {
    errors.push(String(e.message || e));
  }
}
console.log(JSON.stringify(errors));
"""
MERMAID_DIR = os.environ.get("SAMEN_REFER_MERMAID_DIR", "")


def test_mermaid_parses_the_output(tmp_path: Path) -> None:
    if not (Path(MERMAID_DIR) / "node_modules" / "mermaid").is_dir() or shutil.which("node") is None:
        missing("set SAMEN_REFER_MERMAID_DIR to .ci after `npm ci --prefix .ci`")
    script = tmp_path / "check.mjs"
    script.write_text(MERMAID_CHECK, encoding="utf-8")
    diagrams = _diagrams("mermaid")
    done = subprocess.run(
        ["node", str(script), MERMAID_DIR], input=json.dumps(diagrams).encode(), capture_output=True, check=True
    )
    assert json.loads(done.stdout) == [""] * len(diagrams)


BLOCKS = """\
    id: blocks
    version: "1"
    title: {nl: B, en: B}
    languages: [nl, en]
    start: a
    questions:
      - id: a
        text: {nl: A?, en: A?}
        why: {nl: W., en: W.}
        options:
          - {id: x, label: {nl: X, en: X}}
          - {id: y, label: {nl: Y, en: Y}}
        next: b
      - id: b
        text: {nl: B?, en: B?}
        why: {nl: W., en: W.}
        options:
          - {id: y, label: {nl: Y, en: Y}}
        next: end
    blocks:
      - {id: plain}
      - {id: never, when: {a: x}, unless: {a: x}, urgency: emergency}
      - {id: both, when: {a: [x, y], b: [y]}, unless: {a: y}, urgency: urgent}
"""


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        ("nl", "plain: altijd<br/>never: als a = x, tenzij a = x (emergency)<br/>both: als a = x/y en b = y, tenzij a = y (urgent)"),
        ("en", "plain: always<br/>never: if a = x, unless a = x (emergency)<br/>both: if a = x/y and b = y, unless a = y (urgent)"),
    ],
)  # fmt: skip
def test_blocks_are_listed_with_their_conditions(write: Callable[[str, str], Path], lang: str, lines: str) -> None:
    code, out, _ = run("blocks", "--pathways", str(write("blocks.yaml", BLOCKS).parent), "--lang", lang)
    assert (code, out.splitlines()[-1]) == (0, f'  outcome --- blocks["{lines}"]')
