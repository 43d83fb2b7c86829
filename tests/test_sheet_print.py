"""Exercise sheets as a trainer prints them: every shipped scenario's participant copy, printed to A4 in Chromium
(driven by Playwright, as in tests/test_web_browser.py), takes at most two pages (U19: a third page held one line).

Needs ``playwright`` (the test extras) and Chromium at ``SAMEN_REFER_CHROMIUM`` (default ``/usr/bin/chromium``).
The PDFs are kept in ``tests/artifacts/sheets/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests import test_web_browser
from tests.conftest import REPO
from tests.trainers import run

browser = test_web_browser.browser  # Chromium, launched once for this file (tests/test_web_browser.py)
ARTIFACTS = REPO / "tests" / "artifacts" / "sheets"
SHIPPED = ["--pathways", str(REPO / "pathways")]
SHIPPED_IDS = sorted(p.stem for p in (REPO / "pathways" / "scenarios").glob("*.yaml"))


@pytest.fixture(scope="module")
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(java_script_enabled=False)
    context.route("**/*", lambda route: route.abort())  # a sheet loads nothing from outside
    yield context.new_page()
    context.close()


def printed_pages(page: Any, html: str) -> tuple[int, bytes]:
    page.set_content(html)
    pdf: bytes = page.pdf(format="A4", print_background=True)
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf)), pdf


@pytest.mark.no_cover  # a loop over code other tests cover: coverage would add seconds and no line
@pytest.mark.xdist_group("browser-sheets")
def test_every_participant_sheet_prints_on_at_most_two_a4_pages(page: Any) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for lang in ("nl", "en"):
        longest = (0, b"")
        for scenario_id in SHIPPED_IDS:
            code, html, _ = run("scenarios", "sheet", scenario_id, "--lang", lang, *SHIPPED)
            assert code == 0
            counts[f"{scenario_id}-{lang}"], pdf = printed_pages(page, html)
            longest = max(longest, (len(html), pdf))
        (ARTIFACTS / f"longest-participant-{lang}.pdf").write_bytes(longest[1])
    assert {name: n for name, n in counts.items() if n > 2} == {}
