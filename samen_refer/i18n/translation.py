"""The tool's own words in every language, from gettext catalogues (``locale/LANG/LC_MESSAGES/samen_refer.po``).

Source texts are English; each has a context (``msgctxt``): a stable key such as ``result`` or ``practice.differs``.
Translators edit the ``.po`` files (Poedit, Weblate); ``python -m samen_refer.i18n.catalogues`` adds new texts to
them and compiles the ``.mo`` files shipped in the wheel. Pathway texts are not here: they stay in the pathway YAML.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Final

LOCALE: Final = Path(__file__).parent / "locale"
DOMAIN: Final = "samen_refer"
DEFAULT: Final = "nl"


@cache
def translator(lang: str) -> gettext.NullTranslations:
    """The catalogue of ``lang``; untranslated texts stay in English."""
    return gettext.translation(DOMAIN, LOCALE, [lang], fallback=True)


def translate(context: str, english: str, lang: str) -> str:
    """``english`` (known as ``context`` to translators) in ``lang``."""
    return translator(lang).pgettext(context, english)


_THOUSANDS: Final = {"nl": "."}  # the separator of thousands where it is not a comma


def number(n: int, lang: str) -> str:
    """A whole number as people write it in ``lang``: 267.870 in Dutch, 267,870 in English."""
    return f"{n:,}".replace(",", _THOUSANDS.get(lang, ","))


class Words:
    """One part's own words: English source texts by key, known to translators as ``CONTEXT.KEY``. Each is listed
    in ``catalogues.SOURCES``, which puts its texts in the catalogues."""

    def __init__(self, context: str, english: Mapping[str, str]) -> None:
        self.context: Final = context
        self.english: Final = english

    def __call__(self, key: str, lang: str, **values: object) -> str:
        """The text of ``key`` in ``lang``, with ``values`` filled in when there are any."""
        text = translate(f"{self.context}.{key}", self.english[key], lang)
        return text.format(**values) if values else text

    def every(self, lang: str) -> dict[str, str]:
        """Every text in ``lang`` by key, as they are (for templates)."""
        return {key: self(key, lang) for key in self.english}


def requested_language(argv: list[str]) -> str:
    """The language asked for on the command line (``--lang xx`` or ``--lang=xx``), else by SAMEN_REFER_LANG, else
    Dutch (also for a language without a catalogue); for what is said before a command has parsed its options."""
    import os

    asked = None
    for n, arg in enumerate(argv):  # the last one counts, as for the command itself
        if arg == "--lang" and n + 1 < len(argv):
            asked = argv[n + 1]
        elif arg.startswith("--lang="):
            asked = arg.partition("=")[2]
    asked = asked or os.environ.get("SAMEN_REFER_LANG")
    return asked if asked in catalogue_languages() else DEFAULT


def catalogue_languages() -> tuple[str, ...]:
    """The languages that have a compiled catalogue: the choices of ``--lang``."""
    return tuple(sorted(p.parent.parent.name for p in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")))
