"""Texts in several languages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

Text = Mapping[str, str]
LANGUAGES: Final = ("nl", "en")
DEFAULT_LANGUAGE: Final = "nl"


def pick(text: Text, lang: str) -> str:
    """The text in ``lang``; falls back to Dutch, then to any language the text has."""
    return text.get(lang) or text.get(DEFAULT_LANGUAGE) or next(iter(text.values()), "")
