"""Build the phone guide page."""

from __future__ import annotations

from pathlib import Path

ASSETS = Path(__file__).parent


def asset(name: str) -> Path:
    """A file shipped beside this module: the page's template, style and scripts."""
    return ASSETS / name
