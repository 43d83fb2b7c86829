"""Texts in several languages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

Translations = Mapping[str, str]  # one text by language code, as read by the ``Translated`` shape
LANGUAGES: Final = ("nl", "en")
DEFAULT_LANGUAGE: Final = "nl"


def pick(text: Translations, lang: str) -> str:
    """The text in ``lang``; falls back to Dutch, then to any language the text has."""
    return text.get(lang) or text.get(DEFAULT_LANGUAGE) or next(iter(text.values()), "")
