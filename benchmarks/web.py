"""Size of the phone guide and its time from navigation to the first question on screen, in headless Chromium, beside
the bare HTML handout (the person's page for scenario s01, no script) as the floor, measured side by side.

Each round opens the floor and then the guide in fresh pages, so both see the same machine load; the script prints
the sizes, the median times and the median of the per-round ratios. Targets (issue 13): <= 150 ms, <= 1.5x the floor.

    python benchmarks/web.py [--rounds 21] [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from samen_refer.checks.load import open_pathway  # noqa: E402
from samen_refer.checks.scenarios import read_scenario  # noqa: E402
from samen_refer.engine.route import follow  # noqa: E402
from samen_refer.format.library import Library  # noqa: E402
from samen_refer.render.handout import handout_data, render  # noqa: E402
from samen_refer.render.web.page import build_page  # noqa: E402


def pages(folder: Path) -> tuple[Path, Path]:
    """The floor (the person's HTML handout for s01) and the guide, written to ``folder``."""
    pathway = open_pathway(Library.open(None), "sggg")
    case, _ = read_scenario(REPO / "pathways" / "scenarios" / "s01-recent-assault-azc.yaml")
    assert case is not None
    floor = folder / "handout.html"
    data = handout_data(pathway, follow(pathway, case.given()), "nl", "person")
    floor.write_text(render("handout/person.html.j2", data), encoding="utf-8")
    guide = folder / "gids.html"
    guide.write_text(build_page(pathway, "nl"), encoding="utf-8")
    return floor, guide


def time_to_first_screen(browser: Any, url: str, selector: str) -> float:
    """Milliseconds from the start of navigation until ``selector`` is visible, in a fresh page."""
    page = browser.new_page()
    began = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_selector(selector, state="visible")
    elapsed = (time.perf_counter() - began) * 1000
    page.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as driver:
        floor, guide = pages(Path(tmp))
        browser = driver.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        time_to_first_screen(browser, guide.as_uri(), "h1[data-question]")  # warm the browser once
        floors, guides, ratios = [], [], []
        for _ in range(args.rounds):
            floors.append(time_to_first_screen(browser, floor.as_uri(), "h1"))
            guides.append(time_to_first_screen(browser, guide.as_uri(), "h1[data-question]"))
            ratios.append(guides[-1] / floors[-1])
        browser.close()
        print(f"{'page':<28}{'size':>10}{'first screen (median)':>24}")
        print(f"{'floor: person handout':<28}{floor.stat().st_size:>8} B{statistics.median(floors):>21.1f} ms")
        print(f"{'phone guide (sggg)':<28}{guide.stat().st_size:>8} B{statistics.median(guides):>21.1f} ms")
        print(f"ratio (median of {args.rounds} rounds): {statistics.median(ratios):.2f}x the floor")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
